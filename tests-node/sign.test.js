'use strict';
// jwt.sign: jsonwebtoken@9's options, validations and messages, in its sync,
// callback and promise forms.
const test = require('node:test');
const assert = require('node:assert/strict');
const jsonwebtoken = require('jsonwebtoken');
const jwt = require('..');
const { secret, keys, signingKey, verifyingKey, thrown } = require('./helpers');

const rsaPrivate = keys.rsa2048.private_pkcs8_pem;
const rsaPublic = keys.rsa2048.public_spki_pem;
const now = Math.floor(Date.now() / 1000);
const claimsOf = (token) => jwt.decode(token);

const signError = (...args) => thrown(() => jwt.sign(...args));
const jsonwebtokenError = (...args) => thrown(() => jsonwebtoken.sign(...args));

test('the seed code signs an RS512 app token that expires in 300 s', () => {
  const token = jwt.sign({ appId: 'stores' }, rsaPrivate, { algorithm: 'RS512', expiresIn: 300 });
  const { header, payload } = jwt.decode(token, { complete: true });
  assert.deepEqual(header, { alg: 'RS512', typ: 'JWT' });
  assert.equal(payload.appId, 'stores');
  assert.equal(payload.exp - payload.iat, 300);
});

test('the default algorithm is HS256, as in jsonwebtoken', () => {
  assert.equal(jwt.decode(jwt.sign({}, secret), { complete: true }).header.alg, 'HS256');
});

test('iat is the current time read with Date.now()', (t) => {
  t.mock.method(Date, 'now', () => 1234567890123);
  assert.equal(claimsOf(jwt.sign({}, secret)).iat, 1234567890);
});

test('a payload iat is kept and is the base of exp', () => {
  const claims = claimsOf(jwt.sign({ iat: 1000 }, secret, { expiresIn: 60 }));
  assert.deepEqual(claims, { iat: 1000, exp: 1060 });
});

test('noTimestamp leaves iat out', () => {
  assert.equal(claimsOf(jwt.sign({ a: 1 }, secret, { noTimestamp: true })).iat, undefined);
});

for (const [expiresIn, seconds] of [[300, 300], ['300', 0], ['5m', 300], ['2h', 7200], ['7d', 604800],
  ['2 days', 172800], [-1, -1]]) {
  test(`expiresIn ${JSON.stringify(expiresIn)} sets exp as jsonwebtoken does`, () => {
    const options = { expiresIn, noTimestamp: false };
    const mine = claimsOf(jwt.sign({ iat: now }, secret, options));
    const theirs = jsonwebtoken.decode(jsonwebtoken.sign({ iat: now }, secret, options));
    assert.equal(mine.exp, theirs.exp);
    if (typeof expiresIn === 'number' || expiresIn !== '300') assert.equal(mine.exp - now, seconds);
  });
}

test('notBefore sets nbf relative to iat', () => {
  assert.equal(claimsOf(jwt.sign({ iat: 1000 }, secret, { notBefore: '1m' })).nbf, 1060);
});

test('audience, issuer, subject and jwtid become aud, iss, sub and jti', () => {
  const claims = claimsOf(jwt.sign({}, secret, {
    audience: ['a', 'b'], issuer: 'iss', subject: 'sub', jwtid: 'id-1',
  }));
  assert.deepEqual([claims.aud, claims.iss, claims.sub, claims.jti], [['a', 'b'], 'iss', 'sub', 'id-1']);
});

test('keyid and header go into the JOSE header', () => {
  const { header } = jwt.decode(jwt.sign({}, secret, { keyid: 'k1', header: { cty: 'x' } }), { complete: true });
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT', kid: 'k1', cty: 'x' });
});

test('the payload object is not mutated by default', () => {
  const payload = { a: 1 };
  jwt.sign(payload, secret, { expiresIn: 60 });
  assert.deepEqual(payload, { a: 1 });
});

