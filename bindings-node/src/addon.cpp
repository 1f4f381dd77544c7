// The appjwt Node-API module: registers the native classes and functions that
// bindings-node/lib wraps into the public JavaScript API.
#include "addon.hpp"

namespace {

// NODE_API_MODULE pastes this name into an identifier, so it is unqualified.
Napi::Object init_appjwt(Napi::Env env, Napi::Object exports) {
  using namespace appjwt::node;
  env.SetInstanceData(new AddonData());
  init_keys(env, exports);
  init_jwt(env, exports);
  init_app_auth(env, exports);
  init_openssl_info(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(appjwt, init_appjwt)
