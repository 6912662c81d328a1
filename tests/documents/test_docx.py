"""The Word reader: body order, tables, list numbers kept outside the text, zip checks."""

from __future__ import annotations

import io
import zipfile

import pytest

from oversight.documents import BlockKind, DocumentError, Limits
from oversight.documents.docx import read_docx

from .docxmake import cell, make_docx, numbered, paragraph, table

MULTILEVEL = """<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
</w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2">
<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/>
<w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2)"/>
<w:suff w:val="space"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/>
<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>"""


def _lines(body: str, *, numbering: str = "") -> list[tuple[BlockKind, str]]:
    document = read_docx(make_docx(body, numbering=numbering), source="minutes.docx")
    return [(block.kind, block.text) for block in document.blocks]


def test_list_numbers_are_rebuilt_from_the_numbering_definitions() -> None:
    body = "".join(
        [
            numbered("Apologies", 1),
            numbered("Holding to account", 1),
            numbered("Victims", 1, 1),
            numbered("Outcomes", 1, 1),
            numbered("Same list, another instance", 2),
            numbered("Its first sub-item", 2, 1),
            numbered("A list that restarts.", 3),
            numbered("Lettered.", 4),
            numbered("Roman under it.", 4, 1),
            numbered("Lettered again.", 4),
        ]
    )
    assert [text for _, text in _lines(body, numbering=MULTILEVEL)] == [
        "1.\tApologies",
        "2.\tHolding to account",
        "2.1\tVictims",
        "2.2\tOutcomes",
        "3.\tSame list, another instance",
        "3.1\tIts first sub-item",
        "7.\tA list that restarts.",
        "(d) Lettered.",
        "i) Roman under it.",
        "(e) Lettered again.",
    ]


def test_bullets_from_numbering_or_style_are_list_items() -> None:
    body = numbered("Direct bullet", 9) + paragraph(
        "Styled bullet", props='<w:pStyle w:val="ListBullet"/>'
    )
    assert _lines(body) == [
        (BlockKind.LIST_ITEM, "- Direct bullet"),
        (BlockKind.LIST_ITEM, "- Styled bullet"),
    ]


def test_headings_by_style_outline_or_bold() -> None:
    body = (
        paragraph("Minutes of the meeting", props='<w:pStyle w:val="Heading1"/>')
        + paragraph("Outline level", props='<w:outlineLvl w:val="1"/>')
        + paragraph("Findings:", run="<w:b/>")
        + paragraph("Bold by style", props='<w:pStyle w:val="Strong"/>')
        + paragraph("Not bold", run='<w:b w:val="0"/>')
    )
    assert _lines(body) == [
        (BlockKind.HEADING, "Minutes of the meeting"),
        (BlockKind.HEADING, "Outline level"),
        (BlockKind.HEADING, "Findings:"),
        (BlockKind.HEADING, "Bold by style"),
        (BlockKind.PARAGRAPH, "Not bold"),
    ]


def test_tables_rows_with_paragraphs_owner_column_and_merged_cells() -> None:
    body = table(
        [cell(), cell(paragraph("Name:")), cell(paragraph("Capacity:"))],
        [cell(paragraph("2.1")), cell(paragraph("Victims"), paragraph("The PCC asked."),
         paragraph("ACTION: CC to report.")), cell(paragraph("CC"))],
        [cell(paragraph("Merged across"), props='<w:gridSpan w:val="2"/>'),
         cell(paragraph("Owner"), props='<w:vMerge w:val="restart"/>')],
        [cell(paragraph("3.")), cell(paragraph("AOB")), cell(props="<w:vMerge/>")],
    )  # fmt: skip
    assert _lines(body) == [
        (BlockKind.TABLE_ROW, "\tName:\tCapacity:"),
        (BlockKind.TABLE_ROW, "2.1\tVictims"),
        (BlockKind.PARAGRAPH, "\tThe PCC asked."),
        (BlockKind.PARAGRAPH, "\tACTION: CC to report.\tCC"),
        (BlockKind.TABLE_ROW, "Merged across\t\tOwner"),
        (BlockKind.TABLE_ROW, "3.\tAOB"),
    ]


def test_nested_tables_content_controls_and_body_order() -> None:
    inner = table([cell(paragraph("Inner")), cell(paragraph("Table"))])
    body = (
        paragraph("Before.")
        + table([cell(paragraph("1.")), cell(paragraph("Outer"), inner)])
        + "<w:sdt><w:sdtContent>"
        + paragraph("Inside a content control.")
        + "</w:sdtContent></w:sdt>"
        + paragraph("After.")
    )  # fmt: skip
    assert [text for _, text in _lines(body)] == [
        "Before.",
        "1.\tOuter",
        "\tInner Table",
        "Inside a content control.",
        "After.",
    ]


def test_deleted_text_field_codes_and_breaks() -> None:
    body = (
        "<w:p><w:r><w:t>Kept </w:t></w:r><w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>shown</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:r><w:t>.</w:t><w:br/><w:t>Second</w:t><w:tab/><w:t>cell</w:t></w:r></w:p>"
    )
    assert _lines(body) == [
        (BlockKind.PARAGRAPH, "Kept shown."),
        (BlockKind.TABLE_ROW, "Second\tcell"),
    ]


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_disguised_as_docx_is_refused_before_opening() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/big.bin": bytes(50 << 20)})
    assert len(bomb) < 100_000
    with pytest.raises(DocumentError, match=r"zip bomb"):
        read_docx(bomb, source="bomb.docx", limits=Limits(max_unpacked_bytes=20 << 20))
    with pytest.raises(DocumentError, match=r"compressed \d+ to 1"):
        read_docx(bomb, source="bomb.docx")


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused() -> None:
    part = b"<w:document>" + b" " * 100_000 + b"</w:document>"
    honest = _zip({"word/document.xml": part})
    # Shrink the size the local header and the central directory declare.
    lying = honest.replace(len(part).to_bytes(4, "little"), (100).to_bytes(4, "little"))
    assert lying != honest
    with pytest.raises(DocumentError, match="unpacks to more than it declares"):
        read_docx(lying, source="lying.docx")


def test_truncated_and_damaged_word_files() -> None:
    data = make_docx(paragraph("Minutes"))
    with pytest.raises(DocumentError, match="damaged or truncated"):
        read_docx(data[: len(data) // 2], source="cut.docx")
    not_word = _zip({"word/document.xml": b"<not-xml"})
    with pytest.raises(DocumentError, match=r"^the Word file is damaged"):
        read_docx(not_word, source="odd.docx")


def test_a_document_without_text_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text"):
        read_docx(make_docx("<w:p/>"), source="blank.docx")
