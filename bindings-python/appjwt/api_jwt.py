"""PyJWT's JWT layer (``PyJWT``, ``encode``, ``decode``, ``decode_complete``).

PyJWT's arguments and options are converted here into the core's
``VerifyOptions``; the claim checks themselves run in the core.
"""

from __future__ import annotations

import copy
import json
import warnings
from calendar import timegm
from collections.abc import Container, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from . import _native
from .api_jws import (
    _ALGORITHM_UNSET,
    PyJWS,
    _as_list,
    _has_empty_payload,
    _jws_global_obj,
    _token_bytes,
    _warn_unsupported_kwargs,
)
from .exceptions import DecodeError, InvalidAudienceError, InvalidIssuerError

# How many algorithm lists PyJWT._default_verify_options keeps options for.
_DEFAULT_VERIFY_OPTIONS_KEPT = 16


class PyJWT:
    """PyJWT's ``PyJWT``: JSON claims sets as JWS payloads."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.options: dict[str, Any] = self._get_default_options()
        if options is not None:
            self.options = self._merge_options(options)
        self._jws = PyJWS(options=self._get_sig_options())
        self._default_verify_options_cache: dict[
            tuple[str, ...], tuple[dict[str, Any], frozenset[str], tuple[_native.VerifyOptions, bool]]
        ] = {}

    @staticmethod
    def _get_default_options() -> dict[str, Any]:
        return {
            "verify_signature": True,
            "verify_exp": True,
            "verify_nbf": True,
            "verify_iat": True,
            "verify_aud": True,
            "verify_iss": True,
            "verify_sub": True,
            "verify_jti": True,
            "require": [],
            "strict_aud": False,
            "enforce_minimum_key_length": False,
        }

    def _get_sig_options(self) -> dict[str, Any]:
        return {
            "verify_signature": self.options["verify_signature"],
            "enforce_minimum_key_length": self.options.get("enforce_minimum_key_length", False),
        }

    def _merge_options(self, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if options is None:
            return self.options
        merged = dict(options)
        # Without signature verification, claims are not verified either unless asked.
        if not merged.get("verify_signature", True):
            for check in (
                "verify_exp",
                "verify_nbf",
                "verify_iat",
                "verify_aud",
                "verify_iss",
                "verify_sub",
                "verify_jti",
            ):
                merged[check] = merged.get(check, False)
        return {**self.options, **merged}

    def encode(
        self,
        payload: dict[str, Any],
        key: Any,
        algorithm: str | None = _ALGORITHM_UNSET,
        headers: dict[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        sort_headers: bool = True,
    ) -> str:
        """Encodes ``payload`` as a JSON Web Token signed with ``key``.

        ``datetime`` values of ``exp``, ``iat`` and ``nbf`` become NumericDates.
        """
        if not isinstance(payload, dict):
            raise TypeError(
                "Expecting a dict object, as JWT only supports JSON objects as payloads."
            )
        payload = payload.copy()
        for time_claim in ("exp", "iat", "nbf"):
            if isinstance(payload.get(time_claim), datetime):
                payload[time_claim] = timegm(payload[time_claim].utctimetuple())
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")

        json_payload = self._json_payload(payload, headers, json_encoder)
        return self._jws._encode(
            json_payload, key, algorithm, headers, json_encoder, False, sort_headers
        )

    def _json_payload(
        self,
        payload: dict[str, Any],
        headers: dict[str, Any] | None,
        json_encoder: type[json.JSONEncoder] | None,
    ) -> bytes:
        # The core serialises plain JSON values itself; json.dumps handles what it
        # cannot (a custom encoder, non-string keys, other types) or overrides.
        if json_encoder is None and type(self)._encode_payload is PyJWT._encode_payload:
            try:
                return _native.dump_json(payload)
            except _native.NotJsonNative:
                pass
        return self._encode_payload(payload, headers=headers, json_encoder=json_encoder)

    def _encode_payload(
        self,
        payload: dict[str, Any],
        headers: dict[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
    ) -> bytes:
        """The payload bytes to sign; subclasses may override it (e.g. to compress)."""
        return json.dumps(payload, separators=(",", ":"), cls=json_encoder).encode("utf-8")

    def decode_complete(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Sequence[str] | None = None,
        options: dict[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        issuer: str | Container[str] | None = None,
        subject: str | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """As ``decode``, but returns ``{"header", "payload", "signature"}``."""
        custom_payload = type(self)._decode_payload is not PyJWT._decode_payload
        if (
            options is None
            and verify is None
            and detached_payload is None
            and audience is None
            and issuer is None
            and subject is None
            and type(leeway) is int
            and leeway == 0
            and not kwargs
            and not custom_payload
            and type(algorithms) is list
            and type(jwt) in (str, bytes)
        ):
            # The common call, whose VerifyOptions depend on this object's state alone.
            verify_options, enforce_key_length = self._default_verify_options(algorithms)
            try:
                return self._jws._decode_jwt(jwt, key, verify_options, True, enforce_key_length)
            except DecodeError:
                # The core refuses the empty payload segment of an RFC 7797 detached
                # payload, which is decoded below as PyJWS decodes it; all else fails alike.
                if not self._is_detached(_token_bytes(jwt)):
                    raise
        _warn_unsupported_kwargs("decode_complete", kwargs)
        verify_signature = True if options is None else options.get("verify_signature", True)
        if verify is not None and verify != verify_signature:
            warnings.warn(
                "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer. "
                "The equivalent is setting `verify_signature` to False in the `options` dictionary. "
                "This invocation has a mismatch between the kwarg and the option entry.",
                category=DeprecationWarning,
                stacklevel=2,
            )
        merged = {**self._merge_options(options), "verify_signature": verify_signature}
        token = _token_bytes(jwt)
        claim_options = _claim_options(merged, audience, issuer, subject, leeway)
        if detached_payload is None and not custom_payload and not self._is_detached(token):
            verify_options, enforce_key_length = self._jws._jwt_verify_options(
                algorithms, merged, claim_options
            )
            return self._jws._decode_jwt(
                token, key, verify_options, verify_signature, enforce_key_length
            )
        decoded = self._jws._decode_jws(token, key, algorithms, merged, detached_payload)
        decoded["payload"] = self._decode_payload(decoded)
        _native.validate_claims(decoded["payload"], _native.VerifyOptions(**claim_options))
        return decoded

    def _default_verify_options(self, algorithms: list[str]) -> tuple[_native.VerifyOptions, bool]:
        """The VerifyOptions and key-length enforcement of decode(token, key, algorithms=[...]),
        kept between calls, as building them costs more than the rest of the call outside the
        core. One is used only while this object's options equal (deeply) those it was made
        from, so a change even in place applies to the next call, and while its PyJWS holds
        the same (frozen) set of algorithms."""
        algorithm_names = tuple(algorithms)
        cached = self._default_verify_options_cache.get(algorithm_names)
        if cached is not None:
            options, valid_algorithms, made = cached
            if options == self.options and valid_algorithms is self._jws._valid_algs:
                return made
        merged = {**self._merge_options(None), "verify_signature": True}
        made = self._jws._jwt_verify_options(
            algorithm_names, merged, _claim_options(merged, None, None, None, 0)
        )
        if len(self._default_verify_options_cache) >= _DEFAULT_VERIFY_OPTIONS_KEPT:
            self._default_verify_options_cache.clear()
        self._default_verify_options_cache[algorithm_names] = (
            copy.deepcopy(self.options),
            self._jws._valid_algs,
            made,
        )
        return made

    def _is_detached(self, token: bytes) -> bool:
        return _has_empty_payload(token) and (
            self._jws.get_unverified_header(token).get("b64", True) is False
        )

    def _decode_payload(self, decoded: dict[str, Any]) -> dict[str, Any]:
        """The claims of a JWS payload; subclasses may override it (e.g. to decompress)."""
        try:
            payload = json.loads(decoded["payload"])
        except (ValueError, RecursionError) as error:
            raise DecodeError(f"Invalid payload string: {error}") from error
        if not isinstance(payload, dict):
            raise DecodeError("Invalid payload string: must be a json object")
        return payload

    def decode(
        self,
        jwt: str | bytes,
        key: Any = "",
        algorithms: Sequence[str] | None = None,
        options: dict[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        subject: str | None = None,
        issuer: str | Container[str] | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Verifies the token's signature and claims and returns the claims.

        ``algorithms`` is required (e.g. ``["RS512"]``) unless
        ``options={"verify_signature": False}``.
        """
        if kwargs:  # inline: a call per decode costs more than this check
            _warn_unsupported_kwargs("decode", kwargs)
        decoded = self.decode_complete(
            jwt,
            key,
            algorithms,
            options,
            verify=verify,
            detached_payload=detached_payload,
            audience=audience,
            subject=subject,
            issuer=issuer,
            leeway=leeway,
        )
        payload: dict[str, Any] = decoded["payload"]
        return payload


