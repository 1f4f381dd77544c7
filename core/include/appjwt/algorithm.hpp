// JOSE signature algorithms (RFC 7518) and which key types each one accepts.
#pragma once

#include <optional>
#include <string_view>

namespace appjwt {

enum class Algorithm {
  RS256,
  RS384,
  RS512,
  PS256,
  PS384,
  PS512,
  ES256,
  ES384,
  ES512,
  EdDSA,
  HS256,
  HS384,
  HS512,
};

// "RS512" etc. exactly as JOSE spells them.
std::string_view to_string(Algorithm alg) noexcept;
// Exact, case-sensitive JOSE name; "none" (in any case) and unknown names give nullopt.
std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept;
// As algorithm_from_string but throws Error(algorithm_not_allowed) for unknown names.
Algorithm parse_algorithm(std::string_view name);

}  // namespace appjwt
