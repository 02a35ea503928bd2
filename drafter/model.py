"""The draft: what a clerk writes (by hand or in the TUI) and what ``drafter build`` reads.

The model holds only what is typed.  Rates, totals and year-on-year changes are derived when
the draft is composed, never stored; heading numbers are computed from the tree.  Checks that
need the profile (which figures a section has, their types and bounds) live in
:mod:`drafter.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from drafter.outline import FigureType
from drafter.vocab.words import APPROX_WORDS
from drafter.vocab.words import self_reference as _self_reference

ProfileId = Literal["department", "county"]
ApproxWord = Literal["余", "多", "以上", "超", "近", "约"]
assert ApproxWord.__args__ == APPROX_WORDS  # type: ignore[attr-defined]

# A figure as typed.  Kept loose here (a count typed as "十二" must reach validate.py, which
# knows the figure's type and says what is expected); YAML already gives int, float or str.
RawValue = int | float | Decimal | str | None


# The JSON Schema (``drafter schema``) speaks Chinese: each model's title and description, and
# each field's title (its description's first words, or the name below).  Docstrings are for
# the code's readers.
MODEL_TITLES = {
    "Draft": ("年度报告草稿", "drafter 的草稿文件：报告信息和各部分"),
    "Meta": ("报告信息", "机关、年度、标题、主送机关、落款和成文日期"),
    "SectionEntry": ("部分", "报告的一个部分：表述、数字和自行撰写的文字"),
    "FigureEntry": (
        "数字",
        "一个数字：本年数值和上年数值；只写数值即为本年数值；写了计算公式的由程序计算",
    ),
    "FigureSource": ("数值来源", "drafter fill 从采集表填入的数值来自哪里"),
}
FIELD_TITLES = {"value": "本年数值", "figures": "数字", "meta": "报告信息", "sections": "各部分"}


def _field_title(name: str, info: Any) -> str:
    description = getattr(info, "description", None) or ""
    words = re.split(r"[，；：（(,]", description, maxsplit=1)[0].strip()
    return FIELD_TITLES.get(name) or words or name


def _chinese_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    title, description = MODEL_TITLES.get(model.__name__, (None, None))
    if title:
        schema["title"] = title
        schema["description"] = description


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=False,
        field_title_generator=_field_title,
        json_schema_extra=_chinese_schema,
    )


class FigureSource(_Model):
    """Where a value came from when ``drafter fill`` took it from a collection workbook."""

    file: str = Field(description="采集表文件名")
    sheet: str = Field(description="工作表")
    cell: str = Field(description="单元格，如 F7")
    date: dt.date = Field(description="填入草稿的日期")

    def __str__(self) -> str:
        return f"{self.file} {self.sheet}!{self.cell}（{self.date.isoformat()}）"


class FigureEntry(_Model):
    """One figure: this year's value, last year's beside it.

    In YAML a bare value is shorthand for ``{value: …}``.  Figures that are not in the
    profile's catalogue (custom sections, imported phrasing) carry their own label and unit.
    ``from`` names the office that supplies the figure (the catalogue gives a default);
    ``source`` is written by ``drafter fill`` and says which workbook cell the value came from.
    ``formula`` makes the figure a derived one of the draft's own (:mod:`drafter.formula`):
    computed from the figures it names whenever the draft is built, never typed.
    """

    value: RawValue = None
    last: RawValue = Field(default=None, description="上年数值，用于计算同比")
    approx: ApproxWord | None = Field(default=None, description="约数词：余/多/以上/超/近/约")
    formula: str | None = Field(
        default=None,
        description=(
            "计算公式，由程序计算、不填本年数值：a / b 为 a 占 b 的百分比，a + b + c 为合计，"
            "yoy(a) 为 a 的同比变化（百分比的为百分点）；a、b、c 为本部分数字的编号"
        ),
    )
    label: str | None = Field(default=None, description="自定义数字的名称")
    unit: str | None = Field(default=None, description="自定义数字的单位")
    type: FigureType | None = Field(
        default=None, description="数字类型：count 计数、amount 金额、percentage 百分比、text 文字"
    )
    part_of: str | None = Field(default=None, description="作为“其中”项所属的总数")
    # "from" is a Python keyword: the attribute is ``supplier``, the YAML key is ``from``.
    supplier: str | None = Field(
        default=None,
        validation_alias="from",
        serialization_alias="from",
        description="提供本数字的科室或单位，如 执法大队；留空用提纲中的默认",
    )
    source: FigureSource | None = Field(
        default=None, description="数值来源（drafter fill 写入）：采集表、工作表、单元格、日期"
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if data is None or isinstance(data, int | float | str | Decimal):
            return {"value": data}
        if isinstance(data, list | dt.date):
            raise PydanticCustomError(
                "drafter", f"应为数字，或 {{value: …, last: …}}，实际为“{data}”"
            )
        return data

    @field_validator("value", "last", mode="before")
    @classmethod
    def _scalar(cls, value: Any) -> Any:
        # One message for what is not a number or a word at all, not one per member of RawValue.
        if isinstance(value, dt.date):
            return value.isoformat()
        if value is not None and not isinstance(value, int | float | str | Decimal):
            kind = (
                "列表"
                if isinstance(value, list)
                else "键值对"
                if isinstance(value, dict)
                else "其他内容"
            )
            raise PydanticCustomError("drafter", f"应为数字或文字，实际为{kind}")
        return value


class SectionEntry(_Model):
    """One section of the draft.  Sections of the profile need only what the clerk changes;
    a section of the draft's own (not in the profile) also gives its heading and level."""

    enabled: bool = Field(default=True, description="是否写入报告（仅可选部分可关闭）")
    heading: str | None = Field(default=None, description="标题（不含编号）；留空用标准标题")
    level: int | None = Field(
        default=None, ge=0, le=4, description="标题级别 1-4，0 为不编号的段落"
    )
    run_in: bool | None = Field(default=None, description="标题与正文同段（如“（一）……。一是……”）")
    phrasing: str | None = Field(
        default=None,
        description="选用的表述：内置表述名称，custom 为本节 template，none 为不用模板",
    )
    template: str | None = Field(default=None, description="本节自己的表述模板（Jinja2）")
    text: str | None = Field(default=None, description="自行撰写的文字，接在表述之后，每行一段")
    # The factories are lambdas, not ``dict`` and ``list``: pydantic reads a factory's signature,
    # and a builtin's costs the tokenizer's patterns on every start.
    figures: dict[str, FigureEntry] = Field(default_factory=lambda: {})
    review: list[str] = Field(default_factory=lambda: [], description="导入时标出的待核对事项")


