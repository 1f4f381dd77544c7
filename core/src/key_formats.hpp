// Reading and writing key documents: PEM, DER, OpenSSH public keys, JWK.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <openssl/crypto.h>

#include <nlohmann/json.hpp>

#include "key_data.hpp"
#include "openssl.hpp"

namespace appjwt::detail {

// Bigger than any real key or certificate chain; refused before OpenSSL sees it.
inline constexpr std::size_t max_key_document_size = 1024 * 1024;

struct ParsedKey {
  PkeyPtr pkey;
  bool is_private = false;
};

// Bytes that may be private key material: wiped when they go.
struct SecretBytes {
  std::string value;
  explicit SecretBytes(std::string bytes) : value(std::move(bytes)) {}
  SecretBytes(SecretBytes&& other) noexcept = default;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes() { OPENSSL_cleanse(value.data(), value.size()); }
};

// Throws Error(key_error) with `message`, after dropping OpenSSL's queued reasons.
[[noreturn]] void throw_key_error(const std::string& message);

// The first key in a PEM text (skipping EC PARAMETERS blocks), or an OpenSSH
// public key line.
ParsedKey parse_pem(std::string_view text, std::string_view passphrase);
ParsedKey parse_der(std::string_view der);
// RSA, EC and OKP JWKs. Secrets (kty "oct") are returned by jwk_secret.
ParsedKey parse_asymmetric_jwk(const nlohmann::json& jwk);
// The decoded "k" of an oct JWK.
SecretBytes jwk_secret(const nlohmann::json& jwk);

// What kind of key document `text` is or contains ("a PEM key document", "a JWK
// document", ...), searched anywhere in it; nullopt when it is none.
std::optional<std::string_view> key_document_kind(std::string_view text);

// The RFC 7638 required members of the public key, which is also its public JWK.
nlohmann::json public_jwk(const KeyData& key);
std::string public_pem(const EVP_PKEY* pkey);
std::string private_pem(const EVP_PKEY* pkey);

}  // namespace appjwt::detail
