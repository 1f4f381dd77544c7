'use strict';
// The JavaScript faces of KeyStore and TokenSigner: promise, callback and sync
// forms, Date.now() as their clock, and errors as JsonWebTokenErrors with codes.
// (The key store and signer themselves are specified in tests-cpp and app-auth*.)
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');
const { keys, once } = require('./helpers');

const privatePem = keys.rsa2048.private_pkcs8_pem;
const publicPem = keys.rsa2048.public_spki_pem;
const store = new jwt.KeyStore().add('stores', publicPem);
const appToken = (claims, options) => jwt.sign({ appId: 'stores', ...claims }, privatePem,
  { algorithm: 'RS512', expiresIn: 300, ...options });

test('keyStore.verify resolves to the app ID and claims', async () => {
  const verified = await store.verify(appToken({ n: 1 }));
  assert.equal(verified.appId, 'stores');
  assert.equal(verified.claims.n, 1);
  assert.equal(verified.kid, jwt.Key.fromPem(publicPem).thumbprint());
});

test('keyStore.verify takes a callback', (t, done) => {
  store.verify(appToken(), {}, (error, verified) => {
    assert.equal(verified.appId, 'stores');
    done(error);
  });
});

test('keyStore.verifySync verifies on the calling thread', () => {
  assert.equal(store.verifySync(appToken()).appId, 'stores');
});

test('keyStore.verify reads the time with Date.now()', async (t) => {
  const token = appToken({ iat: 1000 }, { expiresIn: 60 });
  t.mock.method(Date, 'now', () => 1030 * 1000);
  assert.equal((await store.verify(token)).appId, 'stores');
  Date.now.mock.mockImplementation(() => 1060 * 1000);
  await assert.rejects(store.verify(token), { name: 'TokenExpiredError', code: 'token_expired' });
});

test('an unknown app is refused with code unknown_key', async () => {
  await assert.rejects(store.verify(appToken({ appId: 'admin' })),
    (error) => error instanceof jwt.JsonWebTokenError && error.code === 'unknown_key');
});

test('an app ID that is a path is refused with code invalid_app_id', () => {
  assert.throws(() => store.verifySync(appToken({ appId: '../etc/passwd' })), { code: 'invalid_app_id' });
});

test('keyStore.add takes any key form, and toJwks publishes the keys', () => {
  const other = new jwt.KeyStore().add('admin', keys.ec_p256.public_jwk).add('stores', jwt.Key.fromPem(publicPem));
  assert.deepEqual(other.appIds(), ['admin', 'stores']);
  assert.equal(other.toJwks().keys.length, 2);
});

test('an option inherited from the options object\'s prototype is read, as for...in sees it', () => {
  assert.deepEqual(store.toJwks(Object.create({ thumbprintKid: true })), store.toJwks({ thumbprintKid: true }));
  assert.notDeepEqual(store.toJwks({ thumbprintKid: true }), store.toJwks());
});

test('an option name that only starts with a known one is ignored', () => {
  assert.deepEqual(store.toJwks({ thumbprintKidWithAVeryLongSuffix: true }), store.toJwks());
});

test('tokenSigner.token resolves to a cached token until it is near expiry', async (t) => {
  t.mock.method(Date, 'now', () => 1000 * 1000);
  const signer = new jwt.TokenSigner('stores', privatePem, { ttl: '5m', refreshMargin: 30 });
  const first = await signer.token();
  assert.equal(await signer.token(), first);
  assert.equal(signer.expiresAt, 1300);
  Date.now.mock.mockImplementation(() => 1271 * 1000);
  assert.notEqual(await signer.token(), first);
});

test('tokenSigner tokens verify against the key store', async () => {
  const signer = new jwt.TokenSigner('stores', privatePem);
  const verified = await store.verify(signer.tokenSync());
  assert.equal(verified.appId, signer.appId);
  assert.equal(verified.claims.exp - verified.claims.iat, 300);
});

test('tokenSigner.refresh signs anew and takes a callback', (t, done) => {
  t.mock.method(Date, 'now', () => 1000 * 1000);
  const signer = new jwt.TokenSigner('stores', privatePem);
  signer.tokenSync();
  Date.now.mock.mockImplementation(() => 1001 * 1000);
  signer.refresh((error, token) => {
    assert.equal(jwt.decode(token).iat, 1001);
    done(error);
  });
});

test('a TokenSigner refuses a public key', () => {
  assert.throws(() => new jwt.TokenSigner('stores', publicPem), { code: 'key_error' });
});

test('app IDs are generated and validated by the core', () => {
  const appId = jwt.generateAppId();
  assert.match(appId, /^([a-z0-9]{4}-){6}[a-z0-9]{4}$/);
  assert.equal(jwt.isValidAppId(appId), true);
  assert.equal(jwt.isValidAppId('a/b'), false);
  assert.throws(() => jwt.validateAppId('..'), { code: 'invalid_app_id' });
});

test('keyStore.loadJwksUrl fetches a JWKS over HTTP off the main thread', async (t) => {
  const server = http.createServer((req, res) => {
    res.setHeader('Cache-Control', 'max-age=60');
    res.end(JSON.stringify(store.toJwks()));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const remote = await new jwt.KeyStore().loadJwksUrl(`http://127.0.0.1:${server.address().port}/jwks`);
  assert.equal((await remote.verify(appToken())).appId, 'stores');
});

test('keyStore.loadJwksUrl rejects when the URL cannot be fetched', async () => {
  await assert.rejects(new jwt.KeyStore().loadJwksUrl('http://127.0.0.1:1/jwks', { timeoutMs: 2000 }),
    { code: 'io_error' });
});

test('generateKeyPair writes the app\'s key files on the thread pool', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-keys-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = await jwt.generateKeyPair(dir, { appId: 'stores', algorithm: 'ES256' });
  assert.equal(files.privateKey, jwt.privateKeyPath(dir, 'stores'));
  assert.equal(fs.statSync(files.privateKey).mode & 0o777, 0o600);
  const signed = jwt.sign({ appId: 'stores' }, jwt.loadKeyFile(files.privateKey), { algorithm: 'ES256', expiresIn: 60 });
  assert.equal((await jwt.KeyStore.fromDirectory(dir).verify(signed)).appId, 'stores');
});
