"""Fields (python-docx has no field API): the PAGE field of a page number."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field ``instruction`` (such as ``PAGE``) at the end of ``paragraph``, showing
    ``placeholder`` until the reader updates it."""
    begin = paragraph.add_run()._r
    begin.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
