#include "errors.hpp"

#include "appjwt/errors.hpp"
#include "convert.hpp"

namespace appjwt::node {

Failure describe(const std::exception& error) {
  Failure failure{"internal", error.what(), {}, {}, {}};
  if (const auto* core = dynamic_cast<const Error*>(&error)) {
    failure.code = std::string(to_string(core->code()));
    failure.claim = core->claim();
  }
  if (const auto* expired = dynamic_cast<const TokenExpired*>(&error)) {
    failure.expired_at = expired->expired_at();
  }
  if (const auto* early = dynamic_cast<const NotYetValid*>(&error)) {
    failure.not_before = early->not_before();
  }
  return failure;
}

Napi::Error to_js(Napi::Env env, const Failure& failure) {
  auto error = Napi::Error::New(env, failure.message);
  error.Set(name_of(env, Name::code), failure.code);
  if (!failure.claim.empty()) error.Set(name_of(env, Name::claim), failure.claim);
  if (failure.expired_at) error.Set(name_of(env, Name::expiredAt), *failure.expired_at);
  if (failure.not_before) error.Set(name_of(env, Name::notBefore), *failure.not_before);
  return error;
}

}  // namespace appjwt::node