test('mutatePayload gives the caller the claims signed', () => {
  const payload = { a: 1 };
  const token = jwt.sign(payload, secret, { expiresIn: 60, mutatePayload: true });
  assert.deepEqual(payload, jwt.decode(token));
});

test('the options object is never mutated', () => {
  const options = Object.freeze({ algorithm: 'HS384', expiresIn: '1h', audience: Object.freeze(['x']) });
  jwt.sign({}, secret, options);
});

test('a string payload is signed as is, without typ', () => {
  const token = jwt.sign('hello', secret);
  assert.equal(Buffer.from(token.split('.')[1], 'base64url').toString(), 'hello');
  assert.equal(jwt.decode(token, { complete: true }), null);
  assert.equal(token, jsonwebtoken.sign('hello', secret));
});

test('a Buffer payload is signed as is', () => {
  const token = jwt.sign(Buffer.from('{"a":1}'), secret);
  assert.equal(token, jsonwebtoken.sign(Buffer.from('{"a":1}'), secret));
  assert.deepEqual(jwt.verify(token, secret, { algorithms: ['HS256'] }), { a: 1 });
});

// Same header and claims; the JSON member order is the core's (sorted).
test('a token carries the header and claims jsonwebtoken would sign', () => {
  const options = { expiresIn: 60, audience: 'x', keyid: 'k', notBefore: 5, issuer: 'i' };
  const mine = jwt.decode(jwt.sign({ iat: now, a: [1, 'b'] }, secret, options), { complete: true });
  const theirs = jsonwebtoken.decode(jsonwebtoken.sign({ iat: now, a: [1, 'b'] }, secret, options),
    { complete: true });
  assert.deepEqual([mine.header, mine.payload], [theirs.header, theirs.payload]);
});

// Every validation jsonwebtoken makes, with its exact message.
const invalidCalls = {
  'a missing key': [{}, undefined],
  'an empty key': [{}, ''],
  'an undefined payload': [undefined, secret],
  'a null payload': [null, secret],
  'an array payload': [[1], secret],
  'a string exp in the payload': [{ exp: 'soon' }, secret],
  'a string iat in the payload': [{ iat: 'now' }, secret],
  'a string nbf in the payload': [{ nbf: 'x' }, secret],
  'expiresIn with a payload exp': [{ exp: 1 }, secret, { expiresIn: 10 }],
  'notBefore with a payload nbf': [{ nbf: 1 }, secret, { notBefore: 10 }],
  'audience with a payload aud': [{ aud: 'x' }, secret, { audience: 'y' }],
  'issuer with a payload iss': [{ iss: 'x' }, secret, { issuer: 'y' }],
  'subject with a payload sub': [{ sub: 'x' }, secret, { subject: 'y' }],
  'jwtid with a payload jti': [{ jti: 'x' }, secret, { jwtid: 'y' }],
  'expiresIn with a string payload': ['text', secret, { expiresIn: 10 }],
  'noTimestamp and audience with a Buffer payload': [Buffer.from('x'), secret, { noTimestamp: true, audience: 'a' }],
  'an unknown option': [{}, secret, { expiresin: 10 }],
  'a fractional expiresIn': [{}, secret, { expiresIn: 1.5 }],
  'an empty expiresIn string': [{}, secret, { expiresIn: '' }],
  'an unparsable expiresIn': [{}, secret, { expiresIn: 'soon' }],
  'an unparsable notBefore': [{}, secret, { notBefore: 'later' }],
  'an object audience': [{}, secret, { audience: { a: 1 } }],
  'an unknown algorithm': [{}, secret, { algorithm: 'HS257' }],
  'a non-object header': [{}, secret, { header: 'x' }],
  'a numeric issuer': [{}, secret, { issuer: 1 }],
  'a numeric subject': [{}, secret, { subject: 1 }],
  'a numeric jwtid': [{}, secret, { jwtid: 1 }],
  'a numeric keyid': [{}, secret, { keyid: 1 }],
  'a string noTimestamp': [{}, secret, { noTimestamp: 'yes' }],
  'a string mutatePayload': [{}, secret, { mutatePayload: 'yes' }],
  'a numeric encoding': [{}, secret, { encoding: 1 }],
  'a string allowInsecureKeySizes': [{}, secret, { allowInsecureKeySizes: 'yes' }],
  'an RSA key for HS256': [{}, rsaPrivate, { algorithm: 'HS256' }],
  'a secret for RS256': [{}, secret, { algorithm: 'RS256' }],
  'a public key for RS256': [{}, rsaPublic, { algorithm: 'RS256' }],
  'an RSA key for ES256': [{}, rsaPrivate, { algorithm: 'ES256' }],
  'a P-384 key for ES256': [{}, keys.ec_p384.private_pkcs8_pem, { algorithm: 'ES256' }],
  'an EC key for RS256': [{}, keys.ec_p256.private_pkcs8_pem, { algorithm: 'RS256' }],
  'a 1024-bit RSA key': [{}, keys.rsa1024.private_pkcs8_pem, { algorithm: 'RS256' }],
};

