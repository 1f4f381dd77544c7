// Per-environment state of the addon (worker threads each get their own): the Key
// constructor, to make Keys and to check arguments with instanceof.
#pragma once

#include <napi.h>

namespace appjwt::node {

struct AddonData {
  Napi::FunctionReference key;
};

inline AddonData& addon_data(Napi::Env env) {
  return *env.GetInstanceData<AddonData>();
}

void init_keys(Napi::Env env, Napi::Object exports);
void init_jwt(Napi::Env env, Napi::Object exports);
void init_app_auth(Napi::Env env, Napi::Object exports);
void init_openssl_info(Napi::Env env, Napi::Object exports);

}  // namespace appjwt::node
