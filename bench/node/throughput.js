'use strict';
// Node rows, RS512 with RSA-2048: appjwt vs jsonwebtoken@9, fast-jwt and jose,
// each with the PEM string on every call and with a key parsed once.
const crypto = require('node:crypto');
const jsonwebtoken = require('jsonwebtoken');
const { createSigner, createVerifier } = require('fast-jwt');
const jose = require('jose');
const { APP_ID, EXPIRES_IN, privatePem, publicPem, appjwt, payload, opsPerSecond, emit } =
  require('./common');

const ALG = 'RS512';
const signOptions = { algorithm: ALG };
const verifyOptions = { algorithms: [ALG] };
const token = jsonwebtoken.sign(payload(), privatePem, signOptions);

const privateKeyObject = crypto.createPrivateKey(privatePem);
const publicKeyObject = crypto.createPublicKey(publicPem);

const fastJwtSigner = (key) => createSigner({ key, algorithm: ALG, expiresIn: EXPIRES_IN * 1000 });
const fastJwtVerifier = (key) => createVerifier({ key, algorithms: [ALG], cache: false });
const joseSign = (key) =>
  new jose.SignJWT({ appId: APP_ID }).setProtectedHeader({ alg: ALG }).setIssuedAt()
    .setExpirationTime(`${EXPIRES_IN}s`).sign(key);
const joseVerify = async (key) => (await jose.jwtVerify(token, key, verifyOptions)).payload;

async function rows() {
  const joseSigningKey = await jose.importPKCS8(privatePem, ALG);
  const joseVerifyingKey = await jose.importSPKI(publicPem, ALG);
  const appjwtPrivateKey = appjwt.Key.fromPem(privatePem);
  const appjwtPublicKey = appjwt.Key.fromPem(publicPem);
  const signer = fastJwtSigner(privatePem);
  const verifier = fastJwtVerifier(publicPem);
  return [
    // [library, op, mode, op() returning a token (sign) or the verified payload]
    ['appjwt', 'sign', 'PEM per call', () => appjwt.sign(payload(), privatePem, signOptions)],
    ['appjwt', 'sign', 'key object', () => appjwt.sign(payload(), appjwtPrivateKey, signOptions)],
    ['jsonwebtoken', 'sign', 'PEM per call', () => jsonwebtoken.sign(payload(), privatePem, signOptions)],
    ['jsonwebtoken', 'sign', 'key object', () => jsonwebtoken.sign(payload(), privateKeyObject, signOptions)],
    ['fast-jwt', 'sign', 'PEM per call', () => fastJwtSigner(privatePem)({ appId: APP_ID })],
    ['fast-jwt', 'sign', 'key object', () => signer({ appId: APP_ID })],
    ['jose', 'sign', 'PEM per call', async () => joseSign(await jose.importPKCS8(privatePem, ALG))],
    ['jose', 'sign', 'key object', () => joseSign(joseSigningKey)],
    ['appjwt', 'verify', 'PEM per call', () => appjwt.verify(token, publicPem, verifyOptions)],
    ['appjwt', 'verify', 'key object', () => appjwt.verify(token, appjwtPublicKey, verifyOptions)],
    ['jsonwebtoken', 'verify', 'PEM per call', () => jsonwebtoken.verify(token, publicPem, verifyOptions)],
    ['jsonwebtoken', 'verify', 'key object', () => jsonwebtoken.verify(token, publicKeyObject, verifyOptions)],
    ['fast-jwt', 'verify', 'PEM per call', () => fastJwtVerifier(publicPem)(token)],
    ['fast-jwt', 'verify', 'key object', () => verifier(token)],
    ['jose', 'verify', 'PEM per call', async () => joseVerify(await jose.importSPKI(publicPem, ALG))],
    ['jose', 'verify', 'key object', () => joseVerify(joseVerifyingKey)],
  ];
}

// Each row's result is checked once before it is timed, so no row measures a failure.
async function check(library, op, run) {
  const result = await run();
  const claims = op === 'sign' ? jsonwebtoken.verify(result, publicPem, verifyOptions) : result;
  if (claims.appId !== APP_ID || claims.exp - claims.iat !== EXPIRES_IN) {
    throw new Error(`${library} ${op} gave unexpected claims ${JSON.stringify(claims)}`);
  }
}

async function main() {
  for (const [library, op, mode, run] of await rows()) {
    await check(library, op, run);
    emit({ library, op, mode, alg: 'RS512-2048', ops: await opsPerSecond(run) });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
