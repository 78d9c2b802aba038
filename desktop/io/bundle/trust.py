"""Which signing key each unit's bundles come with, as this installation first saw it (trust on
first use, as SSH's known_hosts): `known-signers.json` in the user's data folder. `consolidate`
records a unit's key the first time and refuses a later bundle of that unit signed by another key
unless told to accept the new key by its fingerprint; `verify` only reads the record.

The record is kept per sender (`sender_of`): a unit that sends its own bundle, signed on its own
installation, is known by its 单位代码; a department sending its bundle (one unit, or its
units together) by the department's 单位代码, or by its name when it has no code."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.atomic import replacing
from desktop.paths import data_dir

TRUST_FILE = "known-signers.json"


def unit_key(department: dict[str, Any]) -> str:
    code = str(department.get("code") or "").strip()
    return f"code:{code}" if code else f"name:{str(department.get('name') or '').strip()}"


@dataclass(frozen=True)
class Sender:
    """Whose key signs a bundle: `key` in the record, `label` for the clerk (name and code)."""

    key: str
    name: str
    code: str

    @property
    def label(self) -> str:
        return f"{self.name}（单位代码 {self.code}）" if self.code else self.name


def sender_of(department: dict[str, Any], units: Any) -> Sender:
    """The one unit a bundle carries, by the 单位代码 it states, when that is not the
    department's own (a department's units sending apart, each from its own installation);
    otherwise the department (a one-unit department, or its units sent together)."""
    own = str(department.get("code") or "").strip()
    if isinstance(units, list) and len(units) == 1 and isinstance(units[0], dict):
        code = str(units[0].get("code") or "").strip()
        if code and code != own:
            return Sender(f"code:{code}", str(units[0].get("name") or ""), code)
    return Sender(unit_key(department), str(department.get("name") or ""), own)


@dataclass(frozen=True)
class Verdict:
    known: str | None  # the fingerprint on record (None: the unit is new here)
    same: bool

    @property
    def conflict(self) -> bool:
        return self.known is not None and not self.same


@dataclass
class KnownSigners:
    path: Path
    units: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> KnownSigners:
        path = (folder or data_dir()) / TRUST_FILE
        try:
            units = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            units = {}
        except (OSError, ValueError) as exc:
            raise OSError(f"无法读取已记录的签名密钥 {path}：{exc}") from exc
        return cls(path, units if isinstance(units, dict) else {})

    def verdict(self, sender: Sender, fingerprint: str) -> Verdict:
        entry = self.units.get(sender.key)
        known = str(entry["fingerprint"]) if isinstance(entry, dict) and "fingerprint" in entry else None
        return Verdict(known, known == fingerprint)

    def remember(self, sender: Sender, signer: dict[str, str]) -> None:
        """Record the sender's key (a new one replaces the old, which is kept in its history)."""
        key = sender.key
        old = self.units.get(key, {})
        history = [*old.get("history", []), *([{k: old[k] for k in ("fingerprint", "since")}] if old else [])]
        self.units[key] = {
            "name": sender.name,
            "fingerprint": signer["fingerprint"],
            "public_key": signer["public_key"],
            "since": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
            "history": history,
        }

    def save(self) -> None:
        """Replaced atomically (desktop.atomic), readable and writable by its owner only."""
        with replacing(self.path) as temp:
            temp.chmod(0o600)
            temp.write_text(json.dumps(self.units, ensure_ascii=False, indent=2), encoding="utf-8")
