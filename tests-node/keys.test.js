'use strict';
// appjwt.Key and every key form jsonwebtoken takes: PEM strings and Buffers,
// crypto.KeyObject, JWK objects, { key, passphrase }, secrets.
const crypto = require('crypto');
const test = require('node:test');
const assert = require('node:assert/strict');
const jsonwebtoken = require('jsonwebtoken');
const jwt = require('..');
const { keys, secret } = require('./helpers');
const rfc7638 = require('../test-vectors/keys.json').rfc7638;

const rsa = keys.rsa2048;
const payload = { iat: 1700000000, appId: 'a' };
const verifyRs = (token) => jsonwebtoken.verify(token, rsa.public_spki_pem, { algorithms: ['RS256'] });
const signRs = (key) => jwt.sign(payload, key, { algorithm: 'RS256' });

test('Key.fromPem parses a PKCS#8 private key', () => {
  const key = jwt.Key.fromPem(rsa.private_pkcs8_pem);
  assert.deepEqual([key.type, key.bits, key.isPrivate, key.curve], ['rsa', 2048, true, null]);
});

test('Key.fromPem parses an encrypted key with its passphrase', () => {
  assert.ok(jwt.Key.fromPem(rsa.private_pkcs8_encrypted_pem, rsa.passphrase).isPrivate);
});

test('Key.fromPem with a wrong passphrase throws a key_error', () => {
  assert.throws(() => jwt.Key.fromPem(rsa.private_pkcs8_encrypted_pem, 'wrong'), { code: 'key_error' });
});

test('Key.fromPem parses EC keys with their curve', () => {
  for (const [name, curve] of [['ec_p256', 'P-256'], ['ec_p384', 'P-384'], ['ec_p521', 'P-521']]) {
    assert.equal(jwt.Key.fromPem(keys[name].public_spki_pem).curve, curve);
  }
});

test('Key.fromJwk parses a JWK object or its JSON text', () => {
  assert.ok(jwt.Key.fromJwk(keys.ec_p256.private_jwk).supports('ES256'));
  assert.equal(jwt.Key.fromJwk(JSON.stringify(keys.ed25519.public_jwk)).type, 'ed25519');
});

test('Key.fromSecret refuses a PEM document as an HMAC secret', () => {
  assert.throws(() => jwt.Key.fromSecret(rsa.public_spki_pem), { code: 'key_error' });
});

test('Key.fromSecret refuses an empty secret', () => {
  assert.throws(() => jwt.Key.fromSecret(''), { code: 'key_error' });
});

test('Key.fromDer parses a DER public key', () => {
  assert.equal(jwt.Key.fromDer(Buffer.from(rsa.public_spki_der_base64, 'base64')).bits, 2048);
});

test('new Key() cannot be called directly', () => {
  assert.throws(() => new jwt.Key(), TypeError);
});

test('toPublicJwk gives the public JWK', () => {
  const { kty, n, e } = rsa.public_jwk;
  assert.deepEqual(jwt.Key.fromPem(rsa.private_pkcs8_pem).toPublicJwk(), { kty, n, e });
});

test('thumbprint is the RFC 7638 SHA-256 thumbprint', () => {
  assert.equal(jwt.Key.fromJwk(rfc7638.jwk).thumbprint(), rfc7638.thumbprint);
});

test('publicKey, publicPem and privatePem export the key', () => {
  const key = jwt.Key.fromPem(rsa.private_pkcs8_pem);
  assert.equal(key.publicKey().isPrivate, false);
  assert.equal(crypto.createPublicKey(key.publicPem()).asymmetricKeyDetails.modulusLength, 2048);
  assert.equal(crypto.createPrivateKey(key.privatePem()).type, 'private');
});

test('supports tells which algorithms a key may be used with', () => {
  const key = jwt.Key.fromPem(keys.ec_p384.public_spki_pem);
  assert.deepEqual(['ES256', 'ES384', 'RS256', 'none'].map((alg) => key.supports(alg)), [false, true, false, false]);
});

test('Key.generate makes a fresh key for an algorithm', () => {
  const key = jwt.Key.generate('ES256');
  assert.equal(key.curve, 'P-256');
  assert.ok(jwt.verify(jwt.sign({}, key, { algorithm: 'ES256' }), key.publicKey(), { algorithms: ['ES256'] }));
});

test('generateRsa, generateEc and generateEd25519 make keys of the requested kind', () => {
  assert.equal(jwt.Key.generateRsa(2048).bits, 2048);
  assert.equal(jwt.Key.generateEc('P-521').curve, 'P-521');
  assert.equal(jwt.Key.generateEd25519().type, 'ed25519');
});

test('an RSA size other than 2048, 3072 or 4096 is refused', () => {
  assert.throws(() => jwt.Key.generateRsa(1024), { code: 'key_error' });
});

const signingForms = {
  'a PEM string': rsa.private_pkcs8_pem,
  'a PEM Buffer': Buffer.from(rsa.private_pkcs8_pem),
  'a PKCS#1 PEM': rsa.private_pkcs1_pem,
  'a crypto.KeyObject': crypto.createPrivateKey(rsa.private_pkcs8_pem),
  'a JWK object': rsa.private_jwk,
  '{ key, passphrase }': { key: rsa.private_pkcs8_encrypted_pem, passphrase: rsa.passphrase },
  '{ key, format: "jwk" }': { key: rsa.private_jwk, format: 'jwk' },
  '{ key, format: "der" }': { key: Buffer.from(rsa.private_pkcs8_der_base64, 'base64'), format: 'der', type: 'pkcs8' },
  'an appjwt.Key': jwt.Key.fromPem(rsa.private_pkcs8_pem),
};
for (const [what, key] of Object.entries(signingForms)) {
  test(`sign takes the private key as ${what}`, () => {
    assert.equal(verifyRs(signRs(key)).appId, 'a');
  });
}

const verifyingForms = {
  'a PEM string': rsa.public_spki_pem,
  'a PEM Buffer': Buffer.from(rsa.public_spki_pem),
  'a PKCS#1 public PEM': rsa.public_pkcs1_pem,
  'an X.509 certificate': rsa.certificate_pem,
  'a crypto.KeyObject': crypto.createPublicKey(rsa.public_spki_pem),
  'a JWK object': rsa.public_jwk,
  'an appjwt.Key': jwt.Key.fromJwk(rsa.public_jwk),
};
for (const [what, key] of Object.entries(verifyingForms)) {
  test(`verify takes the public key as ${what}`, () => {
    assert.equal(jwt.verify(signRs(rsa.private_pkcs8_pem), key, { algorithms: ['RS256'] }).appId, 'a');
  });
}

test('an HMAC secret may be a string, a Buffer or a secret KeyObject', () => {
  const token = jsonwebtoken.sign(payload, secret);
  for (const key of [secret, Buffer.from(secret), crypto.createSecretKey(Buffer.from(secret))]) {
    assert.equal(jwt.verify(token, key, { algorithms: ['HS256'] }).appId, 'a');
  }
});

test('an Ed25519 KeyObject signs EdDSA tokens', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const token = jwt.sign(payload, privateKey, { algorithm: 'EdDSA' });
  assert.equal(jwt.verify(token, publicKey, { algorithms: ['EdDSA'] }).appId, 'a');
});
