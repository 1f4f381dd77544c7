// JWT claims (RFC 7519): building a claims set for sign(), and verify(): header
// checks (alg, crit), the signature, then the claims. Semantics follow
// jsonwebtoken and PyJWT where they agree, and the RFC where they do not.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include "appjwt/errors.hpp"
#include "appjwt/jwt.hpp"
#include "claims.hpp"
#include "json.hpp"

namespace appjwt {
namespace {

using json = nlohmann::json;

// 2^53 seconds: beyond it a double (and a JavaScript Number) no longer holds
// whole seconds exactly, so such a "date" is a mistake or an attack.
constexpr double max_numeric_date = 9007199254740992.0;

NumericDate current_time(const std::optional<NumericDate>& injected) {
  if (injected) return *injected;
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string format_seconds(double seconds) {
  if (seconds == std::floor(seconds) && std::fabs(seconds) <= max_numeric_date) {
    return std::to_string(static_cast<std::int64_t>(seconds));
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

std::string clock_description(NumericDate now, double tolerance) {
  return " (now " + format_seconds(now) + ", clock tolerance " + format_seconds(tolerance) + " s)";
}

bool is_numeric_date(const json& value) {
  if (!value.is_number()) return false;
  const auto seconds = value.get<double>();
  return std::isfinite(seconds) && std::fabs(seconds) <= max_numeric_date;
}

// The claim as a NumericDate, nullopt when absent; malformed when it is not one.
std::optional<NumericDate> numeric_date(const json& payload, const std::string& claim) {
  const auto value = payload.find(claim);
  if (value == payload.end()) return std::nullopt;
  if (!is_numeric_date(*value)) {
    throw Error(ErrorCode::malformed,
                "claim " + claim + " is not a NumericDate (a JSON number of seconds, at most 2^53)",
                claim);
  }
  return value->get<double>();
}

void check_times(const json& payload, const VerifyOptions& options, NumericDate now) {
  const double tolerance = options.clock_tolerance.count();
  if (!options.ignore_expiration) {
    // At exp itself the token is already expired (RFC 7519 4.1.4: "on or after").
    if (const auto exp = numeric_date(payload, "exp"); exp && *exp <= now - tolerance) {
      throw TokenExpired(
          *exp, "token expired at " + format_seconds(*exp) + clock_description(now, tolerance));
    }
  }
  if (!options.ignore_not_before) {
    if (const auto nbf = numeric_date(payload, "nbf"); nbf && *nbf > now + tolerance) {
      throw NotYetValid(*nbf, "token is not valid before " + format_seconds(*nbf) +
                                  clock_description(now, tolerance));
    }
  }
  const bool needs_iat = options.verify_issued_at || options.max_age;
  const auto iat = needs_iat ? numeric_date(payload, "iat") : std::nullopt;
  if (options.verify_issued_at && iat && *iat > now + tolerance) {
    throw NotYetValid(*iat,
                      "token is issued in the future, at " + format_seconds(*iat) +
                          clock_description(now, tolerance),
                      "iat");
  }
  if (options.max_age) {
    if (!iat)
      throw Error(ErrorCode::missing_claim, "max_age is set but the token has no iat", "iat");
    // The same boundary as exp: too old from the instant iat + max_age is reached.
    const double max_age = options.max_age->count();
    if (now >= *iat + max_age + tolerance) {
      throw Error(ErrorCode::token_too_old,
                  "token was issued at " + format_seconds(*iat) + ", more than max_age " +
                      format_seconds(max_age) + " s ago" + clock_description(now, tolerance),
                  "iat");
    }
  }
}

bool audience_accepted(const std::string& audience, const VerifyOptions& options) {
  if (std::ranges::find(options.audience, audience) != options.audience.end()) return true;
  // A search, not a full match: jsonwebtoken tests patterns with RegExp.test,
  // so anchor patterns (^...$) to match whole values.
  return std::ranges::any_of(options.audience_patterns, [&](const std::regex& pattern) {
    return std::regex_search(audience, pattern);
  });
}

void check_audience(const json& payload, const VerifyOptions& options) {
  const bool expects_audience = !options.audience.empty() || !options.audience_patterns.empty();
  const auto aud = payload.find("aud");
  if (aud == payload.end()) {
    if (expects_audience) throw Error(ErrorCode::missing_claim, "token has no aud claim", "aud");
    return;
  }
  const bool well_formed =
      aud->is_string() ||
      (aud->is_array() && std::ranges::all_of(*aud, [](const json& v) { return v.is_string(); }));
  if (!well_formed) {
    throw Error(ErrorCode::malformed, "claim aud is neither a string nor an array of strings",
                "aud");
  }
  if (!expects_audience) {
    if (options.reject_unexpected_audience) {
      throw Error(ErrorCode::audience_mismatch,
                  "token has an aud claim but no audience is expected (RFC 7519 4.1.3)", "aud");
    }
    return;
  }
  if (options.strict_audience) {
    if (!aud->is_string() || *aud != options.audience.front()) {
      throw Error(ErrorCode::audience_mismatch,
                  "claim aud is not the single string \"" + options.audience.front() + "\"", "aud");
    }
    return;
  }
  const json values = aud->is_string() ? json::array({*aud}) : *aud;
  for (const auto& value : values) {
    if (audience_accepted(value.get_ref<const std::string&>(), options)) return;
  }
  throw Error(ErrorCode::audience_mismatch, "claim aud names no accepted audience", "aud");
}

// A string claim that, when any values are accepted, must be present and one of them.
void check_one_of(const json& payload, const std::string& claim,
                  std::span<const std::string> accepted, ErrorCode mismatch) {
  if (accepted.empty()) return;
  const auto value = payload.find(claim);
  if (value == payload.end()) {
    throw Error(ErrorCode::missing_claim, "token has no " + claim + " claim", claim);
  }
  if (!value->is_string()) {
    throw Error(ErrorCode::malformed, "claim " + claim + " is not a string", claim);
  }
  const auto& text = value->get_ref<const std::string&>();
  if (std::ranges::find(accepted, text) == accepted.end()) {
    throw Error(mismatch,
                "claim " + claim + " " + detail::quote_for_message(text) + " is not accepted",
                claim);
  }
}

std::span<const std::string> as_span(const std::optional<std::string>& value) {
  if (!value) return {};
  return {&*value, 1};
}

void require_claim(const json& payload, const std::string& claim) {
  if (!payload.contains(claim)) {
    throw Error(ErrorCode::missing_claim, "token has no " + claim + " claim, which is required",
                claim);
  }
}

Algorithm allowed_algorithm(const json& header, std::span<const Algorithm> allowed) {
  const auto& name = header.at("alg").get_ref<const std::string&>();
  const auto alg = algorithm_from_string(name);
  if (!alg) {
    std::string lower(name);
    std::ranges::transform(lower, lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    throw Error(ErrorCode::algorithm_not_allowed,
                lower == "none" ? "alg none (an unsigned token) is never accepted"
                                : "token alg " + detail::quote_for_message(name) + " is unknown",
                "alg");
  }
  if (std::ranges::find(allowed, *alg) == allowed.end()) {
    throw Error(ErrorCode::algorithm_not_allowed,
                "token alg " + std::string(to_string(*alg)) + " is not an allowed algorithm",
                "alg");
  }
  return *alg;
}

// RFC 7515 4.1.11: a token whose crit names an extension we do not apply must fail.
void check_critical(const json& header, const std::vector<std::string>& understood) {
  const auto crit = header.find("crit");
  if (crit == header.end()) return;
  for (const auto& name : *crit) {
    const auto& text = name.get_ref<const std::string&>();
    if (std::ranges::find(understood, text) == understood.end()) {
      throw Error(ErrorCode::malformed,
                  "token header crit lists " + detail::quote_for_message(text) +
                      ", which is not understood",
                  "crit");
    }
  }
}

std::string serialize(const json& value, const char* what) {
  try {
    return value.dump();
  } catch (const json::exception&) {
    throw Error(ErrorCode::invalid_argument, std::string(what) + " contains invalid UTF-8");
  }
}

// Sets a claim from a sign option, refusing to override the payload's own value.
void set_from_option(json& claims, const std::string& claim, json value, const char* option) {
  if (claims.contains(claim)) {
    throw Error(ErrorCode::invalid_argument,
                "payload already has the claim " + claim + "; do not also set " + option, claim);
  }
  claims[claim] = std::move(value);
}

json add_seconds(const json& date, std::chrono::seconds offset) {
  if (date.is_number_integer()) return date.get<std::int64_t>() + offset.count();
  return date.get<double>() + static_cast<double>(offset.count());
}

}  // namespace

std::string sign(const json& payload, const Key& key, const SignOptions& options) {
  if (!payload.is_object())
    throw Error(ErrorCode::invalid_argument, "payload is not a JSON object");
  if (!options.header.is_object()) {
    throw Error(ErrorCode::invalid_argument, "SignOptions::header is not a JSON object");
  }
  for (const char* claim : {"iat", "exp", "nbf"}) {
    if (payload.contains(claim) && !is_numeric_date(payload[claim])) {
      throw Error(ErrorCode::invalid_argument,
                  std::string("payload claim ") + claim + " is not a NumericDate", claim);
    }
  }
  json claims = payload;
  // As jsonwebtoken: exp and nbf count from the payload's own iat when it has one.
  const json issued_at =
      claims.contains("iat")
          ? claims["iat"]
          : json(static_cast<std::int64_t>(std::floor(current_time(options.now))));
  if (options.issued_at && !claims.contains("iat")) claims["iat"] = issued_at;
  if (options.expires_in) {
    set_from_option(claims, "exp", add_seconds(issued_at, *options.expires_in), "expires_in");
  }
  if (options.not_before) {
    set_from_option(claims, "nbf", add_seconds(issued_at, *options.not_before), "not_before");
  }
  if (options.issuer) set_from_option(claims, "iss", *options.issuer, "issuer");
  if (options.subject) set_from_option(claims, "sub", *options.subject, "subject");
  if (options.jwt_id) set_from_option(claims, "jti", *options.jwt_id, "jwt_id");
  if (!options.audience.is_null()) {
    const auto& audience = options.audience;
    const bool valid = audience.is_string() ||
                       (audience.is_array() && !audience.empty() &&
                        std::ranges::all_of(audience, [](const json& v) { return v.is_string(); }));
    if (!valid) {
      throw Error(ErrorCode::invalid_argument,
                  "SignOptions::audience is not a string or a non-empty array of strings", "aud");
    }
    set_from_option(claims, "aud", audience, "audience");
  }

  json header = options.header;
  header["alg"] = to_string(options.algorithm);
  if (options.add_typ && !header.contains("typ")) header["typ"] = "JWT";
  if (options.key_id) {
    if (header.contains("kid") && header["kid"] != *options.key_id) {
      throw Error(ErrorCode::invalid_argument,
                  "SignOptions::key_id and SignOptions::header kid differ", "kid");
    }
    header["kid"] = *options.key_id;
  }
  return sign_compact(serialize(header, "SignOptions::header"), serialize(claims, "payload"), key,
                      options.algorithm, options.allow_insecure_key_sizes);
}

void validate_claims(const json& payload, const VerifyOptions& options) {
  detail::check_verify_options(options);
  detail::check_claims(payload, options, false);
}

namespace detail {

void check_verify_options(const VerifyOptions& options) {
  // NaN compares false with everything: it would pass every time check.
  const auto is_duration = [](Seconds s) { return std::isfinite(s.count()) && s.count() >= 0; };
  if (!is_duration(options.clock_tolerance)) {
    throw Error(ErrorCode::invalid_argument, "clock_tolerance must be a finite, non-negative time");
  }
  if (options.max_age && !is_duration(*options.max_age)) {
    throw Error(ErrorCode::invalid_argument, "max_age must be a finite, non-negative time");
  }
  if (options.now && !std::isfinite(*options.now)) {
    throw Error(ErrorCode::invalid_argument, "now must be a finite time");
  }
  // With no audience expected strict_audience is moot, as in PyJWT.
  if (options.strict_audience &&
      (options.audience.size() > 1 || !options.audience_patterns.empty())) {
    throw Error(ErrorCode::invalid_argument,
                "strict_audience takes a single expected audience and no patterns");
  }
}

Algorithm accepted_algorithm(const json& header, std::span<const Algorithm> algorithms,
                             const VerifyOptions& options) {
  const Algorithm alg = allowed_algorithm(header, algorithms);
  check_critical(header, options.understood_critical);
  return alg;
}

void verify_signature(std::string_view token, const Decoded& decoded, const Key& key, Algorithm alg,
                      const VerifyOptions& options) {
  // The signing input is the token itself up to its second '.': no copy needed.
  const std::string_view signing_input =
      token.substr(0, decoded.header_segment.size() + 1 + decoded.payload_segment.size());
  if (!verify_bytes(signing_input, decoded.signature, key, alg, options.allow_insecure_key_sizes)) {
    throw Error(ErrorCode::invalid_signature, "token signature does not verify with the key");
  }
}

void check_claims(const json& payload, const VerifyOptions& options, bool require_expiration) {
  if (!payload.is_object()) throw Error(ErrorCode::malformed, "payload is not a JSON object");
  for (const auto& claim : options.required_claims) require_claim(payload, claim);
  if (require_expiration) require_claim(payload, "exp");
  check_times(payload, options, verification_time(options));
  check_audience(payload, options);
  check_one_of(payload, "iss", options.issuer, ErrorCode::issuer_mismatch);
  check_one_of(payload, "sub", as_span(options.subject), ErrorCode::subject_mismatch);
  check_one_of(payload, "jti", as_span(options.jwt_id), ErrorCode::jwt_id_mismatch);
  check_one_of(payload, "nonce", as_span(options.nonce), ErrorCode::nonce_mismatch);
}

NumericDate verification_time(const VerifyOptions& options) {
  return current_time(options.now);
}

}  // namespace detail

namespace {

// verify() with the key that key_for gives for the decoded token. A template
// rather than a KeyResolver, so that the fixed-key overload pays for neither a
// std::function call nor a Key copy per token.
template <class KeyFor>
Decoded verify_with(std::string_view token, const KeyFor& key_for, const VerifyOptions& options) {
  if (options.algorithms.empty()) {
    throw Error(ErrorCode::invalid_argument,
                "VerifyOptions::algorithms is empty: list the algorithms you accept");
  }
  detail::check_verify_options(options);
  Decoded decoded = decode_unverified(token, options.max_token_size);
  const Algorithm alg = detail::accepted_algorithm(decoded.header, options.algorithms, options);
  // Header-supplied keys (jwk, jku, x5u, x5c) are never consulted: the key is
  // the caller's alone.
  detail::verify_signature(token, decoded, key_for(decoded), alg, options);
  // Claims only after the signature: unauthenticated claims must not be probed.
  detail::check_claims(decoded.payload, options, false);
  return decoded;
}

}  // namespace

Decoded verify(std::string_view token, const KeyResolver& resolve_key,
               const VerifyOptions& options) {
  return verify_with(token, resolve_key, options);
}

Decoded verify(std::string_view token, const Key& key, const VerifyOptions& options) {
  return verify_with(
      token, [&key](const Decoded&) -> const Key& { return key; }, options);
}

}  // namespace appjwt
