// appjwt::Key: a parsed key bound to its algorithm family at creation time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"

namespace appjwt {

enum class KeyType { rsa, ec, ed25519, secret };
enum class Curve { none, p256, p384, p521, ed25519 };

// "rsa", "ec", "ed25519", "secret".
std::string_view to_string(KeyType type) noexcept;
// JOSE "crv" names: "P-256", "P-384", "P-521", "Ed25519"; empty for Curve::none.
std::string_view to_string(Curve curve) noexcept;
// The key an algorithm signs with: its type, and for ES*/EdDSA its curve
// (Curve::none for RS*/PS*/HS*). Key::supports() and key generation both follow it.
KeyType key_type_for(Algorithm alg) noexcept;
Curve curve_for(Algorithm alg) noexcept;
// The EC curve of a JOSE "crv" name ("P-256", "P-384", "P-521"); nullopt otherwise.
std::optional<Curve> ec_curve_from_string(std::string_view name) noexcept;

namespace detail {
struct KeyData;  // defined in core/src/key_data.hpp (EVP_PKEY or HMAC secret)
}

// Immutable, cheap to copy (shared ownership) and safe to share across threads.
class Key {
 public:
  // PKCS#8 (encrypted or not), traditional RSA/EC private keys, SPKI and PKCS#1
  // public keys, X.509 certificates (their public key), and OpenSSH public keys
  // (ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521).
  static Key from_pem(std::string_view pem, std::string_view passphrase = {});
  // DER private (PKCS#8 / traditional) or public (SPKI / PKCS#1) key, or certificate.
  static Key from_der(std::string_view der);
  // RFC 7517 JWK: RSA, EC (P-256/384/521), OKP (Ed25519) and oct.
  static Key from_jwk(const nlohmann::json& jwk);
  static Key from_jwk(std::string_view jwk_json);
  // HMAC secret (raw bytes). Refuses an empty secret and one that is itself a
  // key document (PEM, certificate, OpenSSH key, JWK JSON), whatever precedes it.
  static Key from_secret(std::string_view secret);

  // Fresh keys. RSA: 2048, 3072 or 4096 bits.
  static Key generate_rsa(int bits = 3072);
  static Key generate_ec(Curve curve = Curve::p256);
  static Key generate_ed25519();

  KeyType type() const noexcept;
  Curve curve() const noexcept;      // Curve::none for RSA and secrets
  int bits() const noexcept;         // modulus / curve / secret size in bits
  bool is_private() const noexcept;  // true for private asymmetric keys and secrets
  // Whether this key may be used with alg at all (RSA: RS*/PS*; EC: the ES* of its
  // curve; Ed25519: EdDSA; secret: HS*).
  bool supports(Algorithm alg) const noexcept;

  Key public_key() const;                // the public half (a secret returns itself)
  std::string public_pem() const;        // SPKI PEM; key_error for secrets
  std::string private_pem() const;       // unencrypted PKCS#8 PEM; key_error if not private
  nlohmann::json to_public_jwk() const;  // key_error for secrets
  std::string thumbprint() const;        // RFC 7638 SHA-256 thumbprint, base64url

  // Internal: the parsed key, for the core's own sources.
  explicit Key(std::shared_ptr<const detail::KeyData> data) : data_(std::move(data)) {}
  const detail::KeyData& data() const noexcept { return *data_; }

 private:
  std::shared_ptr<const detail::KeyData> data_;
};

}  // namespace appjwt
