// validate_claims: RFC 7519 claim checks with jsonwebtoken/PyJWT semantics, one
// VerifyOptions field at a time. The clock is always injected except where the
// system clock itself is the behaviour under test.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <regex>
#include <string>

#include "appjwt/appjwt.hpp"
#include "test_support.hpp"

namespace {

using appjwt::ErrorCode;
using appjwt::Seconds;
using appjwt::VerifyOptions;
using appjwt::test::fails_with;
using json = nlohmann::json;

constexpr double now = 1700000000;

VerifyOptions at_now() {
  VerifyOptions options;
  options.now = now;
  return options;
}

void validate(const json& payload, const VerifyOptions& options = at_now()) {
  appjwt::validate_claims(payload, options);
}

TEST(ValidateClaims, AcceptsAnEmptyClaimsSetByDefault) {
  EXPECT_NO_THROW(validate(json::object()));
}

TEST(ValidateClaims, RefusesAPayloadThatIsNotAnObject) {
  EXPECT_TRUE(fails_with([] { validate(json::array()); }, ErrorCode::malformed));
}

TEST(ValidateClaims, IgnoresClaimsItDoesNotKnow) {
  EXPECT_NO_THROW(validate({{"appId", "store-front"}, {"scope", {1, 2}}}));
}

// --- exp ---------------------------------------------------------------------

TEST(ValidateClaims, AcceptsAnExpInTheFuture) {
  EXPECT_NO_THROW(validate({{"exp", now + 1}}));
}

TEST(ValidateClaims, ExpiredTokenReportsItsExpiryTime) {
  try {
    validate({{"exp", now - 30}});
    FAIL() << "accepted";
  } catch (const appjwt::TokenExpired& expired) {
    EXPECT_EQ(expired.code(), ErrorCode::token_expired);
    EXPECT_EQ(expired.expired_at(), now - 30);
    EXPECT_EQ(expired.claim(), "exp");
  }
}

TEST(ValidateClaims, TokenIsExpiredAtTheInstantOfExp) {
  EXPECT_TRUE(fails_with([] { validate({{"exp", now}}); }, ErrorCode::token_expired, "exp"));
}

TEST(ValidateClaims, ClockToleranceKeepsARecentlyExpiredTokenValid) {
  auto options = at_now();
  options.clock_tolerance = Seconds(10);
  EXPECT_NO_THROW(validate({{"exp", now - 9.5}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"exp", now - 10}}, options);
      },
      ErrorCode::token_expired));
}

TEST(ValidateClaims, IgnoreExpirationSkipsTheExpCheck) {
  auto options = at_now();
  options.ignore_expiration = true;
  EXPECT_NO_THROW(validate({{"exp", now - 3600}}, options));
}

TEST(ValidateClaims, UsesTheSystemClockWhenNowIsNotInjected) {
  const double system_now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NO_THROW(validate({{"exp", system_now + 3600}}, VerifyOptions{}));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"exp", system_now - 3600}}, VerifyOptions{});
      },
      ErrorCode::token_expired));
}

// --- nbf and iat -----------------------------------------------------------------

TEST(ValidateClaims, NotYetValidTokenReportsItsNotBeforeTime) {
  try {
    validate({{"nbf", now + 30}});
    FAIL() << "accepted";
  } catch (const appjwt::NotYetValid& early) {
    EXPECT_EQ(early.code(), ErrorCode::not_yet_valid);
    EXPECT_EQ(early.not_before(), now + 30);
    EXPECT_EQ(early.claim(), "nbf");
  }
}

TEST(ValidateClaims, TokenIsValidFromTheInstantOfNbf) {
  EXPECT_NO_THROW(validate({{"nbf", now}}));
}

TEST(ValidateClaims, ClockToleranceAcceptsAnNbfSlightlyAhead) {
  auto options = at_now();
  options.clock_tolerance = Seconds(10);
  EXPECT_NO_THROW(validate({{"nbf", now + 10}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"nbf", now + 10.5}}, options);
      },
      ErrorCode::not_yet_valid));
}

TEST(ValidateClaims, IgnoreNotBeforeSkipsTheNbfCheck) {
  auto options = at_now();
  options.ignore_not_before = true;
  EXPECT_NO_THROW(validate({{"nbf", now + 3600}}, options));
}

