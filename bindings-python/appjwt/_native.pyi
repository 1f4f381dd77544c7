"""Type stubs for appjwt._native, the C++ core (re-exported by ``appjwt``).

Names mirror the C++ API (core/include/appjwt/*.hpp) in snake_case. Every
function that signs, verifies, parses or generates a key, or reads a file or
URL, releases the GIL while the core works. Core errors are raised as the
exceptions of ``appjwt.exceptions`` with the core's error code in ``.code``
(``"token_expired"``, ``"unknown_key"``...); ``invalid_argument`` is a
``ValueError``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, Union

_Seconds = Union[int, float, datetime.timedelta]
_PathLike = Union[str, os.PathLike[str]]
# A key argument: a Key; a PEM / OpenSSH / JWK-JSON document or (for HS*
# algorithms only) an HMAC secret as str or bytes; or a JWK dict.
_KeyLike = Union["Key", str, bytes, dict[str, Any]]

__version__: str
#: The JOSE names of every supported algorithm ("none" is never supported).
ALGORITHMS: tuple[str, ...]

class NotJsonNative(TypeError):
    """A value dump_json cannot serialise itself (the caller falls back to json.dumps)."""

class Key:
    """A parsed key bound to its algorithm family; immutable and safe to share across threads."""

    @staticmethod
    def from_pem(pem: str | bytes, passphrase: str | bytes | None = None) -> Key:
        """PKCS#8 (encrypted or not), PKCS#1/SEC1 private keys, SPKI/PKCS#1 public keys,
        X.509 certificates and OpenSSH public keys. InvalidKeyError otherwise."""
    @staticmethod
    def from_der(der: bytes) -> Key: ...
    @staticmethod
    def from_jwk(jwk: dict[str, Any] | str | bytes) -> Key:
        """RFC 7517 JWK: RSA, EC (P-256/384/521), OKP (Ed25519) and oct."""
    @staticmethod
    def from_secret(secret: str | bytes) -> Key:
        """An HMAC secret; refuses an empty one and one that is a key document."""
    @staticmethod
    def generate_rsa(bits: int = 3072) -> Key: ...
    @staticmethod
    def generate_ec(curve: Literal["P-256", "P-384", "P-521"] = "P-256") -> Key: ...
    @staticmethod
    def generate_ed25519() -> Key: ...
    @property
    def type(self) -> Literal["rsa", "ec", "ed25519", "secret"]: ...
    @property
    def curve(self) -> Literal["P-256", "P-384", "P-521", "Ed25519"] | None: ...
    @property
    def bits(self) -> int: ...
    @property
    def is_private(self) -> bool:
        """True for private asymmetric keys and for secrets."""
    def supports(self, algorithm: str) -> bool:
        """Whether this key may be used with algorithm at all."""
    def public_key(self) -> Key: ...
    def public_pem(self) -> str: ...
    def private_pem(self) -> str:
        """Unencrypted PKCS#8 PEM; InvalidKeyError for a public key."""
    def to_public_jwk(self) -> dict[str, Any]: ...
    def thumbprint(self) -> str:
        """RFC 7638 SHA-256 thumbprint, base64url."""

def to_key(key: _KeyLike, algorithms: Sequence[str]) -> Key:
    """The Key for a key argument, parsed through the shared bounded key cache (so the
    same PEM string on every call is parsed once). str/bytes are an HMAC secret when
    every algorithm is HS*, otherwise a key document."""

def key_cache_size() -> int:
    """How many parsed keys the shared cache holds (at most 256, least recently used evicted)."""

def clear_key_cache() -> None: ...

class VerifyOptions:
    """What verify() checks besides the signature (appjwt::VerifyOptions); immutable."""

    def __init__(
        self,
        *,
        algorithms: Sequence[str] = ...,
        audience: Sequence[str] = ...,
        audience_patterns: Sequence[str] = ...,
        reject_unexpected_audience: bool = True,
        strict_audience: bool = False,
        issuer: Sequence[str] = ...,
        subject: str | None = None,
        jwt_id: str | None = None,
        nonce: str | None = None,
        clock_tolerance: _Seconds = 0,
        max_age: _Seconds | None = None,
        ignore_expiration: bool = False,
        ignore_not_before: bool = False,
        verify_issued_at: bool = True,
        required_claims: Sequence[str] = ...,
        now: float | None = None,
        max_token_size: int = 8192,
        allow_insecure_key_sizes: bool = False,
        understood_critical: Sequence[str] = ...,
    ) -> None:
        """algorithms is required for verify(); unknown names are ignored.
        audience_patterns are ECMAScript regular expressions, searched."""
    @property
    def algorithms(self) -> list[str]: ...
    @property
    def audience(self) -> list[str]: ...
    @property
    def reject_unexpected_audience(self) -> bool: ...
    @property
    def strict_audience(self) -> bool: ...
    @property
    def issuer(self) -> list[str]: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def jwt_id(self) -> str | None: ...
    @property
    def nonce(self) -> str | None: ...
    @property
    def clock_tolerance(self) -> float: ...
    @property
    def max_age(self) -> float | None: ...
    @property
    def ignore_expiration(self) -> bool: ...
    @property
    def ignore_not_before(self) -> bool: ...
    @property
    def verify_issued_at(self) -> bool: ...
    @property
    def required_claims(self) -> list[str]: ...
    @property
    def now(self) -> float | None: ...
    @property
    def max_token_size(self) -> int: ...
    @property
    def allow_insecure_key_sizes(self) -> bool: ...
    @property
    def understood_critical(self) -> list[str]: ...

