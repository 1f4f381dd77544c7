// appjwt: JSON Web Tokens for application authentication, on OpenSSL 3.
#pragma once

#include "appjwt/algorithm.hpp"
#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"
#include "appjwt/jws.hpp"
#include "appjwt/jwt.hpp"
#include "appjwt/key.hpp"
#include "appjwt/key_cache.hpp"
#include "appjwt/key_files.hpp"
#include "appjwt/key_store.hpp"
#include "appjwt/token_signer.hpp"
#include "appjwt/version.hpp"
