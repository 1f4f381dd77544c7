#include "appjwt/key_store.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/key_files.hpp"
#include "claims.hpp"
#include "json.hpp"
#include "jwks.hpp"
#include "jwks_fetcher.hpp"
#include "verified_token_cache.hpp"

namespace appjwt {

namespace {

constexpr std::string_view public_key_suffix = "_public.pem";

// What verifiers read: immutable once published.
struct Snapshot {
  std::map<std::string, std::vector<AppKey>, std::less<>> keys_by_app;
  std::map<std::string, std::vector<std::string>, std::less<>> scopes_by_app;
  std::size_t key_count = 0;
  std::uint64_t generation = 0;  // distinct for every snapshot a store publishes
};

enum class SourceKind { directory, jwks_file, jwks_url };

struct Source {
  Source(SourceKind source_kind, std::string source_location, AppKeyOptions source_key_options,
         JwksUrlOptions source_url_options = {})
      : kind(source_kind),
        location(std::move(source_location)),
        key_options(std::move(source_key_options)),
        url_options(std::move(source_url_options)) {}

  SourceKind kind;
  std::string location;  // directory, file path or URL
  AppKeyOptions key_options;
  JwksUrlOptions url_options;
  std::vector<AppKey> keys;       // as last read
  double last_fetch_attempt = 0;  // monotonic seconds, URLs only
  double fresh_until = 0;
};

double monotonic_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double now_for(const Source& source) {
  return source.url_options.clock ? source.url_options.clock() : monotonic_seconds();
}

// Each BEGIN/END block of a PEM file, so one file can hold an app's old and new
// keys during a rotation.
std::vector<std::string_view> pem_blocks(std::string_view text) {
  std::vector<std::string_view> blocks;
  constexpr std::string_view begin_marker = "-----BEGIN ";
  constexpr std::string_view end_marker = "-----END ";
  for (auto begin = text.find(begin_marker); begin != std::string_view::npos;
       begin = text.find(begin_marker, begin)) {
    const auto end = text.find(end_marker, begin);
    if (end == std::string_view::npos) break;
    const auto line_end = text.find('\n', end);
    const auto block_end = line_end == std::string_view::npos ? text.size() : line_end + 1;
    blocks.push_back(text.substr(begin, block_end - begin));
    begin = block_end;
  }
  return blocks;
}

std::vector<AppKey> read_public_key_file(const std::filesystem::path& path, std::string_view app_id,
                                         const AppKeyOptions& options) {
  const std::string pem = read_key_file(path);
  const auto blocks = pem_blocks(pem);
  if (blocks.empty()) throw Error(ErrorCode::key_error, path.string() + ": no PEM key");
  std::vector<AppKey> keys;
  for (const auto block : blocks) {
    try {
      const Key key = Key::from_pem(block);
      // A private key here means the wrong file was deployed; better refuse it
      // than keep the calling app's secret on the API server unnoticed.
      if (key.is_private()) {
        throw Error(ErrorCode::key_error,
                    "holds a private key; give the API server only "
                    "the public key file");
      }
      AppKeyOptions thumbprint_kid = options;
      thumbprint_kid.kid.clear();
      keys.push_back(detail::make_app_key(app_id, key, thumbprint_kid));
    } catch (const Error& error) {
      throw Error(error.code(), path.string() + ": " + error.what());
    }
  }
  return keys;
}

std::vector<AppKey> read_directory(const std::filesystem::path& dir, const AppKeyOptions& options) {
  std::error_code error;
  std::filesystem::directory_iterator entries(dir, error);
  if (error) {
    throw Error(ErrorCode::io_error,
                "cannot read directory " + dir.string() + ": " + error.message());
  }
  std::vector<AppKey> keys;
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= public_key_suffix.size() || !name.ends_with(public_key_suffix)) continue;
    const std::string app_id = name.substr(0, name.size() - public_key_suffix.size());
    if (!is_valid_app_id(app_id)) {
      throw Error(ErrorCode::invalid_app_id,
                  entry.path().string() + ": the file name is not <valid app ID>_public.pem");
    }
    auto app_keys = read_public_key_file(entry.path(), app_id, options);
    keys.insert(keys.end(), std::make_move_iterator(app_keys.begin()),
                std::make_move_iterator(app_keys.end()));
  }
  return keys;
}

