'use strict';
// jwt.verify: jsonwebtoken@9's options, error classes and messages, thrown
// synchronously or passed to the callback, and the promise form.
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
// verify's required algorithm list, for the HS256 (hs, unchecked) and RS256 (rs) tokens.
const HS256 = { algorithms: ['HS256'] };
const RS256 = { algorithms: ['RS256'] };
const hs = (payload, options) => jsonwebtoken.sign({ iat, ...payload }, secret, options);
// An HS256 token over any claims, even ones jsonwebtoken.sign refuses.
const unchecked = (claims) => {
  const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const rs = (payload) => jsonwebtoken.sign({ iat, ...payload }, rsaPrivate, { algorithm: 'RS256' });

const verifyError = (verifier, args) => thrown(() => verifier.verify(...args));

test('the seed code verifies its RS512 app token', () => {
  const token = jsonwebtoken.sign({ appId: 'stores' }, rsaPrivate, { algorithm: 'RS512', expiresIn: 300 });
  assert.equal(jwt.verify(token, rsaPublic, { algorithms: ['RS512'] }).appId, 'stores');
});

test('verify returns the claims, or header, payload and signature with complete', () => {
  const token = hs({ a: 1 });
  assert.deepEqual(jwt.verify(token, secret, { ...HS256, ...at(0) }), { iat, a: 1 });
  assert.deepEqual(jwt.verify(token, secret, { ...HS256, ...at(0), complete: true }),
    jsonwebtoken.verify(token, secret, { ...HS256, ...at(0), complete: true }));
});

test('verify returns the claims in the token\'s member order, as jsonwebtoken does', () => {
  const token = hs({ z: 1, a: { y: 2, b: 3 } });
  const options = { ...HS256, ...at(0) };
  assert.equal(JSON.stringify(jwt.verify(token, secret, options)),
    JSON.stringify(jsonwebtoken.verify(token, secret, options)));
  assert.equal(JSON.stringify(jwt.verify(token, secret, { ...options, complete: true })),
    JSON.stringify(jsonwebtoken.verify(token, secret, { ...options, complete: true })));
});

test('the callback receives the claims in the token\'s member order', (t, done) => {
  const token = hs({ z: 1, a: 2 });
  jwt.verify(token, secret, { ...HS256, ...at(0) }, (error, claims) => {
    assert.deepEqual(Object.keys(claims), ['iat', 'z', 'a']);
    done(error);
  });
});

test('an options object changed between calls is read afresh on each call', () => {
  const options = { ...HS256, ...at(0) };
  const token = hs({ aud: 'x' });
  assert.ok(jwt.verify(token, secret, options));
  options.audience = 'y';
  assert.throws(() => jwt.verify(token, secret, options), { code: 'audience_mismatch' });
  delete options.audience;
  options.algorithms = ['HS512'];
  assert.throws(() => jwt.verify(token, secret, options), { message: 'invalid algorithm' });
});

// Each failure with the class and message jsonwebtoken gives.
const failures = {
  'no token': [undefined, secret],
  'a token that is not a string': [42, secret],
  'a token of two segments': ['a.b', secret],
  'a token whose parts are not JSON': ['a.b.c', secret],
  'a tampered payload': [tamper(hs({ a: 1 })), secret, { ...HS256, ...at(0) }],
  'a signature from another secret': [jsonwebtoken.sign({ iat }, 'other-secret'), secret, { ...HS256, ...at(0) }],
  'an algorithm outside the list': [hs({}), secret, { algorithms: ['HS512'], ...at(0) }],
  'an empty algorithm list': [hs({}), secret, { algorithms: [], ...at(0) }],
  'an unsigned token': [hs({}).replace(/[^.]+$/, ''), secret, { ...HS256, ...at(0) }],
  'a missing key': [hs({}), undefined],
  'an RSA public key for an HS256 token': [hs({}), rsaPublic, { algorithms: ['HS256'], ...at(0) }],
  'a secret for an RS256 token': [rs({}), secret, { algorithms: ['RS256'], ...at(0) }],
  'an EC key for an RS256 token': [rs({}), keys.ec_p256.public_spki_pem, { algorithms: ['RS256'], ...at(0) }],
  'an expired token': [hs({ exp: iat + 10 }), secret, { ...HS256, ...at(10) }],
  'an expired token beyond the tolerance': [hs({ exp: iat + 10 }), secret, { ...HS256, ...at(15), clockTolerance: 5 }],
  'a token not active yet': [hs({ nbf: iat + 10 }), secret, { ...HS256, ...at(0) }],
  'a non-numeric exp': [unchecked({ exp: 'later' }), secret, { ...HS256, ...at(0) }],
  'a non-numeric nbf': [unchecked({ nbf: 'later' }), secret, { ...HS256, ...at(0) }],
  'a wrong audience': [hs({ aud: 'a' }), secret, { ...HS256, audience: 'b', ...at(0) }],
  'a wrong audience among several': [hs({ aud: ['a', 'b'] }), secret, { ...HS256, audience: ['c', /^d/], ...at(0) }],
  'no audience when one is expected': [hs({}), secret, { ...HS256, audience: 'b', ...at(0) }],
  'a wrong issuer': [hs({ iss: 'a' }), secret, { ...HS256, issuer: 'b', ...at(0) }],
  'an issuer outside the list': [hs({ iss: 'a' }), secret, { ...HS256, issuer: ['b', 'c'], ...at(0) }],
  'a wrong subject': [hs({ sub: 'a' }), secret, { ...HS256, subject: 'b', ...at(0) }],
  'a wrong jwtid': [hs({ jti: 'a' }), secret, { ...HS256, jwtid: 'b', ...at(0) }],
  'a wrong nonce': [hs({ nonce: 'a' }), secret, { ...HS256, nonce: 'b', ...at(0) }],
  'an empty nonce option': [hs({}), secret, { nonce: ' ' }],
  'a string clockTimestamp': [hs({}), secret, { clockTimestamp: 'now' }],
  'a string allowInvalidAsymmetricKeyTypes': [hs({}), secret, { allowInvalidAsymmetricKeyTypes: 'yes' }],
  'maxAge exceeded': [hs({}), secret, { ...HS256, maxAge: 60, ...at(60) }],
  'maxAge exceeded given as a string': [hs({}), secret, { ...HS256, maxAge: '1m', ...at(61) }],
  'maxAge without iat': [jsonwebtoken.sign({}, secret, { noTimestamp: true }), secret, { ...HS256, maxAge: 60 }],
  'an unparsable maxAge': [hs({}), secret, { ...HS256, maxAge: 'soon', ...at(0) }],
  'a function key without a callback': [hs({}), () => secret],
};

for (const [what, args] of Object.entries(failures)) {
  test(`verify refuses ${what} as jsonwebtoken does`, () => {
    const mine = verifyError(jwt, args);
    const theirs = verifyError(jsonwebtoken, args);
    assert.equal(mine.name, theirs.name);
    assert.equal(mine.message, theirs.message);
    assert.deepEqual(mine.expiredAt, theirs.expiredAt);
    assert.deepEqual(mine.date, theirs.date);
    assert.ok(mine instanceof jwt.JsonWebTokenError || theirs.constructor === Error);
  });
}

test('errors are instances of the exported classes, with a non-enumerable code', () => {
  const error = verifyError(jwt, [hs({ exp: iat }), secret, { ...HS256, ...at(1) }]);
  assert.ok(error instanceof jwt.TokenExpiredError);
  assert.ok(error instanceof jwt.JsonWebTokenError);
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'token_expired');
  assert.equal(JSON.stringify(error), JSON.stringify({ name: 'TokenExpiredError', message: 'jwt expired',
    expiredAt: new Date((iat) * 1000) }));
});

