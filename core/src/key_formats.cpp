#include "key_formats.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "appjwt/errors.hpp"
#include "base64url.hpp"
#include "json.hpp"

namespace appjwt::detail {

void throw_key_error(const std::string& message) {
  ERR_clear_error();
  throw Error(ErrorCode::key_error, message);
}

namespace {

using DecoderCtxPtr = OpenSslPtr<OSSL_DECODER_CTX, OSSL_DECODER_CTX_free>;
using SecretBignumPtr = OpenSslPtr<BIGNUM, BN_clear_free>;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

void check_size(std::string_view document) {
  if (document.size() > max_key_document_size) {
    throw_key_error("key document of " + std::to_string(document.size()) +
                    " bytes is larger than the 1 MiB limit");
  }
}

// Always installed, so that OpenSSL never falls back to prompting on a terminal:
// without a passphrase, decrypting just fails.
int give_passphrase(char* buffer, int size, int /*rwflag*/, void* user) {
  const auto& passphrase = *static_cast<const std::string_view*>(user);
  if (passphrase.empty() || passphrase.size() > static_cast<std::size_t>(size)) return -1;
  passphrase.copy(buffer, passphrase.size());
  return static_cast<int>(passphrase.size());
}

// OSSL_DECODER picks the structure (PKCS#8, traditional, SPKI, PKCS#1) itself;
// `selection` says whether a private or a public key is wanted.
PkeyPtr decode(std::string_view data, const char* input_type, int selection,
               std::string_view passphrase) {
  EVP_PKEY* pkey = nullptr;
  const DecoderCtxPtr ctx(OSSL_DECODER_CTX_new_for_pkey(&pkey, input_type, nullptr, nullptr,
                                                        selection, nullptr, nullptr));
  if (!ctx) throw_key_error("OpenSSL could not set up a key decoder");
  if (OSSL_DECODER_CTX_set_pem_password_cb(ctx.get(), give_passphrase, &passphrase) != 1) {
    throw_key_error("OpenSSL could not take the passphrase");
  }
  const unsigned char* cursor = bytes(data);
  std::size_t left = data.size();
  if (OSSL_DECODER_from_data(ctx.get(), &cursor, &left) != 1) {
    ERR_clear_error();
    EVP_PKEY_free(pkey);
    return nullptr;
  }
  return PkeyPtr(pkey);
}

PkeyPtr certificate_key(const X509Ptr& certificate) {
  if (!certificate) return nullptr;
  return PkeyPtr(X509_get_pubkey(certificate.get()));
}

struct PemBlock {
  std::string_view label;
  std::string_view text;  // from BEGIN through END
};

std::optional<PemBlock> next_pem_block(std::string_view text, std::size_t& from) {
  constexpr std::string_view begin = "-----BEGIN ";
  const std::size_t start = text.find(begin, from);
  if (start == std::string_view::npos) return std::nullopt;
  const std::size_t label_start = start + begin.size();
  const std::size_t label_end = text.find("-----", label_start);
  if (label_end == std::string_view::npos || label_end - label_start > 64) {
    throw_key_error("malformed PEM BEGIN line");
  }
  const std::string_view label = text.substr(label_start, label_end - label_start);
  const std::string end_line = "-----END " + std::string(label) + "-----";
  const std::size_t end = text.find(end_line, label_end);
  if (end == std::string_view::npos) {
    throw_key_error("PEM block " + quote_for_message(label) + " has no END line");
  }
  from = end + end_line.size();
  return PemBlock{label, text.substr(start, from - start)};
}

ParsedKey parse_pem_block(const PemBlock& block, std::string_view passphrase) {
  const std::string label(block.label);
  if (label == "CERTIFICATE") {
    const BioPtr bio(BIO_new_mem_buf(block.text.data(), static_cast<int>(block.text.size())));
    PkeyPtr pkey = certificate_key(
        X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr));
    if (!pkey) throw_key_error("could not read the public key of the PEM certificate");
    return {std::move(pkey), false};
  }
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") {
    PkeyPtr pkey = decode(block.text, "PEM", EVP_PKEY_PUBLIC_KEY, {});
    if (!pkey) throw_key_error("could not parse the PEM " + quote_for_message(label) + " block");
    return {std::move(pkey), false};
  }
  if (label == "PRIVATE KEY" || label == "ENCRYPTED PRIVATE KEY" || label == "RSA PRIVATE KEY" ||
      label == "EC PRIVATE KEY") {
    const bool encrypted = label == "ENCRYPTED PRIVATE KEY" ||
                           block.text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
    if (encrypted && passphrase.empty()) {
      throw_key_error("the private key is encrypted and no passphrase was given");
    }
    PkeyPtr pkey = decode(block.text, "PEM", EVP_PKEY_KEYPAIR, passphrase);
    if (!pkey) {
      throw_key_error(encrypted
                          ? "could not decrypt the private key: wrong passphrase or corrupt data"
                          : "could not parse the PEM " + quote_for_message(label) + " block");
    }
    return {std::move(pkey), true};
  }
  if (label == "OPENSSH PRIVATE KEY") {
    throw_key_error(
        "OpenSSH private keys are not supported; convert to PKCS#8 with "
        "ssh-keygen -p -m PKCS8 -f FILE");
  }
  throw_key_error("unsupported PEM block " + quote_for_message(label));
}

