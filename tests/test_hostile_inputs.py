"""A catalogue of hostile and careless inputs, one case per row of CASES.

Each case writes its input files into a folder of its own (large ones are generated here), runs
``python -m drafter …`` there as a subprocess with 1 GB of address space and 10 s of CPU time,
and asserts the promise every input makes: exit 1 with a Chinese message naming the file (and,
where there is one, the line and the field), or exit 0 where the input is valid; never a
traceback, never an English fragment of libyaml, Jinja, pydantic or the system; and no input
file changed afterwards.

The cases run two at a time (the machine has two cores) the first time any of them is asked
for; each test then checks the result of its own row.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

MEMORY_LIMIT = 1024**3  # RLIMIT_AS
CPU_SECONDS = 10  # RLIMIT_CPU: the time limit, in CPU seconds so that a loaded machine is fair
WALL_SECONDS = 120  # only a guard against a hang that uses no CPU

HEAD = "meta:\n  organisation: 示例局\n  year: 2024\nsections:\n"
SAMPLE = (SAMPLES / "department-2024.yaml").read_text(encoding="utf-8")

# English that must never reach a clerk: libyaml, Jinja, pydantic, Python and the system.
ENGLISH = re.compile(
    r"Traceback|Error\b|error:|expected|found |mapping|while (?:scanning|parsing)|"
    r"Input should|valid number|undefined|Errno|No such file|Permission denied|"
    r"No space|File too large|class '|decimal\.|Infinity|NaN|\.tmp\b|object at 0x|"
    r"'[^']*' or '|not allowed|unexpected|Invalid"
)
HAN = re.compile("[\u4e00-\u9fff]")

Files = dict[str, bytes | str]


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # what the row tries: memory, time, traceback, data loss, message
    files: Callable[[], Files]  # the inputs, made in the case's own folder
    argv: tuple[str, ...]
    exit: int = 1
    says: tuple[str, ...] = ()  # fragments of the message (file, line, field, what is wrong)
    never: tuple[str, ...] = ()  # what must not appear in the output
    check: Callable[[Path, str], None] | None = None  # more to assert on the folder and output
    file_size: int | None = None  # RLIMIT_FSIZE: a disk that fills up after so many bytes
    setup: Callable[[Path], None] | None = None  # a folder or file the case needs besides


@dataclass
class Result:
    folder: Path
    code: int | None
    out: str
    err: str
    changed: list[str] = field(default_factory=list)


# --- inputs -------------------------------------------------------------------------------


def draft(body: str, name: str = "draft.yaml") -> Callable[[], Files]:
    return lambda: {name: HEAD + body}


def figure(section: str, name: str, value: str) -> str:
    return f"  {section}:\n    figures:\n      {name}: {{value: {value}}}\n"


def template(source: str) -> Callable[[], Files]:
    body = "  enforcement:\n    phrasing: custom\n    template: |\n"
    body += "".join(f"      {line}\n" for line in source.splitlines())
    return draft(body)


def laughs() -> Files:
    lines = ["a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    return {"draft.yaml": HEAD.replace("sections:\n", "") + "\n".join(lines) + "\n"}


def big_text(name: str, line: str, size: int) -> Callable[[], Files]:
    def make() -> Files:
        body = (line * (size // len(line) + 1))[:size]
        return {name: f"关于2024年法治政府建设情况的报告\n{body}\n"}

    return make


SENTENCE = "全年办理行政处罚案件4127件，同比增长6.8%，其中简易程序案件893件；考试合格率95.2%。"


def headings_text(count: int) -> Callable[[], Files]:
    from drafter.vocab.numerals import chinese_numeral

    def make() -> Files:
        lines = ["示例局2024年法治政府建设年度报告", "市人民政府："]
        for n in range(1, count + 1):
            lines.append(f"{chinese_numeral(n)}、第{n}项工作")
            lines.append(f"全年开展第{n}项工作{n}次。")
        lines += ["示例局", "2025年1月20日"]
        return {"report.txt": "\n".join(lines) + "\n"}

    return make


def many_sections(count: int) -> Callable[[], Files]:
    def make() -> Files:
        body = "".join(
            f"  part{n}:\n    heading: 第{n}项工作\n    level: 1\n    text: 全年开展第{n}项工作。\n"
            for n in range(1, count + 1)
        )
        return {"draft.yaml": HEAD + body}

    return make


def docx_of(text_paragraphs: list[str]) -> bytes:
    from io import BytesIO

    from docx import Document

    document = Document()
    for paragraph in text_paragraphs:
        document.add_paragraph(paragraph)
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def word_package(name: str, body: str, parts: dict[str, str] | None = None) -> Files:
    """A .docx written part by part (as a hostile or broken one would be), as bytes."""
    import tempfile

    from tests.word_package import document_xml, write_package

    with tempfile.TemporaryDirectory() as scratch:
        path = write_package(Path(scratch) / name, document_xml(body), parts or {})
        return {name: path.read_bytes()}


REPORT_BODY = (
    "<w:p><w:r><w:t>示例局关于2023年法治政府建设情况的报告</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>2023年，我局依法行政。现将有关情况报告如下：</w:t></w:r></w:p>"
)


def huge_list_start(fmt: str) -> Callable[[], Files]:
    """Word numbering that starts at 99,999,999,999 (a lowerLetter of that is 4 GB of "z")."""
    from tests.word_package import W_NS

    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="99999999999"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = REPORT_BODY + "".join(
        f"<w:p>{numbered}<w:r><w:t>第{i}项工作。全年完成{i}件。</w:t></w:r></w:p>"
        for i in range(100)
    )
    return lambda: word_package("last.docx", body, {"word/numbering.xml": numbering})


def small_bomb() -> Files:
    from tests.word_package import W_NS

    styles = f"<w:styles {W_NS}>" + " " * 900_000 + "</w:styles>"  # under 1 MB
    return word_package("last.docx", REPORT_BODY, {"word/styles.xml": styles})


def dtd_entity() -> Files:
    import tempfile

    from tests.word_package import W_NS, write_package

    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE w:document [<!ENTITY org "示例局">]>'
        f"<w:document {W_NS}><w:body>"
        "<w:p><w:r><w:t>&org;关于2023年法治政府建设情况的报告</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2023年，我局依法行政 ,现将有关情况报告如下：</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    with tempfile.TemporaryDirectory() as scratch:
        return {"report.docx": write_package(Path(scratch) / "report.docx", document).read_bytes()}


def last_year_docx() -> Files:
    return {
        "last.docx": docx_of(
            ["示例局2023年法治政府建设年度报告", "一、主要举措", "全年办理案件12件。"]
        )
    }


# --- extra checks -------------------------------------------------------------------------


def output_has(name: str, *fragments: str, lines: int | None = None) -> Callable[[Path, str], None]:
    def check(folder: Path, _out: str) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        for fragment in fragments:
            assert fragment in text, fragment
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x85\u2028\u2029]", text)
        if lines is not None:
            assert text.count("\n") == lines

    return check


def absent(*names: str) -> Callable[[Path, str], None]:
    def check(folder: Path, _out: str) -> None:
        for name in names:
            assert not (folder / name).exists(), name

    return check


def both(*checks: Callable[[Path, str], None]) -> Callable[[Path, str], None]:
    def check(folder: Path, out: str) -> None:
        for each in checks:
            each(folder, out)

    return check


def stale_temporary(folder: Path) -> None:
    # What a build killed just before its rename leaves: a complete hidden copy, its
    # process long gone (pid 4194303 is above any pid Linux hands out by default).
    (folder / ".report.txt.4194303.0.tmp").write_text("半份报告", encoding="utf-8")


def read_only_folder(folder: Path) -> None:
    (folder / "ro").mkdir()
    (folder / "ro").chmod(0o555)


def a_file_named_out(folder: Path) -> None:
    (folder / "out").write_text("不是目录", encoding="utf-8")


def summary_true(folder: Path, out: str) -> None:
    assert "完成：成功 1 份，失败 1 份。" in out
    assert (folder / "out" / "draft.txt").read_text(encoding="utf-8")


def same_name_drafts() -> Files:
    return {"a/draft.yaml": SAMPLE, "b/draft.yaml": SAMPLE.replace("1200", "1300")}


def sample(name: str = "draft.yaml") -> Callable[[], Files]:
    return lambda: {name: SAMPLE}


def sample_with(old: str, new: str) -> Callable[[], Files]:
    assert old in SAMPLE
    return lambda: {"draft.yaml": SAMPLE.replace(old, new, 1)}


BUILD = ("build", "draft.yaml", "-o", "report.txt")
BUILD_DOCX = ("build", "draft.yaml", "-o", "report.docx")
BUILD_GAPS = (*BUILD, "--allow-missing")
FIELD = "sections.enforcement.figures.fines.value"
COUNT = "sections.enforcement.figures.general_cases.value"

CASES: list[Case] = [
    # 1. Memory and time from small files --------------------------------------------------
    Case(
        "nine nested aliases",
        "memory",
        laughs,
        BUILD,
        says=("draft.yaml", "第5行", "a1.0", "别名“*a0”"),
    ),
    Case("recursive alias", "memory", draft("  a: &a [*a]\n"), BUILD, says=("第5行", "别名“*a”")),
    Case(
        "alias as a figure's value",
        "memory",
        draft(
            "  enforcement:\n    figures:\n      general_cases: &n {value: 3}\n      fines: *n\n"
        ),
        BUILD,
        says=("第8行", "sections.enforcement.figures.fines", "别名"),
    ),
    Case(
        "merge key",
        "memory",
        draft("  study: &s {text: 学习}\n  powers:\n    <<: *s\n"),
        BUILD,
        says=("第7行", "合并键"),
    ),
    Case(
        "a hundred thousand open brackets",
        "memory",
        lambda: {"draft.yaml": "meta: " + "[" * 100_000 + "\n"},
        BUILD,
        says=("第1行", "嵌套超过"),
    ),
    Case(
        "ten thousand nested mappings",
        "memory",
        lambda: {"draft.yaml": "".join(" " * i + "a:\n" for i in range(2_000))},
        BUILD,
        says=("draft.yaml", "嵌套超过"),
    ),
    Case(
        "/dev/zero as a draft",
        "memory",
        dict,
        ("build", "/dev/zero", "-o", "report.txt"),
        says=("/dev/zero", "MB"),
    ),
    Case(
        "a 20 MB draft",
        "memory",
        lambda: {"draft.yaml": HEAD + "# 注释\n" * 2_000_000},
        BUILD,
        says=("draft.yaml", "16 MB"),
    ),
    Case(
        "/dev/zero as a layout profile",
        "memory",
        lambda: {"draft.yaml": SAMPLE},
        ("build", "draft.yaml", "--layout", "/dev/zero", "-o", "report.docx"),
        says=("/dev/zero", "16 MB", "版式文件"),
        check=absent("report.docx"),
    ),
    Case("/dev/zero to check", "memory", dict, ("check", "/dev/zero"), says=("/dev/zero",)),
    Case("/dev/zero to outline", "memory", dict, ("outline", "/dev/zero"), says=("/dev/zero",)),
    Case(
        "a 20 MB text report",
        "memory",
        big_text("big.txt", SENTENCE, 7_000_000),
        ("check", "big.txt"),
        says=("big.txt", "MB"),
    ),
    # Word files (the guards are branch w8-reader's; here they are held to the same promise).
    Case(
        "list starting at 99,999,999,999 (lowerLetter), outline",
        "memory",
        huge_list_start("lowerLetter"),
        ("outline", "last.docx"),
        exit=0,
    ),
    Case(
        "list starting at 99,999,999,999 (upperRoman), import",
        "memory",
        huge_list_start("upperRoman"),
        ("new", "--from", "last.docx", "-o", "draft.yaml", "--year", "2024", "--org", "示例局"),
        exit=0,
    ),
    Case(
        "a part under 1 MB that compresses like a bomb",
        "memory",
        small_bomb,
        ("check", "last.docx"),
        says=("last.docx", "word/styles.xml", "压缩比"),
    ),
    Case(
        "check --fix of a document declaring a DTD entity",
        "data loss",
        dtd_entity,
        ("check", "report.docx", "--fix", "-o", "fixed.docx"),
        says=("report.docx", "DTD"),
        check=absent("fixed.docx"),
    ),
    # Long lines must be fast: the rules run over every character once.
    Case(
        "check a 1 MB line of Latin letters",
        "time",
        big_text("line.txt", "abcdefgh", 1_000_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check a 1 MB line of Chinese",
        "time",
        big_text("line.txt", "法治政府建设", 1_000_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check a 1 MB line of report sentences",
        "time",
        big_text("line.txt", SENTENCE, 1_000_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check a 1 MB line of spaces",
        "time",
        big_text("line.txt", "汉" + " " * 999, 1_000_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check a 1 MB line of spaced figures",
        "time",
        big_text("line.txt", "汉 1 ", 1_000_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check 100,000 characters that are nearly an e-mail address",
        "time",
        big_text("line.txt", "a.b-c+d_e", 100_000),
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "check 100,000 nested parentheses",
        "time",
        lambda: {"line.txt": "报告\n" + "(" * 50_000 + "汉" + ")" * 50_000 + "\n"},
        ("check", "line.txt"),
        exit=0,
    ),
    Case(
        "build one paragraph of 500,000 characters",
        "time",
        sample_with(
            "建立领导干部年度述法制度，", "建立领导干部年度述法制度，" + "依法行政" * 125_000
        ),
        BUILD_DOCX,
        exit=0,
    ),
    # Numbers without bounds.
    Case(
        "amount 1.0e+999999",
        "memory",
        draft(figure("enforcement", "fines", "1.0e+999999")),
        BUILD,
        says=("第7行", FIELD, "数字过大"),
    ),
    Case(
        "amount 1.0e-999999",
        "memory",
        draft(figure("enforcement", "fines", "1.0e-999999")),
        BUILD,
        says=("第7行", FIELD, "小数位数过多"),
    ),
    Case(
        "count of 5,000 digits",
        "traceback",
        draft(figure("enforcement", "general_cases", "9" * 5000)),
        BUILD,
        says=("第7行", COUNT, "数字过大", "共 5000 位"),
    ),
    Case(
        "count of 5,000 digits as text",
        "traceback",
        draft(figure("enforcement", "general_cases", f"'{'9' * 5000}'")),
        BUILD,
        says=("第7行", COUNT, "数字过大"),
    ),
    Case(
        "count of 28 digits",
        "traceback",
        draft(figure("enforcement", "general_cases", "9" * 28)),
        BUILD,
        says=("第7行", COUNT, "数字过大"),
        never=("templates/",),
    ),
    Case(
        "amount .nan",
        "traceback",
        draft(figure("enforcement", "fines", ".nan")),
        BUILD,
        says=("第7行", FIELD, "有限的数字"),
    ),
    Case(
        "amount .inf",
        "data loss",
        draft(figure("enforcement", "fines", ".inf")),
        BUILD_GAPS,
        says=("第7行", FIELD, "有限的数字"),
        check=absent("report.txt"),
    ),
    Case(
        "count -.inf",
        "traceback",
        draft(figure("enforcement", "general_cases", "-.inf")),
        BUILD,
        says=("第7行", COUNT, "有限的数字"),
    ),
    Case(
        "percentage .nan",
        "traceback",
        draft(figure("oversight", "satisfaction", ".nan")),
        BUILD,
        says=("第7行", "satisfaction.value", "有限的数字"),
    ),
    Case(
        "amount with seven decimals",
        "message",
        draft(figure("enforcement", "fines", "1.0000001")),
        BUILD,
        says=("第7行", FIELD, "小数位数过多"),
    ),
    Case(
        "year 1e999999",
        "traceback",
        lambda: {"draft.yaml": "meta:\n  organisation: 示例局\n  year: 1e999999\n"},
        BUILD,
        says=("第3行", "meta.year", "应为整数"),
    ),
    Case(
        "year of 5,000 digits",
        "traceback",
        lambda: {"draft.yaml": f"meta:\n  organisation: 示例局\n  year: {'9' * 5000}\n"},
        BUILD,
        says=("第3行", "meta.year", "应为整数"),
    ),
    Case(
        "year .nan",
        "message",
        lambda: {"draft.yaml": "meta:\n  organisation: 示例局\n  year: .nan\n"},
        BUILD,
        says=("第3行", "meta.year"),
    ),
    Case(
        "level .inf",
        "traceback",
        draft("  mine:\n    heading: 自定义\n    level: .inf\n"),
        BUILD,
        says=("第7行", "sections.mine.level"),
    ),
    Case(
        "huge amount in the sample draft, built to .docx",
        "message",
        sample_with("fines: {value: 68.136", "fines: {value: 1.0e+400"),
        BUILD_DOCX,
        says=("draft.yaml", "sections.enforcement.figures.fines.value", "数字过大"),
        never=("templates/", "InvalidOperation"),
    ),
    # Templates.
    Case(
        "template 10**(10**9)",
        "memory",
        template("{{ 10**(10**9) }}"),
        BUILD_GAPS,
        says=("第8行", "sections.enforcement.template", "整数过大"),
    ),
    Case(
        "template '文字' * 300000000",
        "memory",
        template("{{ '文字' * 300000000 }}"),
        BUILD_GAPS,
        says=("第8行", "重复的文字过大"),
    ),
    Case(
        "template center(2e9)",
        "memory",
        template("{{ '文'|center(2000000000) }}"),
        BUILD_GAPS,
        says=("第8行", "过大"),
    ),
    Case(
        "template .center(2e9)",
        "memory",
        template("{{ '文'.center(2000000000) }}"),
        BUILD_GAPS,
        says=("第8行", "过大"),
    ),
    Case(
        "template '%2000000000d'",
        "memory",
        template("{{ '%2000000000d' % 1 }}"),
        BUILD_GAPS,
        says=("第8行", "格式宽度过大"),
    ),
    Case(
        "template '{:>2000000000}'.format",
        "memory",
        template("{{ '{:>2000000000}'.format(1) }}"),
        BUILD_GAPS,
        says=("第8行", "格式宽度过大"),
    ),
    Case(
        "template batch(1e9)",
        "memory",
        template("{{ [1]|batch(1000000000, 0)|list }}"),
        BUILD_GAPS,
        says=("第8行", "过大"),
    ),
    Case(
        "template replace('' …)",
        "memory",
        template("{{ 'ab'|replace('', 'x' * 1000000) }}"),
        BUILD_GAPS,
        says=("第8行", "替换结果过大"),
    ),
    Case(
        "template doubling a string",
        "memory",
        template(
            "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
        ),
        BUILD_GAPS,
        says=("第8行", "拼接的文字过大"),
    ),
    Case(
        "template writing 100 MB",
        "memory",
        template("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}"),
        BUILD_GAPS,
        says=("sections.enforcement.template", "超过 8000000 个字符"),
    ),
    Case(
        "template nested range loops",
        "time",
        template(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
        ),
        BUILD_GAPS,
        says=("第8行", "循环和调用超过"),
    ),
    Case(
        "template loops over long strings",
        "time",
        template(
            "{% for x in 'a' * 1000000 %}{% for y in 'b' * 1000000 %}{% endfor %}{% endfor %}"
        ),
        BUILD_GAPS,
        says=("第8行", "循环和调用超过"),
    ),
    Case(
        "template macro calling itself",
        "traceback",
        template("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
        BUILD_GAPS,
        says=("sections.enforcement.template", "递归"),
    ),
    Case(
        "template macro fanning out 2**40 calls",
        "time",
        template(
            "{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}"
            "{% endmacro %}{{ f(40) }}"
        ),
        BUILD_GAPS,
        says=("sections.enforcement.template",),
    ),
    Case(
        "template reaching for Python's internals",
        "message",
        template("{{ ''.__class__.__mro__ }}"),
        BUILD_GAPS,
        says=("第8行", "不允许的操作"),
    ),
    Case(
        "template with an unclosed for",
        "message",
        template("{% for a in b %}"),
        BUILD_GAPS,
        says=("sections.enforcement.template", "语法错误", "endfor"),
    ),
    Case(
        "template with a dangling operator",
        "message",
        template("{{ 1 + }}"),
        BUILD_GAPS,
        says=("第8行", "语法错误"),
    ),
    Case(
        "template dividing by zero",
        "message",
        template("{{ 1 / 0 }}"),
        BUILD_GAPS,
        says=("第8行", "除数为零"),
    ),
    # 2. Tracebacks: more than 99 headings on one level.
    Case(
        "build 120 level-one sections",
        "traceback",
        many_sections(120),
        BUILD_GAPS,
        exit=0,
        check=output_has("report.txt", "九十九、第99项工作", "一百二十、第120项工作"),
    ),
    Case(
        "check 120 headings",
        "traceback",
        headings_text(120),
        ("check", "report.txt"),
        exit=0,
        never=("numbering.",),
    ),
    Case(
        "outline 120 headings",
        "traceback",
        headings_text(120),
        ("outline", "report.txt"),
        exit=0,
        check=lambda folder, out: (
            None if "一百二十、第120项工作" in out else pytest.fail("heading 120 missing")
        ),
    ),
    Case(
        "import 120 headings",
        "traceback",
        headings_text(120),
        ("new", "--from", "report.txt", "-o", "draft.yaml", "--year", "2025", "--org", "示例局"),
        exit=0,
        check=output_has("draft.yaml", "第120项工作"),
    ),
    # Control characters.
    Case(
        "a BEL in the draft",
        "message",
        draft("  study:\n    text: 学习\x07制度\n"),
        BUILD,
        says=("draft.yaml", "第6行", "U+0007"),
    ),
    Case(
        "a NUL in the draft",
        "message",
        draft("  study:\n    text: 学习\x00制度\n"),
        BUILD,
        says=("draft.yaml", "第6行", "U+0000"),
    ),
    Case(
        "an escaped BEL in the draft",
        "message",
        draft('  study:\n    text: "学习\\a制度"\n'),
        BUILD,
        says=("draft.yaml", "第6行", "U+0007"),
    ),
    Case(
        "a vertical tab joins, not splits",
        "data loss",
        sample_with("建立领导干部年度述法制度，", "建立领导干部年度\u2028述法制度，"),
        BUILD,
        exit=0,
        check=output_has("report.txt", "建立领导干部年度述法制度，"),
    ),
    Case(
        "an escaped vertical tab and NEL join",
        "data loss",
        lambda: {
            "draft.yaml": SAMPLE.replace(
                "    text: |\n      建立领导干部年度述法制度，",
                '    text: "建立领导干部\\v年度\\N述法制度，',
                1,
            ).replace("述法情况纳入干部考核内容。\n", '述法情况纳入干部考核内容。"\n', 1)
        },
        BUILD,
        exit=0,
        check=output_has("report.txt", "建立领导干部年度述法制度，"),
    ),
    Case(
        "a BEL in a text report",
        "message",
        lambda: {"report.txt": "报告\n第二行\n第三行有\x07响铃\n"},
        ("check", "report.txt"),
        says=("report.txt", "第3行", "U+0007"),
    ),
    Case(
        "a BEL in last year's text report",
        "data loss",
        lambda: {"last.txt": "示例局2023年法治政府建设年度报告\n一、主要举措\n全年\x07办理。\n"},
        ("new", "--from", "last.txt", "-o", "draft.yaml", "--year", "2024", "--org", "示例局"),
        says=("last.txt", "第3行", "U+0007"),
        check=absent("draft.yaml"),
    ),
    Case(
        "a line separator inside a text report's line",
        "data loss",
        lambda: {"report.txt": "示例局2024年法治政府建设年度报告\n一、主要\u2028举措\n"},
        ("outline", "report.txt"),
        exit=0,
        check=lambda folder, out: None if "一、主要举措" in out else pytest.fail(out),
    ),
    # 3. Data loss.
    Case(
        "new --from X -o X --force",
        "data loss",
        last_year_docx,
        (
            "new",
            "--from",
            "last.docx",
            "-o",
            "last.docx",
            "--force",
            "--year",
            "2024",
            "--org",
            "示例局",
        ),
        says=("last.docx", ".yaml"),
    ),
    Case(
        "new --from X.yaml -o X.yaml --force",
        "data loss",
        lambda: {"last.yaml": "x: 1\n"},
        (
            "new",
            "--from",
            "last.yaml",
            "-o",
            "last.yaml",
            "--force",
            "--year",
            "2024",
            "--org",
            "示例局",
        ),
        says=("last.yaml", "输出文件就是输入文件"),
    ),
    Case(
        "new -o a .docx",
        "data loss",
        dict,
        ("new", "-o", "report.docx", "--year", "2024", "--org", "示例局"),
        says=("report.docx", ".yaml"),
        check=absent("report.docx"),
    ),
    Case(
        "build a draft over itself",
        "data loss",
        sample("draft.txt"),
        ("build", "draft.txt", "-o", "draft.txt"),
        says=("draft.txt", "覆盖"),
    ),
    Case(
        "batch of two drafts with one name",
        "data loss",
        same_name_drafts,
        ("build", "a/draft.yaml", "b/draft.yaml", "-o", "out", "--format", "txt"),
        says=("b/draft.yaml", "a/draft.yaml", "同名"),
        check=summary_true,
    ),
    Case(
        "batch into a folder that cannot be made",
        "traceback",
        sample(),
        ("build", "draft.yaml", "draft.yaml", "-o", "out/sub"),
        setup=a_file_named_out,
        says=("out/sub", "无法创建输出目录"),
    ),
    Case(
        "check --fix -o into a missing folder",
        "traceback",
        lambda: {"report.txt": "报告\n（一）工作\n"},
        ("check", "report.txt", "--fix", "-o", "missing/fixed.txt"),
        says=("missing/fixed.txt", "无法写出修正稿"),
    ),
    Case(
        "check --fix -o onto a full disk",
        "traceback",
        big_text("report.txt", "法治政府建设，", 200_000),
        ("check", "report.txt", "--fix", "-o", "fixed.txt"),
        file_size=4096,
        says=("fixed.txt", "无法写出修正稿", "磁盘"),
        check=absent("fixed.txt"),
    ),
    Case(
        "build onto a full disk",
        "traceback",
        sample(),
        BUILD_DOCX,
        file_size=4096,
        says=("report.docx", "无法写入", "磁盘"),
        check=absent("report.docx"),
    ),
    Case(
        "a stale temporary from a killed write is removed",
        "data loss",
        sample(),
        BUILD,
        exit=0,
        setup=stale_temporary,
        check=absent(".report.txt.4194303.0.tmp"),
    ),
    # 4. Unclear messages.
    Case(
        "check a .docx whose document part has a tag left open",
        "message",
        lambda: word_package("report.docx", REPORT_BODY + "<w:p><w:r><w:t>未完</w:r></w:p>"),
        ("check", "report.docx"),
        says=("report.docx", "word/document.xml", "行", "列：开始标签与结束标签不匹配"),
        never=("Opening and ending", "mismatch"),
    ),
    Case(
        "a list as a count",
        "message",
        draft(figure("enforcement", "general_cases", "[1, 2]")),
        BUILD,
        says=("第7行", COUNT, "应为数字或文字，实际为列表"),
        never=(".float", ".str"),
    ),
    Case(
        "a mapping as a count",
        "message",
        draft("  enforcement:\n    figures:\n      general_cases: {value: {a: 1}}\n"),
        BUILD,
        says=("第7行", COUNT, "键值对"),
        never=(".decimal",),
    ),
    Case(
        "a date as a count",
        "message",
        draft(figure("enforcement", "general_cases", "2024-01-01")),
        BUILD,
        says=("第7行", COUNT, "2024-01-01"),
    ),
    Case(
        "an unknown approximation word",
        "message",
        draft("  enforcement:\n    figures:\n      fines: {value: 1, approx: 大约}\n"),
        BUILD,
        says=("第7行", "approx", "余、多、以上、超、近、约"),
    ),
    Case(
        "an unknown profile",
        "message",
        lambda: {"draft.yaml": "meta:\n  organisation: 示例局\n  year: 2024\n  profile: city\n"},
        BUILD,
        says=("第4行", "meta.profile", "department、county"),
    ),
    Case(
        "YAML with a colon in a value",
        "message",
        lambda: {"draft.yaml": "meta:\n  organisation: 示例局\n  year: 2024\n  title: 报告: 一\n"},
        BUILD,
        says=("第4行", "YAML 语法错误", "冒号"),
    ),
    Case(
        "YAML indented with a tab",
        "message",
        lambda: {"draft.yaml": "meta:\n\torganisation: 示例局\n"},
        BUILD,
        says=("第2行", "制表符"),
    ),
    Case(
        "YAML with an unclosed quote",
        "message",
        lambda: {"draft.yaml": "meta:\n  organisation: '示例局\n"},
        BUILD,
        says=("draft.yaml", "引号"),
    ),
    Case(
        "YAML with two documents",
        "message",
        lambda: {"draft.yaml": HEAD + "---\nmeta: {}\n"},
        BUILD,
        says=("第5行", "---"),
    ),
    Case(
        "YAML python tag",
        "message",
        lambda: {"draft.yaml": "meta: !!python/object/apply:os.system [ls]\n"},
        BUILD,
        says=("第1行", "标签"),
    ),
    Case(
        "a draft that is not text",
        "message",
        lambda: {"draft.yaml": bytes(range(256)) * 8},
        BUILD,
        says=("draft.yaml", "UTF-8"),
    ),
    Case(
        "a draft that is a Word file",
        "message",
        lambda: {"draft.yaml": docx_of(["报告"])},
        BUILD,
        says=("draft.yaml",),
    ),
]


# --- running ------------------------------------------------------------------------------


def _limits(file_size: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if file_size is not None:
            # A full disk: writes past this size fail with EFBIG instead of killing the process.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


def _digest(folder: Path) -> dict[str, str]:
    """The inputs' contents (a hidden temporary is drafter's own, not an input)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not (path.name.startswith(".") and path.suffix == ".tmp")
    }


