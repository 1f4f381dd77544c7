'use strict';
// jwt.verify(token, secretOrPublicKey, [options, callback]) as jsonwebtoken@9:
// its argument checks, messages and error classes, in its order. Signature and
// claim checks are the core's; the callback form verifies on the libuv pool.
//
// A token is first given straight to the core: one native call, which decodes
// it once. Only when the core refuses it does `explain` go through jsonwebtoken's
// checks in jsonwebtoken's order, to report the failure jsonwebtoken reports
// first, reusing the core's verdict instead of verifying again.
const native = require('./native');
const { toKey } = require('./keys');
const { keyMismatch, SUPPORTED_ALGS } = require('./sign');
const { seconds, nowSeconds } = require('./timespan');
const { JsonWebTokenError, NotBeforeError, TokenExpiredError, withCode } = require('./errors');
const { parsed } = require('./decode');

// jsonwebtoken's audience option (a string, a RegExp or an array of both) as the
// core takes it: exact strings and RegExp patterns.
function audienceOptions(audience) {
  const audiences = Array.isArray(audience) ? audience : [audience];
  return {
    audience: audiences.filter((value) => !(value instanceof RegExp)),
    audiencePatterns: audiences.filter((value) => value instanceof RegExp)
      .map((pattern) => ({ source: pattern.source, flags: pattern.flags })),
  };
}

// The options of the native verify beyond the algorithms and the time, from
// jsonwebtoken's: only what differs from jsonwebtoken's defaults (the addon's for
// jwt.verify), and undefined for none at all, the common case, which the addon
// reads fastest.
function coreOptions(options) {
  const result = {};
  let count = 0;
  const set = (name, value) => {
    result[name] = value;
    count += 1;
  };
  if (options.verifyIssuedAt === true) set('verifyIssuedAt', true);
  if (options.rejectUnexpectedAudience === true) set('rejectUnexpectedAudience', true);
  if (Number.isFinite(options.clockTolerance)) set('clockTolerance', options.clockTolerance);
  if (options.ignoreExpiration === true) set('ignoreExpiration', true);
  if (options.ignoreNotBefore === true) set('ignoreNotBefore', true);
  if (options.strictAudience === true) set('strictAudience', true);
  if (options.allowInsecureKeySizes === true) set('allowInsecureKeySizes', true);
  if (options.complete === true) set('complete', true);
  if (options.requiredClaims !== undefined) set('requiredClaims', options.requiredClaims);
  if (options.understoodCritical !== undefined) set('understoodCritical', options.understoodCritical);
  if (options.maxTokenSize !== undefined) set('maxTokenSize', options.maxTokenSize);
  if (options.audience) {
    const { audience, audiencePatterns } = audienceOptions(options.audience);
    set('audience', audience);
    set('audiencePatterns', audiencePatterns);
  }
  if (options.issuer) set('issuer', options.issuer);
  if (options.subject) set('subject', options.subject);
  if (options.jwtid) set('jwtid', options.jwtid);
  if (options.nonce) set('nonce', options.nonce);
  if (options.maxAge) set('maxAge', seconds(options.maxAge));
  return count === 0 ? undefined : result;
}

// The arguments of the native verify after token and key. Names that can never
// verify ("none", unknown ones) are not passed to the core.
const coreRequest = (options, now) => ({
  algorithms: Array.isArray(options.algorithms)
    ? options.algorithms.filter((alg) => SUPPORTED_ALGS.includes(alg)) : [],
  now,
  options: coreOptions(options),
});

// The native verify: on the pool when given a callback, else synchronous.
const nativeVerify = (token, key, request, callback) => (callback
  ? native.verifyAsync(token, key, request.algorithms, request.now, request.options, callback)
  : native.verify(token, key, request.algorithms, request.now, request.options));

const expected = (what, value) => new JsonWebTokenError('jwt ' + what + ' invalid. expected: ' + value);
const asTheCoreSays = (error) => new JsonWebTokenError(error.message);

// jsonwebtoken's error for a claim that fails, (error, options) => error. The
// tables are made once (a rejected token should cost little) and have no
// prototype, so that no claim or code name can find an Object method.
const byClaim = {
  __proto__: null,
  aud: (error, { audience }) => expected('audience',
    audience ? (Array.isArray(audience) ? audience : [audience]).join(' or ') : 'no audience'),
  iss: (error, options) => expected('issuer', options.issuer),
  sub: (error, options) => expected('subject', options.subject),
  jti: (error, options) => expected('jwtid', options.jwtid),
  nonce: (error, options) => expected('nonce', options.nonce),
  iat: () => new JsonWebTokenError('iat required when maxAge is specified'),
};

