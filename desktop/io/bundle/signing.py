"""The bundle's signature: the manifest names its signer (algorithm, public key, fingerprint) and
`signature.json` holds the Ed25519 signature of the manifest's exact bytes, made with the
installation's key (desktop.io.bundle.keys). Every member's SHA-256 is in the manifest, so the
signature covers every byte of the bundle."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from desktop.io.bundle.agreement import Agreement
from desktop.io.bundle.keys import ALGORITHM, Signer, fingerprint, verify_signature
from desktop.io.bundle.trust import KnownSigners, sender_of

SIGNATURE = "signature.json"


def signature_member(manifest: bytes, signer: Signer) -> bytes:
    data = {"algorithm": ALGORITHM, "fingerprint": signer.fingerprint, "signature": signer.sign(manifest)}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def signer_of(manifest: dict[str, Any]) -> dict[str, str]:
    signer = manifest.get("signer")
    return {k: str(v) for k, v in signer.items()} if isinstance(signer, dict) else {}


def check_signature(manifest: dict[str, Any], manifest_bytes: bytes, signature: bytes | None) -> Agreement:
    """The manifest is signed by the key it names, and that key has the fingerprint it states."""
    signer = signer_of(manifest)
    if signature is None or not signer:
        return Agreement(
            False, f"报送包没有签名（{SIGNATURE}；由旧版本生成，或签名已被去掉）：无法确认由谁封装"
        )
    try:
        stated = json.loads(signature)
        valid = signer.get("algorithm") == ALGORITHM and verify_signature(
            signer.get("public_key", ""), str(stated.get("signature", "")), manifest_bytes
        )
    except (ValueError, AttributeError):
        valid = False
    if not valid:
        return Agreement(False, f"{SIGNATURE} 中的签名与清单不符：清单在签名后被改动，或由他人重新生成")
    if fingerprint_of(signer) != signer.get("fingerprint"):
        return Agreement(False, "清单所写的密钥指纹与其公钥不符")
    return Agreement(True, f"清单由密钥 {signer['fingerprint']} 签名，签名有效")


def fingerprint_of(signer: dict[str, str]) -> str:
    try:
        return fingerprint(base64.b64decode(signer.get("public_key", ""), validate=True))
    except (ValueError, binascii.Error):
        return ""


def check_signer(
    manifest: dict[str, Any], units: Any, known: KnownSigners, accepted: frozenset[str] = frozenset()
) -> Agreement:
    """The sender's bundles were signed by this key before (or the sender is new here); the
    sender is the one unit of `units` (data.json's) or the manifest's department."""
    signer, department = signer_of(manifest), manifest.get("department") or {}
    sender = sender_of(department if isinstance(department, dict) else {}, units)
    name, new_key = sender.label, signer.get("fingerprint", "")
    verdict = known.verdict(sender, new_key)
    if verdict.known is None:
        return Agreement(True, f"本机第一次见到“{name}”的报送包：签名密钥尚未记录（汇总时记录）")
    if verdict.same:
        return Agreement(True, f"与“{name}”以前的报送包由同一密钥签名")
    if new_key in accepted:
        return Agreement(True, f"“{name}”换用了新密钥 {new_key}（已确认接受）")
    return Agreement(
        False,
        f"“{name}”以前的报送包由密钥 {verdict.known} 签名，此包却由 {new_key} 签名："
        "可能是他人重新打包。请与该单位核对新密钥的指纹；确认后用 consolidate --accept-key 指纹 接受",
    )
