'use strict';
// jwt.sign(payload, secretOrPrivateKey, [options, callback]) as jsonwebtoken@9:
// the same option validation, messages and sync-throw / callback behaviour. The
// claims (iat, exp, nbf, aud, ...) are set and signed by the core; the callback
// form signs on the libuv thread pool.
const native = require('./native');
const { toKey } = require('./keys');
const { timespan, nowSeconds } = require('./timespan');
const { withCode } = require('./errors');

const SUPPORTED_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384',
  'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512'];

const isPlainObject = (value) => value !== null && typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));
const isString = (value) => typeof value === 'string';
const isBoolean = (value) => typeof value === 'boolean';
const isTimespan = (value) => Number.isInteger(value) || (isString(value) && value !== '');

const signOptionsSchema = {
  expiresIn: [isTimespan, '"expiresIn" should be a number of seconds or string representing a timespan'],
  notBefore: [isTimespan, '"notBefore" should be a number of seconds or string representing a timespan'],
  audience: [(value) => isString(value) || Array.isArray(value), '"audience" must be a string or array'],
  algorithm: [(value) => SUPPORTED_ALGS.includes(value), '"algorithm" must be a valid string enum value'],
  header: [isPlainObject, '"header" must be an object'],
  encoding: [isString, '"encoding" must be a string'],
  issuer: [isString, '"issuer" must be a string'],
  subject: [isString, '"subject" must be a string'],
  jwtid: [isString, '"jwtid" must be a string'],
  noTimestamp: [isBoolean, '"noTimestamp" must be a boolean'],
  keyid: [isString, '"keyid" must be a string'],
  mutatePayload: [isBoolean, '"mutatePayload" must be a boolean'],
  allowInsecureKeySizes: [isBoolean, '"allowInsecureKeySizes" must be a boolean'],
  allowInvalidAsymmetricKeyTypes: [isBoolean, '"allowInvalidAsymmetricKeyTypes" must be a boolean'],
};

const registeredClaimsSchema = {
  iat: [(value) => typeof value === 'number', '"iat" should be a number of seconds'],
  exp: [(value) => typeof value === 'number', '"exp" should be a number of seconds'],
  nbf: [(value) => typeof value === 'number', '"nbf" should be a number of seconds'],
};

function validate(schema, allowUnknown, object, parameterName) {
  if (!isPlainObject(object)) {
    throw new Error('Expected "' + parameterName + '" to be a plain object.');
  }
  for (const key of Object.keys(object)) {
    const validator = schema[key];
    if (!validator) {
      if (!allowUnknown) throw new Error('"' + key + '" is not allowed in "' + parameterName + '"');
    } else if (!validator[0](object[key])) {
      throw new Error(validator[1]);
    }
  }
}

const optionsToClaims = { audience: 'aud', issuer: 'iss', subject: 'sub', jwtid: 'jti' };
const optionsForObjects = ['expiresIn', 'notBefore', 'noTimestamp', 'audience', 'issuer', 'subject',
  'jwtid'];

const ASYMMETRIC_ALGS = {
  rsa: ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'],
  ec: ['ES256', 'ES384', 'ES512'],
  ed25519: ['EdDSA'],
};
const CURVES = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

// jsonwebtoken's messages for a key of the wrong kind for alg; `role` is
// "secretOrPrivateKey" or "secretOrPublicKey". Whether the key fits is the core's
// answer (key.supports), so a key is never used outside its family.
function keyMismatch(role, alg, key) {
  if (key.supports(alg)) return undefined;
  if (alg.startsWith('HS')) return new Error(`${role} must be a symmetric key when using ${alg}`);
  if (key.type === 'secret') return new Error(`${role} must be an asymmetric key when using ${alg}`);
  const allowed = ASYMMETRIC_ALGS[key.type];
  if (!allowed.includes(alg)) {
    return new Error(`"alg" parameter for "${key.type}" key type must be one of: ${allowed.join(', ')}.`);
  }
  return new Error(`"alg" parameter "${alg}" requires curve "${CURVES[alg]}".`);
}

