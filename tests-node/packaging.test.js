'use strict';
// The package installs the ways users install it, building the addon from source
// with nothing downloaded but npm packages, and `require('appjwt')` then runs the
// seed's code unchanged: from a checkout (`npm install <checkout>`) and from the
// `npm pack` tarball. (`npm install` in the checkout is how this suite was built.)
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { root } = require('./helpers');

const seed = `
const jwt = require('appjwt');
const crypto = require('crypto');
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
const appId = 'stores';
const token = jwt.sign({ appId }, privatePem, { algorithm: 'RS512', expiresIn: 300 });
console.log(jwt.verify(token, publicPem, { algorithms: ['RS512'] }).appId, typeof require('appjwt/express'));
`;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function freshProject(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appjwt-consumer-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  return dir;
}

const npmInstall = (what, cwd) => run('npm', ['install', '--no-audit', '--no-fund', what], cwd);

test('npm install <checkout> from another project builds and runs the seed code', (t) => {
  const project = freshProject(t);
  npmInstall(root, project);
  assert.equal(run(process.execPath, ['-e', seed], project).trim(), 'stores function');
});

test('the npm pack tarball holds sources only, and installs by building them', (t) => {
  const project = freshProject(t);
  const tarball = path.join(project, run('npm', ['pack', '--silent', '--pack-destination', project, root], project).trim());
  const listing = run('tar', ['tzf', tarball], project).split('\n');
  assert.ok(listing.includes('package/bindings-node/src/jwt.cpp'));
  assert.ok(!listing.some((file) => file.endsWith('.node')), 'the tarball ships a prebuilt addon');
  npmInstall(tarball, project);
  assert.ok(fs.existsSync(path.join(project, 'node_modules', 'appjwt', 'build-node', 'Release', 'appjwt.node')));
  assert.equal(run(process.execPath, ['-e', seed], project).trim(), 'stores function');
});
