#include "keys.hpp"

#include <string>

#include "addon.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_cache.hpp"
#include "appjwt/key_files.hpp"
#include "convert.hpp"
#include "errors.hpp"

namespace appjwt::node {
namespace {

Curve curve_of(const Napi::Value& value) {
  if (const auto curve = ec_curve_from_string(string_of(value, "curve"))) return *curve;
  throw Error(ErrorCode::invalid_argument, "curve must be P-256, P-384 or P-521");
}

std::string passphrase_of(const Napi::CallbackInfo& info, size_t index) {
  return info.Length() > index && !info[index].IsUndefined() && !info[index].IsNull()
             ? bytes_of(info[index], "passphrase")
             : std::string();
}

// Key material as jsonwebtoken takes it: a PEM (or OpenSSH) key document, or else
// the bytes of an HMAC secret. The core's from_secret refuses exactly the empty
// secret and key documents, so whatever it refuses that is not empty is a
// document, parsed (and reported) as one. A PEM block goes straight to from_pem,
// sparing the common case an exception per call.
Key key_from_material(const std::string& material, const std::string& passphrase) {
  auto& cache = KeyCache::shared();
  if (passphrase.empty() && material.find("-----BEGIN ") == std::string::npos) {
    try {
      return cache.from_secret(material);
    } catch (const Error& error) {
      if (material.empty() || error.code() != ErrorCode::key_error) throw;
    }
  }
  return cache.from_pem(material, passphrase);
}

}  // namespace

Napi::Function JsKey::define(Napi::Env env) {
  return DefineClass(env, "Key",
                     {
                         StaticMethod<&JsKey::from_pem>("fromPem"),
                         StaticMethod<&JsKey::from_der>("fromDer"),
                         StaticMethod<&JsKey::from_jwk>("fromJwk"),
                         StaticMethod<&JsKey::from_secret>("fromSecret"),
                         StaticMethod<&JsKey::from_material>("fromMaterial"),
                         StaticMethod<&JsKey::generate>("generate"),
                         StaticMethod<&JsKey::generate_rsa>("generateRsa"),
                         StaticMethod<&JsKey::generate_ec>("generateEc"),
                         StaticMethod<&JsKey::generate_ed25519>("generateEd25519"),
                         InstanceAccessor<&JsKey::type>("type"),
                         InstanceAccessor<&JsKey::curve>("curve"),
                         InstanceAccessor<&JsKey::bits>("bits"),
                         InstanceAccessor<&JsKey::is_private>("isPrivate"),
                         InstanceMethod<&JsKey::supports>("supports"),
                         InstanceMethod<&JsKey::public_key>("publicKey"),
                         InstanceMethod<&JsKey::public_pem>("publicPem"),
                         InstanceMethod<&JsKey::private_pem>("privatePem"),
                         InstanceMethod<&JsKey::to_public_jwk>("toPublicJwk"),
                         InstanceMethod<&JsKey::thumbprint>("thumbprint"),
                     });
}

Napi::Object JsKey::wrap(Napi::Env env, Key key) {
  return addon_data(env).key.New({Napi::External<Key>::New(env, &key)});
}

const Key& JsKey::unwrap(const Napi::Value& value, const char* what) {
  const auto env = value.Env();
  if (!value.IsObject() || !value.As<Napi::Object>().InstanceOf(addon_data(env).key.Value())) {
    throw Napi::TypeError::New(env, std::string(what) + " must be an appjwt.Key");
  }
  return Unwrap(value.As<Napi::Object>())->key();
}

JsKey::JsKey(const Napi::CallbackInfo& info) : Napi::ObjectWrap<JsKey>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(),
                               "use Key.fromPem, fromJwk, fromSecret or generate to make a Key");
  }
  key_.emplace(*info[0].As<Napi::External<Key>>().Data());
}

Napi::Value JsKey::from_pem(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return wrap(info.Env(),
                KeyCache::shared().from_pem(bytes_of(info[0], "pem"), passphrase_of(info, 1)));
  });
}

Napi::Value JsKey::from_der(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    if (!info[0].IsBuffer()) throw Napi::TypeError::New(info.Env(), "der must be a Buffer");
    return wrap(info.Env(), Key::from_der(bytes_of(info[0], "der")));
  });
}

Napi::Value JsKey::from_jwk(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const auto text =
        info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : json_of(info[0]).dump();
    return wrap(info.Env(), KeyCache::shared().from_jwk(text));
  });
}

Napi::Value JsKey::from_secret(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return wrap(info.Env(), KeyCache::shared().from_secret(bytes_of(info[0], "secret")));
  });
}

Napi::Value JsKey::from_material(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return wrap(info.Env(), key_from_material(bytes_of(info[0], "key"), passphrase_of(info, 1)));
  });
}

Napi::Value JsKey::generate(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const int bits = info[1].IsUndefined()
                         ? default_rsa_bits
                         : static_cast<int>(integer_of(info[1], "bits", 0, max_rsa_bits));
    return wrap(info.Env(), generate_key(algorithm_of(info[0]), bits));
  });
}

Napi::Value JsKey::generate_rsa(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const int bits = info[0].IsUndefined()
                         ? default_rsa_bits
                         : static_cast<int>(integer_of(info[0], "bits", 0, max_rsa_bits));
    return wrap(info.Env(), Key::generate_rsa(bits));
  });
}

Napi::Value JsKey::generate_ec(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return wrap(info.Env(),
                Key::generate_ec(info[0].IsUndefined() ? Curve::p256 : curve_of(info[0])));
  });
}

Napi::Value JsKey::generate_ed25519(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return wrap(info.Env(), Key::generate_ed25519()); });
}

Napi::Value JsKey::type(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), std::string(to_string(key().type())));
}

Napi::Value JsKey::curve(const Napi::CallbackInfo& info) {
  const std::string_view name = to_string(key().curve());
  return name.empty() ? info.Env().Null() : Napi::String::New(info.Env(), std::string(name));
}

Napi::Value JsKey::bits(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), key().bits());
}

Napi::Value JsKey::is_private(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), key().is_private());
}

Napi::Value JsKey::supports(const Napi::CallbackInfo& info) {
  const auto name = string_of(info[0], "algorithm");
  const auto alg = algorithm_from_string(name);
  return Napi::Boolean::New(info.Env(), alg && key().supports(*alg));
}

Napi::Value JsKey::public_key(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return wrap(info.Env(), key().public_key()); });
}

Napi::Value JsKey::public_pem(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return Napi::String::New(info.Env(), key().public_pem()); });
}

Napi::Value JsKey::private_pem(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return Napi::String::New(info.Env(), key().private_pem()); });
}

Napi::Value JsKey::to_public_jwk(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return to_js(info.Env(), key().to_public_jwk()); });
}

Napi::Value JsKey::thumbprint(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] { return Napi::String::New(info.Env(), key().thumbprint()); });
}

void init_keys(Napi::Env env, Napi::Object exports) {
  const auto constructor = JsKey::define(env);
  addon_data(env).key = Napi::Persistent(constructor);
  exports.Set("Key", constructor);
}

}  // namespace appjwt::node
