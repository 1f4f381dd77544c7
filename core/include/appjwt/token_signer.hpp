// The calling application's side: a short-lived token for each request, signed
// once every few minutes instead of once per request.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"

namespace appjwt {

struct TokenSignerOptions {
  std::chrono::seconds ttl{300};  // exp = iat + ttl
  Algorithm algorithm = Algorithm::RS512;
  // A cached token is re-signed once less than this is left before its exp, so a
  // token never expires in flight. Must be shorter than ttl.
  std::chrono::seconds refresh_margin{30};
  std::string app_id_claim = "appId";
  std::optional<std::string> key_id;  // header kid, e.g. the key's thumbprint
  // Extra claims in every token, e.g. {"scope": "users:read"} to narrow the app's
  // scopes, or "aud". They must not set the app ID claim, iat or exp.
  nlohmann::json claims = nlohmann::json::object();
  // Wall-clock seconds since the epoch, injectable for tests; default system clock.
  std::function<NumericDate()> clock;
  bool allow_insecure_key_sizes = false;  // RSA under 2048 bits
};

// Thread-safe: any number of threads may call token() concurrently; at most one
// signs at a time and the others get its result.
class TokenSigner {
 public:
  // Throws Error(invalid_app_id) for a bad app ID, Error(key_error) unless
  // private_key is a private key usable with options.algorithm, and
  // Error(invalid_argument) for a ttl or margin that cannot work.
  TokenSigner(std::string app_id, Key private_key, TokenSignerOptions options = {});

  // A token valid for at least refresh_margin more seconds: the cached one, or a
  // freshly signed one ({app_id_claim: app_id, iat, exp, ...claims}).
  std::string token();
  // Signs a new token now, whatever the cache holds, and caches it.
  std::string refresh();
  // As token() and refresh() at the given time instead of the clock's, for
  // bindings whose language owns the clock (Node's Date.now(), for fake timers).
  std::string token_at(NumericDate now);
  std::string refresh_at(NumericDate now);

  const std::string& app_id() const noexcept { return app_id_; }
  // exp of the cached token (0 before the first token()).
  NumericDate expires_at() const;

 private:
  std::string sign_locked(NumericDate now);
  NumericDate clock_now() const;

  std::string app_id_;
  Key key_;
  TokenSignerOptions options_;
  mutable std::mutex mutex_;
  std::string token_;
  NumericDate issued_at_ = 0;
  NumericDate expires_at_ = 0;
};

}  // namespace appjwt
