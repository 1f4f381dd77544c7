// sign_bytes / verify_bytes: every JWS algorithm of RFC 7518, and the key/algorithm binding.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "base64url.hpp"
#include "key_data.hpp"
#include "key_fixtures.hpp"
#include "openssl.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::Error;
using appjwt::ErrorCode;
using appjwt::Key;
using appjwt::sign_bytes;
using appjwt::verify_bytes;
using appjwt::test::fixture;
using appjwt::test::private_key;
using appjwt::test::public_key;

constexpr std::string_view message = "eyJhbGciOiJSUzUxMiJ9.eyJhcHBJZCI6InN0b3JlLWZyb250In0";

Key hmac_key() {
  return Key::from_secret("a 32-byte secret for HMAC tests!");
}

struct AlgorithmCase {
  Algorithm alg;
  const char* key;  // fixture name, or "secret"
};

Key signing_key(const AlgorithmCase& c) {
  return std::string_view(c.key) == "secret" ? hmac_key() : private_key(c.key);
}

Key verifying_key(const AlgorithmCase& c) {
  return std::string_view(c.key) == "secret" ? hmac_key() : public_key(c.key);
}

class EveryAlgorithm : public testing::TestWithParam<AlgorithmCase> {};

TEST_P(EveryAlgorithm, SignatureVerifiesWithThePublicKey) {
  const std::string signature = sign_bytes(message, signing_key(GetParam()), GetParam().alg);
  EXPECT_TRUE(verify_bytes(message, signature, verifying_key(GetParam()), GetParam().alg));
}

TEST_P(EveryAlgorithm, SignatureDoesNotVerifyAnotherMessage) {
  const std::string signature = sign_bytes(message, signing_key(GetParam()), GetParam().alg);
  EXPECT_FALSE(verify_bytes(std::string(message) + "x", signature, verifying_key(GetParam()),
                            GetParam().alg));
}

TEST_P(EveryAlgorithm, FlippedSignatureBitDoesNotVerify) {
  std::string signature = sign_bytes(message, signing_key(GetParam()), GetParam().alg);
  signature[signature.size() / 2] = static_cast<char>(signature[signature.size() / 2] ^ 0x01);
  EXPECT_FALSE(verify_bytes(message, signature, verifying_key(GetParam()), GetParam().alg));
}

TEST_P(EveryAlgorithm, PrivateKeyVerifiesItsOwnSignature) {
  const Key key = signing_key(GetParam());
  EXPECT_TRUE(verify_bytes(message, sign_bytes(message, key, GetParam().alg), key, GetParam().alg));
}

TEST_P(EveryAlgorithm, VerifyKeepsWorkingAfterARejectedSignature) {
  const Key key = verifying_key(GetParam());
  const std::string signature = sign_bytes(message, signing_key(GetParam()), GetParam().alg);
  ASSERT_FALSE(verify_bytes(message, std::string(signature.size(), 'x'), key, GetParam().alg));
  EXPECT_TRUE(verify_bytes(message, signature, key, GetParam().alg));
}

TEST_P(EveryAlgorithm, MalformedSignaturesOfAnyLengthAreRejectedWithoutThrowing) {
  const Key key = verifying_key(GetParam());
  for (const std::size_t size : {0, 1, 31, 32, 63, 64, 65, 96, 132, 255, 256, 257, 512, 4096}) {
    EXPECT_FALSE(verify_bytes(message, std::string(size, '\x5a'), key, GetParam().alg)) << size;
  }
}

TEST_P(EveryAlgorithm, SignatureIsRejectedWithAnotherKeyOfTheSameType) {
  const AlgorithmCase c = GetParam();
  const Key other =
      c.alg == Algorithm::HS256 || c.alg == Algorithm::HS384 || c.alg == Algorithm::HS512
          ? Key::from_secret("another secret, of another service")
      : std::string_view(c.key) == "rsa2048" ? Key::generate_rsa(2048)
      : std::string_view(c.key) == "ed25519" ? Key::generate_ed25519()
                                             : Key::generate_ec(signing_key(c).curve());
  EXPECT_FALSE(verify_bytes(message, sign_bytes(message, signing_key(c), c.alg), other, c.alg));
}

