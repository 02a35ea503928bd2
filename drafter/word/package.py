"""A Word package from nothing, through python-docx's own part classes, and saved so that the
same document always gives the same bytes.

python-docx opens documents; it does not start one without a template, and its template brings
430 kB of styles with theme fonts.  :func:`blank_document` assembles the package the way
python-docx reads one (a document part with styles, settings and font table parts related to
it), so relationships are numbered rId1, rId2… in the order they are made.
"""

from __future__ import annotations

import copy
import io
import zipfile

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.settings import SettingsPart
from docx.parts.styles import StylesPart

# Every zip entry gets this time stamp: the zip format's earliest, so a build is reproducible.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def blank_document(fonts: BaseOxmlElement) -> Document:
    """An empty document with empty styles and settings, and the font table ``fonts``."""
    package = Package()
    document_part = DocumentPart(
        PackURI("/word/document.xml"),
        CT.WML_DOCUMENT_MAIN,
        parse_xml(f"<w:document {nsdecls('w', 'r')}><w:body><w:sectPr/></w:body></w:document>"),
        package,
    )
    package.relate_to(document_part, RT.OFFICE_DOCUMENT)
    for partname, content_type, relationship, element in (
        ("/word/styles.xml", CT.WML_STYLES, RT.STYLES, parse_xml(f"<w:styles {nsdecls('w')}/>")),
        (
            "/word/settings.xml",
            CT.WML_SETTINGS,
            RT.SETTINGS,
            parse_xml(f"<w:settings {nsdecls('w')}/>"),
        ),
        ("/word/fontTable.xml", CT.WML_FONT_TABLE, RT.FONT_TABLE, fonts),
    ):
        part_class = {RT.STYLES: StylesPart, RT.SETTINGS: SettingsPart}.get(relationship, XmlPart)
        document_part.relate_to(
            part_class(PackURI(partname), content_type, element, package), relationship
        )
    return document_part.document


def fresh_copy(base: Document) -> Document:
    """A new document whose main part is a copy of ``base``'s and whose other parts (styles,
    settings, fonts, headers, footers…) are ``base``'s own, shared and left unchanged: a report
    built on a base pays for its body, not for the styles again."""
    part = base.part
    package = Package()
    main = DocumentPart(part.partname, part.content_type, copy.deepcopy(part.element), package)
    package.relate_to(main, RT.OFFICE_DOCUMENT)
    for rId, rel in part.rels.items():
        target = rel.target_ref if rel.is_external else rel.target_part
        main.rels.add_relationship(rel.reltype, target, rId, rel.is_external)
    return main.document


def remove_dates(document: Document) -> None:
    """No creation or modification time in the core properties: they would make two builds of
    the same draft differ, and the report's date is its 成文日期."""
    element = document.core_properties._element
    for tag in ("dcterms:created", "dcterms:modified"):
        for found in element.findall(qn(tag)):
            element.remove(found)


def document_bytes(document: Document) -> bytes:
    """The saved package, its zip entries stamped with one fixed time (python-docx stamps them
    with the time of saving)."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(entry), compresslevel=6)
    return out.getvalue()
