// verify() of any bytes with one fixture key (APPJWT_FUZZ_KEY, a name in
// attacks.json) and every algorithm allowed, so alg/key confusion is reachable.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const appjwt::Key key = appjwt_fuzz::fixture_key(APPJWT_FUZZ_KEY);
  static const appjwt::VerifyOptions options = [] {
    appjwt::VerifyOptions verify_options;
    verify_options.algorithms = appjwt_fuzz::all_algorithms();
    verify_options.understood_critical = {"x-policy"};
    return verify_options;
  }();
  appjwt_fuzz::rejecting_bad_input(
      [&] { appjwt::verify(appjwt_fuzz::as_text(data, size), key, options); });
  return 0;
}
