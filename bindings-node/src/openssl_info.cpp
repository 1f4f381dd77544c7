// Which OpenSSL the addon runs on. The addon links its own static copy with
// local symbols (see bindings-node/CMakeLists.txt); `privateCopy` proves it at
// run time: the OpenSSL_version this code calls is not the one the process
// exports globally (node's bundled copy), as it would be under interposition.
#include <dlfcn.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "addon.hpp"

namespace appjwt::node {
namespace {

Napi::Value openssl_info(const Napi::CallbackInfo& info) {
  const auto env = info.Env();
  auto result = Napi::Object::New(env);
  result.Set("version", OpenSSL_version(OPENSSL_VERSION));
  result.Set("headers", OPENSSL_VERSION_TEXT);
  result.Set("directory", OpenSSL_version(OPENSSL_DIR));
  const void* global = dlsym(RTLD_DEFAULT, "OpenSSL_version");
  const auto* own = reinterpret_cast<const void*>(&OpenSSL_version);
  result.Set("privateCopy", Napi::Boolean::New(env, global != own));
  return result;
}

}  // namespace

void init_openssl_info(Napi::Env env, Napi::Object exports) {
  exports.Set("opensslInfo", Napi::Function::New<openssl_info>(env, "opensslInfo"));
}

}  // namespace appjwt::node
