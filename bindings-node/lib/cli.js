#!/usr/bin/env node
'use strict';
// The `appjwt` command: application keys, JWKS and token debugging. A thin
// argument parser over the core (bindings-python/appjwt/cli.py is its twin for
// pip users). Errors are one line on stderr and a non-zero exit status.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const appjwt = require('./index');

const PRIVATE_SUFFIX = '_private.pem';

const USAGE = `usage: appjwt <command> [options]
  keygen [--app-id ID] [--alg RS512] [--bits 3072] --out DIR
                             generate an application's key pair (prints the app ID)
  jwks DIR [--thumbprint-kid] print a JWKS of the public keys in DIR
  sign --key FILE [--app-id ID] [--alg RS512] [--ttl 300] [--kid KID] [--claims JSON]
                             sign an application token
  verify TOKEN|- (--keys DIR | --jwks FILE | --jwks-url URL)... [--scope S]... [--app-id-claim appId]
                             verify an application token
  inspect TOKEN|-            show a token's contents WITHOUT verifying it`;

class UsageError extends Error {}

function readToken(argument) {
  return (argument === '-' ? fs.readFileSync(0, 'utf8') : argument).trim();
}

function integer(value, name) {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

// --app-id, else the <appId> of a key file named <appId>_private.pem.
function appIdFor(keyPath, appId) {
  if (appId !== undefined) return appId;
  const name = path.basename(keyPath);
  if (name.endsWith(PRIVATE_SUFFIX) && name.length > PRIVATE_SUFFIX.length) {
    return name.slice(0, -PRIVATE_SUFFIX.length);
  }
  throw new UsageError('--app-id is required when the key file is not named <appId>_private.pem');
}

function describeTime(value) {
  return typeof value === 'number' && Number.isFinite(value)
    ? new Date(value * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
    : 'not a NumericDate';
}

const print = (value) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);

const commands = {
  keygen: {
    options: { 'app-id': { type: 'string' }, alg: { type: 'string', default: 'RS512' },
      bits: { type: 'string' }, out: { type: 'string' } },
    run({ values }) {
      if (values.out === undefined) throw new UsageError('--out DIR is required');
      const files = appjwt.generateKeyPairSync(values.out, {
        appId: values['app-id'], algorithm: values.alg, rsaBits: integer(values.bits, 'bits'),
      });
      print(files.appId);
      process.stderr.write(`wrote ${files.privateKey} (private, mode 0600) and ${files.publicKey}\n`);
    },
  },
  jwks: {
    options: { 'thumbprint-kid': { type: 'boolean', default: false } },
    positionals: ['DIR'],
    run({ values, positionals }) {
      print(appjwt.KeyStore.fromDirectory(positionals[0]).toJwks({ thumbprintKid: values['thumbprint-kid'] }));
    },
  },
  sign: {
    options: { key: { type: 'string' }, 'app-id': { type: 'string' }, alg: { type: 'string', default: 'RS512' },
      ttl: { type: 'string', default: '300' }, kid: { type: 'string' }, claims: { type: 'string' } },
    run({ values }) {
      if (values.key === undefined) throw new UsageError('--key FILE is required');
      const claims = values.claims === undefined ? undefined : JSON.parse(values.claims);
      if (claims !== undefined && (claims === null || typeof claims !== 'object' || Array.isArray(claims))) {
        throw new UsageError('--claims must be a JSON object');
      }
      const signer = new appjwt.TokenSigner(appIdFor(values.key, values['app-id']), appjwt.loadKeyFile(values.key),
        { ttl: integer(values.ttl, 'ttl'), algorithm: values.alg, keyid: values.kid, claims });
      print(signer.tokenSync());
    },
  },
  verify: {
    options: { keys: { type: 'string', multiple: true, default: [] }, jwks: { type: 'string', multiple: true, default: [] },
      'jwks-url': { type: 'string', multiple: true, default: [] }, scope: { type: 'string', multiple: true, default: [] },
      'app-id-claim': { type: 'string', default: 'appId' } },
    positionals: ['TOKEN'],
    async run({ values, positionals }) {
      if (values.keys.length + values.jwks.length + values['jwks-url'].length === 0) {
        throw new UsageError('give the verifying keys with --keys DIR, --jwks FILE or --jwks-url URL');
      }
      const store = new appjwt.KeyStore();
      for (const dir of values.keys) store.loadDirectory(dir);
      for (const file of values.jwks) store.loadJwksFile(file);
      for (const url of values['jwks-url']) await store.loadJwksUrl(url);
      const verified = store.verifySync(readToken(positionals[0]),
        { requiredScopes: values.scope, appIdClaim: values['app-id-claim'] });
      print({ appId: verified.appId, kid: verified.kid, scopes: verified.scopes,
        header: verified.header, claims: verified.claims });
    },
  },
  inspect: {
    options: {},
    positionals: ['TOKEN'],
    run({ positionals }) {
      const decoded = appjwt.decode(readToken(positionals[0]), { complete: true });
      if (decoded === null) throw new Error('not a JWT');
      print('UNVERIFIED: the signature and claims have NOT been checked.');
      print('header (unverified):');
      print(decoded.header);
      print('payload (unverified):');
      print(decoded.payload);
      for (const claim of ['iat', 'nbf', 'exp']) {
        if (claim in decoded.payload) print(`${claim}: ${describeTime(decoded.payload[claim])}`);
      }
    },
  },
};

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    print(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`appjwt: unknown command ${JSON.stringify(name)} (see --help)\n`);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(error.message);
    }
    const expected = command.positionals || [];
    if (parsed.positionals.length !== expected.length) {
      throw new UsageError(expected.length ? `expected ${expected.join(' ')}` : 'unexpected arguments');
    }
    await command.run(parsed);
    return 0;
  } catch (error) {
    const code = error.code && typeof error.code === 'string' && !error.code.startsWith('ERR_') ? `${error.code}: ` : '';
    const message = String(error.message).split(/\s+/).join(' ');
    process.stderr.write(`appjwt ${name}: ${code}${message}${error instanceof UsageError ? ' (see --help)' : ''}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((status) => { process.exitCode = status; });
}

module.exports = { main };
