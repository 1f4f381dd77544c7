'use strict';
// Shared fixtures for tests-node: the committed test keys and vectors, and the
// peer libraries the drop-in is compared with.
const path = require('path');

const root = path.join(__dirname, '..');
const vectors = require(path.join(root, 'test-vectors', 'vectors.json'));
const { keys } = require(path.join(root, 'test-vectors', 'keys.json'));

// A private and public key (PEM) for each algorithm, from test-vectors/keys.json.
const keyFor = {
  RS256: keys.rsa2048, RS384: keys.rsa2048, RS512: keys.rsa2048,
  PS256: keys.rsa2048, PS384: keys.rsa2048, PS512: keys.rsa2048,
  ES256: keys.ec_p256, ES384: keys.ec_p384, ES512: keys.ec_p521,
  EdDSA: keys.ed25519,
};
const secret = 'a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef';
const ASYMMETRIC_ALGS = Object.keys(keyFor);
const HMAC_ALGS = ['HS256', 'HS384', 'HS512'];
const ALL_ALGS = [...ASYMMETRIC_ALGS, ...HMAC_ALGS];

function signingKey(alg) {
  return alg.startsWith('HS') ? secret : keyFor[alg].private_pkcs8_pem;
}

function verifyingKey(alg) {
  return alg.startsWith('HS') ? secret : keyFor[alg].public_spki_pem;
}

// jsonwebtoken@9 has no EdDSA.
const jsonwebtokenAlgs = ALL_ALGS.filter((alg) => alg !== 'EdDSA');

function tamper(token) {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  claims.admin = true;
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

// The error fn throws; fails the test if it returns.
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

// Resolves when `emitter` emits `event`.
const once = (emitter, event) => new Promise((resolve) => emitter.once(event, resolve));

module.exports = {
  root, vectors, keys, keyFor, secret, ASYMMETRIC_ALGS, HMAC_ALGS, ALL_ALGS, jsonwebtokenAlgs,
  signingKey, verifyingKey, tamper, thrown, once,
};
