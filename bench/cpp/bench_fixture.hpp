// What every C++ benchmark shares: the workload of issue 6 and the key files
// bench/run generates once per run (so all languages sign with the same keys).
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

// The calling application's ID, 34 characters as in the workload.
inline constexpr std::string_view app_id = "storefront-7f3a9c1e5b2d4086a1c3e5f";
inline constexpr long expires_in_seconds = 300;

// One algorithm row: its label in the tables, its JOSE name, the stem of its key
// files in $APPJWT_BENCH_KEYS (<stem>_private.pem, <stem>_public.pem, or
// <stem>.key for an HMAC secret) and the digest OpenSSL uses (empty for EdDSA).
struct Case {
  std::string label;
  std::string jose_alg;
  std::string key_stem;
  std::string digest;
  bool is_hmac() const { return jose_alg.starts_with("HS"); }
};

// RS512 with RSA-2048 (the mission's row) first, then the others of issue 6.
const std::vector<Case>& cases();
const Case& mission_case();

// The contents of a file in the key directory; throws when it cannot be read.
std::string read_key_file(const std::string& name);
std::string private_pem(const Case& c);
std::string public_pem(const Case& c);
std::string hmac_secret(const Case& c);

// A ~250-byte message for the raw EVP rows (the size of a signing input).
const std::string& message();

// Seconds since the epoch, as the JWT libraries read it.
long now_seconds();

// Resident set size and its peak, in bytes, from /proc/self/status.
std::size_t rss_bytes();
std::size_t peak_rss_bytes();

// Registers name + "/scaling" with 1 and 2 threads, timed by the wall clock (the
// plain rows are timed per CPU second, robust on a shared machine).
template <class... Args>
void register_scaling(const std::string& name, Args&&... args) {
  benchmark::RegisterBenchmark((name + "/scaling").c_str(), std::forward<Args>(args)...)
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
}

}  // namespace bench
