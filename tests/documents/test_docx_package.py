"""The Word package: parts found by relationship and content type, errors that say why."""

from __future__ import annotations

import io
import zipfile

import pytest

from oversight.documents import BlockKind, DocumentError
from oversight.documents.docx import read_docx

from .docxmake import STYLES, W_NS, make_docx, numbered, paragraph

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_NUMBERING = (
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
)
TYPES, RELS, MAIN_RELS = "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"
BODY = numbered("Apologies", 1) + paragraph("Minutes", props='<w:pStyle w:val="Heading1"/>')


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _edited(member: str, old: bytes, new: bytes) -> bytes:
    """The usual test document with one replacement made in one member."""
    members = _members(make_docx(BODY, numbering=_NUMBERING))
    assert old in members[member], (member, old)
    members[member] = members[member].replace(old, new)
    return _zip(members)


def _lines(data: bytes) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in read_docx(data, source="minutes.docx").blocks]


EXPECTED = [(BlockKind.TABLE_ROW, "1.\tApologies"), (BlockKind.HEADING, "Minutes")]


def test_the_main_part_is_found_through_the_package_relationships() -> None:
    members = _members(make_docx(BODY, numbering=_NUMBERING))
    moved = {
        "[Content_Types].xml": members["[Content_Types].xml"].replace(
            b"/word/document.xml", b"/minutes/main.xml"
        ),
        "_rels/.rels": members["_rels/.rels"].replace(b"word/document.xml", b"minutes/main.xml"),
        "minutes/main.xml": members["word/document.xml"],
        "minutes/_rels/main.xml.rels": members["word/_rels/document.xml.rels"]
        .replace(b'Target="styles.xml"', b'Target="../word/styles.xml"')
        .replace(b'Target="numbering.xml"', b'Target="/word/numbering.xml"'),
        "word/styles.xml": members["word/styles.xml"],
        "word/numbering.xml": members["word/numbering.xml"],
    }
    assert _lines(_zip(moved)) == EXPECTED


def test_without_a_styles_relationship_the_document_is_read_without_styles() -> None:
    data = _edited(MAIN_RELS, b"relationships/styles", b"relationships/unknown")
    assert _lines(data) == [EXPECTED[0], (BlockKind.PARAGRAPH, "Minutes")]


def test_a_styles_part_of_another_content_type_is_not_used() -> None:
    data = _edited(TYPES, b'PartName="/word/styles.xml"', b'PartName="/word/other.xml"')
    assert _lines(data) == [EXPECTED[0], (BlockKind.PARAGRAPH, "Minutes")]


def test_without_numbering_the_list_numbers_are_left_out() -> None:
    data = _edited(MAIN_RELS, b"relationships/numbering", b"relationships/unknown")
    assert _lines(data)[0] == (BlockKind.PARAGRAPH, "Apologies")


@pytest.mark.parametrize(
    ("member", "old", "new", "message"),
    [
        (RELS, b"relationships/officeDocument", b"relationships/other", "names no main"),
        (RELS, b'Target="word/document.xml"', b'Target="word/gone.xml"', "gone.xml is missing"),
        (MAIN_RELS, b'Target="styles.xml"', b'Target="gone.xml"', "gone.xml is missing"),
        (MAIN_RELS, b'Target="styles.xml"', b'TargetMode="External" Target="s.xml"', "outside"),
        (TYPES, b"document.main+xml", b"template.main+xml", "not a Word document"),
        ("word/numbering.xml", b"</w:numbering>", b"", "numbering.xml is not well-formed"),
        ("word/document.xml", b"w:document", b"w:notes", "not a Word document"),
    ],
)
def test_a_broken_package_gives_a_one_line_reason(
    member: str, old: bytes, new: bytes, message: str
) -> None:
    with pytest.raises(DocumentError, match=r"^the Word file is damaged \(.*" + message):
        read_docx(_edited(member, old, new), source="broken.docx")


def test_a_part_without_a_content_type_is_damaged() -> None:
    members = _members(make_docx(BODY, numbering=_NUMBERING))
    types = members[TYPES].replace(b'<Default Extension="xml" ContentType="application/xml"/>', b"")
    members[TYPES] = types.replace(b'PartName="/word/numbering.xml"', b'PartName="/word/n.xml"')
    with pytest.raises(DocumentError, match=r"numbering.xml has no content type"):
        read_docx(_zip(members), source="untyped.docx")


def test_two_styles_relationships_are_refused() -> None:
    extra = f'<Relationship Id="rId9" Target="styles.xml" Type="{_REL}styles"/></Relationships>'
    data = _edited(MAIN_RELS, b"</Relationships>", extra.encode())
    with pytest.raises(DocumentError, match="more than one styles relationship"):
        read_docx(data, source="twice.docx")


def test_a_package_without_content_types_or_relationships_is_damaged() -> None:
    members = _members(make_docx(BODY))
    for missing, message in ((TYPES, "Content_Types"), (RELS, "names no main")):
        broken = {name: data for name, data in members.items() if name != missing}
        with pytest.raises(DocumentError, match=r"^the Word file is damaged .*" + message):
            read_docx(_zip(broken), source="broken.docx")


def test_strict_open_xml_is_named_in_the_refusal() -> None:
    data = _edited(RELS, f"{_REL}officeDocument".encode(), f"{_STRICT_REL}officeDocument".encode())
    with pytest.raises(DocumentError, match=r"^the Word file is in Strict Open XML"):
        read_docx(data, source="strict.docx")


def test_entities_are_neither_expanded_nor_fetched() -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY inner "EXPANDED">'
        '<!ENTITY outer SYSTEM "file:///etc/hostname">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Kept &inner;&outer;</w:t>'
        "</w:r></w:p></w:body></w:document>"
    )
    members = _members(make_docx(BODY))
    members["word/document.xml"] = document.encode()
    assert _lines(_zip(members)) == [(BlockKind.PARAGRAPH, "Kept")]


def test_styles_kept_from_one_document_serve_only_the_same_styles_part() -> None:
    heading = make_docx(BODY, numbering=_NUMBERING)
    styles = STYLES.replace("heading 1", "plain 1").replace('<w:outlineLvl w:val="0"/>', "")
    plain = make_docx(BODY, numbering=_NUMBERING, styles=styles)
    for _ in range(2):
        assert _lines(heading) == EXPECTED
        assert _lines(plain)[1] == (BlockKind.PARAGRAPH, "Minutes")


def test_a_large_lying_part_is_refused_even_after_its_honest_twin() -> None:
    part = b"<w:document>" + b" " * 200_000 + b"</w:document>"
    honest = _zip({"word/document.xml": part})
    lying = honest.replace(len(part).to_bytes(4, "little"), (100_000).to_bytes(4, "little"))
    assert lying != honest
    with pytest.raises(DocumentError, match="damaged"):
        read_docx(honest, source="honest.docx")
    with pytest.raises(DocumentError, match="unpacks to more than it declares"):
        read_docx(lying, source="lying.docx")
