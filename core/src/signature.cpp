// sign_bytes / verify_bytes: the JWS signature algorithms of RFC 7518 on OpenSSL 3.
#include <array>
#include <string>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "key_data.hpp"

namespace appjwt {
namespace {

using detail::ContextPool;
using detail::KeyData;
using detail::Operation;
using detail::OperationContext;
using EcdsaSigPtr = detail::OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free>;

enum class Scheme { rsa_pkcs1, rsa_pss, ecdsa, eddsa, hmac };
enum class Sha { sha256, sha384, sha512 };

struct AlgorithmSpec {
  Scheme scheme;
  Sha sha;                      // unused by EdDSA, which hashes internally
  std::size_t ecdsa_part_size;  // bytes of r and of s in the JOSE signature (RFC 7518 3.4)
};

constexpr AlgorithmSpec spec_of(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::RS256:
      return {Scheme::rsa_pkcs1, Sha::sha256, 0};
    case Algorithm::RS384:
      return {Scheme::rsa_pkcs1, Sha::sha384, 0};
    case Algorithm::RS512:
      return {Scheme::rsa_pkcs1, Sha::sha512, 0};
    case Algorithm::PS256:
      return {Scheme::rsa_pss, Sha::sha256, 0};
    case Algorithm::PS384:
      return {Scheme::rsa_pss, Sha::sha384, 0};
    case Algorithm::PS512:
      return {Scheme::rsa_pss, Sha::sha512, 0};
    case Algorithm::ES256:
      return {Scheme::ecdsa, Sha::sha256, 32};
    case Algorithm::ES384:
      return {Scheme::ecdsa, Sha::sha384, 48};
    case Algorithm::ES512:
      return {Scheme::ecdsa, Sha::sha512, 66};
    case Algorithm::EdDSA:
      return {Scheme::eddsa, Sha::sha512, 0};
    case Algorithm::HS256:
      return {Scheme::hmac, Sha::sha256, 0};
    case Algorithm::HS384:
      return {Scheme::hmac, Sha::sha384, 0};
    case Algorithm::HS512:
      return {Scheme::hmac, Sha::sha512, 0};
  }
  return {Scheme::hmac, Sha::sha256, 0};
}

[[noreturn]] void fail(std::string_view what) {
  ERR_clear_error();
  throw Error(ErrorCode::key_error, "OpenSSL could not " + std::string(what));
}

constexpr std::array<const char*, 3> sha_names{"SHA2-256", "SHA2-384", "SHA2-512"};

const char* name_of(Sha sha) {
  return sha_names[static_cast<std::size_t>(sha)];
}

// Fetched once: EVP_sha512() and friends fetch the implementation again on every
// operation that uses them, which costs a lock and a method-store lookup per call.
const EVP_MD* digest(Sha sha) {
  static const std::array<detail::MdPtr, 3> digests{
      detail::MdPtr(EVP_MD_fetch(nullptr, sha_names[0], nullptr)),
      detail::MdPtr(EVP_MD_fetch(nullptr, sha_names[1], nullptr)),
      detail::MdPtr(EVP_MD_fetch(nullptr, sha_names[2], nullptr)),
  };
  const EVP_MD* md = digests[static_cast<std::size_t>(sha)].get();
  if (md == nullptr) fail(std::string("fetch the ") + name_of(sha) + " digest");
  return md;
}

EVP_MAC* hmac() {
  static const detail::MacPtr mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
  if (mac == nullptr) fail("fetch HMAC");
  return mac.get();
}

// The group order n of each JOSE curve, for the 0 < r, s < n check.
const BIGNUM* order_of(std::size_t part_size) {
  static const std::array<detail::BignumPtr, 3> orders = [] {
    std::array<detail::BignumPtr, 3> result;
    constexpr std::array<int, 3> nids{NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1};
    for (std::size_t i = 0; i < nids.size(); ++i) {
      const detail::OpenSslPtr<EC_GROUP, EC_GROUP_free> group(EC_GROUP_new_by_curve_name(nids[i]));
      if (group) result[i].reset(BN_dup(EC_GROUP_get0_order(group.get())));
    }
    return result;
  }();
  const std::size_t index = part_size == 32 ? 0 : part_size == 48 ? 1 : 2;
  if (orders[index] == nullptr) fail("load the curve order");
  return orders[index].get();
}

std::string describe(const Key& key) {
  switch (key.type()) {
    case KeyType::rsa:
      return "an RSA key";
    case KeyType::ec:
      return key.curve() == Curve::p256   ? "an EC P-256 key"
             : key.curve() == Curve::p384 ? "an EC P-384 key"
                                          : "an EC P-521 key";
    case KeyType::ed25519:
      return "an Ed25519 key";
    case KeyType::secret:
      return "an HMAC secret";
  }
  return "a key";
}

// Keys are bound to their algorithm family: this is what stops algorithm
// confusion (an RS256 public key used as an HS256 secret, ES256 against P-384).
void require_usable(const Key& key, Algorithm alg, Operation op, bool allow_insecure_key_sizes) {
  const std::string alg_name(to_string(alg));
  if (!key.supports(alg)) {
    const std::string message = describe(key) + " cannot be used with " + alg_name;
    if (op == Operation::sign) throw Error(ErrorCode::key_error, message);
    throw Error(ErrorCode::algorithm_not_allowed, message, "alg");
  }
  if (op == Operation::sign && !key.is_private()) {
    throw Error(ErrorCode::key_error,
                "a public key cannot sign; " + alg_name + " needs the private key");
  }
  if (key.type() == KeyType::rsa && key.bits() < 2048 && !allow_insecure_key_sizes) {
    throw Error(ErrorCode::key_error,
                "RSA key of " + std::to_string(key.bits()) + " bits is below the 2048-bit minimum");
  }
}

OperationContext prepare(const KeyData& key, const AlgorithmSpec& spec, Operation op) {
  OperationContext context;
  if (spec.scheme == Scheme::hmac) {
    context.mac_ctx.reset(EVP_MAC_CTX_new(hmac()));
    // OSSL_PARAM takes char*, but only reads the digest name.
    const std::array<OSSL_PARAM, 2> params{
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                         const_cast<char*>(name_of(spec.sha)), 0),
        OSSL_PARAM_construct_end()};
    if (!context.mac_ctx || EVP_MAC_init(context.mac_ctx.get(),
                                         reinterpret_cast<const unsigned char*>(key.secret.data()),
                                         key.secret.size(), params.data()) != 1) {
      fail("set up HMAC with this secret");
    }
    return context;
  }
  context.md_ctx.reset(EVP_MD_CTX_new());
  if (!context.md_ctx) fail("allocate a digest context");
  if (spec.scheme == Scheme::eddsa) {
    // EdDSA has no separate digest step, so the initialised EVP_MD_CTX is the
    // reusable state; copying it skips the method fetch DigestSignInit does.
    context.eddsa_template.reset(EVP_MD_CTX_new());
    EVP_MD_CTX* ctx = context.eddsa_template.get();
    EVP_PKEY* pkey = key.pkey.get();
    if (ctx == nullptr ||
        (op == Operation::sign
             ? EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr)
             : EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr)) !=
            1) {
      fail("set up EdDSA with this key");
    }
    return context;
  }

  context.pkey_ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey.get(), nullptr));
  EVP_PKEY_CTX* ctx = context.pkey_ctx.get();
  const EVP_MD* md = digest(spec.sha);
  const bool ready =
      ctx != nullptr &&
      (op == Operation::sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) == 1 &&
      EVP_PKEY_CTX_set_signature_md(ctx, md) == 1 &&
      (spec.scheme == Scheme::ecdsa ||
       EVP_PKEY_CTX_set_rsa_padding(
           ctx, spec.scheme == Scheme::rsa_pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) == 1) &&
      // RFC 7518 3.5: MGF1 with the same hash, salt as long as the hash output.
      (spec.scheme != Scheme::rsa_pss ||
       (EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
        EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) == 1));
  if (!ready) fail("set up the signature context for this key");
  return context;
}

