"""Write small PDFs by hand: text pages, thousands of pages, page-tree loops, encryption.

The hostile-file tests need PDFs no ordinary tool makes (a page tree that points back at
itself, an encryption dictionary whose password is unknown); a PDF is simple enough to
write object by object.
"""

from __future__ import annotations

from collections.abc import Sequence

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def assemble(objects: Sequence[bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """Number the objects from 1, write them with a cross-reference table and a trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\n" % (len(objects) + 1, root, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _escape(text: str) -> bytes:
    raw = text.encode("latin-1", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


Text = tuple[float, float, str] | tuple[float, float, str, float, bool]


def text_pdf(
    pages: Sequence[Sequence[Text]],
    *,
    size: float = 11,
    rules: Sequence[Sequence[tuple[float, float, float]]] = (),
) -> bytes:
    """Make a PDF whose pages show strings at (x, y[, size, bold]), y up from the bottom.

    `rules` gives, per page, horizontal lines as (x0, x1, y).
    """
    # 1 catalog, 2 page tree, 3 and 4 fonts, then per page: page object and content stream.
    kids = []
    bold = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT, bold]
    for index, texts in enumerate(pages):
        page_number = len(objects) + 1
        kids.append(b"%d 0 R" % page_number)
        content = bytearray()
        for entry in texts:
            x, y, text = entry[:3]
            font_size, heavy = (entry[3], entry[4]) if len(entry) == 5 else (size, False)
            content += b"BT /F%d %.1f Tf %.2f %.2f Td (%s) Tj ET\n" % (
                2 if heavy else 1,
                font_size,
                x,
                y,
                _escape(text),
            )
        for x0, x1, y in rules[index] if index < len(rules) else ():
            content += b"%.2f %.2f %.2f 0.6 re f\n" % (x0, y, x1 - x0)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (page_number + 1)
        )
        objects.append(_stream(bytes(content)))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return assemble(objects)


def many_pages_pdf(count: int) -> bytes:
    """Make a PDF of `count` pages that all share one small content stream."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        FONT,
        _stream(b"BT /F1 11 Tf 72 720 Td (A page of minutes) Tj ET"),
    ]
    first = len(objects) + 1
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend(page for _ in range(count))
    return assemble(objects)


def looped_tree_pdf() -> bytes:
    """Make a PDF whose page tree lists itself as its own kid."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def encrypted_pdf() -> bytes:
    """Make a PDF encrypted with the standard handler under a password nobody knows."""
    identifier = b"<" + b"0123456789abcdef" * 2 + b">"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            _stream(b"\x8f\x12\x99\x01\x7f\x33"),
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
            + b"> /P -44 >>",
        ],
        trailer=b"/Encrypt 6 0 R /ID [%s %s]" % (identifier, identifier),
    )  # fmt: skip


def image_only_pdf() -> bytes:
    """Make a one-page PDF that draws a filled square and has no text: a 'scan'."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(b"0.5 g 100 100 300 300 re f"),
        ]
    )