def run_case(case: Case, folder: Path, cache: Path) -> Result:
    folder.mkdir(parents=True)
    for name, content in case.files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
    if case.setup is not None:
        case.setup(folder)
    before = _digest(folder)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DRAFTER_CACHE_DIR": str(cache),
        "PYTHONIOENCODING": "utf-8",
    }
    try:
        process = subprocess.run(
            [sys.executable, "-m", "drafter", *case.argv],
            cwd=folder,
            env=env,
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limits(case.file_size),
        )
        code: int | None = process.returncode
        out = process.stdout.decode("utf-8", "replace")
        err = process.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as expired:
        code, out, err = None, "", f"timed out: {expired}"
    after = _digest(folder)
    changed = [name for name, digest in before.items() if after.get(name) != digest]
    return Result(folder, code, out, err, changed)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    base = tmp_path_factory.mktemp("hostile")
    cache = base / "cache"
    cache.mkdir()
    # Warm the template cache once, so that no case pays for compiling the built-in templates.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "build",
            str(SAMPLES / "department-2024.yaml"),
            "-o",
            str(base / "warm.txt"),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_CACHE_DIR": str(cache)},
        capture_output=True,
        check=True,
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            case.id: pool.submit(run_case, case, base / f"case{index:03}", cache)
            for index, case in enumerate(CASES)
        }
        return {name: future.result() for name, future in futures.items()}


def test_the_catalogue_covers_every_kind_with_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
    kinds = {case.kind for case in CASES}
    assert kinds == {"memory", "time", "traceback", "data loss", "message"}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, results: dict[str, Result]) -> None:
    result = results[case.id]
    shown = (
        f"exit {result.code}\n--- stdout\n{result.out[-2000:]}\n--- stderr\n{result.err[-2000:]}"
    )
    assert result.code == case.exit, shown
    assert "Traceback" not in result.err and "Traceback" not in result.out, shown
    assert not result.changed, f"inputs changed: {result.changed}"
    if case.exit != 0:
        message = result.err
        assert HAN.search(message), shown
        assert not ENGLISH.search(message), shown
        for fragment in case.says:
            assert fragment in message, f"missing “{fragment}”\n{shown}"
    for fragment in case.never:
        assert fragment not in result.err + result.out, shown
    if case.check is not None:
        case.check(result.folder, result.out)
