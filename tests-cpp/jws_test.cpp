// Compact JWS structure: decode_unverified and sign_compact (RFC 7515 section 7.1).
#include <gtest/gtest.h>

#include <string>

#include "appjwt/appjwt.hpp"
#include "base64url.hpp"
#include "test_support.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::decode_unverified;
using appjwt::ErrorCode;
using appjwt::Key;
using appjwt::sign_compact;
using appjwt::detail::base64url_encode;
using appjwt::test::fails_with;

const Key& secret() {
  static const Key key = Key::from_secret("jws-test-secret-jws-test-secret-0123");
  return key;
}

std::string token_over(const std::string& header, const std::string& payload) {
  return sign_compact(header, payload, secret(), Algorithm::HS256);
}

// A token sign_compact would refuse to make, with a made-up signature.
std::string unsigned_token(const std::string& header) {
  return base64url_encode(header) + "." + base64url_encode("{}") + "." + base64url_encode("sig");
}

TEST(DecodeUnverified, SplitsTheThreeSegments) {
  const std::string token = token_over(R"({"alg":"HS256"})", R"({"appId":"store-front"})");
  const auto decoded = decode_unverified(token);
  EXPECT_EQ(decoded.header_segment, base64url_encode(R"({"alg":"HS256"})"));
  EXPECT_EQ(decoded.payload_segment, base64url_encode(R"({"appId":"store-front"})"));
  EXPECT_EQ(decoded.signing_input() + "." + decoded.signature_segment, token);
  EXPECT_EQ(base64url_encode(decoded.signature), decoded.signature_segment);
}

TEST(DecodeUnverified, ParsesTheHeaderAndPayloadAsJson) {
  const auto decoded =
      decode_unverified(token_over(R"({"alg":"HS256","kid":"k1"})", R"({"appId":"store-front"})"));
  EXPECT_EQ(decoded.header, (nlohmann::json{{"alg", "HS256"}, {"kid", "k1"}}));
  EXPECT_EQ(decoded.payload, (nlohmann::json{{"appId", "store-front"}}));
}

TEST(DecodeUnverified, KeepsTheDecodedHeaderAndPayloadBytes) {
  const std::string header = R"({"alg":"HS256", "kid":"k1"})";
  const std::string payload = R"({ "appId": "store-front" })";
  const auto decoded = decode_unverified(token_over(header, payload));
  EXPECT_EQ(decoded.header_json, header);
  EXPECT_EQ(decoded.payload_json, payload);
}

TEST(DecodeUnverified, DoesNotCheckTheSignature) {
  const auto decoded = decode_unverified(base64url_encode(R"({"alg":"HS256"})") + "." +
                                         base64url_encode("{}") + "." + base64url_encode("forged"));
  EXPECT_EQ(decoded.signature, "forged");
}

TEST(DecodeUnverified, DoesNotCheckTheClaims) {
  const auto decoded = decode_unverified(token_over(R"({"alg":"HS256"})", R"({"exp":1})"));
  EXPECT_EQ(decoded.payload.at("exp"), 1);
}

TEST(DecodeUnverified, AcceptsAnEmptySignatureSegment) {
  const auto decoded =
      decode_unverified(base64url_encode(R"({"alg":"none"})") + "." + base64url_encode("{}") + ".");
  EXPECT_TRUE(decoded.signature.empty());
}

TEST(DecodeUnverified, RefusesAnOversizedTokenBeforeLookingAtIt) {
  EXPECT_TRUE(
      fails_with([] { decode_unverified(std::string(20000, '.')); }, ErrorCode::token_too_large));
}

TEST(DecodeUnverified, AcceptsATokenExactlyAtTheSizeLimit) {
  const std::string token = token_over(R"({"alg":"HS256"})", "{}");
  EXPECT_NO_THROW(decode_unverified(token, token.size()));
  EXPECT_TRUE(
      fails_with([&] { decode_unverified(token, token.size() - 1); }, ErrorCode::token_too_large));
}

TEST(DecodeUnverified, DefaultsToAnEightKibibyteLimit) {
  EXPECT_EQ(appjwt::default_max_token_size, 8192u);
  const std::string padding(8192, 'x');
  const std::string token = token_over(R"({"alg":"HS256"})", R"({"pad":")" + padding + "\"}");
  EXPECT_TRUE(fails_with([&] { decode_unverified(token); }, ErrorCode::token_too_large));
}

