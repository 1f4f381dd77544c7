'use strict';
// Express middleware, in the spirit of express-jwt: verifies the request's token
// off the main thread and sets req.auth, or answers 401 (403 for a missing
// scope) with a small JSON body that never carries internals.
//
//   const auth = require('appjwt/express');
//   app.use(auth({ keyStore }));                                  // req.auth = { appId, claims, scopes, kid }
//   app.get('/admin', auth({ keyStore, requiredScopes: ['users:admin'] }), handler);
//   app.use(auth({ secret: publicPem, algorithms: ['RS512'] }));  // req.auth = claims
const { promises } = require('./index');
const { KeyStore } = require('./app-auth');

// The x-token header (this project's scenario), else Authorization: Bearer.
function tokenFrom(headerName) {
  return (req) => {
    const token = req.headers[headerName];
    if (typeof token === 'string' && token !== '') return token;
    const match = /^Bearer +([^ ]+) *$/i.exec(req.headers.authorization || '');
    return match ? match[1] : undefined;
  };
}

function reject(res, status, error, message) {
  if (status === 401) res.set('WWW-Authenticate', `Bearer error="${error}"`);
  res.status(status).json({ error, message });
}

// options: keyStore, or secret (any key jwt.verify takes, or a function
// (header, callback) as in jwt.verify) with algorithms (required); getToken(req)
// or tokenHeader ('x-token'); credentialsRequired (true); requestProperty
// ('auth'); requiredScopes (with a keyStore); and any jwt.verify / keyStore.verify
// option (audience, issuer, clockTolerance, maxAge, ...).
function appjwt(options) {
  if (!options || (!options.keyStore && !options.secret)) {
    throw new TypeError('appjwt/express: options.keyStore or options.secret is required');
  }
  if (options.keyStore && !(options.keyStore instanceof KeyStore)) {
    throw new TypeError('appjwt/express: options.keyStore must be an appjwt.KeyStore');
  }
  if (!options.keyStore && (!Array.isArray(options.algorithms) || options.algorithms.length === 0)) {
    throw new TypeError('appjwt/express: options.algorithms is required (e.g. ["RS512"])');
  }
  const {
    keyStore, secret, getToken = tokenFrom((options.tokenHeader || 'x-token').toLowerCase()),
    credentialsRequired = true, requestProperty = 'auth', ...verifyOptions
  } = options;
  delete verifyOptions.tokenHeader;
  const requiredScopes = verifyOptions.requiredScopes;
  if (requiredScopes !== undefined && !keyStore) {
    throw new TypeError('appjwt/express: requiredScopes needs a keyStore, which grants the scopes');
  }
  const check = keyStore
    ? (token) => keyStore.verify(token, verifyOptions)
    : (token) => promises.verify(token, secret, verifyOptions);

  return function appjwtMiddleware(req, res, next) {
    let token;
    try {
      token = getToken(req);
    } catch (error) {
      return next(error);
    }
    if (!token) {
      if (!credentialsRequired) return next();
      return reject(res, 401, 'invalid_token', 'no token was found in the request');
    }
    return check(token).then((verified) => {
      req[requestProperty] = verified;
      next();
    }, (error) => {
      if (error.code === 'insufficient_scope') {
        return reject(res, 403, 'insufficient_scope', 'the token lacks a required scope');
      }
      if (error.name === 'JsonWebTokenError' || error.name === 'TokenExpiredError' ||
          error.name === 'NotBeforeError') {
        return reject(res, 401, 'invalid_token', error.message);
      }
      return next(error);
    });
  };
}

module.exports = appjwt;
module.exports.appjwt = appjwt;
