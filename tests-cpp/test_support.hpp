// Shared helpers for tests-cpp: error assertions and the JSON test vectors.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/errors.hpp"
#include "appjwt/jwt.hpp"

namespace appjwt {
// So gtest prints codes by name in failure messages.
inline void PrintTo(ErrorCode code, std::ostream* out) {
  *out << to_string(code);
}
}  // namespace appjwt

namespace appjwt::test {

// Success when calling f throws appjwt::Error with this code (and, if given, this claim()).
template <class F>
::testing::AssertionResult fails_with(F&& f, ErrorCode code,
                                      std::optional<std::string> claim = std::nullopt) {
  try {
    f();
  } catch (const Error& error) {
    if (error.code() != code) {
      return ::testing::AssertionFailure() << "threw " << to_string(error.code()) << " ("
                                           << error.what() << "), expected " << to_string(code);
    }
    if (claim && error.claim() != *claim) {
      return ::testing::AssertionFailure()
             << "error names claim \"" << error.claim() << "\", expected \"" << *claim << '"';
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "did not throw, expected " << to_string(code);
}

// The code whose to_string() is name; throws std::invalid_argument for unknown names.
ErrorCode error_code_named(std::string_view name);

// A parsed file of test-vectors/, loaded once per process.
const nlohmann::json& vectors(std::string_view file_name);

// VerifyOptions from the vectors' option object (keys named as the struct's fields).
VerifyOptions verify_options_from_json(const nlohmann::json& options);

// Cases of one group of a vector file, each carrying a "name", for ValuesIn.
std::vector<nlohmann::json> cases(std::string_view file_name, std::string_view group);

// gtest parameter name for a case: its "name".
std::string case_name(const ::testing::TestParamInfo<nlohmann::json>& info);

}  // namespace appjwt::test
