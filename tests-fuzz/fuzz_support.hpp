// Shared by the libFuzzer targets: input as text, fixture keys, and the one rule
// every target checks: bad input may only ever throw appjwt::Error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "appjwt/appjwt.hpp"

namespace appjwt_fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A key of test-vectors/attacks.json ("server_rsa_public", "server_secret", ...).
inline appjwt::Key fixture_key(const std::string& name) {
  std::ifstream in(std::filesystem::path(APPJWT_TEST_VECTORS_DIR) / "attacks.json");
  if (!in) throw std::runtime_error("cannot read test-vectors/attacks.json");
  const nlohmann::json entry = nlohmann::json::parse(in).at("keys").at(name);
  if (entry.at("format") == "secret") {
    return appjwt::Key::from_secret(entry.at("secret").get<std::string>());
  }
  return appjwt::Key::from_pem(entry.at("pem").get<std::string>());
}

// Every algorithm, so a token's alg may name any of them and reach the key/alg check.
inline std::vector<appjwt::Algorithm> all_algorithms() {
  std::vector<appjwt::Algorithm> algorithms;
  for (int alg = static_cast<int>(appjwt::Algorithm::RS256);
       alg <= static_cast<int>(appjwt::Algorithm::HS512); ++alg) {
    algorithms.push_back(static_cast<appjwt::Algorithm>(alg));
  }
  return algorithms;
}

// Runs action; an appjwt::Error is the expected rejection. Anything else
// escapes, and libFuzzer reports the uncaught exception as a crash.
template <class Action>
void rejecting_bad_input(Action action) {
  try {
    action();
  } catch (const appjwt::Error&) {
  }
}

// Uses a key that parsed from fuzzed bytes the way an application would.
inline void exercise(const appjwt::Key& key) {
  for (const appjwt::Algorithm alg : all_algorithms()) {
    if (!key.supports(alg)) continue;
    rejecting_bad_input([&] {
      if (key.is_private()) {
        const std::string signature = appjwt::sign_bytes("input", key, alg);
        if (!appjwt::verify_bytes("input", signature, key, alg)) {
          throw std::logic_error("a fresh signature does not verify");
        }
      }
      appjwt::verify_bytes("input", "signature", key, alg);
    });
  }
  if (key.type() == appjwt::KeyType::secret) return;
  rejecting_bad_input([&] {
    const appjwt::Key public_key = key.public_key();
    appjwt::Key::from_pem(public_key.public_pem());
    appjwt::Key::from_jwk(public_key.to_public_jwk());
    static_cast<void>(key.thumbprint());
  });
}

}  // namespace appjwt_fuzz