// The same by the core's error code, (error, options, payload) => error.
const byCode = {
  __proto__: null,
  token_expired: (error) => new TokenExpiredError('jwt expired', new Date(error.expiredAt * 1000)),
  not_yet_valid: (error) => new NotBeforeError('jwt not active', new Date(error.notBefore * 1000)),
  token_too_old: (error, options, payload) => new TokenExpiredError('maxAge exceeded',
    new Date((payload.iat + seconds(options.maxAge)) * 1000)),
  audience_mismatch: byClaim.aud,
  issuer_mismatch: byClaim.iss,
  subject_mismatch: byClaim.sub,
  jwt_id_mismatch: byClaim.jti,
  nonce_mismatch: byClaim.nonce,
  missing_claim: (error, options) => (byClaim[error.claim] || asTheCoreSays)(error, options),
  invalid_signature: () => new JsonWebTokenError('invalid signature'),
  algorithm_not_allowed: () => new JsonWebTokenError('invalid algorithm'),
  malformed: ({ claim }) => new JsonWebTokenError(claim === 'exp' || claim === 'nbf'
    ? 'invalid ' + claim + ' value' : 'invalid token'),
};

// A core error as the jsonwebtoken error for the same failure.
function mapError(error, options, payload) {
  return withCode((byCode[error.code] || asTheCoreSays)(error, options, payload), error.code, error.claim);
}

const ALGORITHMS_REQUIRED =
  'options.algorithms is required: list the algorithms to accept, e.g. { algorithms: [\'RS512\'] }';

// What the native verify returned (the payload's JSON text, or all parts with
// `complete`) as jsonwebtoken returns it.
const result = (verified, options) => (options.complete === true ? parsed(verified) : JSON.parse(verified));

// A JS-side refusal, coded as the core codes the same failure.
const refuse = (message, code, claim) => withCode(new JsonWebTokenError(message), code, claim);
const refuseAlgorithm = (error) => withCode(error, 'algorithm_not_allowed', 'alg');

// The core's verdict on the token: the failure already known from the direct
// attempt, or else a native verify (on the pool when async); finish(error, verified).
function coreVerify(call, key, request, finish) {
  if (call.failure) return finish(call.failure);
  let verified;
  try {
    if (call.async) return nativeVerify(call.token, key, request, finish);
    verified = nativeVerify(call.token, key, request);
  } catch (error) {
    return finish(error);
  }
  return finish(null, verified);
}

// The checks jsonwebtoken makes with the key in hand, then the core's verify.
// `call` holds token, parts, decoded, options, now, done, async and failure.
function verifyWithKey(call, secretOrPublicKey) {
  const { parts, decoded, options, now, done } = call;
  const hasSignature = parts[2].trim() !== '';
  if (hasSignature && !secretOrPublicKey) {
    return done(refuse('secret or public key must be provided', 'key_error'));
  }
  if (!hasSignature && !secretOrPublicKey && !options.algorithms) {
    return done(refuse('please specify "none" in "algorithms" to verify unsigned tokens',
      'algorithm_not_allowed', 'alg'));
  }
  let key;
  try {
    key = toKey(secretOrPublicKey);
  } catch (error) {
    return done(refuse('secretOrPublicKey is not valid key material', error.code || 'key_error'));
  }
  // Unlike jsonwebtoken, which falls back to the key's family, the algorithms
  // are never guessed: the caller pins them (DEVELOPERS.md, "Secure by default").
  if (!options.algorithms) {
    return done(refuse(ALGORITHMS_REQUIRED, 'invalid_argument', 'alg'));
  }
  const { algorithms } = options;
  const request = coreRequest(options, now);
  if (!hasSignature) {
    // Never valid; the core says why (an unsigned alg, or a missing signature).
    const why = call.failure || failureOf(() => nativeVerify(call.token, key, request));
    if (why) return done(withCode(new JsonWebTokenError('jwt signature is required'), why.code, why.claim));
  }
  const alg = decoded.header.alg;
  if (!Array.isArray(algorithms) || !algorithms.includes(alg)) {
    return done(refuse('invalid algorithm', algorithms.length === 0 ? 'invalid_argument' : 'algorithm_not_allowed',
      'alg'));
  }
  if (alg.startsWith('HS') && key.type !== 'secret') {
    return done(refuseAlgorithm(new JsonWebTokenError(`secretOrPublicKey must be a symmetric key when using ${alg}`)));
  }
  if (!alg.startsWith('HS') && key.type === 'secret') {
    return done(refuseAlgorithm(new JsonWebTokenError(`secretOrPublicKey must be an asymmetric key when using ${alg}`)));
  }
  const mismatch = keyMismatch('secretOrPublicKey', alg, key);
  if (mismatch) return done(refuseAlgorithm(mismatch));
  if (options.maxAge && typeof decoded.payload.iat === 'number' && seconds(options.maxAge) === undefined) {
    return done(refuse('"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
      'invalid_argument'));
  }
  return coreVerify(call, key, request, (error, verified) => (error
    ? done(mapError(error, options, decoded.payload)) : done(null, result(verified, options))));
}

