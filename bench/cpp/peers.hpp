// The C and C++ JWT libraries Debian packages, as benchmark-only peers. Both take
// the key as a PEM string (or secret) on every call: neither has a key object.
#pragma once

#include <string>

#include "bench_fixture.hpp"

namespace bench {

void register_libjwt();
void register_cppjwt();

// A peer's workload: sign {"appId", iat, exp} with a key document, and verify a
// token (signature and exp) with one.
struct Peer {
  const char* name;
  std::string (*sign)(const Case& c, const std::string& key);
  bool (*verify)(const Case& c, const std::string& token, const std::string& key);
};

// Registers "<peer>/sign|verify/PEM per call/<case>" for every case the peers support.
void register_peer(const Peer& peer);

// libjwt 1.10 and cpp-jwt 1.4 have no EdDSA.
inline bool peers_support(const Case& c) {
  return c.jose_alg != "EdDSA";
}

}  // namespace bench
