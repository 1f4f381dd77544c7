// Application authentication in C++: the calling app signs a short-lived RS512
// token with its private key; the API server verifies it with the app's public
// key from its keys directory. Prints what is accepted and refused.
#include <cstdio>
#include <filesystem>
#include <string>

#include "appjwt/appjwt.hpp"

namespace {

int unexpected = 0;

// Verifies token and reports the outcome; `want` is the error code expected, or
// nothing for a token that must be accepted.
void check(const appjwt::KeyStore& store, const std::string& what, const std::string& token,
           const std::string& want = {}) {
  std::string outcome;
  try {
    const auto verified = store.verify(token);
    outcome = "accepted (app " + verified.app_id + ")";
  } catch (const appjwt::Error& error) {
    outcome = "refused: " + std::string(to_string(error.code()));
  }
  const bool as_expected =
      want.empty() ? outcome.starts_with("accepted") : outcome == "refused: " + want;
  if (!as_expected) ++unexpected;
  std::printf("%-4s %-36s %s\n", as_expected ? "ok" : "FAIL", what.c_str(), outcome.c_str());
}

std::string tampered(std::string token) {
  // Changes the first signature character, which carries 6 full bits, so the
  // token stays well-formed and only the signature is wrong.
  char& first = token[token.rfind('.') + 1];
  first = first == 'A' ? 'B' : 'A';
  return token;
}

}  // namespace

int main() {
  try {
    const auto keys =
        std::filesystem::temp_directory_path() / ("appjwt-demo-" + appjwt::generate_app_id());
    appjwt::KeyGenOptions key_options;
    key_options.rsa_bits = 2048;  // quick to generate; appjwt keygen defaults to 3072
    key_options.app_id = "stores";
    const auto stores = appjwt::generate_key_pair(keys, key_options);
    key_options.app_id.reset();  // a fresh, random app ID
    const auto other = appjwt::generate_key_pair(keys / "other", key_options);
    std::printf("keys for app \"stores\" in %s\n", keys.c_str());

    const auto store = appjwt::KeyStore::from_directory(keys);
    appjwt::TokenSigner signer("stores", appjwt::load_key_file(stores.private_key));
    const std::string token = signer.token();

    check(store, "token from stores", token);
    check(store, "same token, cached", signer.token());
    check(store, "tampered signature", tampered(token), "invalid_signature");
    appjwt::TokenSigner impostor("stores", appjwt::load_key_file(other.private_key));
    check(store, "signed with another app's key", impostor.token(), "invalid_signature");
    appjwt::TokenSigner unknown(other.app_id, appjwt::load_key_file(other.private_key));
    check(store, "unknown app", unknown.token(), "unknown_key");
    appjwt::TokenSignerOptions past;
    past.clock = [] { return 1'000'000'000.0; };
    appjwt::TokenSigner expired("stores", appjwt::load_key_file(stores.private_key), past);
    check(store, "expired token", expired.token(), "token_expired");

    std::filesystem::remove_all(keys);
  } catch (const appjwt::Error& error) {
    std::fprintf(stderr, "demo failed: %s\n", error.what());
    return 1;
  }
  if (unexpected > 0) std::printf("%d unexpected outcome(s)\n", unexpected);
  return unexpected == 0 ? 0 : 1;
}
