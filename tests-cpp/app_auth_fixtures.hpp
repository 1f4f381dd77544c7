// Test fixtures shared by the application-authentication tests: scratch
// directories, cached keys, tokens, and a tiny HTTP server on loopback.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "appjwt/errors.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"
#include "appjwt/key_store.hpp"

namespace appjwt_test {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "appjwt-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// RSA generation is slow, so each test binary makes a few keys once.
inline const appjwt::Key& rsa_key(int which) {
  static const appjwt::Key keys[] = {appjwt::Key::generate_rsa(2048),
                                     appjwt::Key::generate_rsa(2048),
                                     appjwt::Key::generate_rsa(2048)};
  return keys[which];
}

inline constexpr double test_now = 1'700'000'000;

// The code of the appjwt::Error that action throws; a test failure if it throws none.
template <class Action>
appjwt::ErrorCode error_of(Action&& action) {
  try {
    action();
  } catch (const appjwt::Error& error) {
    return error.code();
  }
  ADD_FAILURE() << "no appjwt::Error was thrown";
  return appjwt::ErrorCode::malformed;
}

// Verification options at test_now (tokens from app_token() are fresh then).
inline appjwt::AppVerifyOptions at_test_time() {
  appjwt::AppVerifyOptions options;
  options.jwt.now = test_now + 10;
  return options;
}

inline appjwt::ErrorCode verify_error(const appjwt::KeyStore& store, const std::string& token,
                                      const appjwt::AppVerifyOptions& options = at_test_time()) {
  return error_of([&] { store.verify(token, options); });
}

// An app token as a TokenSigner makes it: {appId, iat, exp}, RS512.
inline std::string app_token(const appjwt::Key& key, const nlohmann::json& app_id,
                             nlohmann::json extra = nlohmann::json::object(),
                             appjwt::SignOptions options = {}) {
  extra["appId"] = app_id;
  options.now = test_now;
  if (!extra.contains("exp") && !options.expires_in) options.expires_in = std::chrono::seconds{300};
  return appjwt::sign(extra, key, options);
}

// Serves one configurable response to every GET, one connection at a time, and
// counts the requests. With `hang` it accepts and never answers.
class HttpServer {
 public:
  HttpServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 ||
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }

  std::string url(const std::string& path = "/jwks.json") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void respond(int status, std::string body, std::string headers = {}) {
    const std::lock_guard lock(mutex_);
    status_ = status;
    body_ = std::move(body);
    headers_ = std::move(headers);
  }
  void hang() { hang_ = true; }
  int requests() const { return requests_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd poll_listener{listener_, POLLIN, 0};
      if (::poll(&poll_listener, 1, 20) <= 0) continue;
      const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      answer(connection);
      ::close(connection);
    }
  }

  void answer(int connection) {
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      pollfd poll_connection{connection, POLLIN, 0};
      if (::poll(&poll_connection, 1, 20) <= 0) {
        if (stop_) return;
        continue;
      }
      const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
      if (got <= 0) return;
      request.append(buffer, static_cast<std::size_t>(got));
    }
    ++requests_;
    while (hang_ && !stop_) ::poll(nullptr, 0, 20);
    std::string response;
    {
      const std::lock_guard lock(mutex_);
      response = "HTTP/1.1 " + std::to_string(status_) +
                 " X\r\nContent-Type: application/json\r\n" +
                 "Content-Length: " + std::to_string(body_.size()) + "\r\nConnection: close\r\n" +
                 headers_ + "\r\n" + body_;
    }
    std::string_view rest = response;
    while (!rest.empty()) {
      const ssize_t sent = ::send(connection, rest.data(), rest.size(), MSG_NOSIGNAL);
      if (sent <= 0) return;
      rest.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> hang_{false};
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  int status_ = 404;
  std::string body_;
  std::string headers_;
  std::thread thread_;
};

}  // namespace appjwt_test