// --- OpenSSH public keys (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4) ---

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > max_key_document_size) {
    return std::nullopt;
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(text),
                                   static_cast<int>(text.size()));
  if (size < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes that padding stands for.
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(size) - padding);
  return out;
}

// Reads the length-prefixed strings of the SSH wire format.
class SshWireReader {
 public:
  explicit SshWireReader(std::string_view data) : rest_(data) {}

  std::string_view string() {
    if (rest_.size() < 4) throw_key_error("truncated OpenSSH public key");
    const std::uint32_t size = static_cast<std::uint32_t>(bytes(rest_)[0]) << 24 |
                               static_cast<std::uint32_t>(bytes(rest_)[1]) << 16 |
                               static_cast<std::uint32_t>(bytes(rest_)[2]) << 8 |
                               static_cast<std::uint32_t>(bytes(rest_)[3]);
    rest_.remove_prefix(4);
    if (size > rest_.size()) throw_key_error("truncated OpenSSH public key");
    const std::string_view value = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return value;
  }

  // A positive mpint (RFC 4251 5) as big-endian magnitude bytes.
  std::string_view positive_mpint() {
    const std::string_view value = string();
    if (value.empty() || (bytes(value)[0] & 0x80) != 0) {
      throw_key_error("OpenSSH public key has a non-positive integer");
    }
    return value;
  }

  void expect_end() const {
    if (!rest_.empty()) throw_key_error("OpenSSH public key has trailing data");
  }

 private:
  std::string_view rest_;
};

struct EcCurve {
  std::string_view jwk_name;  // "P-256"
  std::string_view ssh_name;  // "nistp256"
  const char* openssl_name;   // group name for OSSL_PARAM
  std::size_t coordinate_size;
};

constexpr std::array<EcCurve, 3> ec_curves{{
    {"P-256", "nistp256", "prime256v1", 32},
    {"P-384", "nistp384", "secp384r1", 48},
    {"P-521", "nistp521", "secp521r1", 66},
}};

template <class Member>
const EcCurve* find_curve(Member EcCurve::*member, std::string_view name) {
  for (const auto& curve : ec_curves) {
    if (curve.*member == name) return &curve;
  }
  return nullptr;
}

// --- building keys from their numbers ---

PkeyPtr from_params(const char* type, int selection, const ParamBldPtr& builder) {
  const ParamPtr params(builder ? OSSL_PARAM_BLD_to_param(builder.get()) : nullptr);
  const PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params.get()) != 1) {
    return nullptr;
  }
  return PkeyPtr(pkey);
}

BignumPtr public_number(std::string_view big_endian) {
  return BignumPtr(BN_bin2bn(bytes(big_endian), static_cast<int>(big_endian.size()), nullptr));
}

