"""Phrasing: the Jinja2 templates that turn a section's figures into official prose.

Built-in phrasings live in ``templates/<profile>/<section>/<name>.j2`` (or ``templates/common/``
for wording both profiles share); the first line of each is a comment naming it for the clerk,
``{# 详细表述 #}``.  A draft may bring its own template (an imported report's phrasing).

The environment is sandboxed and strict: a template naming a figure that does not exist fails
with the template's name and line.  Every non-empty line a template writes is one paragraph.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

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
from drafter.resources import cache_dir, data_dir
from drafter.vocab.lines import split_lines
from drafter.vocab.regex import lazy

PHRASING_CUSTOM = "custom"  # the section's own template, from the draft
PHRASING_NONE = "none"  # no template: only the clerk's own text

_LABEL = lazy(r"\{#\s*(.+?)\s*#\}")
_UNDEFINED = lazy(r"'([^']+)' is undefined|has no attribute '([^']+)'")


class Phrasing(NamedTuple):
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


# --- bounds on a template's work ----------------------------------------------------------
#
# A draft may bring its own template, and a template is a small program: nested loops, huge
# powers, '文字' * 300000000, a filter asked for a width of two billion.  Every loop step, call
# and output chunk is counted against a budget; operations that build big strings, lists or
# integers are refused before they allocate; constants are not folded at compile time.

MAX_STEPS = 2_000_000  # loop iterations and calls in one draft's templates
MAX_SECONDS = 3.0  # the time all of one draft's templates may take
MAX_STRING = 2_000_000  # characters (or items) in one computed value
MAX_OUTPUT = 8_000_000  # characters one template may write
MAX_INTEGER_BITS = 4_096  # about 1,200 decimal digits
MAX_WIDTH = 10_000  # a width or count handed to center, indent, batch, format…


class TemplateTooCostly(jinja2.TemplateRuntimeError):
    """A template asked for more work or memory than a report can need."""


@dataclass
class Budget:
    steps: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS)

    def tick(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateTooCostly(f"循环和调用超过 {MAX_STEPS} 次，请简化模板")
        if self.steps % 4096 < count and time.monotonic() > self.deadline:
            raise TemplateTooCostly(f"生成文字超过 {MAX_SECONDS:g} 秒，请简化模板")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def render_budget() -> Iterator[Budget]:
    """One budget for everything rendered inside the block (one draft's templates).

    Outside such a block every render gets a budget of its own.
    """
    current = _BUDGET.get()
    if current is not None:
        yield current
        return
    budget = Budget()
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _budget() -> Budget:
    budget = _BUDGET.get()
    if budget is None:  # pragma: no cover - render() always sets one
        raise RuntimeError("rendering outside render_budget()")
    return budget


def _too_big(what: str) -> TemplateTooCostly:
    return TemplateTooCostly(f"{what}过大，请简化模板")


def _sized(value: object) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


_WIDTH_IN_FORMAT = lazy(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*?:[^{}]*?(\d+)")


def _check_format(template: str) -> None:
    """Refuse a %-format or str.format template asking for huge widths ("%2000000000d")."""
    for match in _WIDTH_IN_FORMAT.finditer(template[:MAX_STRING]):
        for width in match.groups():
            if width == "*" or (width and len(width) > 5) or (width and int(width) > MAX_WIDTH):
                raise _too_big("格式宽度")


def _check_width(*numbers: object) -> None:
    for number in numbers:
        if isinstance(number, int | float) and not isinstance(number, bool):
            if abs(number) > MAX_WIDTH:
                raise _too_big(f"宽度或个数（{number}）")
        elif isinstance(number, str) and len(number) > MAX_WIDTH:
            raise _too_big("缩进")


def _bounded_filter(function: Callable[..., Any], checks_widths: bool) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _budget_tick()
        if checks_widths:
            _check_width(*args[1:], *kwargs.values())
        result = function(*args, **kwargs)
        if _sized(result) > MAX_STRING:
            raise _too_big("结果")
        return result

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    bounded.__name__ = getattr(function, "__name__", "filter")
    return bounded


def _budget_tick() -> None:
    budget = _BUDGET.get()
    if budget is None:
        # Jinja folds constant filter calls while compiling, outside any render: refusing here
        # leaves the work to render time, where it is counted.
        raise TemplateTooCostly("编译时不计算")
    budget.tick()


def _bounded_format(value: Any, *args: Any, **kwargs: Any) -> str:
    if isinstance(value, str):
        _check_format(value)
    return str(jinja2.filters.do_format(value, *args, **kwargs))


def _bounded_replace(eval_ctx: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
    text, old_text, new_text = str(value), str(old), str(new)
    hits = len(text) + 1 if not old_text else text.count(old_text)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * len(new_text) > MAX_STRING:
        raise _too_big("替换结果")
    return jinja2.filters.do_replace(eval_ctx, value, old, new, count)


_bounded_replace.jinja_pass_arg = jinja2.utils._PassArg.eval_context  # type: ignore[attr-defined]

_WIDTH_FILTERS = ("center", "indent", "batch", "slice", "wordwrap", "truncate", "round")
_STRING_METHODS_WITH_WIDTH = {"center", "ljust", "rjust", "zfill", "expandtabs"}


class _Bounding(NodeTransformer):
    """Count every loop step: ``for x in y`` iterates ``environment.drafter_loop(y)``, and
    ``a ~ b`` joins through ``environment.drafter_concat`` (so doubling a string is refused)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("drafter_loop"), [node.iter], [], None, None
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("drafter_concat"), node.nodes, [], None, None)


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with every template's work and memory bounded (see above)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        for name in _WIDTH_FILTERS:
            self.filters[name] = _bounded_filter(self.filters[name], checks_widths=True)
        self.filters["format"] = _bounded_filter(_bounded_format, checks_widths=False)
        self.filters["replace"] = _bounded_replace
        self.filters["join"] = _bounded_filter(self.filters["join"], checks_widths=False)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        bounded = _Bounding().visit(tree)
        assert isinstance(bounded, nodes.Template)
        return bounded

    @staticmethod
    def drafter_loop(iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.tick()
            yield item

    @staticmethod
    def drafter_concat(*parts: Any) -> str:
        joined = "".join(str(part) for part in parts)
        if len(joined) > MAX_STRING:
            raise _too_big("拼接的文字")
        return joined

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if method in _STRING_METHODS_WITH_WIDTH:
                _check_width(*args, *kwargs.values())
            elif method == "replace" and len(args) >= 2:
                _bounded_replace(None, owner, args[0], args[1], args[2] if len(args) > 2 else None)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in {"format", "format_map"}:
            _check_format(owner)
        return super().wrap_str_format(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    _sized(sequence)
                    and isinstance(times, int)
                    and times * len(sequence) > MAX_STRING
                ):
                    raise _too_big("重复的文字")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INTEGER_BITS
            ):
                raise _too_big("整数")
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and left.bit_length() * right > MAX_INTEGER_BITS
            ):
                raise _too_big("整数")
        elif operator == "+":
            if _sized(left) + _sized(right) > MAX_STRING:
                raise _too_big("拼接的文字")
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)


