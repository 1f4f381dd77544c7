// The README's C++ example, built against the installed package by ctest's install_test.
#include <chrono>
#include <iostream>
#include <string>

#include <appjwt/appjwt.hpp>

// The API server: accepts RS512 only and tells failures apart by their code.
bool accepted(const std::string& token, const appjwt::Key& public_key) {
  appjwt::VerifyOptions options;
  options.algorithms = {appjwt::Algorithm::RS512};
  try {
    const appjwt::Decoded verified = appjwt::verify(token, public_key, options);
    std::cout << "accepted app " << verified.payload.at("appId").get<std::string>() << '\n';
    return true;
  } catch (const appjwt::TokenExpired& expired) {
    std::cout << "expired at " << expired.expired_at() << '\n';
  } catch (const appjwt::Error& error) {
    if (error.code() == appjwt::ErrorCode::invalid_signature) std::cout << "forged: ";
    std::cout << "rejected (" << appjwt::to_string(error.code()) << "): " << error.what() << '\n';
  }
  return false;
}

int main() {
  using namespace std::chrono_literals;
  // In production: appjwt::Key::from_pem(<contents of store-front_private.pem>).
  const appjwt::Key private_key = appjwt::Key::generate_rsa(2048);

  // The calling application signs a short-lived token naming itself.
  appjwt::SignOptions options;
  options.algorithm = appjwt::Algorithm::RS512;
  options.expires_in = 300s;
  const std::string token = appjwt::sign({{"appId", "store-front"}}, private_key, options);

  std::string tampered = token;
  char& signature_start = tampered[tampered.rfind('.') + 1];
  signature_start = signature_start == 'A' ? 'B' : 'A';
  const appjwt::Key public_key = private_key.public_key();
  return accepted(token, public_key) && !accepted(tampered, public_key) ? 0 : 1;
}
