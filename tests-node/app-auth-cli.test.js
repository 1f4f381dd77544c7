'use strict';
// The `appjwt` command for npm users (bindings-node/lib/cli.js, package.json "bin"):
// keygen, jwks, sign, verify, inspect, run as a user runs them.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');

const packageJson = require('../package.json');
const cli = path.join(__dirname, '..', packageJson.bin.appjwt);

function appjwt(args, input) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-cli-'));
  test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// A directory with an RSA-2048 key pair for "stores".
function keysForStores() {
  const dir = scratch();
  assert.equal(appjwt(['keygen', '--app-id', 'stores', '--bits', '2048', '--out', dir]).status, 0);
  return dir;
}

const oneLine = (text) => text.trim() !== '' && !text.trim().includes('\n');

test('keygen writes both key files and prints the app ID', () => {
  const dir = scratch();
  const result = appjwt(['keygen', '--app-id', 'stores', '--bits', '2048', '--out', dir]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, 'stores\n');
  assert.equal(jwt.loadKeyFile(path.join(dir, 'stores_private.pem')).isPrivate, true);
  assert.equal(jwt.loadKeyFile(path.join(dir, 'stores_public.pem')).isPrivate, false);
});

test('keygen makes the private key file readable by its owner only', () => {
  const dir = keysForStores();
  assert.equal(fs.statSync(path.join(dir, 'stores_private.pem')).mode & 0o777, 0o600);
});

test('keygen generates an app ID when none is given', () => {
  const dir = scratch();
  const result = appjwt(['keygen', '--alg', 'ES256', '--out', dir]);
  const appId = result.stdout.trim();
  assert.match(appId, /^[a-z0-9]{4}(-[a-z0-9]{4}){6}$/);
  assert.ok(fs.existsSync(path.join(dir, `${appId}_public.pem`)));
});

test('keygen refuses to overwrite an existing key and keeps it', () => {
  const dir = keysForStores();
  const before = fs.readFileSync(path.join(dir, 'stores_private.pem'), 'utf8');
  const result = appjwt(['keygen', '--app-id', 'stores', '--bits', '2048', '--out', dir]);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.ok(oneLine(result.stderr) && result.stderr.includes('already exists'), result.stderr);
  assert.equal(fs.readFileSync(path.join(dir, 'stores_private.pem'), 'utf8'), before);
});

for (const appId of ['../../etc/passwd', '/etc/passwd', 'a/b', '', 'x'.repeat(129), '%2e%2e']) {
  test(`keygen refuses the app ID ${JSON.stringify(appId.slice(0, 20))} and writes nothing`, () => {
    const dir = scratch();
    const out = path.join(dir, 'keys');
    const result = appjwt(['keygen', '--app-id', appId, '--out', out]);
    assert.equal(result.status, 1);
    assert.ok(oneLine(result.stderr) && result.stderr.includes('invalid_app_id'), result.stderr);
    assert.ok(!fs.existsSync(out) || fs.readdirSync(out).length === 0);
  });
}

test('keygen refuses an HMAC algorithm', () => {
  const result = appjwt(['keygen', '--alg', 'HS256', '--out', scratch()]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /asymmetric/);
});

test('keygen without --out is a usage error', () => {
  const result = appjwt(['keygen']);
  assert.equal(result.status, 2);
  assert.ok(oneLine(result.stderr), result.stderr);
});

test('an unknown command is a usage error', () => {
  assert.equal(appjwt(['frobnicate']).status, 2);
});

test('jwks prints the public keys with app IDs as kids', () => {
  const result = appjwt(['jwks', keysForStores()]);
  const { keys } = JSON.parse(result.stdout);
  assert.equal(result.status, 0);
  assert.deepEqual(keys.map((key) => key.kid), ['stores']);
  assert.equal(keys[0].alg, 'RS512');
  assert.equal(keys[0].d, undefined);
});

test('jwks uses RFC 7638 thumbprints as kids when asked', () => {
  const dir = keysForStores();
  const [key] = JSON.parse(appjwt(['jwks', dir, '--thumbprint-kid']).stdout).keys;
  assert.equal(key.kid, jwt.loadKeyFile(path.join(dir, 'stores_public.pem')).thumbprint());
  assert.equal(key.appId, 'stores');
});

test('sign then verify round-trips an application token', () => {
  const dir = keysForStores();
  const token = appjwt(['sign', '--key', path.join(dir, 'stores_private.pem')]).stdout.trim();
  const result = appjwt(['verify', token, '--keys', dir]);
  const verified = JSON.parse(result.stdout);
  assert.equal(result.status, 0);
  assert.equal(verified.appId, 'stores');
  assert.equal(verified.claims.exp - verified.claims.iat, 300);
});

test('sign needs --app-id for a key file not named <appId>_private.pem', () => {
  const dir = keysForStores();
  fs.renameSync(path.join(dir, 'stores_private.pem'), path.join(dir, 'key.pem'));
  const result = appjwt(['sign', '--key', path.join(dir, 'key.pem')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--app-id/);
});

test('sign with an unreadable key file is a one-line error', () => {
  const result = appjwt(['sign', '--key', path.join(scratch(), 'stores_private.pem')]);
  assert.equal(result.status, 1);
  assert.ok(oneLine(result.stderr) && result.stderr.includes('cannot read'), result.stderr);
});

test('verify refuses a token whose app lacks a required scope', () => {
  const dir = keysForStores();
  const token = appjwt(['sign', '--key', path.join(dir, 'stores_private.pem')]).stdout.trim();
  const result = appjwt(['verify', token, '--keys', dir, '--scope', 'users:admin']);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /insufficient_scope/);
});

test('verify refuses a token of an app that is not in the keys', () => {
  const dir = keysForStores();
  const other = scratch();
  appjwt(['keygen', '--app-id', 'intruder', '--alg', 'ES256', '--out', other]);
  const token = appjwt(['sign', '--key', path.join(other, 'intruder_private.pem'), '--alg', 'ES256']).stdout.trim();
  const result = appjwt(['verify', token, '--keys', dir]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /unknown_key/);
});

test('verify reads the token from stdin', () => {
  const dir = keysForStores();
  const token = appjwt(['sign', '--key', path.join(dir, 'stores_private.pem')]).stdout;
  assert.equal(appjwt(['verify', '-', '--keys', dir], token).status, 0);
});

test('inspect labels what it shows as unverified', () => {
  const dir = keysForStores();
  const token = appjwt(['sign', '--key', path.join(dir, 'stores_private.pem')]).stdout.trim();
  const result = appjwt(['inspect', token]);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^UNVERIFIED/);
  assert.match(result.stdout, /"appId": "stores"/);
});

test('inspect of something that is not a token is a one-line error', () => {
  const result = appjwt(['inspect', 'not-a-token']);
  assert.equal(result.status, 1);
  assert.ok(oneLine(result.stderr), result.stderr);
});
