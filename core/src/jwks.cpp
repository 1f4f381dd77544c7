#include "jwks.hpp"

#include <cstddef>
#include <map>
#include <string>

#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"
#include "json.hpp"

namespace appjwt::detail {

namespace {

// Far above any real deployment; bounds the work one hostile document can cause.
constexpr std::size_t max_jwks_keys = 1000;

// Members that only private or symmetric JWKs have (RFC 7518 6.2.2, 6.3.2, 6.4; RFC 8037 2).
constexpr std::string_view private_members[] = {"d", "p", "q", "dp", "dq", "qi", "k"};

std::string optional_string_member(const nlohmann::json& jwk, const char* name) {
  const auto member = jwk.find(name);
  if (member == jwk.end()) return {};
  if (!member->is_string()) {
    throw Error(ErrorCode::malformed, std::string("\"") + name + "\" is not a string");
  }
  return member->get<std::string>();
}

AppKey parse_jwk(const nlohmann::json& jwk, const AppKeyOptions& options) {
  if (!jwk.is_object()) throw Error(ErrorCode::malformed, "not a JSON object");
  for (const auto member : private_members) {
    if (jwk.contains(member)) {
      throw Error(ErrorCode::key_error,
                  "a private or symmetric key; a key store holds public keys only");
    }
  }
  const std::string kid = optional_string_member(jwk, "kid");
  std::string app_id = optional_string_member(jwk, "appId");
  if (app_id.empty()) app_id = kid;
  if (app_id.empty()) throw Error(ErrorCode::invalid_app_id, "no app ID (\"appId\" or \"kid\")");
  validate_app_id(app_id);
  const std::string alg = optional_string_member(jwk, "alg");
  AppKeyOptions key_options = options;
  key_options.kid = kid;
  return make_app_key(app_id, Key::from_jwk(jwk), key_options,
                      alg.empty() ? std::nullopt : std::optional(parse_algorithm(alg)));
}

}  // namespace

std::vector<AppKey> parse_jwks(std::string_view jwks_json, const AppKeyOptions& options,
                               std::string_view source) {
  const std::string where = "JWKS " + std::string(source);
  const auto document = parse_json_object(jwks_json, where);
  const auto keys = document.find("keys");
  if (keys == document.end() || !keys->is_array()) {
    throw Error(ErrorCode::malformed, where + " has no \"keys\" array");
  }
  if (keys->size() > max_jwks_keys) {
    throw Error(ErrorCode::malformed,
                where + " has more than " + std::to_string(max_jwks_keys) + " keys");
  }
  std::vector<AppKey> result;
  for (std::size_t index = 0; index < keys->size(); ++index) {
    const auto& jwk = (*keys)[index];
    // RFC 7517 4.2: a key published for encryption must not verify signatures.
    if (jwk.is_object() && jwk.contains("use") && jwk["use"] != "sig") continue;
    try {
      result.push_back(parse_jwk(jwk, options));
    } catch (const Error& error) {
      throw Error(error.code(), where + " key " + std::to_string(index) + ": " + error.what(),
                  error.claim());
    }
  }
  return result;
}

nlohmann::json make_jwks(const std::vector<AppKey>& keys, const JwksOptions& options) {
  std::map<std::string_view, std::size_t> keys_per_app;
  for (const auto& app_key : keys) ++keys_per_app[app_key.app_id];
  auto jwks = nlohmann::json::array();
  for (const auto& app_key : keys) {
    auto jwk = app_key.key.to_public_jwk();
    std::string kid = app_key.kid;
    if (options.thumbprint_kid) {
      kid = app_key.key.thumbprint();
    } else if (keys_per_app[app_key.app_id] == 1) {
      kid = app_key.app_id;
    }
    jwk["kid"] = kid;
    if (kid != app_key.app_id) jwk["appId"] = app_key.app_id;
    jwk["use"] = "sig";
    if (app_key.algorithms.size() == 1) jwk["alg"] = to_string(app_key.algorithms.front());
    jwks.push_back(std::move(jwk));
  }
  return {{"keys", std::move(jwks)}};
}

}  // namespace appjwt::detail
