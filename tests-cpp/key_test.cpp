// appjwt::Key: every accepted key format, the refused ones, and the KeyCache.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "appjwt/key.hpp"
#include "appjwt/key_cache.hpp"
#include "base64url.hpp"
#include "key_fixtures.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::Curve;
using appjwt::Error;
using appjwt::ErrorCode;
using appjwt::Key;
using appjwt::KeyCache;
using appjwt::KeyType;
using appjwt::test::fixture;
using appjwt::test::fixture_der;
using appjwt::test::fixture_json;
using appjwt::test::private_key;
using appjwt::test::public_key;

// The message of the key_error that parse() throws; fails the test if it does not.
template <class Parse>
std::string key_error(Parse parse) {
  const Error error = appjwt::test::thrown_error(parse);
  EXPECT_EQ(error.code(), ErrorCode::key_error) << error.what();
  return error.what();
}

// Same key: the public halves are the same.
void expect_same_public_key(const Key& a, const Key& b) {
  EXPECT_EQ(a.thumbprint(), b.thumbprint());
}

// Proves a parsed private key is usable and matches the fixture's public key.
void expect_signs_for(const Key& key, std::string_view name, Algorithm alg) {
  EXPECT_TRUE(
      appjwt::verify_bytes("input", appjwt::sign_bytes("input", key, alg), public_key(name), alg));
}

// --- every public key document, read as the fixture's SPKI key ---

struct PublicDocument {
  const char* name;
  const char* key;
  const char* member;
  Key (*parse)(std::string_view key, std::string_view member);
};

Key pem_of(std::string_view key, std::string_view member) {
  return Key::from_pem(fixture(key, member));
}
Key der_of(std::string_view key, std::string_view member) {
  return Key::from_der(fixture_der(key, member));
}
Key jwk_of(std::string_view key, std::string_view member) {
  return Key::from_jwk(fixture_json(key, member));
}

class EveryPublicDocument : public testing::TestWithParam<PublicDocument> {};

TEST_P(EveryPublicDocument, ReadsThePublicKey) {
  const Key key = GetParam().parse(GetParam().key, GetParam().member);
  EXPECT_FALSE(key.is_private());
  expect_same_public_key(key, public_key(GetParam().key));
}

INSTANTIATE_TEST_SUITE_P(
    Key, EveryPublicDocument,
    testing::Values(PublicDocument{"RsaSpkiPem", "rsa2048", "public_spki_pem", pem_of},
                    PublicDocument{"RsaPkcs1Pem", "rsa2048", "public_pkcs1_pem", pem_of},
                    PublicDocument{"RsaCertificatePem", "rsa2048", "certificate_pem", pem_of},
                    PublicDocument{"RsaOpenSsh", "rsa2048", "openssh_public", pem_of},
                    PublicDocument{"RsaSpkiDer", "rsa2048", "public_spki_der_base64", der_of},
                    PublicDocument{"RsaCertificateDer", "rsa2048", "certificate_der_base64",
                                   der_of},
                    PublicDocument{"RsaJwk", "rsa2048", "public_jwk", jwk_of},
                    PublicDocument{"P384SpkiDer", "ec_p384", "public_spki_der_base64", der_of},
                    PublicDocument{"Ed25519SpkiPem", "ed25519", "public_spki_pem", pem_of},
                    PublicDocument{"Ed25519CertificatePem", "ed25519", "certificate_pem", pem_of},
                    PublicDocument{"Ed25519OpenSsh", "ed25519", "openssh_public", pem_of},
                    PublicDocument{"Ed25519Jwk", "ed25519", "public_jwk", jwk_of}),
    [](const auto& test) { return std::string(test.param.name); });

// --- PEM ---

TEST(FromPem, ReadsPkcs8RsaPrivateKey) {
  const Key key = private_key("rsa2048");
  EXPECT_EQ(key.type(), KeyType::rsa);
  EXPECT_EQ(key.bits(), 2048);
  EXPECT_TRUE(key.is_private());
  EXPECT_EQ(key.curve(), Curve::none);
}

TEST(FromPem, ReadsTraditionalRsaPrivateKey) {
  const Key key = Key::from_pem(fixture("rsa2048", "private_pkcs1_pem"));
  EXPECT_TRUE(key.is_private());
  expect_signs_for(key, "rsa2048", Algorithm::RS256);
}

TEST(FromPem, ReadsEncryptedPkcs8WithItsPassphrase) {
  const Key key = Key::from_pem(fixture("rsa2048", "private_pkcs8_encrypted_pem"),
                                fixture("rsa2048", "passphrase"));
  expect_signs_for(key, "rsa2048", Algorithm::RS512);
}

TEST(FromPem, ReadsEncryptedTraditionalKeyWithItsPassphrase) {
  const Key key = Key::from_pem(fixture("rsa2048", "private_pkcs1_encrypted_pem"),
                                fixture("rsa2048", "passphrase"));
  expect_signs_for(key, "rsa2048", Algorithm::RS512);
}

