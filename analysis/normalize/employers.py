"""Employer names to one spelling per employer ("Meta Platforms, Inc." and "Facebook" are "Meta").

:func:`normalize_employer` strips legal-form suffixes (:data:`LEGAL_SUFFIXES`), a trailing
parenthetical ("Amazon Web Services (AWS)"), trademark signs, stray punctuation and whitespace, then
maps known aliases through :data:`EMPLOYER_ALIASES`. Otherwise the employer's own capitalisation is
kept ("TURNER HYDRAULICS, INC" gives "TURNER HYDRAULICS"). "Company" is not stripped ("Louisville
Water Company" stays whole) because it is part of many brand names; the alias table handles the
famous ones ("The Boeing Company" is "Boeing").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_employer", "EMPLOYER_ALIASES", "LEGAL_SUFFIXES"]

# Legal-form words removed from the end of a name (matched case-insensitively, periods optional,
# repeatedly: "Webologix Ltd/ INC" gives "Webologix").
LEGAL_SUFFIXES = (
    "incorporated",
    "inc",
    "llc",
    "l l c",
    "llp",
    "l l p",
    "lp",
    "l p",
    "pllc",
    "plc",
    "pc",
    "p c",
    "pbc",
    "ltd",
    "limited",
    "pvt ltd",
    "private limited",
    "pty ltd",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "ag",
    "sa",
    "s a",
    "sas",
    "srl",
    "bv",
    "b v",
    "nv",
    "n v",
    "ab",
    "oy",
    "kk",
    "se",
    "na",
    "n a",
)

# Known aliases: key (see _alias_key: lower case, letters and digits only) -> canonical name.
EMPLOYER_ALIASES = {
    "meta": "Meta",
    "metaplatforms": "Meta",
    "facebook": "Meta",
    "facebookapp": "Meta",
    "alphabet": "Google",
    "google": "Google",
    "googlellc": "Google",
    "amazon": "Amazon",
    "amazoncom": "Amazon",
    "amazoncomservices": "Amazon",
    "amazonwebservices": "Amazon",
    "aws": "Amazon",
    "amazondevelopmentcenterus": "Amazon",
    "amazondevelopmentcentre": "Amazon",
    "microsoft": "Microsoft",
    "apple": "Apple",
    "jpmorganchase": "JPMorgan Chase",
    "jpmorgan": "JPMorgan Chase",
    "jpmorganchaseco": "JPMorgan Chase",
    "jpmorganchasebank": "JPMorgan Chase",
    "citi": "Citi",
    "citigroup": "Citi",
    "citibank": "Citi",
    "snap": "Snap",
    "snapchat": "Snap",
    "usbanknationalassociation": "U.S. Bank",
    "usbank": "U.S. Bank",
    "ibm": "IBM",
    "internationalbusinessmachines": "IBM",
    "salesforcecom": "Salesforce",
    "thewaltdisneycompany": "Disney",
    "waltdisney": "Disney",
    "walmart": "Walmart",
    "walmartassociates": "Walmart",
    "walmartstores": "Walmart",
    "ey": "EY",
    "ernstyoung": "EY",
    "ernstandyoung": "EY",
    "pwc": "PwC",
    "pricewaterhousecoopers": "PwC",
    "deloitteconsulting": "Deloitte",
    "deloittetouche": "Deloitte",
    "deloitteandtouche": "Deloitte",
    "capitalonena": "Capital One",
    "bankofamerica": "Bank of America",
    "bankofamericana": "Bank of America",
    "goldmansachsco": "Goldman Sachs",
    "wellsfargobank": "Wells Fargo",
    "wellsfargobankna": "Wells Fargo",
    "oracleamerica": "Oracle",
    "ciscosystems": "Cisco",
    "teslamotors": "Tesla",
    "ubertechnologies": "Uber",
    "adobesystems": "Adobe",
    "paypalholdings": "PayPal",
    "qualcommtechnologies": "Qualcomm",
    "qualcommincorporated": "Qualcomm",
    "theboeingcompany": "Boeing",
    "boeingcompany": "Boeing",
    "fordmotorcompany": "Ford",
    "fordmotor": "Ford",
    "generalmotors": "General Motors",
    "gm": "General Motors",
    "nvidia": "NVIDIA",
    "linkedincorporation": "LinkedIn",
    "netflix": "Netflix",
    "bytedance": "ByteDance",
    "tiktok": "TikTok",
}

_SUFFIX_RE = re.compile(
    r"(?:[\s,/-]+|^)(?:"
    + "|".join(r"\.?\s*".join(re.escape(part) for part in s.split()) for s in LEGAL_SUFFIXES)
    + r")\.?\s*$",
    re.I,
)
_PARENTHETICAL_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_MARKS_RE = re.compile(r"[\u00ae\u2122\u2120\u00a9]")
_EDGE_PUNCT_RE = re.compile(r"^[\s,;:.\-/|\"'*]+|[\s,;:\-/|\"'*]+$")
_SPACES_RE = re.compile(r"\s+")
_ALIAS_KEY_RE = re.compile(r"[^0-9a-z]")


def _alias_key(name: str) -> str:
    """Lookup key: lower case ASCII letters and digits only ("J.P. Morgan" -> "jpmorgan")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _ALIAS_KEY_RE.sub("", text)


def _strip_suffixes(name: str) -> str:
    while True:
        match = _SUFFIX_RE.search(name)
        if not match or match.start() == 0:
            return name
        stripped = _EDGE_PUNCT_RE.sub("", name[: match.start()])
        # "Prim + Co" is a name, not a legal form after a name.
        if not stripped or re.search(r"(?:&|\+|\band)\s*$", name[: match.start()], re.I):
            return name
        name = stripped


@lru_cache(maxsize=65536)
def _normalize(name: str) -> str | None:
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    text = _SPACES_RE.sub(" ", _MARKS_RE.sub("", text)).strip()
    if not text:
        return None
    alias = EMPLOYER_ALIASES.get(_alias_key(text))
    if alias:
        return alias
    without_paren = _PARENTHETICAL_RE.sub("", text)
    text = without_paren if without_paren.strip() else text
    text = _EDGE_PUNCT_RE.sub("", _strip_suffixes(_EDGE_PUNCT_RE.sub("", text)))
    if not text:
        return None
    return EMPLOYER_ALIASES.get(_alias_key(text), text)


def normalize_employer(name) -> str | None:
    """Normalize an employer name: legal suffixes and noise off, known aliases mapped.

    Never raises: None, non-strings and blanks give None.

    Parameters
    ----------
    name : str
        Employer name as posted.

    Returns
    -------
    str or None

    Examples
    --------
    >>> normalize_employer("Meta Platforms, Inc.")
    'Meta'
    >>> normalize_employer("Glastender, Inc.")
    'Glastender'
    """
    if not isinstance(name, str):
        return None
    try:
        return _normalize(name)
    except Exception:  # noqa: BLE001 - a name normalizer must never stop a pipeline
        return None
