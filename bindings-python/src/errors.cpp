// Core errors raised as the exceptions of appjwt.exceptions (PyJWT's names and
// hierarchy), each carrying the core's error code as `code`.
#include <exception>
#include <string>

#include "appjwt/errors.hpp"
#include "bindings.hpp"

namespace appjwt::python {
namespace {

// The appjwt.exceptions class PyJWT raises for this failure.
const char* exception_name(const Error& error) {
  const std::string& claim = error.claim();
  switch (error.code()) {
    case ErrorCode::malformed:
      // PyJWT reports a mistyped claim by the claim's own exception.
      if (claim == "iat") return "InvalidIssuedAtError";
      if (claim == "aud") return "InvalidAudienceError";
      if (claim == "iss") return "InvalidIssuerError";
      if (claim == "sub") return "InvalidSubjectError";
      if (claim == "jti") return "InvalidJTIError";
      return "DecodeError";
    case ErrorCode::token_too_large:
      return "DecodeError";
    case ErrorCode::invalid_signature:
      return "InvalidSignatureError";
    case ErrorCode::algorithm_not_allowed:
      return "InvalidAlgorithmError";
    case ErrorCode::key_error:
      return "InvalidKeyError";
    case ErrorCode::token_expired:
    case ErrorCode::token_too_old:
      return "ExpiredSignatureError";
    case ErrorCode::not_yet_valid:
      return "ImmatureSignatureError";
    case ErrorCode::audience_mismatch:
      return "InvalidAudienceError";
    case ErrorCode::issuer_mismatch:
      return "InvalidIssuerError";
    case ErrorCode::subject_mismatch:
      return "InvalidSubjectError";
    case ErrorCode::jwt_id_mismatch:
      return "InvalidJTIError";
    case ErrorCode::nonce_mismatch:
      return "InvalidTokenError";
    case ErrorCode::missing_claim:
      return "MissingRequiredClaimError";
    case ErrorCode::invalid_argument:
      break;  // a ValueError, see exception_type()
    case ErrorCode::invalid_app_id:
      return "InvalidAppIdError";
    case ErrorCode::unknown_key:
      return "UnknownKeyError";
    case ErrorCode::insufficient_scope:
      return "InsufficientScopeError";
    case ErrorCode::io_error:
      return "KeySourceError";
  }
  return "PyJWTError";
}

// PyJWT's fixed messages where code matches on them; the core's own otherwise.
std::string message_for(const Error& error) {
  switch (error.code()) {
    case ErrorCode::invalid_signature:
      return "Signature verification failed";
    case ErrorCode::token_expired:
      return "Signature has expired";
    case ErrorCode::not_yet_valid:
      return "The token is not yet valid (" + error.claim() + ")";
    default:
      return error.what();
  }
}

py::object exception_type(const Error& error) {
  // The caller's options or arguments are wrong, not the token.
  if (error.code() == ErrorCode::invalid_argument) {
    return py::reinterpret_borrow<py::object>(PyExc_ValueError);
  }
  return py::module_::import("appjwt.exceptions").attr(exception_name(error));
}

py::object exception_for(const Error& error) {
  const py::object type = exception_type(error);
  py::object exception =
      error.code() == ErrorCode::missing_claim ? type(error.claim()) : type(message_for(error));
  exception.attr("code") = std::string(to_string(error.code()));
  exception.attr("claim") =
      error.claim().empty() ? py::object(py::none()) : py::object(py::str(error.claim()));
  if (const auto* expired = dynamic_cast<const TokenExpired*>(&error)) {
    exception.attr("expired_at") = expired->expired_at();
  }
  if (const auto* early = dynamic_cast<const NotYetValid*>(&error)) {
    exception.attr("not_before") = early->not_before();
  }
  return exception;
}

}  // namespace

void bind_errors(py::module_& module) {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> not_json_native;
  not_json_native.call_once_and_store_result(
      [&module] { return py::exception<NotJsonNative>(module, "NotJsonNative", PyExc_TypeError); });
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const Error& error) {
      const py::object exception = exception_for(error);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
    } catch (const NotJsonNative& error) {
      PyErr_SetString(not_json_native.get_stored().ptr(), error.what());
    }
  });
}

}  // namespace appjwt::python
