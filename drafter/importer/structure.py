"""Structure: cleaned paragraphs into a document tree, and what was repaired on the way.

The report is read top to bottom:

* **front matter** — short lines above the body: the title (possibly split over lines), an
  author, a publication date such as "2023.12.26" (never a heading);
* an **addressee** ("中共××区委、××区人民政府：") right above the body;
* the **body** — the opening paragraph, then headings at levels 1 to 4 by the form of their
  number (一、 （一） 1. （1）, half- or full-width, "1、" accepted at level 3, a skipped level
  kept as it is), standalone or run-in (the title is the text up to the first "。");
* the **end** — "特此报告。", the signature and the date.

Paragraphs a page break cut in two are rejoined.  A heading whose number has the wrong form
for its place — "2、 工作亮点" between "一、" and "三、" — is repaired to the level its place
says, and every repair is reported in Chinese.  Heading numbers are not kept in the tree:
:func:`drafter.numbering.number_headings` computes them again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from drafter.importer import clean
from drafter.importer.readers import SourceParagraph
from drafter.numbering import number_headings
from drafter.tree import Document, Heading, Paragraph, Signature, SourceOrigin
from drafter.vocab.chars import ascii_alnum, is_han
from drafter.vocab.dates import BARE_YEAR, parse_written_date
from drafter.vocab.dates import YEAR as _YEAR
from drafter.vocab.headings import LEVEL_NAMES, parse_heading_number
from drafter.vocab.regex import lazy
from drafter.vocab.words import ORG_SUFFIXES, alternatives

RUN_IN_STOP = "。"
# A page break rarely cuts a paragraph shorter than this.
MIN_SPLIT_LENGTH = 16
MAX_FRONT_LINES = 8
MAX_FRONT_LINE_LENGTH = 50

_CLOSING_PATTERN = lazy(r"^(?:特此|专此|特向\S{0,12})(?:报告|汇报|函告)[。.！!]?$")


def _is_closing(text: str) -> bool:
    """Whether a line is the closing (特此报告。 and its kind); only a line that starts as
    they do is matched."""
    return text.startswith(("特此", "专此", "特向")) and bool(_CLOSING_PATTERN.match(text))


_TITLE_WORDS = ("报告", "总结")
_ORG_END = lazy(f"(?:{alternatives(ORG_SUFFIXES)})$")


@dataclass(frozen=True)
class SourceHeading:
    """A heading as the source wrote it, for reporting numbering mistakes.

    ``number`` is the number typed in the text ("2、", "(一)", "（一）、", "1．"), or None when
    there is none or Word draws it (then ``auto_number`` holds what Word draws, "一、").
    ``form_level`` is the level the number's form stands for (一、 → 1, （一） → 2, 1. → 3,
    （1） → 4) and ``value`` its counter; ``level`` is the level the heading was given, which
    differs from ``form_level`` when the number was repaired.  ``index`` points into
    :attr:`Imported.paragraphs`; ``line`` is the line of the text file or the paragraph of the
    DOCX; ``raw`` is the paragraph as written (Word's number not included), ``text`` as
    cleaned.
    """

    index: int
    line: int
    level: int
    number: str | None
    auto_number: str | None
    form_level: int | None
    value: int | None
    raw: str
    text: str

    @property
    def repaired(self) -> bool:
        return self.form_level is not None and self.form_level != self.level


class Imported(NamedTuple):
    """A report read from a file: the tree, the source's own numbering and every repair.

    ``paragraphs`` is the cleaned text of the whole report, one paragraph a line (front
    matter, body with the source's own heading numbers, end): the text the import round trip
    is measured against.  ``front_matter`` is every line above the body, title lines
    included, while ``document.front_matter`` holds only the lines that are not the title.
    ``numbers`` are the repaired heading numbers computed by :mod:`drafter.numbering`.
    """

    path: Path
    document: Document
    source_headings: list[SourceHeading]
    repairs: list[str]
    year: int | None
    paragraphs: list[str]
    front_matter: list[str]
    title_lines: list[str]
    numbers: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs) + "\n"

    def outline(self) -> dict[str, Any]:
        """The JSON form ``drafter outline --json`` prints."""
        document = self.document
        signature = document.signature
        return {
            "title": document.title,
            "front_matter": list(self.front_matter),
            "headings": [
                {"level": h.level, "number": n, "title": h.title, "run_in": h.run_in}
                for h, n in zip(document.headings(), self.numbers, strict=True)
            ],
            "paragraphs": len(document.blocks),
            "signature": (signature.organisation or None) if signature else None,
            "date": (signature.date or None) if signature else None,
            "repairs": list(self.repairs),
        }


class _Number(NamedTuple):
    form_level: int
    value: int
    written: str | None  # as typed in the text
    auto: str | None  # as Word draws it


class _Line(NamedTuple):
    """A paragraph of the source kept while the structure is read: its number, its text
    after the number, and the paragraphs a page break split off it."""

    source: SourceParagraph
    raw: str  # as written, debris stripped, Word's number not included
    text: str  # cleaned, Word's number included
    number: _Number | None
    rest: str  # cleaned text after the number
    hinted: bool  # the file marks it as a heading (Markdown "#", Word heading style)
    place: int  # the source paragraph's place among all the source's paragraphs, from 0
    joined: tuple[_Line, ...] = ()  # lines a page break split off this one

    def origin(self) -> SourceOrigin:
        """The source paragraph (and those joined onto it) this line was read from."""
        source = self.source
        return SourceOrigin(
            index=self.place,
            text=source.text,
            line=source.line,
            element=source.element,
            number=source.auto_number or "",
            continued=tuple(line.origin() for line in self.joined),
        )

    @property
    def is_heading(self) -> bool:
        return (self.number is not None or self.hinted) and bool(self.rest)


def _where(line: _Line, docx: bool) -> str:
    return f"第{line.source.line}{'段' if docx else '行'}"


def _quote(text: str, limit: int = 16) -> str:
    return f"“{text if len(text) <= limit else text[:limit] + '……'}”"


def _tail_quote(text: str, limit: int = 10) -> str:
    return f"“{text if len(text) <= limit else '……' + text[-limit:]}”"


def _is_date(text: str) -> bool:
    return parse_written_date(text) is not None


class _Stats:
    def __init__(self) -> None:
        self.punctuation = 0
        self.spaces = 0
        self.markers: Counter[str] = Counter()

    def clean(self, written: str, raw: str) -> str:
        """``written`` cleaned; ``raw`` is ``clean.strip_debris(written)``, worked out already."""
        if "[" in written or "{" in written:  # what every debris marker holds
            for marker in clean.debris_markers(written):
                self.markers[marker] += 1
        text = ascii_alnum(raw)
        converted = clean.full_width_punctuation(text)
        if converted != text:
            self.punctuation += sum(a != b for a, b in zip(text, converted, strict=True))
        collapsed = clean.collapse_spaces(converted)
        self.spaces += len(converted) - len(collapsed)
        return collapsed


def analyse(path: Path, source: list[SourceParagraph], docx: bool = False) -> Imported:
    """The document tree of a report read by :mod:`drafter.importer.readers`."""
    repairs: list[str] = []
    stats = _Stats()
    lines = _lines(source, stats, repairs, docx)

    front_end, addressee_at = _front(lines)
    tail_start, closing, signature = _tail(lines, front_end)
    body = lines[front_end:tail_start]
    if addressee_at is not None:
        body = body[1:]
    body = _rejoin(_hint_levels(body), repairs, docx)
    levels = _levels(body)

    front = lines[:front_end]
    title_lines = _title(front)
    document = Document(
        title="".join(line.text for line in title_lines) or None,
        addressee=lines[addressee_at].text.rstrip("：:") if addressee_at is not None else None,
        front_matter=[line.text for line in front if line not in title_lines],
        closing=closing.text if closing else None,
        signature=signature,
    )
    paragraphs = [line.text for line in front]
    if addressee_at is not None:
        paragraphs.append(lines[addressee_at].text)
    headings: list[SourceHeading] = []
    for line in body:
        index = len(paragraphs)
        paragraphs.append(line.text)
        level = levels.get(id(line))
        if level is None:
            document.blocks.append(Paragraph(line.text, origin=line.origin()))
            continue
        title, run_in, rest = _split_run_in(line.rest)
        document.blocks.append(
            Heading(level, title, run_in=run_in, body=rest, origin=line.origin())
        )
        number = line.number
        headings.append(
            SourceHeading(
                index=index,
                line=line.source.line,
                level=level,
                number=number.written if number else None,
                auto_number=number.auto if number else None,
                form_level=number.form_level if number else None,
                value=number.value if number else None,
                raw=line.raw,
                text=line.text,
            )
        )
    paragraphs.extend(line.text for line in lines[tail_start:])
    document.frame = _frame(front, title_lines, lines, addressee_at, tail_start, closing, signature)
    numbers = number_headings(document.blocks)
    _number_repairs(headings, numbers, repairs, docx)
    _cleaning_repairs(stats, repairs)
    return Imported(
        path=path,
        document=document,
        source_headings=headings,
        repairs=repairs,
        year=_year(document, body),
        paragraphs=paragraphs,
        front_matter=[line.text for line in front],
        title_lines=[line.text for line in title_lines],
        numbers=numbers,
    )


def _lines(
    source: list[SourceParagraph], stats: _Stats, repairs: list[str], docx: bool
) -> list[_Line]:
    lines: list[_Line] = []
    dropped: dict[str, list[int]] = {}
    for index, paragraph in enumerate(source):
        raw = clean.strip_debris(paragraph.text)
        if not paragraph.auto_number and not paragraph.in_table:
            kind = clean.debris_kind(raw)
            if kind == "空行":
                continue
            if kind is not None:
                dropped.setdefault(kind, []).append(paragraph.line)
                continue
        elif not raw and not paragraph.auto_number:
            continue
        cleaned = stats.clean(paragraph.text, raw)
        if paragraph.in_table:
            lines.append(_Line(paragraph, raw, cleaned, None, "", False, index))
            continue
        auto = paragraph.auto_number
        text = f"{auto}{cleaned}" if auto else cleaned
        number: _Number | None = None
        rest = cleaned
        parsed = parse_heading_number(auto) if auto else None
        if parsed is not None and auto is not None:
            form_level, value, _, _ = parsed
            number = _Number(form_level, value, written=None, auto=auto)
        else:
            parsed = parse_heading_number(raw)
            if parsed is not None:
                form_level, value, written, after = parsed
                number = _Number(form_level, value, written=written, auto=None)
                rest = clean.normalise(after)
        hinted = paragraph.heading_hint is not None
        lines.append(_Line(paragraph, raw, text, number, rest, hinted, index))
    unit = "段" if docx else "行"
    for kind, where in dropped.items():
        places = "、".join(f"第{n}{unit}" for n in where[:6]) + ("等" if len(where) > 6 else "")
        what = "页码残留" if kind == "页码" else "网页附带的信息行（发布时间、来源等）"
        repairs.append(f"删除了{len(where)}处{what}：{places}")
    return lines


def _is_body_start(line: _Line) -> bool:
    """Whether a line can only be body: a numbered heading, a long or a finished sentence."""
    text = line.text
    if line.number is not None and line.rest:
        return True
    if len(text) > MAX_FRONT_LINE_LENGTH:
        return True
    if _is_date(text):
        return False
    return text[-1] in "。；;！？!?" or text.endswith(("如下：", "如下:"))


def _front(lines: list[_Line]) -> tuple[int, int | None]:
    """Where the body starts, and the index of the addressee line if there is one."""
    for index, line in enumerate(lines[: MAX_FRONT_LINES + 1]):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _is_body_start(line):
            return index, None
        text = line.text
        if (
            text.endswith(("：", ":"))
            and len(text) <= MAX_FRONT_LINE_LENGTH
            and following is not None
            and _is_body_start(following)
            and not re.search(r"[：:].", text)
        ):
            return index, index
    return 0, None  # no recognisable front matter: everything is body


def _title(front: list[_Line]) -> list[_Line]:
    """The lines of the title among the front matter; empty when there is no title."""

    def title_like(line: _Line) -> bool:
        text = line.text
        return not (
            _is_date(text)
            or re.search(r"[：:]", text)
            or (len(text) <= 4 and all(map(is_han, text)))  # a person's name
            or text[-1] in "。；;！？!?"
        )

    keyword = [i for i, line in enumerate(front) if any(w in line.text for w in _TITLE_WORDS)]
    if keyword:
        end = keyword[0]
        start = end
        while start > 0 and title_like(front[start - 1]):
            start -= 1
        return front[start : end + 1]
    marked = [i for i, line in enumerate(front) if line.hinted or line.source.centered]
    if marked:
        start = end = marked[0]
        while end + 1 < len(front) and end + 1 in marked:
            end += 1
        return front[start : end + 1]
    if front and title_like(front[0]) and len(front[0].text) >= 8:
        return front[:1]
    return []


def _tail(lines: list[_Line], front_end: int) -> tuple[int, _Line | None, Signature | None]:
    """Where the end of the report starts: closing, signature and date."""
    end = len(lines)
    organisation = date = None

    def signature_like(line: _Line) -> bool:
        text = line.text
        return (
            len(text) <= 40
            and line.number is None
            and text[-1] not in "。：:；;，,！？"
            and not _is_closing(text)
        )

    if end > front_end and _is_date(lines[end - 1].text):
        date = lines[end - 1].text
        end -= 1
        if end > front_end and signature_like(lines[end - 1]):
            organisation = lines[end - 1].text
            end -= 1
    elif end > front_end:
        last = lines[end - 1].text
        match = re.match(r"^(?P<org>\S.*?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)$", last)
        if match and _ORG_END.search(match.group("org")) and len(last) <= 50:
            organisation, date = match.group("org"), match.group("date")
            end -= 1
        elif (
            end - 1 > front_end
            and signature_like(lines[end - 1])
            and _ORG_END.search(last)
            and _is_closing(lines[end - 2].text)
        ):
            organisation = last
            end -= 1
    closing = None
    if end > front_end and _is_closing(lines[end - 1].text):
        closing = lines[end - 1]
        end -= 1
    signature = None
    if organisation is not None or date is not None:
        signature = Signature(organisation=organisation or "", date=date or "")
    return end, closing, signature


def _frame(
    front: list[_Line],
    title_lines: list[_Line],
    lines: list[_Line],
    addressee_at: int | None,
    tail_start: int,
    closing: _Line | None,
    signature: Signature | None,
) -> list[tuple[str, SourceOrigin]]:
    """Where the title, front matter, addressee and end of the report came from."""
    frame = [("title" if line in title_lines else "front", line.origin()) for line in front]
    if addressee_at is not None:
        frame.append(("addressee", lines[addressee_at].origin()))
    tail = lines[tail_start:]
    if closing is not None and tail and tail[0] is closing:
        frame.append(("closing", closing.origin()))
        tail = tail[1:]
    if signature is not None and signature.organisation and signature.date and len(tail) == 1:
        frame.append(("signature", tail[0].origin()))  # "××局 2024年1月5日" on one line
    else:
        roles = [
            r
            for r, v in (
                ("signature", signature and signature.organisation),
                ("date", signature and signature.date),
            )
            if v
        ]
        frame.extend(zip(roles, (line.origin() for line in tail), strict=False))
    return frame


def _hint_levels(body: list[_Line]) -> list[_Line]:
    """Unnumbered lines the file marks as headings keep the mark only inside the body."""
    return [
        # A long "heading" without a number is a styled paragraph.
        line._replace(hinted=False)
        if line.hinted and line.number is None and len(line.rest) > 40
        else line
        for line in body
    ]


def _rejoin(body: list[_Line], repairs: list[str], docx: bool) -> list[_Line]:
    """Paragraphs a page break split in two become one again."""
    out: list[_Line] = []
    for line in body:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not line.is_heading
            and not line.source.in_table
            and not previous.source.in_table
            and not (previous.is_heading and RUN_IN_STOP not in previous.rest)
            and len(previous.text) >= MIN_SPLIT_LENGTH
            and clean.ends_open(previous.text)
        ):
            repairs.append(
                f"{_where(previous, docx)}与{_where(line, docx)}合并为一段：分页把"
                f"{_tail_quote(previous.text)}和{_quote(line.text, 10)}拆开了"
            )
            out[-1] = previous._replace(
                raw=previous.raw + line.raw,
                text=previous.text + line.text,
                rest=previous.rest + line.text if previous.is_heading else previous.rest,
                joined=(*previous.joined, line),
            )
            continue
        out.append(line)
    return out


def _levels(body: list[_Line]) -> dict[int, int]:
    """The level of every heading line (by ``id``), mis-numbered headings repaired."""
    headings = [line for line in body if line.is_heading]
    levels: dict[int, int] = {}
    hinted = [line.source.heading_hint or 1 for line in headings if line.number is None]
    offset = min(hinted) - 1 if hinted else 0
    for line in headings:
        if line.number is not None:
            levels[id(line)] = line.number.form_level
        else:
            levels[id(line)] = max(1, min(4, (line.source.heading_hint or 1) - offset))

    for position, line in enumerate(headings):
        number = line.number
        if number is None or number.form_level == 1:
            continue
        previous_top = [h for h in headings[:position] if levels[id(h)] == 1]
        next_top = [h for h in headings[position + 1 :] if levels[id(h)] == 1]
        if not previous_top or previous_top[-1].number is None:
            continue
        top_value = previous_top[-1].number.value
        if number.value != top_value + 1 or RUN_IN_STOP in line.rest.rstrip(RUN_IN_STOP):
            continue
        following = next_top[0].number if next_top else None
        if following is not None and following.value != number.value + 1:
            continue
        if following is None and len(line.rest) > 20:
            continue
        if _fits_sequence(headings, levels, position):
            continue
        levels[id(line)] = 1  # reported by _number_repairs with its new number
    return levels


def _fits_sequence(headings: list[_Line], levels: dict[int, int], position: int) -> bool:
    """Whether a heading's number continues the numbers of its level under the same parent."""
    line = headings[position]
    assert line.number is not None
    level = levels[id(line)]
    for earlier in reversed(headings[:position]):
        earlier_level = levels[id(earlier)]
        if earlier_level < level:
            return line.number.value == 1
        if earlier_level == level:
            return earlier.number is not None and earlier.number.value + 1 == line.number.value
    return line.number.value == 1


def _split_run_in(rest: str) -> tuple[str, bool, str]:
    """(title, run_in, body): a run-in title is the text up to the first "。"."""
    head, stop, tail = rest.partition(RUN_IN_STOP)
    if not stop:
        return rest.strip(), False, ""
    if not tail.strip():
        return head.strip(), False, ""
    return head.strip(), True, tail.strip()


def _number_repairs(
    headings: list[SourceHeading], numbers: list[str], repairs: list[str], docx: bool
) -> None:
    """Report each heading whose number changes beyond its writing (width, 、 or .)."""
    restyled: list[str] = []
    unit = "段" if docx else "行"
    for position, (heading, number) in enumerate(zip(headings, numbers, strict=True)):
        source = heading.number or heading.auto_number
        if source is None:
            continue
        where = f"第{heading.line}{unit}{_quote(heading.raw)}"
        if heading.repaired:
            around = [
                h.number or h.auto_number or ""
                for h in (
                    _nearest(headings, position, -1, heading.level),
                    _nearest(headings, position, 1, heading.level),
                )
                if h is not None
            ]
            context = "与".join(f"“{n}”" for n in around if n)
            repairs.append(
                f"{where}：编号“{source}”是{LEVEL_NAMES[(heading.form_level or 1) - 1]}的写法，"
                f"但它处在{LEVEL_NAMES[heading.level - 1]}{context}{'之间' if len(around) > 1 else '之后'}，"
                f"按{LEVEL_NAMES[heading.level - 1]}处理，编号改为“{number}”"
            )
            continue
        parsed = parse_heading_number(number)
        if parsed is not None and heading.value != parsed[1]:
            repairs.append(f"{where}：编号“{source}”与上下文不连续，改为“{number}”")
        elif heading.number is not None and source != number:
            restyled.append(f"“{source}”→“{number}”")
    if restyled:
        examples = list(dict.fromkeys(restyled))
        shown = "、".join(examples[:3]) + ("等" if len(examples) > 3 else "")
        repairs.append(f"按 GB/T 9704 统一了{len(restyled)}处标题编号的写法（{shown}）")


def _nearest(
    headings: list[SourceHeading], position: int, step: int, level: int
) -> SourceHeading | None:
    index = position + step
    while 0 <= index < len(headings):
        if headings[index].level == level:
            return headings[index]
        if headings[index].level < level:
            return None
        index += step
    return None


def _cleaning_repairs(stats: _Stats, repairs: list[str]) -> None:
    for marker, count in stats.markers.items():
        repairs.append(f"删除了{count}处转换残留“{marker}”")
    if stats.spaces:
        repairs.append(f"删除了{stats.spaces}个中文与数字之间的多余空格（如“2023 年”→“2023年”）")
    if stats.punctuation:
        repairs.append(f"把{stats.punctuation}个中文里的半角标点改为全角（如“,”→“，”）")


def _year(document: Document, body: list[_Line]) -> int | None:
    """The year the report is about: from the title, else the opening, else the commonest."""
    if document.title:
        found = _YEAR.search(document.title) or BARE_YEAR.search(document.title)
        if found:
            return int(found.group(1))
    for line in body[:3]:
        if line.is_heading:
            continue
        found = _YEAR.search(line.text)
        if found:
            return int(found.group(1))
    years = Counter(int(y) for line in body for y in _YEAR.findall(line.text))
    if not years:
        return None
    return years.most_common(1)[0][0]
