"""The classified tables a 功能分类 code's figures live in, G05 (with its 预算数) first."""

from __future__ import annotations

CLASSIFIED_TABLES = ("G05", "G03", "G08", "G09")
