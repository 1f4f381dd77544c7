// The error hierarchy: codes with stable names, and what each error carries.
#include <gtest/gtest.h>

#include <string>

#include "appjwt/errors.hpp"

namespace {

using appjwt::ErrorCode;

TEST(ErrorCodes, EveryCodeHasItsStableSnakeCaseName) {
  const std::pair<ErrorCode, const char*> names[] = {
      {ErrorCode::malformed, "malformed"},
      {ErrorCode::token_too_large, "token_too_large"},
      {ErrorCode::invalid_signature, "invalid_signature"},
      {ErrorCode::algorithm_not_allowed, "algorithm_not_allowed"},
      {ErrorCode::key_error, "key_error"},
      {ErrorCode::token_expired, "token_expired"},
      {ErrorCode::not_yet_valid, "not_yet_valid"},
      {ErrorCode::audience_mismatch, "audience_mismatch"},
      {ErrorCode::issuer_mismatch, "issuer_mismatch"},
      {ErrorCode::subject_mismatch, "subject_mismatch"},
      {ErrorCode::jwt_id_mismatch, "jwt_id_mismatch"},
      {ErrorCode::nonce_mismatch, "nonce_mismatch"},
      {ErrorCode::missing_claim, "missing_claim"},
      {ErrorCode::token_too_old, "token_too_old"},
      {ErrorCode::invalid_argument, "invalid_argument"},
      {ErrorCode::invalid_app_id, "invalid_app_id"},
      {ErrorCode::unknown_key, "unknown_key"},
      {ErrorCode::insufficient_scope, "insufficient_scope"},
      {ErrorCode::io_error, "io_error"},
  };
  for (const auto& [code, name] : names) EXPECT_EQ(appjwt::to_string(code), name);
}

TEST(ErrorCodes, AnOutOfRangeValueHasAPlaceholderName) {
  EXPECT_EQ(appjwt::to_string(static_cast<ErrorCode>(1000)), "unknown_error");
}

TEST(Error, CarriesItsCodeMessageAndClaim) {
  const appjwt::Error error(ErrorCode::missing_claim, "token has no sub claim", "sub");
  EXPECT_EQ(error.code(), ErrorCode::missing_claim);
  EXPECT_STREQ(error.what(), "token has no sub claim");
  EXPECT_EQ(error.claim(), "sub");
}

TEST(Error, IsAStandardRuntimeError) {
  try {
    throw appjwt::Error(ErrorCode::malformed, "bad");
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "bad");
  }
}

TEST(TokenExpired, IsATokenExpiredErrorAboutExp) {
  const appjwt::TokenExpired error(1700000000.5, "token expired");
  EXPECT_EQ(error.code(), ErrorCode::token_expired);
  EXPECT_EQ(error.claim(), "exp");
  EXPECT_EQ(error.expired_at(), 1700000000.5);
}

TEST(NotYetValid, DefaultsToNbfAndMayNameIat) {
  const appjwt::NotYetValid nbf(1700000000, "not yet");
  EXPECT_EQ(nbf.code(), ErrorCode::not_yet_valid);
  EXPECT_EQ(nbf.claim(), "nbf");
  EXPECT_EQ(nbf.not_before(), 1700000000);
  EXPECT_EQ(appjwt::NotYetValid(1, "issued in the future", "iat").claim(), "iat");
}

}  // namespace
