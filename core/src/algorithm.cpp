#include "appjwt/algorithm.hpp"

#include <array>
#include <string>
#include <utility>

#include "appjwt/errors.hpp"
#include "json.hpp"

namespace appjwt {
namespace {

constexpr std::array<std::pair<Algorithm, std::string_view>, 13> names{{
    {Algorithm::RS256, "RS256"},
    {Algorithm::RS384, "RS384"},
    {Algorithm::RS512, "RS512"},
    {Algorithm::PS256, "PS256"},
    {Algorithm::PS384, "PS384"},
    {Algorithm::PS512, "PS512"},
    {Algorithm::ES256, "ES256"},
    {Algorithm::ES384, "ES384"},
    {Algorithm::ES512, "ES512"},
    {Algorithm::EdDSA, "EdDSA"},
    {Algorithm::HS256, "HS256"},
    {Algorithm::HS384, "HS384"},
    {Algorithm::HS512, "HS512"},
}};

}  // namespace

std::string_view to_string(Algorithm alg) noexcept {
  for (const auto& [value, name] : names) {
    if (value == alg) return name;
  }
  return "unknown";
}

std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept {
  // Case-sensitive on purpose: "rs256" or "NONE" are not JOSE names.
  for (const auto& [value, jose_name] : names) {
    if (jose_name == name) return value;
  }
  return std::nullopt;
}

Algorithm parse_algorithm(std::string_view name) {
  if (const auto alg = algorithm_from_string(name)) return *alg;
  // Quoted only when short and printable: the name comes from a hostile header.
  throw Error(ErrorCode::algorithm_not_allowed,
              "unsupported algorithm " + detail::quote_for_message(name), "alg");
}

}  // namespace appjwt
