'use strict';
// The Express middleware over real HTTP on loopback: a valid token reaches the
// route with its claims; a missing, expired, tampered or wrong-key token gets a
// 401 JSON body; a token without a route's required scope gets a 403.
const test = require('node:test');
const assert = require('node:assert/strict');
const express = require('express');
const jwt = require('..');
const auth = require('appjwt/express');
const { keys, tamper, once } = require('./helpers');

const storesKey = jwt.Key.fromPem(keys.rsa2048.private_pkcs8_pem);
const otherKey = jwt.Key.generate('RS512', 2048);
const appToken = (claims = {}, key = storesKey, options = { expiresIn: 300 }) =>
  jwt.sign({ appId: 'stores', ...claims }, key, { algorithm: 'RS512', ...options });

const keyStore = new jwt.KeyStore();
keyStore.add('stores', storesKey.publicKey());
keyStore.setScopes('stores', ['users:read']);

async function startServer(t) {
  const app = express();
  app.get('/with-key', auth({ secret: storesKey.publicPem(), algorithms: ['RS512'] }),
    (req, res) => res.json(req.auth));
  app.get('/users', auth({ keyStore }), (req, res) => res.json(req.auth));
  app.get('/admin', auth({ keyStore, requiredScopes: ['users:admin'] }), (req, res) => res.json(req.auth));
  app.get('/bearer', auth({ keyStore, getToken: (req) => req.query.token }), (req, res) => res.json(req.auth));
  app.get('/optional', auth({ keyStore, credentialsRequired: false }), (req, res) => res.json({ auth: req.auth ?? null }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  return async (path, headers = {}) => {
    const response = await fetch(base + path, { headers });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
}

test('a valid x-token reaches the route with its claims', async (t) => {
  const get = await startServer(t);
  const { status, body } = await get('/with-key', { 'x-token': appToken({ role: 'x' }) });
  assert.equal(status, 200);
  assert.equal(body.appId, 'stores');
  assert.equal(body.role, 'x');
});

test('with a key store, req.auth holds the app ID, claims and scopes', async (t) => {
  const get = await startServer(t);
  const { status, body } = await get('/users', { 'x-token': appToken() });
  assert.equal(status, 200);
  assert.equal(body.appId, 'stores');
  assert.equal(body.claims.appId, 'stores');
  assert.deepEqual(body.scopes, ['users:read']);
});

test('Authorization: Bearer is read when there is no x-token', async (t) => {
  const get = await startServer(t);
  assert.equal((await get('/users', { authorization: `Bearer ${appToken()}` })).status, 200);
});

test('a custom getToken reads the token where the app keeps it', async (t) => {
  const get = await startServer(t);
  assert.equal((await get(`/bearer?token=${appToken()}`)).status, 200);
});

const refusals = {
  'a missing token': () => ({}),
  'an expired token': () => ({ 'x-token': appToken({}, storesKey, { expiresIn: -10 }) }),
  'a tampered token': () => ({ 'x-token': tamper(appToken()) }),
  'a token signed with another key': () => ({ 'x-token': appToken({}, otherKey) }),
  'a token that is not a JWT': () => ({ 'x-token': 'garbage' }),
};
const cases = [
  ...Object.entries(refusals).flatMap(([what, headers]) => ['/with-key', '/users'].map((path) => [path, what, headers])),
  ['/users', 'a token of an unknown app', () => ({ 'x-token': appToken({ appId: 'nobody' }) })],
  ['/users', 'a token whose app ID is a path', () => ({ 'x-token': appToken({ appId: '../../etc/passwd' }) })],
];
for (const [path, what, headers] of cases) {
  test(`${path}: ${what} gets a 401 invalid_token JSON body`, async (t) => {
    const get = await startServer(t);
    const { status, body, headers: responseHeaders } = await get(path, headers());
    assert.equal(status, 401);
    assert.equal(body.error, 'invalid_token');
    assert.equal(typeof body.message, 'string');
    assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
    assert.match(responseHeaders.get('www-authenticate'), /^Bearer error="invalid_token"/);
  });
}

test('an expired token\'s 401 says the token expired', async (t) => {
  const get = await startServer(t);
  const { body } = await get('/users', { 'x-token': appToken({}, storesKey, { expiresIn: -10 }) });
  assert.equal(body.message, 'jwt expired');
});

test('a token without the route\'s required scope gets a 403', async (t) => {
  const get = await startServer(t);
  const { status, body } = await get('/admin', { 'x-token': appToken() });
  assert.equal(status, 403);
  assert.equal(body.error, 'insufficient_scope');
});

test('a token granted the required scope reaches the route', async (t) => {
  keyStore.setScopes('stores', ['users:read', 'users:admin']);
  t.after(() => keyStore.setScopes('stores', ['users:read']));
  const get = await startServer(t);
  assert.equal((await get('/admin', { 'x-token': appToken() })).status, 200);
});

test('a token claiming a scope its app does not hold gets a 403', async (t) => {
  const get = await startServer(t);
  assert.equal((await get('/users', { 'x-token': appToken({ scope: 'users:admin' }) })).status, 403);
});

test('with credentialsRequired false a request without a token passes unauthenticated', async (t) => {
  const get = await startServer(t);
  const { status, body } = await get('/optional');
  assert.equal(status, 200);
  assert.equal(body.auth, null);
});

test('the middleware refuses to be set up without algorithms for a plain key', () => {
  assert.throws(() => auth({ secret: storesKey.publicPem() }), /algorithms is required/);
});

test('the middleware refuses to be set up without a key or key store', () => {
  assert.throws(() => auth({ algorithms: ['RS512'] }), /keyStore or options.secret is required/);
});
