// KeyStore::verify of any bytes: the unverified app ID (claim, then kid) picks the key.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const appjwt::KeyStore store = [] {
    appjwt::KeyStore keys;
    keys.add("store-front", appjwt_fuzz::fixture_key("server_rsa_public"));
    keys.set_scopes("store-front", {"users:read"});
    return keys;
  }();
  const std::string_view token = appjwt_fuzz::as_text(data, size);
  for (const bool from_kid : {false, true}) {
    appjwt::AppVerifyOptions options;
    options.app_id_from_kid = from_kid;
    options.required_scopes = {"users:read"};
    appjwt_fuzz::rejecting_bad_input([&] { store.verify(token, options); });
  }
  return 0;
}
