"""Application authentication for ASGI applications (FastAPI, Starlette), on a KeyStore.

    from appjwt.asgi import AppAuthMiddleware, require_scopes
    app = FastAPI()
    app.add_middleware(AppAuthMiddleware, key_store=appjwt.KeyStore.from_directory("keys"))

    @app.get("/users")
    async def users(request: Request): ... request.state.app_auth.app_id

    @app.delete("/users/{user_id}", dependencies=[Depends(require_scopes("users:admin"))])

The middleware reads the ``x-token`` header (``token_header``) or
``Authorization: Bearer``, verifies on a worker thread (the core releases the
GIL) so the event loop keeps serving, and puts the AppToken in
``scope["state"]["app_auth"]`` (Starlette's ``request.state.app_auth``). It
answers 401 ``{"error": "invalid_token", "message": ...}`` or 403
``{"error": "insufficient_scope", ...}`` itself. Starlette is imported only by
require_scopes (``pip install appjwt[fastapi]``).
"""

import asyncio
import functools
import json
from collections.abc import Awaitable
from typing import Any, Callable, Optional

from ._http_auth import AuthFailure, Gate
from ._native import AppToken, KeyStore

__all__ = ["AppAuthMiddleware", "require_scopes", "STATE_KEY"]

STATE_KEY = "app_auth"

_Receive = Callable[[], Awaitable[dict[str, Any]]]
_Send = Callable[[dict[str, Any]], Awaitable[None]]
_App = Callable[[dict[str, Any], _Receive, _Send], Awaitable[None]]


def _header_getter(scope: dict[str, Any]) -> Callable[[str], Optional[str]]:
    headers: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        # The first of repeated headers, as WSGI servers do.
        headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return lambda name: headers.get(name.lower())


class AppAuthMiddleware:
    """Every HTTP request needs a valid app token holding required_scopes; paths
    starting with one of ``exclude`` are let through, as are lifespan and
    non-HTTP scopes (a websocket authenticates in its own handler). Options:
    required_scopes, token_header ("x-token"), exclude, and KeyStore.verify's
    (``options=VerifyOptions(...)``, ``app_id_claim``, ``require_expiration``)."""

    def __init__(self, app: _App, key_store: KeyStore, **options: Any) -> None:
        self.app = app
        self.gate = Gate(key_store, **options)

    async def __call__(self, scope: dict[str, Any], receive: _Receive, send: _Send) -> None:
        if scope["type"] != "http" or self.gate.excludes(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        authenticate = functools.partial(self.gate.authenticate, _header_getter(scope))
        try:
            verified = await asyncio.get_running_loop().run_in_executor(None, authenticate)
        except AuthFailure as failure:
            await _send_failure(send, failure)
            return
        scope.setdefault("state", {})[STATE_KEY] = verified
        await self.app(scope, receive, send)


async def _send_failure(send: _Send, failure: AuthFailure) -> None:
    body = json.dumps(failure.body()).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(name.lower().encode(), value.encode()) for name, value in failure.headers()]
    await send({"type": "http.response.start", "status": failure.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def require_scopes(*scopes: str) -> Callable[[Any], AppToken]:
    """A FastAPI dependency for routes behind AppAuthMiddleware: returns the
    request's AppToken, or raises HTTPException 403 unless it holds every scope
    (401 if the middleware did not authenticate the request)."""
    from starlette.exceptions import HTTPException
    from starlette.requests import Request

    def dependency(request: Request) -> AppToken:
        verified: Optional[AppToken] = getattr(request.state, STATE_KEY, None)
        if verified is None:
            raise HTTPException(401, "no verified app token: is AppAuthMiddleware installed?")
        missing = [scope for scope in scopes if scope not in verified.scopes]
        if missing:
            raise HTTPException(403, f"the token lacks the required scope {missing[0]!r}")
        return verified

    return dependency
