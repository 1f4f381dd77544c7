// A bounded, thread-safe cache of parsed keys, keyed by the exact input bytes.
//
// Callers of PyJWT and jsonwebtoken pass the same PEM string on every call, and
// OpenSSL 3 takes longer to decode a PEM key than to verify an RS256 signature
// with it. The bindings parse through KeyCache::shared(), so a repeated key
// costs one hash and one comparison, and the parsed key keeps its prepared
// OpenSSL contexts warm between calls.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "appjwt/key.hpp"

namespace appjwt {

class KeyCache {
 public:
  // Holds at most `capacity` keys, evicting the least recently used; 0 caches nothing.
  explicit KeyCache(std::size_t capacity = 256);
  ~KeyCache();
  KeyCache(const KeyCache&) = delete;
  KeyCache& operator=(const KeyCache&) = delete;

  // As Key::from_pem / Key::from_jwk / Key::from_secret, but a document seen
  // before (same bytes, same passphrase) returns the key parsed then. Errors
  // are thrown as by Key and never cached.
  Key from_pem(std::string_view pem, std::string_view passphrase = {});
  Key from_jwk(std::string_view jwk_json);
  Key from_secret(std::string_view secret);

  std::size_t size() const;
  std::size_t capacity() const noexcept { return capacity_; }
  void clear();

  // The process-wide cache the Python and Node bindings use (capacity 256).
  static KeyCache& shared();

 private:
  enum class Format : unsigned char { pem, jwk, secret };
  struct Entry;
  using Entries = std::list<Entry>;

  template <class Parse>
  Key find_or_parse(Format format, std::string_view document, std::string_view passphrase,
                    Parse parse);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Entries entries_;                                                // most recently used first
  std::unordered_multimap<std::size_t, Entries::iterator> index_;  // by hash of the input
};

}  // namespace appjwt