TEST(FromPem, RefusesEncryptedKeyWithoutPassphrase) {
  EXPECT_EQ(key_error([] { Key::from_pem(fixture("rsa2048", "private_pkcs8_encrypted_pem")); }),
            "the private key is encrypted and no passphrase was given");
}

TEST(FromPem, RefusesEncryptedKeyWithWrongPassphrase) {
  EXPECT_EQ(
      key_error([] { Key::from_pem(fixture("rsa2048", "private_pkcs8_encrypted_pem"), "wrong"); }),
      "could not decrypt the private key: wrong passphrase or corrupt data");
}

TEST(FromPem, ReadsEd25519Keys) {
  const Key key = private_key("ed25519");
  EXPECT_EQ(key.type(), KeyType::ed25519);
  EXPECT_EQ(key.curve(), Curve::ed25519);
  EXPECT_TRUE(key.is_private());
  expect_signs_for(key, "ed25519", Algorithm::EdDSA);
}

TEST(FromPem, SkipsTextBeforeTheBlock) {
  const Key key = Key::from_pem("Bag Attributes\n  friendlyName: test\n" +
                                fixture("rsa2048", "private_pkcs8_pem"));
  EXPECT_TRUE(key.is_private());
}

TEST(FromPem, ReadsCrlfLineEndings) {
  std::string pem;
  for (const char c : fixture("ec_p256", "public_spki_pem")) {
    if (c == '\n') pem += '\r';
    pem += c;
  }
  expect_same_public_key(Key::from_pem(pem), public_key("ec_p256"));
}

TEST(FromPem, RefusesGarbage) {
  EXPECT_EQ(key_error([] { Key::from_pem("definitely not a key"); }), "not a PEM key");
}

TEST(FromPem, RefusesEmptyInput) {
  EXPECT_EQ(key_error([] { Key::from_pem(""); }), "not a PEM key");
}

TEST(FromPem, RefusesBlockWithoutEndLine) {
  const std::string pem = fixture("rsa2048", "private_pkcs8_pem");
  EXPECT_EQ(key_error([&] { Key::from_pem(pem.substr(0, pem.size() / 2)); }),
            "PEM block \"PRIVATE KEY\" has no END line");
}

TEST(FromPem, RefusesCorruptBody) {
  std::string pem = fixture("rsa2048", "private_pkcs8_pem");
  pem.erase(100, 200);
  EXPECT_EQ(key_error([&] { Key::from_pem(pem); }),
            "could not parse the PEM \"PRIVATE KEY\" block");
}

TEST(FromPem, ErrorForCorruptKeyContainsNoKeyMaterial) {
  std::string pem = fixture("rsa2048", "private_pkcs8_pem");
  const std::string first_body_line = pem.substr(28, 64);
  pem.erase(200, 300);
  EXPECT_EQ(key_error([&] { Key::from_pem(pem); }).find(first_body_line.substr(0, 12)),
            std::string::npos);
}

TEST(FromPem, RefusesUnsupportedBlock) {
  EXPECT_EQ(
      key_error([] { Key::from_pem("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"); }),
      "unsupported PEM block \"X509 CRL\"");
}

