// Per-environment state of the addon (worker threads each get their own): the Key
// constructor, to make Keys and to check arguments with instanceof; the interned
// property names; the engine's JSON functions, looked up once.
#pragma once

#include <napi.h>

#include "convert.hpp"

namespace appjwt::node {

struct AddonData {
  explicit AddonData(Napi::Env env);

  Napi::FunctionReference key;
  PropertyNames names;
  Napi::ObjectReference json;
  Napi::FunctionReference json_parse;
  Napi::FunctionReference json_stringify;
};

inline AddonData& addon_data(Napi::Env env) {
  return *env.GetInstanceData<AddonData>();
}

void init_keys(Napi::Env env, Napi::Object exports);
void init_jwt(Napi::Env env, Napi::Object exports);
void init_app_auth(Napi::Env env, Napi::Object exports);
void init_openssl_info(Napi::Env env, Napi::Object exports);

}  // namespace appjwt::node
