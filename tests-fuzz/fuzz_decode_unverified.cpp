// decode_unverified: splitting, base64url and strict JSON of any bytes.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A limit above any input, so the parsers, not the size check, see every byte.
  appjwt_fuzz::rejecting_bad_input([&] {
    const appjwt::Decoded decoded =
        appjwt::decode_unverified(appjwt_fuzz::as_text(data, size), 1 << 20);
    if (!decoded.header.is_object() || !decoded.payload.is_object()) {
      throw std::logic_error("decode_unverified returned a non-object header or payload");
    }
  });
  return 0;
}
