'use strict';
// jwt.verify gives a token straight to the core when it can, and only when the
// core refuses it goes through jsonwebtoken's checks in order. Whichever path
// decides, each failure keeps its class, message, `code` and `claim`, thrown or
// passed to the callback. (Parity of class and message with jsonwebtoken itself
// is in verify.test.js.)
const crypto = require('crypto');
const test = require('node:test');
const assert = require('node:assert/strict');
const jsonwebtoken = require('jsonwebtoken');
const jwt = require('..');
const { secret, keys, tamper, thrown } = require('./helpers');

const rsaPrivate = keys.rsa2048.private_pkcs8_pem;
const rsaPublic = keys.rsa2048.public_spki_pem;
const iat = 1700000000;
const at = (seconds) => ({ clockTimestamp: iat + seconds });
const HS256 = { algorithms: ['HS256'], ...at(0) };
const RS256 = { algorithms: ['RS256'], ...at(0) };
const hs = (payload, options) => jsonwebtoken.sign({ iat, ...payload }, secret, options);
const rs = (payload) => jsonwebtoken.sign({ iat, ...payload }, rsaPrivate, { algorithm: 'RS256' });
const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
// An HS256 token over any header and claims, even ones jsonwebtoken.sign refuses.
const hmacToken = (header, claims) => {
  const input = `${part({ alg: 'HS256', ...header })}.${part(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
};

const failures = {
  'a token of two segments': ['a.b', secret, HS256],
  'a token whose parts are not JSON': ['a.b.c', secret, HS256],
  'a token over maxTokenSize': [hs({ filler: 'x'.repeat(200) }), secret, { ...HS256, maxTokenSize: 100 }],
  'a tampered payload': [tamper(hs({ a: 1 })), secret, HS256],
  'a tampered RS256 signature': [rs({}).slice(0, -4) + 'AAAA', rsaPublic, RS256],
  'an algorithm outside the list': [hs({}), secret, { ...HS256, algorithms: ['HS512'] }],
  'an empty algorithm list': [hs({}), secret, { ...HS256, algorithms: [] }],
  'an algorithm list that is a string': [hs({}), secret, { ...HS256, algorithms: 'HS256' }],
  'an unsigned token': [hs({}).replace(/[^.]+$/, ''), secret, HS256],
  'an RSA public key for an HS256 token': [hs({}), rsaPublic, HS256],
  'a secret for an RS256 token': [rs({}), secret, RS256],
  'an EC key for an RS256 token': [rs({}), keys.ec_p256.public_spki_pem, RS256],
  'a P-384 key for an ES256 token': [jsonwebtoken.sign({ iat }, keys.ec_p256.private_pkcs8_pem, { algorithm: 'ES256' }),
    keys.ec_p384.public_spki_pem, { ...RS256, algorithms: ['ES256'] }],
  'an RSA-1024 key': [jsonwebtoken.sign({ iat }, keys.rsa1024.private_pkcs8_pem, { algorithm: 'RS256',
    allowInsecureKeySizes: true }), keys.rsa1024.public_spki_pem, RS256],
  'key material that is not a key': [rs({}), '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', RS256],
  'an expired token': [hs({ exp: iat }), secret, { ...HS256, ...at(1) }],
  'a token not active yet': [hs({ nbf: iat + 10 }), secret, HS256],
  'an iat in the future, with verifyIssuedAt': [hs({ iat: iat + 10 }), secret, { ...HS256, verifyIssuedAt: true }],
  'a non-numeric exp': [hmacToken({}, { exp: 'later' }), secret, HS256],
  'a non-numeric nbf': [hmacToken({}, { nbf: 'later' }), secret, HS256],
  'a critical header parameter nobody understands': [hmacToken({ crit: ['exp'], exp: 1 }, {}), secret, HS256],
  'a wrong audience': [hs({ aud: 'a' }), secret, { ...HS256, audience: 'b' }],
  'no audience when one is expected': [hs({}), secret, { ...HS256, audience: [/^b/] }],
  'an unexpected audience, with rejectUnexpectedAudience': [hs({ aud: 'a' }), secret,
    { ...HS256, rejectUnexpectedAudience: true }],
  'a wrong issuer': [hs({ iss: 'a' }), secret, { ...HS256, issuer: 'b' }],
  'a wrong subject': [hs({ sub: 'a' }), secret, { ...HS256, subject: 'b' }],
  'a wrong jwtid': [hs({ jti: 'a' }), secret, { ...HS256, jwtid: 'b' }],
  'a wrong nonce': [hs({ nonce: 'a' }), secret, { ...HS256, nonce: 'b' }],
  'a missing required claim': [hs({}), secret, { ...HS256, requiredClaims: ['scope'] }],
  'maxAge exceeded': [hs({}), secret, { ...HS256, maxAge: 60, ...at(60) }],
  'maxAge without iat': [jsonwebtoken.sign({}, secret, { noTimestamp: true }), secret, { ...HS256, maxAge: 60 }],
  'an unparsable maxAge': [hs({}), secret, { ...HS256, maxAge: 'soon' }],
  'an issuer option that is not a string': [hs({}), secret, { ...HS256, issuer: [1] }],
  'a missing key': [hs({}), undefined, HS256],
  'no algorithms': [hs({}), secret, at(0)],
};

// [class, message, code, claim] of each failure, as before the single-call path;
// a null message is the core's own (its wording is the core's to change).
const CORE = null;
const expected = {
  'a token of two segments': ['JsonWebTokenError', 'jwt malformed', 'malformed', undefined],
  'a token whose parts are not JSON': ['JsonWebTokenError', 'invalid token', 'malformed', undefined],
  'a token over maxTokenSize': ['JsonWebTokenError', CORE, 'token_too_large', undefined],
  'a tampered payload': ['JsonWebTokenError', 'invalid signature', 'invalid_signature', undefined],
  'a tampered RS256 signature': ['JsonWebTokenError', 'invalid signature', 'invalid_signature', undefined],
  'an algorithm outside the list': ['JsonWebTokenError', 'invalid algorithm', 'algorithm_not_allowed', 'alg'],
  'an empty algorithm list': ['JsonWebTokenError', 'invalid algorithm', 'invalid_argument', 'alg'],
  'an algorithm list that is a string': ['JsonWebTokenError', 'invalid algorithm', 'algorithm_not_allowed', 'alg'],
  'an unsigned token': ['JsonWebTokenError', 'jwt signature is required', 'invalid_signature', undefined],
  'an RSA public key for an HS256 token': ['JsonWebTokenError',
    'secretOrPublicKey must be a symmetric key when using HS256', 'algorithm_not_allowed', 'alg'],
  'a secret for an RS256 token': ['JsonWebTokenError',
    'secretOrPublicKey must be an asymmetric key when using RS256', 'algorithm_not_allowed', 'alg'],
  'an EC key for an RS256 token': ['Error', '"alg" parameter for "ec" key type must be one of: ES256, ES384, ES512.',
    'algorithm_not_allowed', 'alg'],
  'a P-384 key for an ES256 token': ['Error', '"alg" parameter "ES256" requires curve "prime256v1".',
    'algorithm_not_allowed', 'alg'],
  'an RSA-1024 key': ['JsonWebTokenError', CORE, 'key_error', undefined],
  'key material that is not a key': ['JsonWebTokenError', 'secretOrPublicKey is not valid key material', 'key_error',
    undefined],
  'an expired token': ['TokenExpiredError', 'jwt expired', 'token_expired', 'exp'],
  'a token not active yet': ['NotBeforeError', 'jwt not active', 'not_yet_valid', 'nbf'],
  'an iat in the future, with verifyIssuedAt': ['NotBeforeError', 'jwt not active', 'not_yet_valid', 'iat'],
  'a non-numeric exp': ['JsonWebTokenError', 'invalid exp value', 'malformed', 'exp'],
  'a non-numeric nbf': ['JsonWebTokenError', 'invalid nbf value', 'malformed', 'nbf'],
  'a critical header parameter nobody understands': ['JsonWebTokenError', 'invalid token', 'malformed', 'crit'],
  'a wrong audience': ['JsonWebTokenError', 'jwt audience invalid. expected: b', 'audience_mismatch', 'aud'],
  'no audience when one is expected': ['JsonWebTokenError', 'jwt audience invalid. expected: /^b/', 'missing_claim',
    'aud'],
  'an unexpected audience, with rejectUnexpectedAudience': ['JsonWebTokenError',
    'jwt audience invalid. expected: no audience', 'audience_mismatch', 'aud'],
  'a wrong issuer': ['JsonWebTokenError', 'jwt issuer invalid. expected: b', 'issuer_mismatch', 'iss'],
  'a wrong subject': ['JsonWebTokenError', 'jwt subject invalid. expected: b', 'subject_mismatch', 'sub'],
  'a wrong jwtid': ['JsonWebTokenError', 'jwt jwtid invalid. expected: b', 'jwt_id_mismatch', 'jti'],
  'a wrong nonce': ['JsonWebTokenError', 'jwt nonce invalid. expected: b', 'nonce_mismatch', 'nonce'],
  'a missing required claim': ['JsonWebTokenError', CORE, 'missing_claim', 'scope'],
  'maxAge exceeded': ['TokenExpiredError', 'maxAge exceeded', 'token_too_old', 'iat'],
  'maxAge without iat': ['JsonWebTokenError', 'iat required when maxAge is specified', 'missing_claim', 'iat'],
  'an unparsable maxAge': ['JsonWebTokenError',
    '"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
    'invalid_argument', undefined],
  'an issuer option that is not a string': ['JsonWebTokenError', 'options.issuer must be a string', undefined,
    undefined],
  'a missing key': ['JsonWebTokenError', 'secret or public key must be provided', 'key_error', undefined],
  'no algorithms': ['JsonWebTokenError',
    'options.algorithms is required: list the algorithms to accept, e.g. { algorithms: [\'RS512\'] }',
    'invalid_argument', 'alg'],
};

const shape = (error) => [error.constructor.name, error.message, error.code, error.claim];

test('every failure kind has its expected outcome', () => {
  assert.deepEqual(Object.keys(expected).sort(), Object.keys(failures).sort());
});

for (const [what, args] of Object.entries(failures)) {
  test(`verify refuses ${what} with the same class, message, code and claim as before`, () => {
    const [name, message, code, claim] = expected[what];
    const [actualName, actualMessage, actualCode, actualClaim] = shape(thrown(() => jwt.verify(...args)));
    assert.deepEqual([actualName, actualCode, actualClaim], [name, code, claim]);
    if (message !== CORE) assert.equal(actualMessage, message);
  });

  test(`verify passes ${what} to the callback as the error it throws`, (t, done) => {
    const error = thrown(() => jwt.verify(...args));
    jwt.verify(...args, (received, claims) => {
      assert.equal(claims, undefined);
      assert.deepEqual(shape(received), shape(error));
      assert.equal(Object.getPrototypeOf(received), Object.getPrototypeOf(error));
      done();
    });
  });
}
