"""Turn the bytes of a text file into a string: BOMs, UTF-8, UTF-16 and Windows-1252.

Text that decodes but is mostly control characters is refused as binary, so that junk is
reported rather than stored as minutes.
"""

from __future__ import annotations

import codecs
import re

from oversight.documents.document import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Share of control characters above which decoded text is judged to be binary.
_MAX_CONTROL_SHARE = 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def looks_binary(text: str) -> bool:
    """Say whether decoded text is mostly control characters."""
    sample = text[:65536]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return "\x00" in sample or controls / len(sample) > _MAX_CONTROL_SHARE


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for the bytes of a text file, or raise DocumentError."""
    if not data.strip():
        raise DocumentError("the file is empty")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise DocumentError(f"bytes do not decode as {name}: {exc.reason}") from None
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            utf16 = _utf16_without_bom(data)
            if utf16 is not None:
                text, encoding = utf16, "utf-16"
            else:
                # cp1252 leaves five bytes undefined; latin-1 maps every byte.
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("latin-1"), "latin-1"
    if looks_binary(text):
        raise DocumentError("binary data, not text")
    if not text.strip():
        raise DocumentError("the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
