// appjwt._native: the C++ core for the appjwt Python package.
#include "appjwt/version.hpp"
#include "bindings.hpp"

PYBIND11_MODULE(_native, module) {
  module.doc() = "appjwt's native core (C++20 on OpenSSL 3); use it through the appjwt package.";
  module.attr("__version__") = appjwt::version;
  appjwt::python::bind_errors(module);
  appjwt::python::bind_keys(module);
  appjwt::python::bind_jwt(module);
  appjwt::python::bind_app_auth(module);
}
