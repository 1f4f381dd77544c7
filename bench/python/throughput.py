"""Python rows, RS512 with RSA-2048: appjwt vs PyJWT (and joserfc), each with the
PEM string on every call and with a key loaded once."""

from __future__ import annotations

from typing import Any, Callable

import jwt as pyjwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

import appjwt
from common import ALG, APP_ID, EXPIRES_IN, PRIVATE_PEM, PUBLIC_PEM, emit, ops_per_second, payload

try:
    from joserfc import jwt as joserfc_jwt
    from joserfc.jwk import RSAKey
except ImportError:  # joserfc is optional ("if available")
    joserfc_jwt = None

TOKEN = pyjwt.encode(payload(), PRIVATE_PEM, algorithm=ALG)
Row = tuple[str, str, str, Callable[[], Any]]


def appjwt_rows() -> list[Row]:
    private_key, public_key = appjwt.Key.from_pem(PRIVATE_PEM), appjwt.Key.from_pem(PUBLIC_PEM)
    return [
        ("appjwt", "sign", "PEM per call", lambda: appjwt.encode(payload(), PRIVATE_PEM, algorithm=ALG)),
        ("appjwt", "sign", "key object", lambda: appjwt.encode(payload(), private_key, algorithm=ALG)),
        ("appjwt", "verify", "PEM per call", lambda: appjwt.decode(TOKEN, PUBLIC_PEM, algorithms=[ALG])),
        ("appjwt", "verify", "key object", lambda: appjwt.decode(TOKEN, public_key, algorithms=[ALG])),
    ]


def pyjwt_rows() -> list[Row]:
    private_key = load_pem_private_key(PRIVATE_PEM.encode(), password=None)
    public_key = load_pem_public_key(PUBLIC_PEM.encode())
    return [
        ("PyJWT", "sign", "PEM per call", lambda: pyjwt.encode(payload(), PRIVATE_PEM, algorithm=ALG)),
        ("PyJWT", "sign", "key object", lambda: pyjwt.encode(payload(), private_key, algorithm=ALG)),
        ("PyJWT", "verify", "PEM per call", lambda: pyjwt.decode(TOKEN, PUBLIC_PEM, algorithms=[ALG])),
        ("PyJWT", "verify", "key object", lambda: pyjwt.decode(TOKEN, public_key, algorithms=[ALG])),
    ]


def joserfc_rows() -> list[Row]:
    if joserfc_jwt is None:
        return []
    private_key, public_key = RSAKey.import_key(PRIVATE_PEM), RSAKey.import_key(PUBLIC_PEM)
    registry = joserfc_jwt.JWTClaimsRegistry(exp={"essential": True})
    header = {"alg": ALG}

    def verify(key: Any) -> dict[str, Any]:
        token = joserfc_jwt.decode(TOKEN, key, algorithms=[ALG])
        registry.validate(token.claims)  # exp
        return token.claims

    return [
        ("joserfc", "sign", "PEM per call",
         lambda: joserfc_jwt.encode(header, payload(), RSAKey.import_key(PRIVATE_PEM), algorithms=[ALG])),
        ("joserfc", "sign", "key object",
         lambda: joserfc_jwt.encode(header, payload(), private_key, algorithms=[ALG])),
        ("joserfc", "verify", "PEM per call", lambda: verify(RSAKey.import_key(PUBLIC_PEM))),
        ("joserfc", "verify", "key object", lambda: verify(public_key)),
    ]


def check(library: str, op: str, run: Callable[[], Any]) -> None:
    """Each row's result is checked once before it is timed."""
    result = run()
    claims = pyjwt.decode(result, PUBLIC_PEM, algorithms=[ALG]) if op == "sign" else result
    if claims["appId"] != APP_ID or claims["exp"] - claims["iat"] != EXPIRES_IN:
        raise SystemExit(f"{library} {op} gave unexpected claims {claims}")


def main() -> None:
    rows = appjwt_rows() + pyjwt_rows() + joserfc_rows()
    for op_name in ("sign", "verify"):
        for library, op, mode, run in rows:
            if op == op_name:
                check(library, op, run)
                emit(library=library, op=op, mode=mode, alg="RS512-2048", ops=ops_per_second(run))


if __name__ == "__main__":
    main()
