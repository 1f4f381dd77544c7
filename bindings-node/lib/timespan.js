'use strict';
// jsonwebtoken's timespans: a number of seconds, or a string in the `ms`
// package's grammar ("300", "5m", "2h", "7d", "2 days"). Returns the NumericDate
// `time` after `timestamp`, or undefined for a string `ms` cannot read.
const ms = require('ms');

function timespan(time, timestamp) {
  if (typeof time === 'string') {
    const milliseconds = ms(time);
    if (typeof milliseconds === 'undefined') return undefined;
    return Math.floor(timestamp + milliseconds / 1000);
  }
  if (typeof time === 'number') return timestamp + time;
  return undefined;
}

// Seconds of `time` (as above), or undefined.
function seconds(time) {
  return timespan(time, 0);
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

module.exports = { timespan, seconds, nowSeconds };
