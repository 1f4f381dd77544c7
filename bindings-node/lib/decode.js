'use strict';
// jwt.decode(token, {complete, json}) as jsonwebtoken@9: the unverified header
// and payload, or null for anything that is not a JWT. Never verifies anything.
const native = require('./native');

// The addon hands over the header and payload as the JSON text the core decoded
// and validated strictly; JSON.parse builds the objects, as jsonwebtoken does.
const parsed = (parts) => ({
  header: JSON.parse(parts.header), payload: JSON.parse(parts.payload), signature: parts.signature,
});

function decode(token, options) {
  options = options || {};
  if (typeof token !== 'string') return null;
  let decoded;
  try {
    decoded = parsed(native.decode(token, options.maxTokenSize));
  } catch (error) {
    return null;
  }
  return options.complete === true ? decoded : decoded.payload;
}

module.exports = { decode, parsed };
