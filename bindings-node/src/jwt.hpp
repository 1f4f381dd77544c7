// sign / verify / decode for JavaScript, synchronous and on the libuv pool.
#pragma once

#include <napi.h>

#include "appjwt/jwt.hpp"
#include "convert.hpp"

namespace appjwt::node {

// VerifyOptions from the JS layer's normalized options object (see lib/verify.js),
// over `defaults` for what it leaves out.
VerifyOptions verify_options_of(const Options& options, VerifyOptions defaults = {});
// {header, payload, signature} of a decoded or verified token: the header and
// payload as the JSON text the core decoded (and validated strictly), for the JS
// layer's JSON.parse, which builds the objects faster than the addon can and in
// the token's member order, as jsonwebtoken does.
Napi::Object decoded_to_js(Napi::Env env, const Decoded& decoded);

}  // namespace appjwt::node