detail::FetchLimits fetch_limits(const JwksUrlOptions& options) {
  return {options.timeout, options.max_document_size, options.default_max_age,
          options.max_age_limit};
}

// Reads the source again; on success replaces its keys. Throws on failure.
void read_source(Source& source) {
  switch (source.kind) {
    case SourceKind::directory:
      source.keys = read_directory(source.location, source.key_options);
      return;
    case SourceKind::jwks_file:
      source.keys =
          detail::parse_jwks(read_key_file(source.location), source.key_options, source.location);
      return;
    case SourceKind::jwks_url: {
      source.last_fetch_attempt = now_for(source);
      const auto document =
          detail::fetch_document(source.location, fetch_limits(source.url_options));
      source.keys =
          detail::parse_jwks(document.body, source.url_options.key_options, source.location);
      source.fresh_until =
          source.last_fetch_attempt + static_cast<double>(document.lifetime.count());
      return;
    }
  }
}

bool cooldown_passed(const Source& source, double now) {
  return now - source.last_fetch_attempt >=
         static_cast<double>(source.url_options.refetch_cooldown.count());
}

std::vector<std::string> split_scopes(std::string_view scope_claim) {
  std::vector<std::string> scopes;
  while (!scope_claim.empty()) {
    const auto space = scope_claim.find(' ');
    const auto scope = scope_claim.substr(0, space);
    if (!scope.empty()) scopes.emplace_back(scope);
    scope_claim =
        space == std::string_view::npos ? std::string_view{} : scope_claim.substr(space + 1);
  }
  return scopes;
}

bool holds(const std::vector<std::string>& scopes, std::string_view scope) {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::vector<std::string> effective_scopes(const nlohmann::json& claims, std::string_view app_id,
                                          const std::vector<std::string>& granted) {
  const auto claim = claims.find("scope");
  if (claim == claims.end()) return granted;
  if (!claim->is_string()) {
    throw Error(ErrorCode::malformed, "the \"scope\" claim is not a string", "scope");
  }
  auto claimed = split_scopes(claim->get_ref<const std::string&>());
  for (const auto& scope : claimed) {
    if (!holds(granted, scope)) {
      throw Error(ErrorCode::insufficient_scope,
                  "the token claims scope " + detail::quote_for_message(scope) +
                      " that application \"" + std::string(app_id) + "\" does not hold",
                  "scope");
    }
  }
  return claimed;
}

// A reference into header or payload.
const std::string& unverified_app_id(const nlohmann::json& header, const nlohmann::json& payload,
                                     const AppVerifyOptions& options) {
  static const std::string kid = "kid";
  const auto& container = options.app_id_from_kid ? header : payload;
  const std::string& name = options.app_id_from_kid ? kid : options.app_id_claim;
  const auto value = container.find(name);
  if (value == container.end()) {
    throw Error(ErrorCode::missing_claim, "the token has no \"" + name + "\" (application ID)",
                name);
  }
  if (!value->is_string()) {
    throw Error(ErrorCode::invalid_app_id, "the token's \"" + name + "\" is not a string", name);
  }
  const auto& app_id = value->get_ref<const std::string&>();
  validate_app_id(app_id);
  return app_id;
}

// The keys (in snapshot) a token may have been signed with; empty when the app or
// kid is unknown.
std::vector<const AppKey*> candidate_keys(const Snapshot& snapshot, std::string_view app_id,
                                          const nlohmann::json& header) {
  std::vector<const AppKey*> candidates;
  const auto app = snapshot.keys_by_app.find(app_id);
  if (app == snapshot.keys_by_app.end()) return candidates;
  const auto kid = header.find("kid");
  const bool any_kid = kid == header.end() || *kid == app_id;
  if (!any_kid && !kid->is_string()) {
    throw Error(ErrorCode::malformed, "the header kid is not a string", "kid");
  }
  for (const auto& key : app->second) {
    if (any_kid || key.kid == kid->get_ref<const std::string&>()) candidates.push_back(&key);
  }
  return candidates;
}

// The key's algorithms that options also allows (all of them when it lists
// none); `intersection` holds them in that case.
std::span<const Algorithm> allowed_algorithms(const AppKey& key, const VerifyOptions& options,
                                              std::vector<Algorithm>& intersection) {
  if (options.algorithms.empty()) return key.algorithms;
  intersection.clear();
  for (const auto alg : key.algorithms) {
    if (std::find(options.algorithms.begin(), options.algorithms.end(), alg) !=
        options.algorithms.end()) {
      intersection.push_back(alg);
    }
  }
  return intersection;
}

const AppKey* find_key(const Snapshot& snapshot, std::string_view app_id, std::string_view kid) {
  const auto app = snapshot.keys_by_app.find(app_id);
  if (app == snapshot.keys_by_app.end()) return nullptr;
  const auto key = std::ranges::find(app->second, kid, &AppKey::kid);
  return key == app->second.end() ? nullptr : &*key;
}

// A token whose signature verified with key, once its claims and scopes pass.
AppToken accept(const Snapshot& snapshot, std::string app_id, const AppKey& key,
                nlohmann::json header, nlohmann::json claims, const AppVerifyOptions& options) {
  detail::check_claims(claims, options.jwt, options.require_expiration);
  const auto granted = snapshot.scopes_by_app.find(app_id);
  auto scopes = effective_scopes(
      claims, app_id,
      granted == snapshot.scopes_by_app.end() ? std::vector<std::string>{} : granted->second);
  for (const auto& required : options.required_scopes) {
    if (!holds(scopes, required)) {
      throw Error(ErrorCode::insufficient_scope,
                  "the token lacks the required scope " + detail::quote_for_message(required),
                  "scope");
    }
  }
  return {std::move(app_id), key.kid, std::move(header), std::move(claims), std::move(scopes)};
}

}  // namespace

