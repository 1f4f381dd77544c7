#include "appjwt/app_id.hpp"

#include <array>
#include <cstddef>
#include <string>

#include <openssl/rand.h>

#include "appjwt/errors.hpp"

namespace appjwt {

namespace {

bool is_app_id_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

constexpr std::string_view generated_alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::size_t generated_groups = 7;
constexpr std::size_t generated_group_length = 4;

}  // namespace

bool is_valid_app_id(std::string_view app_id) noexcept {
  if (app_id.empty() || app_id.size() > max_app_id_length) return false;
  if (app_id.front() == '.' || app_id.find("..") != std::string_view::npos) return false;
  for (const char c : app_id) {
    if (!is_app_id_char(c)) return false;
  }
  return true;
}

void validate_app_id(std::string_view app_id) {
  if (is_valid_app_id(app_id)) return;
  // Only the length is reported: the ID may be hostile, unprintable or huge.
  throw Error(ErrorCode::invalid_app_id,
              "invalid application ID (" + std::to_string(app_id.size()) +
                  " bytes): an app ID is 1 to " + std::to_string(max_app_id_length) +
                  " characters of A-Z a-z 0-9 . _ -, not starting with '.' and without \"..\"");
}

std::string generate_app_id() {
  constexpr std::size_t length = generated_groups * generated_group_length;
  // Bytes at or above the largest multiple of the alphabet size are rejected, so
  // every character is uniformly distributed (no modulo bias).
  constexpr unsigned limit = 256 - 256 % generated_alphabet.size();
  std::string chars;
  std::array<unsigned char, 64> random{};
  while (chars.size() < length) {
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
      throw Error(ErrorCode::key_error, "the random number generator failed");
    }
    for (const unsigned char byte : random) {
      if (byte < limit && chars.size() < length) {
        chars.push_back(generated_alphabet[byte % generated_alphabet.size()]);
      }
    }
  }
  std::string app_id;
  for (std::size_t group = 0; group < generated_groups; ++group) {
    if (group > 0) app_id.push_back('-');
    app_id.append(chars, group * generated_group_length, generated_group_length);
  }
  return app_id;
}

}  // namespace appjwt
