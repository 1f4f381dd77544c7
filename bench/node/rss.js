'use strict';
// RSS growth of appjwt.verify (PEM string per call, the drop-in path) over N valid
// tokens, then N rejected ones (tampered signature), each after a warm-up.
// Run with --expose-gc. Usage: node --expose-gc rss.js [N]  (default 1,000,000)
const jsonwebtoken = require('jsonwebtoken');
const { privatePem, publicPem, appjwt, payload, emit } = require('./common');

const n = Number(process.argv[2] || 1e6);
const warmUp = Math.max(1000, n / 50);
const verifyOptions = { algorithms: ['RS512'] };
const token = jsonwebtoken.sign(payload(), privatePem, { algorithm: 'RS512' });
// Another base64url character inside the signature: well-formed, wrong signature.
const at = token.length - 20;
const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);

const rss = () => {
  global.gc();
  return process.memoryUsage().rss;
};

function measure(verifyOne) {
  for (let i = 0; i < warmUp; i += 1) verifyOne();
  const before = rss();
  for (let i = 0; i < n; i += 1) verifyOne();
  return [before, rss()];
}

let rejected = 0;
const [rssBefore, rssAfter] = measure(() => appjwt.verify(token, publicPem, verifyOptions));
const [rejectedRssBefore, rejectedRssAfter] = measure(() => {
  try {
    appjwt.verify(tampered, publicPem, verifyOptions);
  } catch (error) {
    if (error.message === 'invalid signature') rejected += 1;
  }
});
if (rejected !== warmUp + n) throw new Error(`only ${rejected} tampered tokens were rejected`);
emit({
  verifies: n, rss_before: rssBefore, rss_after: rssAfter, rejected_rss_before: rejectedRssBefore,
  rejected_rss_after: rejectedRssAfter, peak_rss: process.resourceUsage().maxRSS * 1024,
});
