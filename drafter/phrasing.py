"""Phrasing: the Jinja2 templates that turn a section's figures into official prose.

Built-in phrasings live in ``templates/<profile>/<section>/<name>.j2`` (or ``templates/common/``
for wording both profiles share); the first line of each is a comment naming it for the clerk,
``{# 详细表述 #}``.  A draft may bring its own template (an imported report's phrasing).

The environment is sandboxed and strict: a template naming a figure that does not exist fails
with the template's name and line.  Every non-empty line a template writes is one paragraph.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from drafter.errors import InputError
from drafter.figures import (
    DerivedValue,
    FigureText,
    FigureValue,
    derive_rate,
    figure_ids,
    mark_figures,
    with_unit,
)
from drafter.outline import SectionDef
from drafter.resources import data_dir

PHRASING_CUSTOM = "custom"  # the section's own template, from the draft
PHRASING_NONE = "none"  # no template: only the clerk's own text

_LABEL = re.compile(r"\{#\s*(.+?)\s*#\}")
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


@dataclass(frozen=True)
class Phrasing:
    id: str
    label: str
    template_name: str


# --- filters ------------------------------------------------------------------------------


def yoy(figure: FigureValue | DerivedValue, sep: str = "") -> str:
    """同比增长X% / 同比下降X% / 与上年持平 / 同比提高X个百分点, from last year's value.

    ``sep`` is written before the phrase, so "{{ x }}{{ x|yoy('，') }}" reads well whether or
    not last year's value is known.
    """
    phrase = figure.yoy()
    return FigureText(f"{sep}{phrase}", figure_ids(figure)) if phrase else ""


def rate(numerator: Any, denominator: Any) -> str:
    """The rate of two figures (or numbers): 94.9%, and 100% when exact."""
    top = _number(numerator)
    bottom = _number(denominator)
    shown = figure_ids(numerator, denominator)
    if top is None or bottom is None:
        return FigureText(str(numerator) if top is None else str(denominator), shown)
    return FigureText(derive_rate(top, bottom), shown)


def approx(number: Any, word: str, unit: str = "") -> str:
    """A number with 余/多/以上/超: approx(530, "余", "人次") → 530余人次."""
    value = _number(number)
    text = with_unit(value if value is not None else str(number), unit, word)
    return FigureText(text, figure_ids(number))


def cn_date(value: dt.date) -> str:
    """2025年1月20日: Arabic numerals, no zero padding (GB/T 9704 7.3.5)."""
    return f"{value.year}年{value.month}月{value.day}日"


def _number(value: Any) -> Any:
    if isinstance(value, FigureValue):
        return None if value.missing or isinstance(value.value, str) else value.value
    if isinstance(value, DerivedValue):
        return value.compute()
    return value


# --- the environment ----------------------------------------------------------------------


class _ForgivingCache(jinja2.FileSystemBytecodeCache):
    """A cache that may fail to write: the templates are compiled anyway, the build goes on."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling them is most of a cold build's work.

    Set DRAFTER_CACHE_DIR to move the cache, or to an empty string to turn it off.
    """
    configured = os.environ.get("DRAFTER_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        directory = Path(configured)
    else:
        try:
            base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        except RuntimeError:  # no home directory at all
            return None
        directory = Path(base) / "drafter" / "templates"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home is no reason to fail a build
    # The pattern names the code's generation: templates compiled without the finalize hook
    # must not be loaded by an environment that has one.
    return _ForgivingCache(str(directory), "__drafter_2_%s.cache")


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates")), encoding="utf-8"),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        finalize=mark_figures,
    )
    env.filters.update(yoy=yoy, rate=rate, approx=approx, cn_date=cn_date)
    return env


@cache
def _phrasing_files(profile_id: str, section_id: str) -> tuple[Phrasing, ...]:
    root = data_dir("templates")
    found: dict[str, Phrasing] = {}
    for folder in (f"common/{section_id}", f"{profile_id}/{section_id}"):
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.j2")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            match = _LABEL.match(first)
            label = match.group(1) if match else path.stem
            found[path.stem] = Phrasing(path.stem, label, f"{folder}/{path.name}")
    # "standard" first: it is the default a new draft starts from.
    return tuple(sorted(found.values(), key=lambda p: (p.id != "standard", p.id)))


def phrasings_for(profile_id: str, section: SectionDef) -> tuple[Phrasing, ...]:
    """The built-in phrasings a section offers, the default first."""
    return _phrasing_files(profile_id, section.id)


def inline_name(path: str, section_id: str) -> str:
    return f"{path}#sections.{section_id}.template"


@lru_cache(maxsize=512)
def _compile_inline(source: str, name: str) -> jinja2.Template:
    """A template given as text (a draft's own, a profile's heading), compiled once per source.

    It is named so that errors and the rewritten traceback point at it; keyed by its source, so
    two drafts under one name never share a stale template.
    """
    env = environment()
    code = env.compile(source, name=name, filename=name)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _template_line(error: BaseException, name: str) -> int | None:
    """The template line an error happened on, read from the traceback Jinja rewrites."""
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def template_error(error: Exception, name: str, line_offset: int = 0) -> InputError:
    """A Chinese message naming the template and its line."""
    # Built-in templates are named by their path under templates/; a draft's own template is
    # named "DRAFT.yaml#sections.<id>.template".
    path, _, field = name.partition("#")
    if not field:
        path = f"templates/{path}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        line = error.lineno + line_offset if error.lineno else None
        return InputError(f"表述模板语法错误：{error.message}", path, line, field or None)
    line = _template_line(error, name)
    line = line + line_offset if line is not None else None
    if isinstance(error, jinja2.UndefinedError):
        match = _UNDEFINED.search(str(error))
        missing = (match.group(1) or match.group(2)) if match else str(error)
        return InputError(f"表述模板引用了不存在的数字或变量“{missing}”", path, line, field or None)
    return InputError(f"表述模板无法生成文字（{error}）", path, line, field or None)


def render(name: str, context: Mapping[str, Any], line_offset: int = 0) -> str:
    """Render one template by name; errors become located Chinese messages."""
    env = environment()
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound:
        raise InputError(f"找不到表述模板 {name}") from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as error:
        raise template_error(error, name, line_offset) from None


def render_string(
    source: str, context: Mapping[str, Any], name: str = "<标题>", line_offset: int = 0
) -> str:
    """Render Jinja text that is not a shipped file: a draft's own template, a profile's heading.

    ``name`` reads "FILE#field" so errors name the file and the field.
    """
    try:
        return _compile_inline(source, name).render(context)
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as error:
        raise template_error(error, name, line_offset) from None


def paragraphs(text: str) -> list[str]:
    """Each non-empty line is a paragraph."""
    return [line.strip() for line in text.splitlines() if line.strip()]
