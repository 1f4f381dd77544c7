// RSS growth of appjwt's C++ verify: N valid tokens, then N rejected ones (a
// tampered signature, the costliest error path), each after a warm-up.
// Usage: appjwt_bench_rss [N]   (default 1,000,000); prints one JSON object.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "appjwt/appjwt.hpp"
#include "bench_fixture.hpp"

namespace {

struct Phase {
  std::size_t rss_before = 0;
  std::size_t rss_after = 0;
};

// Runs `verify_one` warm_up times, then n times, recording RSS around the n.
template <class Verify>
Phase measure(long warm_up, long n, Verify verify_one) {
  for (long i = 0; i < warm_up; ++i) verify_one();
  Phase phase;
  phase.rss_before = bench::rss_bytes();
  for (long i = 0; i < n; ++i) verify_one();
  phase.rss_after = bench::rss_bytes();
  return phase;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  const long warm_up = std::max(1000L, n / 50);
  const bench::Case& c = bench::mission_case();
  const appjwt::Key private_key = appjwt::Key::from_pem(bench::private_pem(c));
  const appjwt::Key public_key = appjwt::Key::from_pem(bench::public_pem(c));
  appjwt::SignOptions sign_options;
  sign_options.algorithm = appjwt::Algorithm::RS512;
  sign_options.expires_in = std::chrono::seconds(bench::expires_in_seconds);
  const std::string token = appjwt::sign({{"appId", bench::app_id}}, private_key, sign_options);
  // Another base64url character inside the signature: well-formed, wrong signature.
  std::string tampered = token;
  char& flipped = tampered[tampered.size() - 20];
  flipped = flipped == 'A' ? 'B' : 'A';

  appjwt::VerifyOptions options;
  options.algorithms = {appjwt::Algorithm::RS512};
  long verified = 0, rejected = 0;
  const Phase valid = measure(warm_up, n, [&] {
    verified += appjwt::verify(token, public_key, options).payload.contains("appId");
  });
  const Phase invalid = measure(warm_up, n, [&] {
    try {
      appjwt::verify(tampered, public_key, options);
    } catch (const appjwt::Error& e) {
      rejected += e.code() == appjwt::ErrorCode::invalid_signature;
    }
  });
  if (verified != warm_up + n || rejected != warm_up + n) {
    std::fprintf(stderr, "unexpected results: %ld verified, %ld rejected\n", verified, rejected);
    return 1;
  }
  std::printf(
      "{\"lang\": \"cpp\", \"verifies\": %ld, \"rss_before\": %zu, \"rss_after\": %zu, "
      "\"rejected_rss_before\": %zu, \"rejected_rss_after\": %zu, \"peak_rss\": %zu}\n",
      n, valid.rss_before, valid.rss_after, invalid.rss_before, invalid.rss_after,
      bench::peak_rss_bytes());
  return 0;
}
