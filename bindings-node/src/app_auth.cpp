// Application authentication for JavaScript: KeyStore (API server side),
// TokenSigner (calling application side), key files and app IDs.
#include <memory>
#include <string>
#include <utility>

#include "addon.hpp"
#include "appjwt/app_id.hpp"
#include "appjwt/key_files.hpp"
#include "appjwt/key_store.hpp"
#include "appjwt/token_signer.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "jwt.hpp"
#include "keys.hpp"
#include "workers.hpp"

namespace appjwt::node {
namespace {

std::chrono::seconds seconds_of(const Options& js, Name name, std::chrono::seconds absent) {
  const auto value = js.integer(name, 0, max_safe_integer);
  return value ? std::chrono::seconds(*value) : absent;
}

AppKeyOptions app_key_options_of(const Napi::Value& value) {
  const Options js(value, "options");
  AppKeyOptions options;
  if (const auto algorithms = js.get(Name::algorithms))
    options.algorithms = algorithms_of(*algorithms);
  options.kid = js.string(Name::kid).value_or("");
  return options;
}

// The JS options of keyStore.verify(): the verify() options plus where the app ID
// is read and which scopes the route requires.
AppVerifyOptions app_verify_options_of(const Napi::Value& value) {
  const Options js(value, "options");
  AppVerifyOptions options;
  options.app_id_claim = js.string(Name::appIdClaim).value_or(options.app_id_claim);
  options.app_id_from_kid = js.flag(Name::appIdFromKid, false);
  options.required_scopes = js.strings(Name::requiredScopes);
  options.require_expiration = js.flag(Name::requireExpiration, true);
  options.jwt = verify_options_of(js);
  return options;
}

Napi::Object app_token_to_js(Napi::Env env, const AppToken& token) {
  auto result = Napi::Object::New(env);
  result.Set(name_of(env, Name::appId), token.app_id);
  result.Set(name_of(env, Name::kid), token.kid);
  result.Set(name_of(env, Name::header), to_js(env, token.header));
  result.Set(name_of(env, Name::claims), to_js(env, token.claims));
  result.Set(name_of(env, Name::scopes), to_js(env, token.scopes));
  return result;
}

Napi::Object key_pair_to_js(Napi::Env env, const KeyPairFiles& files) {
  auto result = Napi::Object::New(env);
  result.Set(name_of(env, Name::appId), files.app_id);
  result.Set(name_of(env, Name::privateKey), files.private_key.string());
  result.Set(name_of(env, Name::publicKey), files.public_key.string());
  return result;
}

KeyStoreOptions store_options_of(const Napi::Value& value) {
  KeyStoreOptions options;
  const Options js(value, "KeyStore options");
  if (const auto size = js.integer(Name::verifiedTokenCacheSize, 0, max_safe_integer)) {
    options.verified_token_cache_size = static_cast<std::size_t>(*size);
  }
  return options;
}

class JsKeyStore : public Napi::ObjectWrap<JsKeyStore> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "KeyStore",
                       {
                           InstanceMethod<&JsKeyStore::load_directory>("loadDirectory"),
                           InstanceMethod<&JsKeyStore::load_jwks_file>("loadJwksFile"),
                           InstanceMethod<&JsKeyStore::load_jwks_url>("loadJwksUrlAsync"),
                           InstanceMethod<&JsKeyStore::add_jwks>("addJwks"),
                           InstanceMethod<&JsKeyStore::add>("add"),
                           InstanceMethod<&JsKeyStore::remove>("remove"),
                           InstanceMethod<&JsKeyStore::set_scopes>("setScopes"),
                           InstanceMethod<&JsKeyStore::scopes>("scopes"),
                           InstanceMethod<&JsKeyStore::reload>("reload"),
                           InstanceMethod<&JsKeyStore::contains>("contains"),
                           InstanceMethod<&JsKeyStore::app_ids>("appIds"),
                           InstanceMethod<&JsKeyStore::keys>("keys"),
                           InstanceAccessor<&JsKeyStore::size>("size"),
                           InstanceAccessor<&JsKeyStore::cached_token_count>("cachedTokenCount"),
                           InstanceMethod<&JsKeyStore::to_jwks>("toJwks"),
                           InstanceMethod<&JsKeyStore::verify_sync>("verifySync"),
                           InstanceMethod<&JsKeyStore::verify_async>("verifyAsync"),
                       });
  }

  // ([options]): options.verifiedTokenCacheSize turns on the core's verified-token cache.
  explicit JsKeyStore(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<JsKeyStore>(info),
        store_(std::make_shared<KeyStore>(store_options_of(info[0]))) {}

 private:
  Napi::Value load_directory(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      store_->load_directory(string_of(info[0], "dir"), app_key_options_of(info[1]));
      return info.This();
    });
  }

  Napi::Value load_jwks_file(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      store_->load_jwks_file(string_of(info[0], "path"), app_key_options_of(info[1]));
      return info.This();
    });
  }

  // (url, options, callback): the first fetch is network I/O, so it runs on the pool.
  Napi::Value load_jwks_url(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      const Options js(info[1], "options");
      JwksUrlOptions options;
      if (const auto ms = js.number(Name::timeoutMs)) {
        options.timeout =
            std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(*ms));
      }
      options.default_max_age = seconds_of(js, Name::defaultMaxAge, options.default_max_age);
      options.refetch_cooldown = seconds_of(js, Name::refetchCooldown, options.refetch_cooldown);
      if (const auto size = js.integer(Name::maxDocumentSize, 0, max_safe_integer)) {
        options.max_document_size = static_cast<std::size_t>(*size);
      }
      options.key_options = app_key_options_of(info[1]);
      auto task = [store = store_, url = string_of(info[0], "url"), options] {
        store->load_jwks_url(url, options);
        return true;
      };
      return queue<bool>(info, task, [](Napi::Env env, bool&) { return env.Undefined(); });
    });
  }

  Napi::Value add_jwks(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      const auto text =
          info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : json_of(info[0]).dump();
      store_->add_jwks(text, app_key_options_of(info[1]));
      return info.This();
    });
  }

  Napi::Value add(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      store_->add(string_of(info[0], "appId"), JsKey::unwrap(info[1]), app_key_options_of(info[2]));
      return info.This();
    });
  }

  Napi::Value remove(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      const auto kid = info[1].IsUndefined() ? std::string() : string_of(info[1], "kid");
      return Napi::Boolean::New(info.Env(), store_->remove(string_of(info[0], "appId"), kid));
    });
  }

  Napi::Value set_scopes(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      store_->set_scopes(string_of(info[0], "appId"), strings_of(info[1], "scopes"));
      return info.This();
    });
  }

  Napi::Value scopes(const Napi::CallbackInfo& info) {
    return guarded(info.Env(),
                   [&] { return to_js(info.Env(), store_->scopes(string_of(info[0], "appId"))); });
  }

  Napi::Value reload(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      store_->reload();
      return info.This();
    });
  }

  Napi::Value contains(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      return Napi::Boolean::New(info.Env(), store_->contains(string_of(info[0], "appId")));
    });
  }

  Napi::Value app_ids(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] { return to_js(info.Env(), store_->app_ids()); });
  }

  Napi::Value keys(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      const auto env = info.Env();
      const auto keys = store_->keys(string_of(info[0], "appId"));
      auto array = Napi::Array::New(env, keys.size());
      for (uint32_t i = 0; i < keys.size(); ++i) {
        auto entry = Napi::Object::New(env);
        entry.Set(name_of(env, Name::appId), keys[i].app_id);
        entry.Set(name_of(env, Name::kid), keys[i].kid);
        entry.Set(name_of(env, Name::key), JsKey::wrap(env, keys[i].key));
        entry.Set(name_of(env, Name::algorithms), to_js(env, keys[i].algorithms));
        array.Set(i, entry);
      }
      return array;
    });
  }

  Napi::Value size(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(store_->size()));
  }

  Napi::Value cached_token_count(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(store_->cached_token_count()));
  }

  Napi::Value to_jwks(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      JwksOptions options;
      options.thumbprint_kid = Options(info[0], "options").flag(Name::thumbprintKid, false);
      return to_js(info.Env(), store_->to_jwks(options));
    });
  }

  Napi::Value verify_sync(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      return app_token_to_js(
          info.Env(), store_->verify(string_of(info[0], "token"), app_verify_options_of(info[1])));
    });
  }

  // (token, options, callback): verification (and any JWKS refetch) on the pool.
  Napi::Value verify_async(const Napi::CallbackInfo& info) {
    return guarded(info.Env(), [&] {
      auto task = [store = store_, token = string_of(info[0], "token"),
                   options = app_verify_options_of(info[1])] {
        return store->verify(token, options);
      };
      return queue<AppToken>(info, task, [](Napi::Env env, AppToken& token) -> Napi::Value {
        return app_token_to_js(env, token);
      });
    });
  }

  // Shared with tasks on the pool, which may outlive this JS object.
  std::shared_ptr<KeyStore> store_;
};

