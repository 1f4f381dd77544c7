// The attack suite, test-vectors/attacks.json (made by make_attacks.py): every
// hostile token and key is refused with its exact ErrorCode, and no error
// message repeats the token or any key material. Zero cases may be accepted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "appjwt/appjwt.hpp"

namespace {

using nlohmann::json;

const json& attacks() {
  static const json document = [] {
    std::ifstream in(std::filesystem::path(APPJWT_TEST_VECTORS_DIR) / "attacks.json");
    if (!in) throw std::runtime_error("cannot read test-vectors/attacks.json");
    return json::parse(in);
  }();
  return document;
}

std::string case_name(const testing::TestParamInfo<json>& info) {
  return info.param.at("name").get<std::string>();
}

// A stored token, or one described as {prefix, repeat, count, suffix} because it is too big.
std::string token_of(const json& attack) {
  const json& spec = attack.at("token");
  if (spec.is_string()) return spec.get<std::string>();
  std::string token = spec.value("prefix", "");
  const auto repeat = spec.at("repeat").get<std::string>();
  const auto count = spec.at("count").get<std::size_t>();
  token.reserve(token.size() + repeat.size() * count);
  for (std::size_t i = 0; i < count; ++i) token += repeat;
  return token + spec.value("suffix", "");
}

const json& key_entry(const std::string& name) {
  return attacks().at("keys").at(name);
}

appjwt::Key key_named(const std::string& name) {
  const json& entry = key_entry(name);
  if (entry.at("format") == "secret") {
    return appjwt::Key::from_secret(entry.at("secret").get<std::string>());
  }
  return appjwt::Key::from_pem(entry.at("pem").get<std::string>());
}

// The case's key: a named key, or a literal HMAC secret.
appjwt::Key key_of(const json& attack) {
  if (attack.contains("secret"))
    return appjwt::Key::from_secret(attack["secret"].get<std::string>());
  return key_named(attack.at("key").get<std::string>());
}

appjwt::VerifyOptions verify_options_of(const json& attack) {
  const json& options = attack.at("options");
  appjwt::VerifyOptions result;
  for (const json& name : options.at("algorithms")) {
    result.algorithms.push_back(appjwt::parse_algorithm(name.get<std::string>()));
  }
  if (options.contains("max_token_size")) {
    result.max_token_size = options["max_token_size"].get<std::size_t>();
  }
  if (options.contains("understood_critical")) {
    result.understood_critical = options["understood_critical"].get<std::vector<std::string>>();
  }
  return result;
}

struct Outcome {
  std::string code;     // to_string(ErrorCode), "accepted", or what else was thrown
  std::string message;  // the error's what()
};

Outcome outcome_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const appjwt::Error& error) {
    return {std::string(appjwt::to_string(error.code())), error.what()};
  } catch (const std::exception& error) {
    return {std::string("not an appjwt::Error: ") + error.what(), error.what()};
  }
  return {"accepted", ""};
}

// Everything an error message must never repeat: the token, and the case's key material.
std::vector<std::string> secrets_of(const json& attack) {
  std::vector<std::string> secrets;
  if (attack.contains("token") && attack["token"].is_string()) {
    secrets.push_back(attack["token"].get<std::string>());
  }
  if (attack.contains("secret")) secrets.push_back(attack["secret"].get<std::string>());
  if (attack.contains("key")) {
    const json& entry = key_entry(attack["key"].get<std::string>());
    secrets.push_back(entry.value("pem", entry.value("secret", "")));
  }
  std::erase_if(secrets, [](const std::string& secret) { return secret.size() < 16; });
  return secrets;
}

// Safe to log: repeats no token or key material, and no control character
// (an attacker's "store\nfront" must not forge a log line).
void expect_message_is_safe_to_log(const json& attack, const Outcome& outcome) {
  EXPECT_EQ(
      std::ranges::count_if(outcome.message, [](unsigned char c) { return c < 0x20 || c == 0x7f; }),
      0)
      << "the message holds a control character: " << json(outcome.message).dump();
  for (const std::string& secret : secrets_of(attack)) {
    // A 16-byte window of a PEM body or token is already key/token material.
    for (std::size_t at = 0; at + 16 <= secret.size(); at += 16) {
      const std::string window = secret.substr(at, 16);
      if (window.find_first_of("-\n ") != std::string::npos) continue;  // PEM armour
      EXPECT_EQ(outcome.message.find(window), std::string::npos)
          << "the message repeats input material: " << outcome.message;
    }
  }
}

// Tokens through appjwt::verify, application tokens through KeyStore::verify,
// keys through the factories and sign/verify. The store holds store-front
// (server_rsa) and other-app (attacker_rsa); evil_public.pem, outside the store,
// is attacker_rsa again, so a store that built a path from "../evil" would accept.
class Attack : public testing::TestWithParam<json> {
 protected:
  static void SetUpTestSuite() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "appjwt-attacks-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    std::filesystem::create_directory(root_ / "keys");
    write_public_key(root_ / "keys" / "store-front_public.pem", "server_rsa_public");
    write_public_key(root_ / "keys" / "other-app_public.pem", "attacker_rsa_public");
    write_public_key(root_ / "evil_public.pem", "attacker_rsa_public");
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(root_); }

  static void write_public_key(const std::filesystem::path& path, const std::string& name) {
    std::ofstream(path) << key_entry(name).at("pem").get<std::string>();
  }

  Outcome attempt() const {
    const json& attack = GetParam();
    const std::string section = attack.at("section").get<std::string>();
    return outcome_of([&] {
      if (section == "key_store") {
        verify_app_token(attack);
      } else if (section == "keys") {
        use_key(attack);
      } else {
        appjwt::verify(token_of(attack), key_of(attack), verify_options_of(attack));
      }
    });
  }

  static void verify_app_token(const json& attack) {
    const appjwt::KeyStore store = appjwt::KeyStore::from_directory(root_ / "keys");
    appjwt::AppVerifyOptions options;
    options.app_id_from_kid = attack.at("app_id_from") == "kid";
    store.verify(token_of(attack), options);
  }

  static void use_key(const json& attack) {
    const std::string operation = attack.at("operation").get<std::string>();
    if (operation == "secret") {
      appjwt::Key::from_secret(attack.at("secret").get<std::string>());
    } else if (operation == "sign") {
      appjwt::SignOptions options;
      options.algorithm = appjwt::parse_algorithm(attack.at("algorithm").get<std::string>());
      appjwt::sign(attack.at("payload"), key_of(attack), options);
    } else if (operation == "verify") {
      appjwt::verify(token_of(attack), key_of(attack), verify_options_of(attack));
    } else {
      throw std::logic_error("unknown operation " + operation);
    }
  }

  static inline std::filesystem::path root_;
};

TEST_P(Attack, IsRejectedWithTheExpectedCode) {
  EXPECT_EQ(attempt().code, GetParam().at("expected_error").get<std::string>())
      << GetParam().at("description").get<std::string>();
}

TEST_P(Attack, ErrorMessageIsSafeToLog) {
  expect_message_is_safe_to_log(GetParam(), attempt());
}

INSTANTIATE_TEST_SUITE_P(AttacksJson, Attack, testing::ValuesIn(attacks().at("cases")), case_name);

}  // namespace
