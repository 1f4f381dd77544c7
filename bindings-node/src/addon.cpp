// The appjwt Node-API module: registers the native classes and functions that
// bindings-node/lib wraps into the public JavaScript API.
#include "addon.hpp"

namespace appjwt::node {

AddonData::AddonData(Napi::Env env) : names(env) {
  const auto global_json = env.Global().Get("JSON").As<Napi::Object>();
  json = Napi::Persistent(global_json);
  json_parse = Napi::Persistent(global_json.Get("parse").As<Napi::Function>());
  json_stringify = Napi::Persistent(global_json.Get("stringify").As<Napi::Function>());
}

}  // namespace appjwt::node

namespace {

// NODE_API_MODULE pastes this name into an identifier, so it is unqualified.
Napi::Object init_appjwt(Napi::Env env, Napi::Object exports) {
  using namespace appjwt::node;
  env.SetInstanceData(new AddonData(env));
  init_keys(env, exports);
  init_jwt(env, exports);
  init_app_auth(env, exports);
  init_openssl_info(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(appjwt, init_appjwt)
