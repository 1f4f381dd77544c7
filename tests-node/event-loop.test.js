'use strict';
// The async forms run the crypto on the libuv thread pool: while 500 RS512
// signs are in flight, a 1 ms interval keeps firing on the main thread.
// (Verifies are too quick for a timer to tell; they take the same path.)
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');
const { keys } = require('./helpers');

const privateKey = keys.rsa2048.private_pkcs8_pem;

async function ticksDuring(work) {
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

test('the event loop keeps turning while 500 async RS512 signs run', async () => {
  const signs = 500;
  let tokens;
  const ticks = await ticksDuring(async () => {
    tokens = await Promise.all(Array.from({ length: signs },
      (unused, i) => jwt.promises.sign({ appId: 'stores', i }, privateKey, { algorithm: 'RS512' })));
  });
  assert.equal(new Set(tokens).size, signs);
  // Signing 500 RS512 tokens on the main thread would let the timer fire at most
  // a handful of times; on the pool it fires throughout.
  assert.ok(ticks >= 10, `the 1 ms timer fired only ${ticks} times`);
});
