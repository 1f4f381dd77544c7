#include "convert.hpp"

#include <cmath>

namespace appjwt::node {
namespace {

[[noreturn]] void type_error(const Napi::Value& value, std::string_view what,
                             std::string_view expected) {
  throw Napi::TypeError::New(value.Env(), std::string(what) + " must be " + std::string(expected));
}

}  // namespace

std::string bytes_of(const Napi::Value& value, std::string_view what) {
  if (value.IsString()) return value.As<Napi::String>().Utf8Value();
  if (value.IsTypedArray()) {
    const auto bytes = value.As<Napi::TypedArray>();
    if (bytes.TypedArrayType() == napi_uint8_array) {
      const auto array = value.As<Napi::Uint8Array>();
      return {reinterpret_cast<const char*>(array.Data()), array.ByteLength()};
    }
  }
  type_error(value, what, "a string or a Buffer");
}

std::string string_of(const Napi::Value& value, std::string_view what) {
  if (!value.IsString()) type_error(value, what, "a string");
  return value.As<Napi::String>().Utf8Value();
}

double number_of(const Napi::Value& value, std::string_view what) {
  const double number = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  if (!std::isfinite(number)) type_error(value, what, "a finite number");
  return number;
}

std::int64_t integer_of(const Napi::Value& value, std::string_view what, std::int64_t min,
                        std::int64_t max) {
  const double number = std::floor(number_of(value, what));
  if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
    throw Napi::RangeError::New(value.Env(), std::string(what) + " must be between " +
                                                 std::to_string(min) + " and " +
                                                 std::to_string(max));
  }
  return static_cast<std::int64_t>(number);
}

Algorithm algorithm_of(const Napi::Value& value) {
  return parse_algorithm(string_of(value, "algorithm"));
}

std::vector<std::string> strings_of(const Napi::Value& value, std::string_view what) {
  if (value.IsString()) return {value.As<Napi::String>().Utf8Value()};
  if (!value.IsArray()) type_error(value, what, "a string or an array of strings");
  const auto array = value.As<Napi::Array>();
  std::vector<std::string> strings;
  strings.reserve(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) strings.push_back(string_of(array.Get(i), what));
  return strings;
}

std::vector<Algorithm> algorithms_of(const Napi::Value& value) {
  std::vector<Algorithm> algorithms;
  for (const auto& name : strings_of(value, "algorithms")) {
    algorithms.push_back(parse_algorithm(name));
  }
  return algorithms;
}

nlohmann::json json_of(const Napi::Value& value) {
  const auto json = value.Env().Global().Get("JSON").As<Napi::Object>();
  const auto text = json.Get("stringify").As<Napi::Function>().Call(json, {value});
  if (!text.IsString()) type_error(value, "value", "JSON-serializable");
  return nlohmann::json::parse(text.As<Napi::String>().Utf8Value());
}

Napi::Value to_js(Napi::Env env, const nlohmann::json& value) {
  const auto json = env.Global().Get("JSON").As<Napi::Object>();
  return json.Get("parse").As<Napi::Function>().Call(json, {Napi::String::New(env, value.dump())});
}

Napi::Array to_js(Napi::Env env, const std::vector<std::string>& strings) {
  auto array = Napi::Array::New(env, strings.size());
  for (uint32_t i = 0; i < strings.size(); ++i) array.Set(i, strings[i]);
  return array;
}

Napi::Array to_js(Napi::Env env, const std::vector<Algorithm>& algorithms) {
  auto array = Napi::Array::New(env, algorithms.size());
  for (uint32_t i = 0; i < algorithms.size(); ++i) {
    array.Set(i, std::string(to_string(algorithms[i])));
  }
  return array;
}

Options::Options(const Napi::Value& value, std::string_view what) : what_(what) {
  if (value.IsUndefined() || value.IsNull()) {
    object_ = Napi::Object::New(value.Env());
  } else if (value.IsObject()) {
    object_ = value.As<Napi::Object>();
  } else {
    type_error(value, what, "an object");
  }
}

std::optional<Napi::Value> Options::get(const char* name) const {
  auto value = object_.Get(name);
  if (value.IsUndefined() || value.IsNull()) return std::nullopt;
  return value;
}

std::optional<std::string> Options::string(const char* name) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return string_of(*value, what_ + "." + name);
}

std::optional<double> Options::number(const char* name) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return number_of(*value, what_ + "." + name);
}

std::optional<std::int64_t> Options::integer(const char* name, std::int64_t min,
                                             std::int64_t max) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return integer_of(*value, what_ + "." + name, min, max);
}

bool Options::flag(const char* name, bool absent) const {
  const auto value = get(name);
  return value ? value->ToBoolean().Value() : absent;
}

std::vector<std::string> Options::strings(const char* name) const {
  const auto value = get(name);
  if (!value) return {};
  return strings_of(*value, what_ + "." + name);
}

}  // namespace appjwt::node
