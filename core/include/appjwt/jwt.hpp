// RFC 7519 JWTs: sign a claims set, verify a token and its claims.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"
#include "appjwt/jws.hpp"
#include "appjwt/key.hpp"

namespace appjwt {

// Seconds since the epoch, fractional allowed (RFC 7519 NumericDate).
using NumericDate = double;
using Seconds = std::chrono::duration<double>;

struct SignOptions {
  Algorithm algorithm = Algorithm::RS512;
  std::optional<std::chrono::seconds> expires_in;  // exp = iat + expires_in
  std::optional<std::chrono::seconds> not_before;  // nbf = iat + not_before
  std::optional<std::string> issuer;
  std::optional<std::string> subject;
  nlohmann::json audience;  // null (none), a string, or an array of strings
  std::optional<std::string> jwt_id;
  std::optional<std::string> key_id;  // header kid
  // Extra header parameters (typ, cty, ...). alg is always set from `algorithm`.
  nlohmann::json header = nlohmann::json::object();
  bool add_typ = true;                    // header typ "JWT" unless `header` sets typ
  bool issued_at = true;                  // add iat = now unless the payload has one
  std::optional<NumericDate> now;         // injectable clock; default: system clock
  bool allow_insecure_key_sizes = false;  // RSA under 2048 bits
};

// Signs payload (a JSON object) as a compact JWS. A payload claim that an option
// would also set (e.g. exp with expires_in) is an Error(invalid_argument).
std::string sign(const nlohmann::json& payload, const Key& key, const SignOptions& options);

struct VerifyOptions {
  std::vector<Algorithm> algorithms;  // required: empty is an error, never "allow all"

  // aud: the token must contain one of these (exact) or match one pattern.
  std::vector<std::string> audience;
  std::vector<std::regex> audience_patterns;
  // RFC 7519 4.1.3: a token with an aud must be rejected by a verifier that
  // expects no audience. jsonwebtoken does not do this; set false to match it.
  bool reject_unexpected_audience = true;
  // aud must be a single string equal to the one expected value (PyJWT strict_aud).
  bool strict_audience = false;

  std::vector<std::string> issuer;  // any of these
  std::optional<std::string> subject;
  std::optional<std::string> jwt_id;
  std::optional<std::string> nonce;  // OpenID Connect nonce claim

  Seconds clock_tolerance{0};
  std::optional<Seconds> max_age;  // now - iat must not exceed it (needs iat)
  bool ignore_expiration = false;
  bool ignore_not_before = false;
  bool verify_issued_at = true;  // iat must be a NumericDate not in the future
  std::vector<std::string> required_claims;
  std::optional<NumericDate> now;  // injectable clock; default: system clock

  std::size_t max_token_size = default_max_token_size;  // checked before any decoding
  bool allow_insecure_key_sizes = false;
  std::vector<std::string> understood_critical;  // crit parameters the caller handles
};

// The key for a token, chosen from its unverified header and payload (e.g. by kid
// or by an appId claim). It throws appjwt::Error to reject the token.
using KeyResolver = std::function<Key(const Decoded& unverified)>;

// Verifies signature, algorithm and claims; returns the verified parts.
Decoded verify(std::string_view token, const Key& key, const VerifyOptions& options);
Decoded verify(std::string_view token, const KeyResolver& resolve_key,
               const VerifyOptions& options);

// Splits and parses a token without verifying anything. Structure errors are
// still Error(malformed) / Error(token_too_large).
Decoded decode_unverified(std::string_view token,
                          std::size_t max_token_size = default_max_token_size);

// The claim checks of verify() alone, for callers that verified the signature
// themselves (or deliberately skip it, as PyJWT's verify_signature=False).
void validate_claims(const nlohmann::json& payload, const VerifyOptions& options);

}  // namespace appjwt
