// JWKS (RFC 7517 section 5) documents to and from a key store's app keys.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "appjwt/key_store.hpp"

namespace appjwt::detail {

// An app key as a store holds it: the public half of key, its algorithms
// (options', else declared_alg, else the type's default; each one usable with the
// key) and its kid (options', else the thumbprint). Throws Error(invalid_app_id),
// Error(key_error) for a secret, Error(algorithm_not_allowed).
AppKey make_app_key(std::string_view app_id, const Key& key, const AppKeyOptions& options,
                    std::optional<Algorithm> declared_alg = std::nullopt);

// The signing keys of a JWKS. Errors name `source` (a path or URL) and the key's
// index, keeping the error code of the cause.
std::vector<AppKey> parse_jwks(std::string_view jwks_json, const AppKeyOptions& options,
                               std::string_view source);

// keys sorted by app ID, as a JWKS; see JwksOptions for the kids.
nlohmann::json make_jwks(const std::vector<AppKey>& keys, const JwksOptions& options);

}  // namespace appjwt::detail
