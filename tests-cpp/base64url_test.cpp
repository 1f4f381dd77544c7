// RFC 4648 section 5 base64url, unpadded and strict, as RFC 7515 section 2 uses it.
#include <gtest/gtest.h>

#include <string>

#include "base64url.hpp"

namespace {

using appjwt::detail::base64url_decode;
using appjwt::detail::base64url_encode;

TEST(Base64url, EncodesTheRfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64url, EncodesWithTheUrlSafeAlphabet) {
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64url, DecodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64url_decode(""), "");
  EXPECT_EQ(base64url_decode("Zg"), "f");
  EXPECT_EQ(base64url_decode("Zm8"), "fo");
  EXPECT_EQ(base64url_decode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(base64url_decode("-_-_"), "\xfb\xff\xbf");
}

TEST(Base64url, RoundTripsEveryByteValueAtEveryLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t length = 0; length <= bytes.size(); ++length) {
    const std::string input = bytes.substr(0, length);
    EXPECT_EQ(base64url_decode(base64url_encode(input)), input) << "length " << length;
  }
}

TEST(Base64url, RejectsPadding) {
  EXPECT_FALSE(base64url_decode("Zg=="));
  EXPECT_FALSE(base64url_decode("Zm8="));
}

TEST(Base64url, RejectsWhitespace) {
  EXPECT_FALSE(base64url_decode("Zm 9v"));
  EXPECT_FALSE(base64url_decode("Zm9v\n"));
  EXPECT_FALSE(base64url_decode("\tZm9v"));
}

TEST(Base64url, RejectsTheStandardAlphabetsPlusAndSlash) {
  EXPECT_FALSE(base64url_decode("+_-_"));
  EXPECT_FALSE(base64url_decode("-/-_"));
}

TEST(Base64url, RejectsNonAsciiBytes) {
  EXPECT_FALSE(base64url_decode("Zm9\xc3\xa9"));
  EXPECT_FALSE(base64url_decode(std::string("Zm\0v", 4)));
}

TEST(Base64url, RejectsNonCanonicalTrailingBits) {
  // "Zg" is the one encoding of "f"; "Zh" differs only in bits that encode nothing.
  EXPECT_FALSE(base64url_decode("Zh"));
  EXPECT_FALSE(base64url_decode("Zm9"));  // canonical is "Zm8"
}

TEST(Base64url, RejectsALoneFinalCharacter) {
  EXPECT_FALSE(base64url_decode("Z"));
  EXPECT_FALSE(base64url_decode("Zm9vY"));
}

}  // namespace
