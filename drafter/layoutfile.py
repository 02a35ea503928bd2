"""A layout profile a clerk wrote: read with its lines kept, validated by pydantic, and only
then made into a :class:`drafter.layout.LayoutProfile`.

The models here state what each number may be; :mod:`drafter.layout` holds the profile itself
and its derived numbers.  The shipped profiles are known good (a test validates them here and
finds the same values), so a command run with the default layout never imports pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from drafter.errors import DraftInvalid, InputError
from drafter.layout import Highlight, LayoutProfile, merge


class TextStyleModel(BaseModel):
    """What :class:`drafter.layout.TextStyle` may hold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    font: str = Field(min_length=1, max_length=64, description="中文字体")
    size_pt: float = Field(ge=5, le=72, description="字号（磅）")
    bold: bool = Field(default=False, description="是否加粗")


class LayoutModel(BaseModel):
    """What each number of :class:`drafter.layout.LayoutProfile` may be."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page_width_mm: float = Field(ge=50, le=1000)
    page_height_mm: float = Field(ge=50, le=1000)
    margin_top_mm: float = Field(ge=0, le=200)
    margin_bottom_mm: float = Field(ge=0, le=200)
    margin_left_mm: float = Field(ge=0, le=200)
    margin_right_mm: float = Field(ge=0, le=200)
    header_distance_mm: float = Field(ge=0, le=200)

    lines_per_page: int = Field(ge=1, le=100)
    chars_per_line: int = Field(ge=1, le=100)

    latin_font: str = Field(min_length=1, max_length=64)
    title: TextStyleModel
    body: TextStyleModel
    headings: tuple[TextStyleModel, TextStyleModel, TextStyleModel, TextStyleModel]
    heading_numbers: tuple[str, str, str, str]
    indent_chars: int = Field(ge=0, le=10)
    widow_control: bool
    title_blank_lines_after: int = Field(ge=0, le=10)
    gap_highlight: Highlight

    page_number: TextStyleModel
    page_number_dash: str = Field(max_length=4)
    page_number_side_space_chars: int = Field(ge=0, le=10)
    page_number_below_type_area_mm: float = Field(ge=0, le=100)

    blank_lines_before_signature: int = Field(ge=0, le=20)
    blank_lines_before_signature_sealed: int = Field(ge=0, le=20)
    signature_right_space_chars: int = Field(ge=0, le=20)
    date_offset_chars: int = Field(ge=0, le=20)
    sealed_date_right_space_chars: int = Field(ge=0, le=20)

    @field_validator("heading_numbers")
    @classmethod
    def _numbers_have_a_counter(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            if "{cn}" not in pattern and "{n}" not in pattern:
                raise ValueError(f"编号写法“{pattern}”中应有 {{cn}} 或 {{n}}")
            if pattern.replace("{cn}", "").replace("{n}", "").count("{"):
                raise ValueError(f"编号写法“{pattern}”中只能用 {{cn}} 和 {{n}}")
        return patterns

    @model_validator(mode="after")
    def _the_type_area_holds_the_text(self) -> LayoutModel:
        problem = self.profile().fit_problem()
        if problem:
            raise ValueError(problem)
        return self

    def profile(self) -> LayoutProfile:
        return LayoutProfile.from_data(self.model_dump())


def validated(data: dict[str, Any]) -> LayoutProfile:
    """The profile of ``data``, validated; pydantic's ValidationError where it is wrong."""
    return LayoutModel.model_validate(data).profile()


def read_layout_file(path: str | Path, base: LayoutProfile) -> LayoutProfile:
    """The clerk's profile at ``path`` over ``base``: a copy may list only the keys it changes.
    A bad value is a located Chinese error naming the file, line and key."""
    from drafter.draftfile import parse_yaml, read_text, validation_problems

    name = str(path)
    data, lines = parse_yaml(read_text(Path(path), "版式文件"), name)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DraftInvalid([InputError("版式文件应由“键: 值”组成，如 margin_top_mm: 37", name, 1)])
    try:
        return validated(merge(base.to_data(), data))
    except ValidationError as error:
        raise DraftInvalid(validation_problems(error, name, lines)) from None
