'use strict';
// Which OpenSSL the addon runs on: its own static copy of the system's OpenSSL 3,
// with local symbols, never node's bundled copy (README "Node.js": OpenSSL).
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
