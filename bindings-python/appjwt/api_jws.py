"""PyJWT's JWS layer (``PyJWS``) on the native core.

Headers are assembled here as PyJWT assembles them, and a PyJWS payload
segment (any bytes) is base64url-decoded here; token parsing, keys,
signatures and claim checks are the core's (``_native``).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from . import _native
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidTokenError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

_ALGORITHM_UNSET: Any = object()

# RFC 7518 section 3.2: an HMAC key at least as long as the hash output.
_HMAC_MINIMUM_BYTES = {"HS256": 32, "HS384": 48, "HS512": 64}

_ALGORITHMS_REQUIRED = (
    'It is required that you pass in a value for the "algorithms" argument when calling decode().'
)


def _base64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _token_bytes(jwt: Any) -> bytes:
    if isinstance(jwt, str):
        return jwt.encode("utf-8")
    if not isinstance(jwt, bytes):
        raise DecodeError(f"Invalid token type. Token must be a {bytes}")
    return jwt


def _has_empty_payload(token: bytes) -> bool:
    # Without splitting: a hostile token of millions of dots must cost nothing here.
    if token.count(b".") != 2:
        return False
    _, _, rest = token.partition(b".")
    return rest.startswith(b".")


def _base64url_decode(segment: bytes) -> bytes:
    """Strict base64url, as the core decodes: no padding, no other characters, canonical."""
    try:
        data = base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))
    except binascii.Error:
        raise DecodeError("Invalid payload padding") from None
    # urlsafe_b64decode skips foreign characters; re-encoding shows any.
    if _base64url(data) != segment:
        raise DecodeError("Invalid payload padding")
    return data


def _is_cryptography_key(key: Any) -> bool:
    return type(key).__module__.startswith("cryptography.")


def _cryptography_pem(key: Any) -> bytes:
    """PEM of a ``cryptography`` key or certificate object (imported only when given one)."""
    from cryptography.hazmat.primitives import serialization

    pem: bytes
    if hasattr(key, "private_bytes"):
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    elif hasattr(key, "fingerprint"):  # an x509.Certificate
        pem = key.public_bytes(serialization.Encoding.PEM)
    else:
        pem = key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    return pem


# Key arguments that _native takes as they are: the common case, checked inline.
_NATIVE_KEY_TYPES = (str, bytes, dict, _native.Key)


def _key_argument(key: Any) -> Any:
    """The key argument as _native takes it: PyJWT's and cryptography's key objects converted."""
    if type(key).__name__ == "PyJWK":  # PyJWT's JWK wrapper: its parsed key
        key = key.key
    if _is_cryptography_key(key):
        key = _cryptography_pem(key)
    return key


def _prepare_key(key: Any, algorithms: Sequence[str]) -> _native.Key:
    return _native.to_key(_key_argument(key), list(algorithms))


def _check_key_length(key: _native.Key, algorithm: str, enforce: bool) -> None:
    minimum = _HMAC_MINIMUM_BYTES.get(algorithm)
    if minimum is None or key.type != "secret" or key.bits >= minimum * 8:
        return
    message = (
        f"The HMAC key is {key.bits // 8} bytes long, which is below "
        f"the minimum recommended length of {minimum} bytes for "
        f"SHA{algorithm[2:]}. See RFC 7518 Section 3.2."
    )
    if enforce:
        raise InvalidKeyError(message)
    warnings.warn(message, InsecureKeyLengthWarning, stacklevel=4)


def _warn_unsupported_kwargs(function: str, kwargs: dict[str, Any]) -> None:
    if kwargs:
        warnings.warn(
            f"passing additional kwargs to {function}() is deprecated "
            "and will be removed in pyjwt version 3. "
            f"Unsupported kwargs: {tuple(kwargs.keys())}",
            RemovedInPyjwt3Warning,
            stacklevel=3,
        )


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


class PyJWS:
    """PyJWT's ``PyJWS``: compact JWS with any payload bytes."""

    header_typ = "JWT"

    def __init__(
        self,
        algorithms: Sequence[str] | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        supported = frozenset(_native.ALGORITHMS)
        # Frozen, and replaced on change: PyJWT keeps options for it by identity.
        self._valid_algs = supported if algorithms is None else frozenset(algorithms) & supported
        self.options: dict[str, Any] = {
            "verify_signature": True,
            "enforce_minimum_key_length": False,
            **(options or {}),
        }

    def register_algorithm(self, alg_id: str, alg_obj: Any) -> None:
        """Not available: every algorithm is implemented in the native core."""
        raise NotImplementedError(
            "appjwt's algorithms live in its native core; custom algorithms cannot be registered"
        )

    def unregister_algorithm(self, alg_id: str) -> None:
        """Stops this object from signing or verifying with ``alg_id``."""
        if alg_id not in self._valid_algs:
            raise KeyError(
                "The specified algorithm could not be removed because it is not registered."
            )
        self._valid_algs = self._valid_algs - {alg_id}

    def get_algorithms(self) -> list[str]:
        """The ``alg`` values this object signs and verifies."""
        return list(self._valid_algs)

    def encode(
        self,
        payload: bytes,
        key: Any,
        algorithm: str | None = _ALGORITHM_UNSET,
        headers: dict[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        is_payload_detached: bool = False,
        sort_headers: bool = True,
    ) -> str:
        """A compact JWS of ``payload`` (bytes) signed with ``key``."""
        return self._encode(
            payload, key, algorithm, headers, json_encoder, is_payload_detached, sort_headers
        )

    def _encode(
        self,
        payload: bytes,
        key: Any,
        algorithm: str | None,
        headers: dict[str, Any] | None,
        json_encoder: type[json.JSONEncoder] | None,
        is_payload_detached: bool,
        sort_headers: bool,
    ) -> str:
        if algorithm is _ALGORITHM_UNSET:
            algorithm = "HS256"
        elif algorithm is None:
            algorithm = "none"
        if headers:
            if headers.get("alg"):
                algorithm = headers["alg"]
            if headers.get("b64") is False:
                is_payload_detached = True

        header: dict[str, Any] = {"typ": self.header_typ, "alg": algorithm}
        if headers:
            self._validate_headers(headers)
            header.update(headers)
        if not header["typ"]:
            del header["typ"]
        if is_payload_detached:
            header["b64"] = False
            # RFC 7797 section 3: b64 must be listed in crit.
            crit = header.get("crit", [])
            if not isinstance(crit, list):
                raise InvalidTokenError("Invalid 'crit' header: must be a list")
            if "b64" not in crit:
                header["crit"] = [*crit, "b64"]
        elif "b64" in header:
            del header["b64"]

        if algorithm not in self._valid_algs:
            # Also "none": appjwt never makes unsigned tokens.
            raise NotImplementedError("Algorithm not supported")
        header_json = json.dumps(
            header, separators=(",", ":"), cls=json_encoder, sort_keys=sort_headers
        ).encode()
        native_key = _prepare_key(key, [algorithm])
        _check_key_length(native_key, algorithm, self.options["enforce_minimum_key_length"])

        if is_payload_detached:
            header_segment = _base64url(header_json)
            signature = _native.sign_bytes(header_segment + b"." + payload, native_key, algorithm)
            return (header_segment + b".." + _base64url(signature)).decode()
        return _native.sign_compact(header_json, payload, native_key, algorithm)

    def decode_complete(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Sequence[str] | None = None,
        options: dict[str, Any] | None = None,
        detached_payload: bytes | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """``{"header", "payload", "signature"}`` of a verified token; payload as bytes."""
        _warn_unsupported_kwargs("decode_complete", kwargs)
        merged = {**self.options, **(options or {})}
        return self._decode_jws(_token_bytes(jwt), key, algorithms, merged, detached_payload)

    def decode(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Sequence[str] | None = None,
        options: dict[str, Any] | None = None,
        detached_payload: bytes | None = None,
        **kwargs: Any,
    ) -> Any:
        """The payload bytes of a verified token."""
        _warn_unsupported_kwargs("decode", kwargs)
        decoded = self.decode_complete(
            jwt, key, algorithms, options, detached_payload=detached_payload
        )
        return decoded["payload"]

    def get_unverified_header(self, jwt: str | bytes) -> dict[str, Any]:
        """The JOSE header, NOT verified: do not trust it before verification."""
        decoded = self._decode_unverified(_token_bytes(jwt), _DEFAULT_MAX_TOKEN_SIZE)
        header: dict[str, Any] = decoded["header"]
        return header

    def _allowed_algorithms(
        self, algorithms: Sequence[str] | str | None, verify_signature: bool
    ) -> list[str]:
        if not verify_signature:
            return []
        if not algorithms:
            raise DecodeError(_ALGORITHMS_REQUIRED)
        allowed = [name for name in _as_list(algorithms) if name in self._valid_algs]
        if not allowed:
            raise InvalidAlgorithmError("The specified alg value is not allowed")
        return allowed

    def _jwt_verify_options(
        self,
        algorithms: Sequence[str] | str | None,
        options: dict[str, Any],
        claim_options: dict[str, Any],
    ) -> tuple[_native.VerifyOptions, bool]:
        """The core's VerifyOptions for PyJWT's decode arguments and merged options, and
        whether a short HMAC key is an error."""
        allowed = self._allowed_algorithms(algorithms, options.get("verify_signature", True))
        verify_options = _verify_options(allowed, _max_token_size(options), claim_options)
        return verify_options, _enforce_key_length(options)

    def _decode_jwt(
        self,
        token: str | bytes,
        key: Any,
        verify_options: _native.VerifyOptions,
        verify_signature: bool,
        enforce_key_length: bool,
    ) -> dict[str, Any]:
        """A JWT verified (unless told not to) and its claims checked, all in the core: one
        native call finds the key (a PEM through the core's key cache) and verifies."""
        if not verify_signature:
            decoded = _native.decode_unverified(token, verify_options.max_token_size)
            _native.validate_claims(decoded["payload"], verify_options)
            return decoded
        native_key = key if type(key) in _NATIVE_KEY_TYPES else _key_argument(key)
        # True: key_errors_first, as decode has always reported a bad key before a bad token
        # (positional, as a keyword costs pybind11 a name lookup on every call).
        decoded = _native.verify(token, native_key, verify_options, True)
        algorithm = decoded["header"]["alg"]
        if algorithm in _HMAC_MINIMUM_BYTES:  # only HMAC keys have a length to check
            secret = _native.to_key(native_key, verify_options.algorithms)  # a cache hit
            _check_key_length(secret, algorithm, enforce_key_length)
        return decoded

    def _decode_jws(
        self,
        token: bytes,
        key: Any,
        algorithms: Sequence[str] | str | None,
        options: dict[str, Any],
        detached_payload: bytes | None,
    ) -> dict[str, Any]:
        """A JWS whose payload stays bytes (any bytes, or the RFC 7797 detached payload).

        The core parses header and signature and checks the signature; no claim is read.
        """
        verify_signature = options.get("verify_signature", True)
        allowed = self._allowed_algorithms(algorithms, verify_signature)
        decoded = self._decode_unverified(token, _max_token_size(options))
        header = decoded["header"]
        header_segment, payload_segment, _ = token.split(b".")
        if header.get("b64", True) is False:
            crit = header.get("crit") or []
            if not isinstance(crit, list) or "b64" not in crit:
                raise InvalidTokenError(
                    "The 'b64' header parameter requires 'b64' to be listed in 'crit'."
                )
            if payload_segment:
                raise DecodeError("Payload segment must be empty when 'b64' is false.")
            if detached_payload is None:
                raise DecodeError(
                    'It is required that you pass in a value for the "detached_payload" argument to decode a message having the b64 header set to false.'
                )
            payload = signed_payload = detached_payload
        elif detached_payload is not None:
            raise DecodeError(
                'It is only valid to pass "detached_payload" when the protected header has "b64" set to false.'
            )
        else:
            payload, signed_payload = _base64url_decode(payload_segment), payload_segment
        # The core's structure checks passed crit; PyJWS applies only b64.
        for extension in header.get("crit", []):
            if extension != "b64":
                raise InvalidTokenError(f"Unsupported critical extension: {extension}")
        if verify_signature:
            algorithm = header["alg"]
            if algorithm not in allowed:
                raise InvalidAlgorithmError("The specified alg value is not allowed")
            native_key = _prepare_key(key, [algorithm])
            signing_input = header_segment + b"." + signed_payload
            if not _native.verify_bytes(signing_input, decoded["signature"], native_key, algorithm):
                raise InvalidSignatureError("Signature verification failed")
            _check_key_length(native_key, algorithm, _enforce_key_length(options))
        decoded["payload"] = payload
        return decoded

    @staticmethod
    def _decode_unverified(token: bytes, max_token_size: int) -> dict[str, Any]:
        """The core's decode_unverified of header and signature; the payload is left out."""
        segments = token.split(b".")
        if len(segments) != 3 or len(token) > max_token_size:
            # Not a compact JWS within the size limit: the core raises its own error.
            return _native.decode_unverified(token, max_token_size)
        header_segment, _, signature_segment = segments
        # "e30" (base64url of "{}") stands in for the payload, which the core would
        # parse as a JSON object but which a JWS may leave detached or make any bytes.
        stand_in = header_segment + b".e30." + signature_segment
        return _native.decode_unverified(stand_in, max_token_size + len(b"e30"))

    @staticmethod
    def _validate_headers(headers: dict[str, Any]) -> None:
        if "kid" in headers and not isinstance(headers["kid"], str):
            raise InvalidTokenError("Key ID header parameter must be a string")


_DEFAULT_MAX_TOKEN_SIZE = _native.VerifyOptions().max_token_size


def _verify_options(
    algorithms: list[str], max_token_size: int, claim_options: dict[str, Any]
) -> _native.VerifyOptions:
    """The core's VerifyOptions, shared between calls with the same arguments:
    building one costs about as much as verifying an HS256 token, and it is immutable."""
    claims = (
        (name, tuple(value) if isinstance(value, list) else value)
        for name, value in claim_options.items()
    )
    key = (tuple(algorithms), max_token_size, *claims)
    try:
        return _cached_verify_options(key)
    except TypeError:  # an unhashable argument (e.g. an odd leeway type): not cached
        return _cached_verify_options.__wrapped__(key)


@functools.lru_cache(maxsize=128)
def _cached_verify_options(key: tuple[Any, ...]) -> _native.VerifyOptions:
    algorithms, max_token_size, *claims = key
    claim_options: dict[str, Any] = {
        name: list(value) if isinstance(value, tuple) else value for name, value in claims
    }
    return _native.VerifyOptions(
        algorithms=list(algorithms), max_token_size=max_token_size, **claim_options
    )


def _max_token_size(options: dict[str, Any]) -> int:
    size: int = options.get("max_token_size", _DEFAULT_MAX_TOKEN_SIZE)
    return size


def _enforce_key_length(options: dict[str, Any]) -> bool:
    return bool(options.get("enforce_minimum_key_length", False))


_jws_global_obj = PyJWS()
encode = _jws_global_obj.encode
decode_complete = _jws_global_obj.decode_complete
decode = _jws_global_obj.decode
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_unverified_header = _jws_global_obj.get_unverified_header