// A prepared context taken from the key's pool for the duration of one call.
class BorrowedContext {
 public:
  BorrowedContext(const KeyData& key, Algorithm alg, const AlgorithmSpec& spec, Operation op)
      : pool_(key.pool(alg, op)) {
    auto idle = pool_.take();
    context_ = idle ? std::move(*idle) : prepare(key, spec, op);
  }
  ~BorrowedContext() { pool_.put_back(std::move(context_)); }
  BorrowedContext(const BorrowedContext&) = delete;
  BorrowedContext& operator=(const BorrowedContext&) = delete;

  OperationContext* operator->() noexcept { return &context_; }
  OperationContext& operator*() noexcept { return context_; }

 private:
  ContextPool& pool_;
  OperationContext context_;
};

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

struct Digest {
  std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
  unsigned int size = 0;
};

Digest hash(EVP_MD_CTX* ctx, Sha sha, std::string_view input) {
  Digest out;
  if (EVP_DigestInit_ex2(ctx, digest(sha), nullptr) != 1 ||
      EVP_DigestUpdate(ctx, input.data(), input.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, out.bytes.data(), &out.size) != 1) {
    fail("compute the digest");
  }
  return out;
}

Digest hmac_of(EVP_MAC_CTX* ctx, std::string_view input) {
  Digest out;
  std::size_t size = 0;
  // A null key restarts from the key schedule computed when the context was prepared.
  if (EVP_MAC_init(ctx, nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(ctx, bytes(input), input.size()) != 1 ||
      EVP_MAC_final(ctx, out.bytes.data(), &size, out.bytes.size()) != 1) {
    fail("compute the HMAC");
  }
  out.size = static_cast<unsigned int>(size);
  return out;
}

// JOSE ECDSA signatures are r || s, each left-padded to the curve size; OpenSSL
// speaks DER. Conversions go through ECDSA_SIG.
std::string der_to_jose(std::string_view der, std::size_t part_size) {
  const unsigned char* cursor = bytes(der);
  const EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  if (!sig) fail("decode the ECDSA signature");
  std::string out(part_size * 2, '\0');
  auto* raw = reinterpret_cast<unsigned char*>(out.data());
  const int padded = static_cast<int>(part_size);
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw, padded) != padded ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw + part_size, padded) != padded) {
    fail("encode the ECDSA signature");
  }
  return out;
}