def _render_bounded(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """``template.render(context)``, with the output and the work counted."""
    with render_budget() as budget:
        try:
            parts = []
            written = 0
            for chunk in template.root_render_func(template.new_context(dict(context))):
                written += len(chunk)
                if written > MAX_OUTPUT:
                    raise TemplateTooCostly(f"生成的文字超过 {MAX_OUTPUT} 个字符，请简化模板")
                budget.tick()
                parts.append(chunk)
            return "".join(parts)
        except Exception:
            # Jinja rewrites the traceback so that it points at the template's own lines.
            template.environment.handle_exception()
            raise  # pragma: no cover - handle_exception always raises


# --- the environment ----------------------------------------------------------------------


class _ForgivingCache(jinja2.FileSystemBytecodeCache):
    """A cache that may fail to write: the templates are compiled anyway, the build goes on."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # Code compiled before the bounds above (or by another drafter) must not be loaded.
        return super().get_cache_key(f"bounded-1:{name}", filename)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling them is most of a cold build's work.

    Set DRAFTER_CACHE_DIR to move the cache, or to an empty string to turn it off.
    """
    directory = cache_dir("templates")
    if directory is None:
        return None
    # The pattern names the code's generation: templates compiled without the finalize hook
    # must not be loaded by an environment that has one.
    return _ForgivingCache(str(directory), "__drafter_2_%s.cache")


@cache
def environment() -> BoundedSandbox:
    env = BoundedSandbox(
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
        try:  # a listing and each file's first line: a build asks this of every section
            with os.scandir(directory) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".j2") and e.is_file())
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            with open(directory / name, encoding="utf-8") as file:
                first = file.readline().removesuffix("\n")
            stem = name.removesuffix(".j2")
            match = _LABEL.match(first)
            label = match.group(1) if match else stem
            found[stem] = Phrasing(stem, label, f"{folder}/{name}")
    # "standard" first: it is the default a new draft starts from.
    return tuple(sorted(found.values(), key=lambda p: (p.id != "standard", p.id)))


def phrasings_for(profile_id: str, section: SectionDef) -> tuple[Phrasing, ...]:
    """The built-in phrasings a section offers, the default first."""
    return _phrasing_files(profile_id, section.id)


def inline_name(path: str, section_id: str) -> str:
    return f"{path}#sections.{section_id}.template"


@lru_cache(maxsize=512)
def _compile_inline(source: str, name: str, keep: bool = False) -> jinja2.Template:
    """A template given as text (a draft's own, a profile's heading), compiled once per source.

    It is named so that errors and the rewritten traceback point at it; keyed by its source, so
    two drafts under one name never share a stale template.  With ``keep`` its code goes to the
    template cache as the files' does (Jinja's loaders do the same): for the profiles' headings
    and titles, a bounded set every build renders.  A draft's own templates are compiled
    afresh, so that a cache is not filled with one entry per draft file ever built.
    """
    env = environment()
    cache = env.bytecode_cache if keep else None
    bucket = cache.get_bucket(env, name, name, source) if cache is not None else None
    code = bucket.code if bucket is not None else None
    if code is None:
        code = env.compile(source, name=name, filename=name)
        if cache is not None and bucket is not None:
            bucket.code = code
            cache.set_bucket(bucket)
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