TEST(FromPem, RefusesOpenSshPrivateKeyWithAConversionHint) {
  const std::string message = key_error([] {
    Key::from_pem("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
  });
  EXPECT_NE(message.find("ssh-keygen -p -m PKCS8"), std::string::npos);
}

TEST(FromPem, RefusesDocumentsOverOneMebibyte) {
  const std::string huge = fixture("rsa2048", "public_spki_pem") + std::string(2 << 20, '\n');
  EXPECT_EQ(key_error([&] { Key::from_pem(huge); }),
            "key document of 2097603 bytes is larger than the 1 MiB limit");
}

TEST(FromPem, RefusesUnsupportedCurve) {
  EXPECT_EQ(key_error([] { Key::from_pem(fixture("ec_secp256k1", "public_spki_pem")); }),
            "unsupported curve \"secp256k1\"");
}

TEST(FromPem, RefusesEd448) {
  EXPECT_EQ(key_error([] { Key::from_pem(fixture("ed448", "private_pkcs8_pem")); }),
            "unsupported key type \"ED448\"");
}

TEST(FromPem, RefusesRsaPssOnlyKey) {
  EXPECT_EQ(key_error([] { Key::from_pem(fixture("rsa_pss_only", "private_pkcs8_pem")); }),
            "RSASSA-PSS-only keys are not supported; use a plain RSA key");
}

TEST(FromPem, ParsesA1024BitKeyButSignaturesRefuseIt) {
  const Key key = private_key("rsa1024");
  EXPECT_EQ(key.bits(), 1024);
  EXPECT_THROW(appjwt::sign_bytes("input", key, Algorithm::RS256), Error);
}

struct CurveCase {
  const char* name;
  Curve curve;
  int bits;
  Algorithm alg;
};

class EveryCurve : public testing::TestWithParam<CurveCase> {};

TEST_P(EveryCurve, ReadsPkcs8PrivateKey) {
  const Key key = private_key(GetParam().name);
  EXPECT_EQ(key.type(), KeyType::ec);
  EXPECT_EQ(key.curve(), GetParam().curve);
  EXPECT_EQ(key.bits(), GetParam().bits);
  EXPECT_TRUE(key.is_private());
}

TEST_P(EveryCurve, ReadsSec1PrivateKey) {
  const Key key = Key::from_pem(fixture(GetParam().name, "private_sec1_pem"));
  expect_signs_for(key, GetParam().name, GetParam().alg);
}

TEST_P(EveryCurve, SkipsTheEcParametersBlockBeforeTheKey) {
  const Key key = Key::from_pem(fixture(GetParam().name, "private_sec1_with_parameters_pem"));
  expect_signs_for(key, GetParam().name, GetParam().alg);
}

TEST_P(EveryCurve, ReadsCertificatePublicKey) {
  expect_same_public_key(Key::from_pem(fixture(GetParam().name, "certificate_pem")),
                         public_key(GetParam().name));
}

TEST_P(EveryCurve, ReadsOpenSshPublicKey) {
  const Key key = Key::from_pem(fixture(GetParam().name, "openssh_public"));
  EXPECT_FALSE(key.is_private());
  EXPECT_EQ(key.curve(), GetParam().curve);
  expect_same_public_key(key, public_key(GetParam().name));
}

TEST_P(EveryCurve, ReadsPublicJwk) {
  const Key key = Key::from_jwk(fixture_json(GetParam().name, "public_jwk"));
  EXPECT_FALSE(key.is_private());
  expect_same_public_key(key, public_key(GetParam().name));
}

TEST_P(EveryCurve, ReadsPrivateJwk) {
  const Key key = Key::from_jwk(fixture_json(GetParam().name, "private_jwk"));
  EXPECT_TRUE(key.is_private());
  expect_signs_for(key, GetParam().name, GetParam().alg);
}

TEST_P(EveryCurve, WritesThePublicJwkOtherLibrariesWrite) {
  EXPECT_EQ(private_key(GetParam().name).to_public_jwk(),
            fixture_json(GetParam().name, "public_jwk"));
}

TEST_P(EveryCurve, RefusesJwkPointNotOnTheCurve) {
  nlohmann::json jwk = fixture_json(GetParam().name, "public_jwk");
  std::string x = jwk["x"];
  x[5] = x[5] == 'A' ? 'B' : 'A';
  jwk["x"] = x;
  EXPECT_NE(key_error([&] { Key::from_jwk(jwk); }).find("not on the"), std::string::npos);
}

TEST_P(EveryCurve, RefusesJwkPrivateScalarOfAnotherKey) {
  nlohmann::json jwk = fixture_json(GetParam().name, "private_jwk");
  jwk["d"] = Key::generate_ec(GetParam().curve).to_public_jwk()["x"];
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "the EC private key does not match its public point");
}

TEST_P(EveryCurve, RefusesJwkCoordinateOfTheWrongSize) {
  nlohmann::json jwk = fixture_json(GetParam().name, "public_jwk");
  jwk["x"] = "AAAA";
  EXPECT_NE(key_error([&] { Key::from_jwk(jwk); }).find("JWK member \"x\" must be"),
            std::string::npos);
}

TEST_P(EveryCurve, PublicKeyOfThePrivateKeyVerifiesItsSignatures) {
  const Key key = private_key(GetParam().name);
  const Key public_half = key.public_key();
  EXPECT_FALSE(public_half.is_private());
  EXPECT_EQ(public_half.curve(), GetParam().curve);
  EXPECT_TRUE(appjwt::verify_bytes("input", appjwt::sign_bytes("input", key, GetParam().alg),
                                   public_half, GetParam().alg));
}

TEST_P(EveryCurve, GeneratesKeyOnTheCurve) {
  const Key key = Key::generate_ec(GetParam().curve);
  EXPECT_EQ(key.curve(), GetParam().curve);
  EXPECT_TRUE(key.is_private());
  EXPECT_TRUE(key.supports(GetParam().alg));
}

INSTANTIATE_TEST_SUITE_P(Key, EveryCurve,
                         testing::Values(CurveCase{"ec_p256", Curve::p256, 256, Algorithm::ES256},
                                         CurveCase{"ec_p384", Curve::p384, 384, Algorithm::ES384},
                                         CurveCase{"ec_p521", Curve::p521, 521, Algorithm::ES512}),
                         [](const auto& test) { return std::string(test.param.name); });

