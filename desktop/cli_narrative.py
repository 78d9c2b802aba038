"""`juesuan narrative FILE` and `juesuan check-text FILE TEXT`: the 情况说明 drafted from the
figures, and a text's figures checked against them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.cli_support import DATA_ERRORS, OK, UsageError, emit, open_dataset


def cmd_narrative(args: argparse.Namespace) -> int:
    from desktop.narrative.draft import draft

    with open_dataset(args.file) as dataset:
        narrative = draft(dataset.snapshot(), decimals=args.decimals, threshold=dataset.threshold)
    print(narrative.text())
    missing = narrative.placeholders
    if missing:
        print(f"\n尚缺 {len(missing)} 段原因说明：" + "、".join(p.label for p in missing), file=sys.stderr)
    return OK


def cmd_check_text(args: argparse.Namespace) -> int:
    from desktop.io.text_document import TextDocumentError, read_text_document
    from desktop.narrative.check import read_text
    from desktop.narrative.reader.claims import REASONS

    try:
        text = read_text_document(Path(args.text))
    except TextDocumentError as exc:
        raise UsageError(str(exc)) from exc
    with open_dataset(args.file) as dataset:
        reading = read_text(dataset.snapshot(), text)
    findings, summary = reading.findings, reading.summary
    if args.json:
        emit({"file": args.file, "text": args.text, **reading.as_dict()})
    else:
        for f in findings:
            print(f"[{f.rule}] {f.message}\n    原文：{f.sentence.strip()}")
        print(f"发现 {len(findings)} 处文字与数据不一致" if findings else "文字中的数字与数据一致")
        print(
            f"数字 {summary.found} 个：已核对 {summary.checked} 个，未核对 {summary.unchecked} 个，"
            f"自相矛盾 {summary.inconsistent} 个"
        )
        for reason, n in summary.reasons.items():
            print(f"    未核对 {n} 个：{REASONS.get(reason, reason)}")
    return DATA_ERRORS if findings else OK


def add_narrative_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("narrative", cmd_narrative, "打印根据数据起草的情况说明")
    p.add_argument("file")
    p.add_argument("--decimals", type=int, default=2, help="百分比保留的小数位数（默认 2）")
    p = command("check-text", cmd_check_text, "核对情况说明（.txt/.docx）中的数字与数据是否一致")
    p.add_argument("file")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
