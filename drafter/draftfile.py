"""Reading and writing the draft's YAML file.

Reading keeps the line of every key, so each problem names the file, the line and the field:
YAML syntax, duplicate keys, wrong types, unknown keys (with a "did you mean"), then the
profile's own rules (:mod:`drafter.validate`).  All problems are reported together.
"""

from __future__ import annotations

import difflib
import json
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

Loc = tuple[str | int, ...]
SCHEMA_FILE = "drafter-draft.schema.json"
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


class _Builder:
    def __init__(self, text: str, path: str) -> None:
        self.loader = _Loader(text)
        self.path = path
        self.map = LineMap()
        self.problems: list[InputError] = []

    def build(self) -> Any:
        node = self.loader.get_single_node()
        if node is None:
            return None
        self.map.lines[()] = node.start_mark.line + 1
        return self._value(node, ())

    def _value(self, node: yaml.Node, loc: Loc) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)  # type: ignore[no-untyped-call]
                key = key if isinstance(key, str | int) else str(key)
                line = key_node.start_mark.line + 1
                if key in result:
                    self.problems.append(
                        InputError(
                            f"键“{key}”重复出现（第{self.map.lines[(*loc, key)]}行已有），请删除其中一处",
                            self.path,
                            line,
                            field_path((*loc, key)),
                        )
                    )
                    continue
                self.map.lines[(*loc, key)] = line
                result[key] = self._value(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.map.lines[(*loc, index)] = item.start_mark.line + 1
                items.append(self._value(item, (*loc, index)))
            return items
        if node.tag == "tag:yaml.org,2002:float":
            # Keep a typed amount exactly as written: 68.136 stays 68.136, not a binary float.
            try:
                return Decimal(str(node.value).replace("_", ""))
            except InvalidOperation:
                pass
        try:
            return self.loader.construct_object(node)  # type: ignore[no-untyped-call]
        except yaml.constructor.ConstructorError:
            raise
        except (ValueError, OverflowError):
            # An impossible date such as 2025-13-01: hand the text on, so the model says what
            # it expected at this field.
            return str(node.value)


def parse_yaml(text: str, path: str) -> tuple[Any, LineMap]:
    builder = _Builder(text, path)
    try:
        data = builder.build()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "无法解析"
        raise DraftInvalid(
            [InputError(f"YAML 语法错误（{problem}），请检查缩进、冒号和引号", path, line)]
        ) from None
    except yaml.reader.ReaderError as error:
        raise DraftInvalid(
            [
                InputError(
                    f"文件第 {error.position + 1} 个字符是控制字符，这不是文本格式的草稿", path
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DraftInvalid([InputError(f"YAML 语法错误：{error}", path)]) from None
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


def _explain(error: dict[str, Any]) -> str:
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    given = error.get("input")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        keys = [f.serialization_alias or n for n, f in model.model_fields.items()] if model else []
        hint = suggest(str(loc[-1]), keys) if model else ""
        return f"未知的键“{loc[-1]}”{hint or '，请删除或改正'}"
    if kind == "missing":
        model = _model_at(loc[:-1])
        described = model.model_fields[str(loc[-1])].description if model else None
        return f"缺少必填项“{loc[-1]}”" + (f"（{described}）" if described else "")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"应为整数，实际为“{given}”"
    if kind in {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}:
        return f"应为数字，实际为“{given}”"
    if kind in {"too_short", "too_long"}:
        expected = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"应有 {expected} 项，实际为 {ctx.get('actual_length')} 项"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in {"bool_parsing", "bool_type"}:
        return f"应为 true 或 false，实际为“{given}”"
    if kind == "literal_error":
        return f"应为以下之一：{ctx.get('expected', '')}，实际为“{given}”"
    if kind.startswith("date"):
        return f"应为日期，写作 2025-01-20，实际为“{given}”"
    if kind in {"string_too_short"}:
        return "不能为空"
    if kind in {"string_type"}:
        return f"应为文字，实际为“{given}”"
    if kind in {"dict_type", "model_type"}:
        return f"应为键值对（映射），实际为“{given}”"
    if kind in {"list_type"}:
        return f"应为列表，实际为“{given}”"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}，实际为 {given}"
    if kind == "less_than_equal":
        return f"应不大于 {ctx.get('le')}，实际为 {given}"
    if kind == "string_too_long":
        return f"太长：应不超过 {ctx.get('max_length')} 个字"
    return f"取值无效（{error['msg']}）"


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


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("找不到草稿文件", path) from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是草稿文件", path) from None
    except OSError as error:
        raise InputError(f"无法读取草稿文件（{os_reason(error)}）", path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("草稿文件不是 UTF-8 编码，请用 UTF-8 保存后重试", path) from None


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