// --- OpenSSH public keys ---

TEST(FromOpenSsh, ReadsRsaPublicKey) {
  const Key key = Key::from_pem(fixture("rsa2048", "openssh_public"));
  EXPECT_EQ(key.bits(), 2048);
  expect_same_public_key(key, public_key("rsa2048"));
}

TEST(FromOpenSsh, ReadsLineWithoutComment) {
  const std::string line = fixture("ed25519", "openssh_public");
  expect_same_public_key(Key::from_pem(line.substr(0, line.rfind(' '))), public_key("ed25519"));
}

TEST(FromOpenSsh, RefusesTypeThatDisagreesWithTheData) {
  std::string line = fixture("ed25519", "openssh_public");
  line.replace(0, std::string("ssh-ed25519").size(), "ssh-rsa");
  EXPECT_EQ(key_error([&] { Key::from_pem(line); }),
            "OpenSSH public key type does not match its data");
}

TEST(FromOpenSsh, RefusesTruncatedData) {
  const std::string line = fixture("rsa2048", "openssh_public");
  EXPECT_EQ(key_error([&] { Key::from_pem(line.substr(0, 200)); }), "truncated OpenSSH public key");
}

TEST(FromOpenSsh, RefusesInvalidBase64) {
  EXPECT_EQ(key_error([] { Key::from_pem("ssh-ed25519 AAAA!!!! comment"); }),
            "OpenSSH public key is not valid base64");
}

TEST(FromOpenSsh, RefusesUnsupportedType) {
  EXPECT_EQ(key_error([] { Key::from_pem("ssh-dss AAAAB3NzaC1kc3M= comment"); }),
            "unsupported OpenSSH key type \"ssh-dss\"");
}

// --- DER ---

TEST(FromDer, ReadsPkcs8PrivateKey) {
  const Key key = Key::from_der(fixture_der("rsa2048", "private_pkcs8_der_base64"));
  EXPECT_TRUE(key.is_private());
  expect_signs_for(key, "rsa2048", Algorithm::PS256);
}

TEST(FromDer, RefusesEncryptedKeyWithoutAskingForAPassphrase) {
  EXPECT_EQ(key_error([] {
              Key::from_der(fixture_der("rsa2048", "private_pkcs8_encrypted_der_base64"));
            }),
            "not a DER key or certificate");
}

TEST(FromDer, RefusesGarbage) {
  EXPECT_EQ(key_error([] { Key::from_der(std::string("\x30\x82\x01\x00garbage", 11)); }),
            "not a DER key or certificate");
}

TEST(FromDer, RefusesTruncatedKey) {
  const std::string der = fixture_der("rsa2048", "private_pkcs8_der_base64");
  EXPECT_EQ(key_error([&] { Key::from_der(der.substr(0, der.size() - 1)); }),
            "not a DER key or certificate");
}

// --- JWK ---

TEST(FromJwk, ReadsRsaPrivateKeyWithCrtParameters) {
  const Key key = Key::from_jwk(fixture_json("rsa2048", "private_jwk"));
  EXPECT_TRUE(key.is_private());
  expect_signs_for(key, "rsa2048", Algorithm::RS256);
}

TEST(FromJwk, ReadsRsaPrivateKeyWithDAlone) {
  nlohmann::json jwk = fixture_json("rsa2048", "private_jwk");
  for (const char* member : {"p", "q", "dp", "dq", "qi"}) jwk.erase(member);
  expect_signs_for(Key::from_jwk(jwk), "rsa2048", Algorithm::RS256);
}

TEST(FromJwk, RefusesRsaKeyWithSomeCrtParameters) {
  nlohmann::json jwk = fixture_json("rsa2048", "private_jwk");
  jwk.erase("qi");
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "RSA JWK must have all of p, q, dp, dq and qi, or none");
}

TEST(FromJwk, RefusesRsaPublicExponentOfOne) {
  nlohmann::json jwk = fixture_json("rsa2048", "public_jwk");
  jwk["e"] = "AQ";
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "RSA public exponent must be odd and at least 3");
}

TEST(FromJwk, RefusesEvenRsaPublicExponent) {
  nlohmann::json jwk = fixture_json("rsa2048", "public_jwk");
  jwk["e"] = "AQAA";
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "RSA public exponent must be odd and at least 3");
}

TEST(FromJwk, RefusesMultiPrimeRsaKey) {
  nlohmann::json jwk = fixture_json("rsa2048", "private_jwk");
  jwk["oth"] = nlohmann::json::array();
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "multi-prime RSA JWKs (\"oth\") are not supported");
}

TEST(FromJwk, ReadsEd25519PrivateKey) {
  expect_signs_for(Key::from_jwk(fixture_json("ed25519", "private_jwk")), "ed25519",
                   Algorithm::EdDSA);
}

