// The API server's side of application authentication: which application may
// call, with which public keys, algorithms and scopes; and verification of an
// application's token against it.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "appjwt/algorithm.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"

namespace appjwt {

// Options for keys added to a store (by add() or from a source).
struct AppKeyOptions {
  // Algorithms this key verifies. Empty: the JWK's "alg" when it has one, else
  // the key type's default (RSA: RS512; EC: the ES* of its curve; Ed25519: EdDSA).
  std::vector<Algorithm> algorithms;
  // Key ID for rotation (matched against a token's "kid"). Empty: the key's RFC
  // 7638 thumbprint. Only add() uses it: directory keys always get their
  // thumbprint, JWKS keys their JWK's kid (else their thumbprint).
  std::string kid;
};

// One public key of one application, as held by a store.
struct AppKey {
  std::string app_id;
  std::string kid;
  Key key;  // always a public key
  std::vector<Algorithm> algorithms;
};

struct JwksUrlOptions {
  std::chrono::milliseconds timeout{5000};  // whole request, connection included
  // Freshness when the response has no Cache-Control max-age; capped by
  // max_age_limit. no-cache / no-store make it stale at once (still refetched at
  // most once per refetch_cooldown).
  std::chrono::seconds default_max_age{300};
  std::chrono::seconds max_age_limit{86400};
  // A token naming an unknown app or kid refetches the document at most once per
  // cooldown, so random kids from an attacker cannot make the store hammer the URL.
  std::chrono::seconds refetch_cooldown{30};
  std::size_t max_document_size = 1024 * 1024;
  AppKeyOptions key_options;  // algorithms for every key of the document
  // Monotonic seconds, injectable for tests; default std::chrono::steady_clock.
  std::function<double()> clock;
};

struct JwksOptions {
  // kid of each JWK: the app ID (the default, as `appjwt jwks` prints), or the RFC
  // 7638 thumbprint. An app with several keys (rotation) always gets each key's own
  // kid, as two keys cannot share one. A JWK whose kid is not its app ID carries
  // the app ID in an "appId" member.
  bool thumbprint_kid = false;
};

struct AppVerifyOptions {
  // Where the unverified app ID is read: this payload claim, or the header kid.
  std::string app_id_claim = "appId";
  bool app_id_from_kid = false;
  // The token's app must hold every one of these scopes (after narrowing by the
  // token's own "scope" claim); otherwise Error(insufficient_scope).
  std::vector<std::string> required_scopes;
  bool require_expiration = true;  // exp must be present (app tokens are short-lived)
  // Claim checks (audience, issuer, clock tolerance, injected time, size limit...).
  // Its algorithms may be left empty: each key's own list is used; a non-empty
  // list further restricts it.
  VerifyOptions jwt;
};

// A verified application token.
struct AppToken {
  std::string app_id;
  std::string kid;  // kid of the store key that verified it
  nlohmann::json header;
  nlohmann::json claims;
  // Effective scopes: the app's granted scopes, narrowed by the token's "scope"
  // claim when it has one.
  std::vector<std::string> scopes;
};

struct KeyStoreOptions {
  // Verified-token cache: how many tokens verify() remembers (0, the default:
  // none). A token seen before, byte for byte, is then a lookup instead of a
  // signature check, over 20 times faster, for callers that send one token with
  // many requests until it expires. A hit is never more permissive than a miss:
  // - only tokens with an exp are kept, and none is returned from its exp on;
  // - an entry holds only while the store is unchanged: any add, remove,
  //   reload, set_scopes or JWKS refetch drops every entry, so a removed or
  //   replaced key stops accepting its tokens at once;
  // - each call's own options (algorithms, crit, claims, app ID claim, scopes,
  //   size limit) are checked again on a hit; only the signature is not.
  // Trade-offs: memory, about 2 KiB per entry for a typical app token (the
  // token text and its parsed header and claims), up to this many entries, the
  // oldest evicted first; a miss pays a little more (the entry is made), so the
  // cache is wasted on callers that sign a new token for every request. A key
  // that must stop being trusted has to be removed from the store, as without
  // the cache. Replay is unchanged: a bearer token is accepted again until it
  // expires, cached or not.
  std::size_t verified_token_cache_size = 0;
};

// App ID -> public keys, algorithms and granted scopes. Readers work on immutable
// snapshots (a pointer copy under a brief lock): verify() on any number of threads
// runs concurrently with add(), remove(), reload() and JWKS refetches, and each
// verification sees either the whole old or the whole new store, never a
// half-loaded one. Not copyable.
class KeyStore {
 public:
  KeyStore();
  explicit KeyStore(const KeyStoreOptions& store_options);
  ~KeyStore();
  KeyStore(KeyStore&&) noexcept;
  KeyStore& operator=(KeyStore&&) noexcept;
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;

