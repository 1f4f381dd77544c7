'use strict';
// The store front, a Node server that calls the central API. It holds its own
// private key; a TokenSigner gives it a short-lived RS512 token {appId: "stores"}
// for each request, signing once every few minutes rather than per request.
//
//   node client.js API_URL PRIVATE_KEY_FILE
//
// Prints one line per request; exits 1 if any answer is not the expected one.
const jwt = require('appjwt');

const APP_ID = 'stores';

async function main() {
  const [apiUrl, keyFile] = process.argv.slice(2);
  const privateKey = jwt.loadKeyFile(keyFile);
  const signer = new jwt.TokenSigner(APP_ID, privateKey); // RS512, 300 s, cached

  let unexpected = 0;
  async function call(label, method, path, token, expectedStatus) {
    const response = await fetch(apiUrl + path, { method, headers: token ? { 'x-token': token } : {} });
    const body = await response.json();
    const summary = response.ok
      ? (Array.isArray(body) ? `${body.length} users` : body.name || JSON.stringify(body))
      : `${body.error}${body.message ? `: ${body.message}` : ''}`;
    const ok = response.status === expectedStatus;
    if (!ok) unexpected += 1;
    process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${APP_ID.padEnd(6)} ${label.padEnd(34)} ` +
      `${`${method} ${path}`.padEnd(16)} ${response.status} ${summary}\n`);
  }

  // The everyday job: a token from the signer on every request.
  await call('good token', 'GET', '/users', await signer.token(), 200);
  await call('good token (cached)', 'GET', '/users/1', await signer.token(), 200);
  await call('missing scope (users:admin)', 'DELETE', '/users/2', await signer.token(), 403);

  // What the API must refuse.
  const longAgo = Math.floor(Date.now() / 1000) - 3600;
  const expired = jwt.sign({ appId: APP_ID, iat: longAgo, exp: longAgo + 300 }, privateKey, { algorithm: 'RS512' });
  await call('expired token', 'GET', '/users', expired, 401);

  // Granting itself admin by editing the payload breaks the signature.
  const [header, , signature] = (await signer.token()).split('.');
  const now = Math.floor(Date.now() / 1000);
  const forgedPayload = Buffer.from(JSON.stringify({ appId: APP_ID, scope: 'users:admin', iat: now, exp: now + 300 }))
    .toString('base64url');
  await call('tampered token (scope edited in)', 'DELETE', '/users/2', `${header}.${forgedPayload}.${signature}`, 401);

  process.exitCode = unexpected === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`stores: ${error.message}\n`);
  process.exitCode = 1;
});
