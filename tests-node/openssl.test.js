'use strict';
// Which OpenSSL the addon runs on: its own static copy of the system's OpenSSL 3,
// with local symbols, never node's bundled copy (README "Node.js": OpenSSL).
const { spawnSync } = require('child_process');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');

test('the core runs on the addon\'s own OpenSSL, not the one node exports', () => {
  assert.equal(jwt.opensslInfo().privateCopy, true);
});

test('the addon\'s OpenSSL is OpenSSL 3, the version its headers declared', () => {
  const { version, headers } = jwt.opensslInfo();
  assert.match(version, /^OpenSSL 3\./);
  assert.equal(version, headers);
});

test('the addon\'s OpenSSL is the system build, configured for the system\'s OPENSSLDIR', () => {
  // Debian's libcrypto says /usr/lib/ssl; node's bundled copy another directory.
  assert.match(jwt.opensslInfo().directory, /^OPENSSLDIR: "\/usr\/lib\/ssl"$/);
});

// The link-time side of the same decision, read from the addon's dynamic symbols.
const opensslSymbol = /^(EVP|OSSL|OPENSSL|OpenSSL|BIO|PEM|X509|RSA|EC|BN|ERR|CRYPTO|SSL)_/;
function dynamicSymbols(which) {
  const addon = path.join(__dirname, '..', 'build-node', 'Release', 'appjwt.node');
  const nm = spawnSync('nm', ['-D', which, addon], { encoding: 'utf8' });
  assert.equal(nm.status, 0, nm.stderr);
  return nm.stdout.split('\n').map((line) => line.trim().split(/\s+/).pop()).filter(Boolean);
}

test('the addon leaves no OpenSSL function for the dynamic linker to bind', () => {
  assert.deepEqual(dynamicSymbols('--undefined-only').filter((name) => opensslSymbol.test(name)), []);
});

test('the addon exports none of its OpenSSL functions to the process', () => {
  assert.deepEqual(dynamicSymbols('--defined-only').filter((name) => opensslSymbol.test(name)), []);
});
