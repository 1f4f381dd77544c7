'use strict';
// The compiled addon, built by `npm install` (cmake-js) into build-node/Release.
const path = require('path');

module.exports = require(path.join(__dirname, '..', '..', 'build-node', 'Release', 'appjwt.node'));
