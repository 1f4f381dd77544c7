'use strict';
// Rejected tokens through the Node binding, for memory checks (scripts/test-security).
//
//   node --expose-gc rejected_tokens.js --once           every attack case once (under valgrind)
//   node --expose-gc rejected_tokens.js --count 100000   fails unless RSS stays flat
//
// Each rejection goes through the jsonwebtoken-compatible jwt.verify() with
// string keys, or keyStore.verifySync() for key-store cases, and must throw. A
// leak of about 100 bytes per rejection grows RSS by 10 MiB over 100,000, so the
// bound is about memory, not time. The loop yields to the event loop as a server
// does: Node-API runs finalizers of collected objects (each JS Key) from there.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setImmediate: nextTurn } = require('timers/promises');
const jwt = require(path.join(__dirname, '..', '..'));

const attacks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'test-vectors', 'attacks.json'), 'utf8'));
const RSS_GROWTH_LIMIT = 4 * 1024 * 1024;
const WARM_UP = 10000;

function keyMaterial(attack) {
  const entry = attacks.keys[attack.key];
  return entry.format === 'pem' ? entry.pem : entry.secret;
}

// One call per attack case that fits in memory many times over (no 10 MB tokens).
function rejections(store) {
  const calls = [];
  for (const attack of attacks.cases) {
    const token = attack.token;
    if (typeof token !== 'string') continue;
    if (attack.section === 'key_store') {
      const options = { appIdFromKid: attack.app_id_from === 'kid' };
      calls.push(() => store.verifySync(token, options));
    } else if (attack.section !== 'keys') {
      const key = keyMaterial(attack);
      const options = {
        algorithms: attack.options.algorithms,
        maxTokenSize: attack.options.max_token_size,
        understoodCritical: attack.options.understood_critical,
        verifyIssuedAt: true,
      };
      calls.push(() => jwt.verify(token, key, options));
    } else if (attack.operation === 'secret') {
      calls.push(() => jwt.Key.fromSecret(attack.secret));
    }
  }
  return calls;
}

function reject(call) {
  try {
    call();
  } catch (error) {
    return;
  }
  throw new Error('an attack case was accepted');
}

async function rejectMany(calls, count) {
  for (let i = 0; i < count; i++) {
    reject(calls[i % calls.length]);
    if (i % 1000 === 999) await nextTurn();
  }
}

// Collects garbage and lets the finalizers it queued run.
async function settle() {
  for (let i = 0; i < 5; i++) {
    global.gc();
    await nextTurn();
  }
}

async function main() {
  const [mode, count] = process.argv.slice(2);
  if (!['--once', '--count'].includes(mode) || (mode === '--count' && !(Number(count) > 0)) ||
      typeof global.gc !== 'function') {
    throw new Error('usage: node --expose-gc rejected_tokens.js --once | --count N');
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-memory-'));
  try {
    fs.writeFileSync(path.join(directory, 'store-front_public.pem'), attacks.keys.server_rsa_public.pem);
    const calls = rejections(jwt.KeyStore.fromDirectory(directory));
    if (mode === '--once') {
      await rejectMany(calls, calls.length);
      await settle();
      console.log(`node: ${calls.length} attack cases rejected once each`);
      return;
    }
    await rejectMany(calls, WARM_UP);
    await settle();
    const before = process.memoryUsage().rss;
    await rejectMany(calls, Number(count));
    await settle();
    const growth = process.memoryUsage().rss - before;
    console.log(`node: ${count} rejections, RSS grew ${Math.round(growth / 1024)} KiB`);
    if (growth > RSS_GROWTH_LIMIT) {
      throw new Error(`RSS grew by more than ${RSS_GROWTH_LIMIT / 1024} KiB: a leak`);
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
