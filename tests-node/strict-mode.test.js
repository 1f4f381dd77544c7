'use strict';
// The package works under node --use_strict, running the seed's code unchanged.
const { spawnSync } = require('child_process');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');

const seed = `
const jwt = require(${JSON.stringify(path.join(__dirname, '..'))});
const crypto = require('crypto');
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
const appId = 'stores';
const token = jwt.sign({ appId }, privatePem, { algorithm: 'RS512', expiresIn: 300 });
console.log(jwt.verify(token, publicPem, { algorithms: ['RS512'] }).appId);
`;

test('the seed code runs under --use_strict', () => {
  const result = spawnSync(process.execPath, ['--use_strict', '-e', seed], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'stores');
});
