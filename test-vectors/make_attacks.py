#!/usr/bin/env python3
"""Generates test-vectors/attacks.json: hostile tokens and keys that appjwt must reject.

Every case names the key to verify with (an entry of "keys"), the verify options
and the exact appjwt::to_string(ErrorCode) the core must report. Nothing in the
file may ever be accepted. tests-cpp/attack_test.cpp, tests-python/test_attacks.py
and tests-node/attacks.test.js run it.

Keys are generated once and kept: a rerun reuses the keys already in attacks.json,
so the file only changes where the cases change. ECDSA signatures are RFC 6979
deterministic; PSS salts are random, so PS* tokens differ between runs.

    python3 test-vectors/make_attacks.py   # rewrites test-vectors/attacks.json

The keys are TEST-ONLY: they are public in this repository and protect nothing.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import pathlib
from typing import Any, Callable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.x509.oid import NameOID

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "attacks.json"

IAT = 1700000000
EXP = 4102444800  # 2100-01-01: cases must fail for their attack, not for expiry
APP_ID = "store-front"
CLAIMS = {"appId": APP_ID, "iat": IAT, "exp": EXP}
SERVER_SECRET = b"test-only-server-hmac-secret-of-64-bytes-long-enough-for-HS512!!"

CURVE_ORDERS = {
    "P-256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "P-384": int(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
        "581A0DB248B0A77AECEC196ACCC52973",
        16,
    ),
    "P-521": int(
        "01FF" + "FFFFFFFF" * 7 + "FFFFFFFA"
        "51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        16,
    ),
}
CURVE_BYTES = {"P-256": 32, "P-384": 48, "P-521": 66}
ED25519_ORDER = 2**252 + 27742317777372353535851937790883648493
HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def to_json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


# --- keys ---------------------------------------------------------------------------------------

KEY_SPECS: dict[str, Callable[[], Any]] = {
    "server_rsa": lambda: rsa.generate_private_key(65537, 2048),
    "attacker_rsa": lambda: rsa.generate_private_key(65537, 2048),
    "weak_rsa_1024": lambda: rsa.generate_private_key(65537, 1024),
    "server_ec_p256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "server_ec_p384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "server_ec_p521": lambda: ec.generate_private_key(ec.SECP521R1()),
    "attacker_ec_p256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "server_ed25519": ed25519.Ed25519PrivateKey.generate,
}


def load_private_keys() -> dict[str, Any]:
    """The keys of the previous attacks.json, generating any that are missing."""
    previous = json.loads(OUT.read_text())["keys"] if OUT.exists() else {}
    keys = {}
    for name, generate in KEY_SPECS.items():
        stored = previous.get(name + "_private")
        keys[name] = (
            serialization.load_pem_private_key(stored["pem"].encode(), None)
            if stored
            else generate()
        )
    return keys


def private_pem(key: Any) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_pem(key: Any) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def public_jwk(key: Any) -> dict[str, str]:
    def uint(value: int, size: int | None = None) -> str:
        return b64url(value.to_bytes(size or (value.bit_length() + 7) // 8, "big"))

    public = key.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        return {"kty": "RSA", "n": uint(numbers.n), "e": uint(numbers.e)}
    numbers = public.public_numbers()
    crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}[public.curve.name]
    size = CURVE_BYTES[crv]
    return {"kty": "EC", "crv": crv, "x": uint(numbers.x, size), "y": uint(numbers.y, size)}


def self_signed_certificate(key: Any) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "attacker.example")])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=36500))
        .sign(key, hashes.SHA256())
    )


def openssh_public(key: Any) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


# --- signing ------------------------------------------------------------------------------------


def sign_bytes(alg: str, key: Any, data: bytes) -> bytes:
    family, bits = alg[:2], alg[2:]
    if family == "HS":
        return hmac.new(key, data, getattr(hashlib, "sha" + bits)).digest()
    if family == "RS":
        return key.sign(data, padding.PKCS1v15(), HASHES[bits]())
    if family == "PS":
        pss = padding.PSS(padding.MGF1(HASHES[bits]()), int(bits) // 8)
        return key.sign(data, pss, HASHES[bits]())
    if family == "ES":
        der = key.sign(data, ec.ECDSA(HASHES[bits](), deterministic_signing=True))
        size = (key.curve.key_size + 7) // 8
        r, s = decode_dss_signature(der)
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if alg == "EdDSA":
        return key.sign(data)
    raise ValueError(alg)


def compact(header_segment: str, payload_segment: str, signature: bytes) -> str:
    return f"{header_segment}.{payload_segment}.{b64url(signature)}"


def token_from_bytes(header: bytes, payload: bytes, alg: str, key: Any) -> str:
    """Signs exactly these header and payload bytes, so byte-level defects survive."""
    signing_input = f"{b64url(header)}.{b64url(payload)}"
    return compact(b64url(header), b64url(payload), sign_bytes(alg, key, signing_input.encode()))


def token(
    alg: str, key: Any, claims: dict | None = None, header: dict | None = None, sign_alg: str = ""
) -> str:
    """A token with header {"alg": alg, "typ": "JWT", **header}, signed with sign_alg (or alg)."""
    full_header = {"alg": alg, "typ": "JWT", **(header or {})}
    payload = CLAIMS if claims is None else claims
    return token_from_bytes(to_json(full_header), to_json(payload), sign_alg or alg, key)


def with_signature(token_text: str, signature: bytes) -> str:
    header_segment, payload_segment, _ = token_text.split(".")
    return compact(header_segment, payload_segment, signature)


def unsigned(header: dict, signature_segment: str = "") -> str:
    return f"{b64url(to_json(header))}.{b64url(to_json(CLAIMS))}.{signature_segment}"


# --- cases --------------------------------------------------------------------------------------


class Cases:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, section: str, name: str, description: str, expected_error: str, **fields) -> None:
        if any(case["name"] == name for case in self.items):
            raise ValueError(f"duplicate case name {name}")
        self.items.append(
            {
                "section": section,
                "name": name,
                "description": description,
                **fields,
                "expected_error": expected_error,
            }
        )

    def token(
        self,
        section: str,
        name: str,
        description: str,
        token_text: str | dict,
        key: str,
        algorithms: list[str],
        expected_error: str,
        **options,
    ) -> None:
        fields: dict[str, Any] = {}
        if (
            algorithms
            and all(alg.startswith("HS") for alg in algorithms)
            and key != "server_secret"
        ):
            # PyJWT and jsonwebtoken take a str/Buffer key as the HMAC secret when
            # only HS* may verify: then Key::from_secret refuses the key document.
            fields["expected_error_for_secret_key"] = "key_error"
        self.add(
            section,
            name,
            description,
            expected_error,
            token=token_text,
            key=key,
            options={"algorithms": algorithms, **options},
            **fields,
        )


def none_cases(cases: Cases, server_rsa: Any) -> None:
    valid = token("RS256", server_rsa)
    real_signature = valid.split(".")[2]
    for alg in ["none", "None", "NONE", "nOnE"]:
        for label, signature in [("empty", ""), ("nonempty", real_signature)]:
            for algorithms in [["RS256"], ["RS256", "HS256"]]:
                suffix = "" if len(algorithms) == 1 else "_any_list"
                cases.token(
                    "alg_none",
                    f"alg_{alg}_{label}_signature{suffix}",
                    f'alg "{alg}" with {label} signature; algorithms {algorithms}',
                    unsigned({"alg": alg, "typ": "JWT"}, signature),
                    "server_rsa_public",
                    algorithms,
                    "algorithm_not_allowed",
                )


def confusion_cases(cases: Cases, keys: dict[str, Any]) -> None:
    for key_name in ["server_rsa", "server_ec_p256", "server_ed25519"]:
        pem = public_pem(keys[key_name]).encode()
        for alg in ["HS256", "HS512"]:
            forged = token(alg, pem)
            stripped = token(alg, pem.strip())
            for algorithms in [[alg], ["RS256"], [alg, "RS256", "ES256", "EdDSA"]]:
                label = "_".join(a.lower() for a in algorithms)
                cases.token(
                    "algorithm_confusion",
                    f"{alg.lower()}_keyed_with_{key_name}_public_pem_allowing_{label}",
                    f"{alg} MAC keyed with the verifier's own public PEM, verified with that "
                    f"public key; algorithms {algorithms}",
                    forged,
                    key_name + "_public",
                    algorithms,
                    "algorithm_not_allowed",
                )
            cases.token(
                "algorithm_confusion",
                f"{alg.lower()}_keyed_with_{key_name}_public_pem_without_newline",
                f"{alg} MAC keyed with the public PEM minus its trailing newline",
                stripped,
                key_name + "_public",
                [alg],
                "algorithm_not_allowed",
            )
    mismatches = [
        ("rs256_token_vs_ec_key", "RS256", "server_rsa", "server_ec_p256", ["RS256"]),
        ("ps256_token_vs_ec_key", "PS256", "server_rsa", "server_ec_p256", ["PS256"]),
        ("es256_token_vs_rsa_key", "ES256", "server_ec_p256", "server_rsa", ["ES256"]),
        ("es256_token_vs_p384_key", "ES256", "server_ec_p256", "server_ec_p384", ["ES256"]),
        (
            "es256_token_vs_p384_key_allowing_es384",
            "ES256",
            "server_ec_p256",
            "server_ec_p384",
            ["ES256", "ES384"],
        ),
        ("es384_token_vs_p256_key", "ES384", "server_ec_p384", "server_ec_p256", ["ES384"]),
        ("es512_token_vs_p384_key", "ES512", "server_ec_p521", "server_ec_p384", ["ES512"]),
        ("eddsa_token_vs_rsa_key", "EdDSA", "server_ed25519", "server_rsa", ["EdDSA"]),
        ("eddsa_token_vs_ec_key", "EdDSA", "server_ed25519", "server_ec_p256", ["EdDSA"]),
        ("rs256_token_vs_ed25519_key", "RS256", "server_rsa", "server_ed25519", ["RS256"]),
    ]
    for name, alg, signer, verifier, algorithms in mismatches:
        cases.token(
            "algorithm_confusion",
            name,
            f"{alg} token verified with {verifier}, which cannot do {alg}",
            token(alg, keys[signer]),
            verifier + "_public",
            algorithms,
            "algorithm_not_allowed",
        )
    pinned = [
        ("rs256_token_when_only_rs512_allowed", "RS256", "server_rsa", ["RS512"]),
        ("ps512_token_when_only_rs512_allowed", "PS512", "server_rsa", ["RS512"]),
        ("rs512_token_when_only_ps512_allowed", "RS512", "server_rsa", ["PS512"]),
        ("es384_header_when_only_es256_allowed", "ES384", "server_ec_p384", ["ES256"]),
    ]
    for name, alg, signer, algorithms in pinned:
        cases.token(
            "algorithm_pinning",
            name,
            f"a genuine {alg} token from the right key, but {alg} is not in {algorithms}",
            token(alg, keys[signer]),
            signer + "_public",
            algorithms,
            "algorithm_not_allowed",
        )
    cases.token(
        "algorithm_pinning",
        "empty_algorithm_list",
        "a genuine RS512 token verified with an empty algorithm list: never 'allow all'",
        token("RS512", keys["server_rsa"]),
        "server_rsa_public",
        [],
        "invalid_argument",
    )
    for label, alg in [
        ("lowercase", "rs256"),
        ("trailing_space", "RS256 "),
        ("trailing_nul", "RS256\u0000"),
        ("unknown", "RS1024"),
    ]:
        cases.token(
            "algorithm_pinning",
            f"alg_{label}_spelling",
            f'alg "{alg}" is not a JOSE algorithm name (names are case-sensitive and exact)',
            token(alg, keys["server_rsa"], sign_alg="RS256"),
            "server_rsa_public",
            ["RS256"],
            "algorithm_not_allowed",
        )


def header_key_cases(cases: Cases, keys: dict[str, Any]) -> None:
    attacker_rsa, attacker_ec = keys["attacker_rsa"], keys["attacker_ec_p256"]
    certificate = self_signed_certificate(attacker_rsa)
    x5c = [base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()]
    embedded = [
        ("jwk_rsa", "RS256", attacker_rsa, "server_rsa", {"jwk": public_jwk(attacker_rsa)}),
        ("jwk_ec", "ES256", attacker_ec, "server_ec_p256", {"jwk": public_jwk(attacker_ec)}),
        (
            "jku",
            "RS256",
            attacker_rsa,
            "server_rsa",
            {"jku": "https://attacker.example/.well-known/jwks.json", "kid": "attacker"},
        ),
        ("x5u", "RS256", attacker_rsa, "server_rsa", {"x5u": "https://attacker.example/cert.pem"}),
        ("x5c", "RS256", attacker_rsa, "server_rsa", {"x5c": x5c}),
        (
            "x5c_and_jwk",
            "RS256",
            attacker_rsa,
            "server_rsa",
            {"x5c": x5c, "jwk": public_jwk(attacker_rsa)},
        ),
    ]
    for label, alg, signer, verifier, header in embedded:
        cases.token(
            "header_supplied_keys",
            f"{label}_header_with_attackers_own_key",
            f"signed by the attacker's key, which the header supplies via {label}; "
            f"verified with the server's key",
            token(alg, signer, header=header),
            verifier + "_public",
            [alg],
            "invalid_signature",
        )
    oct_secret = b"attacker-chosen-hmac-secret-0123"
    cases.token(
        "header_supplied_keys",
        "jwk_oct_header_with_hs256",
        "HS256 with the attacker's secret embedded as an oct jwk; the server's key is RSA",
        token("HS256", oct_secret, header={"jwk": {"kty": "oct", "k": b64url(oct_secret)}}),
        "server_rsa_public",
        ["RS256", "HS256"],
        "algorithm_not_allowed",
    )


def tamper_cases(cases: Cases, keys: dict[str, Any]) -> None:
    server_rsa, attacker_rsa = keys["server_rsa"], keys["attacker_rsa"]
    valid = token("RS256", server_rsa)
    other = token("RS256", server_rsa, claims={"appId": "admin", "iat": IAT, "exp": EXP})
    header_segment, payload_segment, signature_segment = valid.split(".")
    signature = b64url_decode(signature_segment)
    tampered_header = b64url(to_json({"alg": "RS256", "typ": "JWT", "kid": "x"}))
    tampered_payload = b64url(to_json({"appId": "admin", "iat": IAT, "exp": EXP}))
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    rsa_cases = [
        (
            "tampered_header",
            "a header parameter added after signing",
            f"{tampered_header}.{payload_segment}.{signature_segment}",
        ),
        (
            "tampered_payload",
            "appId changed after signing",
            f"{header_segment}.{tampered_payload}.{signature_segment}",
        ),
        (
            "tampered_signature_bit",
            "one bit of the signature flipped",
            with_signature(valid, flipped),
        ),
        (
            "tampered_signature_last_byte",
            "the last signature byte changed",
            with_signature(valid, signature[:-1] + bytes([signature[-1] ^ 0x80])),
        ),
        (
            "signature_from_another_key",
            "a valid signature, but by the attacker's key",
            token("RS256", attacker_rsa),
        ),
        (
            "signature_moved_between_tokens",
            "the signature of another genuine token",
            f"{header_segment}.{payload_segment}.{other.split('.')[2]}",
        ),
        (
            "signature_stripped",
            "the signature segment emptied",
            f"{header_segment}.{payload_segment}.",
        ),
        (
            "signature_truncated",
            "the signature cut to half its length",
            with_signature(valid, signature[: len(signature) // 2]),
        ),
        (
            "signature_extended",
            "a zero byte appended to the signature",
            with_signature(valid, signature + b"\0"),
        ),
        (
            "signature_prefixed_zero",
            "a zero byte prepended to the signature",
            with_signature(valid, b"\0" + signature),
        ),
        (
            "rsa_signature_zero",
            "an all-zero signature of the modulus' length",
            with_signature(valid, bytes(len(signature))),
        ),
        (
            "rsa_signature_one",
            "the integer 1 as signature (1^d = 1)",
            with_signature(valid, bytes(len(signature) - 1) + b"\1"),
        ),
        (
            "rsa_signature_modulus",
            "the modulus n itself as signature",
            with_signature(valid, server_rsa.public_key().public_numbers().n.to_bytes(256, "big")),
        ),
        (
            "rsa_signature_all_ones",
            "0xff bytes, a value above the modulus",
            with_signature(valid, b"\xff" * len(signature)),
        ),
    ]
    for name, description, token_text in rsa_cases:
        cases.token(
            "tampering",
            name,
            description,
            token_text,
            "server_rsa_public",
            ["RS256"],
            "invalid_signature",
        )
    hs_valid = token("HS256", SERVER_SECRET)
    hs_signature = b64url_decode(hs_valid.split(".")[2])
    hmac_cases = [
        (
            "hs256_wrong_secret",
            "HMAC with another secret",
            token("HS256", b"another-secret-of-32-bytes-long!"),
        ),
        (
            "hs256_truncated_mac",
            "the first 16 bytes of the right MAC",
            with_signature(hs_valid, hs_signature[:16]),
        ),
        (
            "hs256_single_byte_mac",
            "the first byte of the right MAC",
            with_signature(hs_valid, hs_signature[:1]),
        ),
        ("hs256_empty_mac", "no MAC at all", with_signature(hs_valid, b"")),
        (
            "hs384_header_with_hs256_mac",
            "alg HS384 over an HS256 MAC",
            token("HS384", SERVER_SECRET, sign_alg="HS256"),
        ),
        ("hs256_mac_of_empty_secret", "HMAC keyed with the empty secret", token("HS256", b"")),
    ]
    for name, description, token_text in hmac_cases:
        cases.token(
            "tampering",
            name,
            description,
            token_text,
            "server_secret",
            ["HS256", "HS384"],
            "invalid_signature",
        )
    ed_valid = token("EdDSA", keys["server_ed25519"])
    ed_signature = b64url_decode(ed_valid.split(".")[2])
    s_plus_order = int.from_bytes(ed_signature[32:], "little") + ED25519_ORDER
    ed_cases = [
        (
            "eddsa_s_not_reduced",
            "Ed25519 S + L: the same point equation, non-canonical S",
            with_signature(ed_valid, ed_signature[:32] + s_plus_order.to_bytes(32, "little")),
        ),
        (
            "eddsa_signature_zero",
            "an all-zero Ed25519 signature",
            with_signature(ed_valid, bytes(64)),
        ),
        ("eddsa_signature_short", "63 bytes", with_signature(ed_valid, ed_signature[:63])),
        ("eddsa_signature_long", "65 bytes", with_signature(ed_valid, ed_signature + b"\0")),
    ]
    for name, description, token_text in ed_cases:
        cases.token(
            "tampering",
            name,
            description,
            token_text,
            "server_ed25519_public",
            ["EdDSA"],
            "invalid_signature",
        )


def ecdsa_cases(cases: Cases, keys: dict[str, Any]) -> None:
    for crv, alg, key_name in [
        ("P-256", "ES256", "server_ec_p256"),
        ("P-384", "ES384", "server_ec_p384"),
        ("P-521", "ES512", "server_ec_p521"),
    ]:
        size, order = CURVE_BYTES[crv], CURVE_ORDERS[crv]
        valid = token(alg, keys[key_name])
        raw = b64url_decode(valid.split(".")[2])
        r, s = int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big")

        def raw_rs(r_value: int, s_value: int, size: int = size) -> bytes:
            return r_value.to_bytes(size, "big") + s_value.to_bytes(size, "big")

        variants = [
            (
                "r_and_s_zero",
                "r = s = 0, the 2022 'psychic signature' (CVE-2022-21449)",
                raw_rs(0, 0),
            ),
            ("r_zero", "r = 0 with the genuine s", raw_rs(0, s)),
            ("s_zero", "the genuine r with s = 0", raw_rs(r, 0)),
            ("r_equals_n", "r = n, the group order", raw_rs(order, s)),
            ("s_equals_n", "s = n, the group order", raw_rs(r, order)),
            ("r_and_s_equal_n", "r = s = n", raw_rs(order, order)),
            (
                "s_plus_n",
                "s + n when it still fits (congruent to s mod n)",
                raw_rs(r, s + order) if s + order < 256**size else raw_rs(r, 256**size - 1),
            ),
            ("r_all_ones", "r = 2^k - 1, above n", raw_rs(256**size - 1, s)),
            (
                "der_encoded",
                "the genuine signature DER-encoded instead of raw r||s",
                encode_dss_signature(r, s),
            ),
            ("one_byte_short", "raw r||s minus its last byte", raw[:-1]),
            ("one_byte_long", "raw r||s plus a zero byte", raw + b"\0"),
            ("r_only", "only the r half", raw[:size]),
            (
                "other_curve_length",
                "a signature of the next curve's length",
                raw + bytes(16 if size < 66 else 2),
            ),
        ]
        for label, description, signature in variants:
            cases.token(
                "ecdsa",
                f"{alg.lower()}_{label}",
                description,
                with_signature(valid, signature),
                key_name + "_public",
                [alg],
                "invalid_signature",
            )


def structure_cases(cases: Cases, keys: dict[str, Any]) -> None:
    """Structure attacks beyond vectors.json's token_cases (which cover segment counts,
    base64url, non-object JSON, duplicate names, UTF-8, the nesting limit, alg types
    and crit shapes). Each is correctly signed: only the structure check can refuse it."""
    server_rsa = keys["server_rsa"]
    header = to_json({"alg": "RS256", "typ": "JWT"})
    valid = token("RS256", server_rsa)

    def signed(header_bytes: bytes, payload_bytes: bytes) -> str:
        return token_from_bytes(header_bytes, payload_bytes, "RS256", server_rsa)

    deep = 10000
    raw_cases = [
        ("bearer_prefix", "the whole Authorization header value", f"Bearer {valid}"),
        ("nul_byte_appended", "a NUL byte after the token", f"{valid}\u0000"),
    ]
    for name, description, token_text in raw_cases:
        cases.token(
            "structure", name, description, token_text, "server_rsa_public", ["RS256"], "malformed"
        )
    claims = to_json(CLAIMS)
    json_cases = [
        ("payload_json_null", "the payload is JSON null", header, b"null"),
        (
            "payload_with_comment",
            "a /* comment */ inside the payload",
            header,
            b'{"appId":"store-front",/*x*/"exp":4102444800}',
        ),
        ("payload_nan_literal", "NaN is not JSON", header, b'{"appId":"store-front","exp":NaN}'),
        (
            "payload_infinity_literal",
            "Infinity is not JSON",
            header,
            b'{"appId":"store-front","exp":Infinity}',
        ),
        (
            "payload_invalid_utf8",
            "a 0xff byte inside a payload string",
            header,
            b'{"appId":"store\xff","exp":4102444800}',
        ),
        (
            "payload_raw_control_character",
            "an unescaped newline inside a string",
            header,
            b'{"appId":"store\nfront","exp":4102444800}',
        ),
        (
            "duplicate_alg_rs256_then_none",
            "alg twice: a parser keeping the last sees none",
            b'{"alg":"RS256","alg":"none"}',
            claims,
        ),
        (
            "duplicate_app_id",
            "appId twice",
            header,
            b'{"appId":"admin","appId":"store-front","exp":4102444800}',
        ),
        (
            "nested_arrays_10000_deep",
            f"a claim nested {deep} arrays deep",
            header,
            b'{"appId":"store-front","exp":4102444800,"x":' + b"[" * deep + b"]" * deep + b"}",
        ),
        (
            "nested_objects_10000_deep",
            f"a claim nested {deep} objects deep",
            header,
            b'{"appId":"store-front","exp":4102444800,"x":'
            + b'{"a":' * deep
            + b"1"
            + b"}" * deep
            + b"}",
        ),
        (
            "header_nested_10000_deep",
            f"a header parameter nested {deep} arrays deep",
            b'{"alg":"RS256","x":' + b"[" * deep + b"]" * deep + b"}",
            claims,
        ),
        ("alg_array", "alg is a list", b'{"alg":["RS256"]}', claims),
        ("alg_object", "alg is an object", b'{"alg":{"name":"RS256"}}', claims),
    ]
    for name, description, header_bytes, payload_bytes in json_cases:
        cases.token(
            "structure",
            name,
            description,
            signed(header_bytes, payload_bytes),
            "server_rsa_public",
            ["RS256"],
            "malformed",
            max_token_size=200000,
        )


def numeric_date_cases(cases: Cases, keys: dict[str, Any]) -> None:
    server_rsa = keys["server_rsa"]
    header = to_json({"alg": "RS256", "typ": "JWT"})

    def with_claim(name: str, value_json: str) -> bytes:
        others = {k: v for k, v in CLAIMS.items() if k != name}
        return to_json(others)[:-1] + f',"{name}":{value_json}}}'.encode()

    malformed = []
    for claim in ["exp", "nbf", "iat"]:
        malformed += [
            (f"{claim}_string", f"{claim} as a numeric string", claim, '"4102444800"'),
            (f"{claim}_empty_string", f"{claim} as an empty string", claim, '""'),
            (f"{claim}_true", f"{claim} as true", claim, "true"),
            (f"{claim}_false", f"{claim} as false", claim, "false"),
            (f"{claim}_null", f"{claim} as null", claim, "null"),
            (f"{claim}_array", f"{claim} as a one-element list", claim, "[4102444800]"),
            (f"{claim}_object", f"{claim} as an object", claim, '{"$date":4102444800}'),
            (f"{claim}_nan_string", f'{claim} as the string "NaN"', claim, '"NaN"'),
            (f"{claim}_infinity_string", f'{claim} as the string "Infinity"', claim, '"Infinity"'),
            (f"{claim}_number_overflow", f"{claim} = 1e400, beyond a double", claim, "1e400"),
            (f"{claim}_negative_overflow", f"{claim} = -1e400, beyond a double", claim, "-1e400"),
        ]
    # Beyond 2^53 seconds a double no longer counts seconds exactly: appjwt calls
    # that malformed. Within it, extremes must compare as numbers, never wrap
    # through an integer cast.
    extremes = [
        ("exp_far_negative", "exp = -1e300", "exp", "-1e300", "malformed"),
        ("exp_int64_min", "exp = -2^63", "exp", "-9223372036854775808", "malformed"),
        ("nbf_far_future", "nbf = 1e300", "nbf", "1e300", "malformed"),
        (
            "nbf_uint64_max",
            "nbf = 2^64 - 1, which wraps to -1 as int64",
            "nbf",
            "18446744073709551615",
            "malformed",
        ),
        (
            "nbf_int64_overflow",
            "nbf = 2^63, which wraps to -2^63 as int64",
            "nbf",
            "9223372036854775808",
            "malformed",
        ),
        ("nbf_just_over_2_53", "nbf = 2^53 + 2", "nbf", "9007199254740994", "malformed"),
        ("iat_uint64_max", "iat = 2^64 - 1", "iat", "18446744073709551615", "malformed"),
        (
            "nbf_2_53",
            "nbf = 2^53, the largest NumericDate",
            "nbf",
            "9007199254740992",
            "not_yet_valid",
        ),
        (
            "iat_2_53",
            "iat = 2^53: issued in the future",
            "iat",
            "9007199254740992",
            "not_yet_valid",
        ),
        ("exp_minus_2_53", "exp = -2^53", "exp", "-9007199254740992", "token_expired"),
        ("exp_zero", "exp = 0, the epoch", "exp", "0", "token_expired"),
        ("exp_negative_fraction", "exp = -0.5", "exp", "-0.5", "token_expired"),
        ("exp_negative_zero", "exp = -0.0", "exp", "-0.0", "token_expired"),
    ]
    for name, description, claim, value, expected in [
        *((*case, "malformed") for case in malformed),
        *extremes,
    ]:
        cases.token(
            "numeric_date",
            name,
            description,
            token_from_bytes(header, with_claim(claim, value), "RS256", server_rsa),
            "server_rsa_public",
            ["RS256"],
            expected,
        )


def crit_cases(cases: Cases, keys: dict[str, Any]) -> None:
    server_rsa = keys["server_rsa"]
    crit = [
        (
            "crit_b64_unencoded_payload",
            "RFC 7797 b64=false, which appjwt does not support",
            {"crit": ["b64"], "b64": False},
            [],
        ),
        (
            "crit_one_of_two_unknown",
            "one understood and one unknown critical parameter",
            {"crit": ["x-policy", "x-other"], "x-policy": "a", "x-other": "b"},
            ["x-policy"],
        ),
        ("crit_object", "crit is an object", {"crit": {"x-policy": True}}, ["x-policy"]),
        ("crit_null", "crit is null", {"crit": None}, []),
        (
            "crit_names_registered_kid",
            "crit must not name a registered parameter such as kid",
            {"crit": ["kid"], "kid": "k"},
            ["kid"],
        ),
        (
            "crit_duplicate_entry",
            "crit names the same parameter twice",
            {"crit": ["x-policy", "x-policy"], "x-policy": "a"},
            ["x-policy"],
        ),
    ]
    for name, description, header, understood in crit:
        options = {"understood_critical": understood} if understood else {}
        cases.token(
            "crit",
            name,
            description,
            token("RS256", server_rsa, header=header),
            "server_rsa_public",
            ["RS256"],
            "malformed",
            **options,
        )


def size_cases(cases: Cases, keys: dict[str, Any]) -> None:
    server_rsa = keys["server_rsa"]
    padded = token("RS256", server_rsa, claims={**CLAIMS, "pad": "x" * 9000})
    small = token("RS256", server_rsa)
    size = [
        ("genuine_token_over_default_limit", "a correctly signed token of ~12 KiB", padded, {}),
        ("ten_megabytes_of_a", "10 MB of 'A'", {"repeat": "A", "count": 10_000_000}, {}),
        ("ten_megabytes_of_dots", "10 MB of '.'", {"repeat": ".", "count": 10_000_000}, {}),
        (
            "ten_megabytes_after_a_valid_token",
            "a genuine token followed by 10 MB of 'A'",
            {"prefix": small, "repeat": "A", "count": 10_000_000},
            {},
        ),
        (
            "ten_megabyte_header",
            "a 10 MB header segment of '{' in base64url",
            {"repeat": b64url(b"{{{"), "count": 3_333_334, "suffix": "." + small.split(".", 1)[1]},
            {},
        ),
        ("one_byte_over_limit", "8193 bytes of base64url", {"repeat": "A", "count": 8193}, {}),
    ]
    for name, description, token_text, options in size:
        cases.token(
            "size",
            name,
            description,
            token_text,
            "server_rsa_public",
            ["RS256"],
            "token_too_large",
            **options,
        )


def key_store_cases(cases: Cases, keys: dict[str, Any]) -> None:
    """The app ID (appId claim, or kid) picks the key; it must never become a path.

    The runner builds the store from a directory holding "store-front_public.pem"
    (server_rsa) and "other-app_public.pem" (attacker_rsa), and puts attacker_rsa
    again, as "evil_public.pem", in that directory's parent, so a store that built
    paths from app IDs would accept "../evil". Tokens are signed with attacker_rsa.
    """
    attacker = keys["attacker_rsa"]
    app_ids = [
        ("parent_traversal", "../evil"),
        ("deep_traversal", "../../../../../../etc/passwd"),
        ("traversal_inside", "store-front/../../evil"),
        ("dot_dot", ".."),
        ("dot", "."),
        ("absolute_path", "/etc/passwd"),
        ("absolute_tmp_path", "/tmp/evil"),
        ("windows_path", "..\\evil"),
        ("windows_drive", "C:\\keys\\evil"),
        ("percent_encoded_dots", "%2e%2e%2fevil"),
        ("percent_encoded_uppercase", "%2E%2E/evil"),
        ("double_percent_encoded", "%252e%252e%252fevil"),
        ("nul_terminated_prefix", "store-front\u0000../evil"),
        ("nul_only", "\u0000"),
        ("newline", "store\nfront"),
        ("carriage_return", "store-front\r"),
        ("tab", "store\tfront"),
        ("escape_character", "store\u001bfront"),
        ("delete_character", "store\u007ffront"),
        ("unicode_fullwidth_dots", "\uff0e\uff0e/evil"),
        ("unicode_letters", "st\u00f6re"),
        ("space", "store front"),
        ("empty", ""),
        ("overlong_300", "a" * 300),
        ("overlong_2000", "a" * 2000),
        ("url", "https://attacker.example/evil"),
    ]
    for label, app_id in app_ids:
        cases.add(
            "key_store",
            f"app_id_{label}",
            f"appId claim {json.dumps(app_id[:60])}{'...' if len(app_id) > 60 else ''}",
            "invalid_app_id",
            token=token("RS512", attacker, claims={"appId": app_id, "iat": IAT, "exp": EXP}),
            app_id_from="claim",
        )
    cases.add(
        "key_store",
        "app_id_valid_but_unknown",
        "a well-formed app ID the store does not hold",
        "unknown_key",
        token=token("RS512", attacker, claims={"appId": "evil", "iat": IAT, "exp": EXP}),
        app_id_from="claim",
    )
    cases.add(
        "key_store",
        "app_id_wrong_type",
        "appId is a number, not a string",
        "invalid_app_id",
        token=token("RS512", attacker, claims={"appId": 42, "iat": IAT, "exp": EXP}),
        app_id_from="claim",
    )
    cases.add(
        "key_store",
        "app_id_missing",
        "no appId claim at all",
        "missing_claim",
        token=token("RS512", attacker, claims={"iat": IAT, "exp": EXP}),
        app_id_from="claim",
    )
    for label, kid in [
        ("parent_traversal", "../evil"),
        ("absolute_path", "/etc/passwd"),
        ("percent_encoded_dots", "%2e%2e%2fevil"),
        ("nul", "evil\u0000.pem"),
        ("overlong", "k" * 4000),
        ("control_character", "evil\u0007"),
    ]:
        cases.add(
            "key_store",
            f"kid_app_id_{label}",
            f"the store reads the app ID from kid {json.dumps(kid[:60])}",
            "invalid_app_id",
            token=token("RS512", attacker, header={"kid": kid}),
            app_id_from="kid",
        )
    cases.add(
        "key_store",
        "kid_traversal_for_rotation",
        'a genuine app ID whose token picks a key by the kid "../evil"',
        "unknown_key",
        token=token("RS512", attacker, header={"kid": "../evil"}),
        app_id_from="claim",
    )
    cases.add(
        "key_store",
        "kid_dev_null_with_empty_hmac_secret",
        "the classic kid=/dev/null attack: HS256 keyed with the (empty) content of the file",
        "invalid_app_id",
        token=token("HS256", b"", header={"kid": "../../../../../../dev/null"}),
        app_id_from="kid",
    )


def rfc7638_thumbprint(key: Any) -> str:
    jwk = public_jwk(key)
    members = {
        name: jwk[name] for name in sorted(jwk) if name in ("crv", "e", "kty", "n", "x", "y")
    }
    return b64url(hashlib.sha256(to_json(members)).digest())


def app_token_cases(cases: Cases, keys: dict[str, Any]) -> None:
    """The application scenario: genuine apps' keys misused against the store.

    As key_store_cases, plus "other-app_public.pem" (attacker_rsa_public) in the
    store: the attacker is a registered app trying to pass as store-front.
    """
    app, other = keys["server_rsa"], keys["attacker_rsa"]
    app_claims = {"appId": APP_ID, "iat": IAT, "exp": EXP}
    pem = public_pem(app).encode()
    app_cases = [
        (
            "registered_app_impersonates_another",
            "other-app signs a token claiming store-front",
            token("RS512", other, claims=app_claims),
            "invalid_signature",
        ),
        (
            "registered_app_names_its_own_kid",
            "other-app claims store-front with its own key's kid",
            token("RS512", other, claims=app_claims, header={"kid": rfc7638_thumbprint(other)}),
            "unknown_key",
        ),
        (
            "app_token_hs512_keyed_with_app_public_pem",
            "HS512 keyed with store-front's public PEM",
            token("HS512", pem, claims=app_claims),
            "algorithm_not_allowed",
        ),
        (
            "app_token_alg_none",
            "alg none claiming store-front",
            unsigned({"alg": "none", "typ": "JWT"}),
            "algorithm_not_allowed",
        ),
        (
            "app_token_rs256_when_store_allows_rs512",
            "a genuine RS256 token; the store pins RS512",
            token("RS256", app, claims=app_claims),
            "algorithm_not_allowed",
        ),
        (
            "app_token_ps512_when_store_allows_rs512",
            "a genuine PS512 token; the store pins RS512",
            token("PS512", app, claims=app_claims),
            "algorithm_not_allowed",
        ),
        (
            "app_token_without_exp",
            "a genuine RS512 token without exp: app tokens must expire",
            token("RS512", app, claims={"appId": APP_ID, "iat": IAT}),
            "missing_claim",
        ),
        (
            "app_token_expired",
            "a genuine RS512 token that expired",
            token("RS512", app, claims={"appId": APP_ID, "iat": IAT, "exp": IAT + 300}),
            "token_expired",
        ),
    ]
    for name, description, token_text, expected in app_cases:
        cases.add("key_store", name, description, expected, token=token_text, app_id_from="claim")


def key_cases(cases: Cases, keys: dict[str, Any]) -> None:
    """Keys refused when they are created or used, before any token is looked at."""
    weak = keys["weak_rsa_1024"]
    weak_token = token("RS256", weak)
    cases.add(
        "keys",
        "rsa_1024_public_key_refused_for_verify",
        "a genuine RS256 token whose key is RSA-1024, without allow_insecure_key_sizes",
        "key_error",
        operation="verify",
        key="weak_rsa_1024_public",
        token=weak_token,
        options={"algorithms": ["RS256"]},
    )
    cases.add(
        "keys",
        "rsa_1024_private_key_refused_for_sign",
        "signing with an RSA-1024 key, without allow_insecure_key_sizes",
        "key_error",
        operation="sign",
        key="weak_rsa_1024_private",
        algorithm="RS256",
        payload=CLAIMS,
    )
    cases.add(
        "keys",
        "empty_secret_refused_for_sign",
        "signing with an empty HMAC secret",
        "key_error",
        operation="sign",
        secret="",
        algorithm="HS256",
        payload=CLAIMS,
    )
    cases.add(
        "keys",
        "empty_secret_refused_for_verify",
        "verifying with an empty HMAC secret a token MACed with the empty secret",
        "key_error",
        operation="verify",
        secret="",
        token=token("HS256", b""),
        options={"algorithms": ["HS256"]},
    )
    rsa_pem = public_pem(keys["server_rsa"])
    certificate = (
        self_signed_certificate(keys["attacker_rsa"])
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    pkcs1 = (
        keys["server_rsa"]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
        .decode()
    )
    traditional_ec = (
        keys["server_ec_p256"]
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        .decode()
    )
    documents = [
        ("spki_public_pem", rsa_pem),
        ("ec_public_pem", public_pem(keys["server_ec_p256"])),
        ("ed25519_public_pem", public_pem(keys["server_ed25519"])),
        ("pkcs1_rsa_public_pem", pkcs1),
        ("pkcs8_private_pem", private_pem(keys["server_rsa"])),
        ("traditional_ec_private_pem", traditional_ec),
        ("certificate_pem", certificate),
        ("ssh_rsa_public", openssh_public(keys["server_rsa"])),
        ("ssh_ed25519_public", openssh_public(keys["server_ed25519"])),
        ("ssh_ecdsa_public", openssh_public(keys["server_ec_p256"])),
        ("rsa_jwk_json", json.dumps(public_jwk(keys["server_rsa"]))),
        ("ec_jwk_json", json.dumps(public_jwk(keys["server_ec_p256"]))),
        ("oct_jwk_json", json.dumps({"kty": "oct", "k": b64url(SERVER_SECRET)})),
        ("jwks_json", json.dumps({"keys": [public_jwk(keys["server_rsa"])]})),
        ("pem_with_leading_whitespace", " \t\r\n" + rsa_pem),
        ("pem_with_utf8_bom", "\ufeff" + rsa_pem),
        ("pem_after_comment_line", "# app store-front\n" + rsa_pem),
        ("pem_after_text", "key: " + rsa_pem),
        ("pem_without_newlines", rsa_pem.replace("\n", "")),
        ("certificate_with_leading_newlines", "\n\n" + certificate),
        ("ssh_key_with_leading_spaces", "   " + openssh_public(keys["server_rsa"])),
        ("jwk_json_with_leading_whitespace", "\n  " + json.dumps(public_jwk(keys["server_rsa"]))),
        ("jwk_json_pretty_printed", json.dumps(public_jwk(keys["server_ec_p256"]), indent=2)),
        (
            "jwk_json_with_escaped_kty",
            json.dumps(public_jwk(keys["server_rsa"])).replace('"kty"', '"k\\u0074y"'),
        ),
        ("ssh_rsa_public_with_tab", openssh_public(keys["server_rsa"]).replace(" ", "\t", 1)),
        ("spki_base64_without_armour", "".join(rsa_pem.splitlines()[1:-1])),
        ("spki_base64_lines_without_armour", "\n".join(rsa_pem.splitlines()[1:-1])),
    ]
    for label, document in documents:
        cases.add(
            "keys",
            f"hmac_secret_is_{label}",
            "a key document offered as an HMAC secret",
            "key_error",
            operation="secret",
            secret=document,
        )


def main() -> None:
    private_keys = load_private_keys()
    keys: dict[str, dict[str, Any]] = {}
    for name, key in private_keys.items():
        keys[name + "_private"] = {"format": "pem", "pem": private_pem(key)}
        keys[name + "_public"] = {"format": "pem", "pem": public_pem(key)}
    keys["server_secret"] = {"format": "secret", "secret": SERVER_SECRET.decode()}
    cases = Cases()
    none_cases(cases, private_keys["server_rsa"])
    confusion_cases(cases, private_keys)
    header_key_cases(cases, private_keys)
    tamper_cases(cases, private_keys)
    ecdsa_cases(cases, private_keys)
    structure_cases(cases, private_keys)
    numeric_date_cases(cases, private_keys)
    crit_cases(cases, private_keys)
    size_cases(cases, private_keys)
    key_store_cases(cases, private_keys)
    app_token_cases(cases, private_keys)
    key_cases(cases, private_keys)
    document = {
        "description": "Hostile tokens and keys appjwt must reject, each with the exact "
        "appjwt::to_string(ErrorCode) it must produce. Zero cases may be accepted. "
        "Generated by make_attacks.py; see that file for the layout.",
        "warning": "TEST-ONLY KEYS. They are published in this repository and protect nothing.",
        "layout": {
            "keys": "name -> {format: pem, pem} or {format: secret, secret (UTF-8 text)}",
            "cases[].section": "the attack class",
            "cases[].token": "the token, or {prefix?, repeat, count, suffix?}: prefix + "
            "repeat * count + suffix, for inputs too big to store",
            "cases[].key": "the key to verify (or sign) with, a name in keys",
            "cases[].options": "VerifyOptions: algorithms, and max_token_size / "
            "understood_critical when set",
            "cases[].app_id_from": "key-store cases: the store reads the app ID from the "
            "appId claim ('claim') or the kid header ('kid'); the store directory holds "
            "store-front_public.pem (server_rsa_public) and other-app_public.pem "
            "(attacker_rsa_public), its parent evil_public.pem (attacker_rsa_public); "
            "verify with the store's defaults (RS512, exp required)",
            "cases[].operation": "key cases: 'verify' (token with key or secret and options), "
            "'sign' (payload with key or secret and algorithm), 'secret' (secret used as an "
            "HMAC key, refused when the key is made)",
            "cases[].expected_error": "appjwt::to_string(ErrorCode) of the error",
            "cases[].expected_error_for_secret_key": "the error instead, when a binding's "
            "PyJWT/jsonwebtoken-style API is given the key document as a str/Buffer and "
            "takes it as an HMAC secret because every allowed algorithm is HS*",
        },
        "keys": keys,
        "cases": cases.items,
    }
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=True) + "\n")
    print(f"wrote {OUT.relative_to(HERE.parent)}: {len(cases.items)} cases")


if __name__ == "__main__":
    main()