# What Jinja says about a template's syntax, in the clerk's words (matched by a fragment).
_SYNTAX_PROBLEMS = (
    ("unknown tag", "不认识的标签（{% %} 中的词拼写有误，或多了一个结束标签）"),
    (
        "Unexpected end of template",
        "模板在标签闭合前就结束了（缺少 {% endif %} 或 {% endfor %}？）",
    ),
    ("expected token 'end of print statement'", "“{{ }}”中的内容写法有误"),
    ("expected token", "标签或表达式写法有误"),
    ("unexpected '}'", "多了一个“}”"),
    ("unexpected char", "表达式中有不认识的字符"),
    ("unexpected end of template", "模板在“{{ }}”或“{% %}”闭合前就结束了"),
    ("missing endmacro", "缺少 {% endmacro %}"),
    ("tag name expected", "“{%”后应是标签名"),
    ("can't assign to", "这里不能赋值"),
    ("unexpected", "出现了不应有的内容"),
)


def _syntax_problem(message: str | None) -> str:
    for fragment, chinese in _SYNTAX_PROBLEMS:
        if message and fragment.lower() in message.lower():
            return chinese
    return "写法有误"


def _runtime_problem(error: BaseException) -> str:
    if isinstance(error, TemplateTooCostly):
        return str(error)
    if isinstance(error, RecursionError):
        return "宏或循环无限递归（宏调用了它自己？）"
    if isinstance(error, MemoryError):
        return "需要的内存过多，请简化模板"
    if isinstance(error, jinja2.exceptions.SecurityError):
        return "用了模板中不允许的操作"
    if isinstance(error, ZeroDivisionError):
        return "除数为零"
    if isinstance(error, ArithmeticError):
        return "数字运算超出范围"
    if isinstance(error, TypeError):
        return "数字和文字混用，或对数值用了不适用的运算"
    return "运算无法完成"


def template_error(error: BaseException, name: str, line_offset: int = 0) -> InputError:
    """A Chinese message naming the template and its line."""
    # Built-in templates are named by their path under templates/; a draft's own template is
    # named "DRAFT.yaml#sections.<id>.template".
    path, _, field = name.partition("#")
    if not field:
        path = f"templates/{path}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        line = error.lineno + line_offset if error.lineno else None
        return InputError(
            f"表述模板语法错误：{_syntax_problem(error.message)}", path, line, field or None
        )
    line = _template_line(error, name)
    line = line + line_offset if line is not None else None
    if isinstance(error, jinja2.UndefinedError):
        match = _UNDEFINED.search(str(error))
        missing = (match.group(1) or match.group(2)) if match else "?"
        return InputError(f"表述模板引用了不存在的数字或变量“{missing}”", path, line, field or None)
    return InputError(f"表述模板无法生成文字：{_runtime_problem(error)}", path, line, field or None)


_RENDER_ERRORS = (
    jinja2.TemplateError,
    TypeError,
    ValueError,
    ArithmeticError,
    RecursionError,
    MemoryError,
)


def render(name: str, context: Mapping[str, Any], line_offset: int = 0) -> str:
    """Render one template by name; errors become located Chinese messages."""
    env = environment()
    try:
        return _render_bounded(env.get_template(name), context)
    except jinja2.TemplateNotFound:
        raise InputError(f"找不到表述模板 {name}") from None
    except _RENDER_ERRORS as error:
        raise template_error(error, name, line_offset) from None


def _plain_text(source: str) -> str | None:
    """What Jinja renders a text with no tag in it as, without compiling it (most of a
    profile's headings are plain): the text, its line ends read as \n and one final line end
    dropped, as Jinja's lexer reads it.  None when the text has a "{" (a tag may start there),
    or would write more than a template may."""
    if "{" in source or len(source) > MAX_OUTPUT:
        return None
    return source.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n")


def render_string(
    source: str,
    context: Mapping[str, Any],
    name: str = "<标题>",
    line_offset: int = 0,
    shipped: bool = False,
) -> str:
    """Render Jinja text that is not a template file: a draft's own template, a profile's
    heading.  ``shipped`` says the text is the package's own (a profile's heading or title),
    whose compiled code is kept between runs.

    ``name`` reads "FILE#field" so errors name the file and the field.
    """
    plain = _plain_text(source)
    if plain is not None:
        return plain
    try:
        return _render_bounded(_compile_inline(source, name, shipped), context)
    except _RENDER_ERRORS as error:
        raise template_error(error, name, line_offset) from None


def paragraphs(text: str) -> list[str]:
    """Each non-empty line is a paragraph (a soft line break does not end one)."""
    return [line.strip() for line in split_lines(text) if line.strip()]
