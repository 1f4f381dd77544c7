// appjwt.Key: the core's immutable parsed key, wrapped for JavaScript.
#pragma once

#include <napi.h>

#include "appjwt/key.hpp"

namespace appjwt::node {

class JsKey : public Napi::ObjectWrap<JsKey> {
 public:
  static Napi::Function define(Napi::Env env);
  // A new JS Key holding key.
  static Napi::Object wrap(Napi::Env env, Key key);
  // The core key of a JS Key argument; TypeError for anything else.
  static const Key& unwrap(const Napi::Value& value, const char* what = "key");

  explicit JsKey(const Napi::CallbackInfo& info);
  const Key& key() const { return *key_; }

 private:
  static Napi::Value from_pem(const Napi::CallbackInfo& info);
  static Napi::Value from_der(const Napi::CallbackInfo& info);
  static Napi::Value from_jwk(const Napi::CallbackInfo& info);
  static Napi::Value from_secret(const Napi::CallbackInfo& info);
  static Napi::Value from_material(const Napi::CallbackInfo& info);
  static Napi::Value generate(const Napi::CallbackInfo& info);
  static Napi::Value generate_rsa(const Napi::CallbackInfo& info);
  static Napi::Value generate_ec(const Napi::CallbackInfo& info);
  static Napi::Value generate_ed25519(const Napi::CallbackInfo& info);

  Napi::Value type(const Napi::CallbackInfo& info);
  Napi::Value curve(const Napi::CallbackInfo& info);
  Napi::Value bits(const Napi::CallbackInfo& info);
  Napi::Value is_private(const Napi::CallbackInfo& info);
  Napi::Value supports(const Napi::CallbackInfo& info);
  Napi::Value public_key(const Napi::CallbackInfo& info);
  Napi::Value public_pem(const Napi::CallbackInfo& info);
  Napi::Value private_pem(const Napi::CallbackInfo& info);
  Napi::Value to_public_jwk(const Napi::CallbackInfo& info);
  Napi::Value thumbprint(const Napi::CallbackInfo& info);

  std::optional<Key> key_;
};

}  // namespace appjwt::node
