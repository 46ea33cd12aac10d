"""Job titles to the 2018 Standard Occupational Classification (SOC).

:func:`classify_occupation` maps any job title, in any occupation, to a detailed SOC 2018
occupation ("15-1252 Software Developers"), its minor group ("15-1200 Computer Occupations") and
major group ("15-0000 Computer and Mathematical Occupations"), or says "unknown" and why.

Reference tables (built by ``data/reference/make_soc_titles.py``, sources and licences there):

- ``analysis/data/soc_structure.csv`` — every SOC 2018 code with its level and title;
- ``analysis/data/soc_employment.csv`` — national employment per detailed code (BLS OEWS May
  2025, built by ``data/reference/make_oews.py``);
- ``analysis/data/soc_titles.csv.gz`` — about 77,000 published job titles with their detailed
  code and source: SOC titles, O*NET-SOC occupation titles, the BLS Direct Match Title File, and
  O*NET 29.3 Sample of Reported Titles and Alternate Titles (O*NET content by USDOL/ETA,
  CC BY 4.0; codes cut to six digits).

How a title is read (the messy-data knowledge lives in the named constants below):

1. Cleaning: NFKC, lower case; bracketed parts, gender tags ("m/w/d"), requisition numbers and
   everything after " - ", " | " or " at " are dropped (the first meaningful segment is kept);
   "Director of Nursing" is read as "nursing director" and "Engineer, Backend" as "backend
   engineer" (the part before the comma is also tried alone); :data:`ABBREVIATIONS` are
   spelled out ("SWE", "Sr", "Mgr"); words are singularised.
2. ``method="exact title"``: the cleaned title, then the title without :data:`LEVEL_WORDS`
   (senior, jr, lead, staff, II, intern, ...) and :data:`NOISE_PATTERN` words (remote, part
   time, ...) is looked up in :data:`CURATED_TITLES` and then in the title index. When the
   index lists a title under several codes, the most trusted source wins (SOC and O*NET
   occupation titles, then the Direct Match Title File, then O*NET reported, then alternate
   titles); if that source still names several codes, the answer is their shared minor group
   (``soc_code`` None) or, without one, unknown with reason "ambiguous".
3. ``method="title words"``: the head noun is the rightmost word that ends at least
   :data:`MIN_HEAD_TITLES` index titles ("engineer", "nurse", "driver"). Index titles with the
   same head are scored by IDF-weighted overlap (weighted Jaccard) with the title's words. The
   best code is kept when it scores at least :data:`MIN_SCORE` and leads the next code by
   :data:`MARGIN`; otherwise the codes within the margin give their shared minor group, or
   unknown ("ambiguous").

4. Fallbacks (for recall, each kept narrow): civil-service pay plans and grades
   (:data:`GRADE_PATTERN`: "GS-0301-15", "WG7408-2", "NF-4", "FPL 15", "Title 32") and shift
   notes are dropped first; :data:`LEVEL_ADJECTIVES` ("Supervisory", "Deputy") are dropped like
   level words, since supervision changes the level, not the occupation (a "Supervisor" head
   noun stays: "Supervisor, Retail Sales" is 41-1011). When several codes tie, the one whose
   published titles use more of the title's words wins (:data:`TIE`); otherwise the minor group
   holding :data:`FALLBACK_SHARE` of the score-weighted votes is named ("Driver" -> 53-3000).
   Words no published title uses ("PCB Assembler") are dropped when they sink the score. A
   title ending in a role word (:data:`ROLE_SUFFIXES`: "Attorney Adviser") is read without it.
   When the segments say nothing, their hyphen, slash and comma parts are read
   ("Physician-Vascular/Thoracic" -> physician), the part holding the head noun first; text in
   brackets and segments past the second only when nothing else had an occupation word. A
   minor group found first gives way only to a detailed code inside it.
5. ``method="employment prior"``, last, for a title still "ambiguous": the codes a published
   title is listed under weigh their national employment (OEWS May 2025,
   ``analysis/data/soc_employment.csv``): the code holding :data:`FALLBACK_SHARE` of it is named,
   else the minor group holding that share ("Case Manager" -> 21-1000), else unknown. Filter on
   the method to keep only direct readings.
6. Supervisors, by the SOC coding rule: a supervisor, foreman or crew chief of workers in major
   groups 33-53 gets the first-line supervisor code for them (:data:`FIRST_LINE_SUPERVISORS`:
   "Supervisor Electrician" -> 47-1011); one of professionals keeps the professionals' code
   ("Supervising Nurse" -> 29-1141).

Unknown reasons: "empty title" (None, NaN, blank), "not text" (a number or another non-string),
"too long" (over :data:`MAX_TITLE_CHARS` characters), "no occupation word", "ambiguous".
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from analysis.normalize.vocabulary import IC_MANAGER_ROLES, TITLE_METHODS
from analysis.paths import PACKAGE_DATA

__all__ = [
    "Occupation",
    "by_code_prefix",
    "classify_occupation",
    "soc_title",
    "CURATED_TITLES",
    "LEVEL_WORDS",
    "ABBREVIATIONS",
    "SOC_STRUCTURE_CSV",
    "SOC_TITLES_CSV",
]

SOC_STRUCTURE_CSV = PACKAGE_DATA / "soc_structure.csv"
SOC_TITLES_CSV = PACKAGE_DATA / "soc_titles.csv.gz"
SOC_EMPLOYMENT_CSV = PACKAGE_DATA / "soc_employment.csv"

MAX_TITLE_CHARS = 300  # longer text is a description pasted into the title field, not a title
MIN_HEAD_TITLES = 3  # a head noun ends at least this many index titles (drops typos, rarities)
# A head noun alone places a title in the minor group this share of its published titles
# belong to ("driver": 53-3000); below it, the head says too little ("analyst", "coach").
HEAD_GROUP_SHARE = 0.8
# Words after a trade that say which crew role, not which job ("Electrician Leader").
CREW_WORDS = frozenset({"leader", "lead", "worker", "helper", "crew", "team", "hand"})
# Person nouns too wide to name an occupation by themselves ("helper": of what?).
HEADS_TOO_WIDE = frozenset({"helper", "instructor", "teacher", "coach", "picker", "trainer",
                            "leader", "member", "partner", "owner", "player"})
# Only a noun naming a person speaks for a group alone ("nurse", "welder"; not "operation").
_PERSON_NOUN_RE = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|eon|ee|ive|ic|yer|nurse"
                             r"|guide|model|dean|coach|chef|cook|clerk|aide|agent)$")
MIN_SCORE = 0.4  # weighted overlap below this shares too little with any published title
MIN_SCORE_KNOWN = 0.5  # the same for a title read without its unknown words
MARGIN = 0.08  # the best code must lead the next one by this much to be named alone
# Minor-group fallback when the best codes differ: codes scoring within FALLBACK_BAND of the
# best vote with their score; a minor group holding
# FALLBACK_SHARE of the votes is named alone ("Driver" -> 53-3000 Motor Vehicle Operators).
FALLBACK_BAND = 0.15
FALLBACK_SHARE = 0.6
# Codes scoring within TIE of the best, with a best of at least TIE_SCORE, are told apart by
# the title's words found anywhere in each code's published titles.
TIE, TIE_SCORE = 0.005, 0.5

_, METHOD_EXACT, METHOD_WORDS, METHOD_PRIOR, METHOD_UNKNOWN = TITLE_METHODS
EMPTY_TITLE, NOT_TEXT, TOO_LONG = "empty title", "not text", "too long"
NO_OCCUPATION_WORD, AMBIGUOUS = "no occupation word", "ambiguous"
UNREADABLE = "unreadable"  # an unexpected error inside the classifier (never raised)

# Trust order of the index's sources (lower first); "curated" is CURATED_TITLES.
SOURCE_RANK = {
    "curated": 0,
    "soc": 1,
    "onet_occupation": 1,
    "dmtf": 2,
    "onet_reported": 3,
    "onet_alternate": 4,
}

# Decisions for titles the published files leave ambiguous or place where this project's users
# would not look for them. Keys are titles (normalised like any input); values are detailed
# codes, or a minor group ("25-2000") when only the group can be told.
CURATED_TITLES = {
    # O*NET lists these under Web Developers (15-1254) as well; in tech postings they are
    # software developers, and pay comparisons for them are made against 15-1252.
    "Backend Engineer": "15-1252",
    "Backend Developer": "15-1252",
    "Backend Software Engineer": "15-1252",
    "Frontend Engineer": "15-1252",
    "Frontend Developer": "15-1252",
    "Frontend Software Engineer": "15-1252",
    "Full Stack Engineer": "15-1252",
    "Full Stack Developer": "15-1252",
    "Full Stack Software Engineer": "15-1252",
    "Mobile Engineer": "15-1252",
    "Mobile Developer": "15-1252",
    "Mobile Software Engineer": "15-1252",
    "iOS Engineer": "15-1252",
    "Android Engineer": "15-1252",
    "Site Reliability Engineer": "15-1252",  # O*NET: 15-1252 and 17-2112.02
    "Platform Engineer": "15-1252",
    "Infrastructure Engineer": "15-1252",
    "Software Development Engineer in Test": "15-1253",
    # O*NET lists ML engineers under 15-2051, 15-1221 and 15-1299.08, never 15-1252; this
    # project's market comparison (analysis.analyses.market.ROLE_SOC) benchmarks them against
    # Software Developers, and posted ML-engineer work is building production software.
    "Machine Learning Engineer": "15-1252",
    "Artificial Intelligence Engineer": "15-1252",
    "Machine Learning Scientist": "15-2051",
    "Applied Scientist": "15-1221",  # ML research title (Amazon, Microsoft): research scientists
    # O*NET reported titles: Data Engineer -> 15-1243 Database Architects (kept, stated here).
    "Data Engineer": "15-1243",
    # O*NET splits "Data Analyst" over 13-2099, 15-1243, 15-2041 and 19-3022; posting data
    # analysts do the work of O*NET's Business Intelligence Analysts (15-2051.01).
    "Data Analyst": "15-2051",
    "Business Analyst": "13-1111",  # O*NET alternate titles: Management Analysts first
    "Security Engineer": "15-1212",
    "Cybersecurity Engineer": "15-1212",
    "Information Security Engineer": "15-1212",
    "Application Security Engineer": "15-1212",
    "Quality Assurance Analyst": "15-1253",  # O*NET also 19-4013 (lab QA); software QA dominates
    # Decisions shared with analysis.analyses.market.ROLE_SOC, where O*NET's first listing differs.
    "Project Manager": "13-1082",  # O*NET reported: 11-9041; SOC 2018 made 13-1082 for this
    "Program Manager": "13-1082",  # O*NET reported: 27-2012 (broadcast program managers)
    "Technical Program Manager": "11-3021",
    "Product Designer": "15-1255",  # O*NET: 17-3013 / 27-1021 (industrial product design)
    "Quality Assurance Engineer": "15-1253",  # O*NET reported also 17-2112 (manufacturing QA)
    "Sales Associate": "41-2031",  # retail salespersons; O*NET lists 7 sales codes
    "Truck Driver": "53-3032",  # the heavy/tractor-trailer driver of most truck-driver postings
    "CDL Driver": "53-3032",
    "Teacher": "25-2000",  # K-12 and preschool teachers; the grade decides the detailed code
    "Staff Analyst": "13-1111",  # civil-service administrative analyst title
    "Chief of Staff": "11-1000",  # a top executive's deputy; O*NET's only "Chief" is a fire chief
}

# Seniority and ladder words: dropped for the second exact lookup and for the word match.
# "associate", "principal", "lead" and "staff" are kept when they end the title ("Sales
# Associate", "Principal" of a school).
LEVEL_MARKS = frozenset("i ii iii iv v vi vii viii".split())  # dropped first, wherever they are
LEVEL_WORDS = frozenset(
    "senior sr snr junior jr lead principal staff associate entry level mid experienced "
    "intern internship trainee".split()
) | LEVEL_MARKS
LEVEL_WORDS_KEPT_AT_END = frozenset({"associate", "principal", "lead", "staff"})
# Employment terms that say nothing about the occupation.
NOISE_PATTERN = (
    r"\b(?:remote|hybrid|on[\s-]?site|wfh|work from home|(?:full|part)[\s-]?time|temporary|temp"
    r"|seasonal|per diem|prn|contract to hire|new grad|freelance|bilingual|founding(?: team)?"
    r"|(?:(?:\d(?:st|nd|rd|th)|first|second|third|day|night|evening|midnight|overnight|swing"
    r"|graveyard|rotating|weekend|all|various|split)[\s-]+)?shifts?"
    # UK staffing words: a "Bank Nurse" or "Locum Consultant" is a nurse or consultant
    r"|^bank(?=\s+(?!teller|manager|examiner|officer|analyst)\w)|locum|relief|fixed[\s-]term"
    r"|permanent|maternity cover|secondment"
    # USAJOBS appointment notes: "Direct Hire Authority", "(TERM)", "Public Notice Flyer"
    r"|direct[\s-]hire(?:\s+authority)?|public\s+notice(?:\s+flyer)?|\(term\)|\bnte\b"
    # "Fall 2020", "2027 Winter": the season a programme runs, not a job ("Fall" is no faller)
    r"|(?:spring|summer|fall|autumn|winter)\s+(?:20\d\d|term|semester|cohort)"
    r"|20\d\d\s+(?:spring|summer|fall|autumn|winter)|20\d\d)\b"
)
# Pay plans, grades, series and appointment notes of civil-service postings ("GS-0301-15",
# "WG7408-2", "NF-4", "FPL 15", "Title 32", "7on/7off"): dropped before anything else.
GRADE_PATTERN = (
    r"\b(?:gs|gg|gm|ge|wg|wl|ws|wt|wd|wn|nf|nh|nd|nt|ns|ad|es|sl|st|sv|ys|yc|yd|ya|fv|fg|fp"
    r"|fs|mc|cg|ap|vm|vn|ia)-?\d{1,4}[a-z]?(?:[-/]\d{1,4}[a-z]?)*\b"
    r"|\b(?:fpl|grade|title|band|step|level|tier)\s*[:#]?\s*(?:\d+|[ivx]+)\b"
    r"|\b\d+\s*on\s*/\s*\d+\s*off\b|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\b|\$\s*[\d.,]+(?:\s*an?\s+hour)?"
)
# Adjectives of level that leave the occupation unchanged: "Supervisory Nurse" is a registered
# nurse, "Supervisory IT Specialist" a computer occupation. (A "Supervisor" *head* noun is kept:
# SOC has first-line supervisor codes, "Retail Sales Supervisor" -> 41-1011.)
LEVEL_ADJECTIVES = frozenset("supervisory supervising deputy acting interim".split())
# Role words of civil-service and corporate phrasing that follow a person noun: when the title
# does not match as written, it is read without them ("Attorney Adviser" -> attorney,
# "Nurse Consultant" -> nurse).
ROLE_SUFFIXES = frozenset(
    "adviser advisor specialist officer consultant expert liaison lead generalist "
    "practitioner professional examiner visitor".split()
)
# Word spellings and abbreviations, spelled out in titles and in the index alike.
ABBREVIATIONS = {
    "swe": "software engineer",
    "sde": "software development engineer",
    "sdet": "software development engineer in test",
    "sre": "site reliability engineer",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "qa": "quality assurance",
    "mgr": "manager",
    "engr": "engineer",
    "asst": "assistant",
    "assoc": "associate",
    "coord": "coordinator",
    "admin": "administrative",
    "vp": "vice president",
    "exec": "executive",
    "dir": "director",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "lvn": "licensed vocational nurse",
    # UK health and social care posts, and common desk abbreviations
    "rgn": "registered nurse",
    "rmn": "registered nurse",
    "hca": "nursing assistant",
    "cna": "certified nursing assistant",
    "dba": "database administrator",
    "sdr": "sales development representative",
    "bdr": "business development representative",
}
# Abbreviations read only as the last word ("Pharmacy Tech", but "Tech Lead" is not a technician).
LAST_WORD_ABBREVIATIONS = {
    "tech": "technician",
    "eng": "engineer",
    "dev": "developer",
    "admin": "administrator",
    "rep": "representative",
    "head": "director",  # "Head of Engineering" is read "engineering head"
}
# One of these words alone names no occupation ("Analyst", "Associate Analyst"): never an
# exact answer, whatever a published file lists under it.
GENERIC_WORDS = frozenset(
    "analyst associate specialist manager engineer coordinator assistant technician director "
    "officer consultant representative supervisor worker operator clerk administrator agent "
    "scientist developer designer advisor adviser architect professional executive chief "
    "strategist expert generalist lead".split()
)
_NO_GROUP_HEADS = GENERIC_WORDS | {"leader"}  # heads whose titles' commonest group says nothing
_TOO_WIDE_ALONE = GENERIC_WORDS | HEADS_TOO_WIDE  # heads that name no occupation on their own
# A field named where the person belongs, once "intern" is gone ("Software Engineering Intern").
FIELD_TO_PERSON = {
    "engineering": "engineer",
    "development": "developer",
    "design": "designer",
    "analytics": "analyst",
    "nursing": "nurse",
    "accounting": "accountant",
    "analysis": "analyst",
}
COMPOUNDS = (  # spelling variants joined into one word: (trigger substring, pattern, word)
    ("front", r"\bfront[\s-]?end\b", "frontend"),
    ("back", r"\bback[\s-]?end\b", "backend"),
    ("full", r"\bfull[\s-]?stack\b", "fullstack"),
    ("dev", r"\bdev[\s-]?ops\b", "devops"),
    ("cyber", r"\bcyber[\s-]security\b", "cybersecurity"),
    ("c++", r"\bc\+\+", "cpp"),
    ("c#", r"\bc#", "csharp"),
    (".net", r"\.net\b", " dotnet"),
)
STOP_WORDS = frozenset("a an and the of for to in on with or by".split())

_GENDER_RE = re.compile(r"\b[mwfhdx]\s*/\s*[mwfhdx](?:\s*/\s*[mwfhdx])?\b")
_BRACKETS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|[()\[\]{}]")
_SEGMENT_RE = re.compile(
    r"\s*-{2,}\s*|\s+[-\u2013\u2014]\s*|\s*[-\u2013\u2014]\s+|\s*\|\s*|\s*/\s+|\s+/\s*|\s+@\s+"
    r"|\s+at\s+|:\s+"
    # Job-board headlines: "Locum Podiatrist Job Liverpool", "Staff Nurses Required Plymouth",
    # "Registered Nurse ~ Emergency Department": what follows is a place or a ward
    r"|\s+jobs?\b\s*|\s+(?:required|wanted|needed)\b\s*|\s*~\s*"
)
_PIECE_RE = re.compile(r"(?<=[a-z]{2})[-/](?=[a-z]{2})")  # "physician-vascular", "driver/sales"
_BRACKET_TEXT_RE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_GRADE_RE = re.compile(GRADE_PATTERN)
_REQUISITION_RE = re.compile(
    r"\b(?:req(?:uisition)?|job|position)\s*(?:id|no|number)?\s*[#:.]?\s*[a-z]?-?\d+\b|#\s*\d+"
    r"|\b[a-z]{0,3}-?\d{3,}\b|\b(?:level|grade|band)\s*\d+\b"
)
_NOISE_RE = re.compile(NOISE_PATTERN)
_OF_RE = re.compile(r"^(?P<head>.+?)\s+of\s+(?P<field>.+)$")
_TOKEN_RE = re.compile(r"[a-z][a-z0-9+#]*|\d+")
_COMPOUND_RE = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p, _) in enumerate(COMPOUNDS)))
_COMPOUND_TRIGGERS = tuple(trigger for trigger, _, _ in COMPOUNDS)


def _join_compound(match: re.Match) -> str:
    return COMPOUNDS[int(match.lastgroup[1:])][2]


@dataclass(frozen=True)
class Occupation:
    """A title's SOC 2018 occupation.

    Attributes
    ----------
    soc_code, soc_title : str or None
        Detailed occupation ("15-1252", "Software Developers").
    minor_group, minor_title : str or None
        Minor group ("15-1200", "Computer Occupations"); set alone (``soc_code`` None) when the
        title's candidates differ in the detailed code but share the minor group.
    major_group, major_title : str or None
        Major group ("15-0000", "Computer and Mathematical Occupations").
    method : str
        "exact title", "title words", "employment prior" (a published title listed under
        several occupations, read as the one most people hold) or "unknown".
    reason : str or None
        Why the title is unknown: "empty title", "not text", "too long", "no occupation word",
        "ambiguous".
    """

    soc_code: str | None = None
    soc_title: str | None = None
    minor_group: str | None = None
    minor_title: str | None = None
    major_group: str | None = None
    major_title: str | None = None
    method: str = METHOD_UNKNOWN
    reason: str | None = None


# --- text ------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _singular(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    """Lower-case text to spelled-out, singular words (stop words dropped)."""
    if any(t in text for t in _COMPOUND_TRIGGERS):
        text = _COMPOUND_RE.sub(_join_compound, text)
    raw = _TOKEN_RE.findall(text.replace("'", ""))
    words: list[str] = []
    for i, word in enumerate(raw):
        if word.isdigit() or word in STOP_WORDS:
            continue
        if i == len(raw) - 1 and word in LAST_WORD_ABBREVIATIONS:
            word = LAST_WORD_ABBREVIATIONS[word]
        words.extend(ABBREVIATIONS.get(word, word).split())
    return list(dict.fromkeys(_singular(w) for w in words))  # "Registered Nurse RN" once


def _strip_levels(words: list[str]) -> list[str]:
    """Drop level words; the last word stays when it is the occupation ("Sales Associate")."""
    words = [w for w in words if w not in LEVEL_MARKS]
    if len(words) > 1:
        words = [w for w in words[:-1] if w not in LEVEL_ADJECTIVES] + words[-1:]
    kept = [
        w
        for i, w in enumerate(words)
        if w not in LEVEL_WORDS or (i == len(words) - 1 and w in LEVEL_WORDS_KEPT_AT_END)
    ]
    if kept and kept[-1] in FIELD_TO_PERSON and words and words[-1] in LEVEL_WORDS:
        kept[-1] = FIELD_TO_PERSON[kept[-1]]
    return kept


def _reorder(text: str) -> tuple[str, str | None]:
    """("B A", "A") for "A, B"; "field head" for "head of field"; the text alone otherwise."""
    main, _, tail = text.partition(",")
    main, tail = main.strip(), tail.replace(",", " ").strip()
    match = _OF_RE.match(main)
    if match:
        main = f"{match['field']} {match['head']}"
    if tail:
        return f"{tail} {main}", main
    return main, None


def _segments(title: str) -> tuple[list[str], list[str], list[str]]:
    """Cleaned lower-case pieces of the title: the segments, most likely occupation first; the
    parts of a segment tried when it says nothing as a whole (hyphen or slash parts,
    "physician-vascular/thoracic", and comma parts); and asides, read only when nothing
    before had an occupation word (text in brackets, segments past the second)."""
    text = unicodedata.normalize("NFKC", title).lower().replace("\u2019", "'")
    text = _GENDER_RE.sub(" ", text)
    text = _GRADE_RE.sub(" ", text)
    brackets = [a or b for a, b in _BRACKET_TEXT_RE.findall(text)]
    text = _BRACKETS_RE.sub(" ", text)
    text = _REQUISITION_RE.sub(" ", text)
    segments = [p for p in map(_tidy, _SEGMENT_RE.split(text)) if _has_word(p)]
    parts = []
    for segment in segments[:2]:
        pieces = _PIECE_RE.split(segment)
        if len(pieces) > 1:  # the piece ending like the segment (its head noun) first
            parts += [_tidy(p) for p in sorted(pieces, key=lambda p: p != pieces[-1])]
        parts += [_tidy(p) for p in segment.split(",")] if "," in segment else []
    asides = [_tidy(_SEGMENT_RE.split(_REQUISITION_RE.sub(" ", b))[0]) for b in brackets]
    asides = [b for b in asides if len(b) > 4] + segments[2:]
    seen = set(segments[:2])
    parts = [p for p in dict.fromkeys(parts) if _has_word(p) and p not in seen]
    asides = [p for p in dict.fromkeys(asides) if _has_word(p) and p not in seen]
    return segments, parts, asides


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:-/")


def _has_word(text: str) -> bool:
    return bool(re.search(r"[a-z]", _NOISE_RE.sub(" ", text)))


def _variants(segment: str) -> list[tuple[tuple[str, ...], ...]]:
    """Word tuples to look up, for the reordered title and, after a comma, for the part before
    it alone: as written, with leading level words dropped one by one ("Associate Staff
    Analyst" -> "Staff Analyst"), and without any level or noise word (last)."""
    variants = []
    segment = _tidy(_NOISE_RE.sub(" ", segment)) or segment
    for text in _reorder(segment):
        if text is not None:
            words = _words(text)
            keys = [tuple(words)]
            while len(words) > 1 and words[0] in LEVEL_WORDS:
                words = words[1:]
                keys.append(tuple(words))
            keys.append(tuple(_strip_levels(_words(_NOISE_RE.sub(" ", text)))))
            variants.append(tuple(keys))
    return variants


def _index_key(title: str) -> tuple[str, ...]:
    text, _ = _reorder(" ".join(_BRACKETS_RE.sub(" ", title.lower()).split()))
    return tuple(_words(text))


# --- index -----------------------------------------------------------------------------------


class _Index:
    """The title index, loaded once: exact keys, head nouns and word postings."""

    def __init__(self) -> None:
        self.structure: dict[str, tuple[str, str]] = {}
        with SOC_STRUCTURE_CSV.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.structure[row["code"]] = (row["level"], row["title"])
        exact: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
        keys: dict[str, tuple[str, ...]] = {}  # a title listed under several codes is read once
        with gzip.open(SOC_TITLES_CSV, "rt", newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            next(reader)  # title,soc_code,source
            for title, code, source in reader:
                key = keys.get(title)
                if key is None:
                    key = keys[title] = _index_key(title)
                if key:
                    codes = exact[key]
                    rank = SOURCE_RANK[source]
                    codes[code] = min(rank, codes.get(code, rank))
        for title, code in CURATED_TITLES.items():
            exact[_index_key(title)] = {code: SOURCE_RANK["curated"]}
        self.exact = dict(exact)
        with SOC_EMPLOYMENT_CSV.open(newline="", encoding="utf-8") as f:
            self.employment = {row["soc_code"]: int(row["employment"]) for row in csv.DictReader(f)}
        self._build_words()

    def _build_words(self) -> None:
        entries: dict[tuple[frozenset[str], str], str] = {}
        for key, codes in self.exact.items():
            words = _strip_levels(list(key)) or list(key)
            for code in codes:
                entries.setdefault((frozenset(words), code), words[-1])
        document_frequency: dict[str, int] = defaultdict(int)
        head_count: dict[str, int] = defaultdict(int)
        for (words, _), head in entries.items():
            head_count[head] += 1
            for w in words:
                document_frequency[w] += 1
        n = len(entries)
        self.idf = {w: math.log(n / df) for w, df in document_frequency.items()}
        self.head_count = {h: c for h, c in head_count.items() if c >= MIN_HEAD_TITLES}
        self.heads = frozenset(self.head_count)
        self.unseen_weight = max(self.idf.values())  # a word no index title uses
        # Per entry: its code and total word weight; postings skip the head word, which every
        # entry of the bucket shares, and head-only entries ("Nurse") are kept apart.
        self.codes: list[str] = []
        self.weights: list[float] = []
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        head_only: dict[str, list[int]] = defaultdict(list)
        for i, ((words, code), head) in enumerate(entries.items()):
            self.codes.append(code)
            self.weights.append(sum(self.idf[w] for w in words))
            if words == {head}:
                head_only[head].append(i)
            for w in words - {head}:
                postings[(head, w)].append(i)
        self.postings = dict(postings)
        self.head_only = dict(head_only)
        # The minor group most published titles ending in each head noun belong to, with its
        # share: "driver" is a motor vehicle operator (53-3000) whatever the vehicle.
        groups: dict[str, Counter] = defaultdict(Counter)
        for (_, code), head in entries.items():
            groups[head][self.minor(code)] += 1
        self.head_group = {h: (c.most_common(1)[0][0], c.most_common(1)[0][1] / c.total())
                           for h, c in groups.items() if c.total() >= MIN_HEAD_TITLES}
        vocabulary: dict[str, set[str]] = defaultdict(set)
        for words, code in entries:
            vocabulary[code].update(words)
        self.vocabulary = {code: frozenset(words) for code, words in vocabulary.items()}

    def minor(self, code: str) -> str | None:
        """The minor group holding `code` (itself when it is one)."""
        if self.structure[code][0] == "minor":
            return code
        for candidate in (code[:5] + "00", code[:4] + "000"):
            if self.structure.get(candidate, ("",))[0] == "minor":
                return candidate
        return None

    def occupation(self, code: str, method: str) -> Occupation:
        level, title = self.structure[code]
        minor = self.minor(code)
        major = code[:2] + "-0000"
        detailed = level == "detailed"
        return Occupation(
            soc_code=code if detailed else None,
            soc_title=title if detailed else None,
            minor_group=minor,
            minor_title=self.structure[minor][1] if minor else None,
            major_group=major,
            major_title=self.structure[major][1],
            method=method,
        )

    def resolve(
        self, codes: list[str], method: str, votes: dict[str, float] | None = None,
        prior: bool = False,
    ) -> Occupation:
        """One code, or the minor group all codes share, or the minor group holding
        :data:`FALLBACK_SHARE` of the votes (one per code unless given), or unknown
        ("ambiguous"). With `prior`, codes without votes weigh their employment instead, and a
        code holding the share alone is named."""
        if len(set(codes)) == 1:
            return self.occupation(codes[0], method)
        minors = {self.minor(c) for c in codes}
        if len(minors) == 1 and None not in minors:
            return self.occupation(minors.pop(), method)
        if votes is None and prior:
            # A published title listed under several codes: each code weighs as many votes as
            # people hold it (OEWS employment), the prior odds that a posting is that job.
            votes = {code: float(self.employment.get(code, 1)) for code in codes}
            code, vote = max(votes.items(), key=lambda item: item[1])
            if vote >= FALLBACK_SHARE * sum(votes.values()):
                return self.occupation(code, METHOD_PRIOR)
            method = METHOD_PRIOR
        votes = votes or dict.fromkeys(codes, 1.0)
        by_minor: dict[str | None, float] = defaultdict(float)
        for code, vote in votes.items():
            by_minor[self.minor(code)] += vote
        minor, vote = max(by_minor.items(), key=lambda item: item[1])
        total = sum(by_minor.values())
        if minor is not None and vote >= FALLBACK_SHARE * total:
            return self.occupation(minor, method)
        return Occupation(reason=AMBIGUOUS)

    def lookup(self, key: tuple[str, ...]) -> list[str] | None:
        if len(key) == 1 and (key[0] in GENERIC_WORDS or key[0] in LEVEL_WORDS):
            return None  # "Analyst", "Intern": no occupation alone
        codes = self.exact.get(key)
        if not codes:
            return None
        best = min(codes.values())
        return sorted(c for c, rank in codes.items() if rank == best)

    def head(self, words: tuple[str, ...], stems: bool = True) -> str | None:
        """The rightmost head noun; a cut-off last word ("SPECIAL" for "SPECIALIST", as in
        30-character civil-service titles) stands for the commonest head it begins."""
        found = next((w for w in reversed(words) if w in self.heads and len(w) > 2), None)
        if found is None and stems and words and len(words[-1]) >= 4:
            stem = words[-1]
            found = max(
                (h for h in self.heads if h.startswith(stem)),
                key=lambda h: self.head_count[h],
                default=None,
            )
        return found

    def head_fallback(self, head: str) -> Occupation:
        """The minor group nearly all titles ending in `head` belong to ("Lorry Driver" is a
        motor vehicle operator), else unknown: no title words said more."""
        group, share = self.head_group.get(head, (None, 0.0))
        if (group is None or share < HEAD_GROUP_SHARE or head in _NO_GROUP_HEADS
                or not _PERSON_NOUN_RE.search(head)):
            return Occupation(reason=AMBIGUOUS)
        return self.occupation(group, METHOD_WORDS)

    def match_words(
        self, words: tuple[str, ...], head: str, min_score: float = MIN_SCORE
    ) -> Occupation:
        """IDF-weighted Jaccard overlap with the index titles that share the head noun."""
        weight = {w: self.idf.get(w, self.unseen_weight) for w in words}
        query_weight = sum(weight.values())
        shared: dict[int, float] = dict.fromkeys(self.head_only.get(head, ()), 0.0)
        for w in weight.keys() - {head}:
            for i in self.postings.get((head, w), ()):
                shared[i] = shared.get(i, 0.0) + weight[w]
        head_weight = weight[head]
        best: dict[str, float] = {}
        for i, overlap in shared.items():
            overlap += head_weight
            score = overlap / (query_weight + self.weights[i] - overlap)
            code = self.codes[i]
            if score > best.get(code, 0.0):
                best[code] = score
        if not best:  # the head noun alone, with modifiers no published title has
            return self.head_fallback(head)
        top = max(best.values())
        if top < min_score:
            # Words no published title uses ("PCB", a place, a typo) tell nothing about the
            # occupation: read without them ("PCB Assembler" as "Assembler").
            known = tuple(w for w in words if w in self.idf)
            if head in known and len(known) < len(words) and min_score == MIN_SCORE:
                return self.match_words(known, head, MIN_SCORE_KNOWN)
            return self.head_fallback(head)
        close = [code for code, score in best.items() if score > top - MARGIN]
        if len(close) > 1 and top >= TIE_SCORE:
            # A tie at the top ("Aircraft Flight Instructor": flight instructors of pilots,
            # colleges and driving schools): the one code whose published titles, under any
            # head, use more of the title's words.
            known = {c: len(self.vocabulary[c].intersection(words)) for c in close}
            most = max(known.values())
            winner = max(known, key=known.get)
            if sum(n == most for n in known.values()) == 1 and best[winner] >= top - TIE:
                return self.occupation(winner, METHOD_WORDS)
        votes = {code: score for code, score in best.items() if score > top - FALLBACK_BAND}
        return self.resolve(close, METHOD_WORDS, votes)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def load_tables() -> None:
    """Build the occupation index now (a process about to fork workers shares it)."""
    _index()


# --- API -------------------------------------------------------------------------------------


def _candidates(segments: list[str]) -> list[str]:
    """The first segment, then it with the second as a qualifier ("Engineer - Mechanical" is
    read like "Engineer, Mechanical"), then the second alone."""
    if len(segments) <= 1:
        return segments
    return [segments[0], f"{segments[0]}, {segments[1]}", segments[1]]


def _read(index: _Index, text: str, stems: bool = True, prior: bool = False) -> Occupation:
    """One candidate text: exact lookups; for a title ending in a role word after a person
    noun ("Attorney Adviser"), the text without it; then the word match."""
    variants = _variants(text)
    outcome = Occupation(reason=NO_OCCUPATION_WORD)
    group: Occupation | None = None  # a minor group is kept while a detailed code is sought
    for key in dict.fromkeys(k for keys in variants for k in keys if k):
        codes = index.lookup(key)
        if codes:
            # a short word alone ("CO" in "Co-op Student") is no title to weigh codes for
            weigh = prior and (len(key) > 1 or len(key[0]) > 3)
            found = index.resolve(codes, METHOD_EXACT, prior=weigh)
            if found.soc_code:
                return found
            group = group or (found if found.minor_group else None)
            outcome = found
    if group:
        return group
    # Word match: all the words (comma tail included), then the main part's alone; the head
    # noun always comes from the main part.
    main = variants[-1][-1]
    head = index.head(main, stems)
    if head is None:
        return outcome
    if main[-1] in ROLE_SUFFIXES and len(main) > 1:
        if main[-2] in index.heads and main[-2] not in GENERIC_WORDS:
            found = _read(index, " ".join(main[:-1]), prior=prior)
            if found.method != METHOD_UNKNOWN:
                return found
    for words in dict.fromkeys((variants[0][-1], main)):
        words = words if head in words else (*words[:-1], head)
        found = index.match_words(words, head)
        if (found.minor_group and head in MANAGING_HEADS and found.major_group != "11-0000"
                and not _shares_a_field(words, found)):
            continue  # "Director, Research Science" is no film director: the field must agree
        if found.soc_code:
            return found
        group = group or (found if found.minor_group else None)
        if outcome.reason != AMBIGUOUS:
            outcome = found
    return group or outcome


def _head_alone(title: str) -> Occupation | None:
    """"Inpatient Physiotherapist", "Mature Handyman": modifiers no published title has before
    a head noun that is itself an occupation's name (a person noun, not a generic role word)."""
    index = _index()
    segments = _segments(title)[0]
    if not segments:
        return None
    main = _variants(segments[0])[-1][-1]
    head = (index.head(main, True) or main[-1]) if main else None
    if not head or head in _TOO_WIDE_ALONE or not _PERSON_NOUN_RE.search(head):
        return None
    codes = index.lookup((head,))
    found = index.resolve(list(codes), METHOD_WORDS) if codes else None
    return found if found and found.minor_group else None


# Heads that name a managing role: outside the management occupations (11-) a word match for
# them must share the field ("Director, Research Science" is no 27-2012 film director).
MANAGING_HEADS = frozenset({"director", "manager", "chief", "head", "president", "lead",
                            "officer"})


def _shares_a_field(words: tuple[str, ...], found: Occupation) -> bool:
    """Whether a title whose head is a generic role word ("director", "analyst") shares a
    non-generic word with the occupation a word match found (its detailed or group title)."""
    fields = {_singular(w) for w in words if w not in GENERIC_WORDS}
    if not fields:
        return False
    named = _words(f"{found.soc_title or ''} {found.minor_title or ''}".lower())
    return bool(fields & {_singular(w) for w in named})


# SOC 2018 sorts managers by the function they run: a manager, director or head whose title
# names a function and no better-known occupation is that function's manager. First match wins.
MANAGER_FUNCTIONS: tuple[tuple[str, str], ...] = (
    (r"comput|\bit\b|information\s+(?:technology|systems|security)|software|database|data"
     r"\s+processing|cyber|network|systems\s+development|applications?|infrastructure", "11-3021"),
    (r"accounting|financ|treasury|revenue|controller|payroll\s+accounting|tax\b|fp\s*&\s*a",
     "11-3031"),
    (r"compensation|benefits|payroll", "11-3111"),
    (r"human\s+resources|\bhr\b|people|talent|recruit", "11-3121"),
    (r"training|learning\s+and\s+development|\bl&d\b", "11-3131"),
    (r"marketing|brand|\bseo\b|\bsem\b|paid\s+search|social\s+media", "11-2021"),
    (r"sales|business\s+development", "11-2022"),
    (r"public\s+relations|communications|fundrais", "11-2032"),
    (r"purchas|procurement|sourcing|buying", "11-3061"),
    (r"logistics|transport|fleet|warehouse|distribution|supply\s+chain|shipping", "11-3071"),
    (r"production|manufacturing|plant\b|factory|assembly", "11-3051"),
    (r"construction|site\b|building\s+projects", "11-9021"),
    (r"engineering|architectur", "11-9041"),
    (r"nurs|clinic|health|medical|patient|hospital|care\s+home|ward\b|pharmac", "11-9111"),
    (r"school|education|academic|curriculum|admissions|student", "11-9032"),
    (r"restaurant|kitchen|food\s+service|catering", "11-9051"),
    (r"hotel|lodging|front\s+office", "11-9081"),
    (r"property|real\s+estate|leasing", "11-9141"),
    (r"research|laborator|science", "11-9121"),
    (r"facilit", "11-3013"),
    (r"social\s+(?:work|services)|community\s+services|case\s+management", "11-9151"),
)
_MANAGER_FUNCTION_RES = tuple((re.compile(p, re.I), code) for p, code in MANAGER_FUNCTIONS)
_MANAGING_RE = re.compile(r"\b(?:manager|director|head\s+of|vice\s+president|vp\b)", re.I)
# "Product Manager", "Project Manager", "Account Manager": roles named "manager" that manage no
# function (analysis.normalize.vocabulary.IC_MANAGER_ROLES), and this classifier's own.
_IC_MANAGER_RE = re.compile(
    r"\b(?:" + "|".join(role.replace(" ", r"\s+") for role in (
        *IC_MANAGER_ROLES, "client", "store", "shift", "office", "general", "managing", "art",
        "creative", "music", "film")) + r")\s+(?:manager|director)\b", re.I)


def _function_manager(title: str, found: Occupation) -> Occupation | None:
    """The function's manager for a managing title the index did not place as a manager."""
    if found.major_group == "11-0000" or not _MANAGING_RE.search(title):
        return None
    if _IC_MANAGER_RE.search(title):
        return None
    return _first_listed(_MANAGER_FUNCTION_RES, title)


def _first_listed(table: tuple[tuple[re.Pattern, str], ...], title: str) -> Occupation | None:
    """The occupation of the first (pattern, code) row whose pattern the title matches."""
    code = next((code for pattern, code in table if pattern.search(title)), None)
    return _index().occupation(code, METHOD_WORDS) if code else None


# What informal and foreign-trained postings say instead of an occupation's name: the work itself
# ("Need help moving", "Yard cleanup"), or a UK health-service title. Read only when the
# published titles placed nothing. First match wins; a minor group code where the work does not
# settle one occupation.
WORK_OCCUPATIONS: tuple[tuple[str, str], ...] = (
    (r"\bconsultant\b.*\b(?:medicine|physician|surg|pediatric|psychiatr|anesth|radiolog|oncolog"
     r"|cardiolog|neurolog|hemat|dermatolog|urolog|gastro|obstetric|gynecolog|dentistry|patholog"
     r"|intensive care|geriatric|elderly|respiratory|rheumatolog|endocrin|nephrolog)", "29-1000"),
    (r"\bhealth\s+visitor\b|\bstaff\s+nurse\b|\bdistrict\s+nurse\b", "29-1141"),
    (r"\boperating\s+department\s+practitioner\b", "29-2055"),
    (r"\bhealth\s*care\s+assistant\b|\bnursing\s+assistant\b", "31-1131"),
    (r"\bcare\s+(?:assistant|worker)\b", "31-1122"),
    (r"\badjunct\b|\bfaculty\b|\blecturer\b", "25-1000"),
    (r"\bmov(?:ers?|ing)\b|\bunload|\bloading\b|\bfurniture\b|\bmaterial\s+handler\b",
     "53-7062"),
    (r"\byard\s*(?:work|cleanup|worker)?\b|landscap|garden|weeding|\blawn\b|mowing", "37-3011"),
    (r"\bhandy\s*man\b", "49-9071"),
    (r"baby[\s-]?sit|\bnann(?:y|ies)\b|looking after (?:our |the )?kids", "39-9011"),
    (r"\bclean(?:ing|ers?)\b|\bjanitor", "37-2011"),
    (r"\b(?:uber|lyft|rideshare|taxi)\b", "53-3054"),
    (r"\b(?:lorry|hgv|truck|delivery|van|courier)\b.*\bdriver\b", "53-3000"),
    (r"\bactors?\b|\bacting\s+role\b", "27-2011"),
    (r"\bdancers?\b", "27-2031"),
    (r"\bphotographers?\b", "27-4021"),
    (r"\btutors?\b", "25-3041"),
    (r"\b(?:voice|guitar|piano|music|bass|drum|violin|singing|art|swim)\w*\b.*\b(?:teacher|instructor)"
     r"|\bprivate\s+instruction\b", "25-3021"),
    (r"\bsubstitute\s+teacher\b", "25-3031"),
    (r"\bpersonal\s+trainer\b|\bfitness\s+(?:coach|instructor|trainer)\b", "39-9031"),
    (r"\bstore\s+manager\b|\bretail\s+(?:store\s+)?manager\b", "41-1011"),
    (r"\b(?:farm|fruit|crop|harvest|orchard)\w*\b.*\blabou?rer|\blabou?rer\b.*\b(?:farm|fruit|crop)",
     "45-2092"),
    (r"\blabou?rer\b|\bdemolition\s+worker\b", "47-2061"),
    (r"\baccounts?\s+(?:payable|receivable)\b", "43-3031"),
    (r"\bclaims?\s+(?:representative|adjuster|examiner|specialist|handler)\b", "13-1031"),
    (r"\bqa\s+tester\b|\bsoftware\s*tester\b|\btest\s+(?:analyst|engineer)\b", "15-1253"),
    (r"\b(?:construction|building|roof|home|site)\s+inspector\b", "47-4011"),
    (r"\bheavy\s+equipment\s+operator\b", "47-2073"),
    (r"\bhuman\s+resources\b(?!\s+(?:manager|director|assistant))|\bindustrial\s+relations\b"
     r"|\bemployee\s+relations\b|\blabor\s+relations\b", "13-1071"),
    (r"\bhealth\s*(?:&|and)\s*safety\b|\bwhs\b|\behs\b", "19-5011"),
    (r"\bproduction\s+(?:worker|operative|associate|operator)\b", "51-9199"),
    (r"\bstocker\b|\bshelf\s+stacker\b|\bnight\s+fill\b", "53-7065"),
    (r"\bwarehouse\b", "53-7062"),
    (r"\bsecurity\s+(?:guard|officer)\b|\barmed\b.*\bofficer\b", "33-9032"),
    (r"\bconcierge\b", "39-6012"),
    (r"\bvalet\b", "53-6021"),
    (r"\bbar\s+(?:supervisor|manager)\b", "35-1012"),
    (r"\bgraphic\s+designer\b", "27-1024"),
    # Civil-service program and operations analysts: management analysts and their kin
    (r"^(?!.*\b(?:data|financ\w*|it|cmdb|configuration|security|cyber|network|systems?"
     r"|software|cloud|asset)\b).*\b(?:program|programs|operations)\s+(?:\w+\s+)?"
     r"(?:analyst|specialist)\b", "13-1000"),
)
_WORK_RES = tuple((re.compile(p, re.I), code) for p, code in WORK_OCCUPATIONS)


# Military occupations (SOC 55-) share words with civilian ones ("Intelligence Analyst",
# "Operations Officer"); a title is read as one only when it says it is military.
_MILITARY_RE = re.compile(
    r"\b(?:army|navy|naval|military|air\s+force|marines?|usmc|coast\s+guard|infantry|artillery"
    r"|sergeant|soldier|airman|enlisted|warfare|combat|missile|armou?r|cavalry|special\s+forces"
    r"|commissioned|nco|squadron|battalion|platoon)\b", re.I)


# SOC 2018 coding rule: supervisors of workers in major groups 33-53 have their own first-line
# supervisor codes; supervisors of the professional groups (11-31) are coded with the workers they
# supervise ("Supervising Nurse" is a registered nurse). Which supervisor code holds the workers a
# title names, by the workers' code prefix (longest prefix wins; the major group otherwise).
FIRST_LINE_SUPERVISORS = {
    "33-3012": "33-1011", "33-3": "33-1012", "33-2": "33-1021", "33": "33-1091",
    "35": "35-1012",
    "37-2": "37-1011", "37-3": "37-1012",
    "39-3011": "39-1013", "39-3012": "39-1013", "39-3019": "39-1013", "39-3": "39-1014",
    "39": "39-1022",
    "41-2": "41-1011", "41": "41-1012",
    "43": "43-1011", "45": "45-1011", "47": "47-1011", "49": "49-1011", "51": "51-1011",
    "53-2031": "53-1044", "53-6061": "53-1044", "53-3": "53-1043", "53-7062": "53-1042",
    "53-7063": "53-1042", "53-7064": "53-1042", "53-7065": "53-1042", "53-7": "53-1043",
    "53": "53-1049",
}
# Words that make a title a supervisor's; dropped to find the workers supervised. ("Team Lead"
# is left out: in offices it names senior individual contributors as often as supervisors.)
_SUPERVISING_RE = re.compile(
    r"\b(?:supervis(?:ors|ory|or|ing)|supv|forem(?:an|en|woman)|crew\s+(?:chief|lead(?:er)?))\b"
    r"(?:\s+of\b)?\.?", re.I)


def _first_line_supervisor(title: str, found: Occupation) -> Occupation | None:
    """"Supervisor Electrician" -> 47-1011: the supervisor code for the workers a supervising
    title names, when they are in major groups 33-53; None when the rule does not apply."""
    if not _SUPERVISING_RE.search(title) or _is_supervisor_code(found.soc_code):
        return None
    rest = " ".join(_SUPERVISING_RE.sub(" ", title).split())
    head = _index().head(tuple(_words(rest.lower())), stems=False)
    if head is None or not _PERSON_NOUN_RE.search(head):
        return None  # "Plant Supervisor", "Reception Supervisor": the workers are not named
    workers = _classify_words(rest)
    code = workers.soc_code or workers.minor_group
    if code is None or _is_supervisor_code(code):
        return None
    if not "33" <= code[:2] <= "53":  # professionals: the workers' own code, if none was found
        return workers if found.method == METHOD_UNKNOWN else None
    return _index().occupation(by_code_prefix(FIRST_LINE_SUPERVISORS, code), METHOD_WORDS)


def by_code_prefix(table: dict[str, str], code: str | None) -> str | None:
    """The value of the longest key of `table` that `code` starts with ("53-7062" in
    {"53-7": a, "53-7062": b} gives b), None when none does."""
    keys = [key for key in table if code and code.startswith(key)]
    return table[max(keys, key=len)] if keys else None


def _is_supervisor_code(code: str | None) -> bool:
    return bool(code) and "33" <= code[:2] <= "53" and code[3] == "1"


# O*NET files a subject's teachers under postsecondary teachers ("Humanities Teachers,
# Postsecondary"); a posting that says "teacher" and names no college is a school's.
_SCHOOL_TEACHER_RE = re.compile(r"\bteachers?\b", re.I)
_COLLEGE_RE = re.compile(r"professor|lecturer|universit|college|facult|postsecondary|adjunct"
                         r"|nursing|tertiary|higher\s+education|instructor", re.I)


def _school_teacher(title: str, found: Occupation) -> Occupation | None:
    """"Humanities Teacher" -> 25-2031 secondary school teachers, not a postsecondary code."""
    if (found.minor_group == "25-1000" and _SCHOOL_TEACHER_RE.search(title)
            and not _COLLEGE_RE.search(title)):
        return _index().occupation("25-2031", found.method)
    return None


@lru_cache(maxsize=65536)
def _classify(title: str) -> Occupation:
    found = _classify_words(title)
    found = _first_line_supervisor(title, found) or _school_teacher(title, found) or found
    if found.major_group == "55-0000" and not _MILITARY_RE.search(title):
        found = Occupation(reason=AMBIGUOUS)
    found = _function_manager(title, found) or found
    if found.method == METHOD_UNKNOWN:
        found = (_first_listed(_WORK_RES, title) or _head_alone(title)
                 or _without_crew_word(title) or _executive_as_specialist(title) or found)
    if found.reason == AMBIGUOUS:  # last: the published titles' codes weighed by employment
        likeliest = _classify_words(title, prior=True)
        if likeliest.major_group != "55-0000":
            return likeliest
    return found


# South Asian and British postings call a specialist of a function an "executive" ("Tender
# Executive", "Finance Executive"): no top executive, whose titles say so ("Chief Executive").
_EXECUTIVE_HEAD_RE = re.compile(r"^(?P<field>(?:(?!chief|account)[\w&.-]+\s+){1,3})executives?"
                                r"(?=\s*(?:$|[-\u2013(|,/]))", re.I)


def _executive_as_specialist(title: str) -> Occupation | None:
    """"Purchase Executive" read as "Purchase Specialist" when nothing else placed it."""
    match = _EXECUTIVE_HEAD_RE.match(title.strip())
    if not match:
        return None
    found = _classify_words(f"{match['field'].strip()} specialist")
    return found if found.minor_group and found.major_group != "55-0000" else None


def _without_crew_word(title: str) -> Occupation | None:
    """"Electrician Leader", "Plumbing Worker": a trade before a crew word names the job."""
    words = title.split()
    if len(words) < 2 or words[-1].lower().rstrip("s") not in CREW_WORDS:
        return None
    if _index().lookup(_index_key(title)):
        return None  # a published title ("Food Service Worker") the index could not settle
    found = _classify_words(" ".join(words[:-1]))
    return found if found.minor_group else None


def _classify_words(title: str, prior: bool = False) -> Occupation:
    """The first candidate naming a detailed code wins; a minor group found first is kept
    unless a later candidate names a detailed code inside it."""
    index = _index()
    segments, parts, asides = _segments(title)
    words = [w for seg in (*segments, *asides)
             for w in _strip_levels(_words(_NOISE_RE.sub(" ", seg)))]
    if (words and set(words) <= GENERIC_WORDS and not index.lookup(tuple(words))
            and not any(index.lookup(key) for seg in segments
                        for keys in _variants(seg) for key in keys if key)):
        # "Engineer", "Founding Engineer", "Senior Analyst": a role word alone names no
        # occupation (civil? software?): unknown, not the commonest engineer.
        return Occupation(reason=AMBIGUOUS)
    outcome = Occupation(reason=NO_OCCUPATION_WORD)
    group: Occupation | None = None
    candidates = _candidates(segments)
    for i, text in enumerate((*candidates, *parts, *asides)):
        if i >= len(candidates) + len(parts) and (group or outcome.reason == AMBIGUOUS):
            break  # asides only speak for a title that has no occupation word of its own
        found = _read(index, text, stems=i < 2, prior=prior)  # a qualifier alone: whole head
        if found.soc_code and (group is None or found.minor_group == group.minor_group):
            return found
        if found.minor_group and group is None:
            group = found
        elif found.method == METHOD_UNKNOWN and outcome.reason != AMBIGUOUS:
            outcome = found
    return group or outcome


def classify_occupation(title) -> Occupation:
    """Map a job title to its SOC 2018 detailed occupation, minor group and major group.

    Never raises. Unknown titles come back with ``method="unknown"`` and a ``reason``.

    Parameters
    ----------
    title : str
        A job title as posted.

    Returns
    -------
    Occupation

    Examples
    --------
    >>> classify_occupation("Senior Software Engineer, Backend").soc_code
    '15-1252'
    >>> occ = classify_occupation("Registered Nurse - ICU (Nights)")
    >>> occ.soc_code, occ.minor_group, occ.major_title
    ('29-1141', '29-1000', 'Healthcare Practitioners and Technical Occupations')
    >>> classify_occupation("Director of Software Engineering").soc_title
    'Computer and Information Systems Managers'
    >>> classify_occupation("!!!").reason
    'no occupation word'
    """
    if title is None or (isinstance(title, float) and math.isnan(title)):
        return Occupation(reason=EMPTY_TITLE)
    if not isinstance(title, str):
        return Occupation(reason=NOT_TEXT)
    if not title.strip():
        return Occupation(reason=EMPTY_TITLE)
    if len(title) > MAX_TITLE_CHARS:
        return Occupation(reason=TOO_LONG)
    try:
        return _classify(title)
    except Exception:  # noqa: BLE001 - a classifier must never stop a pipeline
        return Occupation(reason=UNREADABLE)


def soc_title(code: str) -> str | None:
    """The SOC 2018 title of any code (major, minor, broad or detailed), None when unknown.

    >>> soc_title("15-1200")
    'Computer Occupations'
    """
    entry = _index().structure.get(code)
    return entry[1] if entry else None
