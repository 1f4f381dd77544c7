#include "appjwt/token_signer.hpp"

#include <cmath>
#include <utility>

#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"

namespace appjwt {

TokenSigner::TokenSigner(std::string app_id, Key private_key, TokenSignerOptions options)
    : app_id_(std::move(app_id)), key_(std::move(private_key)), options_(std::move(options)) {
  validate_app_id(app_id_);
  if (!key_.is_private() || key_.type() == KeyType::secret) {
    throw Error(ErrorCode::key_error, "a token signer needs the application's private key");
  }
  if (!key_.supports(options_.algorithm)) {
    throw Error(ErrorCode::key_error, std::string(to_string(options_.algorithm)) +
                                          " cannot be used with this key's type");
  }
  if (options_.ttl.count() <= 0) {
    throw Error(ErrorCode::invalid_argument, "the token lifetime (ttl) must be positive");
  }
  if (options_.refresh_margin.count() < 0 || options_.refresh_margin >= options_.ttl) {
    throw Error(ErrorCode::invalid_argument,
                "the refresh margin must be at least 0 and shorter than the ttl");
  }
  if (!options_.claims.is_object()) {
    throw Error(ErrorCode::invalid_argument, "the extra claims must be a JSON object");
  }
  for (const auto& reserved : {options_.app_id_claim, std::string("iat"), std::string("exp")}) {
    if (options_.claims.contains(reserved)) {
      throw Error(ErrorCode::invalid_argument,
                  "the extra claims must not set \"" + reserved + "\"; the signer sets it",
                  reserved);
    }
  }
}

NumericDate TokenSigner::clock_now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string TokenSigner::sign_locked(NumericDate now) {
  // Whole seconds, as jsonwebtoken and PyJWT write iat.
  const NumericDate issued_at = std::floor(now);
  nlohmann::json payload = options_.claims;
  payload[options_.app_id_claim] = app_id_;
  SignOptions sign_options;
  sign_options.algorithm = options_.algorithm;
  sign_options.expires_in = options_.ttl;
  sign_options.key_id = options_.key_id;
  sign_options.now = issued_at;
  sign_options.allow_insecure_key_sizes = options_.allow_insecure_key_sizes;
  token_ = sign(payload, key_, sign_options);
  issued_at_ = issued_at;
  expires_at_ = issued_at + static_cast<NumericDate>(options_.ttl.count());
  return token_;
}

std::string TokenSigner::token() {
  return token_at(clock_now());
}

std::string TokenSigner::token_at(NumericDate now) {
  const std::lock_guard lock(mutex_);
  const bool fresh =
      !token_.empty() &&
      now < expires_at_ - static_cast<NumericDate>(options_.refresh_margin.count()) &&
      // A clock set back before iat would make verifiers see a token from the future.
      now >= issued_at_;
  return fresh ? token_ : sign_locked(now);
}

std::string TokenSigner::refresh() {
  return refresh_at(clock_now());
}

std::string TokenSigner::refresh_at(NumericDate now) {
  const std::lock_guard lock(mutex_);
  return sign_locked(now);
}

NumericDate TokenSigner::expires_at() const {
  const std::lock_guard lock(mutex_);
  return expires_at_;
}

}  // namespace appjwt
