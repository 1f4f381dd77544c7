// Strict JSON for token headers and payloads (core/src/json.hpp).
#include <gtest/gtest.h>

#include <string>

#include "appjwt/errors.hpp"
#include "json.hpp"

namespace {

using appjwt::Error;
using appjwt::ErrorCode;
using appjwt::detail::max_json_depth;
using appjwt::detail::parse_json_object;

// The message of the malformed error that parsing text must raise.
std::string malformed_message(const std::string& text) {
  try {
    parse_json_object(text, "test input");
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::malformed) << text;
    return error.what();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

std::string nested_arrays(std::size_t depth) {
  return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
}

TEST(StrictJson, ParsesAnObjectWithEveryValueType) {
  const auto value = parse_json_object(
      R"({"s":"x","i":-1,"u":18446744073709551615,"f":1.5,"t":true,"n":null,"a":[1,{}],"o":{"k":"v"}})",
      "test input");
  EXPECT_EQ(value.at("s"), "x");
  EXPECT_EQ(value.at("i"), -1);
  EXPECT_EQ(value.at("u"), 18446744073709551615u);
  EXPECT_EQ(value.at("f"), 1.5);
  EXPECT_EQ(value.at("t"), true);
  EXPECT_TRUE(value.at("n").is_null());
  EXPECT_EQ(value.at("a"), nlohmann::json::parse("[1,{}]"));
  EXPECT_EQ(value.at("o").at("k"), "v");
}

// Every member and array element of a and b has the same JSON type, recursively
// (nlohmann's == treats 1u and 1 as equal; the types matter to claim checks).
void expect_same_types(const nlohmann::json& a, const nlohmann::json& b) {
  ASSERT_EQ(a.type(), b.type()) << a.dump() << " vs " << b.dump();
  if (a.is_structured()) {
    ASSERT_EQ(a.size(), b.size());
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) expect_same_types(*x, *y);
  }
}

// Flat objects of plain values take a fast path; nested or escaped ones the full
// parser. Both must build what nlohmann's own parser builds.
TEST(StrictJson, BuildsTheSameValuesAsNlohmannForFlatAndOtherObjects) {
  for (
      const std::string text : {
          R"({})",
          R"({"alg":"RS512","typ":"JWT"})",
          R"({"appId":"stores","iat":1700000000,"exp":1700000300})",
          R"({"u":0,"i":-0,"n":-123456789012345678,"p":123456789012345678})",
          R"({"big":1234567890123456789,"bigger":18446744073709551615,"neg":-1234567890123456789})",
          R"({"t":true,"f":false,"z":null,"e":""})",
          " {\t\"a\" :\r\n1 , \"b\":\"x\" } ",
          R"({"f":1.5,"e":1e3,"s":"caf\u00e9","a":[1],"o":{}})",
          "{\"utf8\":\"\xe2\x80\x99\",\"del\":\"\x7f\"}",
      }) {
    const auto parsed = parse_json_object(text, "test input");
    EXPECT_EQ(parsed, nlohmann::json::parse(text)) << text;
    expect_same_types(parsed, nlohmann::json::parse(text));
  }
}

TEST(StrictJson, RejectsMalformedFlatObjects) {
  for (const std::string text :
       {R"({"a":1)", R"({"a":1}})", R"({"a":1}x)", R"({"a" 1})", R"({"a":1 "b":2})", R"({"a":})",
        R"({"a":-})", R"({"a":00})", R"({"a":tru})", R"({"a":truex})", R"({"a":nul})", R"({,})",
        R"({"a":1,,"b":2})", R"({"a":"x)", R"({a:1})", "{\"a\":\"new\nline\"}"}) {
    malformed_message(text);
  }
}

TEST(StrictJson, RejectsADuplicateAmongPlainMembers) {
  const auto message = malformed_message(R"({"iat":1,"exp":2,"iat":3})");
  EXPECT_NE(message.find("duplicate member name \"iat\""), std::string::npos) << message;
}

TEST(StrictJson, AcceptsWhitespaceAroundTokens) {
  EXPECT_EQ(parse_json_object(" \r\n\t{ \"a\" : 1 }\n", "test input").at("a"), 1);
}

TEST(StrictJson, RejectsADuplicateTopLevelMember) {
  const auto message = malformed_message(R"({"alg":"none","alg":"RS256"})");
  EXPECT_NE(message.find("duplicate member name \"alg\""), std::string::npos) << message;
}

TEST(StrictJson, RejectsADuplicateMemberInANestedObject) {
  malformed_message(R"({"a":[{"b":1,"b":2}]})");
}

TEST(StrictJson, RejectsADuplicateThatDiffersOnlyByEscaping) {
  malformed_message(R"({"exp":1,"\u0065xp":2})");
}

TEST(StrictJson, AllowsTheSameNameInDifferentObjects) {
  const auto value = parse_json_object(R"({"a":{"x":1},"b":{"x":2}})", "test input");
  EXPECT_EQ(value.at("b").at("x"), 2);
}

TEST(StrictJson, AcceptsNestingUpToTheLimit) {
  EXPECT_NO_THROW(parse_json_object(nested_arrays(max_json_depth), "test input"));
}

TEST(StrictJson, RejectsNestingBeyondTheLimit) {
  const auto message = malformed_message(nested_arrays(max_json_depth + 1));
  EXPECT_NE(message.find("nesting deeper than 64"), std::string::npos) << message;
}

TEST(StrictJson, RejectsTenThousandLevelsOfNestingWithoutRecursing) {
  malformed_message("{\"a\":" + std::string(10000, '['));
  malformed_message(std::string(10000, '{'));
}

TEST(StrictJson, RejectsInvalidUtf8InAString) {
  malformed_message("{\"a\":\"\xff\"}");              // never valid in UTF-8
  malformed_message("{\"a\":\"\xc0\xaf\"}");          // overlong "/"
  malformed_message("{\"a\":\"\xed\xa0\x80\"}");      // UTF-16 surrogate encoded as UTF-8
  malformed_message("{\"a\":\"\xf4\x90\x80\x80\"}");  // beyond U+10FFFF
  malformed_message("{\"a\":\"\xe2\x82\"}");          // truncated sequence
}

TEST(StrictJson, RejectsInvalidUtf8InAMemberName) {
  malformed_message("{\"\xff\":1}");
}

TEST(StrictJson, AcceptsValidMultibyteUtf8) {
  EXPECT_EQ(parse_json_object("{\"a\":\"\xe2\x80\x99\xf0\x9f\x94\x91\"}", "test input").at("a"),
            "\xe2\x80\x99\xf0\x9f\x94\x91");
}

TEST(StrictJson, RejectsAnEscapedLoneSurrogate) {
  malformed_message(R"({"a":"\ud800"})");
}

TEST(StrictJson, AcceptsAnEscapedSurrogatePair) {
  EXPECT_EQ(parse_json_object(R"({"a":"\ud83d\udd11"})", "test input").at("a"), "\xf0\x9f\x94\x91");
}

TEST(StrictJson, RejectsTrailingData) {
  malformed_message(R"({"a":1} x)");
  malformed_message(R"({"a":1}{})");
  malformed_message(std::string("{\"a\":1}\0", 8));
}

TEST(StrictJson, RejectsAByteOrderMark) {
  const auto message = malformed_message("\xEF\xBB\xBF{\"a\":1}");
  EXPECT_NE(message.find("byte order mark"), std::string::npos) << message;
}

TEST(StrictJson, RejectsJsonThatIsNotAnObject) {
  for (const char* text : {"[]", "\"RS256\"", "1", "null", "true"}) {
    const auto message = malformed_message(text);
    EXPECT_NE(message.find("not an object"), std::string::npos) << message;
  }
}

TEST(StrictJson, RejectsEmptyInput) {
  malformed_message("");
  malformed_message("   ");
}

TEST(StrictJson, RejectsExtensionsOtherParsersAllow) {
  malformed_message(R"({"a":NaN})");
  malformed_message(R"({"a":Infinity})");
  malformed_message(R"({'a':1})");
  malformed_message(R"({"a":1,})");
  malformed_message("{\"a\":1 /* comment */}");
  malformed_message(R"({"a":01})");
  malformed_message("{\"a\":\"tab\there\"}");  // unescaped control character
}

TEST(StrictJson, RejectsANumberTooLargeForADouble) {
  const auto message = malformed_message(R"({"exp":1e400})");
  EXPECT_NE(message.find("out of range"), std::string::npos) << message;
}

TEST(StrictJson, MessageNamesWhatWasBeingParsed) {
  try {
    parse_json_object("{", "token payload");
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).rfind("token payload is not valid JSON", 0), 0u)
        << error.what();
  }
}

TEST(StrictJson, MessageNeverEchoesTheInput) {
  const std::string secret_looking(500, 'k');
  for (const std::string& text :
       {"{\"a\":\"" + secret_looking,  // unterminated string: the lexer's last token
        "{\"a\":1" + secret_looking, "{\"" + secret_looking + "\":1,\"" + secret_looking + "\":2}",
        "{\"a\":1" + std::string(500, '0') + "e999}"}) {
    const auto message = malformed_message(text);
    EXPECT_EQ(message.find("kkkkkkkk"), std::string::npos) << message;
    EXPECT_LT(message.size(), 200u) << message;
  }
}

}  // namespace