TEST(FromJwk, RefusesEd25519PrivateKeyOfAnotherPublicKey) {
  nlohmann::json jwk = fixture_json("ed25519", "private_jwk");
  jwk["x"] = Key::generate_ed25519().to_public_jwk()["x"];
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }),
            "the Ed25519 private key does not match its public key x");
}

TEST(FromJwk, RefusesUnsupportedOkpCurve) {
  EXPECT_EQ(key_error([] {
              Key::from_jwk(nlohmann::json{{"kty", "OKP"}, {"crv", "X25519"}, {"x", "AAAA"}});
            }),
            "unsupported OKP curve \"X25519\"");
}

TEST(FromJwk, RefusesUnsupportedEcCurve) {
  EXPECT_EQ(key_error([] {
              Key::from_jwk(
                  nlohmann::json{{"kty", "EC"}, {"crv", "secp256k1"}, {"x", "AA"}, {"y", "AA"}});
            }),
            "unsupported curve \"secp256k1\"");
}

TEST(FromJwk, ReadsOctKeyAsSecret) {
  const Key key = Key::from_jwk(nlohmann::json{{"kty", "oct"}, {"k", "c2VjcmV0LXNlY3JldA"}});
  EXPECT_EQ(key.type(), KeyType::secret);
  EXPECT_EQ(key.bits(), 13 * 8);
}

TEST(FromJwk, RefusesOctKeyWhoseSecretIsAPemKey) {
  const std::string pem = fixture("rsa2048", "public_spki_pem");
  EXPECT_NE(
      key_error([&] {
        Key::from_jwk(nlohmann::json{{"kty", "oct"}, {"k", appjwt::detail::base64url_encode(pem)}});
      }).find("PEM"),
      std::string::npos);
}

TEST(FromJwk, RefusesMissingKty) {
  EXPECT_EQ(key_error([] {
              Key::from_jwk(nlohmann::json{{"n", "AQAB"}});
            }),
            "JWK has no \"kty\" member");
}

TEST(FromJwk, RefusesNonStringKty) {
  EXPECT_EQ(key_error([] {
              Key::from_jwk(nlohmann::json{{"kty", 1}});
            }),
            "JWK member \"kty\" is not a string");
}

TEST(FromJwk, RefusesUnknownKty) {
  EXPECT_EQ(key_error([] {
              Key::from_jwk(nlohmann::json{{"kty", "DSA"}});
            }),
            "unsupported JWK key type \"DSA\"");
}

TEST(FromJwk, RefusesPaddedBase64) {
  nlohmann::json jwk = fixture_json("rsa2048", "public_jwk");
  jwk["e"] = "AQAB==";
  EXPECT_EQ(key_error([&] { Key::from_jwk(jwk); }), "JWK member \"e\" is not non-empty base64url");
}

TEST(FromJwk, RefusesNonObject) {
  EXPECT_EQ(key_error([] { Key::from_jwk(nlohmann::json::array()); }),
            "a JWK must be a JSON object");
}

TEST(FromJwk, ReadsJsonText) {
  const Key key = Key::from_jwk(std::string_view(fixture_json("ec_p256", "public_jwk").dump()));
  expect_same_public_key(key, public_key("ec_p256"));
}

TEST(FromJwk, RefusesMalformedJsonTextWithoutQuotingIt) {
  EXPECT_EQ(key_error([] { Key::from_jwk(std::string_view("{\"kty\":\"oct\",\"k\":\"c2Vj")); }),
            "the JWK is not a well-formed JSON object");
}

// --- export ---

TEST(ToPublicJwk, WritesRsaMembers) {
  EXPECT_EQ(private_key("rsa2048").to_public_jwk(),
            (nlohmann::json{
                {"kty", "RSA"}, {"n", fixture_json("rsa2048", "public_jwk")["n"]}, {"e", "AQAB"}}));
}

TEST(ToPublicJwk, WritesEd25519Members) {
  EXPECT_EQ(private_key("ed25519").to_public_jwk(), fixture_json("ed25519", "public_jwk"));
}

TEST(ToPublicJwk, RefusesSecret) {
  EXPECT_EQ(key_error([] { Key::from_secret("s3cr3t").to_public_jwk(); }),
            "an HMAC secret has no public JWK");
}

TEST(Thumbprint, MatchesRfc7638Example) {
  const auto& vector = appjwt::test::key_fixtures().at("rfc7638");
  EXPECT_EQ(Key::from_jwk(vector.at("jwk")).thumbprint(), vector.at("thumbprint"));
}

TEST(Thumbprint, IsTheSameForPrivateAndPublicHalves) {
  EXPECT_EQ(private_key("ec_p521").thumbprint(), public_key("ec_p521").thumbprint());
}

TEST(Thumbprint, DiffersBetweenKeys) {
  EXPECT_NE(public_key("ec_p256").thumbprint(), public_key("rsa2048").thumbprint());
}

