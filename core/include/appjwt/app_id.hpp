// Application IDs: the name a calling application signs its tokens with, and the
// name of its key files (<appId>_public.pem). Because an app ID read from an
// unverified token selects a key, and may name a file, it is validated strictly
// before any lookup.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace appjwt {

inline constexpr std::size_t max_app_id_length = 128;

// True for 1..max_app_id_length characters of [A-Za-z0-9._-] that do not start
// with '.' and contain no "..". So no path separator, NUL, control character,
// percent-encoding or traversal ever passes.
bool is_valid_app_id(std::string_view app_id) noexcept;

// Throws Error(invalid_app_id) unless is_valid_app_id(app_id).
void validate_app_id(std::string_view app_id);

// A fresh, unguessable app ID from OpenSSL's CSPRNG: 7 groups of 4 lowercase
// letters and digits joined by '-' (about 144 bits), e.g.
// "kjh2-vt23-s23t-poq2-xsw8-p09o-qw12".
std::string generate_app_id();

}  // namespace appjwt
