'use strict';
// Turns every key form jsonwebtoken accepts into an appjwt.Key. Parsing is the
// core's (through its bounded KeyCache, so a PEM passed on every call is parsed
// once); this file only picks the entry point for the form.
const { KeyObject } = require('crypto');
const native = require('./native');

const { Key } = native;

// The core caches parsed keys; these keep the JS wrappers of recently used keys,
// so a key passed on every call does not make a new wrapper object each time
// (Node runs N-API finalizers only once the event loop turns, so a synchronous
// loop would otherwise pile them up).
const byString = new Map();
const byKeyObject = new WeakMap();
const maxStrings = 64;

function cached(cache, material, parse) {
  let key = cache.get(material);
  if (key === undefined) {
    key = parse(material);
    if (cache === byString && byString.size >= maxStrings) byString.clear();
    cache.set(material, key);
  }
  return key;
}

function fromKeyObject(keyObject) {
  if (keyObject.type === 'secret') return Key.fromSecret(keyObject.export());
  const type = keyObject.type === 'private' ? 'pkcs8' : 'spki';
  return Key.fromPem(keyObject.export({ format: 'pem', type }));
}

// material: an appjwt.Key, a crypto.KeyObject, a PEM string or Buffer, an HMAC
// secret, a JWK object, or { key, passphrase, format: 'pem' | 'der' | 'jwk' } as
// crypto.createPrivateKey takes them.
function toKey(material) {
  if (material instanceof Key) return material;
  if (material instanceof KeyObject) return cached(byKeyObject, material, fromKeyObject);
  if (typeof material === 'string') return cached(byString, material, Key.fromMaterial);
  if (material instanceof Uint8Array) return Key.fromMaterial(material);
  if (material !== null && typeof material === 'object') {
    if (typeof material.kty === 'string') return Key.fromJwk(material);
    if (material.format === 'jwk') return Key.fromJwk(material.key);
    if (material.format === 'der') return Key.fromDer(material.key);
    if (material.passphrase !== undefined) return Key.fromPem(material.key, material.passphrase);
    if (material.key !== undefined) return toKey(material.key);
  }
  throw new TypeError('key must be a PEM string or Buffer, a secret, a KeyObject, a JWK or an appjwt.Key');
}

module.exports = { Key, toKey };
