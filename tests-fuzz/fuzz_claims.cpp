// validate_claims() of any JSON object, with every kind of claim check configured.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const appjwt::VerifyOptions options = [] {
    appjwt::VerifyOptions verify_options;
    verify_options.algorithms = {appjwt::Algorithm::RS512};
    verify_options.audience = {"api"};
    verify_options.audience_patterns = {std::regex("^urn:api:[a-z]+$")};
    verify_options.issuer = {"store-front", "admin"};
    verify_options.subject = "store-front";
    verify_options.jwt_id = "id-1";
    verify_options.nonce = "n-1";
    verify_options.clock_tolerance = appjwt::Seconds(5);
    verify_options.max_age = appjwt::Seconds(300);
    verify_options.required_claims = {"exp", "iat"};
    verify_options.now = 1700000100;
    return verify_options;
  }();
  const nlohmann::json payload =
      nlohmann::json::parse(appjwt_fuzz::as_text(data, size), nullptr, false);
  if (!payload.is_object()) return -1;  // not a claims set: keep it out of the corpus
  appjwt_fuzz::rejecting_bad_input([&] { appjwt::validate_claims(payload, options); });
  return 0;
}