// The signer's clock reads the time the JS caller passed for this call (Date.now(),
// so fake timers work), on whichever thread runs it.
thread_local NumericDate signer_now = 0;

class JsTokenSigner : public Napi::ObjectWrap<JsTokenSigner> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "TokenSigner",
                       {
                           InstanceMethod<&JsTokenSigner::token_sync>("tokenSync"),
                           InstanceMethod<&JsTokenSigner::token_async>("tokenAsync"),
                           InstanceMethod<&JsTokenSigner::refresh_sync>("refreshSync"),
                           InstanceMethod<&JsTokenSigner::refresh_async>("refreshAsync"),
                           InstanceAccessor<&JsTokenSigner::app_id>("appId"),
                           InstanceAccessor<&JsTokenSigner::expires_at>("expiresAt"),
                       });
  }

  // (appId, key, options)
  explicit JsTokenSigner(const Napi::CallbackInfo& info) : Napi::ObjectWrap<JsTokenSigner>(info) {
    guarded(info.Env(), [&] {
      const Options js(info[2], "options");
      TokenSignerOptions options;
      options.ttl = seconds_of(js, Name::ttl, options.ttl);
      if (const auto alg = js.get(Name::algorithm)) options.algorithm = algorithm_of(*alg);
      options.refresh_margin = seconds_of(js, Name::refreshMargin, options.refresh_margin);
      options.app_id_claim = js.string(Name::appIdClaim).value_or(options.app_id_claim);
      options.key_id = js.string(Name::keyid);
      if (const auto claims = js.get(Name::claims)) options.claims = json_of(*claims);
      options.allow_insecure_key_sizes = js.flag(Name::allowInsecureKeySizes, false);
      options.clock = [] { return signer_now; };
      signer_ = std::make_shared<TokenSigner>(string_of(info[0], "appId"), JsKey::unwrap(info[1]),
                                              std::move(options));
    });
  }

 private:
  using Call = std::string (TokenSigner::*)();

  // (now[, callback])
  Napi::Value run_sync(const Napi::CallbackInfo& info, Call call) {
    return guarded(info.Env(), [&] {
      signer_now = number_of(info[0], "now");
      return Napi::String::New(info.Env(), ((*signer_).*call)());
    });
  }

  Napi::Value run_async(const Napi::CallbackInfo& info, Call call) {
    return guarded(info.Env(), [&] {
      auto task = [signer = signer_, now = number_of(info[0], "now"), call] {
        signer_now = now;
        return ((*signer).*call)();
      };
      return queue<std::string>(info, task, [](Napi::Env env, std::string& token) -> Napi::Value {
        return Napi::String::New(env, token);
      });
    });
  }

  Napi::Value token_sync(const Napi::CallbackInfo& info) {
    return run_sync(info, &TokenSigner::token);
  }
  Napi::Value token_async(const Napi::CallbackInfo& info) {
    return run_async(info, &TokenSigner::token);
  }
  Napi::Value refresh_sync(const Napi::CallbackInfo& info) {
    return run_sync(info, &TokenSigner::refresh);
  }
  Napi::Value refresh_async(const Napi::CallbackInfo& info) {
    return run_async(info, &TokenSigner::refresh);
  }
  Napi::Value app_id(const Napi::CallbackInfo& info) {
    return Napi::String::New(info.Env(), signer_->app_id());
  }
  Napi::Value expires_at(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), signer_->expires_at());
  }

  std::shared_ptr<TokenSigner> signer_;
};

