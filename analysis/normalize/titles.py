"""Job titles to a canonical role family, a level on the ladder, a track and a PhD flag.

:func:`parse_title` reads only what the title says (DESIGN.md: "map only what a title says"):

- ``role_family`` comes from the first matching entry of :data:`ROLE_FAMILIES`, an ordered table
  (most specific first: "ML Research Scientist" is a research scientist before it is anything with
  "ML" in it; "Embedded Software Engineer" is a software engineer before "embedded" suggests
  hardware). Managers of a function share the function's family: "Engineering Manager" and
  "VP of Engineering" are "software engineer", "Director of Data Science" is "data scientist".
- Every title also goes to the 2018 Standard Occupational Classification
  (:func:`analysis.normalize.occupations.classify_occupation`): ``soc_code``, ``occupation``,
  ``minor_group``. Titles outside the role families above take their SOC minor group's title as
  their family ("registered nurse" → "healthcare diagnosing or treating practitioners"), so every
  occupation has a family and analysts' tech families stay as a finer layer on top.
- ``level`` comes from the first matching entry of :data:`LEVEL_PATTERNS`, checked from the top
  of each ladder down ("Senior Staff" before "Senior" and "Staff"; "Associate Director" before
  "Associate"). Titles that state no level ("Product Manager", "Lead Engineer", "Software
  Engineer IV") give None; a level is never guessed.
- ``track`` is "management" when the title names a people-management rung (manager, senior
  manager, director, vp, head of, "Group Product Manager", C-level) and "ic" otherwise.
  "Manager" after one of :data:`IC_MANAGER_ROLES` ("Product Manager", "Account Manager",
  "Program Manager", ...) names an individual-contributor role, not a rung. C-level titles
  ("Chief Technology Officer", "CTO") are management with level None: they sit above the ladder.
  Supervisory titles (:data:`SUPERVISORY`: "Supervisor", "Foreman", "Head Nurse", "Team Lead")
  are the first management rung, "manager".
- Civil-service classes are not ladder rungs: "Associate" is entry level only in front of a
  professional role ("Associate Software Engineer", "Associate Product Manager"), never in
  "Associate Staff Analyst", "Sales Associate" or "Principal Administrative Associate"; and
  "Principal" is a rung only in front of such a role ("Principal Engineer").
- ``is_phd`` is True when the title says PhD/Ph.D./Postdoc, or a description sentence asks for a
  PhD without offering a bachelor's/master's alternative and without calling it preferred
  ("a PhD degree in Machine Learning" counts; "BS/MS/PhD in CS" and "PhD preferred" do not).
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from analysis.normalize.occupations import MAX_TITLE_CHARS, by_code_prefix, classify_occupation
from analysis.normalize.title_words import (
    BRITISH_SPELLINGS,
    FOREIGN_JOB_SUFFIXES,
    FOREIGN_JOB_WORDS,
    REGIONAL_JOB_WORDS,
)
from analysis.normalize.vocabulary import (
    IC_LEVELS,
    LEVELS,
    MANAGEMENT_LEVELS,
    TITLE_METHODS,
    TRACKS,
)
from analysis.normalize.vocabulary import IC_MANAGER_ROLES as SHARED_IC_MANAGER_ROLES

__all__ = [
    "TitleInfo",
    "parse_title",
    "ROLE_FAMILIES",
    "ROLE_FAMILY_NAMES",
    "LEVEL_PATTERNS",
    "IC_MANAGER_ROLES",
]

IC_TRACK, MANAGEMENT_TRACK = TRACKS
ROLE_PATTERN, *_, METHOD_UNKNOWN = TITLE_METHODS

# Ordered (role family, pattern) table: the first match wins, so specific entries come first.
# Patterns are matched case-insensitively against the title with punctuation kept.
_ML = r"(?:machine[\s-]learning|ml|ai|a\.i\.|deep[\s-]learning|artificial\s+intelligence|gen\s?ai)"
# "Business Developer", "Curriculum Developer", "Mechanical Engineering Manager": not software.
_NOT_SOFTWARE_DEVELOPER = "".join(
    rf"(?<!{w}\s)" for w in ("business", "estate", "curriculum", "content", "training", "course")
)
_NOT_SOFTWARE_ENGINEERING = "".join(
    rf"(?<!{w}\s)"
    for w in (
        "mechanical",
        "civil",
        "manufacturing",
        "process",
        "quality",
        "chemical",
        "structural",
        "sales",
        "industrial",
        "field",
        "solutions",
        "facilities",
    )
)
# Programming languages and frameworks that make an engineer, architect or lead a software one.
_LANGUAGE = (r"(?:\bjava\b|\bpython\b|(?<![\w.])(?:asp)?\.net\b|\bc#|\bc\+\+|\bgolang\b|\bphp\b"
             r"|\bgroovy\b|\bscala\b|\bkotlin\b|\bnode\.?js\b|\breact\b|\bangular\b|\btypescript\b"
             r"|\bruby\b|\bdjango\b|\bspring\s+boot\b)")
ROLE_FAMILIES: tuple[tuple[str, str], ...] = (
    (
        "technical program manager",
        r"\btechnical\s+program\s+manag|\btpm\b|\bengineering\s+program\s+manag",
    ),
    (
        "product designer",
        r"\b(?:product|ux|ui|ux\s*/\s*ui|ui\s*/\s*ux|interaction|user\s+experience|visual)\s+designer\b"
        r"|\bdesign\s+(?:manager|director|lead)\b|\b(?:head|director|vp)\s+of\s+(?:product\s+)?design\b",
    ),
    (
        "product manager",
        r"\bproduct\s+(?:manager|management|owner|lead)\b|\bgpm\b|\bhead\s+of\s+product\b"
        r"|\b(?:director|vp|vice\s+president)\s*(?:,|of)?\s*product\b(?!\s+(?:marketing|analytics|design))"
        r"|\bproduct\s+director\b|^(?:senior\s+|sr\.?\s+|principal\s+|staff\s+|lead\s+|group\s+)?pm\b",
    ),
    (
        "research scientist",
        r"\bresearch\s+scien(?:tist|ce)\b|\bapplied\s+(?:research\s+)?scientist|\b" + _ML
        + r"\s+scientist"
        r"|\bscientist\s*,\s*" + _ML + r"\b|\bapplied\s+researcher\b"
        r"|\bresearch\s+(?:scientist\s+)?intern",
    ),
    ("data scientist", r"\bdata\s+scien(?:tist|ce)\b|\bdecision\s+scientist|\bproduct\s+scientist"),
    (
        "machine learning engineer",
        r"\b"
        + _ML
        + r"(?:\s*/\s*"
        + _ML
        + r")?\s+(?:(?!sales|solutions|support|field|customer)\w+\s+)?(?:software\s+)?"
        r"(?:engineer|engineering|developer)"
        r"|\bmlops\b|\b(?:computer\s+vision|nlp|llm)\s+engineer"
        r"|(?:\bsoftware\s+engineer\w*|^engineer)(?:\s+(?:\d|i{1,3}))?\s*[,-]?\s*(?:\(\s*)?"
        + _ML
        + r"\b",
    ),
    (
        "data engineer",
        r"\bdata\s+(?:engineer|engineering|platform\s+engineer(?:ing)?|warehouse\s+engineer)\b"
        r"|\betl\s+developer"
        r"|\banalytics\s+engineer|\bbig\s+data\s+(?:engineer|developer)"
        r"|\b(?:hadoop|spark|kafka|databricks|snowflake|dbt)\s+(?:\w+\s+)?(?:engineer|developer)\b",
    ),
    (
        "data analyst",
        r"\b(?:data|products?|bi|business\s+intelligence|analytics|reporting|insights?|marketing\s+data)"
        r"\s+analyst\b|\banalyst\s*,\s*(?:data|analytics|business\s+intelligence)\b",
    ),
    ("business analyst", r"\bbusiness\s+(?:systems\s+)?analyst\b"),
    (
        "software engineer",
        r"\bsoftware\b.*\b(?:engineer|engineering|developer|development|architect|programmer)"
        r"|\b(?:swe|sde|sdet)\b|\bsite\s+reliability|\bsre\b"
        r"|\b(?:back[\s-]?end|front[\s-]?end|full[\s-]?stack|web|mobile|ios|android|platform"
        r"|infrastructure|devops|cloud|application|applications|systems\s+software|java|python"
        r"|\.net|ruby|golang|go|javascript|typescript|react|node(?:\.js)?|c\+\+|qa|qa\s+automation|test\s+automation"
        r"|salesforce|servicenow|sap|workday"
        r"|embedded|firmware)"
        r"\s+(?:software\s+|development\s+)?(?:engineer|developer|programmer)"
        r"|(?<!cnc\s)\bprogramm?er\b|" + _NOT_SOFTWARE_DEVELOPER + r"\bdeveloper\b"
        r"|\bfull[\s-]?stack\b"
        # a programming language anywhere beside a role word: "Technical Architect - .net/ C#",
        # "Python & Groovy Lead Engineer", "Java-Technical Lead"
        r"|\b(?:architect|engineer|lead)\b.*" + _LANGUAGE + "|" + _LANGUAGE
        + r".*\b(?:architect|engineer|lead)\b",
    ),
    (
        "hardware engineer",
        r"\b(?:hardware|asic|fpga|silicon|rtl|analog|electrical|chip|soc|pcb)\b.*"
        r"\b(?:engineer|engineering|designer|architect)|\bdesign\s+verification\b|\bphysical\s+design\b",
    ),
    (
        "software engineer",
        r"\b" + _NOT_SOFTWARE_ENGINEERING + r"engineering\s+(?:manager|director|lead)\b"
        r"|\b(?:of|,)\s*(?:software\s+)?engineering\b"
        r"|\bhead\s+of\s+engineering|\bvp\s*,?\s*engineering",
    ),
    (
        "recruiter",
        r"\brecruit(?:er|ing|ment)\b|\btalent\s+acquisition\b|\bsourcer\b"
        r"|\bstaffing\s+(?:coordinator|specialist|consultant|manager|partner)\b",
    ),
    (
        "it support",
        r"\bhelp\s?desk\b|\bservice\s?desk\b|\bit\s+(?:support|technician|specialist|help)\b"
        r"|\bdesktop\s+support\b|\bdata\s+cent(?:er|re)\s+(?:technician|operations\s+technician)\b"
        r"|\b(?:computer|pc)\s+(?:support|technician)\b"
        r"|\b(?:application|applications|user|end[\s-]user|ict|it[\s-]service)\s+support\b"
        r"|\b(?:1st|2nd|3rd|first|second|third)\s*(?:&\s*(?:2nd|3rd)\s*)?[\s-]+(?:level|line)\s+support\b"
        r"|\b(?:1st|2nd|3rd)[\s-]+(?:level|line)\b",
    ),
    (
        "customer support",
        r"\bcustomer\s+(?:support|service|care|experience)\b|\bsupport\s+(?:specialist|representative|"
        r"agent|associate|engineer|analyst)\b|\btechnical\s+support\b|\bcall\s+cent(?:er|re)\b"
        r"|\bcontact\s+cent(?:er|re)\b|\b(?:voice|non[\s-]?voice)\s+process\b|\bbpo\b",
    ),
    (
        "sales",
        r"\b(?:key\s+|corporate\s+|national\s+|strategic\s+|commercial\s+|major\s+)?accounts?"
        r"\s+(?:executive|manager|representative|director)\b|\bterritory\s+manager\b|\bsales\b"
        r"|\bsalesperson\b|\bbusiness\s+development\b|\bbd\b|\btele\s?sales\b|\btele\s?callers?\b"
        r"|\btelemarket\w*",
    ),
    ("project manager", r"\b(?:project|program)\s+manag(?:er|ement)\b"),
    ("data analyst", r"\banalytics\b"),
)
ROLE_FAMILY_NAMES = tuple(dict.fromkeys(family for family, _ in ROLE_FAMILIES))
# The role families as a layer on SOC: a title no pattern above names takes the family its SOC
# code belongs to ("Cashier" is 41-2011, so sales). Keys are code prefixes, the longest wins.
FAMILY_OF_SOC = {
    "41-": "sales", "11-2022": "sales",
    "15-1232": "it support", "43-4051": "customer support",
    "15-1251": "software engineer", "15-1252": "software engineer", "15-1254": "software engineer",
    "15-1255": "product designer", "17-2061": "hardware engineer",
    "15-1221": "research scientist", "13-1082": "project manager",
}

# "Manager" after these words names an individual-contributor role, not a management rung.
IC_MANAGER_ROLES = (*SHARED_IC_MANAGER_ROLES, "accounts", "key accounts", "client success",
                    "partner", "partnerships", "campaign", "product marketing",
                    "technical account", "key account")

# "Associate" and "Principal" are rungs only in front of a professional role ("Associate Product
# Manager", "Principal Engineer"); in civil service they name job classes ("Associate Staff
# Analyst", "Principal Administrative Associate"), and "Sales Associate" is a job, not a level.
_FIELD = (r"(?:software|data|product|machine|learning|ml|ai|research|applied|ux|ui|cloud|security"
          r"|qa|test|design|solutions|systems|network|hardware|firmware|front[\s-]?end|back[\s-]?end"
          r"|full[\s-]?stack|mobile|web|devops|site|reliability|platform|quantitative|technical)")
_PROFESSIONAL = (r"(?:engineer|developer|scientist|architect|designer|programmer|researcher"
                 r"|consultant|analyst|product\s+manager|program\s+manager|pm|tpm|sde|swe)s?\b")
# "Data Scientist 1", "Welder-2 (2nd Shift)": a grade digit right after the role, as I, II, III.
_GRADE = r"(?<=[a-z])\s?-?\s?{}(?=\s*(?:$|[(,/\u2013]|-\s))"
# Supervisory titles: the first management rung, whatever other level words they carry.
SUPERVISORY = (r"\bsupervis(?:or|ors|ing|ory)\b|\bsupv\b|\bforem(?:an|en|woman)\b|\bhead\s+nurse\b"
               r"|\bteam\s+lead(?:er)?\b|\bshift\s+(?:lead|leader|supervisor)\b"
               r"|\bcrew\s+(?:chief|leader)\b|\bsuperintendent\b")

# Ordered (level, pattern) table: the first match wins. Case-sensitive patterns (roman numerals)
# are marked with (?-i:...).
_SENIOR = r"(?:senior|sr\.?|snr\.?)"
LEVEL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("vp", r"\b(?:s?vp|evp|avp|vice[\s-]+president)\b"),
    (
        "director",
        r"\b(?:associate\s+|assistant\s+|senior\s+|sr\.?\s+|executive\s+)?director\b"
        r"|\bhead\s+of\b|\bhead\s*,",
    ),
    ("senior manager", r"\b" + _SENIOR + r"\s+(?:\w+\s+){0,2}manager\b"),
    ("manager", r"\bmanager\b|\bmgr\b|\bgroup\s+product\s+manager\b"),
    ("senior staff", r"\b" + _SENIOR + r"\s+staff\b"),
    ("distinguished", r"\bdistinguished\b|\bfellow\b"),
    ("principal", r"\bprincipal\s+(?:[\w/]+\s+){0,2}?" + _PROFESSIONAL),
    ("staff", r"\bstaff\b"),
    ("senior", r"\b" + _SENIOR + r"(?=\s|,|$|-)|(?-i:\bIII\b)|" + _GRADE.format(3)),
    ("mid", r"(?-i:\bII\b)|\bmid[\s-]?level\b|\bintermediate\b|,\s*mid\b|" + _GRADE.format(2)),
    ("intern", r"\bintern(?:ship)?s?\b|\bco[\s-]?op\b|\bwerkstudent\w*|\bworking\s+student\b"
               r"|\bstudent\s+(?:opportunit\w*|positions?|program\w*|jobs?|workers?)\b"),
    (
        "entry",
        r"\bjunior\b|\bjr\.?(?=\s|,|$)|\bapprentice\b|" + _PROFESSIONAL + r",\s*associate\b"
        r"|\bassociate\s+(?:" + _FIELD + r"\s+){0,2}" + _PROFESSIONAL
        + r"|\bentry[\s-]?level\b|\bnew\s+grad"
        r"|\bgraduate\b|(?-i:\bI\b)(?=\s*(?:$|[,(\-\u2013/]))|" + _GRADE.format(1)
        + r"|\btrainee\b|\bfreshers?\b|\bapprenticeship\b",
    ),
)
assert all(level in LEVELS for level, _ in LEVEL_PATTERNS)

# Words that stop "staff" or "fellow" from naming a ladder rung.
STAFF_NOT_A_LEVEL = (
    r"\bstaff\s+(?:accountant|analyst|nurse|attorney|auditor|pharmacist|physician|assistant"
    r"|member|writer|sergeant|accounting|rn|therapist|psychologist|counsel|chaplain|development)s?\b"
    r"|\bof\s+(?:the\s+)?(?:technical\s+)?staff\b|\b(?:support|medical|office|kitchen|wait|clinical"
    r"|nursing|administrative|chief\s+of)\s+staff\b"
)
FELLOW_NOT_A_LEVEL = (
    r"\b(?:post-?doc\w*|research|graduate|teaching|clinical|summer|residency|data\s+science|ai"
    r"|policy|visiting|doctoral|medical)\s+fellow\b|\bfellowship\b"
)
C_LEVEL = r"\bchief\s+\w+(?:\s+\w+)?\s+officer\b|\bc[teiofdp]o\b"

PHD_IN_TITLE = r"\bph\.?\s?d\b|\bpost-?doc|\bdoctoral\b"
PHD_MENTION = r"\bphd\b|\bdoctorate\b|\bdoctoral\s+degree\b|\bdoctor\s+of\s+philosophy\b"
# A sentence offering these alternatives, or calling the PhD optional, does not ask for one.
PHD_NOT_REQUIRED = (
    r"\bbachelor|\bmaster|\b(?:bs|ba|ms|ma|msc|bsc|mba|undergraduate)\b|preferred|\bplus\b"
    r"|desired|nice\s+to\s+have|ideally|\bbonus\b|advantage"
)

# Signs that a title is not in English, so its words are looked up: a gender tag ("(m/w/d)",
# "(H/F)"), a function word, a German noun ending, letters beyond ASCII. English titles are
# never translated ("Stage Manager", "Arts Director" stay as they are).
_FOREIGN_HINT_RE = re.compile(
    r"\(\s*[mwfhdx]\s*/|\b(?:und|für|mit|der|die|das|des|du|et|pour|voor|van|het|een|para|del"
    r"|della|em|ou|oder|bei|im|zur|zum)\b|(?:ung|keit|schaft|kraft|leiter|arbeiter|fahrer"
    r"|mechaniker|entwickler|ingenieur|techniker|medewerker)\b|[^\x00-\x7f]", re.I)


def _word_swap(mapping: dict[str, str], *, joined: str = "") -> Callable[[str], str]:
    """A function putting each of `mapping`'s words or phrases (matched whole, in any case and
    spacing; `joined` lists characters that join a word to its neighbours) into its value."""
    pattern = re.compile(
        rf"(?<![\w{joined}])(?:"
        + "|".join(re.escape(k).replace(r"\ ", r"\s+")
                   for k in sorted(mapping, key=len, reverse=True))
        + rf")(?![\w{joined}])", re.I)
    return partial(pattern.sub, lambda m: mapping[_fold(m.group(0))])


def _fold(words: str) -> str:
    return re.sub(r"\s+", " ", words.lower())


_foreign_words = _word_swap(FOREIGN_JOB_WORDS, joined="-")
_FOREIGN_SUFFIX_RE = re.compile(
    r"\b(\w{3,}?)("
    + "|".join(sorted(map(re.escape, FOREIGN_JOB_SUFFIXES), key=len, reverse=True))
    + r")\b", re.I)

# What a title carries that is not the job: " - Baltimore, MD", "(Lake Placid, FL 33852)" (a
# place, whose state code would read as a job: MD, PA); "Entwickler/in" (a gender ending);
# hyphens between words ("Hadoop-Spark-Engineer"); plurals ("Data Analysts Needed").
_PLACE_SUFFIX_RE = re.compile(r"\s*(?:[-\u2013|]\s*|\()\s*[A-Z][A-Za-z .'-]+,\s*[A-Z]{2}\b"
                              r"(?:\s*\d{5})?\)?\s*$")
# "Fall 2020", "2027 Winter": the term a programme runs in, not a job ("Fall" is no faller).
_SEASON_RE = re.compile(r"\b(?:spring|summer|fall|autumn|winter)\s+20\d\d\b"
                        r"|\b20\d\d\s+(?:spring|summer|fall|autumn|winter)\b", re.I)
_GENDER_SUFFIX_RE = re.compile(
    r"(?<=[a-zäöüß])(?:/-?(?:in|innen|r|e|frau|mann|köchin)|[:*]in(?:nen)?|\((?:in|r|e)\))(?!\w)")
_WORD_HYPHEN_RE = re.compile(r"(?:(?<=[A-Za-z]{3})|(?<=\b(?i:it|hr|ui|ux)))-(?=[A-Za-z]{3})")
_PLURAL_RE = re.compile(r"\b(analyst|engineer|scientist|developer|designer|recruiter|programmer"
                        r"|architect|consultant|nurse|driver|mover|technician|manager|operator"
                        r"|laborer|worker|inspector|teacher|assistant|cashier|cleaner)s\b", re.I)

_regional_words = _word_swap(REGIONAL_JOB_WORDS, joined="&")
# A British "Support Worker" with no field before it is a care worker ("Female Support Worker",
# "Bank Support Worker – Domiciliary Care"); "IT Support Worker" or "Therapy Support Worker" is not.
_CARE_SUPPORT_WORKER_RE = re.compile(
    r"^(?P<kind>(?:(?:female|male|adults?|residential|care|domiciliary|relief|bank|night|senior"
    r"|agency|live[\s-]in|community|mental\s+health|learning\s+disabilit(?:y|ies))\s+)*)"
    r"support\s+workers?\b", re.I)
_us_spellings = _word_swap(BRITISH_SPELLINGS)

_FLAGS = re.I
_FAMILY_RES = tuple((family, re.compile(p, _FLAGS)) for family, p in ROLE_FAMILIES)
_LEVEL_RES = tuple((level, re.compile(p, _FLAGS)) for level, p in LEVEL_PATTERNS)
_STAFF_NOT_RE = re.compile(STAFF_NOT_A_LEVEL, _FLAGS)
_FELLOW_NOT_RE = re.compile(FELLOW_NOT_A_LEVEL, _FLAGS)
_C_LEVEL_RE = re.compile(C_LEVEL, _FLAGS)
_SUPERVISORY_RE = re.compile(SUPERVISORY, _FLAGS)
_IC_MANAGER_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in IC_MANAGER_ROLES)
    + r")\s+manager\b",
    _FLAGS,
)
_GROUP_PM_RE = re.compile(r"\bgroup\s+product\s+manager\b", _FLAGS)
_PHD_TITLE_RE = re.compile(PHD_IN_TITLE, _FLAGS)
_PHD_MENTION_RE = re.compile(PHD_MENTION, _FLAGS)
_PHD_NOT_REQUIRED_RE = re.compile(PHD_NOT_REQUIRED, _FLAGS)
_DEGREE_DOTS_RE = re.compile(r"\b(ph|[bm])\.\s?([dsa])\.?", _FLAGS)
# Every PHD_MENTION, dotted or not ("Ph.D.", "PhD", "doctorate", "doctor of philosophy") holds
# one of these: without one, a description asks for no PhD.
_PHD_HINT_RE = re.compile(r"ph\.?\s?d|doctor", _FLAGS)
# Sentence ends: .;!? or a new line, also when the next sentence is glued on ("Meta.Currently").
_SENTENCE_RE = re.compile(r"(?<=[.;!?])(?=\s|[A-Z])|\n|\u2022")


@dataclass(frozen=True)
class TitleInfo:
    """What a job title says.

    Attributes
    ----------
    role_family : str or None
        Canonical role (one of :data:`ROLE_FAMILY_NAMES`), None when unrecognised.
    level : str or None
        One of ``LEVELS``; None when the title states no level.
    track : str
        "ic" or "management".
    is_phd : bool
        The title or the description asks for a PhD.
    soc_code : str or None
        SOC 2018 detailed occupation ("15-1252"), None when the title does not settle one.
    occupation : str or None
        The SOC title of the most specific group known (detailed occupation, else minor group).
    minor_group : str or None
        SOC 2018 minor group ("15-1200").
    title_method : str
        How the role was read: "role pattern" (:data:`ROLE_FAMILIES`), else the occupation
        classifier's method ("exact title", "title words"), else "unknown".
    """

    role_family: str | None = None
    level: str | None = None
    track: str = IC_TRACK
    is_phd: bool = False
    soc_code: str | None = None
    occupation: str | None = None
    minor_group: str | None = None
    title_method: str = METHOD_UNKNOWN


EMPTY = TitleInfo()


def _clean(title: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(title)).replace("\u2019", "'")
    text = _SEASON_RE.sub(" ", _PLACE_SUFFIX_RE.sub("", re.sub(r"\s+", " ", text).strip()))
    foreign = bool(_GENDER_SUFFIX_RE.search(text))  # "Helfer/in", "Berater*in": German
    text = _GENDER_SUFFIX_RE.sub("", _WORD_HYPHEN_RE.sub(" ", text))
    text = _PLURAL_RE.sub(r"\1", _us_spellings(_in_english(text, foreign=foreign)))
    return _CARE_SUPPORT_WORKER_RE.sub(r"\g<kind>personal care aide", _regional_words(text))


def _in_english(title: str, *, foreign: bool = False) -> str:
    """The title with the job words of other languages put in English ("Softwareentwickler
    (m/w/d)" → "Software developer (m/w/d)"), so one set of rules reads every export."""
    if not foreign and not _FOREIGN_HINT_RE.search(title):
        return title
    text = _foreign_words(title)
    text = _FOREIGN_SUFFIX_RE.sub(
        lambda m: f"{m.group(1)} {FOREIGN_JOB_SUFFIXES[m.group(2).lower()]}", text)
    return _DEPARTMENT_AFTER_RE.sub(r"\g<department> \g<job>\g<gap>", text)


# German names the department after the job ("Sachbearbeiter Buchhaltung", "Industriemechaniker
# (m/w/d) Instandhaltung"); English before it ("accounting clerk"): once translated, moved.
_DEPARTMENT_AFTER_RE = re.compile(
    r"^(?P<job>.*?\b(?:clerk|worker|mechanic|technician|specialist|manager|assistant|helper"
    r"|engineer|administrator|consultant|planner|coordinator|installer|inspector|electrician"
    r"|driver|representative))\b(?P<gap>\s*(?:\([^)]*\))?\s*)(?P<department>accounting"
    r"|purchasing|sales|logistics|production|administration|maintenance|quality assurance"
    r"|development|research|nursing|food service|cleaning|assembly|human resources"
    r"|customer service)\b", re.I)


def _role_family(title: str) -> str | None:
    for family, pattern in _FAMILY_RES:
        if pattern.search(title):
            return family
    return None


def _is_management_manager(title: str) -> bool:
    """True when some "manager" in the title is a people-management rung."""
    if _GROUP_PM_RE.search(title):
        return True
    masked = _IC_MANAGER_RE.sub(" ", title)
    return bool(re.search(r"\bmanager\b|\bmgr\b", masked, _FLAGS))


def _level(title: str) -> str | None:
    level = _ladder_level(title)
    if _SUPERVISORY_RE.search(title) and (level is None or level in IC_LEVELS):
        return "manager"
    return level


def _ladder_level(title: str) -> str | None:
    staff_masked = _STAFF_NOT_RE.sub(" ", title)
    fellow_masked = _FELLOW_NOT_RE.sub(" ", staff_masked)
    manages = _is_management_manager(title)
    for level, pattern in _LEVEL_RES:
        if level in ("manager", "senior manager"):
            if not manages:
                continue
            # "Senior Product Manager" stays a senior IC: IC "... Manager" phrases are masked.
            text = title if _GROUP_PM_RE.search(title) else _IC_MANAGER_RE.sub(" ", title)
            if pattern.search(text):
                return level
            continue
        if pattern.search(fellow_masked):
            return level
    return None


@lru_cache(maxsize=65536)
def _parse_title(title: str) -> TitleInfo:
    if len(title) > MAX_TITLE_CHARS:
        return EMPTY  # a description pasted into the title field: no confident reading
    text = _clean(title)
    if not text:
        return EMPTY
    level = _level(text)
    is_c_level = bool(_C_LEVEL_RE.search(text))
    track = MANAGEMENT_TRACK if level in MANAGEMENT_LEVELS or is_c_level else IC_TRACK
    family = _role_family(text)
    occupation = classify_occupation(text)
    return TitleInfo(
        role_family=family or by_code_prefix(FAMILY_OF_SOC, occupation.soc_code)
        or (occupation.minor_title or "").lower() or None,
        level=level,
        track=track,
        is_phd=bool(_PHD_TITLE_RE.search(text)),
        soc_code=occupation.soc_code,
        occupation=occupation.soc_title or occupation.minor_title,
        minor_group=occupation.minor_group,
        title_method=ROLE_PATTERN if family else occupation.method,
    )


@lru_cache(maxsize=4096)
def _description_asks_phd(description: str) -> bool:
    if not _PHD_HINT_RE.search(description):
        return False  # most descriptions: one scan instead of a rewrite and one per sentence
    text = _DEGREE_DOTS_RE.sub(lambda m: (m.group(1) + m.group(2)).replace(".", ""), description)
    for sentence in _SENTENCE_RE.split(text):
        if _PHD_MENTION_RE.search(sentence) and not _PHD_NOT_REQUIRED_RE.search(sentence):
            return True
    return False


def parse_title(title, *, description: str | None = None) -> TitleInfo:
    """Parse a job title into role family, level, track and PhD flag.

    Never raises: None, non-strings and blanks give an all-missing :class:`TitleInfo`
    (role_family and level None, track "ic", is_phd False).

    Parameters
    ----------
    title : str
        Title as posted.
    description : str, optional
        Posting text; only used to tell whether the requirements ask for a PhD.

    Returns
    -------
    TitleInfo

    Examples
    --------
    >>> info = parse_title("Research Scientist, Machine Learning (PhD)")
    >>> info.role_family, info.level, info.track, info.is_phd, info.soc_code
    ('research scientist', None, 'ic', True, '15-1221')
    >>> parse_title("Registered Nurse").role_family
    'healthcare diagnosing or treating practitioners'
    >>> parse_title("Senior Engineering Manager").level
    'senior manager'
    """
    try:
        info = _parse_title(title) if isinstance(title, str) else EMPTY
        if not info.is_phd and isinstance(description, str) and description:
            if _description_asks_phd(description):
                info = dataclasses.replace(info, is_phd=True)
        return info
    except Exception:  # noqa: BLE001 - a title parser must never stop a pipeline
        return EMPTY