INSTANTIATE_TEST_SUITE_P(
    Signature, EveryAlgorithm,
    testing::Values(
        AlgorithmCase{Algorithm::RS256, "rsa2048"}, AlgorithmCase{Algorithm::RS384, "rsa2048"},
        AlgorithmCase{Algorithm::RS512, "rsa2048"}, AlgorithmCase{Algorithm::PS256, "rsa2048"},
        AlgorithmCase{Algorithm::PS384, "rsa2048"}, AlgorithmCase{Algorithm::PS512, "rsa2048"},
        AlgorithmCase{Algorithm::ES256, "ec_p256"}, AlgorithmCase{Algorithm::ES384, "ec_p384"},
        AlgorithmCase{Algorithm::ES512, "ec_p521"}, AlgorithmCase{Algorithm::EdDSA, "ed25519"},
        AlgorithmCase{Algorithm::HS256, "secret"}, AlgorithmCase{Algorithm::HS384, "secret"},
        AlgorithmCase{Algorithm::HS512, "secret"}),
    [](const auto& test) { return std::string(appjwt::to_string(test.param.alg)); });

// --- algorithm names ---

TEST(AlgorithmName, EveryAlgorithmRoundTripsThroughItsJoseName) {
  for (const Algorithm alg :
       {Algorithm::RS256, Algorithm::RS384, Algorithm::RS512, Algorithm::PS256, Algorithm::PS384,
        Algorithm::PS512, Algorithm::ES256, Algorithm::ES384, Algorithm::ES512, Algorithm::EdDSA,
        Algorithm::HS256, Algorithm::HS384, Algorithm::HS512}) {
    EXPECT_EQ(appjwt::algorithm_from_string(appjwt::to_string(alg)), alg);
  }
}

TEST(AlgorithmName, IsSpelledAsJoseSpellsIt) {
  EXPECT_EQ(appjwt::to_string(Algorithm::EdDSA), "EdDSA");
  EXPECT_EQ(appjwt::to_string(Algorithm::PS384), "PS384");
}

TEST(AlgorithmName, IsCaseSensitive) {
  EXPECT_EQ(appjwt::algorithm_from_string("rs256"), std::nullopt);
  EXPECT_EQ(appjwt::algorithm_from_string("EDDSA"), std::nullopt);
}

TEST(AlgorithmName, NoneInAnyCaseIsNotAnAlgorithm) {
  for (const char* name : {"none", "None", "NONE", "nOnE"}) {
    EXPECT_EQ(appjwt::algorithm_from_string(name), std::nullopt) << name;
  }
}

TEST(AlgorithmName, ParsingAnUnknownNameIsNotAllowed) {
  const Error error = appjwt::test::thrown_error([] { appjwt::parse_algorithm("HS1024"); });
  EXPECT_EQ(error.code(), ErrorCode::algorithm_not_allowed);
  EXPECT_EQ(error.claim(), "alg");
  EXPECT_STREQ(error.what(), "unsupported algorithm \"HS1024\"");
}

TEST(AlgorithmName, ParsingALongNameDoesNotRepeatIt) {
  const std::string name(500, 'A');
  const Error error = appjwt::test::thrown_error([&] { appjwt::parse_algorithm(name); });
  EXPECT_STREQ(error.what(), "unsupported algorithm (500 bytes)");
}

// --- known answers and interoperability with OpenSSL used directly ---

std::string decoded(std::string_view base64url) {
  return appjwt::detail::base64url_decode(base64url).value();
}

