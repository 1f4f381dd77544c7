'use strict';
// The attack suite, test-vectors/attacks.json, through appjwt's Node API: every
// hostile token and key is refused with a jsonwebtoken error class carrying the
// core's error code in `code`; no case is ever accepted. Keys are passed as
// jsonwebtoken users pass them: PEM strings and secret strings.
const fs = require('fs');
const os = require('os');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');

const attacks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'test-vectors', 'attacks.json'), 'utf8'));

const tokenSections = (section) => section !== 'keys' && section !== 'key_store';
const casesWhere = (predicate) => attacks.cases.filter((attack) => predicate(attack.section));

// The stored token, or one described as { prefix, repeat, count, suffix }.
function tokenOf(attack) {
  const spec = attack.token;
  if (typeof spec === 'string') return spec;
  return (spec.prefix || '') + spec.repeat.repeat(spec.count) + (spec.suffix || '');
}

function keyMaterial(attack) {
  if (attack.secret !== undefined) return attack.secret;
  const entry = attacks.keys[attack.key];
  return entry.format === 'pem' ? entry.pem : entry.secret;
}

// The case's core VerifyOptions as jsonwebtoken-style options. jsonwebtoken skips
// two core checks by default (an iat in the future, an unexpected aud); the
// attack suite expects the core's defaults, so they are turned back on.
function verifyOptions(attack) {
  const { algorithms, max_token_size: maxTokenSize, understood_critical: understoodCritical } = attack.options;
  const known = new Set(['algorithms', 'max_token_size', 'understood_critical']);
  const unknown = Object.keys(attack.options).filter((name) => !known.has(name));
  assert.deepEqual(unknown, [], 'options this runner does not know');
  return { algorithms, maxTokenSize, understoodCritical, verifyIssuedAt: true, rejectUnexpectedAudience: true };
}

// jsonwebtoken@9's class for each code; it reports a key that cannot do the
// token's alg with a plain Error (its validateAsymmetricKey), and so does appjwt.
const errorClassFor = {
  token_expired: jwt.TokenExpiredError,
  not_yet_valid: jwt.NotBeforeError,
  algorithm_not_allowed: Error,
};

function errorOf(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  return assert.fail('accepted: the attack was not refused');
}

function assertRefused(error, attack) {
  assert.ok(error instanceof (errorClassFor[attack.expected_error] || jwt.JsonWebTokenError),
    `${error.name}: ${error.message}`);
  assert.equal(error.code, attack.expected_error, `${error.name}: ${error.message}`);
}

// Safe to log: repeats no token or key material, holds no control character.
function assertSafeToLog(error, attack) {
  const message = String(error.message);
  assert.doesNotMatch(message, /[\u0000-\u001f\u007f]/, JSON.stringify(message));
  const material = [];
  if (attack.key !== undefined || attack.secret !== undefined) material.push(keyMaterial(attack));
  if (typeof attack.token === 'string') material.push(attack.token);
  for (const text of material) {
    for (let start = 0; start + 16 <= text.length; start += 16) {
      const window = text.slice(start, start + 16);
      if (!/[-\n ]/.test(window)) assert.ok(!message.includes(window), `the message repeats input: ${message}`);
    }
  }
}

const verifyToken = (attack) => errorOf(() => jwt.verify(tokenOf(attack), keyMaterial(attack), verifyOptions(attack)));

test.describe('jwt.verify refuses each attack token with its code', () => {
  for (const attack of casesWhere(tokenSections)) {
    test.it(attack.name, () => assertRefused(verifyToken(attack), attack));
  }
});

test.describe('jwt.verify error messages are safe to log', () => {
  for (const attack of casesWhere(tokenSections)) {
    test.it(attack.name, () => assertSafeToLog(verifyToken(attack), attack));
  }
});

test.describe('KeyStore.verify refuses each attack app token with its code', () => {
  // store-front and other-app in the store; evil_public.pem outside it, where a
  // store that built paths from app IDs would find it for "../evil".
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-attacks-'));
  fs.mkdirSync(path.join(root, 'keys'));
  fs.writeFileSync(path.join(root, 'keys', 'store-front_public.pem'), attacks.keys.server_rsa_public.pem);
  fs.writeFileSync(path.join(root, 'keys', 'other-app_public.pem'), attacks.keys.attacker_rsa_public.pem);
  fs.writeFileSync(path.join(root, 'evil_public.pem'), attacks.keys.attacker_rsa_public.pem);
  const store = jwt.KeyStore.fromDirectory(path.join(root, 'keys'));
  test.after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const attack of casesWhere((section) => section === 'key_store')) {
    test.it(attack.name, async () => {
      const options = { appIdFromKid: attack.app_id_from === 'kid' };
      const error = await store.verify(tokenOf(attack), options).then(
        () => assert.fail('accepted: the attack was not refused'), (rejection) => rejection);
      assertRefused(error, attack);
      assertSafeToLog(error, attack);
    });
  }
});

// Keys refused when they are made or used.
function runKeyCase(attack) {
  const claims = attack.payload;
  switch (attack.operation) {
    case 'secret': return jwt.Key.fromSecret(attack.secret);
    case 'sign': return jwt.sign(claims, keyMaterial(attack), { algorithm: attack.algorithm, noTimestamp: true });
    case 'verify': return jwt.verify(tokenOf(attack), keyMaterial(attack), verifyOptions(attack));
    default: return assert.fail(`unknown operation ${attack.operation}`);
  }
}

// jwt.sign() refuses keys with jsonwebtoken's plain Errors, which carry no core
// code; every refusal that has a code must have the expected one.
test.describe('keys are refused with key_error', () => {
  for (const attack of casesWhere((section) => section === 'keys')) {
    test.it(attack.name, () => {
      const error = errorOf(() => runKeyCase(attack));
      assert.ok(error instanceof Error);
      if (attack.operation !== 'sign' || error.code !== undefined) {
        assert.equal(error.code, attack.expected_error, `${error.name}: ${error.message}`);
      }
      assertSafeToLog(error, attack);
    });
  }
});

test.describe('jwt.sign refuses a key document as an HMAC secret', () => {
  for (const attack of attacks.cases.filter((c) => c.operation === 'secret')) {
    test.it(attack.name, () => {
      errorOf(() => jwt.sign({ appId: 'store-front' }, attack.secret, { algorithm: 'HS256' }));
    });
  }
});