test('the error classes construct as jsonwebtoken\'s do', () => {
  const inner = new Error('inner');
  assert.deepEqual({ ...new jwt.JsonWebTokenError('m', inner) }, { ...new jsonwebtoken.JsonWebTokenError('m', inner) });
  assert.deepEqual({ ...new jwt.NotBeforeError('m', new Date(0)) }, { ...new jsonwebtoken.NotBeforeError('m', new Date(0)) });
  assert.deepEqual({ ...new jwt.TokenExpiredError('m', new Date(0)) },
    { ...new jsonwebtoken.TokenExpiredError('m', new Date(0)) });
});

test('the current time is read with Date.now()', (t) => {
  const token = hs({ exp: iat + 10 });
  t.mock.method(Date, 'now', () => (iat + 5) * 1000);
  assert.ok(jwt.verify(token, secret, HS256));
  Date.now.mock.mockImplementation(() => (iat + 10) * 1000);
  assert.throws(() => jwt.verify(token, secret, HS256), { name: 'TokenExpiredError' });
});

test('clockTolerance accepts a token expired within it', () => {
  assert.ok(jwt.verify(hs({ exp: iat + 10 }), secret, { ...HS256, ...at(12), clockTolerance: 5 }));
});

test('ignoreExpiration and ignoreNotBefore skip those checks', () => {
  assert.ok(jwt.verify(hs({ exp: iat }), secret, { ...HS256, ...at(100), ignoreExpiration: true }));
  assert.ok(jwt.verify(hs({ nbf: iat + 100 }), secret, { ...HS256, ...at(0), ignoreNotBefore: true }));
});