// The error action throws, or undefined.
function failureOf(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

// The sync form's `done`: jsonwebtoken throws the error or returns the result.
function returnOrThrow(error, data) {
  if (error) throw error;
  return data;
}

// Whether one native call can decide: jsonwebtoken checks these before anything
// the core checks, so with them in place the core accepts exactly the tokens the
// full checks accept. (A token without three segments goes to `explain` at once,
// so that it reaches a callback synchronously, as in jsonwebtoken.)
function directlyVerifiable(token, secretOrPublicKey, options) {
  const second = token.indexOf('.', token.indexOf('.') + 1);
  return typeof secretOrPublicKey !== 'function' && Boolean(secretOrPublicKey) && Boolean(options.algorithms) &&
    second > 0 && token.indexOf('.', second + 1) === -1 &&
    !(options.maxAge && seconds(options.maxAge) === undefined);
}

function verifyDirectly(call, secretOrPublicKey) {
  const { options, done } = call;
  let key;
  try {
    key = toKey(secretOrPublicKey);
  } catch (error) {
    return explain(call, secretOrPublicKey);
  }
  return coreVerify(call, key, coreRequest(options, call.now), (error, verified) => {
    if (!error) return done(null, result(verified, options));
    call.failure = error;
    return explain(call, secretOrPublicKey);
  });
}

// jsonwebtoken's checks in its order, ending with the core's verdict.
function explain(call, secretOrPublicKey) {
  const { token, options, done } = call;
  let decoded;
  let decodeError;
  try {
    decoded = parsed(native.decode(token, options.maxTokenSize));
  } catch (error) {
    // Over the size limit: refused before anything else looks at it.
    if (error.code === 'token_too_large') return done(refuse(error.message, error.code));
    decodeError = error;
  }
  const parts = token.split('.');
  if (parts.length !== 3) return done(refuse('jwt malformed', 'malformed'));
  if (decodeError) return done(refuse('invalid token', decodeError.code, decodeError.claim));
  Object.assign(call, { parts, decoded });
  if (typeof secretOrPublicKey !== 'function') return verifyWithKey(call, secretOrPublicKey);
  if (!call.async) {
    return done(refuse('verify must be called asynchronous if secret or public key is provided as a callback',
      'invalid_argument'));
  }
  return secretOrPublicKey(decoded.header, (error, key) => {
    if (error) {
      return done(refuse('error in secret or public key callback: ' + error.message, 'key_error'));
    }
    return verifyWithKey(call, key);
  });
}

function verify(token, secretOrPublicKey, options, callback) {
  if (typeof options === 'function' && !callback) {
    callback = options;
    options = {};
  }
  // A copy: the caller's options object is never mutated.
  options = Object.assign({}, options);
  const done = callback || returnOrThrow;
  if (options.clockTimestamp && typeof options.clockTimestamp !== 'number') {
    return done(refuse('clockTimestamp must be a number', 'invalid_argument'));
  }
  if (options.nonce !== undefined && (typeof options.nonce !== 'string' || options.nonce.trim() === '')) {
    return done(refuse('nonce must be a non-empty string', 'invalid_argument'));
  }
  if (options.allowInvalidAsymmetricKeyTypes !== undefined &&
      typeof options.allowInvalidAsymmetricKeyTypes !== 'boolean') {
    return done(refuse('allowInvalidAsymmetricKeyTypes must be a boolean', 'invalid_argument'));
  }
  if (!token) return done(refuse('jwt must be provided', 'malformed'));
  if (typeof token !== 'string') return done(refuse('jwt must be a string', 'malformed'));
  const call = {
    token, options, now: options.clockTimestamp || nowSeconds(), done, async: Boolean(callback),
    failure: undefined, parts: undefined, decoded: undefined,
  };
  return directlyVerifiable(token, secretOrPublicKey, options)
    ? verifyDirectly(call, secretOrPublicKey) : explain(call, secretOrPublicKey);
}

module.exports = { verify, audienceOptions, mapError };