TEST(Thumbprint, RefusesSecret) {
  EXPECT_EQ(key_error([] { Key::from_secret("s3cr3t").thumbprint(); }),
            "an HMAC secret has no thumbprint");
}

TEST(PublicKey, DropsThePrivateHalf) {
  const Key key = private_key("rsa2048").public_key();
  EXPECT_FALSE(key.is_private());
  EXPECT_EQ(key.bits(), 2048);
  expect_same_public_key(key, public_key("rsa2048"));
}

TEST(PublicKey, OfAPublicKeyIsItself) {
  const Key key = public_key("ed25519");
  EXPECT_EQ(&key.public_key().data(), &key.data());
}

TEST(PublicKey, OfASecretIsTheSecret) {
  const Key key = Key::from_secret("s3cr3t");
  EXPECT_EQ(&key.public_key().data(), &key.data());
}

TEST(PublicPem, ReadsBackAsTheSameKey) {
  const Key key = private_key("ec_p384");
  const Key copy = Key::from_pem(key.public_pem());
  EXPECT_FALSE(copy.is_private());
  expect_same_public_key(copy, key);
}

TEST(PublicPem, IsSpki) {
  EXPECT_EQ(private_key("rsa2048").public_pem(), fixture("rsa2048", "public_spki_pem"));
}

TEST(PrivatePem, IsUnencryptedPkcs8) {
  EXPECT_EQ(Key::from_pem(fixture("ed25519", "private_pkcs8_pem")).private_pem(),
            fixture("ed25519", "private_pkcs8_pem"));
}

TEST(PrivatePem, RefusesPublicKey) {
  EXPECT_EQ(key_error([] { public_key("rsa2048").private_pem(); }),
            "a public key has no private PEM");
}

TEST(PrivatePem, RefusesSecret) {
  EXPECT_EQ(key_error([] { Key::from_secret("s3cr3t").private_pem(); }),
            "an HMAC secret has no private PEM");
}

// --- generation ---

TEST(Generate, RsaKeyHasTheRequestedSize) {
  const Key key = Key::generate_rsa(2048);
  EXPECT_EQ(key.type(), KeyType::rsa);
  EXPECT_EQ(key.bits(), 2048);
  EXPECT_TRUE(key.is_private());
}

TEST(Generate, RefusesRsaKeySizesOtherThan2048_3072_4096) {
  EXPECT_EQ(key_error([] { Key::generate_rsa(1024); }),
            "RSA key size must be 2048, 3072 or 4096 bits, not 1024");
}

TEST(Generate, RefusesEcCurveThatIsNotAnEcCurve) {
  EXPECT_EQ(key_error([] { Key::generate_ec(Curve::ed25519); }),
            "EC keys use P-256, P-384 or P-521");
}

TEST(Generate, Ed25519KeySignsEdDsa) {
  const Key key = Key::generate_ed25519();
  EXPECT_EQ(key.type(), KeyType::ed25519);
  EXPECT_TRUE(appjwt::verify_bytes("m", appjwt::sign_bytes("m", key, Algorithm::EdDSA),
                                   key.public_key(), Algorithm::EdDSA));
}

TEST(Generate, KeysAreFresh) {
  EXPECT_NE(Key::generate_ed25519().thumbprint(), Key::generate_ed25519().thumbprint());
}

// --- HMAC secrets ---

TEST(FromSecret, ReadsRawBytes) {
  const Key key = Key::from_secret(std::string("\0binary\xff", 8));
  EXPECT_EQ(key.type(), KeyType::secret);
  EXPECT_EQ(key.bits(), 64);
  EXPECT_TRUE(key.is_private());
}

TEST(FromSecret, AcceptsBase64TextThatIsNotAKey) {
  EXPECT_EQ(Key::from_secret("c2VydmVyLWhtYWMtc2VjcmV0LTMyLWJ5dGVzLWxvbmc=").type(),
            KeyType::secret);
}

TEST(FromSecret, AcceptsJsonThatIsNotAJwk) {
  EXPECT_EQ(Key::from_secret(R"({"password": "hunter2"})").type(), KeyType::secret);
}

TEST(FromSecret, RefusalNamesTheKindOfDocument) {
  EXPECT_EQ(key_error([] { Key::from_secret(fixture("ed25519", "public_spki_pem")); }),
            "the HMAC secret is a PEM or OpenSSH key document, not a secret; parse it as a key "
            "instead");
}

TEST(FromSecret, RefusesEmptySecret) {
  EXPECT_EQ(key_error([] { Key::from_secret(""); }), "the HMAC secret is empty");
}

// The base64 lines of a PEM document without its BEGIN and END lines.
std::string pem_body(const std::string& pem) {
  const std::size_t start = pem.find('\n') + 1;
  return pem.substr(start, pem.find("-----END") - start);
}

