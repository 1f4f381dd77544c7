// Every failure appjwt reports is an appjwt::Error carrying a machine-readable
// ErrorCode, so bindings can map it to their own idiom without parsing text.
// Messages say what is wrong and never contain key material or whole tokens.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace appjwt {

enum class ErrorCode {
  malformed,              // not a well-formed compact JWS / JSON / NumericDate
  token_too_large,        // over VerifyOptions::max_token_size, rejected before decoding
  invalid_signature,      // signature does not verify with the key
  algorithm_not_allowed,  // header alg not in the allowed list, or not usable with the key
  key_error,              // key unparsable, wrong type, too small, not private for signing, ...
  token_expired,          // exp is in the past (see TokenExpired::expired_at)
  not_yet_valid,          // nbf (or iat) is in the future (see NotYetValid::not_before)
  audience_mismatch,
  issuer_mismatch,
  subject_mismatch,
  jwt_id_mismatch,
  nonce_mismatch,
  missing_claim,       // a required claim is absent (see Error::claim)
  token_too_old,       // iat older than VerifyOptions::max_age
  invalid_argument,    // the caller's options contradict each other or the payload
  invalid_app_id,      // an application ID fails the strict app-ID syntax
  unknown_key,         // key store: no key for this app ID / kid
  insufficient_scope,  // key store: the token asks for a scope its app does not hold
  io_error,            // key store / key files: a file or URL could not be read
};

// Stable snake_case name of a code ("token_expired"), for logs and bindings.
std::string_view to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, std::string claim = {});
  ErrorCode code() const noexcept { return code_; }
  // The claim or header parameter concerned ("exp", "aud", "alg"), or empty.
  const std::string& claim() const noexcept { return claim_; }

 private:
  ErrorCode code_;
  std::string claim_;
};

class TokenExpired : public Error {
 public:
  TokenExpired(double expired_at, const std::string& message);
  // The token's exp, in seconds since the epoch.
  double expired_at() const noexcept { return expired_at_; }

 private:
  double expired_at_;
};

class NotYetValid : public Error {
 public:
  NotYetValid(double not_before, const std::string& message, std::string claim = "nbf");
  // The token's nbf (or iat, see claim()), in seconds since the epoch.
  double not_before() const noexcept { return not_before_; }

 private:
  double not_before_;
};

}  // namespace appjwt
