// Compiled by tests-node/types.test.js with tsc --noEmit: appjwt's declarations
// are a drop-in for @types/jsonwebtoken, and cover the rest of the API.
import * as jsonwebtoken from "jsonwebtoken";
import * as appjwt from "appjwt";
import auth = require("appjwt/express");

// Each drop-in function and class can stand where jsonwebtoken's is expected.
const sign: typeof jsonwebtoken.sign = appjwt.sign;
const verify: typeof jsonwebtoken.verify = appjwt.verify;
const decode: typeof jsonwebtoken.decode = appjwt.decode;
const errors: [typeof jsonwebtoken.JsonWebTokenError, typeof jsonwebtoken.NotBeforeError, typeof jsonwebtoken.TokenExpiredError] =
  [appjwt.JsonWebTokenError, appjwt.NotBeforeError, appjwt.TokenExpiredError];

// Code written against jsonwebtoken's types compiles against appjwt's.
const token: string = appjwt.sign({ appId: "stores" }, "private pem", { algorithm: "RS512", expiresIn: 300 });
const claims = appjwt.verify(token, "public pem", { algorithms: ["RS512"] });
if (typeof claims !== "string") console.log(claims.exp);
const complete: appjwt.Jwt = appjwt.verify(token, "k", { complete: true });
appjwt.verify(token, (header, callback) => callback(null, header.kid), (error, decoded) => console.log(error?.message, decoded));
const decoded: appjwt.Jwt | null = appjwt.decode(token, { complete: true });

async function rest(): Promise<void> {
  const viaPromise: string = await appjwt.promises.sign({}, appjwt.Key.generate("ES256"), { algorithm: "ES256" });
  const payload = await appjwt.verifyAsync(viaPromise, appjwt.Key.fromJwk({ kty: "oct", k: "c2VjcmV0" }));
  const store = appjwt.KeyStore.fromDirectory("keys").setScopes("stores", ["users:read"]);
  const app: appjwt.AppToken = await store.verify(token, { requiredScopes: ["users:read"] });
  const signer = new appjwt.TokenSigner("stores", "pem", { ttl: "5m" });
  const fresh: string = await signer.token();
  const files: appjwt.KeyPairFiles = await appjwt.generateKeyPair("dir", { algorithm: "RS512" });
  const middleware: auth.Middleware = auth({ keyStore: store, requiredScopes: ["users:admin"] });
  console.log(payload, app.appId, fresh, files.appId, middleware, appjwt.opensslInfo().privateCopy);
}

console.log(sign, verify, decode, errors, complete, decoded, rest);
