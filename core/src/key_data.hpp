// What an appjwt::Key holds. Private to the core.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "appjwt/key.hpp"
#include "openssl.hpp"

namespace appjwt::detail {

// OpenSSL state prepared for one algorithm and direction on one key. Setting it
// up (method fetch, provider key context, padding, HMAC key schedule) costs as
// much as a fast signature, so it is built once and reused by later calls.
struct OperationContext {
  PkeyCtxPtr pkey_ctx;      // RSA / ECDSA: sign or verify initialised on the key
  MdCtxPtr md_ctx;          // digest of the signing input; EdDSA: the one-shot operation
  MdCtxPtr eddsa_template;  // EdDSA: DigestSign/VerifyInit done once, copied into md_ctx
  MacCtxPtr mac_ctx;        // HMAC keyed with the secret
};

// OpenSSL contexts must not be used by two threads at once, so each call takes
// one for itself and puts it back; the pool grows to the key's peak concurrency.
class ContextPool {
 public:
  std::optional<OperationContext> take() {
    const std::lock_guard lock(mutex_);
    if (idle_.empty()) return std::nullopt;
    OperationContext context = std::move(idle_.back());
    idle_.pop_back();
    return context;
  }

  void put_back(OperationContext context) {
    const std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle) idle_.push_back(std::move(context));
  }

 private:
  static constexpr std::size_t max_idle = 64;
  std::mutex mutex_;
  std::vector<OperationContext> idle_;
};

enum class Operation { sign, verify };

struct KeyData {
  KeyType type = KeyType::secret;
  Curve curve = Curve::none;
  int bits = 0;
  bool is_private = false;
  PkeyPtr pkey;        // asymmetric keys; null for secrets
  std::string secret;  // HMAC secret bytes; wiped on destruction

  KeyData() = default;
  KeyData(const KeyData&) = delete;
  KeyData& operator=(const KeyData&) = delete;
  ~KeyData();

  // Prepared contexts are a cache, not part of the key's value: hence mutable.
  ContextPool& pool(Algorithm alg, Operation op) const {
    return pools_[static_cast<std::size_t>(alg) * 2 + (op == Operation::verify ? 1 : 0)];
  }

 private:
  static constexpr std::size_t algorithm_count = static_cast<std::size_t>(Algorithm::HS512) + 1;
  mutable std::array<ContextPool, algorithm_count * 2> pools_;
};

}  // namespace appjwt::detail
