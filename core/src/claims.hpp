// verify()'s steps one by one, for the KeyStore, which decodes a token once to
// read its app ID and then verifies it with the keys that ID names, and which
// re-runs the steps after the signature for a token it verified before.
#pragma once

#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/jwt.hpp"

namespace appjwt::detail {

// Error(invalid_argument) for options no verification could honour (NaN
// tolerance, strict_audience with several audiences...). The steps below
// assume it passed.
void check_verify_options(const VerifyOptions& options);

// The header's alg when it is one of `algorithms` (Error(algorithm_not_allowed)
// otherwise, and always for none), once its crit parameters are understood.
Algorithm accepted_algorithm(const nlohmann::json& header, std::span<const Algorithm> algorithms,
                             const VerifyOptions& options);

// Error(invalid_signature) unless the token's signature verifies with key.
void verify_signature(std::string_view token, const Decoded& decoded, const Key& key, Algorithm alg,
                      const VerifyOptions& options);

// The claim checks, with exp also required when require_expiration.
void check_claims(const nlohmann::json& payload, const VerifyOptions& options,
                  bool require_expiration);

// The time claims are checked against: the injected one, else the system clock.
NumericDate verification_time(const VerifyOptions& options);

}  // namespace appjwt::detail