// Everything jsonwebtoken checks before signing, in its order; returns the
// arguments of the native sign, or throws the error jsonwebtoken would give.
function prepare(payload, secretOrPrivateKey, options) {
  const isObjectPayload = typeof payload === 'object' && !Buffer.isBuffer(payload);
  const header = Object.assign({ alg: options.algorithm || 'HS256', kid: options.keyid },
    options.header);
  if (!secretOrPrivateKey) throw withCode(new Error('secretOrPrivateKey must have a value'), 'key_error');
  let key;
  try {
    key = toKey(secretOrPrivateKey);
  } catch (error) {
    throw withCode(new Error('secretOrPrivateKey is not valid key material'), error.code || 'key_error');
  }
  if (!SUPPORTED_ALGS.includes(header.alg)) throw new Error('"algorithm" must be a valid string enum value');
  if (header.alg.startsWith('HS') && key.type !== 'secret') {
    throw new Error(`secretOrPrivateKey must be a symmetric key when using ${header.alg}`);
  }
  if (!header.alg.startsWith('HS')) {
    if (!key.isPrivate || key.type === 'secret') {
      throw new Error(`secretOrPrivateKey must be an asymmetric key when using ${header.alg}`);
    }
    if (!options.allowInsecureKeySizes && key.type === 'rsa' && key.bits < 2048) {
      throw new Error(`secretOrPrivateKey has a minimum key size of 2048 bits for ${header.alg}`);
    }
  }
  if (typeof payload === 'undefined') throw new Error('payload is required');
  if (isObjectPayload) {
    validate(registeredClaimsSchema, true, payload, 'payload');
  } else {
    const invalid = optionsForObjects.filter((name) => typeof options[name] !== 'undefined');
    if (invalid.length > 0) {
      throw new Error('invalid ' + invalid.join(',') + ' option for ' + (typeof payload) + ' payload');
    }
  }
  if (typeof payload.exp !== 'undefined' && typeof options.expiresIn !== 'undefined') {
    throw new Error('Bad "options.expiresIn" option the payload already has an "exp" property.');
  }
  if (typeof payload.nbf !== 'undefined' && typeof options.notBefore !== 'undefined') {
    throw new Error('Bad "options.notBefore" option the payload already has an "nbf" property.');
  }
  validate(signOptionsSchema, false, options, 'options');
  const mismatch = keyMismatch('secretOrPrivateKey', header.alg, key);
  if (mismatch) throw mismatch;

  const timestamp = (isObjectPayload && payload.iat) || nowSeconds();
  const request = {
    algorithm: header.alg,
    header,
    noTimestamp: options.noTimestamp === true,
    now: timestamp,
    allowInsecureKeySizes: options.allowInsecureKeySizes === true,
  };
  for (const [name, message] of [['notBefore', '"notBefore"'], ['expiresIn', '"expiresIn"']]) {
    if (typeof options[name] === 'undefined') continue;
    const date = timespan(options[name], timestamp);
    if (typeof date === 'undefined') {
      throw new Error(message + ' should be a number of seconds or string representing a timespan eg: "1d", "20h", 60');
    }
    request[name] = date - timestamp;
  }
  for (const [name, claim] of Object.entries(optionsToClaims)) {
    if (typeof options[name] === 'undefined') continue;
    if (typeof payload[claim] !== 'undefined') {
      throw new Error('Bad "options.' + name + '" option. The payload already has an "' + claim + '" property.');
    }
    request[name] = options[name];
  }
  let claims;
  if (isObjectPayload) {
    claims = Object.assign({}, payload);
    if (options.noTimestamp) delete claims.iat;
  }
  return {
    content: isObjectPayload ? JSON.stringify(claims) : Buffer.from(payload),
    key,
    request,
  };
}

// jsonwebtoken's mutatePayload: the caller's object receives the claims signed.
function mutate(payload, options, token) {
  if (!options.mutatePayload || typeof payload !== 'object' || Buffer.isBuffer(payload)) return;
  if (options.noTimestamp) delete payload.iat;
  Object.assign(payload, JSON.parse(native.decode(token).payload));
}

// A core failure as jsonwebtoken's sign reports failures: a plain Error.
const toError = (nativeError) => withCode(new Error(nativeError.message), nativeError.code, nativeError.claim);

function sign(payload, secretOrPrivateKey, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else {
    options = options || {};
  }
  let prepared;
  try {
    prepared = prepare(payload, secretOrPrivateKey, options);
  } catch (error) {
    if (callback) return callback(error);
    throw error;
  }
  const { content, key, request } = prepared;
  const async = typeof callback === 'function';
  const finish = (error, token) => {
    if (error) {
      if (async) return callback(toError(error));
      throw toError(error);
    }
    mutate(payload, options, token);
    return async ? callback(null, token) : token;
  };
  let token;
  try {
    if (async) return native.signAsync(content, key, request, finish);
    token = native.sign(content, key, request);
  } catch (error) {
    return finish(error);
  }
  return finish(null, token);
}

module.exports = { sign, keyMismatch, SUPPORTED_ALGS };
