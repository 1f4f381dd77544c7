// KeyStore (appjwt/key_store.hpp): app ID -> keys, verification of app tokens,
// rotation, scopes, reload.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "app_auth_fixtures.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_store.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::AppKeyOptions;
using appjwt::AppVerifyOptions;
using appjwt::ErrorCode;
using appjwt::KeyStore;
using appjwt_test::app_token;
using appjwt_test::at_test_time;
using appjwt_test::error_of;
using appjwt_test::rsa_key;
using appjwt_test::TempDir;
using appjwt_test::verify_error;
using appjwt_test::write_file;

// stores -> rsa_key(0), admin -> rsa_key(1), both in a keys directory.
class KeysDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir / "stores_public.pem", rsa_key(0).public_pem());
    write_file(dir / "admin_public.pem", rsa_key(1).public_pem());
  }
  TempDir dir;
};

TEST_F(KeysDirectory, LoadsEveryPublicKeyFile) {
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(store.app_ids(), (std::vector<std::string>{"admin", "stores"}));
  EXPECT_EQ(store.size(), 2u);
}

TEST_F(KeysDirectory, IgnoresPrivateKeyFilesAndOtherFiles) {
  write_file(dir / "other_private.pem", rsa_key(2).private_pem());
  write_file(dir / "README", "keys for the API");
  EXPECT_EQ(KeyStore::from_directory(dir.path()).app_ids().size(), 2u);
}

TEST_F(KeysDirectory, GivesDirectoryKeysRs512AndTheirThumbprintAsKid) {
  const auto keys = KeyStore::from_directory(dir.path()).keys("stores");
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].algorithms, std::vector{Algorithm::RS512});
  EXPECT_EQ(keys[0].kid, rsa_key(0).thumbprint());
  EXPECT_FALSE(keys[0].key.is_private());
}

TEST_F(KeysDirectory, RefusesAFileNamedWithAnInvalidAppId) {
  write_file(dir / ".hidden_public.pem", rsa_key(2).public_pem());
  EXPECT_EQ(error_of([&] { KeyStore::from_directory(dir.path()); }), ErrorCode::invalid_app_id);
}

TEST_F(KeysDirectory, RefusesAPrivateKeyInAPublicKeyFile) {
  write_file(dir / "leaked_public.pem", rsa_key(2).private_pem());
  try {
    KeyStore::from_directory(dir.path());
    FAIL() << "loaded";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::key_error);
    EXPECT_EQ(std::string(error.what()).find("PRIVATE KEY-----\n"), std::string::npos);
  }
}

TEST_F(KeysDirectory, RefusesAFileWithoutAKey) {
  write_file(dir / "empty_public.pem", "not a key\n");
  EXPECT_EQ(error_of([&] { KeyStore::from_directory(dir.path()); }), ErrorCode::key_error);
}

TEST_F(KeysDirectory, LoadsEveryKeyOfAFileWithSeveral) {
  write_file(dir / "stores_public.pem", rsa_key(0).public_pem() + rsa_key(2).public_pem());
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(store.keys("stores").size(), 2u);
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(2), "stores"), at_test_time()));
}

TEST(KeyStoreLoading, ReportsAMissingDirectoryAsAnIoError) {
  KeyStore store;
  EXPECT_EQ(error_of([&] { store.load_directory("/nonexistent/appjwt-keys"); }),
            ErrorCode::io_error);
}

TEST_F(KeysDirectory, VerifiesATokenOfAKnownApp) {
  const auto store = KeyStore::from_directory(dir.path());
  const auto verified = store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(verified.app_id, "stores");
  EXPECT_EQ(verified.claims.at("appId"), "stores");
  EXPECT_EQ(verified.header.at("alg"), "RS512");
  EXPECT_EQ(verified.kid, rsa_key(0).thumbprint());
}

TEST_F(KeysDirectory, VerifyAppTokenIsStoreVerify) {
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(appjwt::verify_app_token(app_token(rsa_key(1), "admin"), store, at_test_time()).app_id,
            "admin");
}

TEST_F(KeysDirectory, RejectsAnUnknownAppAsUnknownKey) {
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(verify_error(store, app_token(rsa_key(2), "intruder")), ErrorCode::unknown_key);
}