TEST(ValidateClaims, IatInTheFutureIsNotYetValidNamingIat) {
  try {
    validate({{"iat", now + 30}});
    FAIL() << "accepted";
  } catch (const appjwt::NotYetValid& early) {
    EXPECT_EQ(early.not_before(), now + 30);
    EXPECT_EQ(early.claim(), "iat");
  }
}

TEST(ValidateClaims, VerifyIssuedAtFalseSkipsTheIatCheck) {
  auto options = at_now();
  options.verify_issued_at = false;
  EXPECT_NO_THROW(validate({{"iat", now + 3600}, {"exp", now + 7200}}, options));
  EXPECT_NO_THROW(validate({{"iat", "not a date"}}, options));
}

TEST(ValidateClaims, NegativeClockToleranceIsAnInvalidArgument) {
  auto options = at_now();
  options.clock_tolerance = Seconds(-1);
  EXPECT_TRUE(fails_with([&] { validate(json::object(), options); }, ErrorCode::invalid_argument));
}

TEST(ValidateClaims, NanClockToleranceIsAnInvalidArgument) {
  auto options = at_now();
  options.clock_tolerance = Seconds(std::numeric_limits<double>::quiet_NaN());
  EXPECT_TRUE(fails_with(
      [&] {
        validate(json{{"exp", now - 100}}, options);
      },
      ErrorCode::invalid_argument));
}

TEST(ValidateClaims, InfiniteMaxAgeIsAnInvalidArgument) {
  auto options = at_now();
  options.max_age = Seconds(std::numeric_limits<double>::infinity());
  EXPECT_TRUE(fails_with(
      [&] {
        validate(json{{"iat", now}}, options);
      },
      ErrorCode::invalid_argument));
}

TEST(ValidateClaims, NanNowIsAnInvalidArgument) {
  VerifyOptions options;
  options.now = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(fails_with(
      [&] {
        validate(json{{"exp", now - 100}}, options);
      },
      ErrorCode::invalid_argument));
}

// --- NumericDate types -----------------------------------------------------------

TEST(ValidateClaims, AcceptsFractionalAndUnsignedNumericDates) {
  EXPECT_NO_THROW(validate({{"exp", now + 0.25}, {"nbf", now - 0.25}}));
  EXPECT_NO_THROW(validate({{"exp", static_cast<std::uint64_t>(now) + 60}}));
}

TEST(ValidateClaims, RefusesANumericDateThatIsNotANumber) {
  for (const char* claim : {"exp", "nbf", "iat"}) {
    for (const json& value :
         {json("1700000000"), json(true), json(nullptr), json::array({1}), json::object()}) {
      EXPECT_TRUE(fails_with(
          [&] {
            validate({{claim, value}});
          },
          ErrorCode::malformed, claim))
          << claim << " = " << value.dump();
    }
  }
}

TEST(ValidateClaims, RefusesNonFiniteNumericDates) {
  for (const double value :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity()}) {
    EXPECT_TRUE(fails_with([&] { validate({{"exp", value}}); }, ErrorCode::malformed, "exp"));
  }
}

TEST(ValidateClaims, RefusesNumericDatesBeyondTwoToTheFiftyThird) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"exp", std::ldexp(1.0, 53) * 2}});
      },
      ErrorCode::malformed, "exp"));
  EXPECT_TRUE(fails_with([] { validate({{"nbf", -1e300}}); }, ErrorCode::malformed, "nbf"));
}

// --- max_age ---------------------------------------------------------------------

VerifyOptions with_max_age(double seconds) {
  auto options = at_now();
  options.max_age = Seconds(seconds);
  return options;
}

TEST(ValidateClaims, MaxAgeAcceptsARecentIat) {
  EXPECT_NO_THROW(validate({{"iat", now - 299}}, with_max_age(300)));
}

TEST(ValidateClaims, MaxAgeRefusesAnOlderIat) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"iat", now - 301}}, with_max_age(300));
      },
      ErrorCode::token_too_old, "iat"));
}

TEST(ValidateClaims, MaxAgeIsReachedAtExactlyMaxAge) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"iat", now - 300}}, with_max_age(300));
      },
      ErrorCode::token_too_old));
}

TEST(ValidateClaims, MaxAgeAllowsTheClockTolerance) {
  auto options = with_max_age(300);
  options.clock_tolerance = Seconds(5);
  EXPECT_NO_THROW(validate({{"iat", now - 304}}, options));
}

