'use strict';
// The addon is context-aware: it loads and works in worker threads, each with its
// own instance, alongside the main thread's.
const { Worker } = require('worker_threads');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');
const { once, secret } = require('./helpers');

test('two worker threads sign tokens the main thread verifies', async () => {
  const source = `
    const { parentPort, workerData } = require('worker_threads');
    const jwt = require(workerData.root);
    jwt.promises.sign({ worker: workerData.id }, workerData.secret, { algorithm: 'HS256' })
      .then((token) => parentPort.postMessage(token));`;
  const workers = [1, 2].map((id) => new Worker(source,
    { eval: true, workerData: { root: path.join(__dirname, '..'), id, secret } }));
  const exits = workers.map((worker) => once(worker, 'exit'));
  const tokens = await Promise.all(workers.map((worker) => once(worker, 'message')));
  assert.deepEqual(await Promise.all(exits), [0, 0]);
  assert.deepEqual(tokens.map((token) => jwt.verify(token, secret, { algorithms: ['HS256'] }).worker), [1, 2]);
});
