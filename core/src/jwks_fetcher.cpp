#include "jwks_fetcher.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include <curl/curl.h>

#include "appjwt/errors.hpp"
#include "appjwt/version.hpp"

namespace appjwt::detail {

namespace {

using CurlPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

struct Transfer {
  std::string body;
  std::size_t max_body_size = 0;
  bool body_too_large = false;
  std::string cache_control;  // of the final response, comma-joined
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer.body.size() + bytes > transfer.max_body_size) {
    transfer.body_too_large = true;
    return 0;  // aborts the transfer
  }
  transfer.body.append(data, bytes);
  return bytes;
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos &&
      lowercase(trim(line.substr(0, colon))) == "cache-control") {
    if (!transfer.cache_control.empty()) transfer.cache_control += ',';
    transfer.cache_control += lowercase(trim(line.substr(colon + 1)));
  } else if (line.starts_with("HTTP/")) {
    transfer.cache_control.clear();  // a new response (e.g. after 100 Continue)
  }
  return size * count;
}

std::chrono::seconds cache_lifetime(std::string_view cache_control, const FetchLimits& limits) {
  std::optional<long long> max_age;
  while (!cache_control.empty()) {
    const auto comma = cache_control.find(',');
    const auto directive = trim(cache_control.substr(0, comma));
    cache_control =
        comma == std::string_view::npos ? std::string_view{} : cache_control.substr(comma + 1);
    if (directive == "no-cache" || directive == "no-store") return std::chrono::seconds{0};
    if (directive.starts_with("max-age=")) {
      auto value = directive.substr(8);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      long long seconds = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      // RFC 9111 5.2.2.1: an overflowing max-age means "very long".
      if (error == std::errc::result_out_of_range && end == value.data() + value.size()) {
        seconds = limits.max_lifetime.count();
      } else if (error != std::errc{} || end != value.data() + value.size()) {
        continue;  // unparsable: ignored, as caches do
      }
      max_age = seconds;
    }
  }
  if (!max_age) return limits.default_lifetime;
  return std::chrono::seconds{std::clamp<long long>(*max_age, 0, limits.max_lifetime.count())};
}

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw Error(ErrorCode::io_error, "cannot initialise libcurl");
    }
  });
}

[[noreturn]] void fetch_failed(const std::string& url, std::string_view reason) {
  throw Error(ErrorCode::io_error, "cannot fetch " + url + ": " + std::string(reason));
}

}  // namespace

FetchedDocument fetch_document(const std::string& url, const FetchLimits& limits) {
  initialise_curl_once();
  const CurlPtr curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) fetch_failed(url, "cannot create a libcurl handle");
  Transfer transfer;
  transfer.max_body_size = limits.max_body_size;
  const long timeout_ms = static_cast<long>(limits.timeout.count());
  const auto user_agent = std::string("appjwt/") + appjwt::version;
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  const bool configured =
      curl_easy_setopt(handle, CURLOPT_URL, url.c_str()) == CURLE_OK &&
      // Only web URLs: never file://, gopher:// and the like from a configuration.
      curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) == CURLE_OK &&
      // Signals cannot time out DNS lookups safely in a threaded process.
      curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_USERAGENT, user_agent.c_str()) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK &&
      curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer) == CURLE_OK;
  if (!configured) fetch_failed(url, "cannot configure libcurl");

  const CURLcode result = curl_easy_perform(handle);
  if (transfer.body_too_large) {
    fetch_failed(url,
                 "the response is larger than " + std::to_string(limits.max_body_size) + " bytes");
  }
  if (result != CURLE_OK) {
    fetch_failed(url, error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(result));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) fetch_failed(url, "HTTP status " + std::to_string(status));
  return {std::move(transfer.body), cache_lifetime(transfer.cache_control, limits)};
}

}  // namespace appjwt::detail
