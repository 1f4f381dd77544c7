'use strict';
// One build runs on Node 18, 20 and 22: the addon imports only functions of
// Node-API version 8 or earlier (package.json "binary": napi_versions [8]),
// which every one of those Node versions provides.
const { spawnSync } = require('child_process');
const path = require('path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { symbols } = require('node-api-headers');
const { root } = require('./helpers');

const addon = path.join(root, 'build-node', 'Release', 'appjwt.node');

test('the addon imports no Node-API function newer than version 8', () => {
  const { js_native_api_symbols: js, node_api_symbols: node } = symbols.v8;
  const available = new Set([...js, ...node]);
  const nm = spawnSync('nm', ['-D', '--undefined-only', addon], { encoding: 'utf8' });
  assert.equal(nm.status, 0, nm.stderr);
  const imported = nm.stdout.split('\n').map((line) => line.trim().split(/\s+/).pop())
    .filter((name) => /^(napi|node_api)_/.test(name));
  assert.ok(imported.length > 20, `only ${imported.length} Node-API imports found`);
  assert.deepEqual(imported.filter((name) => !available.has(name)), []);
});
