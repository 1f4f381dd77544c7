// sign / verify / decode for JavaScript, synchronous and on the libuv pool.
#pragma once

#include <napi.h>

#include "appjwt/jwt.hpp"
#include "convert.hpp"

namespace appjwt::node {

// VerifyOptions from the JS layer's normalized options object (see lib/index.js).
VerifyOptions verify_options_of(const Options& options);
// {header, payload, signature} of a decoded or verified token.
Napi::Object decoded_to_js(Napi::Env env, const Decoded& decoded);

}  // namespace appjwt::node