TEST(Hmac, Hs256MatchesRfc7515AppendixA1) {
  const Key key = Key::from_secret(decoded(
      "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"));
  const std::string input =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
      "fQ";
  EXPECT_EQ(appjwt::detail::base64url_encode(sign_bytes(input, key, Algorithm::HS256)),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(Hmac, TruncatedTagDoesNotVerify) {
  const std::string tag = sign_bytes(message, hmac_key(), Algorithm::HS256);
  EXPECT_FALSE(verify_bytes(message, tag.substr(0, 16), hmac_key(), Algorithm::HS256));
}

TEST(Hmac, TagSizeIsTheDigestSize) {
  EXPECT_EQ(sign_bytes(message, hmac_key(), Algorithm::HS256).size(), 32u);
  EXPECT_EQ(sign_bytes(message, hmac_key(), Algorithm::HS384).size(), 48u);
  EXPECT_EQ(sign_bytes(message, hmac_key(), Algorithm::HS512).size(), 64u);
}

TEST(EdDsa, MatchesRfc8032Test1) {
  const Key key =
      Key::from_jwk(nlohmann::json{{"kty", "OKP"},
                                   {"crv", "Ed25519"},
                                   {"d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"},
                                   {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}});
  EXPECT_EQ(
      appjwt::detail::base64url_encode(sign_bytes("", key, Algorithm::EdDSA)),
      "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc-bRr0lv18FlbviRlUUFDjnoQCw");
}

TEST(EdDsa, SignatureIs64Bytes) {
  EXPECT_EQ(sign_bytes(message, private_key("ed25519"), Algorithm::EdDSA).size(), 64u);
}

TEST(RsaPkcs1, SignatureIsDeterministic) {
  const Key key = private_key("rsa2048");
  EXPECT_EQ(sign_bytes(message, key, Algorithm::RS256), sign_bytes(message, key, Algorithm::RS256));
}

TEST(RsaPkcs1, SignatureIsAsLongAsTheModulus) {
  EXPECT_EQ(sign_bytes(message, private_key("rsa2048"), Algorithm::RS512).size(), 256u);
}

// A signature computed by OpenSSL directly, with the given padding and PSS salt length.
std::string openssl_sign(const Key& key, const EVP_MD* md, int padding, int salt_length = 0) {
  const appjwt::detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), &pkey_ctx, md, nullptr, key.data().pkey.get()), 1);
  if (padding != 0) {
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, padding), 1);
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, salt_length), 1);
  }
  std::size_t size = 0;
  EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(message.data()),
                 message.size());
  std::string out(size, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size,
                           reinterpret_cast<const unsigned char*>(message.data()), message.size()),
            1);
  out.resize(size);
  return out;
}

TEST(RsaPkcs1, MatchesOpenSslDigestSign) {
  const Key key = private_key("rsa2048");
  EXPECT_EQ(sign_bytes(message, key, Algorithm::RS384), openssl_sign(key, EVP_sha384(), 0));
}

TEST(RsaPss, VerifiesOpenSslSignatureWithDigestLengthSalt) {
  const std::string signature =
      openssl_sign(private_key("rsa2048"), EVP_sha256(), RSA_PKCS1_PSS_PADDING, 32);
  EXPECT_TRUE(verify_bytes(message, signature, public_key("rsa2048"), Algorithm::PS256));
}

TEST(RsaPss, RejectsSaltLengthOtherThanTheDigestLength) {
  // RFC 7518 3.5 fixes the salt at the hash size; a longer salt is another scheme.
  const std::string signature =
      openssl_sign(private_key("rsa2048"), EVP_sha256(), RSA_PKCS1_PSS_PADDING, 64);
  EXPECT_FALSE(verify_bytes(message, signature, public_key("rsa2048"), Algorithm::PS256));
}

TEST(RsaPss, SignatureIsRandomized) {
  const Key key = private_key("rsa2048");
  EXPECT_NE(sign_bytes(message, key, Algorithm::PS256), sign_bytes(message, key, Algorithm::PS256));
}

TEST(RsaPss, PkcsOneSignatureDoesNotVerifyAsPss) {
  const std::string signature = sign_bytes(message, private_key("rsa2048"), Algorithm::RS256);
  EXPECT_FALSE(verify_bytes(message, signature, public_key("rsa2048"), Algorithm::PS256));
}

// --- ECDSA: JOSE r || s, and the malformed signatures attackers send ---

using EcdsaSigPtr = appjwt::detail::OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free>;