Napi::Value generate_app_id(const Napi::CallbackInfo& info) {
  return guarded(info.Env(),
                 [&] { return Napi::String::New(info.Env(), appjwt::generate_app_id()); });
}

Napi::Value is_valid_app_id(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(
      info.Env(), info[0].IsString() && appjwt::is_valid_app_id(string_of(info[0], "appId")));
}

Napi::Value validate_app_id(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    appjwt::validate_app_id(string_of(info[0], "appId"));
    return info.Env().Undefined();
  });
}

Napi::Value private_key_path(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return Napi::String::New(
        info.Env(),
        appjwt::private_key_path(string_of(info[0], "dir"), string_of(info[1], "appId")).string());
  });
}

Napi::Value public_key_path(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return Napi::String::New(
        info.Env(),
        appjwt::public_key_path(string_of(info[0], "dir"), string_of(info[1], "appId")).string());
  });
}

Napi::Value write_key_pair(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return key_pair_to_js(
        info.Env(), appjwt::write_key_pair(string_of(info[0], "dir"), string_of(info[1], "appId"),
                                           JsKey::unwrap(info[2])));
  });
}

// (dir, {appId, algorithm, rsaBits}[, callback]): RSA generation takes a while,
// so the callback form runs on the pool.
KeyGenOptions key_gen_options_of(const Napi::Value& value) {
  const Options js(value, "options");
  KeyGenOptions options;
  options.app_id = js.string(Name::appId);
  if (const auto alg = js.get(Name::algorithm)) options.algorithm = algorithm_of(*alg);
  if (const auto bits = js.integer(Name::rsaBits, 0, max_rsa_bits))
    options.rsa_bits = static_cast<int>(*bits);
  return options;
}

