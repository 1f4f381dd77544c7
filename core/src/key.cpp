#include "appjwt/key.hpp"

#include <array>
#include <string>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "base64url.hpp"
#include "json.hpp"
#include "key_data.hpp"
#include "key_formats.hpp"

namespace appjwt {
namespace detail {

KeyData::~KeyData() {
  OPENSSL_cleanse(secret.data(), secret.size());
}

}  // namespace detail

namespace {

Curve curve_of(const EVP_PKEY* pkey) {
  std::array<char, 64> name{};
  std::size_t size = 0;
  if (EVP_PKEY_get_group_name(pkey, name.data(), name.size(), &size) != 1) {
    detail::throw_key_error("unsupported curve: EC keys must name their curve");
  }
  const std::string_view group(name.data(), size);
  if (group == "prime256v1") return Curve::p256;
  if (group == "secp384r1") return Curve::p384;
  if (group == "secp521r1") return Curve::p521;
  detail::throw_key_error("unsupported curve " + detail::quote_for_message(group));
}

// OpenSSL accepts e = 1 (under which every message is its own signature) and
// moduli it will later refuse to use; both are refused up front.
void check_rsa_numbers(const EVP_PKEY* pkey) {
  constexpr int max_modulus_bits = 16384;  // OPENSSL_RSA_MAX_MODULUS_BITS
  if (EVP_PKEY_get_bits(pkey) > max_modulus_bits) {
    detail::throw_key_error("RSA key of " + std::to_string(EVP_PKEY_get_bits(pkey)) +
                            " bits is above the 16384-bit maximum");
  }
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &raw) != 1) {
    detail::throw_key_error("OpenSSL could not read the RSA public exponent");
  }
  const detail::BignumPtr e(raw);
  if (!BN_is_odd(e.get()) || BN_num_bits(e.get()) < 2) {
    detail::throw_key_error("RSA public exponent must be odd and at least 3");
  }
}

// Binds a parsed key to its family, refusing the types JOSE cannot use here.
Key make_key(detail::ParsedKey parsed) {
  auto data = std::make_shared<detail::KeyData>();
  const EVP_PKEY* pkey = parsed.pkey.get();
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
      data->type = KeyType::rsa;
      check_rsa_numbers(pkey);
      break;
    case EVP_PKEY_EC:
      data->type = KeyType::ec;
      data->curve = curve_of(pkey);
      break;
    case EVP_PKEY_ED25519:
      data->type = KeyType::ed25519;
      data->curve = Curve::ed25519;
      break;
    case EVP_PKEY_RSA_PSS:
      detail::throw_key_error("RSASSA-PSS-only keys are not supported; use a plain RSA key");
    default: {
      const char* name = EVP_PKEY_get0_type_name(pkey);
      detail::throw_key_error("unsupported key type " +
                              detail::quote_for_message(name ? name : "?"));
    }
  }
  data->bits = EVP_PKEY_get_bits(pkey);
  data->is_private = parsed.is_private;
  data->pkey = std::move(parsed.pkey);
  return Key(std::move(data));
}

Key generated(EVP_PKEY* pkey) {
  if (pkey == nullptr) detail::throw_key_error("OpenSSL could not generate the key");
  return make_key({detail::PkeyPtr(pkey), true});
}

// A private key read from a document must match its own public half: otherwise
// its tokens never verify and public_key()/thumbprint() name another key. A
// signing round trip costs one private operation; OpenSSL's pairwise check would
// instead test RSA primes for primality (about 28 ms at 2048 bits).
Key checked_key_pair(Key key) {
  if (!key.is_private()) return key;
  constexpr std::string_view probe = "appjwt key pair check";
  const Algorithm alg = key.type() == KeyType::rsa       ? Algorithm::RS256
                        : key.type() == KeyType::ed25519 ? Algorithm::EdDSA
                        : key.curve() == Curve::p256     ? Algorithm::ES256
                        : key.curve() == Curve::p384     ? Algorithm::ES384
                                                         : Algorithm::ES512;
  if (!verify_bytes(probe, sign_bytes(probe, key, alg, true), key, alg, true)) {
    detail::throw_key_error("the private key does not match its public key");
  }
  return key;
}

const EVP_PKEY* asymmetric(const detail::KeyData& data, std::string_view what) {
  if (!data.pkey) detail::throw_key_error("an HMAC secret has no " + std::string(what));
  return data.pkey.get();
}

}  // namespace

std::string_view to_string(KeyType type) noexcept {
  switch (type) {
    case KeyType::rsa:
      return "rsa";
    case KeyType::ec:
      return "ec";
    case KeyType::ed25519:
      return "ed25519";
    case KeyType::secret:
      return "secret";
  }
  return "unknown";
}

std::string_view to_string(Curve curve) noexcept {
  switch (curve) {
    case Curve::p256:
      return "P-256";
    case Curve::p384:
      return "P-384";
    case Curve::p521:
      return "P-521";
    case Curve::ed25519:
      return "Ed25519";
    case Curve::none:
      break;
  }
  return {};
}

KeyType key_type_for(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::RS256:
    case Algorithm::RS384:
    case Algorithm::RS512:
    case Algorithm::PS256:
    case Algorithm::PS384:
    case Algorithm::PS512:
      return KeyType::rsa;
    case Algorithm::ES256:
    case Algorithm::ES384:
    case Algorithm::ES512:
      return KeyType::ec;
    case Algorithm::EdDSA:
      return KeyType::ed25519;
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512:
      break;
  }
  return KeyType::secret;
}

