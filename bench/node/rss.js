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

// RSS, and the V8 heap's reserved size: RSS growth that heap_total matches is the
// young generation grown under allocation pressure (a high-water mark), not a leak.
const memory = () => {
  global.gc();
  const { rss, heapTotal } = process.memoryUsage();
  return { rss, heapTotal };
};

function measure(verifyOne) {
  for (let i = 0; i < warmUp; i += 1) verifyOne();
  const before = memory();
  for (let i = 0; i < n; i += 1) verifyOne();
  return [before, memory()];
}

let rejected = 0;
const [valid, validAfter] = measure(() => appjwt.verify(token, publicPem, verifyOptions));
const [refused, refusedAfter] = measure(() => {
  try {
    appjwt.verify(tampered, publicPem, verifyOptions);
  } catch (error) {
    if (error.message === 'invalid signature') rejected += 1;
  }
});
if (rejected !== warmUp + n) throw new Error(`only ${rejected} tampered tokens were rejected`);
emit({
  verifies: n, rss_before: valid.rss, rss_after: validAfter.rss, rejected_rss_before: refused.rss,
  rejected_rss_after: refusedAfter.rss, peak_rss: process.resourceUsage().maxRSS * 1024,
  heap_total_before: valid.heapTotal, heap_total_after: validAfter.heapTotal,
  rejected_heap_total_before: refused.heapTotal, rejected_heap_total_after: refusedAfter.heapTotal,
});
