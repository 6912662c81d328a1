"""Write Atom feeds and iCalendar files from page data, escaping every value.

Atom is built with ElementTree, which escapes text and attributes; iCalendar text values
are escaped as RFC 5545 says (backslash, semicolon, comma, newline) and lines folded at 75
octets, so a document's text can neither break the feed's structure nor add properties.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of an Atom feed."""

    id: str
    title: str
    url: str
    updated: dt.datetime
    summary: str


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event of a calendar."""

    uid: str
    day: dt.date
    summary: str
    description: str
    url: str


def _clean(text: str) -> str:
    # XML 1.0 cannot carry control characters at all; they are dropped, not escaped.
    return _CONTROL.sub("", text)


def _stamp(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(
    *, title: str, feed_id: str, self_url: str, site_url: str, entries: Sequence[FeedEntry]
) -> bytes:
    """Return an Atom feed document."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _clean(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = max((e.updated for e in entries), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Oversight"
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}title", type="text").text = _clean(entry.title)
        ET.SubElement(node, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(node, f"{{{ATOM}}}link", rel="alternate", href=entry.url)
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _stamp(entry.updated)
        ET.SubElement(node, f"{{{ATOM}}}summary", type="text").text = _clean(entry.summary)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def ical_text(value: str) -> str:
    """Escape a value for an iCalendar TEXT property."""
    value = _clean(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Fold a content line into pieces of at most 75 octets, continuations indented."""
    if line.isascii():
        # One octet a character: cut by slicing, 75 for the first piece, 74 after the space.
        pieces = [line[:75]]
        pieces += [" " + line[i : i + 74] for i in range(75, len(line), 74)]
        return pieces
    pieces = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return pieces


def icalendar(*, name: str, events: Sequence[CalendarEvent], now: dt.datetime) -> str:
    """Return an iCalendar file of all-day events."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Oversight//Accountability meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical_text(name)}",
    ]
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ical_text(event.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ical_text(event.summary)}",
            f"DESCRIPTION:{ical_text(event.description)}",
            f"URL:{event.url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