TEST_F(KeysDirectory, RejectsHostileAppIdsBeforeAnyLookup) {
  // A file a naive store would read for "../<dir>/stores" really exists.
  const auto store = KeyStore::from_directory(dir.path());
  const std::string traversal = "../" + dir.path().filename().string() + "/stores";
  for (const std::string& app_id :
       {traversal, std::string("../../etc/passwd"), std::string("/etc/passwd"), std::string("a/b"),
        std::string(""), std::string(200, 'a'), std::string("%2e%2e"), std::string("stores\0x", 8),
        std::string("stores\n")}) {
    EXPECT_EQ(verify_error(store, app_token(rsa_key(0), app_id)), ErrorCode::invalid_app_id)
        << app_id;
  }
}

TEST_F(KeysDirectory, RejectsATokenWithoutAnAppIdAsMissingClaim) {
  const auto store = KeyStore::from_directory(dir.path());
  appjwt::SignOptions options;
  options.now = appjwt_test::test_now;
  options.expires_in = std::chrono::seconds{300};
  const auto token = appjwt::sign({{"sub", "stores"}}, rsa_key(0), options);
  EXPECT_EQ(verify_error(store, token), ErrorCode::missing_claim);
}

TEST_F(KeysDirectory, RejectsANonStringAppIdAsInvalid) {
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), 42)), ErrorCode::invalid_app_id);
}

TEST_F(KeysDirectory, RejectsATokenSignedWithAnotherAppsKey) {
  const auto store = KeyStore::from_directory(dir.path());
  EXPECT_EQ(verify_error(store, app_token(rsa_key(1), "stores")), ErrorCode::invalid_signature);
}

TEST_F(KeysDirectory, RejectsATamperedPayload) {
  const auto store = KeyStore::from_directory(dir.path());
  const auto token = app_token(rsa_key(0), "stores");
  const auto forged = app_token(rsa_key(2), "stores", {{"admin", true}});
  // stores' header and signature around another payload.
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  const auto forged_payload = forged.substr(forged.find('.'), forged.rfind('.') - forged.find('.'));
  EXPECT_EQ(
      verify_error(store, token.substr(0, first_dot) + forged_payload + token.substr(last_dot)),
      ErrorCode::invalid_signature);
}

TEST_F(KeysDirectory, RejectsAnExpiredToken) {
  const auto store = KeyStore::from_directory(dir.path());
  auto options = at_test_time();
  options.jwt.now = appjwt_test::test_now + 301;
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores"), options),
            ErrorCode::token_expired);
}

TEST_F(KeysDirectory, RequiresAnExpirationByDefault) {
  const auto store = KeyStore::from_directory(dir.path());
  appjwt::SignOptions no_exp;
  no_exp.now = appjwt_test::test_now;
  const auto token = appjwt::sign({{"appId", "stores"}}, rsa_key(0), no_exp);
  EXPECT_EQ(verify_error(store, token), ErrorCode::missing_claim);
}

TEST_F(KeysDirectory, AcceptsATokenWithoutExpirationWhenNotRequired) {
  const auto store = KeyStore::from_directory(dir.path());
  appjwt::SignOptions no_exp;
  no_exp.now = appjwt_test::test_now;
  auto options = at_test_time();
  options.require_expiration = false;
  EXPECT_NO_THROW(store.verify(appjwt::sign({{"appId", "stores"}}, rsa_key(0), no_exp), options));
}

TEST_F(KeysDirectory, RejectsAnAlgorithmTheAppIsNotAllowed) {
  const auto store = KeyStore::from_directory(dir.path());
  appjwt::SignOptions rs256;
  rs256.algorithm = Algorithm::RS256;
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores", nlohmann::json::object(), rs256)),
            ErrorCode::algorithm_not_allowed);
}

TEST_F(KeysDirectory, RestrictsAlgorithmsFurtherByTheVerifyOptions) {
  const auto store = KeyStore::from_directory(dir.path());
  auto options = at_test_time();
  options.jwt.algorithms = {Algorithm::PS512};
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores"), options),
            ErrorCode::algorithm_not_allowed);
}

TEST_F(KeysDirectory, AppliesTheClaimChecksOfTheVerifyOptions) {
  const auto store = KeyStore::from_directory(dir.path());
  auto options = at_test_time();
  options.jwt.audience = {"api"};
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores", {{"aud", "other"}}), options),
            ErrorCode::audience_mismatch);
}

