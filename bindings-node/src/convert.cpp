#include "convert.hpp"

#include <algorithm>
#include <cmath>

#include "addon.hpp"

namespace appjwt::node {
namespace {

[[noreturn]] void type_error(const Napi::Value& value, const What& what,
                             std::string_view expected) {
  throw Napi::TypeError::New(value.Env(), what.text() + " must be " + std::string(expected));
}

constexpr std::string_view property_name_texts[] = {
#define APPJWT_NODE_TEXT(name) #name,
    APPJWT_NODE_PROPERTY_NAMES(APPJWT_NODE_TEXT)
#undef APPJWT_NODE_TEXT
};
// PropertyNames::find searches them by bisection.
static_assert(std::ranges::is_sorted(property_name_texts));
// Longer than any name: a key this long (or longer, truncated) is none of them.
constexpr std::size_t name_buffer_size =
    std::ranges::max(property_name_texts, {}, &std::string_view::size).size() + 2;

}  // namespace

PropertyNames::PropertyNames(Napi::Env env) {
  auto strings = Napi::Array::New(env, std::size(property_name_texts));
  for (uint32_t i = 0; i < std::size(property_name_texts); ++i) {
    strings.Set(i, Napi::String::New(env, property_name_texts[i].data()));
  }
  strings_ = Napi::Persistent(strings.As<Napi::Object>());
}

Napi::String PropertyNames::operator[](Name name) const {
  return strings_.Value().Get(static_cast<uint32_t>(name)).As<Napi::String>();
}

const char* PropertyNames::text(Name name) {
  return property_name_texts[static_cast<std::size_t>(name)].data();
}

std::optional<Name> PropertyNames::find(std::string_view text) {
  const auto found = std::ranges::lower_bound(property_name_texts, text);
  if (found == std::end(property_name_texts) || *found != text) return std::nullopt;
  return static_cast<Name>(found - std::begin(property_name_texts));
}

Napi::String name_of(Napi::Env env, Name name) {
  return addon_data(env).names[name];
}

std::string What::text() const {
  std::string text(prefix);
  if (member) text.append(".").append(PropertyNames::text(*member));
  return text;
}

std::string bytes_of(const Napi::Value& value, const What& what) {
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

std::string string_of(const Napi::Value& value, const What& what) {
  if (!value.IsString()) type_error(value, what, "a string");
  return value.As<Napi::String>().Utf8Value();
}

double number_of(const Napi::Value& value, const What& what) {
  const double number = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  if (!std::isfinite(number)) type_error(value, what, "a finite number");
  return number;
}

std::int64_t integer_of(const Napi::Value& value, const What& what, std::int64_t min,
                        std::int64_t max) {
  const double number = std::floor(number_of(value, what));
  if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
    throw Napi::RangeError::New(
        value.Env(),
        what.text() + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return static_cast<std::int64_t>(number);
}

Algorithm algorithm_of(const Napi::Value& value) {
  return parse_algorithm(string_of(value, "algorithm"));
}

std::vector<std::string> strings_of(const Napi::Value& value, const What& what) {
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
  const auto& data = addon_data(value.Env());
  const auto text = data.json_stringify.Call(data.json.Value(), {value});
  if (!text.IsString()) type_error(value, "value", "JSON-serializable");
  return nlohmann::json::parse(text.As<Napi::String>().Utf8Value());
}

Napi::Value to_js(Napi::Env env, const nlohmann::json& value) {
  const auto& data = addon_data(env);
  return data.json_parse.Call(data.json.Value(), {Napi::String::New(env, value.dump())});
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

Options::Options(const Napi::Value& value, std::string_view what) : env_(value.Env()), what_(what) {
  if (value.IsUndefined() || value.IsNull()) return;
  if (!value.IsObject()) type_error(value, {what, std::nullopt}, "an object");
  const auto object = value.As<Napi::Object>();
  const auto keys = object.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); ++i) {
    const Napi::Value key = keys.Get(i);
    char text[name_buffer_size];
    std::size_t length = 0;
    NAPI_THROW_IF_FAILED_VOID(env_,
                              napi_get_value_string_utf8(env_, key, text, sizeof text, &length));
    const auto name = PropertyNames::find({text, length});
    if (!name) continue;
    const auto member = object.Get(key);
    const auto type = member.Type();
    if (type != napi_undefined && type != napi_null)
      values_[static_cast<std::size_t>(*name)] = member;
  }
}

std::optional<Napi::Value> Options::get(Name name) const {
  const napi_value value = values_[static_cast<std::size_t>(name)];
  if (value == nullptr) return std::nullopt;
  return Napi::Value(env_, value);
}

std::optional<std::string> Options::string(Name name) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return string_of(*value, {what_, name});
}

std::optional<double> Options::number(Name name) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return number_of(*value, {what_, name});
}

std::optional<std::int64_t> Options::integer(Name name, std::int64_t min, std::int64_t max) const {
  const auto value = get(name);
  if (!value) return std::nullopt;
  return integer_of(*value, {what_, name}, min, max);
}

bool Options::flag(Name name, bool absent) const {
  const auto value = get(name);
  return value ? value->ToBoolean().Value() : absent;
}

std::vector<std::string> Options::strings(Name name) const {
  const auto value = get(name);
  if (!value) return {};
  return strings_of(*value, {what_, name});
}

}  // namespace appjwt::node
