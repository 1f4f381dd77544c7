// What an appjwt::Key holds. Private to the core.
#pragma once

#include <string>

#include "appjwt/key.hpp"
#include "openssl.hpp"

namespace appjwt::detail {

struct KeyData {
  KeyType type = KeyType::secret;
  Curve curve = Curve::none;
  int bits = 0;
  bool is_private = false;
  PkeyPtr pkey;        // asymmetric keys; null for secrets
  std::string secret;  // HMAC secret bytes; wiped on destruction

  KeyData() = default;
  KeyData(const KeyData&) = delete;
  KeyData& operator=(const KeyData&) = delete;
  ~KeyData();
};

}  // namespace appjwt::detail
