'use strict';
// test-vectors/vectors.json through the Node API: every published example whose
// payload is a JWT claims set verifies, and every token and claim case gives the
// core's expected error code.
const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('..');
const { vectors } = require('./helpers');

// The vectors' option names (appjwt::VerifyOptions) as jwt.verify's.
const optionNames = {
  now: 'clockTimestamp', clock_tolerance: 'clockTolerance', max_age: 'maxAge', jwt_id: 'jwtid',
  ignore_expiration: 'ignoreExpiration', ignore_not_before: 'ignoreNotBefore',
  verify_issued_at: 'verifyIssuedAt', required_claims: 'requiredClaims',
  max_token_size: 'maxTokenSize', reject_unexpected_audience: 'rejectUnexpectedAudience',
  strict_audience: 'strictAudience', understood_critical: 'understoodCritical',
};

function verifyOptions(caseOptions) {
  // The vectors assume the core's defaults, which jwt.verify makes opt-in.
  const options = { verifyIssuedAt: true, rejectUnexpectedAudience: true };
  const audiences = [];
  for (const [name, value] of Object.entries({ ...vectors.default_options, ...caseOptions })) {
    if (name === 'audience') audiences.push(...value);
    else if (name === 'audience_patterns') audiences.push(...value.map((source) => new RegExp(source)));
    else options[optionNames[name] || name] = value;
  }
  if (audiences.length > 0) options.audience = audiences;
  return options;
}

for (const example of vectors.jws_examples.filter((jws) => jws.verify_as_jwt)) {
  test(`published example ${example.name} (${example.source}) verifies`, () => {
    const key = jwt.Key.fromJwk(example.jwk);
    const { algorithms, now } = example.verify_as_jwt;
    const verified = jwt.verify(example.token, key, { algorithms, clockTimestamp: now, complete: true });
    assert.equal(verified.header.alg, example.alg);
    assert.equal(verified.signature, example.signature);
  });
}

for (const vector of [...vectors.token_cases, ...vectors.claim_cases]) {
  test(`vector ${vector.name}: ${vector.description}`, () => {
    const verifying = () => jwt.verify(vector.token, vectors.hmac_secret, verifyOptions(vector.options));
    if (vector.error === null) {
      assert.doesNotThrow(verifying);
      return;
    }
    assert.throws(verifying, (error) => {
      assert.ok(error instanceof jwt.JsonWebTokenError, `${error.name}: ${error.message}`);
      assert.equal(error.code, vector.error, error.message);
      if (vector.claim) assert.equal(error.claim, vector.claim);
      return true;
    });
  });
}
