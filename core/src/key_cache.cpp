#include "appjwt/key_cache.hpp"

#include <functional>
#include <iterator>
#include <utility>

#include <openssl/crypto.h>

namespace appjwt {

struct KeyCache::Entry {
  Format format;
  std::size_t hash;
  std::string document;  // may be a private key PEM: wiped on eviction
  std::string passphrase;
  Key key;

  Entry(Format format_, std::size_t hash_, std::string_view document_, std::string_view passphrase_,
        Key key_)
      : format(format_),
        hash(hash_),
        document(document_),
        passphrase(passphrase_),
        key(std::move(key_)) {}
  Entry(const Entry&) = delete;
  Entry& operator=(const Entry&) = delete;
  ~Entry() {
    OPENSSL_cleanse(document.data(), document.size());
    OPENSSL_cleanse(passphrase.data(), passphrase.size());
  }

  bool matches(Format format_, std::string_view document_, std::string_view passphrase_) const {
    return format == format_ && document == document_ && passphrase == passphrase_;
  }
};

KeyCache::KeyCache(std::size_t capacity) : capacity_(capacity) {}
KeyCache::~KeyCache() = default;

KeyCache& KeyCache::shared() {
  // OpenSSL registers its atexit cleanup when it is first initialised. Doing that
  // before the cache exists makes the cache (and its keys) go before OpenSSL does.
  static KeyCache& cache = []() -> KeyCache& {
    OPENSSL_init_crypto(0, nullptr);
    static KeyCache instance;
    return instance;
  }();
  return cache;
}

std::size_t KeyCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

void KeyCache::clear() {
  const std::lock_guard lock(mutex_);
  index_.clear();
  entries_.clear();
}

Key KeyCache::from_pem(std::string_view pem, std::string_view passphrase) {
  return find_or_parse(Format::pem, pem, passphrase,
                       [&] { return Key::from_pem(pem, passphrase); });
}

Key KeyCache::from_jwk(std::string_view jwk_json) {
  return find_or_parse(Format::jwk, jwk_json, {}, [&] { return Key::from_jwk(jwk_json); });
}

Key KeyCache::from_secret(std::string_view secret) {
  return find_or_parse(Format::secret, secret, {}, [&] { return Key::from_secret(secret); });
}

template <class Parse>
Key KeyCache::find_or_parse(Format format, std::string_view document, std::string_view passphrase,
                            Parse parse) {
  if (capacity_ == 0) return parse();
  // Hashed outside the lock, so threads contend only for the lookup itself.
  const std::hash<std::string_view> hasher;
  const std::size_t hash =
      hasher(document) ^ (hasher(passphrase) * 31 + static_cast<std::size_t>(format));
  const auto find_locked = [&]() -> Entries::iterator {
    const auto [first, last] = index_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      if (it->second->matches(format, document, passphrase)) return it->second;
    }
    return entries_.end();
  };
  const auto use_locked = [&](Entries::iterator entry) {
    entries_.splice(entries_.begin(), entries_, entry);
    return entry->key;
  };
  {
    const std::lock_guard lock(mutex_);
    if (const auto entry = find_locked(); entry != entries_.end()) return use_locked(entry);
  }
  // Parsed unlocked: a slow parse must not stall lookups of other keys. A parse
  // that throws leaves nothing behind, so bad input is tried afresh every time.
  Key key = parse();
  const std::lock_guard lock(mutex_);
  if (const auto entry = find_locked(); entry != entries_.end()) return use_locked(entry);
  entries_.emplace_front(format, hash, document, passphrase, key);
  index_.emplace(hash, entries_.begin());
  if (entries_.size() > capacity_) {
    const auto oldest = std::prev(entries_.end());
    const auto [first, last] = index_.equal_range(oldest->hash);
    for (auto it = first; it != last; ++it) {
      if (it->second == oldest) {
        index_.erase(it);
        break;
      }
    }
    entries_.erase(oldest);
  }
  return key;
}

}  // namespace appjwt
