"""The quick tests that spare a pattern's compiling never change what the pattern finds.

Many patterns on the check path are compiled only when a text could match them: a cheap test
(a first character, a word the pattern must contain) says "cannot match" first.  Each such test
must be a necessary condition: wherever its pattern matches, the quick test lets the text
through.  Each is tried here on texts written in the patterns' own alphabets (so that many of
them do match) and on crafted cases.  Two patterns were rewritten to compile cheaply; they are
compared with what they replace on every character of the Basic Multilingual Plane.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable

from drafter.check import content, punctuation
from drafter.check import dates as dates_rules
from drafter.check.layout import key
from drafter.importer import clean, readers, structure
from drafter.reading import figures
from drafter.vocab import dates, headings, lines
from drafter.vocab.chars import FULLWIDTH_ALNUM_PATTERN, ascii_alnum
from drafter.vocab.numerals import NUMERAL_CHARS
from drafter.vocab.regex import one_of

BMP = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]


def _texts(
    alphabet: Iterable[str], count: int = 4000, longest: int = 12, seed: int = 7
) -> list[str]:
    """Texts of 1 to ``longest`` pieces drawn from ``alphabet`` (characters or words)."""
    pieces = list(alphabet)
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, longest))) for _ in range(count)]


def _necessary(
    quick: Callable[[str], bool],
    matches: Callable[[str], object],
    texts: Iterable[str],
    at_least: int,
) -> None:
    """``quick`` lets through every text ``matches`` accepts; at least ``at_least`` did match."""
    matched = 0
    for text in texts:
        if matches(text):
            matched += 1
            assert quick(text), text
    assert matched >= at_least, f"only {matched} texts matched: the test proves little"


def test_the_full_width_letters_and_digits_pattern_matches_exactly_the_three_ranges() -> None:
    rewritten = re.compile(FULLWIDTH_ALNUM_PATTERN)
    original = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
    for char in BMP:
        assert bool(rewritten.search(f"a{char}b")) == bool(original.search(f"a{char}b")), char
    assert ascii_alnum("２０２３年ＧＢ／Ｔ") == "2023年GB／T"  # ／ is punctuation: kept


def test_the_layout_key_drops_what_the_whitespace_and_invisibles_pattern_dropped() -> None:
    original = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\u00ad]")
    for char in BMP:
        text = f"甲{char}1 {char}"
        assert key(text) == original.sub("", text), hex(ord(char))


def test_a_page_number_line_is_never_skipped_by_its_quick_test() -> None:
    alphabet = "-—–－_· 第页/／共0123456789１٣(（)）[]【】a汉"
    texts = [*_texts(alphabet, longest=8), "- 2 -", "— 3 —", "第4页 共9页", "5/9", "（", "12"]
    texts = [text.strip() for text in texts if text.strip()]  # as debris_kind has them
    _necessary(clean._may_be_page_number, clean._PAGE_NUMBER.match, texts, 200)


def test_a_web_page_line_is_never_skipped_by_its_quick_tests() -> None:
    words = [*clean._META_WORDS, "：", ":", " ", "字体", "大", "中", "小", "【", "】", "[", "]"]
    words += ["打印本页", "关闭窗口", "打印", "关闭", "返回顶部", "【打印】", "[关闭]", "汉", "1"]
    texts = [t.strip() for t in _texts(words, longest=6)]
    texts += ["【字体：大 中 小】", "打印本页 关闭窗口", "来源：示例网"]
    _necessary(clean._may_be_meta, clean._META.match, texts, 50)
    _necessary(clean._may_be_web_chrome, clean._WEB_CHROME.match, texts, 50)


def _written_dates(count: int = 20000) -> list[str]:
    """Dates in each written form, many of them broken (a wrong piece, a missing piece)."""
    rng = random.Random(3)
    years = ["2025", "25", "202", "20250", "二〇二五", "一九九九", "二OO五", "〇", "二〇二", ""]
    numbers = ["1", "01", "12", "31", "123", "一", "十二", "二十", "三十一", "十十", ""]
    marks = ["年", "月", "日", ".", "．", "-", "/", "—", "–", " ", "", "号"]
    forms = [("年", "月", "日"), (".", ".", ""), ("-", "-", "日"), ("/", "．", "")]
    texts = []
    for _ in range(count):
        first, second, last = rng.choice(forms)
        pieces = [rng.choice(years), first, rng.choice(numbers), second, rng.choice(numbers), last]
        if rng.random() < 0.3:
            pieces[rng.randrange(len(pieces))] = rng.choice(marks)
        texts.append(" ".join(pieces) if rng.random() < 0.2 else "".join(pieces))
    return [text.strip() for text in texts]


def test_a_written_date_is_never_skipped_by_its_quick_tests() -> None:
    texts = _written_dates()
    texts += ["2025年1月20日", "2025.01.20", "2025-1-20", "二〇二五年一月二十日", "25年1月2日"]
    _necessary(dates.may_be_arabic_date, dates.DATE_ARABIC.match, texts, 100)
    _necessary(dates.may_be_separated_date, dates.DATE_SEPARATED.match, texts, 100)
    _necessary(dates.may_be_chinese_date, dates.DATE_CHINESE.match, texts, 200)


def test_parse_written_date_reads_every_form_it_read_before() -> None:
    assert dates.parse_written_date(" 2025年1月20日 ") == (2025, 1, 20)
    assert dates.parse_written_date("2025.01.20") == (2025, 1, 20)
    assert dates.parse_written_date("2025 - 1 - 20日") == (2025, 1, 20)
    assert dates.parse_written_date("二〇二五年一月二十日") == (2025, 1, 20)
    assert dates.parse_written_date("２０２５年１月２０日") == (2025, 1, 20)
    assert dates.parse_written_date("特此报告。") is None


def test_a_heading_number_is_tried_with_every_form_it_may_have() -> None:
    alphabet = ["（", "(", "）", ")", "、", "，", ",", ".", "．", " ", "\u3000", "\t"]
    alphabet += [*"一二三十百零", *"0123", "①", "⑳", "٣", "加", "强"]
    texts = _texts(alphabet, count=20000, longest=7)
    for index, (_, pattern) in enumerate(headings.NUMBER_FORMS):

        def quick(text: str, index: int = index) -> bool:
            first = text.lstrip()[:1]
            return headings._starts(first)[index]

        _necessary(quick, pattern.match, texts, 20)


def test_parse_heading_number_reads_every_form_it_read_before() -> None:
    alphabet = ["（", "(", "）", ")", "、", ".", " ", *"一二十零", *"0123", "①", "加", "是"]
    for text in _texts(alphabet, count=20000, longest=6):
        assert headings.parse_heading_number(text) == _heading_number(text), text


def test_a_heading_number_missing_its_bracket_is_never_skipped() -> None:
    alphabet = ["（", "(", "）", ")", "、", *"一二三十百千零", "加", "强", "1"]
    texts = _texts(alphabet, count=20000, longest=6)
    _necessary(content._may_lack_bracket, content._BRACKET.match, texts, 500)


def test_a_cited_document_and_a_gap_are_never_skipped() -> None:
    words = [*content._DOCUMENTS, "（2021—2025年）", "(2020-2025)", "（", "2021", "—", "-"]
    words += ["2025年）", "）", " ", "《", "》", "法治", "纲要", "汉"]
    texts = _texts(words, count=8000, longest=5)
    _necessary(content._names_a_document, content._CITATION.search, texts, 20)
    gaps = _texts(["【待填", "】", "：", "汉", "\n", "1"], longest=6)
    _necessary(lambda t: content._GAP_START in t, content._GAP.search, gaps, 500)


def test_the_figure_readers_word_patterns_are_never_skipped() -> None:
    leads = [*figures._LEAD_WORDS, "2023", "1999", "年", "度", "以来", " ", "汉", "全年"]
    texts = _texts(leads, count=8000, longest=5)
    _necessary(lambda t: t.startswith(figures._LEAD_STARTS), figures._LEAD_TIME.match, texts, 500)

    periods = [*figures._SAME_PERIOD_WORDS, *figures._LAST_YEAR_WORDS, "同", "期", "比", "年"]
    periods += ["上", "结转", "汉", "为"]
    texts = _texts(periods, count=8000, longest=5)
    _necessary(figures._says_same_period, figures._SAME_PERIOD.search, texts, 200)
    _necessary(figures._says_last_year, figures._LAST_YEAR.search, texts, 200)

    stated = [*figures.RATE_NAMES, *figures._CHANGE_VERBS, "为", "达", "了", " ", "9", "率", "汉"]
    stated += ["9", "12.5", "9", "9"]  # a figure must follow
    texts = _texts(stated, count=8000, longest=5)
    _necessary(figures._names_a_rate, figures._RATE.search, texts, 200)

    compared = [*figures._COMPARED_WORDS, "较", "比", "与", "2023", "年", "同", "期", "上", "汉"]
    texts = _texts(compared, count=8000, longest=5)
    _necessary(figures._may_compare, figures._COMPARED.search, texts, 500)

    changed = [*figures._CHANGED, "了", " ", "\n", "增", "降", "汉", "1"]
    texts = _texts(changed, count=8000, longest=3)
    _necessary(figures._names_a_change, figures._CHANGED_AT_END.search, texts, 500)

    labels = ["19", "20", "2023", "年", "度", " ", "汉", "1", "案件"]
    texts = _texts(labels, count=8000, longest=5)
    _necessary(lambda t: "年" in t, figures._LABEL_YEAR.search, texts, 200)


def test_a_paragraph_the_arithmetic_rules_do_not_read_has_no_relation_to_check() -> None:
    pieces = ["8件", "3人", "94.9%", "其中", "（", "）", "(", ")", "，", "。", "受理", "办结"]
    pieces += [*figures.RATE_NAMES[:4], *figures._CHANGE_VERBS[:4], "上年", "为", "汉", "率"]
    texts = _texts(pieces, count=6000, longest=8)

    def relates(text: str) -> bool:
        reading = figures.read_figures(text, 2024)
        return bool(reading.breakdowns or reading.rates or reading.changes)

    _necessary(figures.may_relate, relates, texts, 200)


def test_a_dated_event_is_never_skipped_by_its_quick_test() -> None:
    pieces = ["2024年", "2024", "年", " ", "1", "12", "1月", "月", "3日", "日", "份", "-", "至"]
    texts = _texts(pieces, count=8000, longest=7)
    _necessary(lambda t: "月" in t, dates_rules._EVENT_DATE.search, texts, 500)
    _necessary(lambda t: "月" in t, dates_rules._DATED.search, texts, 100)


def test_the_punctuation_rules_quick_tests_never_skip_a_match() -> None:
    addresses = ["http", "s", "://", "www", ".", "@", "a", "b1", "-", "+", "汉", " ", "gov", "cn"]
    texts = _texts(addresses, count=8000, longest=8)
    _necessary(punctuation._may_skip, punctuation._SKIP.search, texts, 150)

    def spaced(text: str) -> bool:
        return any(m["pre"] or m["post"] for m in punctuation._SPACED_FIGURE.finditer(text))

    spacing = [" ", "\u00a0", "\u3000", "1", "23", ".", ",", "%", "汉", "a", "_", "٣"]
    texts = _texts(spacing, count=8000, longest=8)
    _necessary(lambda t: punctuation._spaced_digit(t, 0), spaced, texts, 500)


def test_a_closing_line_is_told_as_its_pattern_alone_tells_it() -> None:
    words = ["特此", "专此", "特向", "报告", "汇报", "函告", "。", "！", "区政府", " ", "如下"]
    texts = _texts(words, count=8000, longest=4)
    closings = [t for t in texts if structure._CLOSING_PATTERN.match(t)]
    assert len(closings) > 200
    assert [t for t in texts if structure._is_closing(t)] == closings


def test_the_first_character_xml_cannot_hold_is_found_as_its_pattern_alone_finds_it() -> None:
    for char in [chr(code) for code in range(0x10000)]:  # lone surrogates included
        for text, soft in ((f"第一行\n甲{char}乙", True), (f"甲{char}", False)):
            pattern = lines._ILLEGAL if soft else lines._ILLEGAL_IN_LINE
            match = pattern.search(text)
            expected = None if match is None else (text.count("\n", 0, match.start()) + 1, char)
            assert lines.first_illegal(text, soft) == expected, hex(ord(char))
    assert lines.join_soft_breaks("甲\x0b乙\u2028丙 a\x85b") == "甲乙丙 a b"


def test_the_classes_the_quick_tests_stand_for_are_the_str_methods_they_use() -> None:
    space, digit = re.compile(r"\s"), re.compile(r"\d")
    for char in BMP:
        assert bool(space.match(char)) == char.isspace() == (char.strip() == ""), hex(ord(char))
        assert bool(digit.match(char)) == char.isdecimal(), hex(ord(char))


def test_only_a_text_that_is_not_printable_is_searched_for_odd_characters() -> None:
    odd = [char for char in BMP if clean._ODD_CHARS.match(char)]
    assert len(odd) == 12
    assert not any(char.isprintable() for char in odd)  # so a text holding one is not printable
    assert clean.strip_debris("\u3000正文\u200b内容\u00a0") == "正文内容"
    assert clean.strip_debris("正文\u2002内容\t") == "正文 内容"


def _heading_number(text: str) -> tuple[int, int, str, str] | None:
    """What parse_heading_number returns, every form tried in order with no quick test."""
    for form_level, pattern in headings.NUMBER_FORMS:
        match = pattern.match(text)
        if match:
            value = headings.heading_counter(match.group("n"))
            if value is not None:
                return form_level, value, match.group(0).strip(), text[match.end() :]
    return None


def test_a_number_of_digits_is_tried_only_where_a_space_or_its_mark_follows_the_digits() -> None:
    alphabet = [*"0123", "٣", " ", "\u3000", ".", "．", "、", ")", "）", "年", "个", "加", "(", "%"]
    texts = _texts(alphabet, count=20000, longest=6)
    for index in (3, 4):

        def quick(text: str, index: int = index) -> bool:
            return headings._starts(text.lstrip()[:3])[index]

        _necessary(quick, headings.NUMBER_FORMS[index][1].match, texts, 300)
    for text in texts:
        assert headings.parse_heading_number(text) == _heading_number(text), text
    assert headings.parse_heading_number("2023年以来") is None
    assert headings.parse_heading_number("13个岗亭") is None
    assert headings.parse_heading_number(" 12 、加强") == (3, 12, "12 、", "加强")
    assert headings.parse_heading_number("3）加强") == (4, 3, "3）", "加强")


def test_a_stated_change_is_never_skipped_by_its_quick_test() -> None:
    pieces = [*figures._CHANGE_VERBS, "了", " ", "\u3000", "14.3%", "9％", "5个百分点", "3件"]
    pieces += ["同比", "上年", "为", "8%", "，", "汉", "（", "）", "1"]
    texts = _texts(pieces, count=8000, longest=6)

    def changes_a_figure(text: str) -> bool:
        """A _CHANGE match that ends where a percentage or a 个百分点 figure starts."""
        reading = figures.read_figures(text, 2024)
        kinds = [f for f in reading.figures if f.quantity.is_percent or f.unit == "个百分点"]
        starts = {f.quantity.number_start for f in kinds}
        return any(match.end() in starts for match in figures._CHANGE.finditer(text))

    def quick(text: str) -> bool:
        return figures._may_state_change(text, figures.read_figures(text, 2024))

    _necessary(quick, changes_a_figure, texts, 500)
    assert len(figures.read_figures("上年为7%，同比下降了 2个百分点，今年为5%。").changes) == 1


def test_a_remainder_is_led_as_its_pattern_led_it() -> None:
    words = figures.reading_words("remainder_lead")
    original = re.compile(f"^(?:{figures.alternatives(words)})?$")
    texts = _texts([*words, "\n", "有", "另", "其", " ", "汉"], count=4000, longest=3)
    for text in [*texts, "", "\n", "另有\n", "另有\n\n"]:
        assert figures._leads_a_remainder(text) == bool(original.match(text)), text


ONE_OF_CLASSES = [" \u00a0\u3000", NUMERAL_CHARS, "、，,.．", "年月日号", "。；！？，：;:", "-—–－~～至到"]
ONE_OF_CLASSES += ["-—–－_·", "（(）)[]【】-—–－·", "年-—–－~～至到", ".．-/—–"]


def test_one_of_matches_one_character_of_its_class_and_nothing_else() -> None:
    for chars in [*ONE_OF_CLASSES, "ab", "a", "^]\\"]:
        rewritten = re.compile(one_of(chars))
        original = re.compile(f"[{re.escape(chars)}]")
        for char in BMP:
            assert bool(rewritten.fullmatch(char)) == bool(original.fullmatch(char)), hex(ord(char))
        assert [rewritten.fullmatch(c * 2) for c in chars] == [None] * len(chars)


def test_the_patterns_written_with_one_of_find_what_they_found_with_classes() -> None:
    numbers = ["（", "(", "）", ")", "、", "，", ",", ".", "．", " ", "\u3000", *"一二三十百零"]
    numbers += ["0", "12", "加", "丁"]
    anchors = [*"。；！？，：;: \n", "2023", "2023年", "年", "以来", "截至", "度", "内容", "内", "汉"]
    cited = ["）", ")", "2025", "2025年）", "年", *"—-~至到－ "]
    citing = [f"{name}{start}" for name in content._DOCUMENTS for start in ("（2021", " (2020年")]
    figures_ = ["12", "3.5", ".", *"年月日号件", "人次", "万", "余", "汉", " ", "1,000", "%"]
    spaced = [" ", "\u00a0", "\u3000", "1", "23", ".", ",", "%", "汉", "a", "_", "\t"]
    cn = NUMERAL_CHARS
    pages = [*"-—–－_·（(）)[]【】 第页/／共", "1", "12", "汉"]
    years = ["2024", "1999", "202", *".年-—–－~～至到", " ", "汉", "1"]
    dated = [*".．-/—–", " ", "1", "12", "日", "汉"]
    cases = [  # the pattern, what it was, texts' starts (what it needs first) and alphabet
        (
            headings.NUMBER_FORMS[0][1],
            rf"^\s*[（(]\s*(?P<n>[{cn}]{{1,5}})\s*[）)]\s*[、，,.．]?\s*",
            ["（", "( "],
            numbers,
        ),
        (
            headings.NUMBER_FORMS[1][1],
            r"^\s*[（(]\s*(?P<n>\d{1,2})\s*[）)]\s*[、，,.．]?\s*",
            ["（1", "( 12"],
            numbers,
        ),
        (
            headings.NUMBER_FORMS[2][1],
            rf"^\s*(?P<n>[{cn}]{{1,5}})\s*[、，,.．]\s*",
            ["", "一", " 十"],
            numbers,
        ),
        (
            dates_rules._ANCHOR,
            r"(?:^|(?<=[。；！？，：;:\s]))(?:截至|截止|截止到)?(?P<year>\d{4})\s*年"
            r"(?P<tail>以来|，|,|全年|度|共|我|上半年|下半年|初|底|末|期间|内(?!容))",
            ["", "2023", "；2023"],
            anchors,
        ),
        (
            content._CITATION,
            content._CITATION.pattern.replace(one_of("-—–－~～至到"), "[-—–－~～至到]"),
            citing,
            cited,
        ),
        (
            figures._QUANTITY,
            figures._QUANTITY.pattern.replace(one_of("年月日号"), "[年月日号]"),
            [""],
            figures_,
        ),
        (
            punctuation._SPACED_FIGURE,
            r"(?:(?<![ \u00a0\u3000])(?P<pre>[ \u00a0\u3000]+))?(?<![0-9A-Za-z_.])"
            r"(?P<figure>\d+(?:[.,]\d+)*%?)"
            r"(?![0-9A-Za-z_])(?P<post>[ \u00a0\u3000]+)?",
            [""],
            spaced,
        ),
    ]
    cases += [
        (
            clean._PAGE_NUMBER,
            r"^[\-—–－_·\s]*(?:第\s*)?\d{1,3}\s*页?\s*(?:(?:[/／]|共)\s*\d{1,3}\s*页?)?[\-—–－_·\s]*$"
            r"|^[（(）)\[\]【】\-—–－·]$",
            ["", "- ", "第"],
            pages,
        ),
        (
            dates.BARE_YEAR,
            r"(?<![\d.])((?:19|20)\d{2})(?![\d.年\-—–－~～至到])",
            [""],
            years,
        ),
        (
            dates.DATE_SEPARATED,
            r"^(\d{4})\s*[.．\-/—–]\s*(\d{1,2})\s*[.．\-/—–]\s*(\d{1,2})\s*日?$",
            ["2025.1", "2024-12-", "2023 — 1 ．"],
            dated,
        ),
    ]
    for pattern, source, starts, alphabet in cases:
        assert "(?>" not in source and source != pattern.pattern, source
        original = re.compile(source)
        found = 0
        for index, text in enumerate(_texts(alphabet, count=6000, longest=8)):
            text = starts[index % len(starts)] + text
            expected = [(m.span(), m.groups()) for m in original.finditer(text)]
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == expected, text
            found += bool(expected)
        assert found > 100, (pattern, found)


def test_a_number_followed_by_a_digit_is_never_a_figure_so_it_is_not_tried() -> None:
    """The figure pattern's guard after the number ((?!\\d)) only spares trying shorter
    numbers: what it finds is what it found without the guard."""
    guarded = figures._QUANTITY
    original = re.compile(guarded.pattern.replace(r"(?!\d)(?![\d.]*", r"(?![\d.]*", 1))
    assert original.pattern != guarded.pattern
    alphabet = ["1", "23", "0", ".", ",", ",000", "１", "年", "日", "件", "人次", "万", "亿", "余"]
    alphabet += ["%", " ", "\u00a0", "约", "近", "多", "汉", "：", "（"]
    found = 0
    for text in _texts(alphabet, count=8000, longest=10):
        expected = [(m.span(), m.groups()) for m in original.finditer(text)]
        assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == expected, text
        found += bool(expected)
    assert found > 500, found


def test_the_rate_names_in_an_atomic_group_are_found_as_they_were() -> None:
    names = figures.RATE_NAMES
    assert not [(a, b) for a in names for b in names if a != b and b.startswith(a)]
    original = re.compile(
        f"(?P<name>{figures.alternatives(names)})"
        r"(?:为|达|达到|是|高达|均为|均达|已达|保持|实现)?\s*(?=\d)"
    )
    assert original.pattern != figures._RATE.pattern
    pieces = [*names, "出庭", "应诉", "办结", "率", "为", "达到", "均", " ", "9", "12.5%", "汉"]
    found = 0
    for text in _texts(pieces, count=8000, longest=5):
        expected = [(m.span(), m.groups()) for m in original.finditer(text)]
        assert [(m.span(), m.groups()) for m in figures._RATE.finditer(text)] == expected, text
        found += bool(expected)
    assert found > 500, found


def test_a_text_is_refused_as_junk_when_its_odd_characters_were_counted_together() -> None:
    original = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
    for char in BMP:
        counted = len(readers._CONTROL.findall(char)) + char.count("\ufffd")
        assert counted == len(original.findall(char)), hex(ord(char))
    text = "汉\ufffd\x01\x0b\n\x7f\ufffd字\x0c"
    assert len(readers._CONTROL.findall(text)) + text.count("\ufffd") == 5
