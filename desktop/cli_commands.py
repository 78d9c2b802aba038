"""The headless commands (`juesuan COMMAND …`): their parser, handlers and error messages.

Exit codes: 0 success, 1 the data has errors, 2 bad usage or bad input. Messages are Chinese;
`--json` prints one JSON object on stdout (shapes documented in the README). Whatever a
user's file holds, the CLI prints a message and exits 2, never a traceback (`--debug` shows it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.atomic import OutputError
from desktop.cli_narrative import add_narrative_commands
from desktop.cli_support import (
    BAD_INPUT,
    DATA_ERRORS,
    DEBUG,
    OK,
    ChineseParser,
    UsageError,
    emit,
    open_dataset,
)
from desktop.forms.edition import EditionError
from desktop.io.workbook.errors import WorkbookError
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError
from desktop.models.snapshot import Unit
from desktop.models.store import StoreError
from desktop.models.values import CellError
from desktop.money import AmountError, format_exact
from desktop.rules.definition import RuleError
from desktop.rules.finding import SEVERITY_NAMES, Finding, count_by_severity

# Failures whose message is for the clerk (bad input, an unwritable target).
KNOWN_ERRORS = (
    AmountError,
    CellError,
    EditionError,
    RuleError,
    StoreError,
    InterchangeError,
    WorkbookError,
    OutputError,
    OSError,
)


# --- commands -------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    units = [Unit("u1", args.department, "行政单位")]
    with Dataset.create(
        Path(args.file), args.department, args.year, code=args.code, units=units, edition=args.edition
    ) as dataset:
        edition = dataset.edition.label
    print(f"已创建数据文件 {args.file}（{args.department}，{args.year} 年度，{edition}）")
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.actions.importing import import_file

    with open_dataset(args.file) as dataset:
        report = import_file(
            dataset,
            Path(args.source),
            prior=args.prior,
            replace=args.replace,
            force=args.force,
            unit_code=args.unit,
        )
        if args.json:
            emit(report.as_json())
        else:
            print(report.text())
        return DATA_ERRORS if report.has_errors else OK


def cmd_set(args: argparse.Namespace) -> int:
    year = "prior" if args.prior else "current"
    with open_dataset(args.file) as dataset:
        if args.unit:
            unit = dataset.org_unit(args.unit)
            result = dataset.unit_set(unit.id, args.cell, args.value, year=year)
            value = dataset.unit_get(unit.id, args.cell, year)
        else:
            result = dataset.set(args.cell, args.value, year=year)
            value = dataset.get(args.cell, year)
        print(f"{args.cell} = {_show(value)}")
        for finding in result.findings.added:
            print(f"  {SEVERITY_NAMES[finding.severity]}：{finding.message}")
    return OK


def _show(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def cmd_get(args: argparse.Namespace) -> int:
    with open_dataset(args.file) as dataset:
        year = "prior" if args.prior else "current"
        cell = dataset.cell_def(args.cell, year)
        if args.unit:
            print(_show(dataset.unit_get(dataset.org_unit(args.unit).id, cell.id, year)))
        else:
            print(_show(dataset.get(cell.id, year)))
    return OK


def _finding_line(finding: Finding) -> str:
    cells = ", ".join(finding.cells)
    return f"[{SEVERITY_NAMES[finding.severity]}] {finding.rule} {cells}\n    {finding.message}"


def _counts_line(counts: dict[str, int]) -> str:
    return f"错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个"


def cmd_validate(args: argparse.Namespace) -> int:
    """The department's findings, then each unit's own when the figures are entered by unit."""
    with open_dataset(args.file) as dataset:
        findings = dataset.findings()
        split = dataset.by_org_unit
        units = [(unit, dataset.unit_findings(unit.id)) for unit in dataset.units] if split else []
    counts = count_by_severity(findings)
    unit_errors = sum(count_by_severity(found)["error"] for _unit, found in units)
    if args.json:
        emit({"file": args.file, "counts": counts, "findings": [f.as_json() for f in findings]}
             | ({"units": [_unit_json(unit, found) for unit, found in units]} if units else {}))  # fmt: skip
    else:
        for finding in findings:
            print(_finding_line(finding))
        print(_counts_line(counts))
        for unit, found in units:
            print(f"\n{unit.name}（{unit.code or unit.id}）自身的审核结果：")
            for finding in found:
                print(_finding_line(finding))
            print(_counts_line(count_by_severity(found)))
    return DATA_ERRORS if counts["error"] or unit_errors else OK


def _unit_json(unit: Unit, findings: list[Finding]) -> dict[str, Any]:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind,
            "counts": count_by_severity(findings), "findings": [f.as_json() for f in findings]}  # fmt: skip


def cmd_export(args: argparse.Namespace) -> int:
    if not (args.json or args.xlsx or args.pdf or args.bundle):
        raise UsageError("请至少指定一种输出：--json / --xlsx / --pdf / --bundle (choose an output)")
    from desktop.cli_export import export_outputs

    with open_dataset(args.file) as dataset:
        return export_outputs(dataset, args)


# --- verify and consolidate (bundles) -------------------------------------------------------


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.io.bundle.gate import verify_bundle

    report = verify_bundle(Path(args.bundle))
    if args.json:
        emit(report.as_json())
    else:
        print(report.text())
    return report.exit_code


def cmd_consolidate(args: argparse.Namespace) -> int:
    from desktop.actions.consolidation import ConsolidationError, consolidate

    sources = [Path(s) for s in args.sources]
    try:
        report = consolidate(Path(args.out), sources, db=args.db or "", accept_keys=args.accept_key or ())
    except (ConsolidationError, OutputError, StoreError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return BAD_INPUT
    print(report.text())
    return OK if report.ok else DATA_ERRORS


def _add_bundle_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command(
        "verify",
        cmd_verify,
        "校验报送包：签名、每个文件的 SHA-256、表格与 PDF 是否与数据一致，并重新审核数据",
    )
    p.add_argument("bundle")
    p.add_argument("--json", action="store_true")
    p = command(
        "consolidate", cmd_consolidate, "汇总：把多个单位的报送包 (.zip)、数据文件 (.jsd) 或其所在文件夹相加"
    )
    p.add_argument("out", help="新建的汇总数据文件（汇总情况表写在它旁边：名称-汇总情况.xlsx）")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="报送包、数据文件或包含它们的文件夹")
    p.add_argument(
        "--db",
        metavar="URL",
        help="写入 PostgreSQL 空数据库（postgresql://用户@主机:端口/数据库）而不是数据文件；"
        "OUT 只用于确定汇总情况表的位置",
    )
    p.add_argument(
        "--accept-key",
        action="append",
        metavar="FINGERPRINT",
        help="接受某单位换用的新签名密钥（与该单位核对过的指纹，如 SHA256:…），可重复",
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.actions.demo import create_demo

    path = create_demo()
    if args.headless:
        with Dataset.open(path) as dataset:
            print(summary(dataset))
        return OK
    window: Callable[[Path, argparse.Namespace], int] = args.open_window
    return window(path, args)


def summary(dataset: Dataset) -> str:
    dept = dataset.department
    counts = count_by_severity(dataset.findings())
    total = dataset.number("G01.grand_in.amount")
    return (
        f"{dept.name}（{dept.year} 年度）：{dataset.path}\n"
        f"收支总计 {format_exact(total) if total is not None else '—'} 万元；"
        f"错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个"
    )


# --- parser ---------------------------------------------------------------------------------


UNIT_CELL = "按单位填报时：本级或二级单位的单位代码（不指定则为部门合计）"


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="juesuan", description="决算填报助手 (Final Accounts Desk)")
    parser.add_argument("--version", action="version", version=f"juesuan {__version__}")
    parser.add_argument(DEBUG, action="store_true", help="出错时显示详细的程序信息 (show tracebacks)")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser)

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = command("new", cmd_new, "新建数据文件 (create a dataset)")
    p.add_argument("file")
    p.add_argument("--department", required=True, help="部门名称")
    p.add_argument("--year", required=True, type=int, help="年度，如 2020")
    p.add_argument("--code", default="", help="部门代码")
    p.add_argument(
        "--edition", default=None, help="版本（表样、科目表与情况说明模板），默认为该年度适用的最新版本"
    )

    p = command("import", cmd_import, "导入工作簿 (.xlsx/.xls) 或交换文件 (.json)")
    p.add_argument("file")
    p.add_argument("source")
    p.add_argument("--prior", action="store_true", help="作为上年数据导入")
    p.add_argument("--replace", action="store_true", help="覆盖已有的本年数据（先自动备份）")
    p.add_argument("--force", action="store_true", help="文件的年度或单位与数据文件不一致时仍然导入")
    p.add_argument(
        "--unit", metavar="CODE", help="把文件导入到单位代码为 CODE 的本级或二级单位（按单位填报时）"
    )
    p.add_argument("--json", action="store_true")

    p = command("set", cmd_set, "填写一个单元格，如 G05.2010601.basic 306.19")
    p.add_argument("file")
    p.add_argument("cell")
    p.add_argument("value")
    p.add_argument("--prior", action="store_true")
    p.add_argument("--unit", metavar="CODE", help=UNIT_CELL)

    p = command("get", cmd_get, "读取一个单元格（含计算单元格）")
    p.add_argument("file")
    p.add_argument("cell")
    p.add_argument("--prior", action="store_true")
    p.add_argument("--unit", metavar="CODE", help=UNIT_CELL)

    p = command("validate", cmd_validate, "列出全部审核结果")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    p = command("export", cmd_export, "导出 Excel / PDF / 报送包 / 交换文件")
    p.add_argument("file")
    p.add_argument("--json", metavar="J", help="交换文件 (.json)")
    p.add_argument("--xlsx", metavar="X")
    p.add_argument("--pdf", metavar="P")
    p.add_argument("--bundle", metavar="Z")
    p.add_argument(
        "--force", action="store_true", help="有未完成内容或错误时仍然公开导出（会记录在清单和 PDF 属性中）"
    )
    p.add_argument("--draft", action="store_true", help="导出 PDF 草稿（每页标有“草稿”，不检查是否完成）")

    p = command("demo", cmd_demo, "打开示例数据")
    p.add_argument("--headless", action="store_true", help="不打开窗口，只打印概要")
    p.add_argument("--screenshot", metavar="PATH")
    p.add_argument("--form")
    _add_bundle_commands(command)
    add_narrative_commands(command)
    return parser


def run_command(argv: list[str], *, debug: bool, window: Callable[[Path, argparse.Namespace], int]) -> int:
    """Parse and run one command (`window` opens a file in the window); its failures become
    messages (tracebacks with --debug)."""
    try:
        args = _parser().parse_args(argv)
        args.open_window = window
        if not getattr(args, "handler", None):
            raise UsageError("请指定命令 (a command is required)；运行 juesuan --help")
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    except Exception as exc:  # also a file no check foresaw: a message, not a traceback
        if debug:
            raise
        print(f"错误：{exc}" if isinstance(exc, KNOWN_ERRORS) else unexpected(exc), file=sys.stderr)
        return BAD_INPUT


def unexpected(exc: BaseException) -> str:
    detail = f"{type(exc).__name__}: {str(exc)[:200]}"
    return (
        f"错误：处理文件时遇到了无法识别的内容（{detail}）。请确认文件完好，或把文件交给技术支持；"
        f"加 {DEBUG} 可显示详细信息。"
    )


def command_names() -> set[str]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)