class KeyDocumentAsSecret : public testing::TestWithParam<std::string> {};

TEST_P(KeyDocumentAsSecret, IsRefused) {
  key_error([] { Key::from_secret(GetParam()); });
}

INSTANTIATE_TEST_SUITE_P(
    FromSecret, KeyDocumentAsSecret,
    testing::Values(fixture("rsa2048", "public_spki_pem"),
                    "\n\t  " + fixture("rsa2048", "public_spki_pem"),
                    "prefix text " + fixture("ec_p256", "public_spki_pem"),
                    fixture("rsa2048", "certificate_pem"), fixture("rsa2048", "public_pkcs1_pem"),
                    fixture("rsa2048", "openssh_public"), fixture("ed25519", "openssh_public"),
                    fixture("ec_p384", "openssh_public"),
                    "  " + fixture("ec_p256", "openssh_public"),
                    fixture_json("rsa2048", "public_jwk").dump(),
                    "\n" + fixture_json("ec_p256", "public_jwk").dump(2),
                    std::string(R"({"k":"c2VjcmV0","kty":"oct"})"),
                    std::string(R"({"k\u0074y": "EC", "crv": "P-256"})"),
                    std::string(R"({"keys": [{"kty": "RSA"}]})"),
                    "ssh-ed25519\t" + fixture("ed25519", "openssh_public").substr(12),
                    fixture_der("ec_p256", "public_spki_der_base64"),
                    fixture_der("rsa2048", "private_pkcs8_der_base64"),
                    pem_body(fixture("ec_p256", "private_pkcs8_pem"))));

// --- algorithm binding ---

TEST(Supports, RsaKeyAllowsRsAndPsOnly) {
  const Key key = public_key("rsa2048");
  for (const Algorithm alg : {Algorithm::RS256, Algorithm::RS384, Algorithm::RS512,
                              Algorithm::PS256, Algorithm::PS384, Algorithm::PS512}) {
    EXPECT_TRUE(key.supports(alg));
  }
  for (const Algorithm alg : {Algorithm::ES256, Algorithm::EdDSA, Algorithm::HS256}) {
    EXPECT_FALSE(key.supports(alg));
  }
}

TEST(Supports, EcKeyAllowsOnlyTheEsOfItsCurve) {
  const Key key = public_key("ec_p384");
  EXPECT_TRUE(key.supports(Algorithm::ES384));
  EXPECT_FALSE(key.supports(Algorithm::ES256));
  EXPECT_FALSE(key.supports(Algorithm::ES512));
  EXPECT_FALSE(key.supports(Algorithm::RS384));
}

TEST(Supports, Ed25519KeyAllowsEdDsaOnly) {
  const Key key = public_key("ed25519");
  EXPECT_TRUE(key.supports(Algorithm::EdDSA));
  EXPECT_FALSE(key.supports(Algorithm::ES256));
}

TEST(Supports, SecretAllowsHsOnly) {
  const Key key = Key::from_secret("s3cr3t");
  EXPECT_TRUE(key.supports(Algorithm::HS256));
  EXPECT_TRUE(key.supports(Algorithm::HS512));
  EXPECT_FALSE(key.supports(Algorithm::RS256));
}

// --- KeyCache ---

TEST(KeyCache, SameDocumentReturnsTheSameParsedKey) {
  KeyCache cache(4);
  const std::string pem = fixture("rsa2048", "public_spki_pem");
  EXPECT_EQ(&cache.from_pem(pem).data(), &cache.from_pem(pem).data());
  EXPECT_EQ(cache.size(), 1u);
}

TEST(KeyCache, DifferentPassphraseIsADifferentEntry) {
  KeyCache cache(4);
  const std::string pem = fixture("rsa2048", "private_pkcs8_pem");
  const Key a = cache.from_pem(pem);
  const Key b = cache.from_pem(pem, "unused passphrase");
  EXPECT_NE(&a.data(), &b.data());
  EXPECT_EQ(cache.size(), 2u);
}

TEST(KeyCache, PemAndJwkOfOneKeyAreSeparateEntries) {
  KeyCache cache(4);
  cache.from_jwk(fixture_json("ec_p256", "public_jwk").dump());
  cache.from_pem(fixture("ec_p256", "public_spki_pem"));
  EXPECT_EQ(cache.size(), 2u);
}

TEST(KeyCache, EvictsTheLeastRecentlyUsedKeyBeyondCapacity) {
  KeyCache cache(2);
  const std::string a = fixture("ec_p256", "public_spki_pem");
  const std::string b = fixture("ec_p384", "public_spki_pem");
  const std::string c = fixture("ec_p521", "public_spki_pem");
  // Held here so a re-parse cannot land at a freed entry's address.
  const Key a_first = cache.from_pem(a);
  const Key b_first = cache.from_pem(b);
  cache.from_pem(a);  // a is now the most recent; b the least
  cache.from_pem(c);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(&cache.from_pem(a).data(), &a_first.data());
  EXPECT_NE(&cache.from_pem(b).data(), &b_first.data());
}