std::string der_of(std::string_view jose) {
  const std::size_t half = jose.size() / 2;
  const auto* raw = reinterpret_cast<const unsigned char*>(jose.data());
  EcdsaSigPtr sig(ECDSA_SIG_new());
  ECDSA_SIG_set0(sig.get(), BN_bin2bn(raw, static_cast<int>(half), nullptr),
                 BN_bin2bn(raw + half, static_cast<int>(half), nullptr));
  unsigned char* der = nullptr;
  const int size = i2d_ECDSA_SIG(sig.get(), &der);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

std::string curve_order(int nid, std::size_t size) {
  const appjwt::detail::OpenSslPtr<EC_GROUP, EC_GROUP_free> group(EC_GROUP_new_by_curve_name(nid));
  std::string out(size, '\0');
  BN_bn2binpad(EC_GROUP_get0_order(group.get()), reinterpret_cast<unsigned char*>(out.data()),
               static_cast<int>(size));
  return out;
}

struct EcdsaCase {
  Algorithm alg;
  const char* key;
  std::size_t part_size;
  int nid;
};

class Ecdsa : public testing::TestWithParam<EcdsaCase> {
 protected:
  std::string sign() const {
    return sign_bytes(message, private_key(GetParam().key), GetParam().alg);
  }
  bool verify(std::string_view signature) const {
    return verify_bytes(message, signature, public_key(GetParam().key), GetParam().alg);
  }
  std::string order() const { return curve_order(GetParam().nid, GetParam().part_size); }
};

TEST_P(Ecdsa, SignatureIsRawRAndSOfTwiceTheCurveSize) {
  EXPECT_EQ(sign().size(), 2 * GetParam().part_size);
}

TEST_P(Ecdsa, SignatureVerifiesWithOpenSslAsDer) {
  const std::string der = der_of(sign());
  const Key key = public_key(GetParam().key);
  const appjwt::detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  const EVP_MD* md = GetParam().part_size == 32   ? EVP_sha256()
                     : GetParam().part_size == 48 ? EVP_sha384()
                                                  : EVP_sha512();
  ASSERT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.data().pkey.get()), 1);
  EXPECT_EQ(
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()),
      1);
}

TEST_P(Ecdsa, DerEncodedSignatureIsRejected) {
  EXPECT_FALSE(verify(der_of(sign())));
}

TEST_P(Ecdsa, SignatureOneByteShortIsRejected) {
  EXPECT_FALSE(verify(sign().substr(1)));
}

TEST_P(Ecdsa, SignatureOneByteLongIsRejected) {
  EXPECT_FALSE(verify(sign() + '\0'));
}

TEST_P(Ecdsa, AllZeroPsychicSignatureIsRejected) {
  EXPECT_FALSE(verify(std::string(2 * GetParam().part_size, '\0')));
}

TEST_P(Ecdsa, ZeroSIsRejected) {
  const std::string signature = sign();
  EXPECT_FALSE(
      verify(signature.substr(0, GetParam().part_size) + std::string(GetParam().part_size, '\0')));
}

TEST_P(Ecdsa, ZeroRIsRejected) {
  const std::string signature = sign();
  EXPECT_FALSE(
      verify(std::string(GetParam().part_size, '\0') + signature.substr(GetParam().part_size)));
}

TEST_P(Ecdsa, ROfTheGroupOrderIsRejected) {
  EXPECT_FALSE(verify(order() + sign().substr(GetParam().part_size)));
}

TEST_P(Ecdsa, SOfTheGroupOrderIsRejected) {
  EXPECT_FALSE(verify(sign().substr(0, GetParam().part_size) + order()));
}

TEST_P(Ecdsa, RAndSOfAllOnesAreRejected) {
  EXPECT_FALSE(verify(std::string(2 * GetParam().part_size, '\xff')));
}

INSTANTIATE_TEST_SUITE_P(
    Signature, Ecdsa,
    testing::Values(EcdsaCase{Algorithm::ES256, "ec_p256", 32, NID_X9_62_prime256v1},
                    EcdsaCase{Algorithm::ES384, "ec_p384", 48, NID_secp384r1},
                    EcdsaCase{Algorithm::ES512, "ec_p521", 66, NID_secp521r1}),
    [](const auto& test) { return std::string(appjwt::to_string(test.param.alg)); });

// --- key / algorithm binding ---

ErrorCode sign_error(const Key& key, Algorithm alg, bool allow_insecure = false) {
  return appjwt::test::thrown_error([&] { sign_bytes(message, key, alg, allow_insecure); }).code();
}

ErrorCode verify_error(const Key& key, Algorithm alg, bool allow_insecure = false) {
  const std::string signature(256, 'x');
  return appjwt::test::thrown_error(
             [&] { verify_bytes(message, signature, key, alg, allow_insecure); })
      .code();
}