SecretBignumPtr secret_number(std::string_view big_endian) {
  SecretBignumPtr number(BN_secure_new());
  if (number && !BN_bin2bn(bytes(big_endian), static_cast<int>(big_endian.size()), number.get())) {
    return nullptr;
  }
  return number;
}

struct RsaPrivateParts {
  std::string d, p, q, dp, dq, qi;  // p..qi empty when the JWK gives d alone

  ~RsaPrivateParts() {
    for (std::string* part : {&d, &p, &q, &dp, &dq, &qi}) {
      OPENSSL_cleanse(part->data(), part->size());
    }
  }
};

PkeyPtr build_rsa(std::string_view n, std::string_view e, const RsaPrivateParts* secret) {
  const ParamBldPtr builder(OSSL_PARAM_BLD_new());
  const BignumPtr n_number = public_number(n);
  const BignumPtr e_number = public_number(e);
  if (!builder || !n_number || !e_number ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n_number.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e_number.get()) != 1) {
    throw_key_error("OpenSSL could not build the RSA key");
  }
  // The builder copies the numbers, so these may go when this function returns.
  std::array<SecretBignumPtr, 6> private_numbers;
  if (secret != nullptr) {
    const std::array<std::pair<const char*, const std::string*>, 6> parts{{
        {OSSL_PKEY_PARAM_RSA_D, &secret->d},
        {OSSL_PKEY_PARAM_RSA_FACTOR1, &secret->p},
        {OSSL_PKEY_PARAM_RSA_FACTOR2, &secret->q},
        {OSSL_PKEY_PARAM_RSA_EXPONENT1, &secret->dp},
        {OSSL_PKEY_PARAM_RSA_EXPONENT2, &secret->dq},
        {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, &secret->qi},
    }};
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].second->empty()) continue;
      private_numbers[i] = secret_number(*parts[i].second);
      if (!private_numbers[i] ||
          OSSL_PARAM_BLD_push_BN(builder.get(), parts[i].first, private_numbers[i].get()) != 1) {
        throw_key_error("OpenSSL could not build the RSA key");
      }
    }
  }
  PkeyPtr pkey = from_params("RSA", secret ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, builder);
  if (!pkey) throw_key_error("invalid RSA key numbers");
  return pkey;
}

// `point` is the uncompressed SEC1 point 04 || x || y. OpenSSL refuses a point
// that is not on the curve; a private scalar must also match the point.
PkeyPtr build_ec(const EcCurve& curve, std::string_view point, std::string_view private_scalar) {
  const ParamBldPtr builder(OSSL_PARAM_BLD_new());
  const SecretBignumPtr scalar = private_scalar.empty() ? nullptr : secret_number(private_scalar);
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.openssl_name,
                                      0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      (!private_scalar.empty() &&
       (!scalar ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1))) {
    throw_key_error("OpenSSL could not build the EC key");
  }
  PkeyPtr pkey =
      from_params("EC", private_scalar.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR, builder);
  if (!pkey)
    throw_key_error("the EC point is not on the " + std::string(curve.jwk_name) + " curve");
  const PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  const bool valid = check && (private_scalar.empty() ? EVP_PKEY_public_check(check.get())
                                                      : EVP_PKEY_pairwise_check(check.get())) == 1;
  if (!valid) {
    throw_key_error(private_scalar.empty() ? "the EC public key is not a valid point of its curve"
                                           : "the EC private key does not match its public point");
  }
  return pkey;
}

PkeyPtr build_ed25519(std::string_view public_key, std::string_view private_key) {
  constexpr std::size_t size = 32;
  if (public_key.size() != size || (!private_key.empty() && private_key.size() != size)) {
    throw_key_error("Ed25519 keys are 32 bytes");
  }
  if (private_key.empty()) {
    PkeyPtr pkey(EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, bytes(public_key),
                                                public_key.size()));
    if (!pkey) throw_key_error("invalid Ed25519 public key");
    return pkey;
  }
  PkeyPtr pkey(EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, bytes(private_key),
                                               private_key.size()));
  std::array<unsigned char, size> derived{};
  std::size_t derived_size = derived.size();
  if (!pkey || EVP_PKEY_get_raw_public_key(pkey.get(), derived.data(), &derived_size) != 1) {
    throw_key_error("invalid Ed25519 private key");
  }
  if (CRYPTO_memcmp(derived.data(), public_key.data(), size) != 0) {
    throw_key_error("the Ed25519 private key does not match its public key x");
  }
  return pkey;
}

