// test-vectors/vectors.json, one named test per case (the Python and Node suites
// run the same file).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "appjwt/appjwt.hpp"
#include "base64url.hpp"
#include "test_support.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::Key;
using appjwt::test::case_name;
using appjwt::test::cases;
using appjwt::test::error_code_named;
using appjwt::test::fails_with;
using appjwt::test::vectors;
using json = nlohmann::json;

constexpr const char* vector_file = "vectors.json";

std::string text(const json& example, const char* field) {
  return example.at(field).get<std::string>();
}
Key example_key(const json& example) {
  return Key::from_jwk(example.at("jwk"));
}
Algorithm example_alg(const json& example) {
  return appjwt::parse_algorithm(text(example, "alg"));
}
std::string published_signature(const json& example) {
  return appjwt::detail::base64url_decode(text(example, "signature")).value();
}

std::vector<json> examples_where(bool (*keep)(const json&)) {
  std::vector<json> kept;
  for (const auto& example : cases(vector_file, "jws_examples")) {
    if (keep(example)) kept.push_back(example);
  }
  return kept;
}

class JwsExample : public ::testing::TestWithParam<json> {};

TEST_P(JwsExample, SigningInputIsTheEncodedHeaderAndPayload) {
  const auto& example = GetParam();
  EXPECT_EQ(appjwt::detail::base64url_encode(text(example, "header_json")) + "." +
                appjwt::detail::base64url_encode(text(example, "payload")),
            text(example, "signing_input"));
}

TEST_P(JwsExample, PublishedSignatureVerifiesWithThePublicKey) {
  const auto& example = GetParam();
  EXPECT_TRUE(appjwt::verify_bytes(text(example, "signing_input"), published_signature(example),
                                   example_key(example).public_key(), example_alg(example)));
}

TEST_P(JwsExample, PublishedSignatureFailsOverAlteredInput) {
  const auto& example = GetParam();
  std::string altered = text(example, "signing_input");
  char& middle = altered[altered.size() / 2];
  middle = middle == 'A' ? 'B' : 'A';
  EXPECT_FALSE(appjwt::verify_bytes(altered, published_signature(example),
                                    example_key(example).public_key(), example_alg(example)));
}

TEST_P(JwsExample, FreshSignatureVerifies) {
  const auto& example = GetParam();
  const std::string token =
      appjwt::sign_compact(text(example, "header_json"), text(example, "payload"),
                           example_key(example), example_alg(example));
  const auto last_dot = token.rfind('.');
  ASSERT_EQ(token.substr(0, last_dot), text(example, "signing_input"));
  EXPECT_TRUE(
      appjwt::verify_bytes(text(example, "signing_input"),
                           appjwt::detail::base64url_decode(token.substr(last_dot + 1)).value(),
                           example_key(example).public_key(), example_alg(example)));
}

INSTANTIATE_TEST_SUITE_P(Vectors, JwsExample,
                         ::testing::ValuesIn(cases(vector_file, "jws_examples")), case_name);

class DeterministicJwsExample : public ::testing::TestWithParam<json> {};