Napi::Value generate_key_pair(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return key_pair_to_js(info.Env(), appjwt::generate_key_pair(string_of(info[0], "dir"),
                                                                key_gen_options_of(info[1])));
  });
}

Napi::Value generate_key_pair_async(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    auto task = [dir = string_of(info[0], "dir"), options = key_gen_options_of(info[1])] {
      return appjwt::generate_key_pair(dir, options);
    };
    return queue<KeyPairFiles>(info, task, [](Napi::Env env, KeyPairFiles& files) -> Napi::Value {
      return key_pair_to_js(env, files);
    });
  });
}

Napi::Value read_key_file(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return Napi::String::New(info.Env(), appjwt::read_key_file(string_of(info[0], "path")));
  });
}

Napi::Value load_key_file(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const auto passphrase = info[1].IsUndefined() ? std::string() : bytes_of(info[1], "passphrase");
    return JsKey::wrap(info.Env(), appjwt::load_key_file(string_of(info[0], "path"), passphrase));
  });
}

template <Napi::Value (*function)(const Napi::CallbackInfo&)>
void export_function(Napi::Env env, Napi::Object exports, const char* name) {
  exports.Set(name, Napi::Function::New<function>(env, name));
}

}  // namespace

void init_app_auth(Napi::Env env, Napi::Object exports) {
  exports.Set("KeyStore", JsKeyStore::define(env));
  exports.Set("TokenSigner", JsTokenSigner::define(env));
  exports.Set("defaultRsaBits", default_rsa_bits);
  export_function<generate_app_id>(env, exports, "generateAppId");
  export_function<is_valid_app_id>(env, exports, "isValidAppId");
  export_function<validate_app_id>(env, exports, "validateAppId");
  export_function<private_key_path>(env, exports, "privateKeyPath");
  export_function<public_key_path>(env, exports, "publicKeyPath");
  export_function<write_key_pair>(env, exports, "writeKeyPair");
  export_function<generate_key_pair>(env, exports, "generateKeyPair");
  export_function<generate_key_pair_async>(env, exports, "generateKeyPairAsync");
  export_function<read_key_file>(env, exports, "readKeyFile");
  export_function<load_key_file>(env, exports, "loadKeyFile");
}

}  // namespace appjwt::node
