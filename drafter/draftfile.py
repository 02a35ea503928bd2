"""Reading and writing the draft's YAML file.

Reading keeps the line of every key, so each problem names the file, the line and the field:
YAML syntax, duplicate keys, wrong types, unknown keys (with a "did you mean"), then the
profile's own rules (:mod:`drafter.validate`).  All problems are reported together.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from drafter.errors import DraftInvalid, InputError, os_reason
from drafter.files import write_atomic
from drafter.model import Draft, FigureEntry, Meta, SectionEntry
from drafter.vocab.lines import (
    first_illegal,
    illegal_message,
    join_soft_breaks,
    normalize_breaks,
)

Loc = tuple[str | int, ...]
SCHEMA_FILE = "drafter-draft.schema.json"
DRAFT_SUFFIXES = (".yaml", ".yml")
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"

try:  # the C loader is several times faster where libyaml is present
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class LineMap:
    """The line (1-based) where each key of the file stands."""

    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of ``loc``, or of its nearest ancestor the file spells out."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


def field_path(loc: Sequence[str | int]) -> str:
    return ".".join(str(part) for part in loc)


def suggest(word: str, choices: Sequence[str]) -> str:
    """'，是否是“x”？' when a close choice exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"，是否是“{close[0]}”？" if close else ""


# --- YAML to plain data, with lines -------------------------------------------------------


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!")
_MAX_DEPTH = 32  # a draft nests five deep; far deeper is not a draft (and would exhaust the stack)
_NO_KEY = object()


@dataclass
class _Frame:
    """A mapping or a list being read, with where it stands in the file."""

    container: dict[Any, Any] | list[Any]
    loc: Loc
    key: Any = _NO_KEY
    dropped: bool = False  # a duplicate key's value: read, then thrown away


class _Builder:
    """Plain data from the parser's events, one at a time (no recursion, so nesting costs no
    stack), with the line of every key.  Aliases are refused where they stand: a draft has no
    use for them, and expanding them is how a small file grows to gigabytes."""

    def __init__(self, text: str, path: str) -> None:
        self.loader = _Loader(text)
        self.path = path
        self.map = LineMap()
        self.problems: list[InputError] = []

    def _refuse(self, message: str, line: int, loc: Loc) -> InputError:
        return InputError(message, self.path, line, field_path(loc) or None)

    def build(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self._document()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line = _line(loader.peek_event())
            raise DraftInvalid(
                [
                    InputError(
                        "一个草稿文件只能有一份内容，请删除这一行的“---”及其后的内容",
                        self.path,
                        line,
                    )
                ]
            )
        return value

    def _document(self) -> Any:
        stack: list[_Frame] = []
        while True:
            event = self.loader.get_event()
            line = _line(event)
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                if not stack:
                    return done.container
                continue
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is _NO_KEY:
                self._key(event, parent, line)
                continue
            if parent is None:
                loc: Loc = ()
                self.map.lines[()] = line
            elif isinstance(parent.container, dict):
                loc = (*parent.loc, parent.key)
            else:
                loc = (*parent.loc, len(parent.container))
                self.map.lines[loc] = line
            if isinstance(event, yaml.AliasEvent):
                raise DraftInvalid(
                    [
                        self._refuse(
                            f"草稿中不能使用 YAML 别名“*{event.anchor}”，请把内容直接写在这里",
                            line,
                            loc,
                        )
                    ]
                )
            value: Any
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event)
            else:
                if event.tag is not None and event.tag not in _COLLECTION_TAGS:
                    raise DraftInvalid(
                        [self._refuse(f"不认识的标签“{event.tag}”，草稿中不能使用标签", line, loc)]
                    )
                if len(stack) >= _MAX_DEPTH:
                    raise DraftInvalid(
                        [self._refuse(f"嵌套超过 {_MAX_DEPTH} 层，这不是草稿的结构", line, loc)]
                    )
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            if parent is None:
                if not isinstance(event, yaml.ScalarEvent):
                    stack.append(_Frame(value, loc))
                    continue
                return value
            if isinstance(parent.container, dict):
                if not parent.dropped:
                    parent.container[parent.key] = value
                parent.key, parent.dropped = _NO_KEY, False
            else:
                parent.container.append(value)
            if not isinstance(event, yaml.ScalarEvent):
                stack.append(_Frame(value, loc))

    def _key(self, event: yaml.Event, parent: _Frame, line: int) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            what = "别名" if isinstance(event, yaml.AliasEvent) else "列表或映射"
            raise DraftInvalid([self._refuse(f"键应为文字，不能是{what}", line, parent.loc)])
        if event.value == "<<" and event.tag is None and event.implicit[0]:
            raise DraftInvalid(
                [
                    self._refuse(
                        "草稿中不能使用 YAML 合并键“<<”，请把内容直接写在这里", line, parent.loc
                    )
                ]
            )
        key = self._scalar(event)
        key = key if isinstance(key, str | int) else str(key)
        loc = (*parent.loc, key)
        parent.key = key
        if key in parent.container:
            self.problems.append(
                InputError(
                    f"键“{key}”重复出现（第{self.map.lines[loc]}行已有），请删除其中一处",
                    self.path,
                    line,
                    field_path(loc),
                )
            )
            parent.dropped = True
            return
        self.map.lines[loc] = line

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
        if tag == "tag:yaml.org,2002:float":
            # Keep a typed amount exactly as written: 68.136 stays 68.136, not a binary float.
            try:
                return Decimal(str(node.value).replace("_", ""))
            except InvalidOperation:
                pass
        try:
            value = self.loader.construct_object(node)  # type: ignore[no-untyped-call]
        except yaml.constructor.ConstructorError:
            raise
        except (ValueError, OverflowError):
            # An impossible date such as 2025-13-01, or an integer of thousands of digits:
            # hand the text on, so the model says what it expected at this field.
            return str(node.value)
        if isinstance(value, str) and event.style == '"':
            # Only an escape inside double quotes ("\\x07", "\\r") makes a character the text
            # did not hold.  parse_yaml has checked the text and joined its soft breaks, and YAML
            # ends every line of any other scalar with \n: those are as they should be.
            if found := first_illegal(value):
                raise DraftInvalid([InputError(illegal_message(found[1]), self.path, _line(event))])
            return normalize_breaks(value)
        return value


