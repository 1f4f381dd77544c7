// sign() and verify(): SignOptions and VerifyOptions one at a time, round trips
// for every algorithm, key resolvers, and the order in which verify() checks.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include "appjwt/appjwt.hpp"

#include "base64url.hpp"
#include "key_fixtures.hpp"
#include "test_support.hpp"

namespace {

using namespace std::chrono_literals;
using appjwt::Algorithm;
using appjwt::Decoded;
using appjwt::ErrorCode;
using appjwt::Key;
using appjwt::SignOptions;
using appjwt::VerifyOptions;
using appjwt::test::fails_with;
using appjwt::test::fixture;
using json = nlohmann::json;

constexpr double now = 1700000000;

const Key& secret() {
  static const Key key = Key::from_secret("jwt-test-secret-jwt-test-secret-0123");
  return key;
}
const Key& rsa_private() {
  static const Key key = Key::from_pem(fixture("rsa2048", "private_pkcs8_pem"));
  return key;
}

SignOptions hs256() {
  SignOptions options;
  options.algorithm = Algorithm::HS256;
  options.now = now;
  return options;
}

VerifyOptions accepting(std::vector<Algorithm> algorithms) {
  VerifyOptions options;
  options.algorithms = std::move(algorithms);
  options.now = now;
  return options;
}

Decoded decoded(const std::string& token) {
  return appjwt::decode_unverified(token);
}

// --- sign: header ----------------------------------------------------------------

TEST(Sign, HeaderHasTheAlgorithmAndTypJwt) {
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), hs256())).header,
            (json{{"alg", "HS256"}, {"typ", "JWT"}}));
}

TEST(Sign, AddTypFalseLeavesTypOut) {
  auto options = hs256();
  options.add_typ = false;
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).header,
            (json{{"alg", "HS256"}}));
}

TEST(Sign, HeaderOptionAddsParameters) {
  auto options = hs256();
  options.header = {{"cty", "example"}, {"x-app", 1}};
  const auto header = decoded(appjwt::sign(json::object(), secret(), options)).header;
  EXPECT_EQ(header.at("cty"), "example");
  EXPECT_EQ(header.at("x-app"), 1);
}

TEST(Sign, HeaderTypReplacesTheDefault) {
  auto options = hs256();
  options.header = {{"typ", "at+jwt"}};
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).header.at("typ"), "at+jwt");
}

TEST(Sign, AlgIsAlwaysTheSigningAlgorithm) {
  auto options = hs256();
  options.header = {{"alg", "none"}};
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).header.at("alg"), "HS256");
}

TEST(Sign, KeyIdBecomesTheKidHeader) {
  auto options = hs256();
  options.key_id = "key-2026";
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).header.at("kid"), "key-2026");
}

TEST(Sign, KeyIdContradictingTheHeaderKidIsAnInvalidArgument) {
  auto options = hs256();
  options.key_id = "a";
  options.header = {{"kid", "b"}};
  EXPECT_TRUE(fails_with([&] { appjwt::sign(json::object(), secret(), options); },
                         ErrorCode::invalid_argument, "kid"));
}

TEST(Sign, HeaderThatIsNotAnObjectIsAnInvalidArgument) {
  auto options = hs256();
  options.header = json::array();
  EXPECT_TRUE(fails_with([&] { appjwt::sign(json::object(), secret(), options); },
                         ErrorCode::invalid_argument));
}

// --- sign: claims ------------------------------------------------------------------

TEST(Sign, KeepsThePayloadClaims) {
  const json payload = {{"appId", "store-front"}, {"scope", {"read"}}};
  const auto claims = decoded(appjwt::sign(payload, secret(), hs256())).payload;
  EXPECT_EQ(claims.at("appId"), "store-front");
  EXPECT_EQ(claims.at("scope"), json::array({"read"}));
}

TEST(Sign, IssuedAtIsTheCurrentWholeSecond) {
  auto options = hs256();
  options.now = now + 0.75;
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).payload.at("iat"), 1700000000);
}

TEST(Sign, IssuedAtFalseLeavesIatOut) {
  auto options = hs256();
  options.issued_at = false;
  EXPECT_FALSE(decoded(appjwt::sign(json::object(), secret(), options)).payload.contains("iat"));
}

TEST(Sign, KeepsThePayloadsOwnIat) {
  EXPECT_EQ(decoded(appjwt::sign({{"iat", 1600000000}}, secret(), hs256())).payload.at("iat"),
            1600000000);
}