TEST_P(DeterministicJwsExample, SigningReproducesThePublishedTokenExactly) {
  const auto& example = GetParam();
  EXPECT_EQ(appjwt::sign_compact(text(example, "header_json"), text(example, "payload"),
                                 example_key(example), example_alg(example)),
            text(example, "token"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, DeterministicJwsExample,
                         ::testing::ValuesIn(examples_where([](const json& example) {
                           return example.at("deterministic").get<bool>();
                         })),
                         case_name);

class JwtJwsExample : public ::testing::TestWithParam<json> {};

TEST_P(JwtJwsExample, VerifiesAsAJwtAtItsOwnTime) {
  const auto& example = GetParam();
  const auto options = appjwt::test::verify_options_from_json(example.at("verify_as_jwt"));
  const auto decoded =
      appjwt::verify(text(example, "token"), example_key(example).public_key(), options);
  EXPECT_EQ(decoded.payload, json::parse(text(example, "payload")));
  EXPECT_EQ(decoded.header, json::parse(text(example, "header_json")));
  EXPECT_EQ(decoded.signature, published_signature(example));
}

TEST_P(JwtJwsExample, IsExpiredByTheSystemClock) {
  const auto& example = GetParam();
  auto options = appjwt::test::verify_options_from_json(example.at("verify_as_jwt"));
  options.now.reset();
  EXPECT_TRUE(fails_with(
      [&] { appjwt::verify(text(example, "token"), example_key(example).public_key(), options); },
      appjwt::ErrorCode::token_expired, "exp"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, JwtJwsExample,
                         ::testing::ValuesIn(examples_where([](const json& example) {
                           return example.contains("verify_as_jwt");
                         })),
                         case_name);

appjwt::VerifyOptions case_options(const json& vector_case) {
  json options = vectors(vector_file).at("default_options");
  if (vector_case.contains("options")) options.update(vector_case.at("options"));
  return appjwt::test::verify_options_from_json(options);
}

Key vector_secret() {
  return Key::from_secret(vectors(vector_file).at("hmac_secret").get<std::string>());
}

// Runs check and compares its outcome with the case's "error" and "claim".
template <class F>
void expect_outcome(const json& vector_case, F&& check) {
  const auto& error = vector_case.at("error");
  if (error.is_null()) {
    try {
      check();
    } catch (const appjwt::Error& unexpected) {
      ADD_FAILURE() << "rejected with " << appjwt::to_string(unexpected.code()) << ": "
                    << unexpected.what();
    }
    return;
  }
  std::optional<std::string> claim;
  if (vector_case.contains("claim")) claim = vector_case.at("claim").get<std::string>();
  EXPECT_TRUE(fails_with(check, error_code_named(error.get<std::string>()), claim))
      << vector_case.at("description").get<std::string>();
}

// token_cases and claim_cases alike: a token, options and the expected outcome.
class TokenCase : public ::testing::TestWithParam<json> {};

TEST_P(TokenCase, VerifyGivesTheExpectedOutcome) {
  const auto& vector_case = GetParam();
  const auto options = case_options(vector_case);
  expect_outcome(vector_case,
                 [&] { appjwt::verify(text(vector_case, "token"), vector_secret(), options); });
}

INSTANTIATE_TEST_SUITE_P(Structure, TokenCase,
                         ::testing::ValuesIn(cases(vector_file, "token_cases")), case_name);
INSTANTIATE_TEST_SUITE_P(Claims, TokenCase, ::testing::ValuesIn(cases(vector_file, "claim_cases")),
                         case_name);

// Claim cases whose payload JSON can carry (not e.g. a number beyond a double).
std::vector<json> claim_cases_with_payload() {
  std::vector<json> kept;
  for (const auto& vector_case : cases(vector_file, "claim_cases")) {
    if (vector_case.contains("payload")) kept.push_back(vector_case);
  }
  return kept;
}

class ClaimPayloadCase : public ::testing::TestWithParam<json> {};

TEST_P(ClaimPayloadCase, ValidateClaimsGivesTheExpectedOutcome) {
  const auto& vector_case = GetParam();
  const auto options = case_options(vector_case);
  expect_outcome(vector_case, [&] { appjwt::validate_claims(vector_case.at("payload"), options); });
}

INSTANTIATE_TEST_SUITE_P(Vectors, ClaimPayloadCase, ::testing::ValuesIn(claim_cases_with_payload()),
                         case_name);

TEST(VectorFile, CoversEveryErrorCodeThatVerifyCanRaise) {
  std::set<std::string> covered;
  for (const char* group : {"token_cases", "claim_cases"}) {
    for (const auto& vector_case : cases(vector_file, group)) {
      if (!vector_case.at("error").is_null()) covered.insert(vector_case.at("error"));
    }
  }
  for (const char* code :
       {"malformed", "token_too_large", "invalid_signature", "algorithm_not_allowed",
        "token_expired", "not_yet_valid", "audience_mismatch", "issuer_mismatch",
        "subject_mismatch", "jwt_id_mismatch", "nonce_mismatch", "missing_claim", "token_too_old",
        "invalid_argument"}) {
    EXPECT_TRUE(covered.contains(code)) << code;
  }
}

}  // namespace
