#include "jwt.hpp"

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <utility>

#include "addon.hpp"
#include "errors.hpp"
#include "keys.hpp"
#include "workers.hpp"

namespace appjwt::node {
namespace {

// A JS RegExp as {source, flags}: ECMAScript grammar, `i` honoured; matched with
// regex_search, as RegExp.prototype.test does.
std::regex pattern_of(const Napi::Value& value) {
  const Options pattern(value, "audience pattern");
  const auto source = pattern.string(Name::source).value_or("");
  auto syntax = std::regex::ECMAScript;
  if (pattern.string(Name::flags).value_or("").find('i') != std::string::npos)
    syntax |= std::regex::icase;
  try {
    return std::regex(source, syntax);
  } catch (const std::regex_error&) {
    throw Napi::TypeError::New(value.Env(), "audience RegExp /" + source + "/ is not supported");
  }
}

// What to sign, captured on the main thread so it can run on any thread.
struct SignRequest {
  Key key;
  SignOptions options;
  std::optional<nlohmann::json> claims;  // a JSON object payload, or:
  std::string payload_bytes;             // a string / Buffer payload, signed as is

  std::string run() const {
    if (claims) return sign(*claims, key, options);
    auto header = options.header;
    header["alg"] = to_string(options.algorithm);
    return sign_compact(header.dump(), payload_bytes, key, options.algorithm,
                        options.allow_insecure_key_sizes);
  }
};

// (payload, key, options): payload is the JSON text of a claims object, or a
// Buffer signed as it is (jsonwebtoken's string and Buffer payloads).
SignRequest sign_request(const Napi::CallbackInfo& info) {
  SignRequest request{JsKey::unwrap(info[1]), {}, std::nullopt, {}};
  if (info[0].IsString()) {
    request.claims = nlohmann::json::parse(info[0].As<Napi::String>().Utf8Value());
  } else {
    request.payload_bytes = bytes_of(info[0], "payload");
  }
  const Options js(info[2], "options");
  auto& options = request.options;
  options.algorithm = algorithm_of(js.get(Name::algorithm).value_or(info.Env().Undefined()));
  if (const auto header = js.get(Name::header)) options.header = json_of(*header);
  options.issued_at = !js.flag(Name::noTimestamp, false);
  options.now = js.number(Name::now);
  const auto seconds = [&](Name name) -> std::optional<std::chrono::seconds> {
    const auto value = js.integer(name, -max_safe_integer, max_safe_integer);
    return value ? std::optional(std::chrono::seconds(*value)) : std::nullopt;
  };
  options.expires_in = seconds(Name::expiresIn);
  options.not_before = seconds(Name::notBefore);
  options.issuer = js.string(Name::issuer);
  options.subject = js.string(Name::subject);
  if (const auto audience = js.get(Name::audience)) options.audience = json_of(*audience);
  options.jwt_id = js.string(Name::jwtid);
  options.allow_insecure_key_sizes = js.flag(Name::allowInsecureKeySizes, false);
  return request;
}

struct VerifyRequest {
  std::string token;
  Key key;
  VerifyOptions options;
  bool complete;  // jsonwebtoken's `complete`: header, payload and signature

  Decoded run() const { return verify(token, key, options); }
};

// jwt.verify's options over jsonwebtoken's defaults, which check neither an iat
// in the future nor an aud nobody asked for.
VerifyOptions jsonwebtoken_options(const Options& js, const Napi::Value& algorithms) {
  VerifyOptions defaults;
  defaults.algorithms = algorithms_of(algorithms);
  defaults.verify_issued_at = false;
  defaults.reject_unexpected_audience = false;
  return verify_options_of(js, std::move(defaults));
}

// (token, key, algorithms, now, options): what every call has is passed as
// arguments, so that a call without other options (undefined) reads no object.
VerifyRequest verify_request(const Napi::CallbackInfo& info) {
  const Options js(info[4], "options");
  VerifyRequest request{string_of(info[0], "token"), JsKey::unwrap(info[1]),
                        jsonwebtoken_options(js, info[2]), js.flag(Name::complete, false)};
  request.options.now = number_of(info[3], {"options", Name::now});
  return request;
}

// The payload's JSON text, or all parts (see decoded_to_js) when complete.
Napi::Value verified_to_js(Napi::Env env, const Decoded& verified, bool complete) {
  if (complete) return decoded_to_js(env, verified);
  return Napi::String::New(env, verified.payload_json);
}

Napi::Value convert_token(Napi::Env env, std::string& token) {
  return Napi::String::New(env, token);
}

Napi::Value sign_sync(const Napi::CallbackInfo& info) {
  return guarded(info.Env(),
                 [&] { return Napi::String::New(info.Env(), sign_request(info).run()); });
}

Napi::Value sign_async(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    return queue<std::string>(
        info, [request = sign_request(info)] { return request.run(); }, convert_token);
  });
}