test('audience matches a string, a RegExp or any of an array', () => {
  const token = hs({ aud: ['urn:api', 'urn:other'] });
  for (const audience of ['urn:api', /^urn:ot/, ['x', /API$/i], ['x', 'urn:other']]) {
    assert.ok(jwt.verify(token, secret, { ...HS256, ...at(0), audience }), String(audience));
  }
});

test('issuer, subject, jwtid and nonce accept matching tokens', () => {
  const token = hs({ iss: 'i', sub: 's', jti: 'j', nonce: 'n' });
  assert.ok(jwt.verify(token, secret, { ...HS256, ...at(0), issuer: ['x', 'i'], subject: 's', jwtid: 'j',
    nonce: 'n' }));
});

test('maxAge accepts a token younger than it', () => {
  assert.ok(jwt.verify(hs({}), secret, { ...HS256, ...at(59), maxAge: '1m' }));
});

test('a token with an aud verifies when no audience is expected, as in jsonwebtoken', () => {
  assert.ok(jwt.verify(hs({ aud: 'x' }), secret, { ...HS256, ...at(0) }));
});

test('rejectUnexpectedAudience opts into RFC 7519\'s audience rule', () => {
  assert.throws(() => jwt.verify(hs({ aud: 'x' }), secret, { ...HS256, ...at(0), rejectUnexpectedAudience: true }),
    { message: 'jwt audience invalid. expected: no audience', code: 'audience_mismatch' });
});

// Unlike jsonwebtoken, verify never falls back to the key's algorithm family.
const ALGORITHMS_REQUIRED =
  'options.algorithms is required: list the algorithms to accept, e.g. { algorithms: [\'RS512\'] }';
const algorithmsRequired = { name: 'JsonWebTokenError', message: ALGORITHMS_REQUIRED, code: 'invalid_argument',
  claim: 'alg' };

test('verify without algorithms throws, even for a valid token', () => {
  assert.throws(() => jwt.verify(rs({}), rsaPublic, at(0)), algorithmsRequired);
  assert.throws(() => jwt.verify(hs({}), secret), algorithmsRequired);
});

test('verify without algorithms passes the refusal to the callback', (t, done) => {
  jwt.verify(rs({}), rsaPublic, at(0), (error, claims) => {
    assert.equal(claims, undefined);
    assert.ok(error instanceof jwt.JsonWebTokenError);
    assert.deepEqual([error.name, error.message, error.code, error.claim],
      ['JsonWebTokenError', ALGORITHMS_REQUIRED, 'invalid_argument', 'alg']);
    done();
  });
});

test('promises.verify without algorithms rejects', async () => {
  await assert.rejects(jwt.promises.verify(rs({}), rsaPublic, at(0)), algorithmsRequired);
  await assert.rejects(jwt.verifyAsync(hs({}), (header, callback) => callback(null, secret), at(0)),
    algorithmsRequired);
});

test('verify with an empty algorithm list is refused', () => {
  assert.throws(() => jwt.verify(rs({}), rsaPublic, { algorithms: [], ...at(0) }),
    { name: 'JsonWebTokenError', code: 'invalid_argument', claim: 'alg' });
});

test('an HS256 token whose secret is the RSA public key PEM is refused', () => {
  const forged = jsonwebtoken.sign({ iat }, Buffer.from(rsaPublic), { algorithm: 'HS256' });
  assert.throws(() => jwt.verify(forged, rsaPublic, { algorithms: ['HS256', 'RS256'], ...at(0) }),
    { message: 'secretOrPublicKey must be a symmetric key when using HS256' });
});

test('a private key verifies, as in jsonwebtoken', () => {
  assert.ok(jwt.verify(rs({}), rsaPrivate, { algorithms: ['RS256'], ...at(0) }));
});

test('unknown options are ignored', () => {
  assert.ok(jwt.verify(hs({}), secret, { ...HS256, ...at(0), noSuchOption: true, algorithm: 'RS256' }));
});

test('the options object is never mutated', () => {
  const options = Object.freeze({ ...at(0), algorithms: Object.freeze(['HS256']), audience: Object.freeze(['x']) });
  assert.ok(jwt.verify(hs({ aud: 'x' }), secret, options));
});

