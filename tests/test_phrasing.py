"""Phrasing templates: year arithmetic, filters, alternatives, and strictness."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.errors import InputError
from drafter.outline import load_profile
from drafter.phrasing import cn_date, phrasings_for, render_string


def test_year_arithmetic_in_headings():
    context = {"year": 2024}
    assert render_string("{{ year }}年工作", context, "t1") == "2024年工作"
    assert render_string("{{ year + 1 }}年工作打算", context, "t2") == "2025年工作打算"
    assert render_string("{{ year - 1 }}年", context, "t3") == "2023年"


def test_dates_are_written_without_zero_padding():
    assert cn_date(dt.date(2025, 1, 5)) == "2025年1月5日"


@pytest.mark.parametrize("profile_id", ["department", "county"])
def test_key_sections_offer_at_least_two_phrasings(profile_id):
    profile = load_profile(profile_id)
    key = [s for s in profile.sections if s.figures] + [
        profile.section(i) for i in ("opening", "shortcomings", "plan")
    ]
    for section in key:
        assert section is not None
        options = phrasings_for(profile_id, section)
        assert len(options) >= 2, section.id
        assert options[0].id == "standard"
        assert all(o.label for o in options)


@pytest.mark.parametrize("profile_id", ["department", "county"])
def test_every_figure_a_template_names_is_in_its_section(profile_id):
    """Render every built-in phrasing against its own section's figures: StrictUndefined fails
    on any name that is not there."""
    from drafter.compose import section_context
    from drafter.model import SectionEntry
    from drafter.phrasing import render
    from drafter.validate import ResolvedFigure, ResolvedSection

    profile = load_profile(profile_id)
    for section in profile.sections:
        resolved = ResolvedSection(section.id, section, SectionEntry(), profile_id=profile_id)
        resolved.figures = {f.id: ResolvedFigure(f, None, None, None) for f in section.figures}
        context = section_context(resolved, {"year": 2024, "org": "示例", "we": "我局"}, [])
        for phrasing in phrasings_for(profile_id, section):
            assert render(phrasing.template_name, context)


def test_a_template_naming_a_missing_figure_fails_with_its_name_and_line():
    with pytest.raises(InputError) as caught:
        render_string(
            "第一行\n共{{ nothing_here }}件", {"year": 2024}, "x.yaml#sections.a.template"
        )
    error = caught.value
    assert error.line == 2
    assert error.field == "sections.a.template"
    assert "nothing_here" in str(error)


def test_the_sandbox_refuses_reaching_into_python():
    with pytest.raises(InputError):
        render_string("{{ year.__class__.__mro__ }}", {"year": 2024}, "sandbox")


def test_two_drafts_under_one_name_never_share_a_template():
    from drafter.compose import compose_text

    def draft(words: str) -> str:
        return (
            "meta: {organisation: 示例局, year: 2024, date: 2025-01-20}\n"
            f"sections:\n  opening:\n    template: '{words}{{{{ year }}}}'\n"
        )

    first = compose_text(draft("甲"), "同名.yaml").document.paragraphs()[0].text
    second = compose_text(draft("乙"), "同名.yaml").document.paragraphs()[0].text
    assert (first, second) == ("甲2024", "乙2024")


def test_a_template_cache_that_cannot_be_written_does_not_stop_a_build(tmp_path):
    from jinja2.bccache import Bucket

    from drafter.phrasing import _ForgivingCache, environment

    folder = tmp_path / "cache"
    folder.mkdir()
    cache = _ForgivingCache(str(folder))
    bucket = Bucket(environment(), "key", "checksum")
    bucket.code = compile("x = 1", "<t>", "exec")
    folder.rmdir()  # gone between start-up and the first write
    cache.dump_bytecode(bucket)  # no exception: the build carries on uncached
    assert not folder.exists()


def test_a_profiles_headings_are_compiled_once_and_kept_but_a_drafts_own_template_is_not(
    tmp_path,
):
    """Each build renders the profile's headings and title: their compiled code is kept in the
    template cache, as the template files' is (a heading with no tag is not compiled at all).
    A draft's own template is compiled afresh, so the cache does not gain an entry for every
    draft file ever built."""
    import os
    import subprocess
    import sys

    from drafter.phrasing import _ForgivingCache
    from tests.conftest import ROOT

    draft = tmp_path / "草稿.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024, date: 2025-01-20}\n"
        "sections:\n  opening:\n    template: '本局{{ year }}年'\n  study: {}\n  plan: {}\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    script = "import sys; from drafter.compose import compose_file; compose_file(sys.argv[1])"
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-c", script, str(draft)], cwd=ROOT, env=env, check=True)

    keys = _ForgivingCache(str(cache / "templates"), "__drafter_2_%s.cache")
    kept = {path.name for path in (cache / "templates").iterdir()}

    def entry(name: str) -> str:
        return f"__drafter_2_{keys.get_cache_key(name, name)}.cache"

    assert entry("sections/department.yaml#plan.heading") in kept  # "{{ year + 1 }}年…"
    assert entry("sections/department.yaml#title") in kept
    assert entry("sections/department.yaml#study.heading") not in kept  # plain text
    assert entry(f"{draft}#sections.opening.template") not in kept


PLAIN_TEXTS = ["深入学习贯彻习近平法治思想", "第一段\r\n第二段\r第三段\n", "x\n\n", "", "  \n", "a}}b%}#}"]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_a_text_with_no_tag_renders_as_jinja_renders_it_without_being_compiled(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter import phrasing

    with phrasing.render_budget():
        by_jinja = phrasing._render_bounded(phrasing.environment().from_string(text), {})
    monkeypatch.setattr(phrasing, "_compile_inline", lambda *a: pytest.fail("compiled"))
    assert render_string(text, {}) == by_jinja