ParsedKey parse_openssh(std::string_view line) {
  const std::size_t type_end = line.find(' ');
  const std::string_view type = line.substr(0, type_end);
  std::string_view rest = type_end == std::string_view::npos ? "" : line.substr(type_end + 1);
  rest = rest.substr(0, rest.find_first_of(" \t\r\n"));
  const auto blob = base64_decode(rest);
  if (!blob) throw_key_error("OpenSSH public key is not valid base64");
  SshWireReader reader(*blob);
  if (reader.string() != type) throw_key_error("OpenSSH public key type does not match its data");
  PkeyPtr pkey;
  if (type == "ssh-rsa") {
    const std::string_view e = reader.positive_mpint();
    const std::string_view n = reader.positive_mpint();
    pkey = build_rsa(n, e, nullptr);
  } else if (type == "ssh-ed25519") {
    pkey = build_ed25519(reader.string(), {});
  } else {
    const EcCurve* curve =
        type.starts_with("ecdsa-sha2-") ? find_curve(&EcCurve::ssh_name, type.substr(11)) : nullptr;
    if (curve == nullptr) {
      throw_key_error("unsupported OpenSSH key type " + quote_for_message(type));
    }
    if (reader.string() != curve->ssh_name) {
      throw_key_error("OpenSSH ECDSA key names two different curves");
    }
    pkey = build_ec(*curve, reader.string(), {});
  }
  reader.expect_end();
  return {std::move(pkey), false};
}

// --- JWK members ---

std::string_view string_member(const nlohmann::json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end()) throw_key_error(std::string("JWK has no \"") + name + "\" member");
  if (!it->is_string()) throw_key_error(std::string("JWK member \"") + name + "\" is not a string");
  return it->get_ref<const std::string&>();
}

std::string bytes_member(const nlohmann::json& jwk, const char* name) {
  auto decoded = base64url_decode(string_member(jwk, name));
  if (!decoded || decoded->empty()) {
    throw_key_error(std::string("JWK member \"") + name + "\" is not non-empty base64url");
  }
  return std::move(*decoded);
}

std::string optional_bytes_member(const nlohmann::json& jwk, const char* name) {
  return jwk.contains(name) ? bytes_member(jwk, name) : std::string();
}

std::string fixed_size_member(const nlohmann::json& jwk, const char* name, std::size_t size,
                              std::string_view curve) {
  std::string value = optional_bytes_member(jwk, name);
  // RFC 7518 6.2.1.2: coordinates and d have exactly the curve's size.
  if (!value.empty() && value.size() != size) {
    throw_key_error(std::string("JWK member \"") + name + "\" must be " + std::to_string(size) +
                    " bytes for " + std::string(curve));
  }
  return value;
}

PkeyPtr rsa_from_jwk(const nlohmann::json& jwk) {
  if (jwk.contains("oth")) throw_key_error("multi-prime RSA JWKs (\"oth\") are not supported");
  const std::string n = bytes_member(jwk, "n");
  const std::string e = bytes_member(jwk, "e");
  if (!jwk.contains("d")) return build_rsa(n, e, nullptr);
  const RsaPrivateParts parts{bytes_member(jwk, "d"),           optional_bytes_member(jwk, "p"),
                              optional_bytes_member(jwk, "q"),  optional_bytes_member(jwk, "dp"),
                              optional_bytes_member(jwk, "dq"), optional_bytes_member(jwk, "qi")};
  const std::array<const std::string*, 5> crt{&parts.p, &parts.q, &parts.dp, &parts.dq, &parts.qi};
  const auto present = std::count_if(crt.begin(), crt.end(), [](auto* v) { return !v->empty(); });
  // RFC 7518 6.3.2: the CRT members come all together or not at all.
  if (present != 0 && present != static_cast<long>(crt.size())) {
    throw_key_error("RSA JWK must have all of p, q, dp, dq and qi, or none");
  }
  return build_rsa(n, e, &parts);
}