# What libyaml says, in the clerk's words (matched by a fragment; the rest is never shown).
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”（冒号后少了空格或缩进不对？含冒号的文字请加引号）",
    ),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("did not find expected key", "缩进不对齐，或多了一个字符"),
    ("did not find expected node content", "这里缺少内容"),
    ("did not find expected ',' or ']'", "方括号“[”没有配对的“]”"),
    ("did not find expected ',' or '}'", "花括号“{”没有配对的“}”"),
    ("did not find expected '-' indicator", "列表项前应有“-”，或缩进不对齐"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("tab character", "缩进中有制表符（Tab），请改用空格"),
    (
        "found character that cannot start any token",
        "这个字符不能出现在开头（缩进中有制表符，或“@”“`”开头的文字须加引号）",
    ),
    ("found unknown escape character", "双引号中的反斜杠“\\”后是不认识的转义，请改用单引号"),
    ("block sequence entries are not allowed", "这里不能开始列表（“-”前的缩进不对）"),
    ("found undefined alias", "用了未定义的别名“*”"),
    ("found duplicate anchor", "锚点“&”重复定义"),
    ("could not determine a constructor for the tag", "不认识的标签“!”，草稿中不能使用标签"),
    ("found undefined tag handle", "不认识的标签“!”，草稿中不能使用标签"),
    ("found unexpected ':'", "多了一个冒号“:”，含冒号的文字请加引号"),
    ("expected alphabetic or numeric character", "“&”或“*”后应是名称"),
    ("found unexpected document indicator", "这里不能出现“---”或“...”"),
    ("expected <document start>", "这里缺少“---”，或缩进不对齐"),
    ("while scanning a simple key", "缺少冒号“:”"),
    ("while scanning a quoted scalar", "引号没有配对"),
    ("while parsing a flow", "括号没有配对"),
    ("while parsing a block", "缩进不对齐"),
)


def yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """What went wrong, in Chinese, without libyaml's English."""
    said = f"{error.problem or ''} {error.context or ''}"
    for fragment, chinese in _YAML_PROBLEMS:
        if fragment in said:
            return chinese
    return "无法解析"


def parse_yaml(text: str, path: str) -> tuple[Any, LineMap]:
    found = first_illegal(text)
    if found is not None:
        raise DraftInvalid([InputError(illegal_message(found[1]), path, found[0])])
    # YAML ends a line at NEL and U+2028 too; the clerk's editor shows one line, and so do we.
    text = join_soft_breaks(text).replace("\u2029", "\n")
    builder = _Builder(text, path)
    try:
        data = builder.build()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DraftInvalid(
            [
                InputError(
                    f"YAML 语法错误：{yaml_problem(error)}，请检查缩进、冒号和引号", path, line
                )
            ]
        ) from None
    except yaml.reader.ReaderError as error:
        line = text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n") + 1
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else "不可见字符"
        raise DraftInvalid(
            [InputError(f"含有 YAML 不允许的字符 {code}，请删除", path, line)]
        ) from None
    except yaml.YAMLError:
        raise DraftInvalid([InputError("YAML 语法错误：无法解析", path)]) from None
    finally:
        builder.loader.dispose()
    if builder.problems:
        raise DraftInvalid(builder.problems)
    return data, builder.map


# --- pydantic errors in Chinese -----------------------------------------------------------


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """Which model the mapping at ``loc`` is, for listing its allowed keys."""
    if not loc:
        return Draft
    if loc[0] == "meta" and len(loc) == 1:
        return Meta
    if loc[0] == "sections" and len(loc) == 2:
        return SectionEntry
    if loc[0] == "sections" and len(loc) == 4 and loc[2] == "figures":
        return FigureEntry
    return None


def _shown(value: Any) -> str:
    """What the clerk wrote, short enough to quote in a message."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:37]}…（共 {len(text)} 个字符）"


def _choices(expected: str) -> str:
    """pydantic's "'余', '多' or '约'" as 余、多、约."""
    found = re.findall(r"'([^']*)'", expected)
    return "、".join(found) if found else expected


_KIND_NAMES = {
    "int": "整数",
    "float": "数字",
    "decimal": "数字",
    "bool": "true 或 false",
    "string": "文字",
    "date": "日期，写作 2025-01-20",
}


def _explain(error: dict[str, Any]) -> str:
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    given = _shown(error.get("input"))
    if kind == "drafter":
        return str(error["msg"])
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        keys = [f.serialization_alias or n for n, f in model.model_fields.items()] if model else []
        hint = suggest(str(loc[-1]), keys) if model else ""
        return f"未知的键“{loc[-1]}”{hint or '，请删除或改正'}"
    if kind == "missing":
        model = _model_at(loc[:-1])
        described = model.model_fields[str(loc[-1])].description if model else None
        return f"缺少必填项“{loc[-1]}”" + (f"（{described}）" if described else "")
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return f"应为整数，实际为“{given}”"
    if kind in {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}:
        return f"应为数字，实际为“{given}”"
    if kind in {"too_short", "too_long"}:
        expected = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"应有 {expected} 项，实际为 {ctx.get('actual_length')} 项"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "finite_number":
        return f"应为有限的数字，实际为“{given}”"
    if kind in {"bool_parsing", "bool_type"}:
        return f"应为 true 或 false，实际为“{given}”"
    if kind == "literal_error":
        return f"应为以下之一：{_choices(str(ctx.get('expected', '')))}，实际为“{given}”"
    if kind.startswith("date"):
        return f"应为日期，写作 2025-01-20，实际为“{given}”"
    if kind in {"string_too_short"}:
        return "不能为空"
    if kind in {"string_type"}:
        return f"应为文字，实际为“{given}”"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"应为键值对（映射），实际为“{given}”"
    if kind in {"list_type"}:
        return f"应为列表，实际为“{given}”"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}，实际为 {given}"
    if kind in {"less_than_equal", "less_than"}:
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}，实际为 {given}"
    if kind == "string_too_long":
        return f"太长：应不超过 {ctx.get('max_length')} 个字"
    expected = next((name for prefix, name in _KIND_NAMES.items() if kind.startswith(prefix)), None)
    if expected:
        return f"应为{expected}，实际为“{given}”"
    return f"取值无效：“{given}”"