TEST(KeyCache, ErrorsAreNotCached) {
  KeyCache cache(4);
  EXPECT_THROW(cache.from_pem("not a key"), Error);
  EXPECT_THROW(cache.from_pem("not a key"), Error);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(KeyCache, CapacityZeroCachesNothing) {
  KeyCache cache(0);
  const std::string pem = fixture("ed25519", "public_spki_pem");
  EXPECT_NE(&cache.from_pem(pem).data(), &cache.from_pem(pem).data());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(KeyCache, SecretsAreCachedAndStillChecked) {
  KeyCache cache(4);
  EXPECT_EQ(&cache.from_secret("s3cr3t").data(), &cache.from_secret("s3cr3t").data());
  EXPECT_THROW(cache.from_secret(fixture("rsa2048", "public_spki_pem")), Error);
}

TEST(KeyCache, ClearEmptiesTheCache) {
  KeyCache cache(4);
  cache.from_secret("s3cr3t");
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(KeyCache, TwoThreadsGetTheOneParsedKey) {
  KeyCache cache(4);
  const std::string pem = fixture("ec_p256", "public_spki_pem");
  std::array<const appjwt::detail::KeyData*, 2> seen{};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) seen[t] = &cache.from_pem(pem).data();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(KeyCache, SharedIsOneInstanceOfCapacity256) {
  EXPECT_EQ(&KeyCache::shared(), &KeyCache::shared());
  EXPECT_EQ(KeyCache::shared().capacity(), 256u);
}

// A private key whose public half belongs to another key: found by the key_pem
// and key_jwk fuzzers, kept in tests-fuzz/regressions/.
std::string fuzz_regression(const std::string& name) {
  std::ifstream file(std::string(APPJWT_TEST_VECTORS_DIR) + "/../tests-fuzz/regressions/" + name,
                     std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

TEST(FromDer, RefusesEcPrivateKeyThatDoesNotMatchItsPublicPoint) {
  const std::string der =
      fuzz_regression("key_pem/ec_private_key_not_matching_its_public_point.der");
  ASSERT_FALSE(der.empty());
  EXPECT_EQ(key_error([&] { Key::from_der(der); }),
            "the private key does not match its public key");
}

TEST(FromJwk, RefusesRsaPrivateKeyThatDoesNotMatchItsModulus) {
  const std::string jwk = fuzz_regression("key_jwk/rsa_private_jwk_not_matching_its_modulus.json");
  ASSERT_FALSE(jwk.empty());
  EXPECT_EQ(key_error([&] { Key::from_jwk(std::string_view(jwk)); }),
            "the private key does not match its public key");
}

TEST(KeyNames, KeyTypesHaveLowercaseNames) {
  EXPECT_EQ(appjwt::to_string(KeyType::rsa), "rsa");
  EXPECT_EQ(appjwt::to_string(KeyType::ec), "ec");
  EXPECT_EQ(appjwt::to_string(KeyType::ed25519), "ed25519");
  EXPECT_EQ(appjwt::to_string(KeyType::secret), "secret");
}

TEST(KeyNames, CurvesHaveTheirJoseNames) {
  EXPECT_EQ(appjwt::to_string(Curve::p256), "P-256");
  EXPECT_EQ(appjwt::to_string(Curve::p521), "P-521");
  EXPECT_EQ(appjwt::to_string(Curve::ed25519), "Ed25519");
  EXPECT_EQ(appjwt::to_string(Curve::none), "");
}

TEST(KeyNames, EcCurveFromStringReadsOnlyEcCurveNames) {
  EXPECT_EQ(appjwt::ec_curve_from_string("P-384"), Curve::p384);
  EXPECT_EQ(appjwt::ec_curve_from_string("Ed25519"), std::nullopt);
  EXPECT_EQ(appjwt::ec_curve_from_string("p-256"), std::nullopt);
}

TEST(KeyNames, EachAlgorithmNamesTheKeyItSignsWith) {
  EXPECT_EQ(appjwt::key_type_for(Algorithm::PS384), KeyType::rsa);
  EXPECT_EQ(appjwt::curve_for(Algorithm::PS384), Curve::none);
  EXPECT_EQ(appjwt::key_type_for(Algorithm::ES512), KeyType::ec);
  EXPECT_EQ(appjwt::curve_for(Algorithm::ES512), Curve::p521);
  EXPECT_EQ(appjwt::key_type_for(Algorithm::EdDSA), KeyType::ed25519);
  EXPECT_EQ(appjwt::key_type_for(Algorithm::HS256), KeyType::secret);
}

}  // namespace
