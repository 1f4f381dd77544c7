// KeyStore::add_jwks of any bytes (a JWKS document), then the store republished.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appjwt_fuzz::rejecting_bad_input([&] {
    appjwt::KeyStore store;
    store.add_jwks(appjwt_fuzz::as_text(data, size));
    for (const std::string& app_id : store.app_ids()) {
      if (!appjwt::is_valid_app_id(app_id)) throw std::logic_error("stored an invalid app ID");
    }
    static_cast<void>(store.to_jwks().dump());
  });
  return 0;
}