TEST(DecodeUnverified, RefusesAnyOtherNumberOfSegments) {
  const std::string token = token_over(R"({"alg":"HS256"})", "{}");
  for (const std::string& wrong :
       {std::string("abc"), token.substr(0, token.rfind('.')), token + ".x", token + ".x.y.z"}) {
    EXPECT_TRUE(fails_with([&] { decode_unverified(wrong); }, ErrorCode::malformed)) << wrong;
  }
}

TEST(DecodeUnverified, MessageSaysWhichSegmentIsNotBase64url) {
  const std::string token = token_over(R"({"alg":"HS256"})", "{}");
  const auto first_dot = token.find('.');
  const std::string bad_payload =
      token.substr(0, first_dot + 1) + "e30=" + token.substr(token.rfind('.'));
  try {
    decode_unverified(bad_payload);
    FAIL() << "accepted";
  } catch (const appjwt::Error& error) {
    EXPECT_NE(std::string(error.what()).find("payload segment is not valid base64url"),
              std::string::npos)
        << error.what();
  }
}

TEST(DecodeUnverified, MessageNeverContainsTheToken) {
  const std::string payload = R"({"secret-looking-claim":")" + std::string(300, 'z') + "\"";
  try {
    decode_unverified(token_over(R"({"alg":"HS256"})", payload));
    FAIL() << "accepted";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(std::string(error.what()).find("zzzz"), std::string::npos) << error.what();
  }
}

TEST(DecodeUnverified, RequiresAlgToBeAString) {
  EXPECT_TRUE(fails_with([] { decode_unverified(unsigned_token(R"({"alg":["HS256"]})")); },
                         ErrorCode::malformed, "alg"));
}

TEST(DecodeUnverified, RequiresAnAlgHeaderParameter) {
  EXPECT_TRUE(fails_with([] { decode_unverified(unsigned_token(R"({"kid":"k1"})")); },
                         ErrorCode::malformed, "alg"));
}

TEST(DecodeUnverified, AcceptsAWellFormedCritWhateverItNames) {
  // Whether crit's names are understood is the verifier's call (VerifyOptions).
  const auto decoded =
      decode_unverified(token_over(R"({"alg":"HS256","crit":["b64x"],"b64x":1})", "{}"));
  EXPECT_EQ(decoded.header.at("crit"), nlohmann::json::array({"b64x"}));
}

TEST(DecodeUnverified, RefusesACritListingANameTwice) {
  EXPECT_TRUE(fails_with(
      [] { decode_unverified(token_over(R"({"alg":"HS256","crit":["x","x"],"x":1})", "{}")); },
      ErrorCode::malformed, "crit"));
}

TEST(SignCompact, KeepsTheHeaderAndPayloadBytesExactly) {
  const std::string header = "{ \"alg\" : \"HS256\" }";
  const std::string payload = "not JSON at all \xe2\x80\x99";
  const std::string token = token_over(header, payload);
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  EXPECT_EQ(token.substr(0, first_dot), base64url_encode(header));
  EXPECT_EQ(token.substr(first_dot + 1, second_dot - first_dot - 1), base64url_encode(payload));
}

TEST(SignCompact, SignsTheSigningInputWithTheKey) {
  const std::string token = token_over(R"({"alg":"HS256"})", "{}");
  const auto last_dot = token.rfind('.');
  EXPECT_EQ(
      token.substr(last_dot + 1),
      base64url_encode(appjwt::sign_bytes(token.substr(0, last_dot), secret(), Algorithm::HS256)));
}

TEST(SignCompact, RefusesAHeaderNamingAnotherAlgorithm) {
  EXPECT_TRUE(fails_with([] { token_over(R"({"alg":"none"})", "{}"); }, ErrorCode::invalid_argument,
                         "alg"));
}

TEST(SignCompact, RefusesAHeaderWithoutAlg) {
  EXPECT_TRUE(
      fails_with([] { token_over(R"({"typ":"JWT"})", "{}"); }, ErrorCode::invalid_argument, "alg"));
}

TEST(SignCompact, RefusesAHeaderThatIsNotAJsonObject) {
  EXPECT_TRUE(fails_with([] { token_over(R"(["HS256"])", "{}"); }, ErrorCode::invalid_argument));
  EXPECT_TRUE(fails_with([] { token_over(R"({"alg":"HS256","alg":"HS256"})", "{}"); },
                         ErrorCode::invalid_argument));
}

TEST(SignCompact, RefusesAKeyOfAnotherFamily) {
  EXPECT_TRUE(
      fails_with([] { sign_compact(R"({"alg":"RS256"})", "{}", secret(), Algorithm::RS256); },
                 ErrorCode::key_error));
}

}  // namespace
