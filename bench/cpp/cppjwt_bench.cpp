// cpp-jwt 1.4 (header-only C++, Debian libcpp-jwt-dev): jwt_object::signature()
// and jwt::decode with verify(true), which checks the signature and exp.

#include <chrono>
#include <stdexcept>
#include <string>

#include <jwt/jwt.hpp>

#include "peers.hpp"

namespace {

namespace params = jwt::params;

std::string sign(const bench::Case& c, const std::string& key) {
  jwt::jwt_object obj{params::algorithm(c.jose_alg), params::secret(key),
                      params::payload({{"appId", std::string(bench::app_id)}})};
  const auto now = std::chrono::system_clock::now();
  obj.add_claim("iat", now).add_claim("exp", now + std::chrono::seconds(bench::expires_in_seconds));
  return obj.signature();
}

bool verify(const bench::Case& c, const std::string& token, const std::string& key) {
  try {
    const auto decoded = jwt::decode(token, params::algorithms({c.jose_alg}), params::secret(key),
                                     params::verify(true));
    return decoded.payload().get_claim_value<std::string>("appId") == bench::app_id;
  } catch (const std::exception&) {  // cpp-jwt reports a rejected token by throwing
    return false;
  }
}

}  // namespace

void bench::register_cppjwt() {
  register_peer({"cpp-jwt", sign, verify});
}
