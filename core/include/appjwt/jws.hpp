// RFC 7515 compact JWS: the layer below JWT claims. Most code wants jwt.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"
#include "appjwt/key.hpp"

namespace appjwt {

inline constexpr std::size_t default_max_token_size = 8 * 1024;

// A compact JWS split into its parts. Nothing here has been verified unless it
// was returned by verify().
struct Decoded {
  nlohmann::json header;       // JOSE header (a JSON object)
  nlohmann::json payload;      // claims (a JSON object)
  std::string header_json;     // the decoded header bytes `header` was parsed from
  std::string payload_json;    // the decoded payload bytes (bindings hand these to
                               // their own JSON parser instead of converting `payload`)
  std::string header_segment;  // base64url text, as in the token
  std::string payload_segment;
  std::string signature_segment;
  std::string signature;  // decoded signature bytes
  std::string signing_input() const { return header_segment + '.' + payload_segment; }
};

// Signature bytes over signing_input (for ES*: JOSE raw r||s, not DER).
// Throws Error(key_error / algorithm_not_allowed) when the key cannot sign with alg.
std::string sign_bytes(std::string_view signing_input, const Key& key, Algorithm alg,
                       bool allow_insecure_key_sizes = false);
// True when signature is a valid alg signature of signing_input under key.
// Throws only for key/algorithm mismatches, never for a bad signature.
bool verify_bytes(std::string_view signing_input, std::string_view signature, const Key& key,
                  Algorithm alg, bool allow_insecure_key_sizes = false);

// A compact JWS over exactly these header and payload bytes (for vectors such
// as RFC 7515 A.2, whose byte-exact JSON must be preserved).
std::string sign_compact(std::string_view header_json, std::string_view payload, const Key& key,
                         Algorithm alg, bool allow_insecure_key_sizes = false);

}  // namespace appjwt