// Empty when the signature cannot be valid: wrong length, or r or s outside
// [1, n-1] (r = s = 0 is the "psychic signature" of CVE-2022-21449).
std::string jose_to_der(std::string_view jose, std::size_t part_size) {
  if (jose.size() != part_size * 2) return {};
  const int size = static_cast<int>(part_size);
  detail::BignumPtr r(BN_bin2bn(bytes(jose), size, nullptr));
  detail::BignumPtr s(BN_bin2bn(bytes(jose.substr(part_size)), size, nullptr));
  if (!r || !s) fail("allocate ECDSA signature numbers");
  const BIGNUM* n = order_of(part_size);
  if (BN_is_zero(r.get()) || BN_is_zero(s.get()) || BN_cmp(r.get(), n) >= 0 ||
      BN_cmp(s.get(), n) >= 0) {
    return {};
  }
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) fail("build an ECDSA signature");
  r.release();  // now owned by sig
  s.release();
  const int der_size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (der_size <= 0) fail("encode an ECDSA signature");
  std::string der(static_cast<std::size_t>(der_size), '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &cursor) != der_size) fail("encode an ECDSA signature");
  return der;
}

std::string pkey_sign(EVP_PKEY_CTX* ctx, const Digest& digest_value) {
  std::string out(static_cast<std::size_t>(EVP_PKEY_get_size(EVP_PKEY_CTX_get0_pkey(ctx))), '\0');
  std::size_t size = out.size();
  if (EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char*>(out.data()), &size,
                    digest_value.bytes.data(), digest_value.size) != 1) {
    fail("sign with this key");
  }
  out.resize(size);
  return out;
}

