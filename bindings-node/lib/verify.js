'use strict';
// jwt.verify(token, secretOrPublicKey, [options, callback]) as jsonwebtoken@9:
// its argument checks, messages and error classes, in its order. Signature and
// claim checks are the core's; the callback form verifies on the libuv pool.
const native = require('./native');
const { toKey } = require('./keys');
const { keyMismatch, SUPPORTED_ALGS } = require('./sign');
const { seconds, nowSeconds } = require('./timespan');
const { JsonWebTokenError, NotBeforeError, TokenExpiredError, withCode } = require('./errors');

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

// The options object of the native verify, from jsonwebtoken's options.
function coreOptions(options, algorithms, now) {
  const result = {
    algorithms,
    clockTolerance: Number.isFinite(options.clockTolerance) ? options.clockTolerance : 0,
    ignoreExpiration: options.ignoreExpiration === true,
    ignoreNotBefore: options.ignoreNotBefore === true,
    // jsonwebtoken checks neither an iat in the future nor an aud nobody asked
    // for; appjwt's stricter core checks are opt-in here.
    verifyIssuedAt: options.verifyIssuedAt === true,
    rejectUnexpectedAudience: options.rejectUnexpectedAudience === true,
    strictAudience: options.strictAudience === true,
    requiredClaims: options.requiredClaims,
    understoodCritical: options.understoodCritical,
    now,
    maxTokenSize: options.maxTokenSize,
    allowInsecureKeySizes: options.allowInsecureKeySizes === true,
  };
  if (options.audience) Object.assign(result, audienceOptions(options.audience));
  if (options.issuer) result.issuer = options.issuer;
  if (options.subject) result.subject = options.subject;
  if (options.jwtid) result.jwtid = options.jwtid;
  if (options.nonce) result.nonce = options.nonce;
  if (options.maxAge) result.maxAge = seconds(options.maxAge);
  return result;
}

const expected = (what, value) => new JsonWebTokenError('jwt ' + what + ' invalid. expected: ' + value);

// A core error as the jsonwebtoken error for the same failure.
function mapError(error, options, payload) {
  const audiences = () => (Array.isArray(options.audience) ? options.audience : [options.audience]);
  const byClaim = {
    aud: () => expected('audience', options.audience ? audiences().join(' or ') : 'no audience'),
    iss: () => expected('issuer', options.issuer),
    sub: () => expected('subject', options.subject),
    jti: () => expected('jwtid', options.jwtid),
    nonce: () => expected('nonce', options.nonce),
    iat: () => new JsonWebTokenError('iat required when maxAge is specified'),
  };
  const byCode = {
    token_expired: () => new TokenExpiredError('jwt expired', new Date(error.expiredAt * 1000)),
    not_yet_valid: () => new NotBeforeError('jwt not active', new Date(error.notBefore * 1000)),
    token_too_old: () => new TokenExpiredError('maxAge exceeded',
      new Date((payload.iat + seconds(options.maxAge)) * 1000)),
    audience_mismatch: byClaim.aud,
    issuer_mismatch: byClaim.iss,
    subject_mismatch: byClaim.sub,
    jwt_id_mismatch: byClaim.jti,
    nonce_mismatch: byClaim.nonce,
    missing_claim: () => (byClaim[error.claim] || (() => new JsonWebTokenError(error.message)))(),
    invalid_signature: () => new JsonWebTokenError('invalid signature'),
    algorithm_not_allowed: () => new JsonWebTokenError('invalid algorithm'),
    malformed: () => new JsonWebTokenError(['exp', 'nbf'].includes(error.claim)
      ? 'invalid ' + error.claim + ' value' : 'invalid token'),
  };
  const mapped = (byCode[error.code] || (() => new JsonWebTokenError(error.message)))();
  return withCode(mapped, error.code, error.claim);
}

const ALGORITHMS_REQUIRED =
  'options.algorithms is required: list the algorithms to accept, e.g. { algorithms: [\'RS512\'] }';

function result(decoded, options) {
  return options.complete === true ? decoded : decoded.payload;
}

// A JS-side refusal, coded as the core codes the same failure.
const refuse = (message, code, claim) => withCode(new JsonWebTokenError(message), code, claim);
const refuseAlgorithm = (error) => withCode(error, 'algorithm_not_allowed', 'alg');

// The checks jsonwebtoken makes with the key in hand, then the core's verify.
// `call` holds token, parts, decoded, options, now, done and async.
function verifyWithKey(call, secretOrPublicKey) {
  const { token, parts, decoded, options, now, done } = call;
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
  // Names that can never verify ("none", unknown ones) are not passed to the core.
  const { algorithms } = options;
  const request = coreOptions(options, Array.isArray(algorithms)
    ? algorithms.filter((alg) => SUPPORTED_ALGS.includes(alg)) : [], now);
  if (!hasSignature) {
    // Never valid; the core says why (an unsigned alg, or a missing signature).
    try {
      native.verify(token, key, request);
    } catch (error) {
      return done(withCode(new JsonWebTokenError('jwt signature is required'), error.code, error.claim));
    }
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
  const finish = (error, verified) => (error
    ? done(mapError(error, options, decoded.payload)) : done(null, result(verified, options)));
  let verified;
  try {
    if (call.async) return native.verifyAsync(token, key, request, finish);
    verified = native.verify(token, key, request);
  } catch (error) {
    return finish(error);
  }
  return finish(null, verified);
}

function verify(token, secretOrPublicKey, options, callback) {
  if (typeof options === 'function' && !callback) {
    callback = options;
    options = {};
  }
  // A copy: the caller's options object is never mutated.
  options = Object.assign({}, options);
  const done = callback || ((error, data) => {
    if (error) throw error;
    return data;
  });
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
  const now = options.clockTimestamp || nowSeconds();
  if (!token) return done(refuse('jwt must be provided', 'malformed'));
  if (typeof token !== 'string') return done(refuse('jwt must be a string', 'malformed'));
  let decoded;
  let decodeError;
  try {
    decoded = native.decode(token, options.maxTokenSize);
  } catch (error) {
    // Over the size limit: refused before anything else looks at it.
    if (error.code === 'token_too_large') return done(refuse(error.message, error.code));
    decodeError = error;
  }
  const parts = token.split('.');
  if (parts.length !== 3) return done(refuse('jwt malformed', 'malformed'));
  if (decodeError) return done(refuse('invalid token', decodeError.code, decodeError.claim));
  const call = { token, parts, decoded, options, now, done, async: !!callback };
  if (typeof secretOrPublicKey !== 'function') return verifyWithKey(call, secretOrPublicKey);
  if (!callback) {
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

module.exports = { verify, audienceOptions, mapError };
