'use strict';
// Event-loop delay while 2,000 RS512 signs run: a 1 ms interval timer records how
// late each tick fires (p50 / p99 / max). appjwt's async sign runs on the libuv
// pool; jsonwebtoken signs on the main thread, shown issued all at once (its
// callback form) and one per event-loop turn (as a server handling requests).
const jsonwebtoken = require('jsonwebtoken');
const { privatePem, appjwt, payload, smoke, emit } = require('./common');

const SIGNS = smoke ? 100 : 2000;
const signOptions = { algorithm: 'RS512' };

const percentile = (sorted, p) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// Runs `work` (resolving when all signs are done) under a 1 ms timer.
async function measure(name, work) {
  const delays = [];
  let last = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    delays.push(Math.max(0, Number(now - last) / 1e6 - 1));
    last = now;
  }, 1);
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  // A tick still pending when the work ends is as late as the work made it.
  delays.push(Math.max(0, Number(process.hrtime.bigint() - last) / 1e6 - 1));
  delays.sort((a, b) => a - b);
  emit({
    library: name, op: 'event loop', signs: SIGNS, seconds, ticks: delays.length,
    p50_ms: percentile(delays, 50), p99_ms: percentile(delays, 99), max_ms: delays[delays.length - 1],
  });
}

const signAsync = (sign) =>
  new Promise((resolve, reject) =>
    sign(payload(), privatePem, signOptions, (error, token) => (error ? reject(error) : resolve(token))));

async function main() {
  await signAsync(appjwt.sign); // loads the addon and caches the key outside the measurement
  await measure('appjwt async (callback)', () =>
    Promise.all(Array.from({ length: SIGNS }, () => signAsync(appjwt.sign))));
  await measure('jsonwebtoken callback, all at once', () =>
    Promise.all(Array.from({ length: SIGNS }, () => signAsync(jsonwebtoken.sign))));
  await measure('jsonwebtoken sync, one per turn', async () => {
    for (let i = 0; i < SIGNS; i += 1) {
      jsonwebtoken.sign(payload(), privatePem, signOptions);
      await new Promise(setImmediate);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