namespace detail {

AppKey make_app_key(std::string_view app_id, const Key& key, const AppKeyOptions& options,
                    std::optional<Algorithm> declared_alg) {
  validate_app_id(app_id);
  if (key.type() == KeyType::secret) {
    throw Error(ErrorCode::key_error,
                "application keys are asymmetric public keys, not HMAC secrets");
  }
  const Key public_key = key.public_key();
  std::vector<Algorithm> algorithms = options.algorithms;
  if (algorithms.empty()) {
    algorithms = declared_alg ? std::vector{*declared_alg} : default_algorithms(public_key);
  }
  for (const auto alg : algorithms) {
    if (!public_key.supports(alg)) {
      throw Error(ErrorCode::algorithm_not_allowed,
                  std::string(to_string(alg)) + " cannot be used with this key's type", "alg");
    }
  }
  return {std::string(app_id), options.kid.empty() ? public_key.thumbprint() : options.kid,
          public_key, std::move(algorithms)};
}

}  // namespace detail

std::vector<Algorithm> default_algorithms(const Key& key) {
  switch (key.type()) {
    case KeyType::rsa:
      return {Algorithm::RS512};
    case KeyType::ed25519:
      return {Algorithm::EdDSA};
    case KeyType::ec:
      switch (key.curve()) {
        case Curve::p256:
          return {Algorithm::ES256};
        case Curve::p384:
          return {Algorithm::ES384};
        case Curve::p521:
          return {Algorithm::ES512};
        case Curve::none:
        case Curve::ed25519:
          break;
      }
      break;
    case KeyType::secret:
      break;
  }
  throw Error(ErrorCode::key_error, "no default algorithm for this key");
}

struct KeyStore::Impl {
  // Readers copy the snapshot pointer under this lock and never wait for an
  // update, which builds the next snapshot before taking it.
  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const Snapshot> snapshot = std::make_shared<const Snapshot>();
  std::atomic<bool> has_urls{false};

  // Serialises every change. Holders may fetch a URL meanwhile: verifiers never
  // take it except to refetch on an unknown app or kid.
  std::mutex update_mutex;
  std::vector<Source> sources;
  std::vector<AppKey> added;
  std::map<std::string, std::vector<std::string>, std::less<>> scopes_by_app;
  std::uint64_t generation = 0;  // of the last snapshot published

