"""Find and parse the parts of a Word package that the Word reader uses.

A .docx is an Open Packaging zip: `_rels/.rels` names the main document part, the main
part's own relationships name its styles and numbering parts, and `[Content_Types].xml`
gives each part's type. Only those parts are read, each with a hardened lxml parser (no
network, no entity expansion, no huge trees), and found as python-docx finds them: a part
is used only if its content type says what it is, and a relationship type that occurs
twice, points outside the package or at a missing part makes the file damaged. Each part
is keyed by a digest of its stored bytes, so that what a reader makes of a styles or
numbering part can serve the next document that carries the very same part (`read_kept`).
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from oversight.documents.document import DocumentError
from oversight.documents.numbering import W
from oversight.documents.zipguard import stored_member

if TYPE_CHECKING:
    from lxml import etree

WHAT = "the Word file"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_RELATIONSHIP = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MAIN_TYPE = _WORD + "document.main+xml"
_STYLES_TYPE = _WORD + "styles+xml"
_NUMBERING_TYPE = _WORD + "numbering+xml"
# A part that unpacks to more than this is read afresh each time rather than kept.
_LARGEST_KEPT = 1 << 20
_Read = TypeVar("_Read")


def _damaged(reason: str) -> DocumentError:
    """The error for a Word file whose package is broken, naming what is wrong."""
    return DocumentError(f"{WHAT} is damaged ({reason})")


def _parser() -> etree.XMLParser:
    from lxml import etree

    # Blank text between tags is dropped, as python-docx drops it.
    return etree.XMLParser(
        remove_blank_text=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
    )


class _Relationship(NamedTuple):
    type: str | None
    target: str | None
    external: bool


class XmlPart(NamedTuple):
    """One part of the package, parsed on demand; `key` identifies its stored bytes."""

    name: str
    key: tuple[object, ...]
    size: int
    package: Package

    def element(self) -> etree._Element:
        """Parse the part into its root element."""
        return self.package.parse(self.name)


class Package:
    """The parts of one checked zip, found by relationship and typed by content type."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes) -> None:
        self._archive = archive
        self._data = data
        self._parser = _parser()
        self._overrides: dict[str, str] = {}
        self._defaults: dict[str, str] = {}
        self._relationships_of: dict[str, list[_Relationship]] = {}
        types = self.parse("/[Content_Types].xml")
        for override in types.iterchildren(_TYPES + "Override"):
            self._add(self._overrides, override.get("PartName"), override.get("ContentType"))
        for default in types.iterchildren(_TYPES + "Default"):
            self._add(self._defaults, default.get("Extension"), default.get("ContentType"))

    @staticmethod
    def _add(table: dict[str, str], key: str | None, content_type: str | None) -> None:
        if key is not None and content_type is not None:
            table[key.lower()] = content_type

    def _exists(self, name: str) -> bool:
        try:
            self._archive.getinfo(name[1:])
        except KeyError:
            return False
        return True

    def _member(self, name: str) -> zipfile.ZipInfo:
        try:
            return self._archive.getinfo(name[1:])
        except KeyError:
            raise _damaged(f"the part {name} is missing") from None

    def parse(self, name: str) -> etree._Element:
        """Parse the part at a part name ("/word/document.xml") into its root element."""
        from lxml import etree

        info = self._member(name)
        try:
            data = self._archive.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError):
            raise _damaged(f"the part {name} cannot be unpacked") from None
        try:
            return etree.fromstring(data, self._parser)
        except etree.XMLSyntaxError:
            raise _damaged(f"the part {name} is not well-formed XML") from None

    def content_type(self, name: str) -> str:
        """The content type of a part, by its override or by its extension's default."""
        found = self._overrides.get(name.lower())
        if found is None:
            extension = posixpath.splitext(name)[1].removeprefix(".")
            found = self._defaults.get(extension.lower())
        if found is None:
            raise _damaged(f"the part {name} has no content type")
        return found

    def _relationships(self, source: str) -> list[_Relationship]:
        """A part's relationships (none if it has no .rels part), one for each id."""
        if source not in self._relationships_of:
            folder, file = posixpath.split(source)
            rels = posixpath.join(folder, "_rels", file + ".rels")
            by_id: dict[str | None, _Relationship] = {}
            if self._exists(rels):
                for rel in self.parse(rels).iterchildren(_RELS):
                    external = rel.get("TargetMode", "Internal") == "External"
                    by_id[rel.get("Id")] = _Relationship(
                        rel.get("Type"), rel.get("Target"), external
                    )
            self._relationships_of[source] = list(by_id.values())
        return self._relationships_of[source]

    def related(self, source: str, kind: str) -> str | None:
        """The part name a part's single relationship of a kind points to, if it has one."""
        found = [rel for rel in self._relationships(source) if rel.type == _RELATIONSHIP + kind]
        if not found:
            return None
        if len(found) > 1:
            raise _damaged(f"it has more than one {kind} relationship")
        rel = found[0]
        if rel.external:
            raise _damaged(f"its {kind} relationship points outside the package")
        if rel.target is None:
            raise _damaged(f"its {kind} relationship has no target")
        name = posixpath.normpath(posixpath.join(posixpath.dirname(source), rel.target))
        self._member(name)
        return name

    def part(self, name: str) -> XmlPart:
        """A part to parse later, keyed by its stored bytes so that a parse can be reused."""
        info = self._member(name)
        local_name, compressed = stored_member(self._data, info, what=WHAT)
        digest = hashlib.sha256(compressed).digest()
        directory = (info.filename, info.flag_bits, info.compress_type, info.CRC, info.file_size)
        return XmlPart(name, (*directory, local_name, digest), info.file_size, self)

    def is_strict(self) -> bool:
        """Whether the package names its main part as Strict Open XML does."""
        return any(
            rel.type == _STRICT_RELATIONSHIP + "officeDocument" for rel in self._relationships("/")
        )


