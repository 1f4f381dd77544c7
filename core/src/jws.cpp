// Compact JWS structure (RFC 7515 section 7.1): splitting, strict decoding, and
// serialising. Signature math is in signature.cpp, claims in claims.cpp.
#include <algorithm>
#include <array>
#include <string>

#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "base64url.hpp"
#include "json.hpp"

namespace appjwt {
namespace {

// RFC 7515 4.1.11: crit must not list parameters these specifications define.
constexpr std::array<std::string_view, 11> registered_header_parameters = {
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"};

// `name` is "token header", "token payload" or "token signature".
std::string decode_segment(std::string_view text, std::string_view name) {
  auto bytes = detail::base64url_decode(text);
  if (!bytes) {
    throw Error(ErrorCode::malformed, std::string(name) +
                                          " segment is not valid base64url (unpadded, URL-safe "
                                          "alphabet, canonical final character)");
  }
  return std::move(*bytes);
}

// Decodes `text` into `json_text` and returns it parsed.
nlohmann::json decode_json_segment(std::string_view text, std::string_view name,
                                   std::string& json_text) {
  if (text.empty()) throw Error(ErrorCode::malformed, std::string(name) + " is empty");
  json_text = decode_segment(text, name);
  return detail::parse_json_object(json_text, name);
}

void check_alg(const nlohmann::json& header) {
  const auto alg = header.find("alg");
  if (alg == header.end()) throw Error(ErrorCode::malformed, "token header has no alg", "alg");
  if (!alg->is_string())
    throw Error(ErrorCode::malformed, "token header alg is not a string", "alg");
}

// Structure only: whether each name is understood is the verifier's decision.
void check_crit(const nlohmann::json& header) {
  const auto crit = header.find("crit");
  if (crit == header.end()) return;
  const auto fail = [](const std::string& problem) {
    throw Error(ErrorCode::malformed, "token header crit " + problem, "crit");
  };
  if (!crit->is_array() || crit->empty()) fail("is not a non-empty array of strings");
  for (auto name = crit->begin(); name != crit->end(); ++name) {
    if (!name->is_string()) fail("is not a non-empty array of strings");
    const auto& text = name->get_ref<const std::string&>();
    const auto quoted = detail::quote_for_message(text);
    if (std::ranges::find(registered_header_parameters, text) !=
        registered_header_parameters.end()) {
      fail("lists " + quoted + ", which RFC 7515 defines and cannot be critical");
    }
    if (!header.contains(text)) fail("lists " + quoted + ", which the header does not contain");
    if (std::find(crit->begin(), name, *name) != name) fail("lists " + quoted + " twice");
  }
}

}  // namespace

Decoded decode_unverified(std::string_view token, std::size_t max_token_size) {
  // Before anything else, so oversized input costs nothing to refuse.
  if (token.size() > max_token_size) {
    throw Error(ErrorCode::token_too_large, "token is " + std::to_string(token.size()) +
                                                " bytes, over the limit of " +
                                                std::to_string(max_token_size));
  }
  const auto segment_count = std::ranges::count(token, '.') + 1;
  if (segment_count != 3) {
    throw Error(ErrorCode::malformed,
                "a compact JWS has 3 segments separated by '.', this token has " +
                    std::to_string(segment_count));
  }
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);

  Decoded decoded;
  decoded.header_segment = token.substr(0, first_dot);
  decoded.payload_segment = token.substr(first_dot + 1, second_dot - first_dot - 1);
  decoded.signature_segment = token.substr(second_dot + 1);
  decoded.header = decode_json_segment(decoded.header_segment, "token header", decoded.header_json);
  check_alg(decoded.header);
  check_crit(decoded.header);
  decoded.payload =
      decode_json_segment(decoded.payload_segment, "token payload", decoded.payload_json);
  // An empty signature is well-formed (RFC 7515 unsecured JWS); it never verifies.
  decoded.signature = decode_segment(decoded.signature_segment, "token signature");
  return decoded;
}

std::string sign_compact(std::string_view header_json, std::string_view payload, const Key& key,
                         Algorithm alg, bool allow_insecure_key_sizes) {
  // A header naming another alg than the one signed with would make a token that
  // can never verify (or, worse, one a lax verifier reads differently).
  nlohmann::json header;
  try {
    header = detail::parse_json_object(header_json, "JWS header");
  } catch (const Error& error) {
    throw Error(ErrorCode::invalid_argument, error.what());
  }
  const auto header_alg = header.find("alg");
  if (header_alg == header.end() || *header_alg != to_string(alg)) {
    throw Error(ErrorCode::invalid_argument,
                "JWS header alg must be \"" + std::string(to_string(alg)) + "\"", "alg");
  }
  std::string token = detail::base64url_encode(header_json);
  token += '.';
  token += detail::base64url_encode(payload);
  const std::string signature = sign_bytes(token, key, alg, allow_insecure_key_sizes);
  token += '.';
  token += detail::base64url_encode(signature);
  return token;
}

}  // namespace appjwt
