'use strict';
// jsonwebtoken@9's error classes, with the same constructors, names and own
// enumerable properties (so JSON.stringify(err) and deepEqual see the same
// shape). appjwt adds non-enumerable `code`, the core's error code
// ('token_expired', 'invalid_signature', 'unknown_key', ...), and `claim`, the
// claim or header parameter concerned ('exp', 'aud', 'alg') when there is one.

// jsonwebtoken's constructor also calls Error.call(this, message), which only
// makes (and drops) a second Error with its own stack trace: left out.
function JsonWebTokenError(message, error) {
  if (Error.captureStackTrace) {
    Error.captureStackTrace(this, this.constructor);
  }
  this.name = 'JsonWebTokenError';
  this.message = message;
  if (error) this.inner = error;
}
JsonWebTokenError.prototype = Object.create(Error.prototype);
JsonWebTokenError.prototype.constructor = JsonWebTokenError;

// NotBeforeError(message, date) and TokenExpiredError(message, expiredAt).
function subclass(name, dateProperty) {
  const ErrorClass = function (message, date) {
    JsonWebTokenError.call(this, message);
    this.name = name;
    this[dateProperty] = date;
  };
  Object.defineProperty(ErrorClass, 'name', { value: name });
  ErrorClass.prototype = Object.create(JsonWebTokenError.prototype);
  ErrorClass.prototype.constructor = ErrorClass;
  return ErrorClass;
}
const NotBeforeError = subclass('NotBeforeError', 'date');
const TokenExpiredError = subclass('TokenExpiredError', 'expiredAt');

function withCode(error, code, claim) {
  const hidden = (value) => ({ value, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(error, 'code', hidden(code));
  if (claim) Object.defineProperty(error, 'claim', hidden(claim));
  return error;
}

module.exports = { JsonWebTokenError, NotBeforeError, TokenExpiredError, withCode };
