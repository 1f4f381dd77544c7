#include "verified_token_cache.hpp"

#include <algorithm>
#include <functional>
#include <list>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace appjwt::detail {
namespace {

// Enough that a few busy threads seldom wait on one another.
constexpr std::size_t max_shards = 16;

struct Node {
  std::string token;
  std::shared_ptr<const VerifiedToken> entry;
};

// The hash is computed once per call, for the shard and for its map.
struct PrecomputedHash {
  std::size_t operator()(std::size_t hash) const noexcept { return hash; }
};

}  // namespace

struct VerifiedTokenCache::Shard {
  using Nodes = std::list<Node>;

  // The node holding exactly this token, among those with its hash.
  Nodes::iterator find_locked(std::string_view token, std::size_t hash) {
    const auto [first, last] = index.equal_range(hash);
    const auto match =
        std::find_if(first, last, [&](const auto& slot) { return slot.second->token == token; });
    return match == last ? nodes.end() : match->second;
  }

  void unindex_locked(Nodes::iterator node, std::size_t hash) {
    const auto [first, last] = index.equal_range(hash);
    index.erase(std::find_if(first, last, [&](const auto& slot) { return slot.second == node; }));
  }

  std::mutex mutex;
  Nodes nodes;  // oldest first
  std::unordered_multimap<std::size_t, Nodes::iterator, PrecomputedHash> index;
};

VerifiedTokenCache::VerifiedTokenCache(std::size_t capacity)
    : shard_count_(std::clamp<std::size_t>(capacity, 1, max_shards)),
      shard_capacity_(std::max<std::size_t>(capacity / shard_count_, 1)),
      shards_(std::make_unique<Shard[]>(shard_count_)) {}

VerifiedTokenCache::~VerifiedTokenCache() = default;

VerifiedTokenCache::Shard& VerifiedTokenCache::shard_for(std::size_t hash) const {
  return shards_[hash % shard_count_];
}

std::shared_ptr<const VerifiedToken> VerifiedTokenCache::find(std::string_view token,
                                                              NumericDate now) {
  const std::size_t hash = std::hash<std::string_view>{}(token);
  Shard& shard = shard_for(hash);
  Shard::Nodes expired;  // freed after unlocking
  const std::lock_guard lock(shard.mutex);
  const auto node = shard.find_locked(token, hash);
  if (node == shard.nodes.end()) return nullptr;
  if (node->entry->expires_at > now) return node->entry;
  shard.unindex_locked(node, hash);
  expired.splice(expired.end(), shard.nodes, node);
  return nullptr;
}

void VerifiedTokenCache::insert(std::string_view token, std::shared_ptr<const VerifiedToken> entry,
                                NumericDate now) {
  const std::size_t hash = std::hash<std::string_view>{}(token);
  Shard& shard = shard_for(hash);
  Node node{std::string(token), std::move(entry)};  // allocated before locking
  Shard::Nodes evicted;                             // freed after unlocking
  const std::lock_guard lock(shard.mutex);
  if (const auto existing = shard.find_locked(token, hash); existing != shard.nodes.end()) {
    shard.unindex_locked(existing, hash);
    evicted.splice(evicted.end(), shard.nodes, existing);
  }
  while (!shard.nodes.empty() &&
         (shard.nodes.size() >= shard_capacity_ || shard.nodes.front().entry->expires_at <= now)) {
    const auto oldest = shard.nodes.begin();
    shard.unindex_locked(oldest, std::hash<std::string_view>{}(oldest->token));
    evicted.splice(evicted.end(), shard.nodes, oldest);
  }
  shard.nodes.push_back(std::move(node));
  shard.index.emplace(hash, std::prev(shard.nodes.end()));
}

void VerifiedTokenCache::clear() {
  for (std::size_t i = 0; i < shard_count_; ++i) {
    Shard::Nodes dropped;
    const std::lock_guard lock(shards_[i].mutex);
    shards_[i].index.clear();
    dropped.swap(shards_[i].nodes);
  }
}

std::size_t VerifiedTokenCache::size() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i < shard_count_; ++i) {
    const std::lock_guard lock(shards_[i].mutex);
    total += shards_[i].nodes.size();
  }
  return total;
}

}  // namespace appjwt::detail
