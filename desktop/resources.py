"""Where the application's read-only data lives: editions, forms, rules, code lists, fonts, demo data."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