Curve curve_for(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::ES256:
      return Curve::p256;
    case Algorithm::ES384:
      return Curve::p384;
    case Algorithm::ES512:
      return Curve::p521;
    case Algorithm::EdDSA:
      return Curve::ed25519;
    default:
      return Curve::none;
  }
}

std::optional<Curve> ec_curve_from_string(std::string_view name) noexcept {
  for (const Curve curve : {Curve::p256, Curve::p384, Curve::p521}) {
    if (name == to_string(curve)) return curve;
  }
  return std::nullopt;
}

Key Key::from_pem(std::string_view pem, std::string_view passphrase) {
  return checked_key_pair(make_key(detail::parse_pem(pem, passphrase)));
}

Key Key::from_der(std::string_view der) {
  return checked_key_pair(make_key(detail::parse_der(der)));
}

Key Key::from_jwk(const nlohmann::json& jwk) {
  if (const auto kty = jwk.find("kty"); kty != jwk.end() && *kty == "oct") {
    return from_secret(detail::jwk_secret(jwk).value);
  }
  return checked_key_pair(make_key(detail::parse_asymmetric_jwk(jwk)));
}

Key Key::from_jwk(std::string_view jwk_json) {
  if (jwk_json.size() > detail::max_key_document_size) {
    detail::throw_key_error("JWK document is larger than the 1 MiB limit");
  }
  try {
    return from_jwk(detail::parse_json_object(jwk_json, "JWK"));
  } catch (const Error& error) {
    if (error.code() == ErrorCode::key_error) throw;
    // Never quotes the document: it may hold a private key.
    detail::throw_key_error("the JWK is not a well-formed JSON object");
  }
}

Key Key::generate_rsa(int bits) {
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    detail::throw_key_error("RSA key size must be 2048, 3072 or 4096 bits, not " +
                            std::to_string(bits));
  }
  return generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
}

Key Key::generate_ec(Curve curve) {
  const char* name = curve == Curve::p256   ? "P-256"
                     : curve == Curve::p384 ? "P-384"
                     : curve == Curve::p521 ? "P-521"
                                            : nullptr;
  if (name == nullptr) detail::throw_key_error("EC keys use P-256, P-384 or P-521");
  return generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", name));
}

Key Key::generate_ed25519() {
  return generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

Key Key::from_secret(std::string_view secret) {
  // An empty secret makes every HMAC trivially forgeable by anyone.
  if (secret.empty()) throw Error(ErrorCode::key_error, "the HMAC secret is empty");
  // Accepting a key document as an HMAC secret is the algorithm-confusion hole
  // behind CVE-2022-29217 (PyJWT) and CVE-2023-48223 (fast-jwt).
  if (const auto kind = detail::key_document_kind(secret)) {
    throw Error(ErrorCode::key_error, "the HMAC secret is " + std::string(*kind) +
                                          ", not a secret; parse it as a key instead");
  }
  auto data = std::make_shared<detail::KeyData>();
  data->type = KeyType::secret;
  data->secret.assign(secret);
  data->bits = static_cast<int>(secret.size() * 8);
  data->is_private = true;
  return Key(std::move(data));
}

KeyType Key::type() const noexcept {
  return data_->type;
}
Curve Key::curve() const noexcept {
  return data_->curve;
}
int Key::bits() const noexcept {
  return data_->bits;
}
bool Key::is_private() const noexcept {
  return data_->is_private;
}

bool Key::supports(Algorithm alg) const noexcept {
  const Curve curve = curve_for(alg);
  return data_->type == key_type_for(alg) && (curve == Curve::none || curve == data_->curve);
}

Key Key::public_key() const {
  if (!data_->is_private || data_->type == KeyType::secret) return *this;
  OSSL_PARAM* raw_params = nullptr;
  if (EVP_PKEY_todata(data_->pkey.get(), EVP_PKEY_PUBLIC_KEY, &raw_params) != 1) {
    detail::throw_key_error("OpenSSL could not export the public key");
  }
  const detail::ParamPtr params(raw_params);
  const detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, data_->pkey.get(), nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    detail::throw_key_error("OpenSSL could not build the public key");
  }
  return make_key({detail::PkeyPtr(pkey), false});
}

std::string Key::public_pem() const {
  return detail::public_pem(asymmetric(*data_, "public PEM"));
}

std::string Key::private_pem() const {
  const EVP_PKEY* pkey = asymmetric(*data_, "private PEM");
  if (!data_->is_private) detail::throw_key_error("a public key has no private PEM");
  return detail::private_pem(pkey);
}

nlohmann::json Key::to_public_jwk() const {
  return detail::public_jwk(*data_);
}

// Refused for secrets: a hash of a guessable secret lets anyone test guesses offline.
std::string Key::thumbprint() const {
  asymmetric(*data_, "thumbprint");
  // RFC 7638 3: the required members, sorted (nlohmann objects are), no whitespace.
  const std::string canonical = to_public_jwk().dump();
  std::array<unsigned char, 32> digest{};
  std::size_t size = 0;
  if (EVP_Q_digest(nullptr, "SHA256", nullptr, canonical.data(), canonical.size(), digest.data(),
                   &size) != 1) {
    detail::throw_key_error("OpenSSL could not compute the thumbprint");
  }
  return detail::base64url_encode({reinterpret_cast<const char*>(digest.data()), size});
}

}  // namespace appjwt
