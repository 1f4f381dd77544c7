// Core exceptions as JavaScript errors. Every failure becomes an Error whose
// `code` is the core's ErrorCode name ("token_expired", ...), with `claim`,
// `expiredAt` / `notBefore` (seconds) when the core gives them. The JS layer
// turns these into jsonwebtoken's error classes.
#pragma once

#include <exception>
#include <optional>
#include <string>

#include <napi.h>

namespace appjwt::node {

// What a failure was, captured without touching JavaScript (so a worker thread
// can hold it until it is back on the main thread).
struct Failure {
  std::string code;  // ErrorCode name, or "internal"
  std::string message;
  std::string claim;
  std::optional<double> expired_at;
  std::optional<double> not_before;
};

Failure describe(const std::exception& error);
Napi::Error to_js(Napi::Env env, const Failure& failure);

// Calls body(), turning any C++ exception into a JavaScript one.
template <class Body>
auto guarded(Napi::Env env, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& error) {
    throw to_js(env, describe(error));
  }
}

}  // namespace appjwt::node
