// appjwt's C++ API on the workload of issue 6: sign {"appId", iat, exp} and
// verify it (signature + exp), beside bench_openssl's raw EVP limit.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "appjwt/appjwt.hpp"
#include "appjwt/key_cache.hpp"
#include "appjwt/key_store.hpp"
#include "bench_fixture.hpp"

namespace {

using namespace std::chrono_literals;

// A case's keys, as an application would hold them.
struct Keys {
  explicit Keys(const bench::Case& c)
      : algorithm(appjwt::parse_algorithm(c.jose_alg)),
        private_document(c.is_hmac() ? bench::hmac_secret(c) : bench::private_pem(c)),
        public_document(c.is_hmac() ? private_document : bench::public_pem(c)),
        private_key(parse(c, private_document)),
        public_key(parse(c, public_document)) {}

  static appjwt::Key parse(const bench::Case& c, const std::string& document) {
    return c.is_hmac() ? appjwt::Key::from_secret(document) : appjwt::Key::from_pem(document);
  }

  appjwt::SignOptions sign_options() const {
    appjwt::SignOptions options;
    options.algorithm = algorithm;
    options.expires_in = std::chrono::seconds(bench::expires_in_seconds);
    return options;
  }
  appjwt::VerifyOptions verify_options() const {
    appjwt::VerifyOptions options;
    options.algorithms = {algorithm};
    return options;
  }
  std::string token() const { return appjwt::sign(payload(), private_key, sign_options()); }
  static nlohmann::json payload() { return {{"appId", bench::app_id}}; }

  appjwt::Algorithm algorithm;
  std::string private_document, public_document;
  appjwt::Key private_key, public_key;
};

// How the key reaches each call.
enum class KeyPassing {
  object,     // a parsed appjwt::Key held by the caller
  pem_cache,  // the PEM string on every call, through KeyCache::shared() as the bindings do
  pem_parse,  // the PEM string parsed on every call (Key::from_pem), no cache
  key_store,  // the mission: KeyStore::verify finds the key by the token's appId
  key_store_cache_hit,  // the same, the token already in the store's verified-token cache
};

bool through_key_store(KeyPassing passing) {
  return passing == KeyPassing::key_store || passing == KeyPassing::key_store_cache_hit;
}

appjwt::Key key_for_call(const bench::Case& c, const std::string& document,
                         const appjwt::Key& parsed, KeyPassing passing) {
  switch (passing) {
    case KeyPassing::pem_cache:
      return c.is_hmac() ? appjwt::KeyCache::shared().from_secret(document)
                         : appjwt::KeyCache::shared().from_pem(document);
    case KeyPassing::pem_parse:
      return Keys::parse(c, document);
    case KeyPassing::object:
    case KeyPassing::key_store:
    case KeyPassing::key_store_cache_hit:
      break;
  }
  return parsed;
}

void sign(benchmark::State& state, const bench::Case& c, KeyPassing passing) {
  const Keys keys(c);
  const appjwt::SignOptions options = keys.sign_options();
  for (auto _ : state) {
    const appjwt::Key key = key_for_call(c, keys.private_document, keys.private_key, passing);
    benchmark::DoNotOptimize(appjwt::sign(Keys::payload(), key, options));
  }
  state.SetItemsProcessed(state.iterations());
}

void verify(benchmark::State& state, const bench::Case& c, KeyPassing passing) {
  const Keys keys(c);
  const appjwt::VerifyOptions options = keys.verify_options();
  const std::string token = keys.token();
  if (through_key_store(passing)) {
    const bool cached = passing == KeyPassing::key_store_cache_hit;
    appjwt::KeyStore store({.verified_token_cache_size = cached ? 1000 : 0});
    store.add(bench::app_id, keys.public_key, {.algorithms = {keys.algorithm}, .kid = {}});
    if (cached) store.verify(token);  // the first verification fills the cache
    for (auto _ : state) benchmark::DoNotOptimize(store.verify(token));
  } else {
    for (auto _ : state) {
      const appjwt::Key key = key_for_call(c, keys.public_document, keys.public_key, passing);
      benchmark::DoNotOptimize(appjwt::verify(token, key, options));
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void register_all() {
  struct Mode {
    KeyPassing passing;
    const char* name;
    bool every_case;  // or the mission's RS512-2048 only
  };
  static constexpr Mode modes[] = {
      {KeyPassing::object, "key object", true},
      {KeyPassing::pem_cache, "PEM per call", true},
      {KeyPassing::pem_parse, "PEM parsed per call", false},
      {KeyPassing::key_store, "KeyStore by appId", false},
      {KeyPassing::key_store_cache_hit, "KeyStore by appId, verified-token cache hit", false},
  };
  for (const bench::Case& c : bench::cases()) {
    const bool mission = &c == &bench::mission_case();
    for (const Mode& mode : modes) {
      if (!mode.every_case && !mission) continue;
      const std::string suffix = std::string(mode.name) + "/" + c.label;
      const bool scaling = mission && mode.passing == KeyPassing::object;
      for (const bool signing : {true, false}) {
        if (signing && through_key_store(mode.passing)) continue;  // a store only verifies
        const std::string name = (signing ? "appjwt/sign/" : "appjwt/verify/") + suffix;
        const auto run = signing ? sign : verify;
        benchmark::RegisterBenchmark(name.c_str(), run, c, mode.passing);
        if (scaling) bench::register_scaling(name, run, c, mode.passing);
      }
    }
  }
}

// Registered before BENCHMARK_MAIN's main() runs.
const bool registered = (register_all(), true);

}  // namespace

BENCHMARK_MAIN();
