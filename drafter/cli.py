"""The ``drafter`` command line.

Arguments are declared here, in one place; each command's work lives in
``drafter/commands/<name>.py`` and is imported only when that command runs, so ``drafter build``
never pays for Textual and ``drafter outline`` never pays for python-docx's writer.
"""

from __future__ import annotations

import argparse
import atexit
import errno
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import NoReturn

from drafter import __version__
from drafter.errors import EXIT_INPUT, EXIT_USAGE, DrafterError, os_reason

PROFILES = ("department", "county")


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its framing words in Chinese; usage errors exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：用法错误：{_translate(message)}\n")

    def format_help(self) -> str:
        return _translate(super().format_help())

    def format_usage(self) -> str:
        return _translate(super().format_usage())


def _translate(text: str) -> str:
    for english, chinese in (
        ("usage:", "用法："),
        ("positional arguments:", "位置参数："),
        ("options:", "选项："),
        ("show this help message and exit", "显示本帮助并退出"),
        ("the following arguments are required:", "缺少必需的参数："),
        ("unrecognized arguments:", "无法识别的参数："),
        ("invalid choice:", "无效的选项："),
        ("choose from", "可选"),
        ("expected one argument", "需要一个参数"),
        ("expected at least one argument", "至少需要一个参数"),
        ("invalid int value:", "不是整数："),
        ("ambiguous option:", "选项有歧义："),
        ("could match", "可能是"),
        ("not allowed with argument", "不能与以下参数同时使用"),
        ("argument ", "参数 "),
        ("show program's version number and exit", "显示版本号并退出"),
    ):
        text = text.replace(english, chinese)
    return text


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or, given ``command``, only what parsing that command needs:
    its own arguments (a start-up pays for one command's, not for ten)."""
    parser = ChineseArgumentParser(
        prog="drafter",
        description="法治政府建设年度报告起草助手：导入上年报告，逐节填写，按 GB/T 9704 生成公文格式的 DOCX，检查报告中的错误。",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )
    commands.required = True
    for name, (summary, description, add_arguments) in COMMANDS.items():
        if command is None or command == name:
            add_arguments(commands.add_parser(name, help=summary, description=description))
    return parser


def _new(new: argparse.ArgumentParser) -> None:
    new.add_argument("-o", "--output", required=True, metavar="DRAFT.yaml", help="草稿文件路径")
    new.add_argument(
        "--org", metavar="机关名称", help="机关全称，如 示例市城中区城市管理和综合执法局"
    )
    new.add_argument(
        "--year",
        type=int,
        metavar="年份",
        help="报告所述年度，如 2024；从上年报告导入时默认为原报告年度的下一年",
    )
    new.add_argument(
        "--profile", choices=PROFILES, help="提纲：department（部门）或 county（区县政府）"
    )
    new.add_argument(
        "--from", dest="source", metavar="上年报告", help="从上年报告（.docx/.txt/.md）导入"
    )
    new.add_argument("--force", action="store_true", help="覆盖已存在的草稿文件")


def _build(build: argparse.ArgumentParser) -> None:
    build.add_argument("drafts", nargs="+", metavar="DRAFT.yaml", help="一个或多个草稿文件")
    build.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="输出",
        help="输出文件（.docx/.pdf/.txt/.md），多个草稿时为输出目录",
    )
    build.add_argument(
        "--format",
        choices=("docx", "pdf", "txt", "md"),
        help="多个草稿输出到目录时的格式（默认 docx）",
    )
    build.add_argument(
        "--allow-missing", action="store_true", help="允许缺项，缺少的数字显示为【待填：名称】"
    )
    _layout_options(build)
    build.add_argument(
        "--force",
        action="store_true",
        help="覆盖已存在的 DOCX，即使它不是 drafter 生成的或生成后被修改过",
    )
    build.add_argument(
        "--reference-doc",
        metavar="模板.docx",
        help="本单位的 Word 模板：沿用其中定义的样式、页眉和页脚，其余按版式",
    )


def _outline(outline: argparse.ArgumentParser) -> None:
    outline.add_argument("file", metavar="报告", help=".docx/.txt/.md 文件")
    outline.add_argument("--json", action="store_true", help="以 JSON 输出")


def _check(check: argparse.ArgumentParser) -> None:
    check.add_argument("file", metavar="报告", help=".docx/.txt/.md 报告或 .yaml 草稿")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.add_argument("--fix", action="store_true", help="写出修正后的副本（不改动原文件）")
    check.add_argument("-o", "--output", metavar="输出", help="--fix 的输出文件")
    _layout_options(check)


def _figures(figures: argparse.ArgumentParser) -> None:
    figures.add_argument("draft", metavar="DRAFT.yaml", help="草稿文件")
    figures.add_argument("--json", action="store_true", help="以 JSON 输出（格式见 README）")


def _collect(collect: argparse.ArgumentParser) -> None:
    collect.add_argument("draft", metavar="DRAFT.yaml", help="草稿文件")
    collect.add_argument("-o", "--output", required=True, metavar="采集表.xlsx", help="采集表文件")
    collect.add_argument("--by-office", action="store_true", help="每个提供科室一个工作表")
    collect.add_argument("--all", action="store_true", help="已填写的数字也列出（供核对）")


def _fill(fill: argparse.ArgumentParser) -> None:
    fill.add_argument("draft", metavar="DRAFT.yaml", help="草稿文件")
    fill.add_argument("workbooks", nargs="+", metavar="采集表.xlsx", help="一个或多个采集表")
    fill.add_argument(
        "--overwrite", action="store_true", help="与草稿中已填写的数字不同时，以采集表为准"
    )


