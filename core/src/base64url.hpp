// RFC 4648 section 5 base64url without padding, as JWS uses it (RFC 7515 2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace appjwt::detail {

std::string base64url_encode(std::string_view bytes);

// Strict decoding: only the base64url alphabet, no padding, no whitespace, and
// canonical trailing bits (so every value has exactly one encoding). nullopt
// for anything else.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace appjwt::detail