TEST(KeyStoreAdd, VerifiesWithTheAlgorithmsConfiguredForAKey) {
  KeyStore store;
  AppKeyOptions ps256;
  ps256.algorithms = {Algorithm::PS256};
  store.add("stores", rsa_key(0), ps256);
  appjwt::SignOptions options;
  options.algorithm = Algorithm::PS256;
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(0), "stores", nlohmann::json::object(), options),
                               at_test_time()));
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores")), ErrorCode::algorithm_not_allowed);
}

TEST(KeyStoreAdd, RefusesAnAlgorithmTheKeyCannotUse) {
  KeyStore store;
  AppKeyOptions es256;
  es256.algorithms = {Algorithm::ES256};
  EXPECT_THROW(store.add("stores", rsa_key(0), es256), appjwt::Error);
  EXPECT_EQ(store.size(), 0u);
}

TEST(KeyStoreAdd, RefusesAnHmacSecret) {
  KeyStore store;
  EXPECT_EQ(error_of([&] {
              store.add("stores", appjwt::Key::from_secret("0123456789abcdef0123456789abcdef"));
            }),
            ErrorCode::key_error);
}

TEST(KeyStoreAdd, RefusesAnInvalidAppId) {
  KeyStore store;
  EXPECT_EQ(error_of([&] { store.add("../stores", rsa_key(0)); }), ErrorCode::invalid_app_id);
}

TEST(KeyStoreAdd, KeepsOnlyThePublicHalfOfAPrivateKey) {
  KeyStore store;
  store.add("stores", rsa_key(0));
  EXPECT_FALSE(store.keys("stores").at(0).key.is_private());
}

TEST(KeyStoreAdd, DefaultsEcAndEd25519KeysToTheirOwnAlgorithm) {
  KeyStore store;
  store.add("ec", appjwt::Key::generate_ec(appjwt::Curve::p384));
  store.add("ed", appjwt::Key::generate_ed25519());
  EXPECT_EQ(store.keys("ec").at(0).algorithms, std::vector{Algorithm::ES384});
  EXPECT_EQ(store.keys("ed").at(0).algorithms, std::vector{Algorithm::EdDSA});
}

TEST(KeyStoreAppId, ReadsTheAppIdFromAConfiguredClaim) {
  KeyStore store;
  store.add("stores", rsa_key(0));
  appjwt::SignOptions options;
  options.now = appjwt_test::test_now;
  options.expires_in = std::chrono::seconds{300};
  auto verify_options = at_test_time();
  verify_options.app_id_claim = "iss";
  EXPECT_EQ(
      store.verify(appjwt::sign({{"iss", "stores"}}, rsa_key(0), options), verify_options).app_id,
      "stores");
}

TEST(KeyStoreAppId, ReadsTheAppIdFromTheKidWhenConfigured) {
  KeyStore store;
  store.add("stores", rsa_key(0));
  appjwt::SignOptions options;
  options.now = appjwt_test::test_now;
  options.expires_in = std::chrono::seconds{300};
  options.key_id = "stores";
  auto verify_options = at_test_time();
  verify_options.app_id_from_kid = true;
  EXPECT_EQ(store.verify(appjwt::sign({{"x", 1}}, rsa_key(0), options), verify_options).app_id,
            "stores");
}

TEST(KeyStoreAppId, ValidatesAKidUsedAsAppId) {
  KeyStore store;
  appjwt::SignOptions options;
  options.now = appjwt_test::test_now;
  options.expires_in = std::chrono::seconds{300};
  options.key_id = "../../etc/passwd";
  auto verify_options = at_test_time();
  verify_options.app_id_from_kid = true;
  EXPECT_EQ(verify_error(store, appjwt::sign({{"x", 1}}, rsa_key(0), options), verify_options),
            ErrorCode::invalid_app_id);
}

// stores has an old (rsa_key(0), kid "2025") and a new key (rsa_key(2), kid "2026").
class Rotation : public ::testing::Test {
 protected:
  void SetUp() override {
    AppKeyOptions old_key;
    old_key.kid = "2025";
    store.add("stores", rsa_key(0), old_key);
    AppKeyOptions new_key;
    new_key.kid = "2026";
    store.add("stores", rsa_key(2), new_key);
  }
  static std::string token_with_kid(const appjwt::Key& key, const std::string& kid) {
    appjwt::SignOptions options;
    options.key_id = kid;
    return app_token(key, "stores", nlohmann::json::object(), options);
  }
  KeyStore store;
};

