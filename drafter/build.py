"""From a draft file to a finished report: load, resolve, compose, export.

The functions here are the core's public way to build; the CLI and the TUI both call them.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from drafter.check import Finding, Severity, check_document
from drafter.check.findings import format_findings
from drafter.compose import Composed, Gap, compose_file
from drafter.draftfile import write_atomic
from drafter.errors import DrafterError, InputError, os_reason
from drafter.export.ownership import remember, safe_output
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Document

FORMATS = ("docx", "txt", "md", "pdf")


class MissingFigures(DrafterError):
    """The draft still has gaps and the build was asked to be complete."""

    def __init__(self, path: str, gaps: list[Gap]) -> None:
        self.gaps = gaps
        listed = "\n".join(f"  - {gap}" for gap in gaps)
        super().__init__(
            f"{path}：还有 {len(gaps)} 项数字未填写，无法生成完整报告：\n{listed}\n请补齐后重试。"
        )


class ContradictoryFigures(DrafterError):
    """The report states figures that contradict each other (a rate that is not its counts…)."""

    def __init__(self, path: str, report: str) -> None:
        super().__init__(f"{path}：报告中的数字相互矛盾，未生成报告。\n{report}")


class Built(NamedTuple):
    composed: Composed
    output: Path | None
    findings: list[Finding]
    kept: Path | None = None  # a DOCX someone edited since drafter wrote it, left as it was

    @property
    def document(self) -> Document:
        return self.composed.document


def output_format(output: Path) -> str:
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(
            f"无法识别输出格式“{output.suffix or '无扩展名'}”，请用 .docx、.pdf、.txt 或 .md",
            output,
        )
    return suffix


def export(
    document: Document,
    output: Path,
    layout: LayoutProfile = DEFAULT_LAYOUT,
    reference: Path | None = None,
) -> None:
    """Write ``document`` in the format the output's extension names; a DOCX takes the styles,
    headers and footers ``reference`` (an office's own Word template) defines."""
    kind = output_format(output)
    if kind == "pdf":  # the DOCX, rendered by LibreOffice
        from drafter.export.pdf import docx_for_pdf

        with docx_for_pdf(output) as docx:
            export(document, docx, layout, reference)
        return
    try:
        if kind == "docx":
            from drafter.export.docx import write_docx

            write_docx(document, output, layout, reference)
        else:
            from drafter.export.text import to_markdown, to_text

            write_atomic(
                output,
                to_text(document, layout) if kind == "txt" else to_markdown(document, layout),
            )
    except OSError as error:
        raise InputError(f"无法写入输出文件（{os_reason(error)}）", output) from None


def build_file(
    path: str | Path,
    output: str | Path,
    allow_missing: bool = False,
    layout: LayoutProfile = DEFAULT_LAYOUT,
    force: bool = False,
    reference: str | Path | None = None,
) -> Built:
    """Build one draft into ``output``; refuse gaps unless ``allow_missing``.

    A DOCX at ``output`` that drafter did not write, or that was edited since, is never
    overwritten (unless ``force``): the report goes to ``报告（2）.docx`` beside it, and
    :attr:`Built.kept` names the file left alone."""
    return build_composed(
        compose_file(path), output, str(path), allow_missing, layout, force, reference
    )


def build_composed(
    composed: Composed,
    output: str | Path,
    path: str = "草稿",
    allow_missing: bool = False,
    layout: LayoutProfile = DEFAULT_LAYOUT,
    force: bool = False,
    reference: str | Path | None = None,
    findings: list[Finding] | None = None,
) -> Built:
    """:func:`build_file` for a report already composed (the editor's tree, which its preview
    and review show): the same refusals, checks and safe output; ``path`` names the draft,
    ``findings`` are :func:`check_composed`'s on this very tree when the caller has them."""
    if composed.gaps and not allow_missing:
        raise MissingFigures(path, composed.gaps)
    if findings is None:
        findings = check_composed(composed, layout)
    contradictions = [
        f for f in findings if f.severity is Severity.ERROR and f.code.startswith("arithmetic.")
    ]
    if contradictions:
        raise ContradictoryFigures(path, format_findings(path, contradictions))
    output = Path(output)
    word = output_format(output) == "docx"
    target = safe_output(output, force) if word else output
    rebuilt = target.exists()
    export(composed.document, target, layout, Path(reference) if reference else None)
    if rebuilt and word:
        # A report built here before is likely built here again: the next build knows it as
        # drafter's own by its bytes.  (A first build at a path notes nothing: a folder of
        # reports built once pays for no notes.)
        remember(target)
    return Built(composed, target, findings, kept=output if target != output else None)


def check_composed(composed: Composed, layout: LayoutProfile = DEFAULT_LAYOUT) -> list[Finding]:
    """``drafter check``'s text rules on the composed report, before it is written out.

    Figures the draft types are already validated; what is left to catch is in the clerk's own
    words: a rate typed into free text, last year's date left in place, half-width punctuation.
    """
    findings = check_document(composed.document, year=composed.year, layout=layout)
    # The gaps of a draft built with --allow-missing are wanted; a build without it refuses
    # them before this.
    return [f for f in findings if f.code != "content.gap"]
