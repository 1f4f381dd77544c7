'use strict';
// What every Node benchmark shares: the workload of issue 6, the key files that
// bench/run generates, and the timing loop (ops/s = median of several runs).
const fs = require('node:fs');
const path = require('node:path');

const APP_ID = 'storefront-7f3a9c1e5b2d4086a1c3e5f'; // 34 characters
const EXPIRES_IN = 300;
const smoke = process.env.BENCH_SMOKE === '1';

function keyFile(name) {
  const dir = process.env.APPJWT_BENCH_KEYS;
  if (!dir) throw new Error('APPJWT_BENCH_KEYS is not set (bench/run sets it)');
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

const privatePem = keyFile('rsa2048_private.pem');
const publicPem = keyFile('rsa2048_public.pem');

// appjwt from this checkout (bench/run builds the addon with `npm install` at the root).
const appjwt = require(path.resolve(__dirname, '..', '..'));

const nowSeconds = () => Math.floor(Date.now() / 1000);
const payload = () => {
  const now = nowSeconds();
  return { appId: APP_ID, iat: now, exp: now + EXPIRES_IN };
};

// Smoke (CI): one short run per row. Full: warm-up, then the median of 5 runs.
const plan = smoke
  ? { runs: 1, seconds: 0.05, maxIterations: 300, warmUpSeconds: 0 }
  : { runs: 5, seconds: 0.6, maxIterations: Infinity, warmUpSeconds: 0.3 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// One timed run of `op` (sync or async) for `seconds` of wall time: ops per CPU
// second of the process (equal to ops/s on an idle core, and robust when other
// processes share the machine).
async function timedRun(op, seconds, maxIterations) {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const cpuStart = process.cpuUsage();
  let n = 0;
  do {
    const result = op();
    if (result instanceof Promise) await result;
    n += 1;
  } while (n < maxIterations && process.hrtime.bigint() < deadline);
  const cpu = process.cpuUsage(cpuStart);
  return n / ((cpu.user + cpu.system) / 1e6);
}

async function opsPerSecond(op) {
  if (plan.warmUpSeconds > 0) await timedRun(op, plan.warmUpSeconds, Infinity);
  const runs = [];
  for (let i = 0; i < plan.runs; i += 1) runs.push(await timedRun(op, plan.seconds, plan.maxIterations));
  return median(runs);
}

// One result line for bench/run's report.
const emit = (row) => process.stdout.write(`${JSON.stringify({ lang: 'node', ...row })}\n`);

module.exports = {
  APP_ID, EXPIRES_IN, smoke, keyFile, privatePem, publicPem, appjwt, nowSeconds, payload, median,
  opsPerSecond, emit,
};
