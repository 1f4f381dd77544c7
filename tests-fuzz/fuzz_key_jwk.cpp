// Key::from_jwk of any bytes, then the parsed key in use.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appjwt_fuzz::rejecting_bad_input(
      [&] { appjwt_fuzz::exercise(appjwt::Key::from_jwk(appjwt_fuzz::as_text(data, size))); });
  return 0;
}