class WordParts(NamedTuple):
    """The main document's body and the styles and numbering parts it relates to."""

    body: etree._Element | None
    styles: XmlPart | None
    numbering: XmlPart | None


def read_kept(
    part: XmlPart | None,
    read: Callable[[etree._Element | None], _Read],
    box: Callable[[tuple[object, ...]], list[_Read]],
) -> _Read:
    """Read a part, or reuse what was read from a part stored with the very same bytes.

    Documents made from one template carry the same styles and numbering parts. `box`
    gives a list per part key (an lru_cache of empty lists), empty until the part is read.
    """
    if part is None:
        return read(None)
    if part.size > _LARGEST_KEPT:
        return read(part.element())
    kept = box(part.key)
    if not kept:
        kept.append(read(part.element()))
    return kept[0]


def _typed(package: Package, name: str | None, content_type: str) -> str | None:
    if name is None:
        return None
    return name if package.content_type(name) == content_type else None


def read_word_parts(archive: zipfile.ZipFile, data: bytes) -> WordParts:
    """Find and read the Word parts of a checked zip, or raise a DocumentError saying why."""
    package = Package(archive, data)
    main = package.related("/", "officeDocument")
    if main is None:
        if package.is_strict():
            raise DocumentError(f"{WHAT} is in Strict Open XML, which cannot be read")
        raise _damaged("it names no main document part")
    main_type = package.content_type(main)
    if main_type != _MAIN_TYPE:
        raise _damaged(f"its main part is of type {main_type}, not a Word document")
    document = package.parse(main)
    if document.tag != W + "document":
        raise _damaged("its main part is not a Word document")
    styles = _typed(package, package.related(main, "styles"), _STYLES_TYPE)
    numbering = _typed(package, package.related(main, "numbering"), _NUMBERING_TYPE)
    return WordParts(
        body=document.find(W + "body"),
        styles=None if styles is None else package.part(styles),
        numbering=None if numbering is None else package.part(numbering),
    )
