#include "bench_fixture.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bench {

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"RS512-2048", "RS512", "rsa2048", "SHA512"}, {"RS512-4096", "RS512", "rsa4096", "SHA512"},
      {"ES256", "ES256", "ec256", "SHA256"},        {"EdDSA", "EdDSA", "ed25519", ""},
      {"HS256", "HS256", "hmac", "SHA256"},
  };
  return all;
}

const Case& mission_case() {
  return cases().front();
}

std::string read_key_file(const std::string& name) {
  const char* dir = std::getenv("APPJWT_BENCH_KEYS");
  if (dir == nullptr) throw std::runtime_error("APPJWT_BENCH_KEYS is not set (bench/run sets it)");
  std::ifstream in(std::string(dir) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read key file " + name + " in " + dir);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string private_pem(const Case& c) {
  return read_key_file(c.key_stem + "_private.pem");
}
std::string public_pem(const Case& c) {
  return read_key_file(c.key_stem + "_public.pem");
}
std::string hmac_secret(const Case& c) {
  return read_key_file(c.key_stem + ".key");
}

const std::string& message() {
  static const std::string text(250, 'm');
  return text;
}

long now_seconds() {
  using namespace std::chrono;
  return static_cast<long>(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

namespace {
// A "Vm...:   1234 kB" line of /proc/self/status, in bytes.
std::size_t proc_status_kib(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) return std::stoul(line.substr(field.size())) * 1024;
  }
  throw std::runtime_error("no " + std::string(field) + " in /proc/self/status");
}
}  // namespace

std::size_t rss_bytes() {
  return proc_status_kib("VmRSS:");
}
std::size_t peak_rss_bytes() {
  return proc_status_kib("VmHWM:");
}

}  // namespace bench