PkeyPtr ec_from_jwk(const nlohmann::json& jwk) {
  const std::string_view crv = string_member(jwk, "crv");
  const EcCurve* curve = find_curve(&EcCurve::jwk_name, crv);
  if (curve == nullptr) {
    throw_key_error("unsupported curve " + quote_for_message(crv));
  }
  const std::size_t size = curve->coordinate_size;
  const std::string x = fixed_size_member(jwk, "x", size, crv);
  const std::string y = fixed_size_member(jwk, "y", size, crv);
  if (x.empty() || y.empty()) throw_key_error("EC JWK needs both \"x\" and \"y\"");
  const SecretBytes d(fixed_size_member(jwk, "d", size, crv));
  return build_ec(*curve, "\x04" + x + y, d.value);
}

PkeyPtr okp_from_jwk(const nlohmann::json& jwk) {
  const std::string_view crv = string_member(jwk, "crv");
  if (crv != "Ed25519") {
    throw_key_error("unsupported OKP curve " + quote_for_message(crv));
  }
  const SecretBytes d(optional_bytes_member(jwk, "d"));
  return build_ed25519(bytes_member(jwk, "x"), d.value);
}

std::string big_endian(const BIGNUM* number, std::size_t pad_to) {
  const int size = std::max(BN_num_bytes(number), static_cast<int>(pad_to));
  std::string out(static_cast<std::size_t>(size), '\0');
  BN_bn2binpad(number, reinterpret_cast<unsigned char*>(out.data()), size);
  return out;
}

std::string number_param(const EVP_PKEY* pkey, const char* name, std::size_t pad_to) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    throw_key_error("OpenSSL could not read the public key numbers");
  }
  const BignumPtr number(raw);
  return base64url_encode(big_endian(number.get(), pad_to));
}

std::string write_pem(const EVP_PKEY* pkey, bool private_part) {
  // Secure memory, so a private key's PEM leaves no copy in freed heap.
  const BioPtr bio(BIO_new(private_part ? BIO_s_secmem() : BIO_s_mem()));
  const bool written = bio && (private_part ? PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr,
                                                                       nullptr, 0, nullptr, nullptr)
                                            : PEM_write_bio_PUBKEY(bio.get(), pkey)) == 1;
  char* data = nullptr;
  const long size = written ? BIO_get_mem_data(bio.get(), &data) : 0;
  if (size <= 0) throw_key_error("OpenSSL could not write the key as PEM");
  return std::string(data, static_cast<std::size_t>(size));
}

// --- key documents offered as HMAC secrets ---

// Text that marks a PEM or OpenSSH key wherever it appears.
constexpr std::array<std::string_view, 8> key_document_markers{
    "-----BEGIN", "ssh-rsa",     "ssh-dss",        "ssh-ed25519",
    "ssh-ed448",  "ecdsa-sha2-", "sk-ssh-ed25519", "sk-ecdsa-sha2-",
};

// Watches a JSON parse for a "kty" member at any depth, however it is escaped,
// without building the document.
class KtyFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool found = false;
  bool key(string_t& name) override {
    found = found || name == "kty";
    return !found;
  }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

bool contains_jwk(std::string_view text) {
  const std::size_t brace = text.find('{');
  if (brace == std::string_view::npos) return false;
  if (text.find("\"kty\"", brace) != std::string_view::npos) return true;
  KtyFinder finder;
  nlohmann::json::sax_parse(text.substr(brace), &finder, nlohmann::json::input_format_t::json,
                            false);
  return finder.found;
}

bool is_der_key(std::string_view bytes_) {
  if (bytes_.empty() || bytes_[0] != '\x30') return false;  // every key is a DER SEQUENCE
  try {
    parse_der(bytes_);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// A PEM body without its armour: base64 lines that decode to a DER key.
bool is_base64_der_key(std::string_view text) {
  std::string compact;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    const bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    if (!base64) return false;
    compact += c;
  }
  const auto der = base64_decode(compact);
  return der && is_der_key(*der);
}

}  // namespace