TEST(Sign, UsesTheSystemClockWhenNowIsNotInjected) {
  auto options = hs256();
  options.now.reset();
  options.expires_in = 300s;
  const std::string token = appjwt::sign(json::object(), secret(), options);
  // Signed "now" by the system clock, so verifiable by it.
  auto verify_options = accepting({Algorithm::HS256});
  verify_options.now.reset();
  EXPECT_NO_THROW(appjwt::verify(token, secret(), verify_options));
}

TEST(Sign, ExpiresInSetsExpFromIat) {
  auto options = hs256();
  options.expires_in = 300s;
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).payload.at("exp"), 1700000300);
}

TEST(Sign, ExpiresInCountsFromThePayloadsIat) {
  auto options = hs256();
  options.expires_in = 60s;
  EXPECT_EQ(decoded(appjwt::sign({{"iat", 1600000000}}, secret(), options)).payload.at("exp"),
            1600000060);
}

TEST(Sign, NotBeforeSetsNbfFromIat) {
  auto options = hs256();
  options.not_before = 30s;
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).payload.at("nbf"), 1700000030);
}

TEST(Sign, IssuerSubjectAndJwtIdSetTheirClaims) {
  auto options = hs256();
  options.issuer = "https://issuer.example";
  options.subject = "store-front";
  options.jwt_id = "id-1";
  const auto claims = decoded(appjwt::sign(json::object(), secret(), options)).payload;
  EXPECT_EQ(claims.at("iss"), "https://issuer.example");
  EXPECT_EQ(claims.at("sub"), "store-front");
  EXPECT_EQ(claims.at("jti"), "id-1");
}

TEST(Sign, AudienceMayBeAStringOrAnArray) {
  auto options = hs256();
  options.audience = "api";
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).payload.at("aud"), "api");
  options.audience = {"api", "web"};
  EXPECT_EQ(decoded(appjwt::sign(json::object(), secret(), options)).payload.at("aud"),
            json::array({"api", "web"}));
}

TEST(Sign, AudienceOfAnotherTypeIsAnInvalidArgument) {
  for (const json& audience : {json(1), json::array(), json::array({"api", 2}), json::object()}) {
    auto options = hs256();
    options.audience = audience;
    EXPECT_TRUE(fails_with([&] { appjwt::sign(json::object(), secret(), options); },
                           ErrorCode::invalid_argument, "aud"))
        << audience.dump();
  }
}

TEST(Sign, AnOptionMayNotOverrideAClaimThePayloadAlreadyHas) {
  struct Clash {
    const char* claim;
    void (*set)(SignOptions&);
  };
  for (const Clash& clash : std::vector<Clash>{
           {"exp", [](SignOptions& o) { o.expires_in = 60s; }},
           {"nbf", [](SignOptions& o) { o.not_before = 60s; }},
           {"iss", [](SignOptions& o) { o.issuer = "i"; }},
           {"sub", [](SignOptions& o) { o.subject = "s"; }},
           {"jti", [](SignOptions& o) { o.jwt_id = "j"; }},
           {"aud", [](SignOptions& o) { o.audience = "a"; }},
       }) {
    auto options = hs256();
    clash.set(options);
    const json payload = {{clash.claim, clash.claim[0] == 'e' || clash.claim[0] == 'n'
                                            ? json(now + 60)
                                            : json("from-payload")}};
    EXPECT_TRUE(fails_with([&] { appjwt::sign(payload, secret(), options); },
                           ErrorCode::invalid_argument, clash.claim))
        << clash.claim;
  }
}

TEST(Sign, PayloadThatIsNotAnObjectIsAnInvalidArgument) {
  EXPECT_TRUE(fails_with([] { appjwt::sign(json::array(), secret(), hs256()); },
                         ErrorCode::invalid_argument));
}

TEST(Sign, PayloadTimeClaimThatIsNotANumericDateIsAnInvalidArgument) {
  EXPECT_TRUE(fails_with(
      [] {
        appjwt::sign({{"exp", "tomorrow"}}, secret(), hs256());
      },
      ErrorCode::invalid_argument, "exp"));
}

TEST(Sign, PayloadWithInvalidUtf8IsAnInvalidArgument) {
  EXPECT_TRUE(fails_with(
      [] {
        appjwt::sign({{"name", "\xff"}}, secret(), hs256());
      },
      ErrorCode::invalid_argument));
}

TEST(Sign, PublicKeyCannotSign) {
  SignOptions options;
  options.algorithm = Algorithm::RS256;
  EXPECT_TRUE(fails_with([&] { appjwt::sign(json::object(), rsa_private().public_key(), options); },
                         ErrorCode::key_error));
}

