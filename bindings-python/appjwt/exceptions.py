"""Exceptions with PyJWT's names and hierarchy, plus appjwt's own.

The native core raises these directly: every core error code maps to one of
them (see bindings-python/src/errors.cpp; ``invalid_argument`` is a
``ValueError``). Each carries ``code``, the core's stable snake_case error name
(``"token_expired"``), and ``claim``, the claim or header parameter concerned
(``"exp"``, ``"alg"``), both ``None`` when raised by the Python layer.
"""

from __future__ import annotations


class PyJWTError(Exception):
    """Base class for all exceptions."""

    code: str | None = None
    claim: str | None = None


class InvalidTokenError(PyJWTError):
    """Base exception when ``decode()`` fails on a token."""


class DecodeError(InvalidTokenError):
    """Raised when a token cannot be decoded because it failed validation."""


class InvalidSignatureError(DecodeError):
    """Raised when a token's signature doesn't match the one provided as part of the token."""


class ExpiredSignatureError(InvalidTokenError):
    """Raised when a token's ``exp`` claim indicates that it has expired.

    ``expired_at`` is the token's ``exp`` (seconds since the epoch) when the
    core reported it.
    """

    expired_at: float | None = None


class InvalidAudienceError(InvalidTokenError):
    """Raised when a token's ``aud`` claim does not match one of the expected audience values."""


class InvalidIssuerError(InvalidTokenError):
    """Raised when a token's ``iss`` claim does not match the expected issuer."""


class InvalidIssuedAtError(InvalidTokenError):
    """Raised when a token's ``iat`` claim is non-numeric."""


class ImmatureSignatureError(InvalidTokenError):
    """Raised when a token's ``nbf`` or ``iat`` claims represent a time in the future.

    ``not_before`` is that time (seconds since the epoch) when the core reported it.
    """

    not_before: float | None = None


class InvalidKeyError(PyJWTError):
    """Raised when the specified key is not in the proper format."""


class InvalidAlgorithmError(InvalidTokenError):
    """Raised when the specified algorithm is not recognized or not allowed."""


class MissingRequiredClaimError(InvalidTokenError):
    """Raised when a claim that is required to be present is not contained in the claimset."""

    def __init__(self, claim: str) -> None:
        super().__init__(claim)
        self.claim = claim

    def __str__(self) -> str:
        return f'Token is missing the "{self.claim}" claim'


class InvalidSubjectError(InvalidTokenError):
    """Raised when a token's ``sub`` claim is not a string or doesn't match the expected ``subject``."""


class InvalidJTIError(InvalidTokenError):
    """Raised when a token's ``jti`` claim is not a string or doesn't match the expected one."""


class PyJWKError(PyJWTError):
    pass


class MissingCryptographyError(PyJWKError):
    """PyJWT's, for code that catches it; appjwt never needs the cryptography package."""


class PyJWKSetError(PyJWTError):
    pass


class PyJWKClientError(PyJWTError):
    pass


class PyJWKClientConnectionError(PyJWKClientError):
    """Raised when a JWKS URL cannot be fetched (the core's ``io_error``)."""


# appjwt's own, for the key store and application IDs (no PyJWT equivalent).


class InvalidAppIdError(PyJWTError, ValueError):
    """An application ID fails the strict app-ID syntax (``[A-Za-z0-9._-]``, bounded length, no ``..``)."""


class UnknownKeyError(InvalidTokenError):
    """The key store holds no key for the token's application ID or ``kid``."""


class InsufficientScopeError(InvalidTokenError):
    """The token asks for a scope its application does not hold (HTTP 403, not 401)."""


class KeySourceError(PyJWTError, OSError):
    """A key file, directory or JWKS document could not be read."""
