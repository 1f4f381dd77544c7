"""What the Flask/WSGI and ASGI middlewares share: where the token is read, how a
request is verified against a KeyStore, and the 401 / 403 answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Optional

from ._native import AppToken, KeyStore
from .exceptions import InsufficientScopeError, PyJWTError

_BEARER = re.compile(r"^Bearer +([^ ]+) *$", re.IGNORECASE)


class AuthFailure(Exception):
    """A request the middleware refuses: 401 (no or bad token) or 403 (missing scope)."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message

    def body(self) -> dict[str, str]:
        return {"error": self.error, "message": self.message}

    def headers(self) -> list[tuple[str, str]]:
        # RFC 6750 3: a 401 names the scheme and why.
        if self.status == 401:
            return [("WWW-Authenticate", f'Bearer error="{self.error}"')]
        return []


def token_from(get_header: Callable[[str], Optional[str]], token_header: str) -> Optional[str]:
    """The token_header (x-token) value, else an Authorization: Bearer token."""
    token = get_header(token_header)
    if token:
        return token
    match = _BEARER.match(get_header("authorization") or "")
    return match.group(1) if match else None


class Gate:
    """What a middleware checks: a valid app token from the KeyStore, holding
    required_scopes, on every path but those starting with one of ``exclude``.
    verify_options go to KeyStore.verify (``options=VerifyOptions(...)``,
    ``app_id_claim``, ``require_expiration``)."""

    def __init__(
        self,
        key_store: KeyStore,
        *,
        required_scopes: Sequence[str] = (),
        token_header: str = "x-token",
        exclude: Sequence[str] = (),
        **verify_options: Any,
    ) -> None:
        if not isinstance(key_store, KeyStore):
            raise TypeError("key_store must be an appjwt.KeyStore")
        self.key_store = key_store
        self.required_scopes = list(required_scopes)
        self.token_header = token_header.lower()
        self.exclude = tuple(exclude)
        self.verify_options = verify_options

    def excludes(self, path: str) -> bool:
        return bool(self.exclude) and path.startswith(self.exclude)

    def authenticate(
        self, get_header: Callable[[str], Optional[str]], extra_scopes: Sequence[str] = ()
    ) -> AppToken:
        """The verified AppToken, or AuthFailure. Only token errors become a
        401/403: anything else (a bug, a broken store) propagates as a server error."""
        token = token_from(get_header, self.token_header)
        if not token:
            raise AuthFailure(401, "invalid_token", "no token was found in the request")
        try:
            return self.key_store.verify(
                token, required_scopes=[*self.required_scopes, *extra_scopes], **self.verify_options
            )
        except InsufficientScopeError as error:
            raise AuthFailure(403, "insufficient_scope", str(error)) from None
        except PyJWTError as error:
            raise AuthFailure(401, "invalid_token", str(error)) from None