def verify(
    token: str | bytes, key: _KeyLike, options: VerifyOptions, key_errors_first: bool = False
) -> dict[str, Any]:
    """Verifies signature, algorithm and claims: {"header", "payload", "signature"}.

    A str/bytes key is found through the shared key cache, with the GIL released once
    for the lookup and the verification. A bad key is reported once the token has passed
    the structure and algorithm checks, or before anything else with key_errors_first."""

def decode_unverified(token: str | bytes, max_token_size: int = 8192) -> dict[str, Any]:
    """Splits and parses a token WITHOUT verifying it: {"header", "payload", "signature"}."""

def validate_claims(payload: dict[str, Any], options: VerifyOptions) -> None:
    """The claim checks of verify() alone."""

def sign(
    payload: dict[str, Any],
    key: _KeyLike,
    algorithm: str = "RS512",
    *,
    expires_in: _Seconds | None = None,
    not_before: _Seconds | None = None,
    issuer: str | None = None,
    subject: str | None = None,
    audience: str | list[str] | None = None,
    jwt_id: str | None = None,
    key_id: str | None = None,
    header: dict[str, Any] | None = None,
    add_typ: bool = True,
    issued_at: bool = True,
    now: float | None = None,
    allow_insecure_key_sizes: bool = False,
) -> str:
    """The core's sign(): adds iat (unless issued_at=False) and the claims of the options;
    a payload claim an option would also set is a ValueError."""

def dump_json(value: Any) -> bytes:
    """Compact JSON of plain JSON values; NotJsonNative for anything else."""

def sign_compact(
    header_json: str | bytes,
    payload: str | bytes,
    key: _KeyLike,
    algorithm: str,
    allow_insecure_key_sizes: bool = False,
) -> str:
    """A compact JWS over exactly these header and payload bytes (header alg must match)."""

def sign_bytes(
    signing_input: str | bytes, key: _KeyLike, algorithm: str, allow_insecure_key_sizes: bool = False
) -> bytes: ...
def verify_bytes(
    signing_input: str | bytes,
    signature: bytes,
    key: _KeyLike,
    algorithm: str,
    allow_insecure_key_sizes: bool = False,
) -> bool:
    """False for a bad signature; raises only for key/algorithm mismatches."""

# Application IDs and key files (appjwt/app_id.hpp, appjwt/key_files.hpp).

def is_valid_app_id(app_id: str) -> bool:
    """1..128 characters of [A-Za-z0-9._-], not starting with '.', without '..'."""

def validate_app_id(app_id: str) -> None:
    """InvalidAppIdError unless is_valid_app_id(app_id)."""

def generate_app_id() -> str:
    """A fresh unguessable app ID, e.g. "kjh2-vt23-s23t-poq2-xsw8-p09o-qw12"."""

def generate_key(algorithm: str = "RS512", rsa_bits: int = 3072) -> Key:
    """A fresh private key for algorithm (RSA 2048/3072/4096, the ES* curve, Ed25519);
    ValueError for HS*."""

def default_algorithms(key: Key) -> list[str]:
    """RSA: ["RS512"], EC: its ES*, Ed25519: ["EdDSA"]."""

def private_key_path(dir: _PathLike, app_id: str) -> Path:
    """dir / "<app_id>_private.pem"; InvalidAppIdError for a bad app ID."""

def public_key_path(dir: _PathLike, app_id: str) -> Path: ...

class KeyPairFiles:
    @property
    def app_id(self) -> str: ...
    @property
    def private_key(self) -> Path: ...
    @property
    def public_key(self) -> Path: ...

def write_key_pair(dir: _PathLike, app_id: str, private_key: Key) -> KeyPairFiles:
    """<app_id>_private.pem (0600) and <app_id>_public.pem; never overwrites
    (KeySourceError) and never leaves a partial file."""

def generate_key_pair(
    dir: _PathLike, *, app_id: str | None = None, algorithm: str = "RS512", rsa_bits: int = 3072
) -> KeyPairFiles:
    """generate_key() then write_key_pair(), with a fresh app ID unless given: `appjwt keygen`."""

def read_key_file(path: _PathLike) -> bytes:
    """A key file's contents (at most 1 MiB); KeySourceError naming the path."""

def load_key_file(path: _PathLike, passphrase: str | None = None) -> Key: ...

