// appjwt: JSON Web Tokens for application authentication, on OpenSSL 3.
#pragma once

#include "appjwt/algorithm.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"
#include "appjwt/version.hpp"
