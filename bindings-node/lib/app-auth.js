'use strict';
// Application authentication (see README "Application authentication"): the API
// server's KeyStore and the calling application's TokenSigner, with the core's
// key files and app IDs. The current time is read here with Date.now(), so
// fake timers work; all checks are the core's.
const native = require('./native');
const { toKey } = require('./keys');
const { audienceOptions, mapError } = require('./verify');
const { seconds } = require('./timespan');

const nowSeconds = () => Date.now() / 1000;

// keyStore.verify() options as the core takes them.
function appVerifyOptions(options) {
  const result = Object.assign({}, options, { now: options.now === undefined ? nowSeconds() : options.now });
  if (options.audience) Object.assign(result, audienceOptions(options.audience));
  if (options.maxAge !== undefined) result.maxAge = seconds(options.maxAge);
  return result;
}

// Node-style callback when given, a promise otherwise.
function settle(start, callback) {
  if (typeof callback === 'function') {
    start(callback);
    return undefined;
  }
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

class KeyStore extends native.KeyStore {
  // A store loaded from a directory of <appId>_public.pem files; options are the
  // keys' (algorithms, kid) and the store's (verifiedTokenCacheSize).
  static fromDirectory(dir, options) {
    return new KeyStore(options).loadDirectory(dir, options);
  }

  // Fetches the JWKS now (on the thread pool) and remembers the URL for refetches.
  loadJwksUrl(url, options, callback) {
    if (typeof options === 'function') [callback, options] = [options, {}];
    return settle((done) => this.loadJwksUrlAsync(url, options || {}, (error) => done(error, this)), callback);
  }

  add(appId, key, options) {
    return super.add(appId, toKey(key), options);
  }

  // Verifies an application token on the thread pool: resolves to
  // { appId, kid, header, claims, scopes }, rejects with a JsonWebTokenError
  // whose `code` tells why ('unknown_key', 'insufficient_scope', 'token_expired', ...).
  verify(token, options, callback) {
    if (typeof options === 'function') [callback, options] = [options, {}];
    options = options || {};
    const request = appVerifyOptions(options);
    return settle((done) => this.verifyAsync(token, request, (error, verified) => (error
      ? done(mapError(error, options, {})) : done(null, verified))), callback);
  }

  verifySync(token, options) {
    options = options || {};
    try {
      return super.verifySync(token, appVerifyOptions(options));
    } catch (error) {
      throw mapError(error, options, {});
    }
  }
}

// Signs the app's short-lived token, caching it until shortly before it expires.
class TokenSigner extends native.TokenSigner {
  constructor(appId, privateKey, options) {
    options = Object.assign({}, options);
    for (const name of ['ttl', 'refreshMargin']) {
      if (options[name] !== undefined) options[name] = seconds(options[name]);
    }
    super(appId, toKey(privateKey), options);
  }

  // The cached token, or a fresh one signed on the thread pool.
  token(callback) {
    return settle((done) => this.tokenAsync(nowSeconds(), done), callback);
  }

  tokenSync() {
    return super.tokenSync(nowSeconds());
  }

  refresh(callback) {
    return settle((done) => this.refreshAsync(nowSeconds(), done), callback);
  }

  refreshSync() {
    return super.refreshSync(nowSeconds());
  }
}

function generateKeyPair(dir, options, callback) {
  if (typeof options === 'function') [callback, options] = [options, {}];
  return settle((done) => native.generateKeyPairAsync(dir, options || {}, done), callback);
}

module.exports = {
  KeyStore,
  TokenSigner,
  generateKey: (algorithm, rsaBits) => native.Key.generate(algorithm, rsaBits),
  generateKeyPair,
  generateKeyPairSync: native.generateKeyPair,
  writeKeyPair: (dir, appId, privateKey) => native.writeKeyPair(dir, appId, toKey(privateKey)),
  loadKeyFile: native.loadKeyFile,
  readKeyFile: native.readKeyFile,
  privateKeyPath: native.privateKeyPath,
  publicKeyPath: native.publicKeyPath,
  generateAppId: native.generateAppId,
  isValidAppId: native.isValidAppId,
  validateAppId: native.validateAppId,
  defaultRsaBits: native.defaultRsaBits,
};
