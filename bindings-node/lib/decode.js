'use strict';
// jwt.decode(token, {complete, json}) as jsonwebtoken@9: the unverified header
// and payload, or null for anything that is not a JWT. Never verifies anything.
const native = require('./native');

function decode(token, options) {
  options = options || {};
  if (typeof token !== 'string') return null;
  let decoded;
  try {
    decoded = native.decode(token, options.maxTokenSize);
  } catch (error) {
    return null;
  }
  return options.complete === true ? decoded : decoded.payload;
}

module.exports = { decode };
