// Key files for applications (appjwt/key_files.hpp): what `appjwt keygen` writes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "app_auth_fixtures.hpp"
#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_files.hpp"

namespace {

using appjwt::Algorithm;
using appjwt::ErrorCode;
using appjwt::KeyGenOptions;
using appjwt_test::error_of;
using appjwt_test::TempDir;

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777u;
}

KeyGenOptions rsa2048_for(const std::string& app_id) {
  KeyGenOptions options;
  options.app_id = app_id;
  options.rsa_bits = 2048;
  return options;
}

ErrorCode generation_error(const std::filesystem::path& dir, const KeyGenOptions& options) {
  return appjwt_test::error_of([&] { appjwt::generate_key_pair(dir, options); });
}

TEST(KeyFiles, WritesAPrivateAndAPublicFileNamedByAppId) {
  TempDir dir;
  const auto files = appjwt::generate_key_pair(dir.path(), rsa2048_for("stores"));
  EXPECT_EQ(files.private_key, dir / "stores_private.pem");
  EXPECT_EQ(files.public_key, dir / "stores_public.pem");
  const auto private_key = appjwt::load_key_file(files.private_key);
  EXPECT_TRUE(private_key.is_private());
  EXPECT_EQ(private_key.bits(), 2048);
  EXPECT_EQ(appjwt::load_key_file(files.public_key).thumbprint(), private_key.thumbprint());
}

TEST(KeyFiles, MakesThePrivateFileReadableByItsOwnerOnly) {
  TempDir dir;
  const auto files = appjwt::generate_key_pair(dir.path(), rsa2048_for("stores"));
  EXPECT_EQ(mode_of(files.private_key), 0600u);
  EXPECT_EQ(mode_of(files.public_key), 0644u);
}

TEST(KeyFiles, GeneratesAnAppIdWhenNoneIsGiven) {
  TempDir dir;
  KeyGenOptions options;
  options.algorithm = Algorithm::ES256;
  const auto files = appjwt::generate_key_pair(dir.path(), options);
  EXPECT_TRUE(appjwt::is_valid_app_id(files.app_id));
  EXPECT_EQ(files.app_id.size(), 34u);
  EXPECT_TRUE(std::filesystem::exists(dir / (files.app_id + "_private.pem")));
}

TEST(KeyFiles, DefaultsToRsa3072) {
  EXPECT_EQ(appjwt::generate_key(Algorithm::RS512).bits(), 3072);
}

TEST(KeyFiles, GeneratesTheKeyTypeOfEachAlgorithm) {
  EXPECT_EQ(appjwt::generate_key(Algorithm::ES384).curve(), appjwt::Curve::p384);
  EXPECT_EQ(appjwt::generate_key(Algorithm::EdDSA).type(), appjwt::KeyType::ed25519);
  EXPECT_EQ(appjwt::generate_key(Algorithm::PS256, 2048).type(), appjwt::KeyType::rsa);
}

TEST(KeyFiles, RefusesRsaSizesOtherThan2048To4096) {
  EXPECT_THROW(appjwt::generate_key(Algorithm::RS512, 1024), appjwt::Error);
  EXPECT_THROW(appjwt::generate_key(Algorithm::RS512, 2500), appjwt::Error);
}

TEST(KeyFiles, RefusesHmacAlgorithms) {
  EXPECT_EQ(error_of([&] { appjwt::generate_key(Algorithm::HS256); }), ErrorCode::invalid_argument);
}

TEST(KeyFiles, RefusesToOverwriteAnExistingPrivateKey) {
  TempDir dir;
  appjwt_test::write_file(dir / "stores_private.pem", "precious");
  EXPECT_EQ(generation_error(dir.path(), rsa2048_for("stores")), ErrorCode::io_error);
  EXPECT_EQ(appjwt_test::read_file(dir / "stores_private.pem"), "precious");
  EXPECT_FALSE(std::filesystem::exists(dir / "stores_public.pem"));
}

TEST(KeyFiles, RefusesToOverwriteAnExistingPublicKeyAndWritesNoPrivateOne) {
  TempDir dir;
  appjwt_test::write_file(dir / "stores_public.pem", "deployed");
  EXPECT_EQ(generation_error(dir.path(), rsa2048_for("stores")), ErrorCode::io_error);
  EXPECT_EQ(appjwt_test::read_file(dir / "stores_public.pem"), "deployed");
  EXPECT_FALSE(std::filesystem::exists(dir / "stores_private.pem"));
}

TEST(KeyFiles, LeavesNoTemporaryFiles) {
  TempDir dir;
  appjwt::generate_key_pair(dir.path(), rsa2048_for("stores"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 2u);
}

TEST(KeyFiles, RefusesAnInvalidAppIdAndWritesNothing) {
  TempDir dir;
  EXPECT_EQ(generation_error(dir.path(), rsa2048_for("../escape")), ErrorCode::invalid_app_id);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  EXPECT_FALSE(std::filesystem::exists(dir.path().parent_path() / "escape_private.pem"));
}

TEST(KeyFiles, CreatesAMissingDirectoryForItsOwnerOnly) {
  TempDir dir;
  const auto keys = dir / "keys";
  appjwt::generate_key_pair(keys, rsa2048_for("stores"));
  EXPECT_EQ(mode_of(keys), 0700u);
}

TEST(KeyFiles, PathsRefuseInvalidAppIds) {
  EXPECT_THROW(appjwt::public_key_path("/keys", "a/b"), appjwt::Error);
  EXPECT_EQ(appjwt::public_key_path("/keys", "stores"), "/keys/stores_public.pem");
}

TEST(KeyFiles, ReportsAnUnreadableFileAsAnIoErrorNamingIt) {
  try {
    appjwt::read_key_file("/nonexistent/stores_private.pem");
    FAIL() << "read";
  } catch (const appjwt::Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::io_error);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/stores_private.pem"), std::string::npos);
  }
}

TEST(KeyFiles, ReportsAFileThatIsNotAKeyAsAKeyError) {
  TempDir dir;
  appjwt_test::write_file(dir / "notes.pem", "hello");
  EXPECT_EQ(error_of([&] { appjwt::load_key_file(dir / "notes.pem"); }), ErrorCode::key_error);
}

}  // namespace
