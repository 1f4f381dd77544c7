#include "appjwt/errors.hpp"

#include <utility>

namespace appjwt {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::malformed:
      return "malformed";
    case ErrorCode::token_too_large:
      return "token_too_large";
    case ErrorCode::invalid_signature:
      return "invalid_signature";
    case ErrorCode::algorithm_not_allowed:
      return "algorithm_not_allowed";
    case ErrorCode::key_error:
      return "key_error";
    case ErrorCode::token_expired:
      return "token_expired";
    case ErrorCode::not_yet_valid:
      return "not_yet_valid";
    case ErrorCode::audience_mismatch:
      return "audience_mismatch";
    case ErrorCode::issuer_mismatch:
      return "issuer_mismatch";
    case ErrorCode::subject_mismatch:
      return "subject_mismatch";
    case ErrorCode::jwt_id_mismatch:
      return "jwt_id_mismatch";
    case ErrorCode::nonce_mismatch:
      return "nonce_mismatch";
    case ErrorCode::missing_claim:
      return "missing_claim";
    case ErrorCode::token_too_old:
      return "token_too_old";
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::invalid_app_id:
      return "invalid_app_id";
    case ErrorCode::unknown_key:
      return "unknown_key";
    case ErrorCode::insufficient_scope:
      return "insufficient_scope";
    case ErrorCode::io_error:
      return "io_error";
  }
  // Only reachable through a cast from an out-of-range integer.
  return "unknown_error";
}

Error::Error(ErrorCode code, const std::string& message, std::string claim)
    : std::runtime_error(message), code_(code), claim_(std::move(claim)) {}

TokenExpired::TokenExpired(double expired_at, const std::string& message)
    : Error(ErrorCode::token_expired, message, "exp"), expired_at_(expired_at) {}

NotYetValid::NotYetValid(double not_before, const std::string& message, std::string claim)
    : Error(ErrorCode::not_yet_valid, message, std::move(claim)), not_before_(not_before) {}

}  // namespace appjwt
