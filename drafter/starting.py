"""A new draft for a profile, an organisation and a year: every section and figure listed with
its label, ready to fill.  ``drafter new`` and the TUI's start screen both write this text."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.draftfile import SCHEMA_COMMENT, parse_draft
from drafter.outline import PROFILE_NAMES, Profile, load_profile
from drafter.phrasing import phrasings_for, render_string


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def starting_draft(profile: Profile, organisation: str, year: int) -> str:
    """The YAML text of a new draft, with a comment naming each section and figure."""
    lines = [
        SCHEMA_COMMENT,
        f"# {year}年法治政府建设年度报告草稿（{PROFILE_NAMES[profile.id]}提纲）。",
        "# 填写 value（本年数值）和 last（上年数值，用于计算同比）；比率和同比由程序计算，无需填写。",
        "meta:",
        f"  organisation: {_quote(organisation)}",
        f"  year: {year}",
        f"  profile: {profile.id}",
        "  date:  # 成文日期，如 " + f"{year + 1}-01-20",
        "  seal: false  # 加盖印章时改为 true",
        "sections:",
    ]
    for section in profile.sections:
        name = f"sections/{profile.id}.yaml#{section.id}.heading"
        label = render_string(section.heading, {"year": year}, name, shipped=True)
        lines.append(f"  {section.id}:  # {label or '开头段'}")
        if section.optional:
            lines.append(
                f"    enabled: {'true' if section.enabled_by_default else 'false'}  # 可选部分"
            )
        options = phrasings_for(profile.id, section)
        if options:
            choices = "、".join(f"{p.id}（{p.label}）" for p in options)
            lines.append(f"    phrasing: {options[0].id}  # 可选：{choices}")
        lines.append("    text: ''  # 自行补充的文字，接在表述之后，每行一段")
        if section.figures:
            lines.append("    figures:")
            for figure in section.figures:
                unit = f"，单位：{figure.unit}" if figure.unit else ""
                lines.append(
                    f"      {figure.id}: {{value: null, last: null}}  # {figure.label}{unit}"
                )
    return "\n".join(lines) + "\n"


def new_draft(profile_id: str, organisation: str, year: int, path: str | Path) -> str:
    """The starting draft's text, checked to load back as ``path`` (an error here is ours,
    never left for the clerk to find)."""
    text = starting_draft(load_profile(profile_id), organisation, year)
    parse_draft(text, path)
    return text