  // Null when KeyStoreOptions::verified_token_cache_size is 0.
  std::unique_ptr<detail::VerifiedTokenCache> verified_tokens;

  std::shared_ptr<const Snapshot> current() const {
    const std::lock_guard lock(snapshot_mutex);
    return snapshot;
  }

  // The previous snapshot is freed after the lock is released, by the caller's
  // argument, or later by the last verifier still using it.
  void publish(std::shared_ptr<const Snapshot> next) {
    const std::lock_guard lock(snapshot_mutex);
    snapshot.swap(next);
  }

  // Builds a snapshot from the sources, added keys and scopes. The first of
  // several keys with one app ID and kid wins.
  void publish_locked() {
    auto next = std::make_shared<Snapshot>();
    std::set<std::pair<std::string_view, std::string_view>> seen;
    const auto insert = [&](const std::vector<AppKey>& keys) {
      for (const auto& key : keys) {
        if (!seen.emplace(key.app_id, key.kid).second) continue;
        next->keys_by_app[key.app_id].push_back(key);
        ++next->key_count;
      }
    };
    insert(added);
    for (const auto& source : sources) insert(source.keys);
    next->scopes_by_app = scopes_by_app;
    next->generation = ++generation;
    publish(std::move(next));
    // Entries of older snapshots are never used again (cached() checks the
    // generation, which also covers one inserted while this was published).
    if (verified_tokens) verified_tokens->clear();
  }

