// Signing and verification: VerifyOptions, verify/decode_unverified/
// validate_claims, sign, and the JWS-level sign_compact/sign_bytes/verify_bytes.
// Every Python argument is converted before the GIL is released around the crypto.
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "appjwt/errors.hpp"
#include "appjwt/jwt.hpp"
#include "bindings.hpp"

namespace appjwt::python {

double seconds_of(py::handle value, const char* what) {
  if (py::hasattr(value, "total_seconds")) return value.attr("total_seconds")().cast<double>();
  if ((PyLong_Check(value.ptr()) || PyFloat_Check(value.ptr())) && !PyBool_Check(value.ptr())) {
    return value.cast<double>();
  }
  throw py::type_error(std::string(what) + " must be a number of seconds or a datetime.timedelta");
}

std::chrono::seconds whole_seconds(py::handle value, const char* what) {
  const double seconds = seconds_of(value, what);
  if (seconds != std::floor(seconds) || !std::isfinite(seconds)) {
    throw py::value_error(std::string(what) + " must be a whole number of seconds");
  }
  return std::chrono::seconds(static_cast<std::chrono::seconds::rep>(seconds));
}

namespace {

VerifyOptions make_verify_options(
    const std::vector<std::string>& algorithms, std::vector<std::string> audience,
    const std::vector<std::string>& audience_patterns, bool reject_unexpected_audience,
    bool strict_audience, std::vector<std::string> issuer, std::optional<std::string> subject,
    std::optional<std::string> jwt_id, std::optional<std::string> nonce,
    const py::object& clock_tolerance, const py::object& max_age, bool ignore_expiration,
    bool ignore_not_before, bool verify_issued_at, std::vector<std::string> required_claims,
    std::optional<double> now, std::size_t max_token_size, bool allow_insecure_key_sizes,
    std::vector<std::string> understood_critical) {
  VerifyOptions options;
  options.algorithms = algorithms_from_names(algorithms);
  options.audience = std::move(audience);
  for (const auto& pattern : audience_patterns) options.audience_patterns.emplace_back(pattern);
  options.reject_unexpected_audience = reject_unexpected_audience;
  options.strict_audience = strict_audience;
  options.issuer = std::move(issuer);
  options.subject = std::move(subject);
  options.jwt_id = std::move(jwt_id);
  options.nonce = std::move(nonce);
  options.clock_tolerance = Seconds(seconds_of(clock_tolerance, "clock_tolerance"));
  if (!max_age.is_none()) options.max_age = Seconds(seconds_of(max_age, "max_age"));
  options.ignore_expiration = ignore_expiration;
  options.ignore_not_before = ignore_not_before;
  options.verify_issued_at = verify_issued_at;
  options.required_claims = std::move(required_claims);
  options.now = now;
  options.max_token_size = max_token_size;
  options.allow_insecure_key_sizes = allow_insecure_key_sizes;
  options.understood_critical = std::move(understood_critical);
  return options;
}

struct PartNames {
  py::str header{"header"}, payload{"payload"}, signature{"signature"};
};

py::dict decoded_to_dict(const Decoded& decoded) {
  // The keys are made once: every verified token's result dict has them.
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<PartNames> stored_names;
  const PartNames& names =
      stored_names.call_once_and_store_result([] { return PartNames{}; }).get_stored();
  py::dict parts;
  const auto set = [&parts](const py::str& name, const py::object& value) {
    if (PyDict_SetItem(parts.ptr(), name.ptr(), value.ptr()) != 0) throw py::error_already_set();
  };
  set(names.header, from_json(decoded.header));
  set(names.payload, from_json(decoded.payload));
  set(names.signature, py::bytes(decoded.signature));
  return parts;
}

py::dict verify_token(py::handle token, py::handle key, const VerifyOptions& options,
                      bool key_errors_first) {
  const auto text = bytes_view(token, "token");
  const KeyArgument argument(key, options.algorithms);
  Decoded decoded;
  {
    // One GIL release for the key lookup and the verification, as threads that
    // verify at once would otherwise queue for the GIL between the two.
    py::gil_scoped_release release;
    if (key_errors_first) {
      decoded = verify(text, argument.resolve(), options);
    } else {
      // The core resolves the key once the token has passed the structure and
      // algorithm checks, as PyJWT loads the token before it prepares the key.
      decoded = verify(text, [&argument](const Decoded&) { return argument.resolve(); }, options);
    }
  }
  return decoded_to_dict(decoded);
}

py::dict decode_token(py::handle token, std::size_t max_token_size) {
  const auto text = bytes_view(token, "token");
  return decoded_to_dict(decode_unverified(text, max_token_size));
}

std::string sign_token(const py::dict& payload, py::handle key, const std::string& algorithm,
                       const py::object& expires_in, const py::object& not_before,
                       std::optional<std::string> issuer, std::optional<std::string> subject,
                       const py::object& audience, std::optional<std::string> jwt_id,
                       std::optional<std::string> key_id, const py::object& header, bool add_typ,
                       bool issued_at, std::optional<double> now, bool allow_insecure_key_sizes) {
  SignOptions options;
  options.algorithm = parse_algorithm(algorithm);
  if (!expires_in.is_none()) options.expires_in = whole_seconds(expires_in, "expires_in");
  if (!not_before.is_none()) options.not_before = whole_seconds(not_before, "not_before");
  options.issuer = std::move(issuer);
  options.subject = std::move(subject);
  options.audience = to_json(audience);
  options.jwt_id = std::move(jwt_id);
  options.key_id = std::move(key_id);
  if (!header.is_none()) options.header = to_json(header);
  options.add_typ = add_typ;
  options.issued_at = issued_at;
  options.now = now;
  options.allow_insecure_key_sizes = allow_insecure_key_sizes;
  const nlohmann::json claims = to_json(payload);
  const Key parsed = to_key(key, {options.algorithm});
  py::gil_scoped_release release;
  return sign(claims, parsed, options);
}

std::string sign_compact_token(py::handle header_json, py::handle payload, py::handle key,
                               const std::string& algorithm, bool allow_insecure_key_sizes) {
  const Algorithm alg = parse_algorithm(algorithm);
  const auto header = bytes_view(header_json, "header_json");
  const Key parsed = to_key(key, {alg});
  const auto bytes = bytes_view(payload, "payload");
  py::gil_scoped_release release;
  return sign_compact(header, bytes, parsed, alg, allow_insecure_key_sizes);
}

py::bytes sign_input(py::handle signing_input, py::handle key, const std::string& algorithm,
                     bool allow_insecure_key_sizes) {
  const Algorithm alg = parse_algorithm(algorithm);
  const auto input = bytes_view(signing_input, "signing_input");
  const Key parsed = to_key(key, {alg});
  std::string signature;
  {
    py::gil_scoped_release release;
    signature = sign_bytes(input, parsed, alg, allow_insecure_key_sizes);
  }
  return py::bytes(signature);
}

bool verify_input(py::handle signing_input, const py::bytes& signature, py::handle key,
                  const std::string& algorithm, bool allow_insecure_key_sizes) {
  const Algorithm alg = parse_algorithm(algorithm);
  const auto input = bytes_view(signing_input, "signing_input");
  const auto signature_bytes = bytes_view(signature, "signature");
  const Key parsed = to_key(key, {alg});
  py::gil_scoped_release release;
  return verify_bytes(input, signature_bytes, parsed, alg, allow_insecure_key_sizes);
}

}  // namespace

void bind_jwt(py::module_& module) {
  constexpr auto count = static_cast<std::size_t>(Algorithm::HS512) + 1;
  py::tuple names(count);
  for (std::size_t i = 0; i < count; ++i) names[i] = to_string(static_cast<Algorithm>(i));
  module.attr("ALGORITHMS") = names;

  py::class_<VerifyOptions>(module, "VerifyOptions",
                            "What verify() checks besides the signature; immutable.")
      .def(py::init(&make_verify_options), py::kw_only(),
           py::arg("algorithms") = std::vector<std::string>{},
           py::arg("audience") = std::vector<std::string>{},
           py::arg("audience_patterns") = std::vector<std::string>{},
           py::arg("reject_unexpected_audience") = true, py::arg("strict_audience") = false,
           py::arg("issuer") = std::vector<std::string>{}, py::arg("subject") = py::none(),
           py::arg("jwt_id") = py::none(), py::arg("nonce") = py::none(),
           py::arg("clock_tolerance") = 0, py::arg("max_age") = py::none(),
           py::arg("ignore_expiration") = false, py::arg("ignore_not_before") = false,
           py::arg("verify_issued_at") = true,
           py::arg("required_claims") = std::vector<std::string>{}, py::arg("now") = py::none(),
           py::arg("max_token_size") = default_max_token_size,
           py::arg("allow_insecure_key_sizes") = false,
           py::arg("understood_critical") = std::vector<std::string>{})
      .def_property_readonly(
          "algorithms",
          [](const VerifyOptions& options) { return algorithm_names(options.algorithms); })
      .def_readonly("audience", &VerifyOptions::audience)
      .def_readonly("reject_unexpected_audience", &VerifyOptions::reject_unexpected_audience)
      .def_readonly("strict_audience", &VerifyOptions::strict_audience)
      .def_readonly("issuer", &VerifyOptions::issuer)
      .def_readonly("subject", &VerifyOptions::subject)
      .def_readonly("jwt_id", &VerifyOptions::jwt_id)
      .def_readonly("nonce", &VerifyOptions::nonce)
      .def_property_readonly(
          "clock_tolerance",
          [](const VerifyOptions& options) { return options.clock_tolerance.count(); })
      .def_property_readonly("max_age",
                             [](const VerifyOptions& options) -> std::optional<double> {
                               if (!options.max_age) return std::nullopt;
                               return options.max_age->count();
                             })
      .def_readonly("ignore_expiration", &VerifyOptions::ignore_expiration)
      .def_readonly("ignore_not_before", &VerifyOptions::ignore_not_before)
      .def_readonly("verify_issued_at", &VerifyOptions::verify_issued_at)
      .def_readonly("required_claims", &VerifyOptions::required_claims)
      .def_readonly("now", &VerifyOptions::now)
      .def_readonly("max_token_size", &VerifyOptions::max_token_size)
      .def_readonly("allow_insecure_key_sizes", &VerifyOptions::allow_insecure_key_sizes)
      .def_readonly("understood_critical", &VerifyOptions::understood_critical);

  module.def("verify", &verify_token, py::arg("token"), py::arg("key"), py::arg("options"),
             py::arg("key_errors_first") = false);
  module.def("decode_unverified", &decode_token, py::arg("token"),
             py::arg("max_token_size") = default_max_token_size);
  module.def(
      "validate_claims",
      [](const py::dict& payload, const VerifyOptions& options) {
        validate_claims(to_json(payload), options);
      },
      py::arg("payload"), py::arg("options"));
  module.def("sign", &sign_token, py::arg("payload"), py::arg("key"),
             py::arg("algorithm") = "RS512", py::kw_only(), py::arg("expires_in") = py::none(),
             py::arg("not_before") = py::none(), py::arg("issuer") = py::none(),
             py::arg("subject") = py::none(), py::arg("audience") = py::none(),
             py::arg("jwt_id") = py::none(), py::arg("key_id") = py::none(),
             py::arg("header") = py::none(), py::arg("add_typ") = true, py::arg("issued_at") = true,
             py::arg("now") = py::none(), py::arg("allow_insecure_key_sizes") = false);
  module.def(
      "dump_json", [](py::handle value) { return py::bytes(to_json(value).dump()); },
      py::arg("value"));
  module.def("sign_compact", &sign_compact_token, py::arg("header_json"), py::arg("payload"),
             py::arg("key"), py::arg("algorithm"), py::arg("allow_insecure_key_sizes") = false);
  module.def("sign_bytes", &sign_input, py::arg("signing_input"), py::arg("key"),
             py::arg("algorithm"), py::arg("allow_insecure_key_sizes") = false);
  module.def("verify_bytes", &verify_input, py::arg("signing_input"), py::arg("signature"),
             py::arg("key"), py::arg("algorithm"), py::arg("allow_insecure_key_sizes") = false);
}

}  // namespace appjwt::python