TEST(Sign, RefusesAnRsaKeyUnder2048BitsUnlessAllowed) {
  const Key small = Key::from_pem(fixture("rsa1024", "private_pkcs8_pem"));
  SignOptions options;
  options.algorithm = Algorithm::RS256;
  EXPECT_TRUE(
      fails_with([&] { appjwt::sign(json::object(), small, options); }, ErrorCode::key_error));
  options.allow_insecure_key_sizes = true;
  EXPECT_NO_THROW(appjwt::sign(json::object(), small, options));
}

// --- verify: round trips ------------------------------------------------------------

struct AlgorithmKey {
  Algorithm alg;
  const char* fixture_name;  // nullptr: the HMAC secret
};

class RoundTrip : public ::testing::TestWithParam<AlgorithmKey> {
 protected:
  Key private_key() const {
    const char* name = GetParam().fixture_name;
    return name ? Key::from_pem(fixture(name, "private_pkcs8_pem")) : secret();
  }
};

TEST_P(RoundTrip, SignedTokenVerifiesWithThePublicKey) {
  SignOptions options;
  options.algorithm = GetParam().alg;
  options.now = now;
  options.expires_in = 300s;
  const std::string token = appjwt::sign({{"appId", "store-front"}}, private_key(), options);
  const auto verified =
      appjwt::verify(token, private_key().public_key(), accepting({GetParam().alg}));
  EXPECT_EQ(verified.payload.at("appId"), "store-front");
  EXPECT_EQ(verified.header.at("alg"), appjwt::to_string(GetParam().alg));
}

TEST_P(RoundTrip, AlteredPayloadFailsVerification) {
  SignOptions options;
  options.algorithm = GetParam().alg;
  options.now = now;
  const std::string token = appjwt::sign({{"appId", "store-front"}}, private_key(), options);
  const auto parts = decoded(token);
  const std::string forged = parts.header_segment + "." +
                             appjwt::detail::base64url_encode(R"({"appId":"admin-site"})") + "." +
                             parts.signature_segment;
  EXPECT_TRUE(fails_with(
      [&] { appjwt::verify(forged, private_key().public_key(), accepting({GetParam().alg})); },
      ErrorCode::invalid_signature));
}

INSTANTIATE_TEST_SUITE_P(
    EveryAlgorithm, RoundTrip,
    ::testing::Values(
        AlgorithmKey{Algorithm::RS256, "rsa2048"}, AlgorithmKey{Algorithm::RS384, "rsa2048"},
        AlgorithmKey{Algorithm::RS512, "rsa2048"}, AlgorithmKey{Algorithm::PS256, "rsa2048"},
        AlgorithmKey{Algorithm::PS384, "rsa2048"}, AlgorithmKey{Algorithm::PS512, "rsa2048"},
        AlgorithmKey{Algorithm::ES256, "ec_p256"}, AlgorithmKey{Algorithm::ES384, "ec_p384"},
        AlgorithmKey{Algorithm::ES512, "ec_p521"}, AlgorithmKey{Algorithm::EdDSA, "ed25519"},
        AlgorithmKey{Algorithm::HS256, nullptr}, AlgorithmKey{Algorithm::HS384, nullptr},
        AlgorithmKey{Algorithm::HS512, nullptr}),
    [](const ::testing::TestParamInfo<AlgorithmKey>& tested) {
      return std::string(appjwt::to_string(tested.param.alg));
    });

// --- verify: algorithms and keys ---------------------------------------------------------

std::string hs256_token(const json& payload = json::object()) {
  return appjwt::sign(payload, secret(), hs256());
}

TEST(Verify, ReturnsTheVerifiedHeaderPayloadAndSegments) {
  const std::string token = hs256_token({{"appId", "store-front"}});
  const auto verified = appjwt::verify(token, secret(), accepting({Algorithm::HS256}));
  EXPECT_EQ(verified.payload.at("appId"), "store-front");
  EXPECT_EQ(verified.header.at("alg"), "HS256");
  EXPECT_EQ(verified.signing_input() + "." + verified.signature_segment, token);
}

TEST(Verify, AnEmptyAlgorithmListIsAnInvalidArgumentNeverAllowAll) {
  EXPECT_TRUE(fails_with([] { appjwt::verify(hs256_token(), secret(), accepting({})); },
                         ErrorCode::invalid_argument));
}

TEST(Verify, RefusesAnAlgorithmOutsideTheList) {
  EXPECT_TRUE(
      fails_with([] { appjwt::verify(hs256_token(), secret(), accepting({Algorithm::HS512})); },
                 ErrorCode::algorithm_not_allowed, "alg"));
}

