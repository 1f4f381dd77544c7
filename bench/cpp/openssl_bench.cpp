// The limit: raw OpenSSL 3 EVP sign and verify of a ~250-byte message with a
// pre-parsed key. Every appjwt row is reported as a ratio to "verify, reused ctx".
#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "bench_fixture.hpp"
#include "openssl.hpp"

namespace {

using appjwt::detail::BioPtr;
using appjwt::detail::MdCtxPtr;
using appjwt::detail::MdPtr;
using appjwt::detail::PkeyPtr;

void check(int ok, const char* what) {
  if (ok != 1) {
    throw std::runtime_error(std::string(what) +
                             " failed: " + ERR_error_string(ERR_get_error(), nullptr));
  }
}

PkeyPtr parse_private(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) throw std::runtime_error("PEM_read_bio_PrivateKey failed");
  return key;
}

PkeyPtr parse_public(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key) throw std::runtime_error("PEM_read_bio_PUBKEY failed");
  return key;
}

// One case's keys, parsed once, and its digest, fetched once (not EVP_sha512()'s
// late fetch on every init).
struct Material {
  explicit Material(const bench::Case& c) {
    if (!c.digest.empty()) md.reset(EVP_MD_fetch(nullptr, c.digest.c_str(), nullptr));
    if (c.is_hmac()) {
      const std::string secret = bench::hmac_secret(c);
      private_key.reset(EVP_PKEY_new_raw_private_key(
          EVP_PKEY_HMAC, nullptr, reinterpret_cast<const unsigned char*>(secret.data()),
          secret.size()));
    } else {
      private_pem = bench::private_pem(c);
      public_pem = bench::public_pem(c);
      private_key = parse_private(private_pem);
      public_key = parse_public(public_pem);
    }
    if (!private_key) throw std::runtime_error("cannot load the key of " + c.label);
    signature = sign(new_context(true).get());
  }

  // A digest context initialised for signing (or verifying) with this case's key.
  MdCtxPtr new_context(bool for_signing, EVP_PKEY* key = nullptr) const {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    // HMAC "verifies" by signing again and comparing.
    if (for_signing || !public_key) {
      check(EVP_DigestSignInit(ctx.get(), nullptr, md.get(), nullptr,
                               key != nullptr ? key : private_key.get()),
            "EVP_DigestSignInit");
    } else {
      check(EVP_DigestVerifyInit(ctx.get(), nullptr, md.get(), nullptr,
                                 key != nullptr ? key : public_key.get()),
            "EVP_DigestVerifyInit");
    }
    return ctx;
  }

  std::string sign(EVP_MD_CTX* ctx) const {
    // EVP_PKEY_get_size is the RSA/EC/Ed25519 signature bound, not an HMAC's.
    std::string sig(std::max(static_cast<std::size_t>(EVP_PKEY_get_size(private_key.get())),
                             std::size_t{EVP_MAX_MD_SIZE}),
                    '\0');
    std::size_t length = sig.size();
    const std::string& msg = bench::message();
    check(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &length,
                         reinterpret_cast<const unsigned char*>(msg.data()), msg.size()),
          "EVP_DigestSign");
    sig.resize(length);
    return sig;
  }

  bool verify(EVP_MD_CTX* ctx) const {
    if (!public_key) {
      const std::string expected = sign(ctx);
      return expected.size() == signature.size() &&
             CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
    }
    const std::string& msg = bench::message();
    return EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(), reinterpret_cast<const unsigned char*>(msg.data()),
                            msg.size()) == 1;
  }

  MdPtr md;
  std::string private_pem, public_pem;
  PkeyPtr private_key, public_key;
  std::string signature;
};

// The EVP_MD_CTX for one call: new and initialised per call, or copied from a
// template initialised once (the key's provider context is duplicated, not rebuilt).
enum class Context { new_per_call, reused, pem_per_call };

// One sign or verify; out of line so that bench/profile can count its instructions.
[[gnu::noinline]] bool one_call(const Material& material, bool signing, Context mode,
                                const EVP_MD_CTX* template_ctx, EVP_MD_CTX* work) {
  if (mode == Context::reused) {
    check(EVP_MD_CTX_copy_ex(work, template_ctx), "EVP_MD_CTX_copy_ex");
    return signing ? !material.sign(work).empty() : material.verify(work);
  }
  PkeyPtr parsed;
  if (mode == Context::pem_per_call) {
    parsed = signing ? parse_private(material.private_pem) : parse_public(material.public_pem);
  }
  const MdCtxPtr ctx = material.new_context(signing, parsed.get());
  return signing ? !material.sign(ctx.get()).empty() : material.verify(ctx.get());
}

void run(benchmark::State& state, const bench::Case& c, bool signing, Context mode) {
  const Material material(c);
  const MdCtxPtr template_ctx = material.new_context(signing);
  const MdCtxPtr work(EVP_MD_CTX_new());
  for (auto _ : state) {
    if (!one_call(material, signing, mode, template_ctx.get(), work.get())) {
      throw std::runtime_error("raw EVP verify failed for " + c.label);
    }
  }
  state.SetItemsProcessed(state.iterations());
}

const char* mode_name(Context mode) {
  switch (mode) {
    case Context::new_per_call:
      return "new ctx";
    case Context::reused:
      return "reused ctx";
    case Context::pem_per_call:
      return "PEM per call";
  }
  return "";
}

void register_all() {
  for (const bench::Case& c : bench::cases()) {
    for (const bool signing : {true, false}) {
      for (const Context mode : {Context::new_per_call, Context::reused, Context::pem_per_call}) {
        if (mode == Context::pem_per_call && c.is_hmac()) continue;
        const std::string name = std::string("openssl/") + (signing ? "sign/" : "verify/") +
                                 mode_name(mode) + "/" + c.label;
        benchmark::RegisterBenchmark(name.c_str(), run, c, signing, mode);
        // 2-thread scaling of the limit itself (wall time), beside appjwt's.
        if (&c == &bench::mission_case() && mode == Context::reused) {
          bench::register_scaling(name, run, c, signing, mode);
        }
      }
    }
  }
}

// Registered before BENCHMARK_MAIN's main() runs.
const bool registered = (register_all(), true);

}  // namespace

BENCHMARK_MAIN();