TEST_F(Rotation, VerifiesWithTheKeyNamedByTheTokensKid) {
  EXPECT_EQ(store.verify(token_with_kid(rsa_key(2), "2026"), at_test_time()).kid, "2026");
  EXPECT_EQ(store.verify(token_with_kid(rsa_key(0), "2025"), at_test_time()).kid, "2025");
}

TEST_F(Rotation, UsesOnlyTheKeyNamedByTheKid) {
  EXPECT_EQ(verify_error(store, token_with_kid(rsa_key(0), "2026")), ErrorCode::invalid_signature);
}

TEST_F(Rotation, RejectsAKidTheAppDoesNotHave) {
  EXPECT_EQ(verify_error(store, token_with_kid(rsa_key(0), "2024")), ErrorCode::unknown_key);
}

TEST_F(Rotation, TriesEachKeyOfTheAppForATokenWithoutKid) {
  EXPECT_EQ(store.verify(app_token(rsa_key(2), "stores"), at_test_time()).kid, "2026");
  EXPECT_EQ(store.verify(app_token(rsa_key(0), "stores"), at_test_time()).kid, "2025");
}

TEST_F(Rotation, RejectsATokenWithoutKidThatNoKeyVerifies) {
  EXPECT_EQ(verify_error(store, app_token(rsa_key(1), "stores")), ErrorCode::invalid_signature);
}

TEST_F(Rotation, RemovesOneKeyByKid) {
  EXPECT_TRUE(store.remove("stores", "2025"));
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores")), ErrorCode::invalid_signature);
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(2), "stores"), at_test_time()));
}

TEST_F(Rotation, RemovesEveryKeyOfAnApp) {
  EXPECT_TRUE(store.remove("stores"));
  EXPECT_FALSE(store.contains("stores"));
  EXPECT_FALSE(store.remove("stores"));
}

// stores holds users:read and users:write; admin holds nothing.
class Scopes : public ::testing::Test {
 protected:
  void SetUp() override {
    store.add("stores", rsa_key(0));
    store.add("admin", rsa_key(1));
    store.set_scopes("stores", {"users:read", "users:write"});
  }
  AppVerifyOptions requiring(const std::string& scope) const {
    auto options = at_test_time();
    options.required_scopes = {scope};
    return options;
  }
  KeyStore store;
};

TEST_F(Scopes, AnAppHoldsItsGrantedScopesWhenTheTokenClaimsNone) {
  EXPECT_EQ(store.verify(app_token(rsa_key(0), "stores"), at_test_time()).scopes,
            (std::vector<std::string>{"users:read", "users:write"}));
}

TEST_F(Scopes, ATokenNarrowsItsAppsScopes) {
  EXPECT_EQ(store.verify(app_token(rsa_key(0), "stores", {{"scope", "users:read"}}), at_test_time())
                .scopes,
            std::vector<std::string>{"users:read"});
}

TEST_F(Scopes, ATokenClaimingAScopeItsAppLacksIsRefused) {
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores", {{"scope", "users:read admin"}})),
            ErrorCode::insufficient_scope);
}

TEST_F(Scopes, ARequiredScopeTheAppHoldsPasses) {
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(0), "stores"), requiring("users:write")));
}

TEST_F(Scopes, AMissingRequiredScopeIsInsufficientScope) {
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores"), requiring("admin")),
            ErrorCode::insufficient_scope);
}

TEST_F(Scopes, ARequiredScopeNarrowedAwayByTheTokenIsInsufficientScope) {
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores", {{"scope", "users:read"}}),
                         requiring("users:write")),
            ErrorCode::insufficient_scope);
}

TEST_F(Scopes, AnAppWithoutGrantedScopesHoldsNone) {
  EXPECT_TRUE(store.verify(app_token(rsa_key(1), "admin"), at_test_time()).scopes.empty());
  EXPECT_EQ(verify_error(store, app_token(rsa_key(1), "admin"), requiring("users:read")),
            ErrorCode::insufficient_scope);
}

TEST_F(Scopes, ANonStringScopeClaimIsMalformed) {
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores", {{"scope", {"users:read"}}})),
            ErrorCode::malformed);
}

