'use strict';
// Application authentication through the Node API: a KeyStore on a keys
// directory (loading, rotation by kid, reload while verifications are in
// flight, hostile app IDs, scopes) and TokenSigner caching with faked time.
const fs = require('fs');
const os = require('os');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');

const keys = {
  stores: jwt.generateKey('RS512', 2048),
  admin: jwt.generateKey('RS512', 2048),
  next: jwt.generateKey('RS512', 2048),
};

function keysDirectory() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-store-'));
  test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'stores_public.pem'), keys.stores.publicPem());
  fs.writeFileSync(path.join(dir, 'admin_public.pem'), keys.admin.publicPem());
  return dir;
}

const tokenFor = (appId, key, options = {}) => jwt.sign({ appId, ...options.claims }, key,
  { algorithm: 'RS512', expiresIn: 300, ...(options.kid ? { keyid: options.kid } : {}) });

async function refusal(store, token, options) {
  try {
    await store.verify(token, options);
  } catch (error) {
    return error.code;
  }
  return assert.fail('verified');
}

test('a store from a keys directory verifies each app with its own key', async () => {
  const store = jwt.KeyStore.fromDirectory(keysDirectory());
  assert.deepEqual(store.appIds(), ['admin', 'stores']);
  assert.equal((await store.verify(tokenFor('stores', keys.stores))).appId, 'stores');
  assert.equal(await refusal(store, tokenFor('stores', keys.admin)), 'invalid_signature');
});

test('an unknown app is refused as unknown_key', async () => {
  const store = jwt.KeyStore.fromDirectory(keysDirectory());
  assert.equal(await refusal(store, tokenFor('billing', keys.next)), 'unknown_key');
});

for (const appId of ['../../etc/passwd', '/etc/passwd', 'a/b', '', 'x'.repeat(129), '%2e%2e', 'a\u0000b', 'a\nb']) {
  test(`the app ID ${JSON.stringify(appId.slice(0, 20))} is refused before any lookup`, async () => {
    const store = jwt.KeyStore.fromDirectory(keysDirectory());
    assert.equal(await refusal(store, tokenFor(appId, keys.stores)), 'invalid_app_id');
  });
}

const rotating = () => new jwt.KeyStore().add('stores', keys.stores, { kid: 'old' })
  .add('stores', keys.next, { kid: 'new' });

test('rotation: the token kid picks the key that verifies it', async () => {
  assert.equal((await rotating().verify(tokenFor('stores', keys.next, { kid: 'new' }))).kid, 'new');
  assert.equal(await refusal(rotating(), tokenFor('stores', keys.stores, { kid: 'new' })), 'invalid_signature');
});

test('rotation: a token without kid is tried against each of the app keys', async () => {
  assert.equal((await rotating().verify(tokenFor('stores', keys.stores))).kid, 'old');
});

test('rotation: a kid the app does not have is unknown_key', async () => {
  assert.equal(await refusal(rotating(), tokenFor('stores', keys.stores, { kid: 'gone' })), 'unknown_key');
});

test('reload picks up changed key files while verifications are in flight', async () => {
  const dir = keysDirectory();
  const store = jwt.KeyStore.fromDirectory(dir);
  const adminToken = tokenFor('admin', keys.admin);
  const inFlight = Array.from({ length: 50 }, () => store.verify(adminToken));
  fs.writeFileSync(path.join(dir, 'stores_public.pem'), keys.next.publicPem());
  store.reload();
  const results = await Promise.all(inFlight);
  assert.ok(results.every((verified) => verified.appId === 'admin'));
  assert.equal((await store.verify(tokenFor('stores', keys.next))).appId, 'stores');
  assert.equal(await refusal(store, tokenFor('stores', keys.stores)), 'invalid_signature');
});

const withScopes = () => jwt.KeyStore.fromDirectory(keysDirectory()).setScopes('admin', ['users:read', 'users:admin']);

test('scopes: a token without a scope claim holds its app scopes', async () => {
  assert.deepEqual((await withScopes().verify(tokenFor('admin', keys.admin))).scopes, ['users:read', 'users:admin']);
});

test('scopes: a token narrowed by its scope claim lacks the others', async () => {
  const narrowed = tokenFor('admin', keys.admin, { claims: { scope: 'users:read' } });
  assert.equal(await refusal(withScopes(), narrowed, { requiredScopes: ['users:admin'] }), 'insufficient_scope');
});

test('scopes: a token claiming a scope its app lacks is refused', async () => {
  const widened = tokenFor('stores', keys.stores, { claims: { scope: 'users:admin' } });
  assert.equal(await refusal(withScopes(), widened), 'insufficient_scope');
});

test('a TokenSigner reuses its token until the refresh margin, then signs anew', async (t) => {
  let now = 1_700_000_000_000;
  t.mock.method(Date, 'now', () => now);
  const signer = new jwt.TokenSigner('stores', keys.stores, { ttl: 300, refreshMargin: 30 });
  const first = await signer.token();
  now += 269_000;
  assert.equal(await signer.token(), first);
  now += 1_000;
  const second = await signer.token();
  assert.notEqual(second, first);
  assert.equal(jwt.decode(second).iat, 1_700_000_270);
});

test('the verified-token cache is off unless a size is given', async () => {
  const store = jwt.KeyStore.fromDirectory(keysDirectory());
  await store.verify(tokenFor('stores', keys.stores));
  assert.equal(store.cachedTokenCount, 0);
});

test('with verifiedTokenCacheSize a verified token is remembered once, however often it comes', async () => {
  const store = jwt.KeyStore.fromDirectory(keysDirectory(), { verifiedTokenCacheSize: 10 });
  const token = tokenFor('stores', keys.stores);
  for (let i = 0; i < 3; i += 1) assert.equal(store.verifySync(token).appId, 'stores');
  assert.equal(store.cachedTokenCount, 1);
});

test('a cached token stops verifying once its app is removed from the store', async () => {
  const store = new jwt.KeyStore({ verifiedTokenCacheSize: 10 }).add('stores', keys.stores);
  const token = tokenFor('stores', keys.stores);
  store.verifySync(token);
  store.remove('stores');
  assert.equal(store.cachedTokenCount, 0);
  assert.equal(await refusal(store, token), 'unknown_key');
});

test('a cached token still meets each call\'s own options', async () => {
  const store = new jwt.KeyStore({ verifiedTokenCacheSize: 10 }).add('stores', keys.stores);
  const token = tokenFor('stores', keys.stores, { claims: { aud: 'orders-api' } });
  store.verifySync(token, { audience: 'orders-api' });
  assert.equal(await refusal(store, token, { audience: 'billing-api' }), 'audience_mismatch');
});

test('verifiedTokenCacheSize must be a non-negative integer', () => {
  assert.throws(() => new jwt.KeyStore({ verifiedTokenCacheSize: -1 }), RangeError);
  assert.throws(() => new jwt.KeyStore({ verifiedTokenCacheSize: 'many' }), TypeError);
});
