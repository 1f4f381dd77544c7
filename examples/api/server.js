'use strict';
// The central API server: a SQLite database of users, called by other servers
// (stores, admin). Each calling application signs a short-lived token with its
// own private key and sends it in the x-token header; this server verifies it
// with that application's public key from its keys directory.
//
//   node server.js KEYS_DIR [PORT]     (PORT 0 or absent: a free loopback port)
//
// Scopes granted to each app are in apps.json beside this file.
const path = require('path');
const fs = require('fs');
const express = require('express');
const Database = require('better-sqlite3');
const { KeyStore } = require('appjwt');
const appAuth = require('appjwt/express');

function openDatabase() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO users (name, email) VALUES (?, ?)');
  db.transaction(() => {
    insert.run('Ada Lovelace', 'ada@example.com');
    insert.run('Alan Turing', 'alan@example.com');
    insert.run('Grace Hopper', 'grace@example.com');
  })();
  return db;
}

function openKeyStore(keysDir) {
  // The callers' TokenSigners send each token for minutes: remember verified ones.
  const keyStore = KeyStore.fromDirectory(keysDir, { verifiedTokenCacheSize: 10000 });
  const grants = JSON.parse(fs.readFileSync(path.join(__dirname, 'apps.json'), 'utf8'));
  for (const [appId, scopes] of Object.entries(grants)) keyStore.setScopes(appId, scopes);
  return keyStore;
}

function createApp(keyStore, db) {
  const app = express();
  const users = {
    all: db.prepare('SELECT id, name, email FROM users ORDER BY id'),
    byId: db.prepare('SELECT id, name, email FROM users WHERE id = ?'),
    remove: db.prepare('DELETE FROM users WHERE id = ?'),
  };

  // Public keys only: other services may verify this store's apps too.
  app.get('/.well-known/jwks.json', (req, res) => res.json(keyStore.toJwks()));

  // Each route needs a valid app token holding its scope; the middleware sets
  // req.auth = { appId, claims, scopes } or answers 401 / 403.
  const canRead = appAuth({ keyStore, requiredScopes: ['users:read'] });
  const isAdmin = appAuth({ keyStore, requiredScopes: ['users:admin'] });

  app.get('/users', canRead, (req, res) => res.json(users.all.all()));
  app.get('/users/:id', canRead, (req, res) => {
    const user = users.byId.get(Number(req.params.id));
    if (!user) return res.status(404).json({ error: 'not_found' });
    return res.json(user);
  });
  app.delete('/users/:id', isAdmin, (req, res) => {
    const { changes } = users.remove.run(Number(req.params.id));
    if (changes === 0) return res.status(404).json({ error: 'not_found' });
    return res.json({ deleted: Number(req.params.id), by: req.auth.appId });
  });
  return app;
}

function main() {
  const [keysDir, port = '0'] = process.argv.slice(2);
  if (!keysDir) {
    process.stderr.write('usage: node server.js KEYS_DIR [PORT]\n');
    process.exit(2);
  }
  const keyStore = openKeyStore(keysDir);
  const server = createApp(keyStore, openDatabase()).listen(Number(port), '127.0.0.1', () => {
    // The demo reads this line to find the port.
    process.stdout.write(`listening on http://127.0.0.1:${server.address().port} ` +
      `(apps: ${keyStore.appIds().join(', ')})\n`);
  });
  // Picks up added, changed and removed key files without a restart.
  process.on('SIGHUP', () => keyStore.reload());
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (require.main === module) main();

module.exports = { createApp, openDatabase, openKeyStore };