def _claim_options(
    options: dict[str, Any],
    audience: str | Iterable[str] | None,
    issuer: str | Container[str] | None,
    subject: str | None,
    leeway: float | timedelta,
) -> dict[str, Any]:
    """PyJWT's claim arguments and options as the core's VerifyOptions fields."""
    if audience is not None and not isinstance(audience, (str, Iterable)):
        raise TypeError("audience must be a string, iterable or None")
    strict = bool(options.get("strict_aud", False)) and options["verify_aud"] and audience is not None
    if strict and not isinstance(audience, str):
        raise InvalidAudienceError("Invalid audience (strict)")
    if issuer is None or not options["verify_iss"]:
        issuers: list[str] = []
    elif isinstance(issuer, str):
        issuers = [issuer]
    elif isinstance(issuer, Iterable):
        issuers = list(issuer)
    else:
        raise InvalidIssuerError('Issuer param must be "str" or "Container[str]"')
    verify_aud = options["verify_aud"]
    audiences = _as_list(audience) if verify_aud else []
    if not all(isinstance(expected, str) for expected in audiences):
        raise InvalidAudienceError("Invalid audience: the expected audiences must be strings")
    return {
        "audience": audiences,
        "reject_unexpected_audience": verify_aud,
        "strict_audience": strict,
        "issuer": issuers,
        "subject": subject if options["verify_sub"] else None,
        "clock_tolerance": leeway,
        "ignore_expiration": not options["verify_exp"],
        "ignore_not_before": not options["verify_nbf"],
        "verify_issued_at": options["verify_iat"],
        "required_claims": list(options["require"]),
    }


_jwt_global_obj = PyJWT()
_jwt_global_obj._jws = _jws_global_obj
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode
