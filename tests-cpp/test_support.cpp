#include "test_support.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

namespace appjwt::test {

ErrorCode error_code_named(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::io_error); ++i) {
    if (to_string(static_cast<ErrorCode>(i)) == name) return static_cast<ErrorCode>(i);
  }
  throw std::invalid_argument("no ErrorCode is named " + std::string(name));
}

const nlohmann::json& vectors(std::string_view file_name) {
  static std::mutex mutex;
  static std::map<std::string, nlohmann::json, std::less<>> loaded;
  const std::lock_guard lock(mutex);
  if (const auto found = loaded.find(file_name); found != loaded.end()) return found->second;
  const std::string path = std::string(APPJWT_TEST_VECTORS_DIR) + "/" + std::string(file_name);
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open " + path);
  return loaded.emplace(std::string(file_name), nlohmann::json::parse(file)).first->second;
}

VerifyOptions verify_options_from_json(const nlohmann::json& options) {
  VerifyOptions result;
  for (const auto& [name, value] : options.items()) {
    if (name == "algorithms") {
      for (const auto& alg : value)
        result.algorithms.push_back(parse_algorithm(alg.get<std::string>()));
    } else if (name == "now") {
      result.now = value.get<double>();
    } else if (name == "clock_tolerance") {
      result.clock_tolerance = Seconds(value.get<double>());
    } else if (name == "max_age") {
      result.max_age = Seconds(value.get<double>());
    } else if (name == "audience") {
      result.audience = value.get<std::vector<std::string>>();
    } else if (name == "audience_patterns") {
      for (const auto& pattern : value)
        result.audience_patterns.emplace_back(pattern.get<std::string>());
    } else if (name == "reject_unexpected_audience") {
      result.reject_unexpected_audience = value.get<bool>();
    } else if (name == "strict_audience") {
      result.strict_audience = value.get<bool>();
    } else if (name == "issuer") {
      result.issuer = value.get<std::vector<std::string>>();
    } else if (name == "subject") {
      result.subject = value.get<std::string>();
    } else if (name == "jwt_id") {
      result.jwt_id = value.get<std::string>();
    } else if (name == "nonce") {
      result.nonce = value.get<std::string>();
    } else if (name == "ignore_expiration") {
      result.ignore_expiration = value.get<bool>();
    } else if (name == "ignore_not_before") {
      result.ignore_not_before = value.get<bool>();
    } else if (name == "verify_issued_at") {
      result.verify_issued_at = value.get<bool>();
    } else if (name == "required_claims") {
      result.required_claims = value.get<std::vector<std::string>>();
    } else if (name == "max_token_size") {
      result.max_token_size = value.get<std::size_t>();
    } else if (name == "understood_critical") {
      result.understood_critical = value.get<std::vector<std::string>>();
    } else {
      // A vector using an option this reader does not know would silently test less.
      throw std::runtime_error("unknown option in test vectors: " + name);
    }
  }
  return result;
}

std::vector<nlohmann::json> cases(std::string_view file_name, std::string_view group) {
  const auto& all = vectors(file_name).at(std::string(group));
  return {all.begin(), all.end()};
}

std::string case_name(const ::testing::TestParamInfo<nlohmann::json>& info) {
  return info.param.at("name").get<std::string>();
}

}  // namespace appjwt::test
