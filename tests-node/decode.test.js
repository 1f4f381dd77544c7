'use strict';
// jwt.decode: the unverified header and payload, as jsonwebtoken@9 gives them.
const test = require('node:test');
const assert = require('node:assert/strict');
const jsonwebtoken = require('jsonwebtoken');
const jwt = require('..');
const { secret } = require('./helpers');

const token = jsonwebtoken.sign({ a: 1, iat: 1 }, secret, { keyid: 'k' });

test('decode returns the payload without verifying it', () => {
  assert.deepEqual(jwt.decode(token), { a: 1, iat: 1 });
  assert.deepEqual(jwt.decode(jsonwebtoken.sign({ a: 1 }, 'another-secret', { noTimestamp: true })), { a: 1 });
});

test('decode with complete returns header, payload and signature as jsonwebtoken', () => {
  assert.deepEqual(jwt.decode(token, { complete: true }), jsonwebtoken.decode(token, { complete: true }));
});

test('decode returns the claims in the token\'s member order, as jsonwebtoken does', () => {
  const unordered = jsonwebtoken.sign({ z: 1, a: { y: 2, b: 3 } }, secret, { noTimestamp: true });
  assert.equal(JSON.stringify(jwt.decode(unordered)), JSON.stringify(jsonwebtoken.decode(unordered)));
});

test('decode accepts the json option', () => {
  assert.deepEqual(jwt.decode(token, { json: true }), { a: 1, iat: 1 });
});

for (const [what, input] of [['a non-JWT string', 'not a token'], ['an empty string', ''],
  ['undefined', undefined], ['null', null], ['a number', 42], ['two segments', 'a.b'],
  ['a header that is not JSON', 'e30x.e30.']]) {
  test(`decode returns null for ${what}`, () => {
    assert.equal(jwt.decode(input), null);
  });
}
