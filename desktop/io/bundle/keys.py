"""The installation's signing key (Ed25519, through `cryptography`): made on first use and kept
in the user's data folder (desktop.paths.data_dir) as `signing-key.pem`, readable by its owner
only (0600 on Linux and macOS; on Windows the folder is %LOCALAPPDATA%\\juesuan, whose access list
already admits only the user, the administrators and the system — the file inherits it).

A public key is shown by its fingerprint: `SHA256:` and the unpadded base64 of the SHA-256 of the
raw 32-byte key, as OpenSSH prints one, so that a bureau can compare it over the phone."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.paths import data_dir

ALGORITHM = "Ed25519"
KEY_FILE = "signing-key.pem"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class SigningKeyError(Exception):
    """The signing key cannot be read or made; the message says where and why."""


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        return self.private.public_key().public_bytes(*_RAW)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def public(self) -> dict[str, str]:
        """What a manifest states about its signer."""
        key = base64.b64encode(self.public_key).decode("ascii")
        return {"algorithm": ALGORITHM, "public_key": key, "fingerprint": self.fingerprint}

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self.private.sign(payload)).decode("ascii")


def verify_signature(public_key: str, signature: str, payload: bytes) -> bool:
    """Whether `signature` (base64) over `payload` was made with `public_key` (base64, raw)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), payload)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def installation_signer(folder: Path | None = None) -> Signer:
    """The key of this installation, made (owner-only) the first time it is needed."""
    path = (folder or data_dir()) / KEY_FILE
    if not path.exists():
        _create(path)
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(
            f"无法读取签名密钥 {path}：{exc}。如密钥已损坏，请由信息科处理（换新密钥后财政局需重新确认）。"
        ) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyError(f"签名密钥 {path} 不是 {ALGORITHM} 密钥")
    return Signer(private)


def _create(path: Path) -> None:
    """Written owner-only beside its place, then linked into place: never a half-written key,
    and when two instances race, both use the one that landed first."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        os.link(temp, path)
    except FileExistsError:
        pass  # another instance made it first: use that one
    except OSError as exc:
        raise SigningKeyError(f"无法创建签名密钥 {path}：{exc.strerror}") from exc
    finally:
        temp.unlink(missing_ok=True)
