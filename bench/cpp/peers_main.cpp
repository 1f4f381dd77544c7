#include <benchmark/benchmark.h>

#include "peers.hpp"

namespace {

std::string key_document(const bench::Case& c, bool signing) {
  if (c.is_hmac()) return bench::hmac_secret(c);
  return signing ? bench::private_pem(c) : bench::public_pem(c);
}

void run(benchmark::State& state, const bench::Peer& peer, const bench::Case& c, bool signing) {
  const std::string key = key_document(c, signing);
  const std::string token = peer.sign(c, key_document(c, true));
  for (auto _ : state) {
    if (signing) {
      benchmark::DoNotOptimize(peer.sign(c, key));
    } else if (!peer.verify(c, token, key)) {
      throw std::runtime_error(std::string(peer.name) + " rejected a valid " + c.label + " token");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

const bool registered = (bench::register_libjwt(), bench::register_cppjwt(), true);

}  // namespace

void bench::register_peer(const Peer& peer) {
  for (const Case& c : cases()) {
    if (!peers_support(c)) continue;
    for (const bool signing : {true, false}) {
      const std::string name =
          std::string(peer.name) + (signing ? "/sign" : "/verify") + "/PEM per call/" + c.label;
      benchmark::RegisterBenchmark(name.c_str(), run, peer, c, signing);
    }
  }
}

BENCHMARK_MAIN();
