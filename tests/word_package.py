"""Small Word packages written by hand, for tests: the XML parts given, and the content types
and relationships any real .docx carries, so python-docx (and Word) will open them."""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {  # part name -> (content type, relationship type from the document)
    "word/styles.xml": (f"{_WML}.styles+xml", f"{_REL}/styles"),
    "word/numbering.xml": (f"{_WML}.numbering+xml", f"{_REL}/numbering"),
    "word/settings.xml": (f"{_WML}.settings+xml", f"{_REL}/settings"),
}


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    )


def write_package(
    path: Path,
    document: str | bytes,
    parts: dict[str, str | bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A .docx at ``path`` holding ``document`` as word/document.xml and the ``parts`` given
    (styles, numbering, settings), each related from the document."""
    parts = parts or {}
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{_PARTS[name][0]}"/>' for name in parts
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
        f"{overrides}</Types>"
    )
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_PARTS[name][1]}" Target="{name.removeprefix("word/")}"/>'
            for i, name in enumerate(parts, start=1)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        for name, data in parts.items():
            archive.writestr(name, data)
    return path
