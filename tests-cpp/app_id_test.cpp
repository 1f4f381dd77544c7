// Application IDs (appjwt/app_id.hpp): the strict syntax that keeps token data
// out of file paths, and generated IDs.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"

namespace {

using appjwt::is_valid_app_id;

TEST(AppId, AcceptsLettersDigitsDotsUnderscoresAndDashes) {
  EXPECT_TRUE(is_valid_app_id("stores"));
  EXPECT_TRUE(is_valid_app_id("Admin_Site-2.eu"));
  EXPECT_TRUE(is_valid_app_id("kjh2-vt23-s23t-poq2-xsw8-p09o-qw12"));
  EXPECT_TRUE(is_valid_app_id("a"));
}

TEST(AppId, RejectsPathTraversal) {
  EXPECT_FALSE(is_valid_app_id("../../etc/passwd"));
  EXPECT_FALSE(is_valid_app_id(".."));
  EXPECT_FALSE(is_valid_app_id("a..b"));
}

TEST(AppId, RejectsPathSeparators) {
  EXPECT_FALSE(is_valid_app_id("/etc/passwd"));
  EXPECT_FALSE(is_valid_app_id("a/b"));
  EXPECT_FALSE(is_valid_app_id("a\\b"));
}

TEST(AppId, RejectsALeadingDot) {
  EXPECT_FALSE(is_valid_app_id(".hidden"));
  EXPECT_FALSE(is_valid_app_id("."));
}

TEST(AppId, RejectsPercentEncoding) {
  EXPECT_FALSE(is_valid_app_id("%2e%2e"));
  EXPECT_FALSE(is_valid_app_id("%2e%2e%2fetc"));
}

TEST(AppId, RejectsNulAndControlCharacters) {
  EXPECT_FALSE(is_valid_app_id(std::string("app\0id", 6)));
  EXPECT_FALSE(is_valid_app_id("app\nid"));
  EXPECT_FALSE(is_valid_app_id("app\tid"));
  EXPECT_FALSE(is_valid_app_id("app\x7fid"));
}

TEST(AppId, RejectsSpacesAndNonAscii) {
  EXPECT_FALSE(is_valid_app_id("app id"));
  EXPECT_FALSE(is_valid_app_id("caf\xc3\xa9"));
}

TEST(AppId, RejectsTheEmptyString) {
  EXPECT_FALSE(is_valid_app_id(""));
}

TEST(AppId, AcceptsTheMaximumLengthAndRejectsOneMore) {
  EXPECT_TRUE(is_valid_app_id(std::string(appjwt::max_app_id_length, 'a')));
  EXPECT_FALSE(is_valid_app_id(std::string(appjwt::max_app_id_length + 1, 'a')));
}

TEST(AppId, ValidateThrowsInvalidAppIdWithoutEchoingTheInput) {
  try {
    appjwt::validate_app_id("../../etc/passwd");
    FAIL() << "accepted a traversal";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(error.code(), appjwt::ErrorCode::invalid_app_id);
    EXPECT_EQ(std::string(error.what()).find("passwd"), std::string::npos) << error.what();
  }
}

TEST(AppId, ValidateAcceptsAValidId) {
  EXPECT_NO_THROW(appjwt::validate_app_id("stores"));
}

TEST(GeneratedAppId, IsSevenGroupsOfFourLowercaseAlphanumerics) {
  const std::string id = appjwt::generate_app_id();
  ASSERT_EQ(id.size(), 34u) << id;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i % 5 == 4) {
      EXPECT_EQ(id[i], '-') << id;
    } else {
      EXPECT_TRUE((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9')) << id;
    }
  }
}

TEST(GeneratedAppId, IsAValidAppId) {
  EXPECT_TRUE(is_valid_app_id(appjwt::generate_app_id()));
}

TEST(GeneratedAppId, DiffersEachTime) {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.insert(appjwt::generate_app_id());
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
