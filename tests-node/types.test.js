'use strict';
// index.d.ts (and appjwt/express's types) compile with tsc --strict, and the
// drop-in functions and classes are assignable to @types/jsonwebtoken's.
const { spawnSync } = require('child_process');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');

test('the type declarations are a drop-in for @types/jsonwebtoken and cover the API', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'types', 'tsconfig.json')],
    { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
