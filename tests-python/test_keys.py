"""Keys: every format the core reads, through appjwt.Key and through the
PyJWT-style key arguments of encode/decode (str, bytes, JWK, cryptography objects)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import appjwt
from conftest import TEST_KEYS

PRIVATE_PEM_FORMATS = [
    ("rsa2048", "private_pkcs8_pem"),
    ("rsa2048", "private_pkcs1_pem"),
    ("ec_p256", "private_sec1_pem"),
    ("ec_p256", "private_sec1_with_parameters_pem"),
    ("ec_p384", "private_pkcs8_pem"),
    ("ec_p521", "private_sec1_pem"),
    ("ed25519", "private_pkcs8_pem"),
]
PUBLIC_PEM_FORMATS = [
    ("rsa2048", "public_spki_pem"),
    ("rsa2048", "public_pkcs1_pem"),
    ("rsa2048", "certificate_pem"),
    ("rsa2048", "openssh_public"),
    ("ec_p256", "openssh_public"),
    ("ec_p384", "openssh_public"),
    ("ec_p521", "openssh_public"),
    ("ec_p256", "certificate_pem"),
    ("ed25519", "openssh_public"),
    ("ed25519", "public_spki_pem"),
]
ALGORITHM_FOR_KEY = {
    "rsa2048": "RS256",
    "ec_p256": "ES256",
    "ec_p384": "ES384",
    "ec_p521": "ES512",
    "ed25519": "EdDSA",
}


def _formats(name: str) -> dict[str, Any]:
    return TEST_KEYS["keys"][name]


def _round_trip(private_key: Any, public_key: Any, algorithm: str) -> dict[str, Any]:
    token = appjwt.encode({"sub": "key-test"}, private_key, algorithm=algorithm)
    return appjwt.decode(token, public_key, algorithms=[algorithm])


@pytest.mark.parametrize(("name", "field"), PRIVATE_PEM_FORMATS)
def test_private_pem_format_signs(name: str, field: str) -> None:
    algorithm = ALGORITHM_FOR_KEY[name]
    claims = _round_trip(_formats(name)[field], _formats(name)["public_spki_pem"], algorithm)
    assert claims == {"sub": "key-test"}


@pytest.mark.parametrize(("name", "field"), PUBLIC_PEM_FORMATS)
def test_public_key_format_verifies(name: str, field: str) -> None:
    algorithm = ALGORITHM_FOR_KEY[name]
    claims = _round_trip(_formats(name)["private_pkcs8_pem"], _formats(name)[field], algorithm)
    assert claims == {"sub": "key-test"}


@pytest.mark.parametrize("field", ["private_pkcs8_encrypted_pem", "private_pkcs1_encrypted_pem"])
def test_encrypted_private_key_opens_with_its_passphrase(field: str) -> None:
    formats = _formats("rsa2048")
    key = appjwt.Key.from_pem(formats[field], formats["passphrase"])
    assert key.is_private and key.type == "rsa"


def test_encrypted_private_key_with_a_wrong_passphrase_is_an_invalid_key_error() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.Key.from_pem(_formats("rsa2048")["private_pkcs8_encrypted_pem"], "wrong")


def test_pem_bytes_work_as_pem_str() -> None:
    formats = _formats("ec_p256")
    claims = _round_trip(
        formats["private_pkcs8_pem"].encode(), formats["public_spki_pem"].encode(), "ES256"
    )
    assert claims == {"sub": "key-test"}


@pytest.mark.parametrize("name", sorted(ALGORITHM_FOR_KEY))
def test_jwk_dict_signs_and_verifies(name: str) -> None:
    formats = _formats(name)
    claims = _round_trip(formats["private_jwk"], formats["public_jwk"], ALGORITHM_FOR_KEY[name])
    assert claims == {"sub": "key-test"}


def test_jwk_json_string_is_a_key() -> None:
    formats = _formats("rsa2048")
    claims = _round_trip(
        json.dumps(formats["private_jwk"]), json.dumps(formats["public_jwk"]), "RS256"
    )
    assert claims == {"sub": "key-test"}


@pytest.mark.parametrize("field", ["private_pkcs8_der_base64", "public_spki_der_base64"])
def test_der_key_parses(field: str) -> None:
    key = appjwt.Key.from_der(base64.b64decode(_formats("rsa2048")[field]))
    assert key.type == "rsa" and key.bits == 2048


def test_certificate_der_gives_its_public_key() -> None:
    key = appjwt.Key.from_der(base64.b64decode(_formats("rsa2048")["certificate_der_base64"]))
    assert not key.is_private


def test_rsa_key_under_2048_bits_is_refused() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.encode({}, _formats("rsa1024")["private_pkcs8_pem"], algorithm="RS256")


@pytest.mark.parametrize("name", ["ec_secp256k1", "ed448", "rsa_pss_only"])
def test_unsupported_key_type_is_an_invalid_key_error(name: str) -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.Key.from_pem(_formats(name)["private_pkcs8_pem"])


def test_garbage_pem_is_an_invalid_key_error() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.decode("a.b.c", "-----BEGIN PUBLIC KEY-----\nnot a key\n", algorithms=["RS256"])


def test_thumbprint_matches_rfc7638_example() -> None:
    example = TEST_KEYS["rfc7638"]
    assert appjwt.Key.from_jwk(example["jwk"]).thumbprint() == example["thumbprint"]


def test_to_public_jwk_of_a_private_key_holds_only_public_members() -> None:
    jwk = appjwt.Key.from_jwk(_formats("rsa2048")["private_jwk"]).to_public_jwk()
    assert jwk["kty"] == "RSA" and {"n", "e"} <= set(jwk)
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk)


def test_public_jwk_round_trips_through_from_jwk() -> None:
    key = appjwt.Key.from_pem(_formats("ec_p384")["public_spki_pem"])
    assert appjwt.Key.from_jwk(key.to_public_jwk()).thumbprint() == key.thumbprint()


@pytest.mark.parametrize(
    ("name", "key_type", "curve", "bits"),
    [
        ("rsa2048", "rsa", None, 2048),
        ("ec_p256", "ec", "P-256", 256),
        ("ec_p384", "ec", "P-384", 384),
        ("ec_p521", "ec", "P-521", 521),
        ("ed25519", "ed25519", "Ed25519", 256),
    ],
)
def test_key_reports_type_curve_and_size(name: str, key_type: str, curve: str, bits: int) -> None:
    key = appjwt.Key.from_pem(_formats(name)["private_pkcs8_pem"])
    assert (key.type, key.curve, key.bits, key.is_private) == (key_type, curve, bits, True)


def test_public_key_of_a_private_key_is_public() -> None:
    key = appjwt.Key.from_pem(_formats("ed25519")["private_pkcs8_pem"]).public_key()
    assert not key.is_private
    assert key.public_pem() == _formats("ed25519")["public_spki_pem"]


def test_private_pem_of_a_public_key_is_an_invalid_key_error() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.Key.from_pem(_formats("ec_p256")["public_spki_pem"]).private_pem()


def test_private_pem_round_trips() -> None:
    key = appjwt.Key.from_pem(_formats("rsa2048")["private_pkcs1_pem"])
    assert appjwt.Key.from_pem(key.private_pem()).thumbprint() == key.thumbprint()


def test_key_supports_only_the_algorithms_of_its_type() -> None:
    key = appjwt.Key.from_pem(_formats("ec_p256")["private_pkcs8_pem"])
    assert [alg for alg in appjwt.ALGORITHMS if key.supports(alg)] == ["ES256"]
    assert not key.supports("none")


def test_secret_key_supports_hmac_algorithms() -> None:
    key = appjwt.Key.from_secret(b"s" * 32)
    assert (key.type, key.bits, key.is_private) == ("secret", 256, True)
    assert [alg for alg in appjwt.ALGORITHMS if key.supports(alg)] == ["HS256", "HS384", "HS512"]


def test_empty_secret_is_an_invalid_key_error() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.Key.from_secret(b"")


def test_pem_passed_as_an_hmac_secret_is_an_invalid_key_error() -> None:
    public_pem = _formats("rsa2048")["public_spki_pem"]
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.encode({}, public_pem, algorithm="HS256")


def test_openssh_key_passed_as_an_hmac_secret_is_an_invalid_key_error() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.decode("a.b.c", _formats("ed25519")["openssh_public"], algorithms=["HS256"])


@pytest.mark.parametrize(
    "generate",
    [
        lambda: appjwt.Key.generate_rsa(2048),
        lambda: appjwt.Key.generate_ec("P-384"),
        lambda: appjwt.Key.generate_ed25519(),
    ],
    ids=["rsa", "ec", "ed25519"],
)
def test_generated_key_is_private(generate: Any) -> None:
    assert generate().is_private


def test_generate_ec_refuses_an_unknown_curve() -> None:
    with pytest.raises(ValueError):
        appjwt.Key.generate_ec("P-224")


def test_key_repr_shows_no_key_material() -> None:
    key = appjwt.Key.from_secret(b"top-secret-value-0123456789abcdef")
    assert repr(key) == "<appjwt.Key secret 264 bits>"


def test_key_object_is_reused_across_calls() -> None:
    key = appjwt.Key.from_pem(_formats("ec_p256")["private_pkcs8_pem"])
    tokens = [appjwt.encode({"n": n}, key, algorithm="ES256") for n in range(3)]
    assert [appjwt.decode(t, key.public_key(), algorithms=["ES256"])["n"] for t in tokens] == [0, 1, 2]


def test_unsupported_key_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        appjwt.encode({}, 12345, algorithm="HS256")



def test_cryptography_private_and_public_key_objects_are_keys() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    private_key = ec.generate_private_key(ec.SECP384R1())
    claims = _round_trip(private_key, private_key.public_key(), "ES384")
    assert claims == {"sub": "key-test"}


def test_cryptography_certificate_object_verifies() -> None:
    from cryptography import x509

    certificate = x509.load_pem_x509_certificate(_formats("rsa2048")["certificate_pem"].encode())
    claims = _round_trip(_formats("rsa2048")["private_pkcs8_pem"], certificate, "RS256")
    assert claims == {"sub": "key-test"}


def test_the_same_pem_on_every_call_is_parsed_once() -> None:
    formats = _formats("ec_p256")
    appjwt.clear_key_cache()
    for _ in range(3):
        _round_trip(formats["private_pkcs8_pem"], formats["public_spki_pem"], "ES256")
    assert appjwt.key_cache_size() == 2


def test_the_same_hmac_secret_on_every_call_is_cached_once() -> None:
    appjwt.clear_key_cache()
    for _ in range(3):
        appjwt.decode(appjwt.encode({}, b"c" * 32), b"c" * 32, algorithms=["HS256"])
    assert appjwt.key_cache_size() == 1


def test_a_key_object_bypasses_the_cache() -> None:
    key = appjwt.Key.from_secret(b"d" * 32)
    appjwt.clear_key_cache()
    appjwt.decode(appjwt.encode({}, key), key, algorithms=["HS256"])
    assert appjwt.key_cache_size() == 0


def test_pyjwt_pyjwk_object_is_a_key() -> None:
    import jwt as pyjwt

    formats = _formats("ec_p256")
    private_jwk = pyjwt.PyJWK(formats["private_jwk"], algorithm="ES256")
    public_jwk = pyjwt.PyJWK(formats["public_jwk"], algorithm="ES256")
    assert _round_trip(private_jwk, public_jwk, "ES256") == {"sub": "key-test"}
