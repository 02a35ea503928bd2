"""Which outline an imported report follows: a government's (区县政府, also township and 街道
reports) or a department's, told from its content, with the reason in words.

The clues, strongest first: the organisation's name (…人民政府, …街道办事处, …镇 against …局,
…委), how the text refers to its author (我区/我县/我镇/我街道 against 我局/我委), and words
only a government says of itself (区委区政府常务会议…).  With no clue it is a department.
"""

from __future__ import annotations

from typing import NamedTuple

from drafter.vocab.words import ORG_SUFFIXES, longest_first, profile_clues

_GOVERNMENT_SELF = profile_clues("government_self")
_DEPARTMENT_SELF = profile_clues("department_self")
_GOVERNMENT_SUFFIXES = longest_first(profile_clues("government_suffixes"))
_GOVERNMENT_WORDS = profile_clues("government_words")
_DEPARTMENT_SUFFIXES = tuple(s for s in ORG_SUFFIXES if s not in _GOVERNMENT_SUFFIXES)


class ProfileChoice(NamedTuple):
    profile: str  # "county" or "department"
    reason: str  # why, in words for the summary

    @property
    def other(self) -> str:
        return "department" if self.profile == "county" else "county"

    @property
    def name(self) -> str:
        # Deferred: check tells the profile of a report without loading the outline models.
        from drafter.outline import PROFILE_NAMES

        return PROFILE_NAMES[self.profile]


def choose_profile(organisation: str, title: str | None, text: str) -> ProfileChoice:
    """The outline the report follows, and why."""
    for name, what in ((organisation, "机关名称"), (title or "", "标题")):
        if not name:
            continue
        if "人民政府" in name:
            return ProfileChoice("county", f"{what}“{name}”含“人民政府”")
    ending = organisation.rstrip("：:")
    department = next((s for s in _DEPARTMENT_SUFFIXES if ending.endswith(s)), None)
    government = next((s for s in _GOVERNMENT_SUFFIXES if ending.endswith(s)), None)
    if government and not (department and len(department) > len(government)):
        why = f"机关名称“{organisation}”以“{government}”结尾"
        if government in ("镇", "乡", "街道", "街道办事处"):
            why += "，乡镇、街道的报告按政府报告处理"
        return ProfileChoice("county", why)
    if department:
        return ProfileChoice("department", f"机关名称“{organisation}”以“{department}”结尾")
    ours = {word: text.count(word) for word in _GOVERNMENT_SELF}
    theirs = {word: text.count(word) for word in _DEPARTMENT_SELF}
    if sum(ours.values()) > sum(theirs.values()):
        word = max(ours, key=lambda w: ours[w])
        return ProfileChoice("county", f"正文自称“{word}”（{ours[word]}处）")
    if sum(theirs.values()):
        word = max(theirs, key=lambda w: theirs[w])
        return ProfileChoice("department", f"正文自称“{word}”（{theirs[word]}处）")
    said = next((w for w in _GOVERNMENT_WORDS if w in text), None)
    if said:
        return ProfileChoice("county", f"正文写有“{said}”")
    return ProfileChoice("department", "没有找到政府报告的特征，按部门报告处理")
