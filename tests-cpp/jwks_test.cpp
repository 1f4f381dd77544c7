// JWKS documents in the key store: parsing, publishing, files, and URLs fetched
// from a real HTTP server on loopback (caching, refetch on unknown keys, cooldown).
#include <gtest/gtest.h>

#include <string>

#include "app_auth_fixtures.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_store.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::AppVerifyOptions;
using appjwt::ErrorCode;
using appjwt::JwksUrlOptions;
using appjwt::KeyStore;
using appjwt_test::app_token;
using appjwt_test::at_test_time;
using appjwt_test::error_of;
using appjwt_test::HttpServer;
using appjwt_test::rsa_key;
using nlohmann::json;

json jwk(const appjwt::Key& key, json members) {
  auto result = key.to_public_jwk();
  result.update(members);
  return result;
}

std::string jwks(std::initializer_list<json> keys) {
  return json{{"keys", keys}}.dump();
}

ErrorCode add_error(const std::string& document) {
  KeyStore store;
  return error_of([&] { store.add_jwks(document); });
}

TEST(JwksParsing, TakesTheAppIdFromTheKid) {
  KeyStore store;
  store.add_jwks(jwks({jwk(rsa_key(0), {{"kid", "stores"}})}));
  EXPECT_EQ(store.verify(app_token(rsa_key(0), "stores"), at_test_time()).app_id, "stores");
}

TEST(JwksParsing, TakesTheAppIdFromAnAppIdMemberBeforeTheKid) {
  KeyStore store;
  store.add_jwks(jwks({jwk(rsa_key(0), {{"kid", "k1"}, {"appId", "stores"}})}));
  const auto keys = store.keys("stores");
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].kid, "k1");
}

TEST(JwksParsing, UsesTheAlgOfAJwk) {
  KeyStore store;
  store.add_jwks(jwks({jwk(rsa_key(0), {{"kid", "stores"}, {"alg", "PS256"}})}));
  EXPECT_EQ(store.keys("stores").at(0).algorithms, std::vector{Algorithm::PS256});
}

TEST(JwksParsing, DefaultsAnRsaJwkWithoutAlgToRs512) {
  KeyStore store;
  store.add_jwks(jwks({jwk(rsa_key(0), {{"kid", "stores"}})}));
  EXPECT_EQ(store.keys("stores").at(0).algorithms, std::vector{Algorithm::RS512});
}

TEST(JwksParsing, SkipsKeysForEncryption) {
  KeyStore store;
  store.add_jwks(jwks({jwk(rsa_key(0), {{"kid", "stores"}, {"use", "enc"}}),
                       jwk(rsa_key(1), {{"kid", "admin"}, {"use", "sig"}})}));
  EXPECT_EQ(store.app_ids(), std::vector<std::string>{"admin"});
}

TEST(JwksParsing, RefusesAPrivateJwk) {
  EXPECT_EQ(add_error(jwks({jwk(rsa_key(0), {{"kid", "stores"}, {"d", "AQAB"}})})),
            ErrorCode::key_error);
}

TEST(JwksParsing, RefusesASymmetricJwk) {
  EXPECT_EQ(add_error(jwks({{{"kty", "oct"}, {"kid", "stores"}, {"k", "c2VjcmV0c2VjcmV0"}}})),
            ErrorCode::key_error);
}

TEST(JwksParsing, RefusesAJwkWithoutAppId) {
  EXPECT_EQ(add_error(jwks({rsa_key(0).to_public_jwk()})), ErrorCode::invalid_app_id);
}

TEST(JwksParsing, RefusesAnInvalidAppIdInTheKid) {
  EXPECT_EQ(add_error(jwks({jwk(rsa_key(0), {{"kid", "../../etc/passwd"}})})),
            ErrorCode::invalid_app_id);
}

TEST(JwksParsing, RefusesADocumentWithoutAKeysArray) {
  EXPECT_EQ(add_error(R"({"keys": {}})"), ErrorCode::malformed);
  EXPECT_EQ(add_error(R"({"key": []})"), ErrorCode::malformed);
}

