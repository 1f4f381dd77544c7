// The verified-token cache (core/src/verified_token_cache.hpp) and KeyStore's
// use of it (KeyStoreOptions::verified_token_cache_size): a hit is never more
// permissive than verifying the token again.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app_auth_fixtures.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_store.hpp"
#include "verified_token_cache.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::AppVerifyOptions;
using appjwt::ErrorCode;
using appjwt::KeyStore;
using appjwt::detail::VerifiedToken;
using appjwt::detail::VerifiedTokenCache;
using appjwt_test::app_token;
using appjwt_test::at_test_time;
using appjwt_test::rsa_key;
using appjwt_test::test_now;
using appjwt_test::verify_error;

std::shared_ptr<const VerifiedToken> expiring_at(double expires_at, std::string app_id = "stores") {
  auto entry = std::make_shared<VerifiedToken>();
  entry->app_id = std::move(app_id);
  entry->expires_at = expires_at;
  return entry;
}

TEST(VerifiedTokenCache, FindsAnInsertedTokenByItsWholeText) {
  VerifiedTokenCache cache(10);
  cache.insert("a.b.c", expiring_at(200), 100);
  ASSERT_NE(cache.find("a.b.c", 100), nullptr);
  EXPECT_EQ(cache.find("a.b.c", 100)->app_id, "stores");
}

TEST(VerifiedTokenCache, MissesATokenThatDiffersInOneCharacter) {
  VerifiedTokenCache cache(10);
  cache.insert("a.b.c", expiring_at(200), 100);
  EXPECT_EQ(cache.find("a.b.d", 100), nullptr);
  EXPECT_EQ(cache.find("a.b.", 100), nullptr);
}

TEST(VerifiedTokenCache, NeverReturnsAnEntryFromItsExpiryOn) {
  VerifiedTokenCache cache(10);
  cache.insert("a.b.c", expiring_at(200), 100);
  EXPECT_EQ(cache.find("a.b.c", 200), nullptr);
  EXPECT_EQ(cache.size(), 0u);  // dropped, not just hidden
  EXPECT_EQ(cache.find("a.b.c", 150), nullptr);
}

TEST(VerifiedTokenCache, HoldsNoMoreThanItsCapacity) {
  for (const std::size_t capacity : {1u, 3u, 40u}) {
    VerifiedTokenCache cache(capacity);
    for (int i = 0; i < 200; ++i) cache.insert("token" + std::to_string(i), expiring_at(200), 100);
    EXPECT_LE(cache.size(), capacity);
    EXPECT_GT(cache.size(), 0u);
  }
}

TEST(VerifiedTokenCache, EvictsTheOldestEntryWhenFull) {
  VerifiedTokenCache cache(1);
  cache.insert("old", expiring_at(200), 100);
  cache.insert("new", expiring_at(200), 100);
  EXPECT_EQ(cache.find("old", 100), nullptr);
  EXPECT_NE(cache.find("new", 100), nullptr);
}

TEST(VerifiedTokenCache, ReplacesTheEntryOfATokenInsertedAgain) {
  VerifiedTokenCache cache(10);
  cache.insert("a.b.c", expiring_at(200, "first"), 100);
  cache.insert("a.b.c", expiring_at(200, "second"), 100);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("a.b.c", 100)->app_id, "second");
}

TEST(VerifiedTokenCache, ClearDropsEveryEntry) {
  VerifiedTokenCache cache(100);
  for (int i = 0; i < 50; ++i) cache.insert("token" + std::to_string(i), expiring_at(200), 100);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.find("token7", 100), nullptr);
}