for (const [what, args] of Object.entries(invalidCalls)) {
  test(`sign refuses ${what} with jsonwebtoken's message`, () => {
    const error = signError(...args);
    assert.equal(error.message, jsonwebtokenError(...args).message);
    assert.equal(error.name, 'Error');
  });
}

test('sign refuses an unsecured token (alg none), which jsonwebtoken would make', () => {
  assert.throws(() => jwt.sign({}, secret, { algorithm: 'none' }), /"algorithm" must be a valid string enum value/);
});

test('a key that is neither PEM nor a usable secret is not valid key material', () => {
  assert.throws(() => jwt.sign({}, '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n',
    { algorithm: 'RS256' }), { message: 'secretOrPrivateKey is not valid key material' });
});

test('allowInsecureKeySizes signs with a 1024-bit RSA key', () => {
  const token = jwt.sign({}, keys.rsa1024.private_pkcs8_pem, { algorithm: 'RS256', allowInsecureKeySizes: true });
  assert.ok(jsonwebtoken.verify(token, keys.rsa1024.public_spki_pem, { algorithms: ['RS256'] }));
});

test('a sign validation error goes to the callback, synchronously, as in jsonwebtoken', () => {
  let received;
  const returned = jwt.sign({ exp: 'x' }, secret, (error) => { received = error; });
  assert.equal(returned, undefined);
  assert.equal(received.message, '"exp" should be a number of seconds');
});

test('the callback form passes the token asynchronously', (t, done) => {
  let returned = false;
  jwt.sign({ a: 1 }, rsaPrivate, { algorithm: 'RS256' }, (error, token) => {
    assert.equal(error, null);
    assert.ok(returned);
    assert.equal(jsonwebtoken.verify(token, rsaPublic).a, 1);
    done();
  });
  returned = true;
});

test('the callback form accepts the callback in place of options', (t, done) => {
  jwt.sign({ a: 1 }, secret, (error, token) => {
    assert.equal(jwt.verify(token, secret, { algorithms: ['HS256'] }).a, 1);
    done(error);
  });
});

test('promises.sign resolves to the token', async () => {
  const token = await jwt.promises.sign({ a: 1 }, signingKey('ES256'), { algorithm: 'ES256' });
  assert.equal(jwt.verify(token, verifyingKey('ES256'), { algorithms: ['ES256'] }).a, 1);
});

test('signAsync rejects with the error sign would throw', async () => {
  await assert.rejects(jwt.signAsync({}, secret, { algorithm: 'RS256' }),
    { message: 'secretOrPrivateKey must be an asymmetric key when using RS256' });
});

test('mutatePayload also applies to the callback form', (t, done) => {
  const payload = { a: 1 };
  jwt.sign(payload, secret, { mutatePayload: true, expiresIn: 5 }, (error) => {
    assert.equal(payload.exp - payload.iat, 5);
    done(error);
  });
});
