// libjwt 1.10 (C, Debian libjwt-dev): jwt_encode_str / jwt_decode. It has no
// claim validation, so verify checks exp itself, as its users must.
#include <jwt.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "peers.hpp"

namespace {

using JwtPtr = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

jwt_alg_t libjwt_alg(const bench::Case& c) {
  const jwt_alg_t alg = jwt_str_alg(c.jose_alg.c_str());
  if (alg == JWT_ALG_INVAL) throw std::runtime_error("libjwt has no " + c.jose_alg);
  return alg;
}

std::string sign(const bench::Case& c, const std::string& key) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  const JwtPtr jwt(raw, jwt_free);
  const long now = bench::now_seconds();
  if (jwt_add_grant(raw, "appId", std::string(bench::app_id).c_str()) != 0 ||
      jwt_add_grant_int(raw, "iat", now) != 0 ||
      jwt_add_grant_int(raw, "exp", now + bench::expires_in_seconds) != 0 ||
      jwt_set_alg(raw, libjwt_alg(c), reinterpret_cast<const unsigned char*>(key.data()),
                  static_cast<int>(key.size())) != 0) {
    throw std::runtime_error("libjwt could not set up the token");
  }
  const std::unique_ptr<char, decltype(&std::free)> token(jwt_encode_str(raw), std::free);
  if (!token) throw std::runtime_error("jwt_encode_str failed for " + c.label);
  return token.get();
}

bool verify(const bench::Case& c, const std::string& token, const std::string& key) {
  jwt_t* raw = nullptr;
  const int failed =
      jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                 static_cast<int>(key.size()));
  const JwtPtr jwt(raw, jwt_free);
  return failed == 0 && jwt_get_alg(raw) == libjwt_alg(c) &&
         jwt_get_grant_int(raw, "exp") > bench::now_seconds();
}

}  // namespace

void bench::register_libjwt() {
  register_peer({"libjwt", sign, verify});
}