  // A store loaded from a directory of <appId>_public.pem files.
  static KeyStore from_directory(const std::filesystem::path& dir,
                                 const AppKeyOptions& options = {},
                                 const KeyStoreOptions& store_options = {});

  // Sources. Each is read now (throwing, and changing nothing, if it cannot be)
  // and remembered, so reload() reads it again.
  //
  // Every <appId>_public.pem in dir (not recursive; other files are ignored). A
  // file may hold several PEM public keys, one per BEGIN/END block, for rotation.
  // An invalid app ID in a file name, or a private key in a public key file, is an
  // error.
  void load_directory(const std::filesystem::path& dir, const AppKeyOptions& options = {});
  // A JWKS (RFC 7517) file. Each JWK's app ID is its "appId" member, else its kid.
  // Private and symmetric (oct) JWKs are refused; keys whose "use" is not "sig"
  // are skipped.
  void load_jwks_file(const std::filesystem::path& path, const AppKeyOptions& options = {});
  // A JWKS fetched over HTTP(S) GET. Refetched by the first verification that
  // finds its Cache-Control max-age passed (others meanwhile use the old keys,
  // which also stay if the fetch fails), and on an unknown app or kid at most
  // once per refetch_cooldown.
  void load_jwks_url(const std::string& url, const JwksUrlOptions& options = {});

  // Keys that are not re-read by reload(): a JWKS document given as text, or one key.
  void add_jwks(std::string_view jwks_json, const AppKeyOptions& options = {});
  void add(std::string_view app_id, const Key& key, const AppKeyOptions& options = {});
  // Removes the app's keys (kid empty) or one of them, from the store now and from
  // the keys given by add(); a source that still holds them brings them back on
  // reload(). Returns whether anything was removed.
  bool remove(std::string_view app_id, std::string_view kid = {});

  // Scopes granted to an app, e.g. {"users:read", "users:admin"}. Kept across
  // reloads; an app without granted scopes holds none.
  void set_scopes(std::string_view app_id, std::vector<std::string> scopes);
  std::vector<std::string> scopes(std::string_view app_id) const;

  // Re-reads every source and swaps the result in at once. On any error it
  // throws and the store keeps its previous contents.
  void reload();

  bool contains(std::string_view app_id) const;
  std::vector<std::string> app_ids() const;  // sorted
  std::vector<AppKey> keys(std::string_view app_id) const;
  std::size_t size() const;  // number of keys
  // Tokens in the verified-token cache now (0 when it is off).
  std::size_t cached_token_count() const;

  // The public keys as a JWKS document, e.g. for the API server to publish.
  nlohmann::json to_jwks(const JwksOptions& options = {}) const;

  // Verifies an application token:
  // 1. reads the unverified app ID (AppVerifyOptions::app_id_claim, or the kid)
  //    and validates it strictly (Error(invalid_app_id)) before any lookup;
  // 2. finds that app's keys (Error(unknown_key) for an unknown app, or a kid
  //    that none of its keys has); a token without a kid (or whose kid is the app
  //    ID) is tried against each of the app's keys;
  // 3. verifies signature and claims with that key's algorithms, exp required;
  // 4. checks scopes: a "scope" claim (space-separated, OAuth 2.0 style) naming a
  //    scope the app does not hold, or a missing required scope, is
  //    Error(insufficient_scope).
  // With the verified-token cache on, a token verified before skips step 3's
  // signature check (see KeyStoreOptions).
  AppToken verify(std::string_view token, const AppVerifyOptions& options = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Same as store.verify(token, options).
AppToken verify_app_token(std::string_view token, const KeyStore& store,
                          const AppVerifyOptions& options = {});

// The algorithms a key verifies when none are configured: RSA RS512, EC the ES*
// of its curve, Ed25519 EdDSA. Error(key_error) for a secret.
std::vector<Algorithm> default_algorithms(const Key& key);

}  // namespace appjwt
