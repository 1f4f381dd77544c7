// Strict JSON for untrusted input: token headers and payloads, JWKs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace appjwt::detail {

// Objects and arrays nested deeper than this are refused.
inline constexpr std::size_t max_json_depth = 64;

// Parses text (RFC 8259, UTF-8) that must be a JSON object. Unlike nlohmann's own
// parse it refuses duplicate member names at any depth (nlohmann keeps the last
// one, so {"alg":"none","alg":"RS256"} would read differently here than in other
// parsers), nesting beyond max_json_depth, a byte order mark, invalid UTF-8 and
// trailing data. Throws Error(malformed) naming `what` ("token header").
nlohmann::json parse_json_object(std::string_view text, std::string_view what);

// text quoted for an error message when short and printable, else a placeholder,
// so untrusted data never floods or garbles a message.
std::string quote_for_message(std::string_view text);

}  // namespace appjwt::detail