bool pkey_verify(EVP_PKEY_CTX* ctx, std::string_view signature, const Digest& digest_value) {
  const bool valid = EVP_PKEY_verify(ctx, bytes(signature), signature.size(),
                                     digest_value.bytes.data(), digest_value.size) == 1;
  // A bad signature leaves reasons on the thread's error queue; they are not ours to keep.
  if (!valid) ERR_clear_error();
  return valid;
}

std::string eddsa_sign(OperationContext& context, std::string_view input) {
  std::array<unsigned char, 64> out{};
  std::size_t size = out.size();
  if (EVP_MD_CTX_copy_ex(context.md_ctx.get(), context.eddsa_template.get()) != 1 ||
      EVP_DigestSign(context.md_ctx.get(), out.data(), &size, bytes(input), input.size()) != 1) {
    fail("sign with this Ed25519 key");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

bool eddsa_verify(OperationContext& context, std::string_view input, std::string_view signature) {
  if (EVP_MD_CTX_copy_ex(context.md_ctx.get(), context.eddsa_template.get()) != 1) {
    fail("set up EdDSA verification");
  }
  const bool valid = EVP_DigestVerify(context.md_ctx.get(), bytes(signature), signature.size(),
                                      bytes(input), input.size()) == 1;
  if (!valid) ERR_clear_error();
  return valid;
}

}  // namespace

std::string sign_bytes(std::string_view signing_input, const Key& key, Algorithm alg,
                       bool allow_insecure_key_sizes) {
  require_usable(key, alg, Operation::sign, allow_insecure_key_sizes);
  const KeyData& data = key.data();
  const AlgorithmSpec spec = spec_of(alg);
  BorrowedContext context(data, alg, spec, Operation::sign);
  switch (spec.scheme) {
    case Scheme::hmac: {
      const Digest mac = hmac_of(context->mac_ctx.get(), signing_input);
      return std::string(reinterpret_cast<const char*>(mac.bytes.data()), mac.size);
    }
    case Scheme::eddsa:
      return eddsa_sign(*context, signing_input);
    case Scheme::rsa_pkcs1:
    case Scheme::rsa_pss:
    case Scheme::ecdsa: {
      std::string signature =
          pkey_sign(context->pkey_ctx.get(), hash(context->md_ctx.get(), spec.sha, signing_input));
      return spec.scheme == Scheme::ecdsa ? der_to_jose(signature, spec.ecdsa_part_size)
                                          : signature;
    }
  }
  fail("sign with an unknown algorithm");
}

// A private key verifies too (with its public half), as jsonwebtoken and PyJWT
// allow: holding the private key implies holding the public one.
bool verify_bytes(std::string_view signing_input, std::string_view signature, const Key& key,
                  Algorithm alg, bool allow_insecure_key_sizes) {
  require_usable(key, alg, Operation::verify, allow_insecure_key_sizes);
  const KeyData& data = key.data();
  const AlgorithmSpec spec = spec_of(alg);
  BorrowedContext context(data, alg, spec, Operation::verify);
  switch (spec.scheme) {
    case Scheme::hmac: {
      const Digest mac = hmac_of(context->mac_ctx.get(), signing_input);
      // Constant time, so the comparison leaks nothing about a forged tag.
      return signature.size() == mac.size &&
             CRYPTO_memcmp(signature.data(), mac.bytes.data(), mac.size) == 0;
    }
    case Scheme::eddsa:
      return eddsa_verify(*context, signing_input, signature);
    case Scheme::rsa_pkcs1:
    case Scheme::rsa_pss:
      // RFC 7518 3.3: the signature is exactly as long as the modulus.
      return signature.size() == static_cast<std::size_t>(EVP_PKEY_get_size(data.pkey.get())) &&
             pkey_verify(context->pkey_ctx.get(), signature,
                         hash(context->md_ctx.get(), spec.sha, signing_input));
    case Scheme::ecdsa: {
      const std::string der = jose_to_der(signature, spec.ecdsa_part_size);
      return !der.empty() && pkey_verify(context->pkey_ctx.get(), der,
                                         hash(context->md_ctx.get(), spec.sha, signing_input));
    }
  }
  return false;
}

}  // namespace appjwt