TEST(Verify, RefusesAlgNoneWhateverTheList) {
  const std::string unsigned_token = appjwt::detail::base64url_encode(R"({"alg":"none"})") + "." +
                                     appjwt::detail::base64url_encode("{}") + ".";
  EXPECT_TRUE(fails_with(
      [&] {
        appjwt::verify(unsigned_token, secret(),
                       accepting({Algorithm::HS256, Algorithm::RS256, Algorithm::EdDSA}));
      },
      ErrorCode::algorithm_not_allowed, "alg"));
}

TEST(Verify, RefusesAnHmacTokenMadeWithTheRsaPublicKeyAsSecret) {
  // The classic algorithm confusion: the attacker MACs with the public PEM text.
  const std::string pem = rsa_private().public_pem();
  const std::string input = appjwt::detail::base64url_encode(R"({"alg":"HS256"})") + "." +
                            appjwt::detail::base64url_encode(R"({"appId":"admin-site"})");
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t mac_size = 0;
  ASSERT_NE(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, pem.data(), pem.size(),
                      reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac,
                      sizeof mac, &mac_size),
            nullptr);
  const std::string forged =
      input + "." +
      appjwt::detail::base64url_encode({reinterpret_cast<const char*>(mac), mac_size});
  EXPECT_TRUE(fails_with(
      [&] {
        appjwt::verify(forged, rsa_private().public_key(),
                       accepting({Algorithm::RS256, Algorithm::HS256}));
      },
      ErrorCode::algorithm_not_allowed));
}

TEST(Verify, RefusesAKeyOfAnotherFamilyThanTheTokensAlgorithm) {
  SignOptions options;
  options.algorithm = Algorithm::RS256;
  options.now = now;
  const std::string token = appjwt::sign(json::object(), rsa_private(), options);
  EXPECT_TRUE(fails_with([&] { appjwt::verify(token, secret(), accepting({Algorithm::RS256})); },
                         ErrorCode::algorithm_not_allowed));
}

TEST(Verify, RefusesASignatureByAnotherKey) {
  const Key other = Key::from_secret("another-secret-another-secret-0123");
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(hs256_token(), other, accepting({Algorithm::HS256})); },
                 ErrorCode::invalid_signature));
}

TEST(Verify, NeverUsesAKeyEmbeddedInTheHeader) {
  const Key attacker = Key::from_pem(fixture("ec_p256", "private_pkcs8_pem"));
  SignOptions options;
  options.algorithm = Algorithm::ES256;
  options.now = now;
  options.header = {{"jwk", attacker.to_public_jwk()}};
  const std::string forged = appjwt::sign(json::object(), attacker, options);
  const Key real_key = Key::generate_ec(appjwt::Curve::p256).public_key();
  EXPECT_TRUE(fails_with([&] { appjwt::verify(forged, real_key, accepting({Algorithm::ES256})); },
                         ErrorCode::invalid_signature));
}

TEST(Verify, RefusesAnRsaKeyUnder2048BitsUnlessAllowed) {
  const Key small = Key::from_pem(fixture("rsa1024", "private_pkcs8_pem"));
  SignOptions sign_options;
  sign_options.algorithm = Algorithm::RS256;
  sign_options.now = now;
  sign_options.allow_insecure_key_sizes = true;
  const std::string token = appjwt::sign(json::object(), small, sign_options);
  auto options = accepting({Algorithm::RS256});
  EXPECT_TRUE(fails_with([&] { appjwt::verify(token, small.public_key(), options); },
                         ErrorCode::key_error));
  options.allow_insecure_key_sizes = true;
  EXPECT_NO_THROW(appjwt::verify(token, small.public_key(), options));
}

TEST(Verify, NoSingleCharacterChangeLeavesAValidToken) {
  // Strict, canonical base64url makes tokens non-malleable: every edit is refused
  // with a typed error (never another exception, never acceptance).
  const std::string token = hs256_token({{"appId", "store-front"}});
  const auto options = accepting({Algorithm::HS256});
  for (std::size_t at = 0; at < token.size(); ++at) {
    for (const char replacement : {'A', 'B', 'z', '-', '_', '.', '=', '+', ' ', '\0', '\xff'}) {
      if (token[at] == replacement) continue;
      std::string edited = token;
      edited[at] = replacement;
      EXPECT_THROW(appjwt::verify(edited, secret(), options), appjwt::Error)
          << "position " << at << " -> " << static_cast<int>(replacement);
    }
  }
}

