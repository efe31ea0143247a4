"""minisign-compatible Ed25519 keys and signatures, with ``cryptography``.

Releases are signed so that readers and mirrors can check them with the stock
``minisign`` tool (``minisign -Vm SHA256SUMS -p release.pub``) or with
``python -m sitetools.release.verify``. This module reads and writes minisign's file
formats (minisign 0.11):

* public key: ``untrusted comment: …`` then base64 of ``b"Ed"`` + key id (8
  bytes) + Ed25519 public key (32 bytes);
* secret key: base64 of ``b"Ed"`` + KDF (``b"Sc"`` scrypt, or two zero bytes
  for a key without password) + ``b"B2"`` + salt (32) + opslimit (8, LE) +
  memlimit (8, LE) + [key id (8) + secret key (64: seed + public key) +
  BLAKE2b-256 checksum (32)], the bracket XOR-ed with a scrypt stream when the
  key has a password;
* signature: an untrusted comment, base64 of ``b"ED"`` + key id + Ed25519
  signature of the BLAKE2b-512 hash of the file ("prehashed", minisign's
  default; legacy ``b"Ed"`` signs the file itself and is accepted when
  verifying), the trusted comment, and the global signature: Ed25519 over the
  signature followed by the trusted comment's text.

Errors are ``SignError`` with one line a person can act on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# ``cryptography`` is imported where a key signs or checks: the site build,
# which only shows the public key file (render/release_key.py), does not load it.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

COMMENT = "untrusted comment: "
TRUSTED = "trusted comment: "
SIG_ALG = b"Ed"  # key algorithm, and legacy (not prehashed) signatures
SIG_ALG_HASHED = b"ED"  # prehashed signatures (minisign's default since 0.8)
KDF_SCRYPT = b"Sc"
KDF_NONE = b"\0\0"
CHK_ALG = b"B2"
# minisign's defaults for a password-protected key (libsodium "sensitive").
OPSLIMIT = 33554432
MEMLIMIT = 1073741824


class SignError(ValueError):
    """A key or signature that cannot be used (one line, for people)."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes, as stored
    key: bytes  # 32 bytes

    @property
    def key_id_hex(self) -> str:
        """The id minisign prints: the 8 bytes read as a little-endian number."""
        return self.key_id[::-1].hex().upper()

    def line(self) -> str:
        return base64.b64encode(SIG_ALG + self.key_id + self.key).decode("ascii")

    def file_text(self) -> str:
        return f"{COMMENT}minisign public key {self.key_id_hex}\n{self.line()}\n"


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # 32 bytes
    public: bytes  # 32 bytes

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(self.key_id, self.public)

    def _private(self) -> Ed25519PrivateKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)


@dataclass(frozen=True)
class Signature:
    algorithm: bytes  # b"ED" (prehashed) or b"Ed" (legacy)
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = "signature from minisign secret key"

    def file_text(self) -> str:
        line = base64.b64encode(self.algorithm + self.key_id + self.signature).decode("ascii")
        glob = base64.b64encode(self.global_signature).decode("ascii")
        return (f"{COMMENT}{self.untrusted_comment}\n{line}\n"
                f"{TRUSTED}{self.trusted_comment}\n{glob}\n")


# ------------------------------------------------------------------ keys

def _checksum(key_id: bytes, secret: bytes) -> bytes:
    return hashlib.blake2b(SIG_ALG + key_id + secret, digest_size=32).digest()


def generate_key(seed: bytes | None = None, key_id: bytes | None = None) -> SecretKey:
    """A new key pair (random unless ``seed`` and ``key_id`` are given, for tests)."""
    seed = seed if seed is not None else os.urandom(32)
    key_id = key_id if key_id is not None else os.urandom(8)
    if len(seed) != 32 or len(key_id) != 8:
        raise SignError("a key needs a 32-byte seed and an 8-byte key id")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)
    return SecretKey(key_id, seed, public)


def secret_key_text(key: SecretKey, password: str | None = None, *,
                    opslimit: int = OPSLIMIT, memlimit: int = MEMLIMIT,
                    salt: bytes | None = None) -> str:
    """The key as a minisign secret key file; without a password like ``minisign -G -W``.

    With a password, the key is encrypted as ``minisign -G`` does (scrypt with
    minisign's default limits: about 1 GiB of memory and a few seconds).
    """
    secret = key.seed + key.public
    keynum = key.key_id + secret + _checksum(key.key_id, secret)
    salt = salt if salt is not None else os.urandom(32)
    if password:
        keynum = bytes(a ^ b for a, b in zip(
            keynum, _scrypt_stream(password, salt, opslimit, memlimit, len(keynum)),
            strict=True))
    body = (SIG_ALG + (KDF_SCRYPT if password else KDF_NONE) + CHK_ALG + salt
            + opslimit.to_bytes(8, "little") + memlimit.to_bytes(8, "little") + keynum)
    comment = "minisign encrypted secret key" if password else "minisign secret key"
    return f"{COMMENT}{comment}\n{base64.b64encode(body).decode('ascii')}\n"


def _scrypt_stream(password: str, salt: bytes, opslimit: int, memlimit: int,
                   length: int) -> bytes:
    n, r, p = _scrypt_params(opslimit, memlimit)
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * r * (n + p + 2) + (64 << 20), dklen=length)


def _scrypt_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """libsodium's pickparams(): (N, r, p) for crypto_pwhash_scryptsalsa208sha256."""
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
        n_log2 += 1
    if opslimit >= memlimit // 32:
        maxrp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = maxrp // r
    return 1 << n_log2, r, p


