'use strict';
// The npm "install" script: builds the addon from source with cmake-js through
// the root CMakeLists.txt, in Node-API mode (package.json "binary"), so the only
// things fetched are npm packages (node-api-headers, node-addon-api).
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..', '..');

function cmakeJs() {
  try {
    return require.resolve('cmake-js/bin/cmake-js', { paths: [root] });
  } catch (error) {
    return undefined;
  }
}

let cli = cmakeJs();
if (!cli) {
  // `npm install <folder>` links a folder outside the project without installing
  // the folder's own dependencies: install them (npm packages only) first.
  const npm = process.env.npm_execpath;
  if (!npm) throw new Error('cmake-js is missing: run `npm install` in ' + root);
  execFileSync(process.execPath, [npm, 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund',
    '--no-save'], { cwd: root, stdio: 'inherit' });
  cli = cmakeJs();
}
execFileSync(process.execPath, [cli, 'compile', '--out', 'build-node', '--CDAPPJWT_BUILD_NODE=ON',
  '--CDAPPJWT_BUILD_TESTS=OFF', '--parallel', '2'], { cwd: root, stdio: 'inherit' });
