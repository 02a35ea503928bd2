"""``drafter build DRAFT -o 报告.pdf``: the DOCX as LibreOffice renders it, fonts embedded.

Read back with poppler (pdfinfo, pdffonts, pdftotext), independent of drafter.  The render tests
need LibreOffice and skip only where it is not installed (.ci/run installs it); the message for
a machine without it is tested everywhere.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from drafter.cli import main
from tests.conftest import ROOT, SAMPLES

SHARED_FONTS = ROOT.parent / "shared" / "tools" / "fonts.conf"
OWN_FONTS = Path(__file__).resolve().parent / "fonts.conf"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SAMPLE = SAMPLES / "department-2024.yaml"
TITLE = "示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告"

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The free CJK fonts stand in for the official ones, as in tests/test_render.py."""
    if shutil.which("pdffonts") is None:
        pytest.fail("pdffonts (poppler-utils) is missing: the PDF test needs it")
    monkeypatch.setenv(
        "FONTCONFIG_FILE", str(SHARED_FONTS if SHARED_FONTS.is_file() else OWN_FONTS)
    )


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)$", info.stdout, flags=re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample built to PDF by drafter, and the same sample's DOCX rendered by the test."""
    assert SOFFICE is not None
    folder = tmp_path_factory.mktemp("pdf")
    pdf, docx = folder / "报告.pdf", folder / "报告.docx"
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(SHARED_FONTS if SHARED_FONTS.is_file() else OWN_FONTS),
    }
    for output in (pdf, docx):
        subprocess.run(
            ["python", "-m", "drafter", "build", str(SAMPLE), "-o", str(output)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=env,
            timeout=300,
        )
    rendered = folder / "rendered"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(rendered),
            str(docx),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=240,
    )
    return pdf, rendered / "报告.pdf"


@needs_libreoffice
def test_the_pdf_has_the_pages_of_the_docx(built: tuple[Path, Path]) -> None:
    pdf, docx_render = built
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pages(pdf) == pages(docx_render) >= 4


@needs_libreoffice
def test_every_font_is_embedded(built: tuple[Path, Path]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(built[0])], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    fonts = listing[2:]  # below the header and its rule
    assert fonts, listing
    # The columns: name, type (one or two words), encoding, emb, sub, uni, object, generation.
    embedded = [line.split()[-5] for line in fonts]
    assert embedded == ["yes"] * len(fonts), "\n".join(listing)


@needs_libreoffice
def test_the_text_holds_the_title_and_the_page_numbers(built: tuple[Path, Path]) -> None:
    text = text_of(built[0])
    assert TITLE in re.sub(r"\s+", "", text)
    assert "—1—" in re.sub(r"[ \t]+", "", text)


@needs_libreoffice
def test_a_draft_with_gaps_is_refused_unless_allow_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fonts: None
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例市城中区城市管理和综合执法局, year: 2024, date: 2025-01-20}\n"
        "sections:\n  opening: {}\n  measures: {}\n  study: {}\n  shortcomings: {}\n"
        "  leadership: {}\n  plan: {}\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "报告.pdf"
    assert main(["build", str(draft), "-o", str(pdf)]) == 1
    assert "--allow-missing" in capsys.readouterr().err
    assert not pdf.exists()
    assert main(["build", str(draft), "-o", str(pdf), "--allow-missing"]) == 0
    assert "【待填" in re.sub(r"\s+", "", text_of(pdf))


@needs_libreoffice
def test_it_works_while_the_clerk_has_libreoffice_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fonts: None
) -> None:
    """The clerk's LibreOffice holds its profile and answers on its pipe.  Here it is frozen
    (as behind a dialog): a conversion handed to it would never come back.  The build runs an
    instance of its own, on a profile of its own, and finishes."""
    import signal

    from drafter.export import pdf as pdf_export

    assert SOFFICE is not None
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(pdf_export, "TIMEOUT_SECONDS", 60)
    clerk = subprocess.Popen(
        [SOFFICE, "--headless", "--norestore"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        lock = home / ".config" / "libreoffice" / "4" / ".lock"
        for _ in range(300):
            if lock.exists() or clerk.poll() is not None:
                break
            time.sleep(0.1)
        assert lock.exists(), "the clerk's LibreOffice did not start"
        time.sleep(1)  # let it open its pipe
        os.killpg(clerk.pid, signal.SIGSTOP)
        pdf = tmp_path / "报告.pdf"
        assert main(["build", str(SAMPLE), "-o", str(pdf)]) == 0
        assert pages(pdf) >= 4
    finally:
        # The whole group (oosplash and soffice.bin), so no instance outlives the test.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(clerk.pid, signal.SIGKILL)
        clerk.wait(timeout=30)


def test_without_libreoffice_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    pdf = tmp_path / "报告.pdf"
    assert main(["build", str(SAMPLE), "-o", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "未找到 LibreOffice，无法生成 PDF" in err
    assert "apt-get install libreoffice-writer-nogui" in err
    assert not pdf.exists()
    assert list(tmp_path.iterdir()) == [empty]  # nothing half-written beside it
