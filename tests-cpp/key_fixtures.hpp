// Test-only keys from test-vectors/keys.json (see its _comment for the schema).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "appjwt/errors.hpp"
#include "appjwt/key.hpp"

namespace appjwt::test {

// The appjwt::Error that call() throws; fails the test when it throws none.
template <class Call>
Error thrown_error(Call call) {
  try {
    call();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no appjwt::Error was thrown";
  return Error(ErrorCode::invalid_argument, "no error");
}

inline const nlohmann::json& key_fixtures() {
  static const nlohmann::json document = [] {
    std::ifstream file(std::string(APPJWT_TEST_VECTORS_DIR) + "/keys.json");
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str());
  }();
  return document;
}

// A member of one fixture key: fixture("rsa2048", "public_spki_pem").
inline const nlohmann::json& fixture_json(std::string_view key, std::string_view member) {
  return key_fixtures().at("keys").at(std::string(key)).at(std::string(member));
}

inline std::string fixture(std::string_view key, std::string_view member) {
  return fixture_json(key, member).get<std::string>();
}

// The bytes of a *_der_base64 member.
inline std::string fixture_der(std::string_view key, std::string_view member) {
  const std::string text = fixture(key, member);
  std::string out(text.size() / 4 * 3, '\0');
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                   reinterpret_cast<const unsigned char*>(text.data()),
                                   static_cast<int>(text.size()));
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(size) - padding);
  return out;
}

inline Key private_key(std::string_view name) {
  return Key::from_pem(fixture(name, "private_pkcs8_pem"));
}

inline Key public_key(std::string_view name) {
  return Key::from_pem(fixture(name, "public_spki_pem"));
}

}  // namespace appjwt::test