def _clean_loc(loc: Sequence[Any]) -> Loc:
    # pydantic adds the names of union members and validators to a location; the clerk's file
    # has none of them.
    return tuple(
        part for part in loc if not (isinstance(part, str) and ("[" in part or "-" in part))
    )


def validation_problems(error: ValidationError, path: str, lines: LineMap) -> list[InputError]:
    problems = []
    seen: set[tuple[Loc, str]] = set()
    for item in error.errors():
        loc = _clean_loc(item["loc"])
        message = _explain({**item, "loc": loc})
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        problems.append(InputError(message, path, lines.line_of(loc), field_path(loc) or None))
    return problems


# --- the public functions -----------------------------------------------------------------


MAX_DRAFT_BYTES = 16 * 1024 * 1024  # a year's draft is tens of KB; the cap keeps memory bounded


def read_text(path: Path, kind: str = "草稿文件") -> str:
    """A YAML file the clerk owns (a draft, or a layout profile: ``kind`` names it in messages),
    read whole but never past MAX_DRAFT_BYTES, decoded as UTF-8."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_DRAFT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"找不到{kind}", path) from None
    except IsADirectoryError:
        raise InputError(f"这是一个目录，不是{kind}", path) from None
    except OSError as error:
        raise InputError(f"无法读取{kind}（{os_reason(error)}）", path) from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise InputError(
            f"文件超过 {MAX_DRAFT_BYTES // (1024 * 1024)} MB，不像是{kind}，未读取", path
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{kind}不是 UTF-8 编码（或不是文本文件），请用 UTF-8 保存后重试", path, line
        ) from None


def parse_draft(text: str, path: str | Path = "草稿") -> tuple[Draft, LineMap]:
    """Parse and validate the shape of a draft (the profile's rules come in validate.py)."""
    name = str(path)
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise DraftInvalid([InputError("草稿应以 meta: 和 sections: 两部分组成", name, 1)])
    try:
        draft = Draft.model_validate(data)
    except ValidationError as error:
        raise DraftInvalid(validation_problems(error, name, lines)) from None
    return draft, lines


def load_draft(path: str | Path) -> tuple[Draft, LineMap]:
    path = Path(path)
    return parse_draft(read_text(path), path)


def dump_draft(draft: Draft) -> str:
    """The draft as YAML a clerk can read and edit: defaults left out, long text as blocks."""
    data = draft.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    data.setdefault("sections", {})
    for section in data["sections"].values():
        for name, figure in list(section.get("figures", {}).items()):
            section["figures"][name] = figure or {"value": None}
    body = yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"{SCHEMA_COMMENT}\n{body}"


# The keys a figure's mapping may have, as the YAML spells them ("from", not "supplier").
FIGURE_KEYS = {
    field.serialization_alias or name for name, field in FigureEntry.model_fields.items()
}


# The C emitter where PyYAML has it (much faster on a whole draft); the representers below
# are Python either way, so the text is the same.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _BlockDumper(_SafeDumper):  # type: ignore[valid-type,misc]
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_small_mappings(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    # A figure reads best on one line: {value: 12, last: 10}.
    flow = (
        bool(value)
        and set(value) <= FIGURE_KEYS
        and all(
            not isinstance(v, dict | list) and not (isinstance(v, str) and "\n" in v)
            for v in value.values()
        )
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


_BlockDumper.add_representer(str, _str_presenter)
_BlockDumper.add_representer(dict, _flow_small_mappings)


def write_new_draft(path: Path, text: str) -> None:
    """Write a new draft, and beside it the JSON Schema its first line names (once)."""
    path = Path(path)
    try:
        write_atomic(path, text)
        schema = path.parent / SCHEMA_FILE
        if not schema.exists():
            from drafter.model import Draft

            write_atomic(
                schema, json.dumps(Draft.model_json_schema(), ensure_ascii=False, indent=2)
            )
    except OSError as error:
        raise InputError(f"无法写入草稿（{os_reason(error)}）", path) from None