def _edit(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("draft", metavar="DRAFT.yaml", help="草稿文件（不存在时新建）")
    _layout_options(edit)


def _layout(layout: argparse.ArgumentParser) -> None:
    layout.add_argument(
        "--layout", metavar="版式.yaml", help="检查修改过的版式文件，而不是输出默认版式"
    )


def _schema(schema: argparse.ArgumentParser) -> None:
    pass


def _layout_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--layout", metavar="版式.yaml", help="按修改过的版式文件排版（见 drafter layout）"
    )
    command.add_argument(
        "--plain-fonts", action="store_true", help="用 仿宋/楷体 代替 仿宋_GB2312/楷体_GB2312"
    )


# Each command: its line in the list of commands, its description, and its arguments.
COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": ("新建草稿（可从上年报告导入）", "新建一份年度报告草稿（YAML）。", _new),
    "build": (
        "由草稿生成报告（.docx/.pdf/.txt/.md）",
        "由草稿生成报告，格式由输出文件的扩展名决定。",
        _build,
    ),
    "outline": (
        "显示报告的结构（标题、各级标题、落款）",
        "识别报告的结构并显示。",
        _outline,
    ),
    "check": ("检查报告的编号、数字、年份、标点和版式", "检查报告中的错误。", _check),
    "figures": (
        "列出草稿中的全部数字（名称、单位、本年和上年值、由谁提供）",
        "列出草稿中的全部数字。",
        _figures,
    ),
    "collect": (
        "生成数字采集表（.xlsx），发给各科室填写",
        "为草稿中待填的数字生成采集表（.xlsx），可按提供科室分表。",
        _collect,
    ),
    "fill": (
        "把填好的采集表中的数字填回草稿",
        "读取填好的采集表，校验后填回草稿（保留注释和顺序，记下每个数字的来源）。",
        _fill,
    ),
    "edit": ("在终端界面中逐节填写草稿", "打开终端界面填写草稿。", _edit),
    "layout": (
        "显示公文版式（可复制修改后用 --layout 使用）",
        "输出默认的公文版式（GB/T 9704），附中文说明。复制修改后用 --layout 文件名 使用。",
        _layout,
    ),
    "schema": (
        "输出草稿文件的 JSON Schema",
        "输出草稿文件的 JSON Schema，供编辑器补全和校验。",
        _schema,
    ),
}


def _import_command(name: str, args: argparse.Namespace, starting: bool) -> ModuleType:
    """The command's module and the libraries it uses.

    When the process starts here (``starting``), the cyclic garbage collector waits while they
    are imported: an import makes lasting objects, not garbage, and collecting over and over
    while they pile up was about a sixth of a cold build's CPU.  The modules a command imports
    only for some runs (python-docx's reader for a Word file) are named by its
    ``modules_for(args)`` and imported here too.  What the imports made is then frozen, never
    traversed by a collection again, and collection resumes for the command's own work.  A
    caller running commands in its own process (the tests) keeps its collector as it was."""
    module = f"drafter.commands.{name}"
    if not starting or not gc.isenabled():
        return importlib.import_module(module)
    gc.disable()
    try:
        command = importlib.import_module(module)
        for used in getattr(command, "modules_for", _nothing_more)(args):
            importlib.import_module(used)
        return command
    finally:
        gc.freeze()
        gc.enable()


def _nothing_more(args: argparse.Namespace) -> tuple[str, ...]:
    return ()


def main(argv: Sequence[str] | None = None) -> int:
    starting = argv is None
    if not starting:
        return _run(list(argv or ()), starting=False)
    ended: list[int] = []
    atexit.register(_end_without_teardown, ended)
    ended.append(_run(sys.argv[1:], starting=True))
    return ended[0]


def _run(argv: list[str], starting: bool) -> int:
    # ``drafter build …`` needs only build's parser; anything else (--help, a mistyped command)
    # gets the whole command line.
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    command = _import_command(args.command, args, starting=starting)
    try:
        return int(command.run(args))
    except DrafterError as error:
        print(f"错误：{error}" if "\n" not in str(error) else f"错误：\n{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return 0
    except OSError as error:
        # Writing the command's output failed (the output redirected to a full disk): a file
        # drafter opens names itself in its error, and is reported as an InputError.
        if error.filename is not None or error.errno not in _UNWRITABLE:
            raise
        _say_unwritten(error)
        return EXIT_INPUT


# Why the standard output may refuse what is written to it.
_UNWRITABLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _say_unwritten(error: OSError) -> None:
    try:
        print(f"错误：无法写出输出（{os_reason(error)}），结果没有完整写出。", file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        pass  # the error stream is refusing too: the exit status still tells


def _end_without_teardown(ended: list[int]) -> None:
    """The program's last exit handler: once the command has returned its exit status and
    every other handler has run (they run last registered first, and this one is registered
    before the command starts), end the process without the interpreter's teardown.

    Tearing down frees every object and module one by one (about 6 ms of a 120 ms check);
    the system frees the process's memory at once.  What must not be lost is written first:
    the standard streams are flushed, and every file drafter writes is closed by a ``with``
    before its command returns.  Output the standard output cannot take (a full disk) is
    said in Chinese, with exit status 1.  When a command did not return (an unexpected
    error) or a stream fails otherwise, the interpreter ends as usual and reports it.  A
    handler registered before the program started (drafter registers none) is not run."""
    if not ended:
        return
    try:
        sys.stdout.flush()
    except OSError as error:
        if error.errno not in _UNWRITABLE:
            return
        _say_unwritten(error)
        os._exit(EXIT_INPUT)
    except ValueError:  # a stream already closed
        return
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(ended[0])


if __name__ == "__main__":
    raise SystemExit(main())