std::optional<std::string_view> key_document_kind(std::string_view text) {
  for (const auto marker : key_document_markers) {
    if (text.find(marker) != std::string_view::npos) return "a PEM or OpenSSH key document";
  }
  if (contains_jwk(text)) return "a JWK document";
  if (is_der_key(text)) return "a DER key document";
  if (is_base64_der_key(text)) return "a base64 DER key document";
  return std::nullopt;
}

ParsedKey parse_pem(std::string_view text, std::string_view passphrase) {
  check_size(text);
  std::size_t from = 0;
  while (const auto block = next_pem_block(text, from)) {
    // openssl ecparam -genkey writes the curve parameters before the key.
    if (block->label != "EC PARAMETERS") return parse_pem_block(*block, passphrase);
  }
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  const std::string_view line = start == std::string_view::npos ? "" : text.substr(start);
  if (line.starts_with("ssh-") || line.starts_with("ecdsa-sha2-")) return parse_openssh(line);
  throw_key_error("not a PEM key");
}

ParsedKey parse_der(std::string_view der) {
  check_size(der);
  if (PkeyPtr pkey = decode(der, "DER", EVP_PKEY_KEYPAIR, {})) return {std::move(pkey), true};
  if (PkeyPtr pkey = decode(der, "DER", EVP_PKEY_PUBLIC_KEY, {})) return {std::move(pkey), false};
  const unsigned char* cursor = bytes(der);
  if (PkeyPtr pkey =
          certificate_key(X509Ptr(d2i_X509(nullptr, &cursor, static_cast<long>(der.size()))))) {
    return {std::move(pkey), false};
  }
  throw_key_error("not a DER key or certificate");
}

ParsedKey parse_asymmetric_jwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) throw_key_error("a JWK must be a JSON object");
  const std::string_view kty = string_member(jwk, "kty");
  if (kty == "RSA") return {rsa_from_jwk(jwk), jwk.contains("d")};
  if (kty == "EC") return {ec_from_jwk(jwk), jwk.contains("d")};
  if (kty == "OKP") return {okp_from_jwk(jwk), jwk.contains("d")};
  throw_key_error("unsupported JWK key type " + quote_for_message(kty));
}

SecretBytes jwk_secret(const nlohmann::json& jwk) {
  return SecretBytes(bytes_member(jwk, "k"));
}

nlohmann::json public_jwk(const KeyData& key) {
  const EVP_PKEY* pkey = key.pkey.get();
  switch (key.type) {
    case KeyType::rsa:
      return {{"kty", "RSA"},
              {"n", number_param(pkey, OSSL_PKEY_PARAM_RSA_N, 0)},
              {"e", number_param(pkey, OSSL_PKEY_PARAM_RSA_E, 0)}};
    case KeyType::ec: {
      const EcCurve& curve =
          ec_curves[static_cast<std::size_t>(key.curve) - static_cast<std::size_t>(Curve::p256)];
      return {{"kty", "EC"},
              {"crv", curve.jwk_name},
              {"x", number_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, curve.coordinate_size)},
              {"y", number_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, curve.coordinate_size)}};
    }
    case KeyType::ed25519: {
      std::array<unsigned char, 32> raw{};
      std::size_t size = raw.size();
      if (EVP_PKEY_get_raw_public_key(pkey, raw.data(), &size) != 1) {
        throw_key_error("OpenSSL could not read the Ed25519 public key");
      }
      return {{"kty", "OKP"},
              {"crv", "Ed25519"},
              {"x", base64url_encode({reinterpret_cast<const char*>(raw.data()), size})}};
    }
    case KeyType::secret:
      break;
  }
  throw_key_error("an HMAC secret has no public JWK");
}

std::string public_pem(const EVP_PKEY* pkey) {
  return write_pem(pkey, false);
}
std::string private_pem(const EVP_PKEY* pkey) {
  return write_pem(pkey, true);
}

}  // namespace appjwt::detail
