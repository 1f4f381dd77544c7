// Key::from_pem and Key::from_der of any bytes (key files), then the parsed key in use.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = appjwt_fuzz::as_text(data, size);
  appjwt_fuzz::rejecting_bad_input([&] { appjwt_fuzz::exercise(appjwt::Key::from_pem(text)); });
  appjwt_fuzz::rejecting_bad_input([&] { appjwt_fuzz::exercise(appjwt::Key::from_der(text)); });
  return 0;
}