// (token, key, algorithms, now, options): see verified_to_js for what it returns.
Napi::Value verify_sync(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const auto request = verify_request(info);
    return verified_to_js(info.Env(), request.run(), request.complete);
  });
}

Napi::Value verify_async(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    auto request = verify_request(info);
    const bool complete = request.complete;
    return queue<Decoded>(
        info, [request = std::move(request)] { return request.run(); },
        [complete](Napi::Env env, Decoded& verified) {
          return verified_to_js(env, verified, complete);
        });
  });
}

// (token[, maxTokenSize]): the unverified parts; throws for what is not a JWS.
Napi::Value decode(const Napi::CallbackInfo& info) {
  return guarded(info.Env(), [&] {
    const auto max_size =
        info[1].IsUndefined() || info[1].IsNull()
            ? default_max_token_size
            : static_cast<std::size_t>(integer_of(info[1], "maxTokenSize", 0, max_safe_integer));
    return decoded_to_js(info.Env(), decode_unverified(string_of(info[0], "token"), max_size));
  });
}

}  // namespace

VerifyOptions verify_options_of(const Options& js, VerifyOptions options) {
  if (const auto algorithms = js.get(Name::algorithms))
    options.algorithms = algorithms_of(*algorithms);
  options.audience = js.strings(Name::audience);
  if (const auto patterns = js.get(Name::audiencePatterns)) {
    const auto array = patterns->As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); ++i) {
      options.audience_patterns.push_back(pattern_of(array.Get(i)));
    }
  }
  options.reject_unexpected_audience =
      js.flag(Name::rejectUnexpectedAudience, options.reject_unexpected_audience);
  options.strict_audience = js.flag(Name::strictAudience, false);
  options.issuer = js.strings(Name::issuer);
  options.subject = js.string(Name::subject);
  options.jwt_id = js.string(Name::jwtid);
  options.nonce = js.string(Name::nonce);
  options.clock_tolerance = Seconds(js.number(Name::clockTolerance).value_or(0));
  if (const auto max_age = js.number(Name::maxAge)) options.max_age = Seconds(*max_age);
  options.ignore_expiration = js.flag(Name::ignoreExpiration, false);
  options.ignore_not_before = js.flag(Name::ignoreNotBefore, false);
  options.verify_issued_at = js.flag(Name::verifyIssuedAt, options.verify_issued_at);
  options.required_claims = js.strings(Name::requiredClaims);
  if (const auto now = js.number(Name::now)) options.now = now;
  if (const auto size = js.integer(Name::maxTokenSize, 0, max_safe_integer)) {
    options.max_token_size = static_cast<std::size_t>(*size);
  }
  options.allow_insecure_key_sizes = js.flag(Name::allowInsecureKeySizes, false);
  options.understood_critical = js.strings(Name::understoodCritical);
  return options;
}

Napi::Object decoded_to_js(Napi::Env env, const Decoded& decoded) {
  auto result = Napi::Object::New(env);
  result.Set(name_of(env, Name::header), decoded.header_json);
  result.Set(name_of(env, Name::payload), decoded.payload_json);
  result.Set(name_of(env, Name::signature), decoded.signature_segment);
  return result;
}

void init_jwt(Napi::Env env, Napi::Object exports) {
  exports.Set("sign", Napi::Function::New<sign_sync>(env, "sign"));
  exports.Set("signAsync", Napi::Function::New<sign_async>(env, "signAsync"));
  exports.Set("verify", Napi::Function::New<verify_sync>(env, "verify"));
  exports.Set("verifyAsync", Napi::Function::New<verify_async>(env, "verifyAsync"));
  exports.Set("decode", Napi::Function::New<decode>(env, "decode"));
}

}  // namespace appjwt::node