TEST(VerifiedTokenCache, IsSafeToUseFromSeveralThreads) {
  VerifiedTokenCache cache(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string token = "token" + std::to_string((i * 7 + t) % 100);
        if (i % 3 == 0) cache.insert(token, expiring_at(200), 100);
        const auto found = cache.find(token, 100);
        if (found) {
          EXPECT_EQ(found->app_id, "stores");
        }
        if (i % 500 == 0) cache.clear();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(cache.size(), 64u);
}

// A store with the cache on: stores -> rsa_key(0), scope "orders:read".
class CachingStore : public ::testing::Test {
 protected:
  CachingStore() : store({.verified_token_cache_size = 100}) {
    store.add("stores", rsa_key(0), {.algorithms = {}, .kid = "k1"});
    store.set_scopes("stores", {"orders:read"});
  }

  // The token verified once, so that it is in the cache.
  std::string cached_token(nlohmann::json extra = nlohmann::json::object()) {
    const std::string token = app_token(rsa_key(0), "stores", std::move(extra));
    store.verify(token, at_test_time());
    EXPECT_EQ(store.cached_token_count(), 1u);
    return token;
  }

  KeyStore store;
};

TEST(KeyStoreVerifiedTokenCache, IsOffByDefault) {
  EXPECT_EQ(appjwt::KeyStoreOptions{}.verified_token_cache_size, 0u);
  KeyStore store;
  store.add("stores", rsa_key(0));
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(store.cached_token_count(), 0u);
}

TEST_F(CachingStore, AcceptsATokenVerifiedBeforeWithTheSameResult) {
  const std::string token = app_token(rsa_key(0), "stores", {{"scope", "orders:read"}});
  const auto first = store.verify(token, at_test_time());
  const auto again = store.verify(token, at_test_time());
  EXPECT_EQ(store.cached_token_count(), 1u);
  EXPECT_EQ(again.app_id, first.app_id);
  EXPECT_EQ(again.kid, "k1");
  EXPECT_EQ(again.header, first.header);
  EXPECT_EQ(again.claims, first.claims);
  EXPECT_EQ(again.scopes, first.scopes);
}

TEST_F(CachingStore, RejectsACachedTokenOnceItsKeyIsRemoved) {
  const auto token = cached_token();
  store.remove("stores");
  EXPECT_EQ(verify_error(store, token), ErrorCode::unknown_key);
}

TEST_F(CachingStore, RejectsACachedTokenOnceItsKeyIsReplaced) {
  const auto token = cached_token();
  store.remove("stores");
  store.add("stores", rsa_key(1), {.algorithms = {}, .kid = "k1"});
  EXPECT_EQ(verify_error(store, token), ErrorCode::invalid_signature);
}

TEST_F(CachingStore, DropsEveryEntryWhenTheStoreChanges) {
  cached_token();
  store.add("admin", rsa_key(1));
  EXPECT_EQ(store.cached_token_count(), 0u);
}

TEST_F(CachingStore, AppliesScopesChangedSinceTheTokenWasCached) {
  const auto token = cached_token({{"scope", "orders:read"}});
  store.set_scopes("stores", {});
  EXPECT_EQ(verify_error(store, token), ErrorCode::insufficient_scope);
}

TEST_F(CachingStore, RejectsACachedTokenOnceItExpires) {
  const auto token = cached_token();  // exp: test_now + 300
  auto later = at_test_time();
  later.jwt.now = test_now + 300;
  EXPECT_EQ(verify_error(store, token, later), ErrorCode::token_expired);
}

TEST_F(CachingStore, AppliesEachCallsAlgorithmsToACachedToken) {
  const auto token = cached_token();
  auto options = at_test_time();
  options.jwt.algorithms = {Algorithm::RS256};
  EXPECT_EQ(verify_error(store, token, options), ErrorCode::algorithm_not_allowed);
}

TEST_F(CachingStore, AppliesEachCallsClaimChecksToACachedToken) {
  const auto token = cached_token();
  auto options = at_test_time();
  options.jwt.issuer = {"https://issuer.example"};
  EXPECT_EQ(verify_error(store, token, options), ErrorCode::missing_claim);
}

TEST_F(CachingStore, AppliesEachCallsRequiredScopesToACachedToken) {
  const auto token = cached_token();
  auto options = at_test_time();
  options.required_scopes = {"orders:write"};
  EXPECT_EQ(verify_error(store, token, options), ErrorCode::insufficient_scope);
}

TEST_F(CachingStore, AppliesEachCallsSizeLimitToACachedToken) {
  const auto token = cached_token();
  auto options = at_test_time();
  options.jwt.max_token_size = token.size() - 1;
  EXPECT_EQ(verify_error(store, token, options), ErrorCode::token_too_large);
}

TEST_F(CachingStore, ReadsTheAppIdOfACachedTokenAsEachCallSays) {
  const auto token = cached_token();
  auto options = at_test_time();
  options.app_id_claim = "client";
  EXPECT_EQ(verify_error(store, token, options), ErrorCode::missing_claim);
}

TEST_F(CachingStore, AppliesEachCallsUnderstoodCriticalParameters) {
  appjwt::SignOptions sign_options;
  sign_options.header = {{"crit", {"b64x"}}, {"b64x", true}};
  const std::string token = app_token(rsa_key(0), "stores", nlohmann::json::object(), sign_options);
  auto understood = at_test_time();
  understood.jwt.understood_critical = {"b64x"};
  store.verify(token, understood);
  EXPECT_EQ(store.cached_token_count(), 1u);
  EXPECT_EQ(verify_error(store, token), ErrorCode::malformed);
}

TEST_F(CachingStore, DoesNotKeepATokenWithoutExp) {
  appjwt::SignOptions no_exp;
  const std::string token =
      appjwt::sign({{"appId", "stores"}, {"iat", test_now}}, rsa_key(0), no_exp);
  auto options = at_test_time();
  options.require_expiration = false;
  store.verify(token, options);
  EXPECT_EQ(store.cached_token_count(), 0u);
}

TEST_F(CachingStore, DoesNotKeepATokenVerifiedWhileIgnoringExpiration) {
  auto options = at_test_time();
  options.jwt.ignore_expiration = true;
  store.verify(app_token(rsa_key(0), "stores"), options);
  EXPECT_EQ(store.cached_token_count(), 0u);
}

TEST_F(CachingStore, DoesNotKeepATokenVerifiedWithInsecureKeySizesAllowed) {
  auto options = at_test_time();
  options.jwt.allow_insecure_key_sizes = true;
  store.verify(app_token(rsa_key(0), "stores"), options);
  EXPECT_EQ(store.cached_token_count(), 0u);
}

TEST(KeyStoreVerifiedTokenCache, IsTurnedOnForAStoreLoadedFromADirectory) {
  const appjwt_test::TempDir dir;
  appjwt_test::write_file(dir / "stores_public.pem", rsa_key(0).public_pem());
  const auto store = KeyStore::from_directory(dir.path(), {}, {.verified_token_cache_size = 10});
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(store.cached_token_count(), 1u);
}

TEST(KeyStoreVerifiedTokenCache, HoldsNoMoreTokensThanItsSize) {
  KeyStore store({.verified_token_cache_size = 2});
  store.add("stores", rsa_key(0));
  for (int i = 0; i < 5; ++i) {
    store.verify(app_token(rsa_key(0), "stores", {{"n", i}}), at_test_time());
  }
  EXPECT_LE(store.cached_token_count(), 2u);
}

TEST_F(CachingStore, RejectsACachedTokenAfterAConcurrentRemoveReturns) {
  const auto token = cached_token();
  std::atomic<bool> stop{false};
  std::vector<std::thread> verifiers;
  for (int t = 0; t < 3; ++t) {
    verifiers.emplace_back([&] {
      while (!stop) {
        try {
          store.verify(token, at_test_time());
        } catch (const appjwt::Error& error) {
          EXPECT_EQ(error.code(), ErrorCode::unknown_key);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  store.remove("stores");
  EXPECT_EQ(verify_error(store, token), ErrorCode::unknown_key);
  stop = true;
  for (auto& thread : verifiers) thread.join();
}

}  // namespace
