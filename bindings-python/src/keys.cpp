// appjwt.Key, and the conversion of PyJWT-style key arguments to Keys.
#include <algorithm>
#include <string>

#include "appjwt/key_cache.hpp"
#include "bindings.hpp"

namespace appjwt::python {
namespace {

// JOSE curve names ("crv"), None for RSA keys and secrets.
py::object curve_name(Curve curve) {
  const std::string_view name = to_string(curve);
  return name.empty() ? py::object(py::none()) : py::object(py::str(name.data(), name.size()));
}

Curve curve_from_name(const std::string& name) {
  if (const auto curve = ec_curve_from_string(name)) return *curve;
  throw py::value_error("curve must be \"P-256\", \"P-384\" or \"P-521\"");
}

bool is_hmac(Algorithm alg) {
  return alg == Algorithm::HS256 || alg == Algorithm::HS384 || alg == Algorithm::HS512;
}

// A JWK in JSON text, as opposed to PEM or OpenSSH text.
bool is_json_text(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text[start] == '{';
}

Key key_from_jwk(py::handle jwk) {
  if (PyDict_Check(jwk.ptr())) {
    const nlohmann::json document = to_json(jwk);
    py::gil_scoped_release release;
    return Key::from_jwk(document);
  }
  const auto text = bytes_view(jwk, "jwk");
  py::gil_scoped_release release;
  return Key::from_jwk(text);
}

std::string describe(const Key& key) {
  std::string text = "<appjwt.Key ";
  text += to_string(key.type());
  if (key.curve() != Curve::none) {
    text += ' ';
    text += to_string(key.curve());
  }
  text += ' ' + std::to_string(key.bits()) + " bits";
  if (key.type() != KeyType::secret) text += key.is_private() ? " private" : " public";
  return text + '>';
}

}  // namespace

std::string_view bytes_view(py::handle value, const char* what) {
  if (PyBytes_Check(value.ptr())) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(value.ptr(), &data, &size) != 0) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
  }
  if (PyUnicode_Check(value.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
  }
  throw py::type_error(std::string(what) + " must be str or bytes, not " +
                       Py_TYPE(value.ptr())->tp_name);
}

std::vector<Algorithm> algorithms_from_names(const std::vector<std::string>& names) {
  std::vector<Algorithm> algorithms;
  for (const auto& name : names) {
    if (const auto alg = algorithm_from_string(name)) algorithms.push_back(*alg);
  }
  return algorithms;
}

std::vector<std::string> algorithm_names(const std::vector<Algorithm>& algorithms) {
  std::vector<std::string> names;
  for (const Algorithm alg : algorithms) names.emplace_back(to_string(alg));
  return names;
}

std::vector<Algorithm> parse_algorithms(const std::vector<std::string>& names) {
  std::vector<Algorithm> algorithms;
  for (const auto& name : names) algorithms.push_back(parse_algorithm(name));
  return algorithms;
}

KeyArgument::KeyArgument(py::handle value, const std::vector<Algorithm>& algorithms) {
  // str/bytes first: the common case, and cheaper to recognise than a Key.
  if (PyBytes_Check(value.ptr()) || PyUnicode_Check(value.ptr())) {
    material_ = bytes_view(value, "key");
    if (!algorithms.empty() && std::ranges::all_of(algorithms, is_hmac)) {
      format_ = Format::secret;
    } else {
      format_ = is_json_text(material_) ? Format::jwk_text : Format::document;
    }
  } else if (PyDict_Check(value.ptr())) {
    format_ = Format::jwk_dict;
    jwk_json_ = to_json(value).dump();
  } else if (py::isinstance<Key>(value)) {
    parsed_ = value.cast<Key>();
  } else {
    throw py::type_error(
        std::string("Expecting a PEM-formatted key, a JWK, an HMAC secret (str or bytes) or an "
                    "appjwt.Key, not ") +
        Py_TYPE(value.ptr())->tp_name);
  }
}

Key KeyArgument::resolve() const {
  KeyCache& cache = KeyCache::shared();
  switch (format_) {
    case Format::parsed:
      return *parsed_;
    case Format::secret:
      return cache.from_secret(material_);
    case Format::jwk_dict:
      return cache.from_jwk(jwk_json_);
    case Format::jwk_text:
      return cache.from_jwk(material_);
    case Format::document:
      break;
  }
  return cache.from_pem(material_);
}

Key to_key(py::handle value, const std::vector<Algorithm>& algorithms) {
  const KeyArgument argument(value, algorithms);
  if (argument.is_parsed()) return argument.resolve();
  py::gil_scoped_release release;
  return argument.resolve();
}

void bind_keys(py::module_& module) {
  py::class_<Key>(module, "Key",
                  "A parsed key bound to its algorithm family; immutable and thread-safe.")
      .def_static(
          "from_pem",
          [](py::handle pem, py::handle passphrase) {
            const auto text = bytes_view(pem, "pem");
            const auto secret =
                passphrase.is_none() ? std::string_view{} : bytes_view(passphrase, "passphrase");
            py::gil_scoped_release release;
            return Key::from_pem(text, secret);
          },
          py::arg("pem"), py::arg("passphrase") = py::none())
      .def_static(
          "from_der",
          [](const py::bytes& der) {
            const auto bytes = bytes_view(der, "der");
            py::gil_scoped_release release;
            return Key::from_der(bytes);
          },
          py::arg("der"))
      .def_static("from_jwk", &key_from_jwk, py::arg("jwk"))
      .def_static(
          "from_secret",
          [](py::handle secret) { return Key::from_secret(bytes_view(secret, "secret")); },
          py::arg("secret"))
      .def_static("generate_rsa", &Key::generate_rsa, py::arg("bits") = 3072,
                  py::call_guard<py::gil_scoped_release>())
      .def_static(
          "generate_ec",
          [](const std::string& curve) {
            const Curve parsed = curve_from_name(curve);
            py::gil_scoped_release release;
            return Key::generate_ec(parsed);
          },
          py::arg("curve") = "P-256")
      .def_static("generate_ed25519", &Key::generate_ed25519,
                  py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("type",
                             [](const Key& key) { return std::string(to_string(key.type())); })
      .def_property_readonly("curve", [](const Key& key) { return curve_name(key.curve()); })
      .def_property_readonly("bits", &Key::bits)
      .def_property_readonly("is_private", &Key::is_private)
      .def(
          "supports",
          [](const Key& key, const std::string& algorithm) {
            const auto alg = algorithm_from_string(algorithm);
            return alg && key.supports(*alg);
          },
          py::arg("algorithm"))
      .def("public_key", &Key::public_key)
      .def("public_pem", &Key::public_pem)
      .def("private_pem", &Key::private_pem)
      .def("to_public_jwk", [](const Key& key) { return from_json(key.to_public_jwk()); })
      .def("thumbprint", &Key::thumbprint)
      .def("__repr__", &describe);

  module.def(
      "to_key",
      [](py::handle key, const std::vector<std::string>& algorithms) {
        return to_key(key, algorithms_from_names(algorithms));
      },
      py::arg("key"), py::arg("algorithms"));
  module.def("key_cache_size", [] { return KeyCache::shared().size(); });
  module.def("clear_key_cache", [] { KeyCache::shared().clear(); });
}

}  // namespace appjwt::python
