// TokenSigner (appjwt/token_signer.hpp): a cached, short-lived app token per call.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app_auth_fixtures.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"
#include "appjwt/token_signer.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::ErrorCode;
using appjwt::Key;
using appjwt::TokenSigner;
using appjwt::TokenSignerOptions;

constexpr double start = 1'700'000'000.25;

const Key& rsa_key() {
  static const Key key = Key::generate_rsa(2048);
  return key;
}

// A signer whose clock reads *now.
TokenSigner signer_at(const double* now, TokenSignerOptions options = {}) {
  options.clock = [now] { return *now; };
  return TokenSigner("stores", rsa_key(), std::move(options));
}

nlohmann::json claims_of(const std::string& token) {
  return appjwt::decode_unverified(token).payload;
}

ErrorCode construction_error(const std::string& app_id, const Key& key,
                             TokenSignerOptions options) {
  return appjwt_test::error_of([&] { TokenSigner signer(app_id, key, std::move(options)); });
}

TEST(TokenSigner, TokenCarriesTheAppIdAndExpiresTtlAfterIssue) {
  const double now = start;
  auto signer = signer_at(&now);
  const auto claims = claims_of(signer.token());
  EXPECT_EQ(claims.at("appId"), "stores");
  EXPECT_EQ(claims.at("iat"), 1'700'000'000);
  EXPECT_EQ(claims.at("exp"), 1'700'000'300);
}

TEST(TokenSigner, TokenVerifiesWithThePublicKeyUnderRs512) {
  const double now = start;
  auto signer = signer_at(&now);
  appjwt::VerifyOptions options;
  options.algorithms = {Algorithm::RS512};
  options.now = now;
  const auto verified = appjwt::verify(signer.token(), rsa_key().public_key(), options);
  EXPECT_EQ(verified.header.at("alg"), "RS512");
}

TEST(TokenSigner, ReturnsTheCachedTokenUntilTheRefreshMargin) {
  double now = start;
  auto signer = signer_at(&now);
  const auto first = signer.token();
  now = start + 269;  // 300 s ttl, 30 s margin: 31 s left
  EXPECT_EQ(signer.token(), first);
}

TEST(TokenSigner, ResignsOnceWithinTheRefreshMargin) {
  double now = start;
  auto signer = signer_at(&now);
  const auto first = signer.token();
  now = start + 270;
  const auto second = signer.token();
  EXPECT_NE(second, first);
  EXPECT_EQ(claims_of(second).at("iat"), 1'700'000'270);
}

TEST(TokenSigner, HonoursAConfiguredTtlAndMargin) {
  double now = start;
  TokenSignerOptions options;
  options.ttl = std::chrono::seconds{60};
  options.refresh_margin = std::chrono::seconds{10};
  auto signer = signer_at(&now, options);
  const auto first = signer.token();
  EXPECT_EQ(claims_of(first).at("exp"), 1'700'000'060);
  now = start + 49;
  EXPECT_EQ(signer.token(), first);
  now = start + 50;
  EXPECT_NE(signer.token(), first);
}

TEST(TokenSigner, ResignsWhenTheClockGoesBackBeforeIssue) {
  double now = start;
  auto signer = signer_at(&now);
  const auto first = signer.token();
  now = start - 100;
  const auto second = signer.token();
  EXPECT_NE(second, first);
  EXPECT_EQ(claims_of(second).at("iat"), 1'699'999'900);
}

TEST(TokenSigner, RefreshSignsANewTokenAndCachesIt) {
  double now = start;
  auto signer = signer_at(&now);
  const auto first = signer.token();
  now = start + 5;
  const auto refreshed = signer.refresh();
  EXPECT_NE(refreshed, first);
  EXPECT_EQ(signer.token(), refreshed);
}

TEST(TokenSigner, TokenAtUsesTheGivenTimeInsteadOfTheClock) {
  const double now = start;
  auto signer = signer_at(&now);
  const auto first = signer.token_at(start + 1000);
  EXPECT_EQ(claims_of(first).at("iat"), 1'700'001'000);
  EXPECT_EQ(signer.token_at(start + 1100), first);
  EXPECT_NE(signer.refresh_at(start + 1100), first);
}

TEST(TokenSigner, ExpiresAtIsZeroBeforeTheFirstTokenThenItsExp) {
  const double now = start;
  auto signer = signer_at(&now);
  EXPECT_EQ(signer.expires_at(), 0);
  signer.token();
  EXPECT_EQ(signer.expires_at(), 1'700'000'300);
}

TEST(TokenSigner, AddsExtraClaimsToEveryToken) {
  const double now = start;
  TokenSignerOptions options;
  options.claims = {{"scope", "users:read"}, {"aud", "api"}};
  auto signer = signer_at(&now, options);
  const auto claims = claims_of(signer.token());
  EXPECT_EQ(claims.at("scope"), "users:read");
  EXPECT_EQ(claims.at("aud"), "api");
}

TEST(TokenSigner, WritesTheAppIdUnderAConfiguredClaimName) {
  const double now = start;
  TokenSignerOptions options;
  options.app_id_claim = "sub";
  auto signer = signer_at(&now, options);
  EXPECT_EQ(claims_of(signer.token()).at("sub"), "stores");
}

TEST(TokenSigner, PutsTheKeyIdInTheHeader) {
  const double now = start;
  TokenSignerOptions options;
  options.key_id = "2026-12";
  auto signer = signer_at(&now, options);
  EXPECT_EQ(appjwt::decode_unverified(signer.token()).header.at("kid"), "2026-12");
}

TEST(TokenSigner, SignsWithAConfiguredAlgorithm) {
  const double now = start;
  TokenSignerOptions options;
  options.algorithm = Algorithm::ES256;
  options.clock = [&now] { return now; };
  TokenSigner signer("stores", Key::generate_ec(appjwt::Curve::p256), options);
  EXPECT_EQ(appjwt::decode_unverified(signer.token()).header.at("alg"), "ES256");
}

TEST(TokenSigner, ConcurrentCallersShareOneSignedToken) {
  std::atomic<int> calls{0};
  TokenSignerOptions options;
  // Each call moves the clock 0.1 s: a re-sign on any call would change iat.
  options.clock = [&calls] { return start + 0.1 * calls.fetch_add(1); };
  TokenSigner signer("stores", rsa_key(), options);
  std::vector<std::set<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (auto& tokens : seen) {
    threads.emplace_back([&signer, &tokens] {
      for (int i = 0; i < 100; ++i) tokens.insert(signer.token());
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& tokens : seen) all.insert(tokens.begin(), tokens.end());
  EXPECT_EQ(all.size(), 1u);
}

TEST(TokenSigner, RefusesAPublicKey) {
  EXPECT_EQ(construction_error("stores", rsa_key().public_key(), {}), ErrorCode::key_error);
}

TEST(TokenSigner, RefusesAnHmacSecret) {
  TokenSignerOptions options;
  options.algorithm = Algorithm::HS256;
  EXPECT_EQ(
      construction_error("stores", Key::from_secret("0123456789abcdef0123456789abcdef"), options),
      ErrorCode::key_error);
}

TEST(TokenSigner, RefusesAnAlgorithmTheKeyCannotUse) {
  TokenSignerOptions options;
  options.algorithm = Algorithm::ES256;
  EXPECT_EQ(construction_error("stores", rsa_key(), options), ErrorCode::key_error);
}

TEST(TokenSigner, RefusesAnInvalidAppId) {
  EXPECT_EQ(construction_error("../stores", rsa_key(), {}), ErrorCode::invalid_app_id);
}

TEST(TokenSigner, RefusesAMarginNotShorterThanTheTtl) {
  TokenSignerOptions options;
  options.ttl = std::chrono::seconds{30};
  options.refresh_margin = std::chrono::seconds{30};
  EXPECT_EQ(construction_error("stores", rsa_key(), options), ErrorCode::invalid_argument);
}

TEST(TokenSigner, RefusesANonPositiveTtl) {
  TokenSignerOptions options;
  options.ttl = std::chrono::seconds{0};
  options.refresh_margin = std::chrono::seconds{0};
  EXPECT_EQ(construction_error("stores", rsa_key(), options), ErrorCode::invalid_argument);
}

TEST(TokenSigner, RefusesExtraClaimsThatSetTheAppIdOrTimes) {
  for (const char* claim : {"appId", "iat", "exp"}) {
    TokenSignerOptions options;
    options.claims = {{claim, 1}};
    EXPECT_EQ(construction_error("stores", rsa_key(), options), ErrorCode::invalid_argument)
        << claim;
  }
}

}  // namespace
