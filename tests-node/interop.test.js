'use strict';
// Interoperability: for every algorithm, tokens from jsonwebtoken and jose verify
// in appjwt, and appjwt's tokens verify in both.
const crypto = require('crypto');
const test = require('node:test');
const assert = require('node:assert/strict');
const jsonwebtoken = require('jsonwebtoken');
const jwt = require('..');
const { ALL_ALGS, jsonwebtokenAlgs, signingKey, verifyingKey, secret } = require('./helpers');

const claims = { appId: 'stores', scope: 'users:read' };
const joseKey = (alg, pem, type) => {
  if (alg.startsWith('HS')) return Buffer.from(secret);
  return type === 'private' ? crypto.createPrivateKey(pem) : crypto.createPublicKey(pem);
};

for (const alg of jsonwebtokenAlgs) {
  test(`${alg}: a jsonwebtoken token verifies in appjwt`, () => {
    const token = jsonwebtoken.sign(claims, signingKey(alg), { algorithm: alg, expiresIn: 60 });
    assert.equal(jwt.verify(token, verifyingKey(alg), { algorithms: [alg] }).appId, 'stores');
  });

  test(`${alg}: an appjwt token verifies in jsonwebtoken`, () => {
    const token = jwt.sign(claims, signingKey(alg), { algorithm: alg, expiresIn: 60 });
    assert.equal(jsonwebtoken.verify(token, verifyingKey(alg), { algorithms: [alg] }).appId, 'stores');
  });
}

for (const alg of ALL_ALGS) {
  test(`${alg}: a jose token verifies in appjwt`, async () => {
    const jose = await import('jose');
    const token = await new jose.SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('1m')
      .sign(joseKey(alg, signingKey(alg), 'private'));
    assert.equal((await jwt.promises.verify(token, verifyingKey(alg), { algorithms: [alg] })).appId, 'stores');
  });

  test(`${alg}: an appjwt token verifies in jose`, async () => {
    const jose = await import('jose');
    const token = await jwt.promises.sign(claims, signingKey(alg), { algorithm: alg, expiresIn: 60 });
    const { payload, protectedHeader } = await jose.jwtVerify(token, joseKey(alg, verifyingKey(alg), 'public'),
      { algorithms: [alg] });
    assert.equal(protectedHeader.alg, alg);
    assert.equal(payload.appId, 'stores');
  });
}