TEST(ValidateClaims, MaxAgeRequiresIat) {
  EXPECT_TRUE(fails_with([] { validate(json::object(), with_max_age(300)); },
                         ErrorCode::missing_claim, "iat"));
}

TEST(ValidateClaims, NegativeMaxAgeIsAnInvalidArgument) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"iat", now}}, with_max_age(-1));
      },
      ErrorCode::invalid_argument));
}

// --- aud ---------------------------------------------------------------------------

VerifyOptions expecting_audience(std::vector<std::string> audience) {
  auto options = at_now();
  options.audience = std::move(audience);
  return options;
}

TEST(ValidateClaims, AudienceMatchesAStringAud) {
  EXPECT_NO_THROW(validate({{"aud", "api"}}, expecting_audience({"api"})));
}

TEST(ValidateClaims, AudienceMatchesAnyEntryOfAnArrayAud) {
  EXPECT_NO_THROW(validate({{"aud", {"web", "api"}}}, expecting_audience({"api"})));
}

TEST(ValidateClaims, AudienceAcceptsAnyOfSeveralExpectedValues) {
  EXPECT_NO_THROW(validate({{"aud", "admin"}}, expecting_audience({"api", "admin"})));
}

TEST(ValidateClaims, AudienceMismatchIsRefused) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"aud", "other"}}, expecting_audience({"api"}));
      },
      ErrorCode::audience_mismatch, "aud"));
}

TEST(ValidateClaims, AudienceComparesExactly) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"aud", "api "}}, expecting_audience({"api"}));
      },
      ErrorCode::audience_mismatch));
}

TEST(ValidateClaims, ExpectedAudienceRequiresAnAud) {
  EXPECT_TRUE(fails_with([] { validate(json::object(), expecting_audience({"api"})); },
                         ErrorCode::missing_claim, "aud"));
}

TEST(ValidateClaims, AudOfTheWrongTypeIsMalformed) {
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"aud", 7}}, expecting_audience({"api"}));
      },
      ErrorCode::malformed, "aud"));
  EXPECT_TRUE(fails_with(
      [] {
        validate({{"aud", {"api", 7}}}, expecting_audience({"api"}));
      },
      ErrorCode::malformed, "aud"));
}

TEST(ValidateClaims, UnexpectedAudienceIsRefusedByDefault) {
  EXPECT_TRUE(fails_with([] { validate({{"aud", "api"}}); }, ErrorCode::audience_mismatch, "aud"));
}

TEST(ValidateClaims, RejectUnexpectedAudienceFalseAcceptsAnyAud) {
  auto options = at_now();
  options.reject_unexpected_audience = false;
  EXPECT_NO_THROW(validate({{"aud", "api"}}, options));
}

TEST(ValidateClaims, AudiencePatternsAreSearchedAsRegExpTestDoes) {
  auto options = at_now();
  options.audience_patterns.emplace_back("service");
  EXPECT_NO_THROW(validate({{"aud", "urn:service:billing"}}, options));
}

TEST(ValidateClaims, AnchoredAudiencePatternMustMatchTheWholeValue) {
  auto options = at_now();
  options.audience_patterns.emplace_back("^urn:service:[a-z]+$");
  EXPECT_NO_THROW(validate({{"aud", {"x", "urn:service:billing"}}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"aud", "urn:service:billing:evil"}}, options);
      },
      ErrorCode::audience_mismatch));
}

TEST(ValidateClaims, StrictAudienceAcceptsTheSingleExpectedString) {
  auto options = expecting_audience({"api"});
  options.strict_audience = true;
  EXPECT_NO_THROW(validate({{"aud", "api"}}, options));
}

TEST(ValidateClaims, StrictAudienceRefusesAnArrayAud) {
  auto options = expecting_audience({"api"});
  options.strict_audience = true;
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"aud", {"api"}}}, options);
      },
      ErrorCode::audience_mismatch));
}

TEST(ValidateClaims, StrictAudienceTakesASingleExpectedValue) {
  auto options = expecting_audience({"api", "web"});
  options.strict_audience = true;
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"aud", "api"}}, options);
      },
      ErrorCode::invalid_argument));
  options = expecting_audience({});
  options.audience_patterns.emplace_back("^api$");
  options.strict_audience = true;
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"aud", "api"}}, options);
      },
      ErrorCode::invalid_argument));
}

