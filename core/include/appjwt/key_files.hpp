// Key files for applications, as the `appjwt keygen` / `appjwt jwks` commands
// use them: <appId>_private.pem (mode 0600) stays on the calling server,
// <appId>_public.pem goes to the API server's keys directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "appjwt/algorithm.hpp"
#include "appjwt/key.hpp"

namespace appjwt {

inline constexpr int default_rsa_bits = 3072;  // NIST's 128-bit security level

// A fresh private key for alg: RSA of rsa_bits (2048, 3072 or 4096) for RS*/PS*,
// the curve of ES256/ES384/ES512, Ed25519 for EdDSA. Error(invalid_argument) for
// HS* (application keys are asymmetric); Error(key_error) for other RSA sizes.
Key generate_key(Algorithm alg, int rsa_bits = default_rsa_bits);

// dir / "<appId>_private.pem" and dir / "<appId>_public.pem"; Error(invalid_app_id)
// for an invalid app ID, so no other path can be built.
std::filesystem::path private_key_path(const std::filesystem::path& dir, std::string_view app_id);
std::filesystem::path public_key_path(const std::filesystem::path& dir, std::string_view app_id);

struct KeyPairFiles {
  std::string app_id;
  std::filesystem::path private_key;
  std::filesystem::path public_key;
};

// Writes private_key's PKCS#8 PEM (mode 0600) and its SPKI public PEM (0644) under
// dir, creating dir (0700) if missing. Never overwrites: Error(io_error) if either
// file exists. Never leaves a partial file: each is written to a temporary file in
// dir and hard-linked into place (which fails rather than replaces), and the
// private file is removed again if the public one cannot be placed.
KeyPairFiles write_key_pair(const std::filesystem::path& dir, std::string_view app_id,
                            const Key& private_key);

struct KeyGenOptions {
  std::optional<std::string> app_id;  // default: generate_app_id()
  Algorithm algorithm = Algorithm::RS512;
  int rsa_bits = default_rsa_bits;
};

// generate_key() then write_key_pair(): what `appjwt keygen` does.
KeyPairFiles generate_key_pair(const std::filesystem::path& dir, const KeyGenOptions& options = {});

// The contents of a key file (at most 1 MiB): Error(io_error) naming the path if
// it cannot be read.
std::string read_key_file(const std::filesystem::path& path);
// Key::from_pem of read_key_file(path).
Key load_key_file(const std::filesystem::path& path, std::string_view passphrase = {});

}  // namespace appjwt