TEST(JwksParsing, RefusesDuplicateMembers) {
  EXPECT_EQ(add_error(R"({"keys": [], "keys": []})"), ErrorCode::malformed);
}

TEST(JwksParsing, RefusesAnUnknownAlg) {
  EXPECT_EQ(add_error(jwks({jwk(rsa_key(0), {{"kid", "stores"}, {"alg", "none"}})})),
            ErrorCode::algorithm_not_allowed);
}

TEST(JwksParsing, RefusesAnAlgTheKeyCannotUse) {
  EXPECT_EQ(add_error(jwks({jwk(rsa_key(0), {{"kid", "stores"}, {"alg", "ES256"}})})),
            ErrorCode::algorithm_not_allowed);
}

TEST(JwksParsing, ChangesNothingWhenOneKeyIsBad) {
  KeyStore store;
  EXPECT_THROW(store.add_jwks(
                   jwks({jwk(rsa_key(0), {{"kid", "stores"}}), jwk(rsa_key(1), {{"kid", "a/b"}})})),
               appjwt::Error);
  EXPECT_EQ(store.size(), 0u);
}

TEST(JwksPublishing, UsesThumbprintKidsWhenAsked) {
  KeyStore store;
  store.add("stores", rsa_key(0));
  appjwt::JwksOptions options;
  options.thumbprint_kid = true;
  const auto key = store.to_jwks(options).at("keys").at(0);
  EXPECT_EQ(key.at("kid"), rsa_key(0).thumbprint());
  EXPECT_EQ(key.at("appId"), "stores");
}

TEST(JwksPublishing, GivesEachKeyOfARotatingAppItsOwnKid) {
  KeyStore store;
  appjwt::AppKeyOptions old_key;
  old_key.kid = "2025";
  store.add("stores", rsa_key(0), old_key);
  store.add("stores", rsa_key(2));
  const auto keys = store.to_jwks().at("keys");
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].at("kid"), "2025");
  EXPECT_EQ(keys[1].at("kid"), rsa_key(2).thumbprint());
  EXPECT_EQ(keys[1].at("appId"), "stores");
}

TEST(JwksFile, LoadsAndReloadsAJwksFile) {
  appjwt_test::TempDir dir;
  const auto path = dir / "keys.json";
  appjwt_test::write_file(path, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}));
  KeyStore store;
  store.load_jwks_file(path);
  EXPECT_EQ(store.app_ids(), std::vector<std::string>{"stores"});
  appjwt_test::write_file(path, jwks({jwk(rsa_key(1), {{"kid", "admin"}})}));
  store.reload();
  EXPECT_EQ(store.app_ids(), std::vector<std::string>{"admin"});
}

TEST(JwksFile, ReportsAMissingFileAsAnIoError) {
  KeyStore store;
  EXPECT_EQ(error_of([&] { store.load_jwks_file("/nonexistent/keys.json"); }), ErrorCode::io_error);
}

// A JWKS server with stores' key, and a store loading it with a manual clock.
class JwksUrl : public ::testing::Test {
 protected:
  void SetUp() override {
    server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}));
    options.clock = [this] { return clock; };
    options.refetch_cooldown = std::chrono::seconds{30};
  }
  void publish_admin_too(std::string headers = {}) {
    server.respond(
        200, jwks({jwk(rsa_key(0), {{"kid", "stores"}}), jwk(rsa_key(1), {{"kid", "admin"}})}),
        std::move(headers));
  }
  ErrorCode verify_error(const std::string& token) {
    return appjwt_test::verify_error(store, token);
  }
  HttpServer server;
  JwksUrlOptions options;
  double clock = 1000;
  KeyStore store;
};