TEST(ValidateClaims, StrictAudienceWithoutAnExpectedAudienceChangesNothing) {
  auto options = at_now();
  options.strict_audience = true;
  EXPECT_NO_THROW(validate(json::object(), options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"aud", "api"}}, options);
      },
      ErrorCode::audience_mismatch));
}

// --- iss, sub, jti, nonce -------------------------------------------------------------

TEST(ValidateClaims, IssuerAcceptsAnyOfTheListedIssuers) {
  auto options = at_now();
  options.issuer = {"a", "b"};
  EXPECT_NO_THROW(validate({{"iss", "b"}}, options));
}

TEST(ValidateClaims, IssuerMismatchIsRefused) {
  auto options = at_now();
  options.issuer = {"https://issuer.example"};
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"iss", "https://evil.example"}}, options);
      },
      ErrorCode::issuer_mismatch, "iss"));
}

TEST(ValidateClaims, ExpectedIssuerRequiresAnIss) {
  auto options = at_now();
  options.issuer = {"a"};
  EXPECT_TRUE(
      fails_with([&] { validate(json::object(), options); }, ErrorCode::missing_claim, "iss"));
}

TEST(ValidateClaims, IssOfTheWrongTypeIsMalformed) {
  auto options = at_now();
  options.issuer = {"a"};
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"iss", {"a"}}}, options);
      },
      ErrorCode::malformed, "iss"));
}

TEST(ValidateClaims, MismatchMessageDoesNotRepeatALongClaimValue) {
  auto options = at_now();
  options.issuer = {"a"};
  try {
    validate({{"iss", std::string(1000, 'q')}}, options);
    FAIL() << "accepted";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(std::string(error.what()).find("qqqq"), std::string::npos) << error.what();
  }
}

TEST(ValidateClaims, SubjectMustEqualTheExpectedSubject) {
  auto options = at_now();
  options.subject = "store-front";
  EXPECT_NO_THROW(validate({{"sub", "store-front"}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"sub", "admin-site"}}, options);
      },
      ErrorCode::subject_mismatch, "sub"));
  EXPECT_TRUE(
      fails_with([&] { validate(json::object(), options); }, ErrorCode::missing_claim, "sub"));
}

TEST(ValidateClaims, JwtIdMustEqualTheExpectedId) {
  auto options = at_now();
  options.jwt_id = "id-1";
  EXPECT_NO_THROW(validate({{"jti", "id-1"}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"jti", "id-2"}}, options);
      },
      ErrorCode::jwt_id_mismatch, "jti"));
  EXPECT_TRUE(
      fails_with([&] { validate(json::object(), options); }, ErrorCode::missing_claim, "jti"));
}

TEST(ValidateClaims, NonceMustEqualTheExpectedNonce) {
  auto options = at_now();
  options.nonce = "n-1";
  EXPECT_NO_THROW(validate({{"nonce", "n-1"}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"nonce", "n-2"}}, options);
      },
      ErrorCode::nonce_mismatch, "nonce"));
  EXPECT_TRUE(
      fails_with([&] { validate(json::object(), options); }, ErrorCode::missing_claim, "nonce"));
}

// --- required_claims -----------------------------------------------------------------

TEST(ValidateClaims, RequiredClaimsMustBePresent) {
  auto options = at_now();
  options.required_claims = {"appId", "exp"};
  EXPECT_NO_THROW(validate({{"appId", "store-front"}, {"exp", now + 60}}, options));
  EXPECT_TRUE(fails_with(
      [&] {
        validate({{"appId", "store-front"}}, options);
      },
      ErrorCode::missing_claim, "exp"));
}

TEST(ValidateClaims, ChecksEveryConfiguredClaimTogether) {
  auto options = at_now();
  options.issuer = {"iss-1"};
  options.subject = "sub-1";
  options.audience = {"aud-1"};
  const json payload = {{"iss", "iss-1"}, {"sub", "sub-1"}, {"aud", "aud-1"}, {"exp", now + 60}};
  EXPECT_NO_THROW(validate(payload, options));
  json wrong_subject = payload;
  wrong_subject["sub"] = "sub-2";
  EXPECT_TRUE(fails_with([&] { validate(wrong_subject, options); }, ErrorCode::subject_mismatch));
}

}  // namespace
