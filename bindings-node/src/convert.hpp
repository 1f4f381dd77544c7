// Conversions between JavaScript values and the core's types. The JS layer
// validates jsonwebtoken's option shapes; these checks keep the addon safe when
// it is called directly.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <napi.h>
#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"

namespace appjwt::node {

// Every property name the addon reads or sets. Options reads an object by
// matching its keys against these names; the result objects are built with V8
// strings made once per environment (PropertyNames) rather than on every call.
// clang-format off
#define APPJWT_NODE_PROPERTY_NAMES(X)                                                       \
  X(algorithm) X(algorithms) X(allowInsecureKeySizes) X(appId) X(appIdClaim)                \
  X(appIdFromKid) X(audience) X(audiencePatterns) X(claim) X(claims) X(clockTolerance)      \
  X(code) X(complete) X(defaultMaxAge) X(expiredAt) X(expiresIn) X(flags) X(header)         \
  X(ignoreExpiration) X(ignoreNotBefore) X(issuer) X(jwtid) X(key) X(keyid) X(kid)          \
  X(maxAge) X(maxDocumentSize) X(maxTokenSize) X(noTimestamp) X(nonce) X(notBefore) X(now)  \
  X(payload) X(privateKey) X(publicKey) X(refetchCooldown) X(refreshMargin)                 \
  X(rejectUnexpectedAudience) X(requireExpiration) X(requiredClaims) X(requiredScopes)      \
  X(rsaBits) X(scopes) X(signature) X(source) X(strictAudience) X(subject) X(thumbprintKid) \
  X(timeoutMs) X(ttl) X(understoodCritical) X(verifiedTokenCacheSize) X(verifyIssuedAt)
// clang-format on

enum class Name {
#define APPJWT_NODE_ENUMERATOR(name) name,
  APPJWT_NODE_PROPERTY_NAMES(APPJWT_NODE_ENUMERATOR)
#undef APPJWT_NODE_ENUMERATOR
};
#define APPJWT_NODE_COUNT(name) +1
inline constexpr std::size_t name_count = 0 APPJWT_NODE_PROPERTY_NAMES(APPJWT_NODE_COUNT);
#undef APPJWT_NODE_COUNT

// The names as V8 strings, made once. Node-API before version 10 cannot reference
// a string directly, so they are held as the elements of one array.
class PropertyNames {
 public:
  explicit PropertyNames(Napi::Env env);
  Napi::String operator[](Name name) const;
  static const char* text(Name name);
  static std::optional<Name> find(std::string_view text);

 private:
  Napi::ObjectReference strings_;
};

// The name as a V8 string made once, for Object::Set.
Napi::String name_of(Napi::Env env, Name name);

// What a checked value is, for error messages: "token", or "options" and a member
// name. Kept as parts so that a value that passes costs no string building.
struct What {
  What(const char* name) : prefix(name) {}  // NOLINT: a plain name converts implicitly
  What(std::string_view object, std::optional<Name> name) : prefix(object), member(name) {}
  std::string text() const;

  std::string_view prefix;
  std::optional<Name> member;
};

// A string (as UTF-8) or the bytes of a Buffer / Uint8Array.
std::string bytes_of(const Napi::Value& value, const What& what);
std::string string_of(const Napi::Value& value, const What& what);
// A finite number (NaN and infinities would defeat the core's comparisons).
double number_of(const Napi::Value& value, const What& what);
// JavaScript's largest exactly representable integer (Number.MAX_SAFE_INTEGER).
inline constexpr std::int64_t max_safe_integer = (std::int64_t{1} << 53) - 1;
// RSA sizes beyond any the core generates (it refuses all but 2048/3072/4096).
inline constexpr std::int64_t max_rsa_bits = 16384;
// A finite number in [min, max], rounded down to an integer.
std::int64_t integer_of(const Napi::Value& value, const What& what, std::int64_t min,
                        std::int64_t max);
Algorithm algorithm_of(const Napi::Value& value);
// A string or an array of strings.
std::vector<std::string> strings_of(const Napi::Value& value, const What& what);
std::vector<Algorithm> algorithms_of(const Napi::Value& value);

// Any JSON-compatible value, through the engine's JSON.stringify / JSON.parse.
nlohmann::json json_of(const Napi::Value& value);
Napi::Value to_js(Napi::Env env, const nlohmann::json& value);
Napi::Array to_js(Napi::Env env, const std::vector<std::string>& strings);
Napi::Array to_js(Napi::Env env, const std::vector<Algorithm>& algorithms);

// Reads the members of an options object; undefined and null members are absent.
// The object's enumerable string keys (own and inherited, as for...in) are listed
// once, so an absent option costs no lookup: most calls set only a few.
class Options {
 public:
  // `what` names the object in error messages; it must outlive the Options.
  Options(const Napi::Value& value, std::string_view what);
  std::optional<Napi::Value> get(Name name) const;
  std::optional<std::string> string(Name name) const;
  std::optional<double> number(Name name) const;
  std::optional<std::int64_t> integer(Name name, std::int64_t min, std::int64_t max) const;
  bool flag(Name name, bool absent) const;
  std::vector<std::string> strings(Name name) const;  // empty when absent

 private:
  napi_env env_;
  std::array<napi_value, name_count> values_{};  // nullptr: absent
  std::string_view what_;
};

}  // namespace appjwt::node
