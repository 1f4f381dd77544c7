#include "base64url.hpp"

#include <array>
#include <cstdint>

namespace appjwt::detail {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::uint8_t invalid = 0xff;

constexpr std::array<std::uint8_t, 256> decoding_table = [] {
  std::array<std::uint8_t, 256> table{};
  table.fill(invalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}();

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  auto byte = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += alphabet[group >> 18 & 63];
    out += alphabet[group >> 12 & 63];
    out += alphabet[group >> 6 & 63];
    out += alphabet[group & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t group = byte(i) << 16;
    out += alphabet[group >> 18 & 63];
    out += alphabet[group >> 12 & 63];
  } else if (rest == 2) {
    const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8;
    out += alphabet[group >> 18 & 63];
    out += alphabet[group >> 12 & 63];
    out += alphabet[group >> 6 & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  // A single leftover character cannot encode a whole byte.
  const std::size_t rest = text.size() % 4;
  if (rest == 1) return std::nullopt;
  const std::size_t whole = text.size() - rest;
  // Sized once and filled four characters (three bytes) at a time: this runs for
  // every segment of every token.
  std::string out(whole / 4 * 3 + (rest == 0 ? 0 : rest - 1), '\0');
  char* to = out.data();
  const auto value = [&](std::size_t at) {
    return static_cast<std::uint32_t>(decoding_table[static_cast<unsigned char>(text[at])]);
  };
  std::uint32_t invalid_seen = 0;
  for (std::size_t i = 0; i < whole; i += 4) {
    const std::uint32_t a = value(i), b = value(i + 1), c = value(i + 2), d = value(i + 3);
    invalid_seen |= a | b | c | d;
    const std::uint32_t group = a << 18 | b << 12 | c << 6 | d;
    *to++ = static_cast<char>(group >> 16 & 0xff);
    *to++ = static_cast<char>(group >> 8 & 0xff);
    *to++ = static_cast<char>(group & 0xff);
  }
  if (rest != 0) {
    const std::uint32_t a = value(whole), b = value(whole + 1);
    const std::uint32_t c = rest == 3 ? value(whole + 2) : 0;
    invalid_seen |= a | b | c;
    // Leftover bits must be zero: "AB" and "AC" would otherwise decode alike.
    if ((rest == 2 ? b & 0x0f : c & 0x03) != 0) return std::nullopt;
    const std::uint32_t group = a << 18 | b << 12 | c << 6;
    *to++ = static_cast<char>(group >> 16 & 0xff);
    if (rest == 3) *to++ = static_cast<char>(group >> 8 & 0xff);
  }
  // Every valid value is below 64; the invalid marker 0xff sets bits above it.
  if ((invalid_seen & ~std::uint32_t{63}) != 0) return std::nullopt;
  return out;
}

}  // namespace appjwt::detail
