// Shared declarations of the appjwt._native extension. Each .cpp binds one
// concept; module.cpp puts them together.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>
#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"
#include "appjwt/key.hpp"

namespace appjwt::python {

namespace py = pybind11;

// A value with no direct JSON equivalent (a datetime, a non-string dict key, a
// NaN...). Raised to Python as _native.NotJsonNative, on which the Python layer
// serialises with json.dumps instead, as PyJWT does.
class NotJsonNative : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Python dict/list/tuple/str/int/float/bool/None to JSON, and back.
nlohmann::json to_json(py::handle value);
py::object from_json(const nlohmann::json& value);

// The bytes of a str (UTF-8) or bytes object, viewed in place: valid while the
// object lives, and safe to read without the GIL as both types are immutable.
std::string_view bytes_view(py::handle value, const char* what);

// JOSE names to algorithms; names the core does not implement are left out (as
// PyJWT accepts unknown names in an allow-list, which then match no token).
std::vector<Algorithm> algorithms_from_names(const std::vector<std::string>& names);
std::vector<std::string> algorithm_names(const std::vector<Algorithm>& algorithms);
// The same for configuration, where an unknown name is a mistake:
// Error(algorithm_not_allowed).
std::vector<Algorithm> parse_algorithms(const std::vector<std::string>& names);

// A key argument read with the GIL held: a Key; str/bytes that are an HMAC
// secret when `algorithms` is non-empty and all HS*, otherwise a PEM / OpenSSH /
// JWK document; or a JWK dict. resolve() needs no GIL, so a caller can look the
// key up in the same GIL release as its crypto. Valid while the argument lives.
class KeyArgument {
 public:
  // A TypeError for any other type.
  KeyArgument(py::handle value, const std::vector<Algorithm>& algorithms);
  // The Key, parsed through the shared KeyCache; throws Error for bad key material.
  Key resolve() const;
  bool is_parsed() const noexcept { return parsed_.has_value(); }

 private:
  enum class Format : unsigned char { parsed, secret, jwk_dict, jwk_text, document };
  Format format_ = Format::parsed;
  std::optional<Key> parsed_;
  std::string jwk_json_;       // a JWK dict, serialised
  std::string_view material_;  // str/bytes, viewed in place
};

// KeyArgument(value, algorithms).resolve(), with the GIL released for a lookup.
Key to_key(py::handle value, const std::vector<Algorithm>& algorithms);

// Seconds given as an int, a float or a datetime.timedelta; whole_seconds also
// refuses fractions, for the core's std::chrono::seconds options.
double seconds_of(py::handle value, const char* what);
std::chrono::seconds whole_seconds(py::handle value, const char* what);

void bind_errors(py::module_& module);
void bind_keys(py::module_& module);
void bind_jwt(py::module_& module);
void bind_app_auth(py::module_& module);

}  // namespace appjwt::python
