// Conversions between JavaScript values and the core's types. The JS layer
// validates jsonwebtoken's option shapes; these checks keep the addon safe when
// it is called directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <napi.h>
#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"

namespace appjwt::node {

// A string (as UTF-8) or the bytes of a Buffer / Uint8Array.
std::string bytes_of(const Napi::Value& value, std::string_view what);
std::string string_of(const Napi::Value& value, std::string_view what);
// A finite number (NaN and infinities would defeat the core's comparisons).
double number_of(const Napi::Value& value, std::string_view what);
// JavaScript's largest exactly representable integer (Number.MAX_SAFE_INTEGER).
inline constexpr std::int64_t max_safe_integer = (std::int64_t{1} << 53) - 1;
// RSA sizes beyond any the core generates (it refuses all but 2048/3072/4096).
inline constexpr std::int64_t max_rsa_bits = 16384;
// A finite number in [min, max], rounded down to an integer.
std::int64_t integer_of(const Napi::Value& value, std::string_view what, std::int64_t min,
                        std::int64_t max);
Algorithm algorithm_of(const Napi::Value& value);
// A string or an array of strings.
std::vector<std::string> strings_of(const Napi::Value& value, std::string_view what);
std::vector<Algorithm> algorithms_of(const Napi::Value& value);

// Any JSON-compatible value, through the engine's JSON.stringify / JSON.parse.
nlohmann::json json_of(const Napi::Value& value);
Napi::Value to_js(Napi::Env env, const nlohmann::json& value);
Napi::Array to_js(Napi::Env env, const std::vector<std::string>& strings);
Napi::Array to_js(Napi::Env env, const std::vector<Algorithm>& algorithms);

// Reads the members of an options object; undefined and null members are absent.
class Options {
 public:
  Options(const Napi::Value& value, std::string_view what);
  std::optional<Napi::Value> get(const char* name) const;
  std::optional<std::string> string(const char* name) const;
  std::optional<double> number(const char* name) const;
  std::optional<std::int64_t> integer(const char* name, std::int64_t min, std::int64_t max) const;
  bool flag(const char* name, bool absent) const;
  std::vector<std::string> strings(const char* name) const;  // empty when absent

 private:
  Napi::Object object_;
  std::string what_;
};

}  // namespace appjwt::node