// --- verify: structure options ----------------------------------------------------------

TEST(Verify, MaxTokenSizeIsConfigurable) {
  const std::string token = hs256_token();
  auto options = accepting({Algorithm::HS256});
  options.max_token_size = token.size() - 1;
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(token, secret(), options); }, ErrorCode::token_too_large));
  options.max_token_size = token.size();
  EXPECT_NO_THROW(appjwt::verify(token, secret(), options));
}

TEST(Verify, CritParametersMustBeUnderstood) {
  auto sign_options = hs256();
  sign_options.header = {{"crit", {"exp"}}, {"exp", now + 60}};
  const std::string token = appjwt::sign(json::object(), secret(), sign_options);
  auto options = accepting({Algorithm::HS256});
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(token, secret(), options); }, ErrorCode::malformed, "crit"));
  options.understood_critical = {"exp"};
  EXPECT_NO_THROW(appjwt::verify(token, secret(), options));
}

TEST(Verify, ChecksTheSignatureBeforeTheClaims) {
  // An expired forgery must not reveal which claim checks it would pass.
  const Key other = Key::from_secret("another-secret-another-secret-0123");
  const std::string expired_forgery = appjwt::sign({{"exp", now - 60}}, other, hs256());
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(expired_forgery, secret(), accepting({Algorithm::HS256})); },
                 ErrorCode::invalid_signature));
}

TEST(Verify, ChecksTheClaimsOfAGenuineToken) {
  EXPECT_TRUE(fails_with(
      [] {
        appjwt::verify(hs256_token({{"exp", now - 60}}), secret(), accepting({Algorithm::HS256}));
      },
      ErrorCode::token_expired));
}

TEST(Verify, ChecksOptionsBeforeTouchingTheToken) {
  auto options = accepting({Algorithm::HS256});
  options.clock_tolerance = appjwt::Seconds(-5);
  EXPECT_TRUE(fails_with([&] { appjwt::verify("not a token", secret(), options); },
                         ErrorCode::invalid_argument));
}

// --- verify: key resolvers -------------------------------------------------------------

TEST(VerifyWithResolver, PicksTheKeyFromTheUnverifiedToken) {
  const Key store_front = Key::from_secret("store-front-secret-store-front-0123");
  const Key admin_site = Key::from_secret("admin-site-secret-admin-site-012345");
  const std::string token = appjwt::sign({{"appId", "admin-site"}}, admin_site, hs256());
  const appjwt::KeyResolver resolve = [&](const Decoded& unverified) {
    return unverified.payload.at("appId") == "admin-site" ? admin_site : store_front;
  };
  EXPECT_EQ(appjwt::verify(token, resolve, accepting({Algorithm::HS256})).payload.at("appId"),
            "admin-site");
}

TEST(VerifyWithResolver, SeesTheHeaderToSelectByKid) {
  auto options = hs256();
  options.key_id = "k2";
  const std::string token = appjwt::sign(json::object(), secret(), options);
  std::string seen_kid;
  const appjwt::KeyResolver resolve = [&](const Decoded& unverified) {
    seen_kid = unverified.header.at("kid");
    return secret();
  };
  appjwt::verify(token, resolve, accepting({Algorithm::HS256}));
  EXPECT_EQ(seen_kid, "k2");
}

TEST(VerifyWithResolver, ResolverErrorsRejectTheToken) {
  const appjwt::KeyResolver unknown = [](const Decoded&) -> Key {
    throw appjwt::Error(ErrorCode::unknown_key, "no key for this app");
  };
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(hs256_token(), unknown, accepting({Algorithm::HS256})); },
                 ErrorCode::unknown_key));
}

TEST(VerifyWithResolver, IsNotCalledForATokenWithADisallowedAlgorithm) {
  bool called = false;
  const appjwt::KeyResolver resolve = [&](const Decoded&) {
    called = true;
    return secret();
  };
  EXPECT_TRUE(
      fails_with([&] { appjwt::verify(hs256_token(), resolve, accepting({Algorithm::RS512})); },
                 ErrorCode::algorithm_not_allowed));
  EXPECT_FALSE(called);
}

TEST(VerifyWithResolver, IsNotCalledForAMalformedToken) {
  bool called = false;
  const appjwt::KeyResolver resolve = [&](const Decoded&) {
    called = true;
    return secret();
  };
  EXPECT_TRUE(fails_with([&] { appjwt::verify("a.b", resolve, accepting({Algorithm::HS256})); },
                         ErrorCode::malformed));
  EXPECT_FALSE(called);
}

}  // namespace
