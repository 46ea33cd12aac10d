"""Bytes → text for raw inputs: byte-order marks, UTF-8, then charset-normalizer; mojibake repair.

Text is decoded without guessing by hand: UTF-8 first, a byte-order mark when there is one, then
charset-normalizer for legacy exports (cp1252 preferred when it reads as cleanly as the detector's
pick); mojibake such as "Cityâ€™s" is repaired with ftfy. A decode that had to replace bytes is
reported, so the caller can add a problem record and the loss is visible in the quarantine.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
import ftfy

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Legacy exports are overwhelmingly Windows-1252. On short files charset-normalizer cannot tell it
# from cp1250/cp852/mac_roman (all read "Société" cleanly), so cp1252 wins unless its decoding is
# messier than the detector's pick by more than this (Shift-JIS read as cp1252 scores ~0.15 worse).
WESTERN_ENCODING = "cp1252"


WESTERN_MESS_ALLOWANCE = 0.1


# UTF-8 mojibake read as cp1252/latin-1: a lead byte Â–ô followed by a continuation byte's glyph.
# Only text with such a pair is handed to ftfy (fixing every cell would cost seconds per file).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Bytes → text, and a problem when bytes had to be replaced (otherwise None).

    Order: a byte-order mark; UTF-8; charset-normalizer's best guess, except that cp1252 wins when
    it reads at least as cleanly (`WESTERN_MESS_ALLOWANCE`). Mojibake is repaired afterwards.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return fix_mojibake(raw.decode(encoding)), None
            except UnicodeDecodeError as error:
                return _lossy(raw, encoding, error)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:  # NULs: UTF-16 without a BOM, not UTF-8
        return fix_mojibake(text), None
    best = charset_normalizer.from_bytes(raw).best()
    western = charset_normalizer.from_bytes(raw, cp_isolation=[WESTERN_ENCODING]).best()
    if western is not None and (
        best is None or western.chaos <= best.chaos + WESTERN_MESS_ALLOWANCE
    ):
        best = western
    if best is not None:
        return fix_mojibake(str(best)), None
    return _lossy(raw, "utf-8", None)


def _lossy(raw: bytes, encoding: str, error: UnicodeDecodeError | None) -> tuple[str, str]:
    text = raw.decode(encoding, errors="replace")
    where = f" (first at byte {error.start})" if error else ""
    return fix_mojibake(text), (
        f"encoding: no text encoding reads this file cleanly; {text.count(chr(0xFFFD))} "
        f"undecodable character(s) replaced with U+FFFD{where} — check the export's encoding"
    )


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252/latin-1 ("Cityâ€™s" → "City’s"), line by line, with ftfy."""
    if not _MOJIBAKE.search(text):
        return text
    return "".join(
        ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line
        for line in text.splitlines(keepends=True)
    )


# Files from this size on are decoded as they are read, when they are clean UTF-8: a whole big
# export decoded at once takes several times its size in memory (and UTF-8 is what they are).
STREAM_BYTES = 32 * 1024**2
_BLOCK = 1024**2


def utf8_lines(path: Path) -> Iterator[str] | None:
    """The lines of a big UTF-8 file (CSV line ends kept), decoded and mojibake-repaired as they
    are read: the text `decode_bytes` gives, line by line. None for a file under `STREAM_BYTES`
    or one that is not clean UTF-8 (another byte-order mark, a bad byte, a NUL):
    `decode_bytes` reads those whole. A first pass checks the bytes, so a stream never fails
    half way."""
    if path.stat().st_size < STREAM_BYTES:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as file:
        head = file.read(4)
        if any(head.startswith(bom) for bom, encoding in BOMS if encoding != "utf-8-sig"):
            return None
        file.seek(0)
        blank = True  # white space only: decode_bytes reports the file as empty
        try:
            while block := file.read(_BLOCK):
                if b"\x00" in block:
                    return None
                decoder.decode(block)
                blank = blank and not block.strip()
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return None if blank else _repaired_lines(path)


def _repaired_lines(path: Path) -> Iterator[str]:
    # utf-8-sig drops a leading UTF-8 byte-order mark, as decode_bytes does.
    with path.open(encoding="utf-8-sig", newline="") as file:
        for line in file:
            yield fix_mojibake(line)