  // The token from the verified-token cache when it was verified against
  // store_contents and passes this call's checks. nullopt otherwise, also when a
  // check fails: the caller then verifies it in full, so that it fails exactly as
  // it would without the cache.
  std::optional<AppToken> cached(std::string_view token, const Snapshot& store_contents,
                                 const AppVerifyOptions& options) const {
    if (!verified_tokens || token.size() > options.jwt.max_token_size) return std::nullopt;
    const auto entry = verified_tokens->find(token, detail::verification_time(options.jwt));
    if (!entry || entry->store_generation != store_contents.generation) return std::nullopt;
    try {
      detail::check_verify_options(options.jwt);
      // These options may read the app ID from elsewhere than the verifying call's.
      if (unverified_app_id(entry->header, entry->payload, options) != entry->app_id) {
        return std::nullopt;
      }
      const AppKey* key = find_key(store_contents, entry->app_id, entry->kid);
      if (key == nullptr) return std::nullopt;
      std::vector<Algorithm> intersection;
      detail::accepted_algorithm(entry->header, allowed_algorithms(*key, options.jwt, intersection),
                                 options.jwt);
      return accept(store_contents, entry->app_id, *key, entry->header, entry->payload, options);
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  // Keeps a verified token for cached(), unless it has no exp to bound its life,
  // or was verified with an allowance a later call might not make.
  void remember(std::string_view token, const Snapshot& store_contents, const AppToken& verified,
                const AppVerifyOptions& options) const {
    if (!verified_tokens || options.jwt.allow_insecure_key_sizes || options.jwt.ignore_expiration) {
      return;
    }
    const auto exp = verified.claims.find("exp");
    if (exp == verified.claims.end() || !exp->is_number()) return;
    const NumericDate now = detail::verification_time(options.jwt);
    const NumericDate expires_at = exp->get<NumericDate>();
    if (expires_at <= now) return;  // accepted within the clock tolerance only
    verified_tokens->insert(token,
                            std::make_shared<const detail::VerifiedToken>(detail::VerifiedToken{
                                store_contents.generation, verified.app_id, verified.kid,
                                verified.header, verified.claims, expires_at}),
                            now);
  }

  void add_source(Source source) {
    read_source(source);
    const std::lock_guard lock(update_mutex);
    if (source.kind == SourceKind::jwks_url) has_urls = true;
    sources.push_back(std::move(source));
    publish_locked();
  }

  // Refetches the URL sources that are due; keeps a source's old keys when its
  // fetch fails. `due` decides per source.
  template <class Due>
  void refetch_urls_locked(Due due) {
    bool changed = false;
    for (auto& source : sources) {
      if (source.kind != SourceKind::jwks_url || !due(source, now_for(source))) continue;
      Source fetched = source;
      try {
        read_source(fetched);
        source = std::move(fetched);
        changed = true;
      } catch (const Error&) {
        source.last_fetch_attempt = fetched.last_fetch_attempt;  // keeps the cooldown
      }
    }
    if (changed) publish_locked();
  }

  // After max-age: the first verifier to notice refetches, the others carry on
  // with the current keys instead of queueing behind the fetch.
  void refresh_stale_urls() {
    if (!has_urls) return;
    const std::unique_lock lock(update_mutex, std::try_to_lock);
    if (!lock.owns_lock()) return;
    refetch_urls_locked([](const Source& source, double now) {
      return now >= source.fresh_until && cooldown_passed(source, now);
    });
  }

  // An unknown app or kid may be a key published since the last fetch.
  bool refetch_after_miss() {
    if (!has_urls) return false;
    const std::lock_guard lock(update_mutex);
    const auto before = current();
    refetch_urls_locked(cooldown_passed);
    return current() != before;
  }
};

KeyStore::KeyStore() : impl_(std::make_unique<Impl>()) {}

KeyStore::KeyStore(const KeyStoreOptions& store_options) : KeyStore() {
  if (store_options.verified_token_cache_size > 0) {
    impl_->verified_tokens =
        std::make_unique<detail::VerifiedTokenCache>(store_options.verified_token_cache_size);
  }
}
KeyStore::~KeyStore() = default;
KeyStore::KeyStore(KeyStore&&) noexcept = default;
KeyStore& KeyStore::operator=(KeyStore&&) noexcept = default;

KeyStore KeyStore::from_directory(const std::filesystem::path& dir, const AppKeyOptions& options,
                                  const KeyStoreOptions& store_options) {
  KeyStore store(store_options);
  store.load_directory(dir, options);
  return store;
}

void KeyStore::load_directory(const std::filesystem::path& dir, const AppKeyOptions& options) {
  impl_->add_source(Source(SourceKind::directory, dir.string(), options));
}

void KeyStore::load_jwks_file(const std::filesystem::path& path, const AppKeyOptions& options) {
  impl_->add_source(Source(SourceKind::jwks_file, path.string(), options));
}

void KeyStore::load_jwks_url(const std::string& url, const JwksUrlOptions& options) {
  impl_->add_source(Source(SourceKind::jwks_url, url, options.key_options, options));
}

void KeyStore::add_jwks(std::string_view jwks_json, const AppKeyOptions& options) {
  auto keys = detail::parse_jwks(jwks_json, options, "document");
  const std::lock_guard lock(impl_->update_mutex);
  impl_->added.insert(impl_->added.end(), std::make_move_iterator(keys.begin()),
                      std::make_move_iterator(keys.end()));
  impl_->publish_locked();
}

void KeyStore::add(std::string_view app_id, const Key& key, const AppKeyOptions& options) {
  auto app_key = detail::make_app_key(app_id, key, options);
  const std::lock_guard lock(impl_->update_mutex);
  impl_->added.push_back(std::move(app_key));
  impl_->publish_locked();
}

bool KeyStore::remove(std::string_view app_id, std::string_view kid) {
  const auto matches = [&](const AppKey& key) {
    return key.app_id == app_id && (kid.empty() || key.kid == kid);
  };
  const std::lock_guard lock(impl_->update_mutex);
  std::size_t removed = std::erase_if(impl_->added, matches);
  for (auto& source : impl_->sources) removed += std::erase_if(source.keys, matches);
  if (removed > 0) impl_->publish_locked();
  return removed > 0;
}

void KeyStore::set_scopes(std::string_view app_id, std::vector<std::string> scopes) {
  validate_app_id(app_id);
  for (const auto& scope : scopes) {
    if (scope.empty() || scope.find(' ') != std::string::npos) {
      throw Error(ErrorCode::invalid_argument, "a scope is a non-empty word without spaces");
    }
  }
  const std::lock_guard lock(impl_->update_mutex);
  impl_->scopes_by_app[std::string(app_id)] = std::move(scopes);
  impl_->publish_locked();
}

std::vector<std::string> KeyStore::scopes(std::string_view app_id) const {
  const auto snapshot = impl_->current();
  const auto scopes = snapshot->scopes_by_app.find(app_id);
  return scopes == snapshot->scopes_by_app.end() ? std::vector<std::string>{} : scopes->second;
}

void KeyStore::reload() {
  const std::lock_guard lock(impl_->update_mutex);
  // Read into copies so that a failure leaves every source as it was.
  std::vector<Source> reread = impl_->sources;
  for (auto& source : reread) read_source(source);
  impl_->sources = std::move(reread);
  impl_->publish_locked();
}

bool KeyStore::contains(std::string_view app_id) const {
  return impl_->current()->keys_by_app.contains(app_id);
}

std::vector<std::string> KeyStore::app_ids() const {
  const auto snapshot = impl_->current();
  std::vector<std::string> ids;
  for (const auto& [app_id, keys] : snapshot->keys_by_app) ids.push_back(app_id);
  return ids;
}

std::vector<AppKey> KeyStore::keys(std::string_view app_id) const {
  const auto snapshot = impl_->current();
  const auto app = snapshot->keys_by_app.find(app_id);
  return app == snapshot->keys_by_app.end() ? std::vector<AppKey>{} : app->second;
}

std::size_t KeyStore::size() const {
  return impl_->current()->key_count;
}

std::size_t KeyStore::cached_token_count() const {
  return impl_->verified_tokens ? impl_->verified_tokens->size() : 0;
}

nlohmann::json KeyStore::to_jwks(const JwksOptions& options) const {
  const auto snapshot = impl_->current();
  std::vector<AppKey> all;
  for (const auto& [app_id, keys] : snapshot->keys_by_app) {
    all.insert(all.end(), keys.begin(), keys.end());
  }
  return detail::make_jwks(all, options);
}

AppToken KeyStore::verify(std::string_view token, const AppVerifyOptions& options) const {
  impl_->refresh_stale_urls();
  auto snapshot = impl_->current();
  if (auto token_seen_before = impl_->cached(token, *snapshot, options)) {
    return std::move(*token_seen_before);
  }

  // Decoded once: the app ID is read from it, then its signature checked with that app's keys.
  Decoded decoded = decode_unverified(token, options.jwt.max_token_size);
  // Validated before anything looks it up: the ID is attacker-controlled so far.
  std::string app_id = unverified_app_id(decoded.header, decoded.payload, options);
  auto candidates = candidate_keys(*snapshot, app_id, decoded.header);
  if (candidates.empty() && impl_->refetch_after_miss()) {
    snapshot = impl_->current();
    candidates = candidate_keys(*snapshot, app_id, decoded.header);
  }
  if (candidates.empty()) {
    throw Error(ErrorCode::unknown_key,
                snapshot->keys_by_app.contains(app_id)
                    ? "application \"" + app_id + "\" has no key with the token's kid"
                    : "unknown application \"" + app_id + "\"");
  }

  detail::check_verify_options(options.jwt);
  std::vector<Algorithm> intersection;
  std::optional<Error> last_error;
  for (const AppKey* candidate : candidates) {
    const auto algorithms = allowed_algorithms(*candidate, options.jwt, intersection);
    if (algorithms.empty()) {
      last_error = Error(ErrorCode::algorithm_not_allowed,
                         "none of the requested algorithms is allowed for this app's key", "alg");
      continue;
    }
    try {
      const Algorithm alg = detail::accepted_algorithm(decoded.header, algorithms, options.jwt);
      detail::verify_signature(token, decoded, candidate->key, alg, options.jwt);
    } catch (const Error& error) {
      // Only a failed signature or algorithm means "maybe another of the app's
      // keys"; any other error is the token's own.
      if (error.code() != ErrorCode::invalid_signature &&
          error.code() != ErrorCode::algorithm_not_allowed) {
        throw;
      }
      last_error = error;
      continue;
    }
    AppToken verified = accept(*snapshot, std::move(app_id), *candidate, std::move(decoded.header),
                               std::move(decoded.payload), options);
    impl_->remember(token, *snapshot, verified, options);
    return verified;
  }
  throw *last_error;
}

AppToken verify_app_token(std::string_view token, const KeyStore& store,
                          const AppVerifyOptions& options) {
  return store.verify(token, options);
}

}  // namespace appjwt
