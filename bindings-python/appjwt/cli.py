"""The ``appjwt`` command: application keys, JWKS and token debugging.

A thin argument parser over the core (bindings-node/lib/cli.js is its twin for
npm users). Errors are one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import _native
from .exceptions import PyJWTError

_PRIVATE_SUFFIX = "_private.pem"


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage on an error; one line is easier to read in
    # scripts and logs.
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _read_token(argument: str) -> str:
    return (sys.stdin.read() if argument == "-" else argument).strip()


def _app_id_for(key_path: str, app_id: str | None) -> str:
    """--app-id, else the <appId> of a key file named <appId>_private.pem."""
    if app_id is not None:
        return app_id
    name = Path(key_path).name
    if name.endswith(_PRIVATE_SUFFIX) and len(name) > len(_PRIVATE_SUFFIX):
        return name[: -len(_PRIVATE_SUFFIX)]
    raise ValueError("--app-id is required when the key file is not named <appId>_private.pem")


def _keygen(args: argparse.Namespace) -> None:
    size = {} if args.bits is None else {"rsa_bits": args.bits}
    files = _native.generate_key_pair(args.out, app_id=args.app_id, algorithm=args.alg, **size)
    print(files.app_id)
    print(f"wrote {files.private_key} (private, mode 0600) and {files.public_key}", file=sys.stderr)


def _jwks(args: argparse.Namespace) -> None:
    store = _native.KeyStore.from_directory(args.dir)
    print(json.dumps(store.to_jwks(thumbprint_kid=args.thumbprint_kid), indent=2))


def _sign(args: argparse.Namespace) -> None:
    claims = json.loads(args.claims) if args.claims else None
    if claims is not None and not isinstance(claims, dict):
        raise ValueError("--claims must be a JSON object")
    signer = _native.TokenSigner(
        _app_id_for(args.key, args.app_id),
        _native.load_key_file(args.key),
        ttl=args.ttl,
        algorithm=args.alg,
        key_id=args.kid,
        claims=claims,
    )
    print(signer.token())


def _store_for(args: argparse.Namespace) -> _native.KeyStore:
    store = _native.KeyStore()
    for directory in args.keys or []:
        store.load_directory(directory)
    for path in args.jwks or []:
        store.load_jwks_file(path)
    for url in args.jwks_url or []:
        store.load_jwks_url(url)
    return store


def _verify(args: argparse.Namespace) -> None:
    if not (args.keys or args.jwks or args.jwks_url):
        raise ValueError("give the verifying keys with --keys DIR, --jwks FILE or --jwks-url URL")
    verified = _store_for(args).verify(
        _read_token(args.token),
        app_id_claim=args.app_id_claim,
        required_scopes=args.scope or [],
    )
    print(
        json.dumps(
            {
                "appId": verified.app_id,
                "kid": verified.kid,
                "scopes": verified.scopes,
                "header": verified.header,
                "claims": verified.claims,
            },
            indent=2,
        )
    )


def _describe_time(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "not a NumericDate"
    when = datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def _inspect(args: argparse.Namespace) -> None:
    decoded = _native.decode_unverified(_read_token(args.token))
    print("UNVERIFIED: the signature and claims have NOT been checked.")
    print("header (unverified):")
    print(json.dumps(decoded["header"], indent=2))
    print("payload (unverified):")
    print(json.dumps(decoded["payload"], indent=2))
    for claim in ("iat", "nbf", "exp"):
        if claim in decoded["payload"]:
            print(f"{claim}: {_describe_time(decoded['payload'][claim])}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="appjwt", description="Application keys and tokens (appjwt).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    keygen = commands.add_parser("keygen", help="generate an application's key pair")
    keygen.add_argument("--app-id", help="the app ID (default: a fresh random one)")
    keygen.add_argument("--alg", default="RS512", help="RS512 (default), PS256, ES256, EdDSA...")
    keygen.add_argument("--bits", type=int, help="RSA size: 2048, 3072 (default) or 4096")
    keygen.add_argument("--out", required=True, help="directory for the key files")
    keygen.set_defaults(run=_keygen)

    jwks = commands.add_parser("jwks", help="print a JWKS of the public keys in a directory")
    jwks.add_argument("dir", help="directory of <appId>_public.pem files")
    jwks.add_argument("--thumbprint-kid", action="store_true", help="kid = RFC 7638 thumbprint")
    jwks.set_defaults(run=_jwks)

    sign = commands.add_parser("sign", help="sign an application token")
    sign.add_argument("--key", required=True, help="the app's private key file")
    sign.add_argument("--app-id", help="default: from a key file named <appId>_private.pem")
    sign.add_argument("--alg", default="RS512")
    sign.add_argument("--ttl", type=int, default=300, help="seconds (default 300)")
    sign.add_argument("--kid", help="header kid")
    sign.add_argument("--claims", help='extra claims as a JSON object, e.g. \'{"scope":"users:read"}\'')
    sign.set_defaults(run=_sign)

    verify = commands.add_parser("verify", help="verify an application token")
    verify.add_argument("token", help="the token, or - to read it from stdin")
    verify.add_argument("--keys", action="append", help="directory of <appId>_public.pem files")
    verify.add_argument("--jwks", action="append", help="JWKS file")
    verify.add_argument("--jwks-url", action="append", help="JWKS URL")
    verify.add_argument("--scope", action="append", help="a scope the token must hold")
    verify.add_argument("--app-id-claim", default="appId")
    verify.set_defaults(run=_verify)

    inspect = commands.add_parser("inspect", help="show a token's contents WITHOUT verifying it")
    inspect.add_argument("token", help="the token, or - to read it from stdin")
    inspect.set_defaults(run=_inspect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.run(args)
    except (PyJWTError, ValueError, OSError) as error:
        message = " ".join(str(error).split())
        code = getattr(error, "code", None)
        print(f"appjwt {args.command}: {f'{code}: ' if code else ''}{message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