TEST_F(JwksUrl, LoadsTheKeysAtTheUrl) {
  store.load_jwks_url(server.url(), options);
  EXPECT_EQ(store.verify(app_token(rsa_key(0), "stores"), at_test_time()).app_id, "stores");
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(JwksUrl, RefetchesOnAnUnknownAppOnceTheCooldownHasPassed) {
  store.load_jwks_url(server.url(), options);
  publish_admin_too();
  clock += 31;
  EXPECT_EQ(store.verify(app_token(rsa_key(1), "admin"), at_test_time()).app_id, "admin");
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, DoesNotRefetchOnAnUnknownAppWithinTheCooldown) {
  store.load_jwks_url(server.url(), options);
  publish_admin_too();
  clock += 29;
  EXPECT_EQ(verify_error(app_token(rsa_key(1), "admin")), ErrorCode::unknown_key);
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(JwksUrl, RefetchesOnAnUnknownKid) {
  store.load_jwks_url(server.url(), options);
  server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "k-old"}, {"appId", "stores"}}),
                            jwk(rsa_key(2), {{"kid", "k-new"}, {"appId", "stores"}})}));
  clock += 31;
  appjwt::SignOptions with_kid;
  with_kid.key_id = "k-new";
  EXPECT_EQ(
      store.verify(app_token(rsa_key(2), "stores", json::object(), with_kid), at_test_time()).kid,
      "k-new");
}

TEST_F(JwksUrl, ManyUnknownAppsFetchOncePerCooldown) {
  store.load_jwks_url(server.url(), options);
  clock += 31;
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(verify_error(app_token(rsa_key(1), "random-" + std::to_string(i))),
              ErrorCode::unknown_key);
  }
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, UsesTheDocumentUntilItsMaxAge) {
  server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}),
                 "Cache-Control: max-age=600\r\n");
  store.load_jwks_url(server.url(), options);
  clock += 599;
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(JwksUrl, RefetchesAfterTheMaxAge) {
  server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}),
                 "Cache-Control: max-age=600\r\n");
  store.load_jwks_url(server.url(), options);
  server.respond(200, jwks({jwk(rsa_key(2), {{"kid", "stores"}})}));
  clock += 601;
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(2), "stores"), at_test_time()));
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, UsesTheDefaultMaxAgeWithoutCacheControl) {
  options.default_max_age = std::chrono::seconds{100};
  store.load_jwks_url(server.url(), options);
  clock += 99;
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(server.requests(), 1);
  clock += 2;
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, RefetchesANoCacheDocumentAtMostOncePerCooldown) {
  server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}), "Cache-Control: no-cache\r\n");
  store.load_jwks_url(server.url(), options);
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  clock += 31;
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  store.verify(app_token(rsa_key(0), "stores"), at_test_time());
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, KeepsTheOldKeysWhenARefetchFails) {
  server.respond(200, jwks({jwk(rsa_key(0), {{"kid", "stores"}})}),
                 "Cache-Control: max-age=10\r\n");
  store.load_jwks_url(server.url(), options);
  server.respond(500, "oops");
  clock += 60;
  EXPECT_NO_THROW(store.verify(app_token(rsa_key(0), "stores"), at_test_time()));
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, ReloadRefetches) {
  store.load_jwks_url(server.url(), options);
  publish_admin_too();
  store.reload();
  EXPECT_TRUE(store.contains("admin"));
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(JwksUrl, ReportsAnHttpErrorStatusAsAnIoError) {
  server.respond(404, "not found");
  try {
    store.load_jwks_url(server.url(), options);
    FAIL() << "loaded";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::io_error);
    EXPECT_NE(std::string(error.what()).find("404"), std::string::npos) << error.what();
  }
}

TEST_F(JwksUrl, GivesUpAfterTheTimeout) {
  server.hang();
  options.timeout = std::chrono::milliseconds{200};
  EXPECT_EQ(error_of([&] { store.load_jwks_url(server.url(), options); }), ErrorCode::io_error);
}

TEST_F(JwksUrl, RefusesADocumentOverTheSizeLimit) {
  options.max_document_size = 100;
  EXPECT_THROW(store.load_jwks_url(server.url(), options), appjwt::Error);
}

TEST_F(JwksUrl, RefusesSchemesOtherThanHttpAndHttps) {
  EXPECT_EQ(error_of([&] { store.load_jwks_url("file:///etc/passwd", options); }),
            ErrorCode::io_error);
}

}  // namespace