struct MismatchCase {
  const char* name;
  const char* key;  // fixture name, or "secret"
  Algorithm alg;
};

class MismatchedKey : public testing::TestWithParam<MismatchCase> {};

// The algorithm-confusion class: a key only ever verifies its own family's algorithms.
TEST_P(MismatchedKey, VerifyingIsNotAllowed) {
  const Key key =
      std::string_view(GetParam().key) == "secret" ? hmac_key() : public_key(GetParam().key);
  EXPECT_EQ(verify_error(key, GetParam().alg), ErrorCode::algorithm_not_allowed);
}

INSTANTIATE_TEST_SUITE_P(
    KeyBinding, MismatchedKey,
    testing::Values(MismatchCase{"Hs256WithRsaKey", "rsa2048", Algorithm::HS256},
                    MismatchCase{"Hs256WithEcKey", "ec_p256", Algorithm::HS256},
                    MismatchCase{"Rs256WithEcKey", "ec_p256", Algorithm::RS256},
                    MismatchCase{"Es256WithP384Key", "ec_p384", Algorithm::ES256},
                    MismatchCase{"Es512WithP256Key", "ec_p256", Algorithm::ES512},
                    MismatchCase{"EdDsaWithRsaKey", "rsa2048", Algorithm::EdDSA},
                    MismatchCase{"Es256WithEd25519Key", "ed25519", Algorithm::ES256},
                    MismatchCase{"Rs256WithSecret", "secret", Algorithm::RS256}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(KeyBinding, SigningWithAKeyOfAnotherFamilyIsAKeyError) {
  EXPECT_EQ(sign_error(private_key("ec_p256"), Algorithm::RS256), ErrorCode::key_error);
}

TEST(KeyBinding, SigningWithAPublicKeyIsAKeyError) {
  EXPECT_EQ(sign_error(public_key("rsa2048"), Algorithm::RS512), ErrorCode::key_error);
}

TEST(KeyBinding, SigningWithAnEd25519PublicKeyIsAKeyError) {
  EXPECT_EQ(sign_error(public_key("ed25519"), Algorithm::EdDSA), ErrorCode::key_error);
}

TEST(KeyBinding, KeyErrorMessageNamesKeyAndAlgorithm) {
  const Error error = appjwt::test::thrown_error(
      [] { verify_bytes(message, "x", public_key("ec_p384"), Algorithm::ES256); });
  EXPECT_STREQ(error.what(), "an EC P-384 key cannot be used with ES256");
  EXPECT_EQ(error.claim(), "alg");
}

// --- RSA key size floor ---

TEST(WeakRsa, SigningWith1024BitKeyIsRefused) {
  EXPECT_EQ(sign_error(private_key("rsa1024"), Algorithm::RS256), ErrorCode::key_error);
}

TEST(WeakRsa, VerifyingWith1024BitKeyIsRefused) {
  EXPECT_EQ(verify_error(public_key("rsa1024"), Algorithm::RS256), ErrorCode::key_error);
}

TEST(WeakRsa, RefusalSaysTheSizeAndTheMinimum) {
  EXPECT_STREQ(appjwt::test::thrown_error([] {
                 sign_bytes(message, private_key("rsa1024"), Algorithm::RS256);
               }).what(),
               "RSA key of 1024 bits is below the 2048-bit minimum");
}

TEST(WeakRsa, ExplicitOptInAllows1024BitKey) {
  const std::string signature = sign_bytes(message, private_key("rsa1024"), Algorithm::RS256, true);
  EXPECT_TRUE(verify_bytes(message, signature, public_key("rsa1024"), Algorithm::RS256, true));
}

// --- shared keys ---

TEST(SharedKey, TwoThreadsVerifyWithOneKeyConcurrently) {
  const Key key = public_key("ec_p256");
  const std::string good = sign_bytes(message, private_key("ec_p256"), Algorithm::ES256);
  const std::string bad(good.size(), '\x01');
  std::vector<int> results(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        results[t] += verify_bytes(message, good, key, Algorithm::ES256) ? 1 : 0;
        results[t] += verify_bytes(message, bad, key, Algorithm::ES256) ? 100 : 0;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(results, (std::vector<int>{50, 50}));
}

}  // namespace