TEST_F(Scopes, SetScopesRefusesAScopeWithASpace) {
  EXPECT_THROW(store.set_scopes("stores", {"users read"}), appjwt::Error);
  EXPECT_EQ(store.scopes("stores"), (std::vector<std::string>{"users:read", "users:write"}));
}

TEST_F(KeysDirectory, ReloadPicksUpAddedChangedAndRemovedFiles) {
  auto store = KeyStore::from_directory(dir.path());
  std::filesystem::remove(dir / "admin_public.pem");
  write_file(dir / "stores_public.pem", rsa_key(2).public_pem());
  write_file(dir / "billing_public.pem", rsa_key(1).public_pem());
  store.reload();
  EXPECT_EQ(store.app_ids(), (std::vector<std::string>{"billing", "stores"}));
  EXPECT_EQ(verify_error(store, app_token(rsa_key(0), "stores")), ErrorCode::invalid_signature);
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(2), "stores"), at_test_time()));
}

TEST_F(KeysDirectory, AFailedReloadKeepsThePreviousKeys) {
  auto store = KeyStore::from_directory(dir.path());
  write_file(dir / "stores_public.pem",
             "-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----\n");
  EXPECT_THROW(store.reload(), appjwt::Error);
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(0), "stores"), at_test_time()));
  EXPECT_EQ(store.size(), 2u);
}

TEST_F(KeysDirectory, ReloadKeepsKeysAddedExplicitlyAndScopes) {
  auto store = KeyStore::from_directory(dir.path());
  store.add("billing", rsa_key(2));
  store.set_scopes("stores", {"users:read"});
  store.reload();
  EXPECT_TRUE(store.contains("billing"));
  EXPECT_EQ(store.scopes("stores"), std::vector<std::string>{"users:read"});
}

TEST_F(KeysDirectory, VerifiersOnOtherThreadsNeverSeeAHalfLoadedStore) {
  auto store = KeyStore::from_directory(dir.path());
  const auto stores_token = app_token(rsa_key(0), "stores");
  std::atomic<bool> done{false};
  std::atomic<int> attempts{0};
  std::atomic<int> failures{0};
  std::atomic<int> inconsistent{0};
  std::vector<std::thread> verifiers;
  for (int i = 0; i < 2; ++i) {
    verifiers.emplace_back([&] {
      while (!done) {
        try {
          store.verify(stores_token, at_test_time());
        } catch (const appjwt::Error&) {
          ++failures;
        }
        // The two states reload alternates between: with admin, or without it.
        const auto ids = store.app_ids();
        if (ids != std::vector<std::string>{"admin", "stores"} &&
            ids != std::vector<std::string>{"stores"}) {
          ++inconsistent;
        }
        ++attempts;
      }
    });
  }
  for (int round = 0; round < 40; ++round) {
    if (round % 2 == 0) {
      std::filesystem::remove(dir / "admin_public.pem");
    } else {
      write_file(dir / "admin_public.pem", rsa_key(1).public_pem());
    }
    store.reload();
  }
  // Verifiers keep going for a few rounds after the last reload.
  const int attempts_by_now = attempts;
  while (attempts < attempts_by_now + 4) std::this_thread::yield();
  done = true;
  for (auto& thread : verifiers) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(inconsistent, 0);
}

TEST_F(KeysDirectory, PublishesItsKeysAsAJwksWithAppIdsAsKids) {
  const auto jwks = KeyStore::from_directory(dir.path()).to_jwks();
  ASSERT_EQ(jwks.at("keys").size(), 2u);
  const auto& admin = jwks["keys"][0];
  EXPECT_EQ(admin.at("kid"), "admin");
  EXPECT_EQ(admin.at("kty"), "RSA");
  EXPECT_EQ(admin.at("alg"), "RS512");
  EXPECT_EQ(admin.at("use"), "sig");
  EXPECT_FALSE(admin.contains("d"));
  EXPECT_FALSE(admin.contains("appId"));
}

TEST_F(KeysDirectory, ItsJwksLoadsIntoAnotherStoreThatVerifiesTheSameTokens) {
  KeyStore copy;
  copy.add_jwks(KeyStore::from_directory(dir.path()).to_jwks().dump());
  EXPECT_EQ(copy.verify(app_token(rsa_key(1), "admin"), at_test_time()).app_id, "admin");
}

}  // namespace
