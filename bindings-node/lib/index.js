'use strict';
// appjwt: a drop-in for jsonwebtoken@9 on one native C++/OpenSSL core, plus
// Key, promises and application authentication (KeyStore, TokenSigner).
const native = require('./native');
const { sign } = require('./sign');
const { verify } = require('./verify');
const { decode } = require('./decode');
const { Key } = require('./keys');
const { JsonWebTokenError, NotBeforeError, TokenExpiredError } = require('./errors');
const appAuth = require('./app-auth');

const promises = {
  sign: (payload, secretOrPrivateKey, options) => new Promise((resolve, reject) => {
    sign(payload, secretOrPrivateKey, options || {}, (error, token) => (error ? reject(error) : resolve(token)));
  }),
  verify: (token, secretOrPublicKey, options) => new Promise((resolve, reject) => {
    verify(token, secretOrPublicKey, options || {}, (error, payload) => (error ? reject(error) : resolve(payload)));
  }),
};

module.exports = {
  sign,
  verify,
  decode,
  JsonWebTokenError,
  NotBeforeError,
  TokenExpiredError,
  promises,
  signAsync: promises.sign,
  verifyAsync: promises.verify,
  Key,
  // The OpenSSL the core runs on: the addon's own copy (see README "Node.js").
  opensslInfo: native.opensslInfo,
  ...appAuth,
};
