// HTTP(S) GET of a JWKS document, with the freshness its server declares.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace appjwt::detail {

struct FetchedDocument {
  std::string body;
  // How long the response may be used (RFC 9111 Cache-Control max-age), clamped
  // to [0, max_lifetime]; default_lifetime without max-age, 0 for no-cache or
  // no-store.
  std::chrono::seconds lifetime{0};
};

struct FetchLimits {
  std::chrono::milliseconds timeout{5000};
  std::size_t max_body_size = 1024 * 1024;
  std::chrono::seconds default_lifetime{300};
  std::chrono::seconds max_lifetime{86400};
};

// Throws Error(io_error) naming the URL for a network error, a timeout, a status
// other than 200, a body over the limit or a scheme other than http/https.
// Redirects are not followed.
FetchedDocument fetch_document(const std::string& url, const FetchLimits& limits);

}  // namespace appjwt::detail
