"""Random and mutated bytes: no reader lets anything but a DocumentError out."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight.documents import Document, DocumentError, read_bytes
from oversight.documents.docx import read_docx
from oversight.documents.html import read_html
from oversight.documents.pdf import read_pdf
from oversight.documents.text import read_text

from .docxmake import cell, make_docx, numbered, paragraph, table
from .pdfmake import text_pdf

Reader = Callable[[bytes], Document]

READERS: dict[str, Reader] = {
    "any": lambda data: read_bytes(data, source="fuzz"),
    "pdf": lambda data: read_pdf(data, source="fuzz.pdf"),
    "docx": lambda data: read_docx(data, source="fuzz.docx"),
    "html": lambda data: read_html(data, source="fuzz.html"),
    "text": lambda data: read_text(data, source="fuzz.txt"),
}

NUMBERING = """<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>
<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"""

SAMPLES = [
    text_pdf(
        [
            [(72, 760, "1.1"), (110, 760, "Victims"), (470, 760, "CC"), (110, 740, "The PCC.")],
            [(72, 760, "Page two of the minutes.")],
        ],
        rules=[[(66, 530, 772), (66, 530, 750)]],
    ),
    make_docx(
        numbered("Apologies", 1)
        + table([cell(paragraph("2.1")), cell(paragraph("Victims"), paragraph("ACTION: CC"))])
        + paragraph("Findings:", run="<w:b/>"),
        numbering=NUMBERING,
    ),
    b"<!DOCTYPE html><html><body><nav>Menu</nav><main><h1>Minutes</h1><table><tr>"
    b"<td rowspan=2>1.</td><td>Item<p>More</p></td></tr></table><ul><li>One</li></ul>"
    b"</main></body></html>",
    b"Minutes\n\tName\tCapacity\nAttendance:\tAnn\tPCC\n1.1\t<p>Item</p> <p>More</p>\tCC\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid sample with bytes flipped, inserted or cut out, or cut short."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        else:
            del data[position:]
    return bytes(data)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _only_document_errors(reader: Reader, data: bytes) -> None:
    try:
        document = reader(data)
    except DocumentError as error:
        assert str(error)
        assert "\n" not in str(error)
    else:
        assert isinstance(document, Document)


@FUZZ
@given(name=st.sampled_from(sorted(READERS)), data=mutated())
def test_mutated_files_raise_only_document_errors(name: str, data: bytes) -> None:
    _only_document_errors(READERS[name], data)


@FUZZ
@given(
    name=st.sampled_from(sorted(READERS)),
    prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html>", b"\xd0\xcf"]),
    data=st.binary(max_size=4096),
)
def test_random_bytes_raise_only_document_errors(name: str, prefix: bytes, data: bytes) -> None:
    _only_document_errors(READERS[name], prefix + data)
