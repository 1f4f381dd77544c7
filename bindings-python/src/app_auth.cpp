// Application authentication: app IDs, application key files, KeyStore (the API
// server's side) and TokenSigner (the calling application's side).
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "appjwt/app_id.hpp"
#include "appjwt/key_files.hpp"
#include "appjwt/key_store.hpp"
#include "appjwt/token_signer.hpp"
#include "bindings.hpp"

namespace appjwt::python {
namespace {

using std::filesystem::path;

// A verified application token, with header and claims converted once.
struct VerifiedAppToken {
  std::string app_id;
  std::string kid;
  py::dict header;
  py::dict claims;
  std::vector<std::string> scopes;
};

AppKeyOptions key_options(const std::optional<std::vector<std::string>>& algorithms,
                          std::string kid) {
  AppKeyOptions options;
  if (algorithms) options.algorithms = parse_algorithms(*algorithms);
  options.kid = std::move(kid);
  return options;
}

// A Python clock callable for the core, which may call it without the GIL.
std::function<double()> clock_of(const py::object& clock) {
  if (clock.is_none()) return {};
  auto shared = std::shared_ptr<py::object>(new py::object(clock), [](py::object* object) {
    const py::gil_scoped_acquire acquire;
    delete object;
  });
  return [shared]() {
    const py::gil_scoped_acquire acquire;
    return (*shared)().cast<double>();
  };
}

// A file or directory source of a KeyStore, read with the GIL released.
template <void (KeyStore::*load)(const path&, const AppKeyOptions&)>
void load_source(KeyStore& store, const path& source,
                 const std::optional<std::vector<std::string>>& algorithms) {
  const AppKeyOptions options = key_options(algorithms, {});
  py::gil_scoped_release release;
  (store.*load)(source, options);
}

std::string jwks_text(py::handle jwks) {
  if (PyDict_Check(jwks.ptr())) return to_json(jwks).dump();
  return std::string(bytes_view(jwks, "jwks"));
}

VerifiedAppToken verify_with(const KeyStore& store, py::handle token,
                             const std::optional<VerifyOptions>& jwt, std::string app_id_claim,
                             bool app_id_from_kid, std::vector<std::string> required_scopes,
                             bool require_expiration) {
  const auto text = bytes_view(token, "token");
  AppVerifyOptions options;
  if (jwt) options.jwt = *jwt;
  options.app_id_claim = std::move(app_id_claim);
  options.app_id_from_kid = app_id_from_kid;
  options.required_scopes = std::move(required_scopes);
  options.require_expiration = require_expiration;
  AppToken verified;
  {
    // Also covers a JWKS refetch over the network.
    py::gil_scoped_release release;
    verified = store.verify(text, options);
  }
  return {verified.app_id, verified.kid, from_json(verified.header), from_json(verified.claims),
          verified.scopes};
}

std::unique_ptr<TokenSigner> make_token_signer(
    std::string app_id, py::handle private_key, const py::object& ttl, const std::string& algorithm,
    const py::object& refresh_margin, std::string app_id_claim, std::optional<std::string> key_id,
    const py::object& claims, const py::object& clock, bool allow_insecure_key_sizes) {
  TokenSignerOptions options;
  options.ttl = whole_seconds(ttl, "ttl");
  options.algorithm = parse_algorithm(algorithm);
  options.refresh_margin = whole_seconds(refresh_margin, "refresh_margin");
  options.app_id_claim = std::move(app_id_claim);
  options.key_id = std::move(key_id);
  if (!claims.is_none()) options.claims = to_json(claims);
  options.clock = clock_of(clock);
  options.allow_insecure_key_sizes = allow_insecure_key_sizes;
  Key key = to_key(private_key, {options.algorithm});
  py::gil_scoped_release release;
  return std::make_unique<TokenSigner>(std::move(app_id), std::move(key), std::move(options));
}

void bind_key_files(py::module_& module) {
  module.def("is_valid_app_id", &is_valid_app_id, py::arg("app_id"));
  module.def("validate_app_id", &validate_app_id, py::arg("app_id"));
  module.def("generate_app_id", &generate_app_id);
  module.def(
      "generate_key",
      [](const std::string& algorithm, int rsa_bits) {
        const Algorithm alg = parse_algorithm(algorithm);
        py::gil_scoped_release release;
        return generate_key(alg, rsa_bits);
      },
      py::arg("algorithm") = "RS512", py::arg("rsa_bits") = default_rsa_bits);
  module.def(
      "default_algorithms", [](const Key& key) { return algorithm_names(default_algorithms(key)); },
      py::arg("key"));
  module.def("private_key_path", &private_key_path, py::arg("dir"), py::arg("app_id"));
  module.def("public_key_path", &public_key_path, py::arg("dir"), py::arg("app_id"));

  py::class_<KeyPairFiles>(module, "KeyPairFiles", "The two files of an application key pair.")
      .def_readonly("app_id", &KeyPairFiles::app_id)
      .def_readonly("private_key", &KeyPairFiles::private_key)
      .def_readonly("public_key", &KeyPairFiles::public_key)
      .def("__repr__", [](const KeyPairFiles& files) {
        return "<appjwt.KeyPairFiles app_id=" + files.app_id + ">";
      });
  module.def("write_key_pair", &write_key_pair, py::arg("dir"), py::arg("app_id"),
             py::arg("private_key"), py::call_guard<py::gil_scoped_release>());
  module.def(
      "generate_key_pair",
      [](const path& dir, std::optional<std::string> app_id, const std::string& algorithm,
         int rsa_bits) {
        KeyGenOptions options;
        options.app_id = std::move(app_id);
        options.algorithm = parse_algorithm(algorithm);
        options.rsa_bits = rsa_bits;
        py::gil_scoped_release release;
        return generate_key_pair(dir, options);
      },
      py::arg("dir"), py::kw_only(), py::arg("app_id") = py::none(), py::arg("algorithm") = "RS512",
      py::arg("rsa_bits") = default_rsa_bits);
  module.def(
      "read_key_file",
      [](const path& file) {
        std::string contents;
        {
          py::gil_scoped_release release;
          contents = read_key_file(file);
        }
        return py::bytes(contents);
      },
      py::arg("path"));
  module.def(
      "load_key_file",
      [](const path& file, std::optional<std::string> passphrase) {
        py::gil_scoped_release release;
        return load_key_file(file, passphrase.value_or(""));
      },
      py::arg("path"), py::arg("passphrase") = py::none());
}

void bind_key_store(py::module_& module) {
  py::class_<AppKey>(module, "AppKey", "One public key of one application in a KeyStore.")
      .def_readonly("app_id", &AppKey::app_id)
      .def_readonly("kid", &AppKey::kid)
      .def_readonly("key", &AppKey::key)
      .def_property_readonly("algorithms",
                             [](const AppKey& key) { return algorithm_names(key.algorithms); });

  py::class_<VerifiedAppToken>(module, "AppToken", "A verified application token.")
      .def_readonly("app_id", &VerifiedAppToken::app_id)
      .def_readonly("kid", &VerifiedAppToken::kid)
      .def_readonly("header", &VerifiedAppToken::header)
      .def_readonly("claims", &VerifiedAppToken::claims)
      .def_readonly("scopes", &VerifiedAppToken::scopes)
      .def("__repr__", [](const VerifiedAppToken& token) {
        return "<appjwt.AppToken app_id=" + token.app_id + ">";
      });

  const auto no_algorithms = std::optional<std::vector<std::string>>{};
  py::class_<KeyStore>(module, "KeyStore",
                       "App ID -> public keys, algorithms and scopes; thread-safe.")
      .def(py::init([](std::size_t verified_token_cache_size) {
             return KeyStore(KeyStoreOptions{verified_token_cache_size});
           }),
           py::kw_only(), py::arg("verified_token_cache_size") = 0)
      .def_static(
          "from_directory",
          [](const path& dir, const std::optional<std::vector<std::string>>& algorithms,
             std::size_t verified_token_cache_size) {
            const AppKeyOptions options = key_options(algorithms, {});
            py::gil_scoped_release release;
            return KeyStore::from_directory(dir, options,
                                            KeyStoreOptions{verified_token_cache_size});
          },
          py::arg("dir"), py::arg("algorithms") = no_algorithms, py::kw_only(),
          py::arg("verified_token_cache_size") = 0)
      .def("load_directory", &load_source<&KeyStore::load_directory>, py::arg("dir"),
           py::arg("algorithms") = no_algorithms)
      .def("load_jwks_file", &load_source<&KeyStore::load_jwks_file>, py::arg("path"),
           py::arg("algorithms") = no_algorithms)
      .def(
          "load_jwks_url",
          [](KeyStore& store, const std::string& url, const py::object& timeout,
             const py::object& default_max_age, const py::object& refetch_cooldown,
             std::size_t max_document_size,
             const std::optional<std::vector<std::string>>& algorithms, const py::object& clock) {
            JwksUrlOptions options;
            options.timeout =
                std::chrono::milliseconds(std::llround(seconds_of(timeout, "timeout") * 1000));
            options.default_max_age = whole_seconds(default_max_age, "default_max_age");
            options.refetch_cooldown = whole_seconds(refetch_cooldown, "refetch_cooldown");
            options.max_document_size = max_document_size;
            options.key_options = key_options(algorithms, {});
            options.clock = clock_of(clock);
            py::gil_scoped_release release;
            store.load_jwks_url(url, options);
          },
          py::arg("url"), py::kw_only(), py::arg("timeout") = 5.0, py::arg("default_max_age") = 300,
          py::arg("refetch_cooldown") = 30,
          py::arg("max_document_size") = JwksUrlOptions{}.max_document_size,
          py::arg("algorithms") = no_algorithms, py::arg("clock") = py::none())
      .def(
          "add_jwks",
          [](KeyStore& store, py::handle jwks,
             const std::optional<std::vector<std::string>>& algorithms) {
            const std::string text = jwks_text(jwks);
            const AppKeyOptions options = key_options(algorithms, {});
            py::gil_scoped_release release;
            store.add_jwks(text, options);
          },
          py::arg("jwks"), py::arg("algorithms") = no_algorithms)
      .def(
          "add",
          [](KeyStore& store, const std::string& app_id, py::handle key,
             const std::optional<std::vector<std::string>>& algorithms, std::string kid) {
            const AppKeyOptions options = key_options(algorithms, std::move(kid));
            const Key parsed = to_key(key, {});
            py::gil_scoped_release release;
            store.add(app_id, parsed, options);
          },
          py::arg("app_id"), py::arg("key"), py::kw_only(), py::arg("algorithms") = no_algorithms,
          py::arg("kid") = "")
      .def("remove", &KeyStore::remove, py::arg("app_id"), py::arg("kid") = "")
      .def("set_scopes", &KeyStore::set_scopes, py::arg("app_id"), py::arg("scopes"))
      .def("scopes", &KeyStore::scopes, py::arg("app_id"))
      .def("reload", &KeyStore::reload, py::call_guard<py::gil_scoped_release>())
      .def("contains", &KeyStore::contains, py::arg("app_id"))
      .def("__contains__", &KeyStore::contains, py::arg("app_id"))
      .def("app_ids", &KeyStore::app_ids)
      .def("keys", &KeyStore::keys, py::arg("app_id"))
      .def("size", &KeyStore::size)
      .def("__len__", &KeyStore::size)
      .def("cached_token_count", &KeyStore::cached_token_count)
      .def(
          "to_jwks",
          [](const KeyStore& store, bool thumbprint_kid) {
            JwksOptions options;
            options.thumbprint_kid = thumbprint_kid;
            return from_json(store.to_jwks(options));
          },
          py::kw_only(), py::arg("thumbprint_kid") = false)
      .def("verify", &verify_with, py::arg("token"), py::arg("options") = py::none(), py::kw_only(),
           py::arg("app_id_claim") = "appId", py::arg("app_id_from_kid") = false,
           py::arg("required_scopes") = std::vector<std::string>{},
           py::arg("require_expiration") = true);

  module.def(
      "verify_app_token",
      [](py::handle token, const KeyStore& store, const std::optional<VerifyOptions>& options) {
        return verify_with(store, token, options, "appId", false, {}, true);
      },
      py::arg("token"), py::arg("store"), py::arg("options") = py::none());
}

void bind_token_signer(py::module_& module) {
  py::class_<TokenSigner>(module, "TokenSigner",
                          "Short-lived application tokens, re-signed shortly before expiry.")
      .def(py::init(&make_token_signer), py::arg("app_id"), py::arg("private_key"), py::kw_only(),
           py::arg("ttl") = 300, py::arg("algorithm") = "RS512", py::arg("refresh_margin") = 30,
           py::arg("app_id_claim") = "appId", py::arg("key_id") = py::none(),
           py::arg("claims") = py::none(), py::arg("clock") = py::none(),
           py::arg("allow_insecure_key_sizes") = false)
      .def("token", &TokenSigner::token, py::call_guard<py::gil_scoped_release>())
      .def("refresh", &TokenSigner::refresh, py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("app_id", &TokenSigner::app_id)
      .def_property_readonly("expires_at", &TokenSigner::expires_at)
      .def("__repr__", [](const TokenSigner& signer) {
        return "<appjwt.TokenSigner app_id=" + signer.app_id() + ">";
      });
}

}  // namespace

void bind_app_auth(py::module_& module) {
  bind_key_files(module);
  bind_key_store(module);
  bind_token_signer(module);
}

}  // namespace appjwt::python