test('a token over maxTokenSize is refused before it is decoded', () => {
  const token = hs({ filler: 'x'.repeat(200) });
  assert.throws(() => jwt.verify(token, secret, { ...HS256, ...at(0), maxTokenSize: 100 }),
    { code: 'token_too_large' });
});

test('the callback receives the claims asynchronously', (t, done) => {
  let returned = false;
  jwt.verify(rs({ a: 1 }), rsaPublic, { ...RS256, ...at(0) }, (error, claims) => {
    assert.ok(returned);
    assert.equal(claims.a, 1);
    done(error);
  });
  returned = true;
});

test('the callback receives verification errors', (t, done) => {
  jwt.verify(hs({ exp: iat }), secret, { ...HS256, ...at(1) }, (error, claims) => {
    assert.equal(claims, undefined);
    assert.equal(error.name, 'TokenExpiredError');
    done();
  });
});

test('an argument error reaches the callback synchronously, as in jsonwebtoken', () => {
  let received;
  jwt.verify('a.b', secret, (error) => { received = error; });
  assert.equal(received.message, 'jwt malformed');
});

test('a function key receives the header and supplies the key', (t, done) => {
  const token = jsonwebtoken.sign({ iat }, rsaPrivate, { algorithm: 'RS256', keyid: 'k1' });
  const getKey = (header, callback) => callback(null, header.kid === 'k1' ? rsaPublic : secret);
  jwt.verify(token, getKey, { algorithms: ['RS256'], ...at(0) }, (error, claims) => {
    assert.equal(claims.iat, iat);
    done(error);
  });
});

test('an error from a function key is wrapped as jsonwebtoken wraps it', (t, done) => {
  jwt.verify(hs({}), (header, callback) => callback(new Error('no such kid')), (error) => {
    assert.equal(error.message, 'error in secret or public key callback: no such kid');
    done();
  });
});

test('promises.verify resolves to the claims', async () => {
  assert.equal((await jwt.promises.verify(rs({ a: 2 }), rsaPublic, { ...RS256, ...at(0) })).a, 2);
});

test('verifyAsync rejects with the error verify would throw', async () => {
  await assert.rejects(jwt.verifyAsync(hs({ exp: iat }), secret, { ...HS256, ...at(1) }),
    { name: 'TokenExpiredError' });
});

test('promises.verify accepts a function key', async () => {
  const claims = await jwt.promises.verify(hs({ a: 3 }), (header, callback) => callback(null, secret),
    { ...HS256, ...at(0) });
  assert.equal(claims.a, 3);
});

test('"none" in algorithms does not stop a signed token from verifying, as in jsonwebtoken', () => {
  assert.ok(jwt.verify(hs({}), secret, { ...at(0), algorithms: ['none', 'HS256'] }));
});

test('"none" in algorithms never lets an unsigned token through', () => {
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
  assert.throws(() => jwt.verify(unsigned, secret, { algorithms: ['none'] }),
    { name: 'JsonWebTokenError', message: 'jwt signature is required' });
});

test('a bad option reaches the callback rather than being thrown', (t, done) => {
  jwt.verify(hs({}), secret, { ...HS256, ...at(0), clockTolerance: 1, issuer: [1] }, (error) => {
    assert.ok(error instanceof jwt.JsonWebTokenError);
    done();
  });
});

test('with faked timers and Date, callbacks still arrive and the fake time is used', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'setInterval', 'Date'], now: (iat + 100) * 1000 });
  const token = jwt.sign({}, secret, { expiresIn: 50 });
  assert.equal(jwt.decode(token).iat, iat + 100);
  const claims = await jwt.promises.verify(token, secret, HS256);
  assert.equal(claims.exp, iat + 150);
  t.mock.timers.tick(50 * 1000);
  await assert.rejects(jwt.promises.verify(token, secret, HS256), { name: 'TokenExpiredError' });
});

test('a NaN clockTolerance counts as none, as in jsonwebtoken, and never extends a token\'s life', () => {
  assert.throws(() => jwt.verify(hs({ exp: iat }), secret, { ...HS256, ...at(1), clockTolerance: NaN }),
    { name: 'TokenExpiredError' });
});

test('an infinite clockTimestamp is refused rather than compared', () => {
  assert.throws(() => jwt.verify(hs({ exp: iat + 10 }), secret, { ...HS256, clockTimestamp: -Infinity }),
    jwt.JsonWebTokenError);
});
