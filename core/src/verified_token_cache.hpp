// KeyStore's optional verified-token cache (KeyStoreOptions::verified_token_cache_size):
// a token verified before is looked up instead of having its signature checked again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appjwt/jwt.hpp"

namespace appjwt::detail {

// What KeyStore::verify needs to accept the same token again without its
// signature: which store contents and key verified it, and its parsed parts for
// the checks that depend on each call's options (algorithms, crit, claims, scopes).
struct VerifiedToken {
  std::uint64_t store_generation = 0;  // the store snapshot it was verified against
  std::string app_id;
  std::string kid;  // of the store key whose signature check it passed
  nlohmann::json header;
  nlohmann::json payload;
  NumericDate expires_at = 0;  // its exp: never returned from then on
};

// Verified tokens by the whole token text, bounded in number (the oldest go
// first) and sharded so that threads looking up different tokens rarely share a
// lock, which is held only to find or link an entry (entries are built and
// freed outside it). Only tokens that verified are inserted, so an attacker
// cannot choose which hashes the table holds, and a lookup compares token text
// only once a 64-bit hash matched. The trade-offs are at KeyStoreOptions.
class VerifiedTokenCache {
 public:
  explicit VerifiedTokenCache(std::size_t capacity);
  ~VerifiedTokenCache();
  VerifiedTokenCache(const VerifiedTokenCache&) = delete;
  VerifiedTokenCache& operator=(const VerifiedTokenCache&) = delete;

  // The entry for exactly this token, or null; an entry expired at `now` is
  // dropped instead of returned.
  std::shared_ptr<const VerifiedToken> find(std::string_view token, NumericDate now);
  // Adds or replaces the token's entry, first evicting the oldest entries of
  // its shard while it is full or they have expired.
  void insert(std::string_view token, std::shared_ptr<const VerifiedToken> entry, NumericDate now);
  void clear();
  std::size_t size() const;

 private:
  struct Shard;
  Shard& shard_for(std::size_t hash) const;
  std::size_t shard_count_;
  std::size_t shard_capacity_;  // so that all shards together hold at most the capacity
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace appjwt::detail
