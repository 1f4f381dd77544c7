'use strict';
// The example's flows across languages, over real HTTP on loopback: the Node API
// (examples/api/server.js, Express + better-sqlite3) and its Python twin
// (server.py, Flask + sqlite3) on one keys directory, called by the Node client
// (examples/stores) and the Python client (examples/admin), and tokens from each
// language's TokenSigner verified by the other language's server.
//
// Python: $APPJWT_PYTHON, else build-python/venv (made by scripts/test-python),
// else python3; it must import appjwt and flask.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');

const root = path.join(__dirname, '..');
const examples = path.join(root, 'examples');

// The servers and files are shared by every test, so they go after the last one.
const cleanups = [];
test.after(() => cleanups.forEach((cleanup) => cleanup()));

function pythonInterpreter() {
  const venvPython = path.join(root, 'build-python', 'venv', 'bin', 'python');
  const python = process.env.APPJWT_PYTHON || (fs.existsSync(venvPython) ? venvPython : 'python3');
  const probe = spawnSync(python, ['-c', 'import appjwt, flask'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, `${python} cannot import appjwt and flask (run scripts/test-python first, ` +
    `or set APPJWT_PYTHON): ${probe.stderr}`);
  return python;
}

// Starts a server that prints "listening on URL ..." and resolves to its URL.
function startServer(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill());
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before listening:\n${output}`)));
  });
}

const setup = (() => {
  let ready;
  return () => {
    ready = ready || (async () => {
      const installed = spawnSync(path.join(examples, 'setup'), { encoding: 'utf8' });
      assert.equal(installed.status, 0, `examples/setup failed: ${installed.stderr}`);
      const python = pythonInterpreter();
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-example-'));
      cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
      const keys = path.join(work, 'api-keys');
      const privateKeys = {};
      for (const appId of ['stores', 'admin']) {
        const files = jwt.generateKeyPairSync(path.join(work, appId), { appId, rsaBits: 2048 });
        fs.mkdirSync(keys, { recursive: true });
        fs.copyFileSync(files.publicKey, path.join(keys, path.basename(files.publicKey)));
        privateKeys[appId] = files.privateKey;
      }
      const [nodeApi, pythonApi] = await Promise.all([
        startServer(process.execPath, [path.join(examples, 'api', 'server.js'), keys]),
        startServer(python, [path.join(examples, 'api', 'server.py'), keys]),
      ]);
      return { python, privateKeys, apis: { node: nodeApi, python: pythonApi } };
    })();
    return ready;
  };
})();

function run(command, args) {
  return spawnSync(command, args, { encoding: 'utf8' });
}

async function getUsers(apiUrl, token) {
  const response = await fetch(`${apiUrl}/users`, { headers: { 'x-token': token } });
  return { status: response.status, body: await response.json() };
}

for (const api of ['node', 'python']) {
  test(`the Node stores client gets every expected answer from the ${api} API`, async () => {
    const { apis, privateKeys } = await setup();
    const result = run(process.execPath, [path.join(examples, 'stores', 'client.js'), apis[api], privateKeys.stores]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout.match(/^ {2}ok /gm).length, 5, result.stdout);
  });

  test(`the Python admin client gets every expected answer from the ${api} API`, async () => {
    const { apis, privateKeys, python } = await setup();
    const result = run(python, [path.join(examples, 'admin', 'client.py'), apis[api], privateKeys.admin]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout.match(/^ {2}ok /gm).length, 5, result.stdout);
  });

  test(`the ${api} API publishes its apps' public keys as a JWKS`, async () => {
    const { apis } = await setup();
    const { keys } = await (await fetch(`${apis[api]}/.well-known/jwks.json`)).json();
    assert.deepEqual(keys.map((key) => key.kid), ['admin', 'stores']);
    assert.ok(keys.every((key) => key.kty === 'RSA' && key.d === undefined));
  });
}

test('a token from the Python TokenSigner is accepted by the Node API', async () => {
  const { apis, privateKeys, python } = await setup();
  const signed = run(python, ['-c', 'import sys, appjwt; print(appjwt.TokenSigner("admin", '
    + 'appjwt.load_key_file(sys.argv[1])).token())', privateKeys.admin]);
  assert.equal(signed.status, 0, signed.stderr);
  const { status, body } = await getUsers(apis.node, signed.stdout.trim());
  assert.equal(status, 200);
  assert.ok(Array.isArray(body));
});

test('a token from the Node TokenSigner is accepted by the Python API', async () => {
  const { apis, privateKeys } = await setup();
  const signer = new jwt.TokenSigner('stores', jwt.loadKeyFile(privateKeys.stores));
  assert.equal((await getUsers(apis.python, await signer.token())).status, 200);
});

test('both APIs refuse a Python-signed token claiming another app', async () => {
  const { apis, privateKeys, python } = await setup();
  const signed = run(python, ['-c', 'import sys, appjwt; print(appjwt.TokenSigner("stores", '
    + 'appjwt.load_key_file(sys.argv[1])).token())', privateKeys.admin]);
  for (const api of ['node', 'python']) {
    const { status, body } = await getUsers(apis[api], signed.stdout.trim());
    assert.equal(status, 401, api);
    assert.equal(body.error, 'invalid_token');
  }
});

test("a KeyStore loaded from the API's JWKS URL verifies the apps' tokens", async () => {
  const { apis, privateKeys } = await setup();
  const keyStore = await new jwt.KeyStore().loadJwksUrl(`${apis.node}/.well-known/jwks.json`);
  const signer = new jwt.TokenSigner('admin', jwt.loadKeyFile(privateKeys.admin));
  assert.equal((await keyStore.verify(await signer.token())).appId, 'admin');
});