def _base64_line(text: str, what: str, path: str) -> bytes:
    lines = [ln.strip() for ln in text.splitlines()]
    if len(lines) < 2 or not lines[0].startswith(COMMENT.strip()):
        raise SignError(f"{path}: not a minisign {what} (expected an 'untrusted comment:' "
                        "line and a base64 line)")
    try:
        return base64.b64decode(lines[1], validate=True)
    except (binascii.Error, ValueError):
        raise SignError(f"{path}: not a minisign {what} (bad base64 on line 2)") from None


def parse_secret_key(text: str, password: str | None = None, *,
                     path: str = "secret key") -> SecretKey:
    raw = _base64_line(text, "secret key", path)
    if len(raw) != 158 or raw[:2] != SIG_ALG or raw[4:6] != CHK_ALG:
        raise SignError(f"{path}: not a minisign Ed25519 secret key")
    kdf, salt = raw[2:4], raw[6:38]
    opslimit = int.from_bytes(raw[38:46], "little")
    memlimit = int.from_bytes(raw[46:54], "little")
    keynum = raw[54:]
    if kdf == KDF_SCRYPT:
        if not password:
            raise SignError(f"{path}: the key has a password: set SIGNING_KEY_PASSWORD")
        stream = _scrypt_stream(password, salt, opslimit, memlimit, len(keynum))
        keynum = bytes(a ^ b for a, b in zip(keynum, stream, strict=True))
    elif kdf != KDF_NONE:
        raise SignError(f"{path}: unsupported key derivation {kdf!r}")
    key_id, secret, chk = keynum[:8], keynum[8:72], keynum[72:]
    if _checksum(key_id, secret) != chk:
        raise SignError(f"{path}: wrong password or damaged key (checksum mismatch)")
    key = SecretKey(key_id, secret[:32], secret[32:])
    if generate_key(key.seed, key.key_id).public != key.public:
        raise SignError(f"{path}: damaged key (public half does not match)")
    return key


def load_secret_key(path: Path, password: str | None = None) -> SecretKey:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SignError(f"{path}: cannot read the signing key ({error.strerror})") from None
    return parse_secret_key(text, password, path=str(path))


def parse_public_key(text: str, *, path: str = "public key") -> PublicKey:
    raw = _base64_line(text, "public key", path)
    if len(raw) != 42 or raw[:2] != SIG_ALG:
        raise SignError(f"{path}: not a minisign Ed25519 public key")
    return PublicKey(raw[2:10], raw[10:])


def is_placeholder(text: str) -> bool:
    """True for the repository's placeholder ``keys/release.pub`` (no key line)."""
    try:
        parse_public_key(text)
    except SignError:
        return True
    return False


def load_public_key(path: Path) -> PublicKey:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SignError(f"{path}: cannot read the public key ({error.strerror})") from None
    if is_placeholder(text) and "PLACEHOLDER" in text:
        raise SignError(f"{path}: is a placeholder: no release key has been published yet; "
                        "pass --pubkey FILE with the key you trust")
    return parse_public_key(text, path=str(path))


# ------------------------------------------------------------- signatures

def sign(data: bytes, key: SecretKey, trusted_comment: str,
         untrusted_comment: str = "signature from minisign secret key") -> Signature:
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise SignError("a trusted comment is one line")
    private = key._private()
    digest = hashlib.blake2b(data, digest_size=64).digest()
    signature = private.sign(digest)
    glob = private.sign(signature + trusted_comment.encode("utf-8"))
    return Signature(SIG_ALG_HASHED, key.key_id, signature, trusted_comment, glob,
                     untrusted_comment)


def parse_signature(text: str, *, path: str = "signature") -> Signature:
    lines = text.splitlines()
    if (len(lines) < 4 or not lines[0].startswith(COMMENT)
            or not lines[2].startswith(TRUSTED)):
        raise SignError(f"{path}: not a minisign signature file (4 lines expected)")
    try:
        raw = base64.b64decode(lines[1].strip(), validate=True)
        glob = base64.b64decode(lines[3].strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SignError(f"{path}: not a minisign signature file (bad base64)") from None
    if len(raw) != 74 or raw[:2] not in (SIG_ALG, SIG_ALG_HASHED) or len(glob) != 64:
        raise SignError(f"{path}: not a minisign Ed25519 signature")
    return Signature(raw[:2], raw[2:10], raw[10:], lines[2][len(TRUSTED):], glob,
                     lines[0][len(COMMENT):])


def verify(data: bytes, signature: Signature, key: PublicKey) -> str:
    """Check a signature; returns the trusted comment. Raises SignError if it fails."""
    if signature.key_id != key.key_id:
        sig_id = signature.key_id[::-1].hex().upper()
        raise SignError(f"signed with key {sig_id}, not with the trusted key {key.key_id_hex}")
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = Ed25519PublicKey.from_public_bytes(key.key)
    message = (hashlib.blake2b(data, digest_size=64).digest()
               if signature.algorithm == SIG_ALG_HASHED else data)
    try:
        public.verify(signature.signature, message)
    except InvalidSignature:
        raise SignError("the signature does not match the file: it was changed "
                        "after signing, or signed by someone else") from None
    try:
        public.verify(signature.global_signature,
                      signature.signature + signature.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignError("the trusted comment was changed after signing") from None
    return signature.trusted_comment