# The key store, on the API server (appjwt/key_store.hpp).

class AppKey:
    """One public key of one application in a KeyStore."""

    @property
    def app_id(self) -> str: ...
    @property
    def kid(self) -> str: ...
    @property
    def key(self) -> Key: ...
    @property
    def algorithms(self) -> list[str]: ...

class AppToken:
    """A verified application token."""

    @property
    def app_id(self) -> str: ...
    @property
    def kid(self) -> str:
        """kid of the store key that verified it."""
    @property
    def header(self) -> dict[str, Any]: ...
    @property
    def claims(self) -> dict[str, Any]: ...
    @property
    def scopes(self) -> list[str]:
        """The app's granted scopes, narrowed by the token's "scope" claim."""

class KeyStore:
    """App ID -> public keys, algorithms and granted scopes. verify() may run on any
    number of threads while keys are added, removed or reloaded."""

    def __init__(self, *, verified_token_cache_size: int = 0) -> None:
        """verified_token_cache_size: how many verified tokens to remember (0: none). A
        token seen again, byte for byte, is then a lookup instead of a signature check;
        each call's options are still checked, and any change to the store drops every
        entry."""
    @staticmethod
    def from_directory(
        dir: _PathLike,
        algorithms: Sequence[str] | None = None,
        *,
        verified_token_cache_size: int = 0,
    ) -> KeyStore:
        """A store of every <appId>_public.pem in dir."""
    def load_directory(self, dir: _PathLike, algorithms: Sequence[str] | None = None) -> None: ...
    def load_jwks_file(self, path: _PathLike, algorithms: Sequence[str] | None = None) -> None: ...
    def load_jwks_url(
        self,
        url: str,
        *,
        timeout: _Seconds = 5.0,
        default_max_age: _Seconds = 300,
        refetch_cooldown: _Seconds = 30,
        max_document_size: int = 1048576,
        algorithms: Sequence[str] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Fetches now, refetches after Cache-Control max-age and (at most once per
        refetch_cooldown) on an unknown app or kid. clock: monotonic seconds, for tests."""
    def add_jwks(self, jwks: str | bytes | dict[str, Any], algorithms: Sequence[str] | None = None) -> None: ...
    def add(
        self, app_id: str, key: _KeyLike, *, algorithms: Sequence[str] | None = None, kid: str = ""
    ) -> None:
        """Adds one public key; algorithms default to the key type's (RSA: RS512),
        kid to the key's RFC 7638 thumbprint."""
    def remove(self, app_id: str, kid: str = "") -> bool: ...
    def set_scopes(self, app_id: str, scopes: Sequence[str]) -> None: ...
    def scopes(self, app_id: str) -> list[str]: ...
    def reload(self) -> None:
        """Re-reads every source and swaps the result in at once (or raises and keeps the old)."""
    def contains(self, app_id: str) -> bool: ...
    def __contains__(self, app_id: str) -> bool: ...
    def app_ids(self) -> list[str]: ...
    def keys(self, app_id: str) -> list[AppKey]: ...
    def size(self) -> int:
        """Number of keys."""
    def __len__(self) -> int: ...
    def cached_token_count(self) -> int:
        """Tokens in the verified-token cache now (0 when it is off)."""
    def to_jwks(self, *, thumbprint_kid: bool = False) -> dict[str, Any]: ...
    def verify(
        self,
        token: str | bytes,
        options: VerifyOptions | None = None,
        *,
        app_id_claim: str = "appId",
        app_id_from_kid: bool = False,
        required_scopes: Sequence[str] = ...,
        require_expiration: bool = True,
    ) -> AppToken:
        """Verifies an application token: InvalidAppIdError, UnknownKeyError (unknown
        app or kid), the usual InvalidTokenError subclasses, InsufficientScopeError.
        options.algorithms may be empty (each key's own algorithms apply)."""

def verify_app_token(
    token: str | bytes, store: KeyStore, options: VerifyOptions | None = None
) -> AppToken:
    """store.verify(token, options)."""

# The token signer, on the calling application (appjwt/token_signer.hpp).

class TokenSigner:
    """A token for each request, cached and re-signed refresh_margin before expiry;
    thread-safe."""

    def __init__(
        self,
        app_id: str,
        private_key: _KeyLike,
        *,
        ttl: _Seconds = 300,
        algorithm: str = "RS512",
        refresh_margin: _Seconds = 30,
        app_id_claim: str = "appId",
        key_id: str | None = None,
        claims: dict[str, Any] | None = None,
        clock: Callable[[], float] | None = None,
        allow_insecure_key_sizes: bool = False,
    ) -> None:
        """clock: wall-clock seconds since the epoch, for tests."""
    def token(self) -> str: ...
    def refresh(self) -> str:
        """Signs a new token now and caches it."""
    @property
    def app_id(self) -> str: ...
    @property
    def expires_at(self) -> float:
        """exp of the cached token (0 before the first token())."""
