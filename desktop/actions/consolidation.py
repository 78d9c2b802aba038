"""The finance bureau's 汇总: many units' bundles (or datasets, or folders of them) into one
consolidated dataset and a summary workbook, as a stream (desktop.io.consolidation). Both
doors call `consolidate`: the CLI (`juesuan consolidate`) and the window's 汇总 page.

Every source is checked before it is summed; a refused one is listed with its reason and left
out. A unit given twice refuses the run (which copy counts is the bureau's call). The output is
written beside its name and renamed into place, the summary workbook inside the same step, so a
failure leaves neither; `db` (postgresql://…) puts the dataset on a server instead of a file."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.atomic import OutputError, check_target, replacing
from desktop.bulk import no_cycle_collection
from desktop.io.bundle.trust import KnownSigners
from desktop.io.consolidation.accumulate import MAIN_TOTALS, Accumulator, ConsolidationError, SummaryLine
from desktop.io.consolidation.sources import Refused, Source, SourceRefused, gather, read_source
from desktop.io.consolidation.summary import write_summary
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.models.server import copy_to_server, is_server_url
from desktop.models.store import StoreError, remove_file, sqlite_reason

__all__ = ["ConsolidationError", "ConsolidationReport", "consolidate", "summary_path"]

Progress = Callable[[int, int, str], None]  # done, of, the source being read


@dataclass
class ConsolidationReport:
    out: Path
    summary: Path
    lines: list[SummaryLine] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)  # each table's main total
    labels: dict[str, str] = field(default_factory=dict)  # form → its label (公开05表 …)
    errors: int = 0  # error findings of the consolidated dataset
    server: str = ""  # where the dataset went instead of OUT

    @property
    def ok(self) -> bool:
        return not self.refused and not self.errors

    def text(self) -> str:
        where = f"数据库 {self.server}" if self.server else f"数据文件 {self.out}"
        lines = [f"已汇总 {len(self.lines)} 个来源到{where}；汇总情况表 {self.summary}"]
        lines += [
            f"  {line.name}（{line.code or '无代码'}）：{line.path}{_marks(line)}" for line in self.lines
        ]
        if self.refused:
            lines.append(f"未采用 {len(self.refused)} 个来源：")
            lines += [f"  {r.path}：{r.reason}" for r in self.refused]
        lines.append(f"汇总数据审核：错误 {self.errors} 个")
        return "\n".join(lines)


def _marks(line: SummaryLine) -> str:
    signed = f"，签名密钥 {line.signer}" if line.signer else ""
    forced = f"，强制导出（编制人确认了 {line.forced} 项未完成内容或错误）" if line.forced else ""
    return signed + forced


def summary_path(out: Path) -> Path:
    return Path(out).with_name(Path(out).stem + "-汇总情况.xlsx")


def consolidate(
    out: Path,
    sources: Sequence[Path],
    *,
    db: str = "",
    accept_keys: Sequence[str] = (),
    progress: Progress | None = None,
) -> ConsolidationReport:
    """Consolidate `sources` into the new dataset OUT (or into the empty PostgreSQL database
    `db`, OUT then naming only the summary workbook's place). ConsolidationError, OutputError
    or StoreError (nothing written) when it cannot be done."""
    out = Path(out)
    target = summary_path(out)
    if out.exists() and not db:
        raise ConsolidationError(f"文件 {out} 已存在，请换一个文件名。")
    if db and not is_server_url(db):
        raise ConsolidationError(f"--db 应为 postgresql://用户@主机:端口/数据库，而不是 {db}")
    files, refused = gather(sources)
    protected = dict.fromkeys(files, "汇总的来源")
    for path in (out, target):
        check_target(path, protected)
    known = KnownSigners.load()
    with no_cycle_collection():
        summed = _read_all(files, refused, known, frozenset(accept_keys), progress)
        report = ConsolidationReport(out, target, summed.lines, refused, server=db)
        _write(report, summed, db)
    _remember_signers(summed, known)
    return report


def _read_all(
    files: Sequence[Path],
    refused: list[Refused],
    known: KnownSigners,
    accepted: frozenset[str],
    progress: Progress | None,
) -> Accumulator:
    summed = Accumulator()
    keys: dict[str, str] = {}  # sender → the fingerprint of its first bundle in this run
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files), path.name)
        try:
            source = read_source(path, known, accepted)
            _one_key_per_sender(source, keys)
            summed.add(source)
        except SourceRefused as exc:
            refused.append(Refused(path, str(exc)))
    if progress is not None:
        progress(len(files), len(files), "")
    failure = summed.refusal()
    if failure is not None:
        raise failure
    if summed.first is None:
        listed = "".join(f"\n  - {r.path}：{r.reason}" for r in refused)
        raise ConsolidationError(f"没有可以汇总的来源，未生成任何文件：{listed}")
    return summed


def _one_key_per_sender(source: Source, keys: dict[str, str]) -> None:
    """A sender new to this installation is trusted on its first key; a second bundle of the
    same run signed with another key is not the same sender for sure, and is left out."""
    fingerprint = source.signer.get("fingerprint")
    if not fingerprint:
        return
    first = keys.setdefault(source.sender.key, fingerprint)
    if first != fingerprint:
        raise SourceRefused(
            f"{source.sender.label} 在本次汇总中已有一个报送包由密钥 {first} 签名，"
            f"而这一个由 {fingerprint} 签名：同一单位的报送包应由同一把密钥签名。"
            "请与该单位核对是哪一个，去掉另一个后再汇总。"
        )


def _write(report: ConsolidationReport, summed: Accumulator, db: str) -> None:
    """The dataset (a file renamed into place, or copied into the server) and the summary."""
    with _dataset_file(report.out, in_place=not db) as path:
        try:
            _build(path, summed.document(), report)
        except StoreError as exc:  # a full disk, most likely: said of OUT, not of its temporary
            raise OutputError(
                f"无法写入汇总数据 {report.out}：{sqlite_reason(exc)}。"
                "没有留下不完整的文件，请腾出空间后重试。"
            ) from exc
        if db:
            copy_to_server(path, db)
        write_summary(report.summary, report.lines, report.totals, report.refused, report.labels)


def _build(path: Path, doc: dict[str, Any], report: ConsolidationReport) -> None:
    department = doc["department"]
    with Dataset.create(
        path,
        department["name"],
        department["year"],
        code=department["code"],
        edition=doc["edition"],
        scratch=True,
    ) as dataset:
        # A new file: nothing to undo, so no log of its filling (as many rows again as the data).
        import_document(dataset, doc, source="汇总数据", checked=True, undoable=False)
        calc = dataset.calc("current")
        report.totals = {form: _amount(calc.value(cell)) for form, cell in MAIN_TOTALS.items()}
        report.errors = sum(1 for f in dataset.findings() if f.severity == "error")
        report.labels = {form.id: form.label for form in dataset.catalogue}


def _amount(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)


@contextmanager
def _dataset_file(out: Path, *, in_place: bool) -> Iterator[Path]:
    """A fresh path to build the dataset at: beside OUT, renamed to it when all went well;
    or, for a server, in a temporary folder."""
    if not in_place:
        with tempfile.TemporaryDirectory(prefix="juesuan-") as folder:
            yield Path(folder) / "consolidated.jsd"
        return
    with replacing(out) as temp:
        temp.unlink()  # a dataset is created afresh
        try:
            yield temp
        except BaseException:
            remove_file(temp)  # and its journal
            raise


def _remember_signers(summed: Accumulator, known: KnownSigners) -> None:
    """Senders seen for the first time (or with a newly accepted key) have their key recorded."""
    changed = False
    for sender, signer in summed.signers:
        if not known.verdict(sender, signer["fingerprint"]).same:
            known.remember(sender, signer)
            changed = True
    if changed:
        known.save()