class Meta(_Model):
    organisation: str = Field(min_length=1, description="机关全称")
    year: int = Field(ge=2000, le=2100, description="报告所述年度")
    profile: ProfileId = Field(default="department", description="提纲：department 或 county")
    short_name: str | None = Field(default=None, description="自称，如 我局、我区；留空自动推定")
    addressee: str | None = Field(default=None, description="主送机关（可选），不含冒号")
    title: str | None = Field(default=None, description="标题；留空按提纲生成")
    signature: str | None = Field(default=None, description="落款机关；留空用机关全称")
    date: dt.date | None = Field(default=None, description="成文日期，如 2025-01-20")
    seal: bool = Field(default=False, description="是否加盖印章（决定落款位置）")
    closing: str | None = Field(default="特此报告。", description="结束语；留空不写")

    @field_validator("organisation", "short_name", "addressee", "title", "signature")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return value.rstrip("：:") if value else value

    @property
    def self_reference(self) -> str:
        """我局 / 我区 / 我县: how the report refers to its author."""
        return self.short_name or _self_reference(self.organisation)


class Draft(_Model):
    meta: Meta
    sections: dict[str, SectionEntry] = Field(
        default_factory=lambda: {},
        description="各部分，按报告中的顺序排列；未列出的标准部分不写入",
    )
