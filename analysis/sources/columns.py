"""Which column holds what: a scored matcher over column names and sample values.

Real exports name their columns every way (``comp_min``, ``salary_from``, ``Minimum Salary``,
``compensation.max``, ``pay_frequency``, ``currency_code``...). A fixed list of spellings misses
most of them; this module scores every column for every record field instead:

* **name**: the column name's words against each field's vocabulary (:data:`NAME_WORDS`), with
  pay words (:data:`PAY_WORDS`) and min/max words (:data:`LOW_WORDS`, :data:`HIGH_WORDS`) combined
  ("comp" + "min" → ``pay_min``), glued names split ("minsalary", "salaryfrom");
* **values**: a sample of the column's cells must look like the field (:data:`VALUE_CHECKS`):
  pay text parses as pay, min/max cells are plausible amounts (never ids, years, phone numbers),
  periods are period words, currencies are ISO codes or signs, descriptions are long, URLs are
  URLs.

Each column serves one field, the best-scoring first; a field is matched only above
:data:`MIN_SCORE`. :func:`match_columns` returns the choice with its reasons, which ingest writes
to the manifest, and a column mapping (``--mapping``) overrides it field by field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.normalize.pay import CURRENCY_CODES, CURRENCY_SYMBOLS, parse_pays
from analysis.sources.records import MISSING_WORDS, UNIT_PERIODS, to_number

# The record fields a table or a list of objects can fill.
FIELDS = (
    "source_id",
    "title",
    "employer",
    "location",
    "country",
    "workplace",
    "pay_text",
    "pay_min",
    "pay_max",
    "pay_period",
    "pay_currency",
    "description",
    "url",
    "posted_date",
)

# Words that make a column about pay (a column name's words, lower case). The weak ones also
# name other things ("base_url", "response_rate"), so on their own they need pay-like values.
STRONG_PAY_WORDS = frozenset({
    "salary", "salaries", "pay", "comp", "compensation", "wage", "wages", "remuneration", "ctc",
    "stipend", "sal",
    # the same in the languages exports come in (Russian, German, French, Spanish, Portuguese,
    # Czech, Dutch, Italian, Polish, Indonesian/Malay, Japanese)
    "зарплата", "оклад", "gehalt", "lohn", "salaire", "rémunération", "salario", "sueldo",
    "salário", "plat", "mzda", "salaris", "loon", "stipendio", "retribuzione", "wynagrodzenie",
    "gaji", "給与", "年収", "月給",
})
WEAK_PAY_WORDS = frozenset({"rate", "package", "base", "income", "earnings", "amount"})
PAY_WORDS = STRONG_PAY_WORDS | WEAK_PAY_WORDS
LOW_WORDS = frozenset({"min", "minimum", "from", "low", "lower", "start", "floor", "bottom",
                       "от", "von", "de", "desde", "od", "van", "mín", "минимум"})
HIGH_WORDS = frozenset({"max", "maximum", "to", "high", "upper", "top", "ceiling", "end",
                        "до", "bis", "à", "hasta", "do", "tot", "máx", "максимум"})
PERIOD_WORDS = frozenset({"period", "frequency", "interval", "unit", "basis", "per", "cadence",
                          "type", "time", "период", "zeitraum", "période", "periodo", "období",
                          "periode"})
CURRENCY_WORDS = frozenset({"currency", "ccy", "cur", "currencycode", "валюта", "währung",
                            "devise", "moneda", "moeda", "měna", "valuta", "waluta"})
# Boolean flags about pay ("salary_is_predicted", "has_salary") are not pay.
FLAG_WORDS = frozenset({"is", "has", "predicted", "estimated", "flag", "disclosed", "visible"})
# A unit in an amount column's name scales its cells: "salary_min_lpa" holds lakhs per annum.
NAME_UNITS = {
    "lpa": (100_000.0, "INR", "year"),
    "lakh": (100_000.0, "INR", None),
    "lakhs": (100_000.0, "INR", None),
    "lacs": (100_000.0, "INR", None),
    "lac": (100_000.0, "INR", None),
    "k": (1_000.0, None, None),
    "thousands": (1_000.0, None, None),
    "000s": (1_000.0, None, None),
    "tsd": (1_000.0, None, None),
}

# Words of each non-pay field's column names, strongest first (the first scores highest).
NAME_WORDS = {
    "source_id": ("id", "job_id", "jobid", "key", "uuid", "guid", "reference", "ref", "req"),
    "title": ("title", "job_title", "position", "role", "designation", "job_name", "name",
              "titles", "positions", "roles",
              "job", "occupation", "название", "вакансия", "должность", "titel", "stelle",
              "stellenbezeichnung", "titre", "poste", "intitulé", "puesto", "cargo", "título",
              "pozice", "název", "functie", "vacature", "posizione", "stanowisko", "jabatan",
              "職種"),
    "employer": ("company", "employer", "organization", "organisation", "hiring", "firm",
                 "comp_name", "compname", "cmp_name",
                 "agency", "business", "brand", "org", "компания", "работодатель", "firma",
                 "unternehmen", "arbeitgeber", "entreprise", "société", "empresa", "společnost",
                 "bedrijf", "werkgever", "azienda", "pracodawca", "perusahaan", "会社"),
    "location": ("location", "locations", "city", "place", "office", "address", "region",
                 "loc", "job_loc", "job_location",
                 "area", "locality", "town", "workplace", "регион", "город", "ort", "standort",
                 "arbeitsort", "lieu", "ville", "ubicación", "ciudad", "localidad", "cidade",
                 "místo", "lokalita", "locatie", "plaats", "città", "miasto", "lokasi", "勤務地"),
    "country": ("country", "nation", "country_code", "countrycode", "страна", "land", "pays",
                "país", "země", "paese", "kraj"),
    # Remote, hybrid or on-site, as a flag ("remote_allowed": 1) or a word ("workplace_type").
    "workplace": ("remote", "is_remote", "remote_allowed", "remote_ok", "workplace_type",
                  "work_setting", "work_model", "work_arrangement", "work_mode", "remote_work",
                  "remote_type", "remote_status", "location_type", "hybrid", "is_hybrid",
                  "telework", "telecommute", "homeoffice", "home_office", "télétravail",
                  "teletrabajo", "remoto", "удаленка", "удалённо", "формат_работы"),
    "description": ("description", "desc", "body", "details", "content", "summary", "text",
                    "html", "requirements", "responsibilities", "описание", "требования",
                    "beschreibung", "descripción", "descrição", "popis", "omschrijving",
                    "descrizione", "opis"),
    "url": ("url", "link", "href", "apply", "permalink", "website", "ссылка", "lien", "enlace",
            "odkaz"),
    "posted_date": ("posted", "date", "published", "created", "listed", "posting_date", "time",
                    "updated", "дата", "datum", "fecha", "data"),
}
# What a workplace column holds: a yes/no flag, or words naming the arrangement.
TRUE_VALUES = frozenset({"true", "1", "1.0", "yes", "y", "t"})
FLAG_VALUES = TRUE_VALUES | frozenset({"false", "0", "0.0", "no", "n", "f"})
REMOTE_WORDS = r"remote|home|telework|anywhere|télétravail|remoto|удал"
WORKPLACE_VALUE = re.compile(rf"{REMOTE_WORDS}|hybrid|on[\s_-]?site|office|présentiel|presencial",
                             re.I)
# Dates that are not when a posting was published ("gone_date", "expiry_date", "deadline").
NOT_POSTED_WORDS = frozenset({"gone", "expired", "expiry", "expires", "closed", "closing", "end",
                              "deadline", "removed", "last", "apply", "valid", "until"})
# Vocabulary words too generic to count inside a longer name ("company.name" is not a title,
# "job_id" is not a title): they count only as the whole name.
WHOLE_NAME_ONLY = frozenset({"job", "name", "text", "time", "html", "content", "key", "ref"})
# Below this score a column is not taken for a field (a name hint alone scores 0.6, a value
# check alone at most 0.5: either a clear name or a name hint backed by the values).
MIN_SCORE = 0.6
# Cells sampled per column: enough to tell pay from ids, cheap on wide files.
SAMPLE_SIZE = 200
# A typical annual base salary or hourly wage in any currency lies within these bounds (lakh
# and rupiah salaries reach tens of millions); ids, years and phone numbers mostly fall outside.
PLAUSIBLE_AMOUNT = (5.0, 100_000_000.0)


@dataclass(frozen=True)
class ColumnMatch:
    """The column chosen for a field, its score and why (written to the manifest)."""

    field: str
    column: str
    score: float
    why: str

    def as_dict(self) -> dict:
        return {"field": self.field, "column": self.column, "score": round(self.score, 2),
                "why": self.why}


def column_words(name) -> list[str]:
    """The words of a column name: "compensation.min_amount" -> ["compensation", "min", "amount"],
    glued pay names split ("minSalary", "salaryfrom" -> ["min", "salary"], ["salary", "from"]).

    >>> column_words("Comp Min"), column_words("salaryFrom"), column_words("minsalary")
    (['comp', 'min'], ['salary', 'from'], ['min', 'salary'])
    """
    text = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(name or ""))
    words = [w for w in re.split(r"[\W_]+", text.lower()) if w]
    out = []
    for word in words:
        out.extend(_unglue(word))
    return out


def _unglue(word: str) -> list[str]:
    """Split a glued pay name ("minsalary", "salarymax") into its known parts."""
    if word in PAY_WORDS or len(word) < 6:
        return [word]
    for pay in sorted(PAY_WORDS, key=len, reverse=True):
        for part in LOW_WORDS | HIGH_WORDS | PERIOD_WORDS | CURRENCY_WORDS:
            if word == part + pay:
                return [part, pay]
            if word == pay + part:
                return [pay, part]
    return [word]


def name_scores(name) -> dict[str, float]:
    """How strongly a column's name says it holds each field (0 to 1)."""
    words = column_words(name)
    joined = "_".join(words)
    wordset = set(words)
    # ("comp_name" is the company's name: a name is never an amount)
    pay = bool(wordset & PAY_WORDS) and not wordset & FLAG_WORDS and "name" not in wordset
    scores: dict[str, float] = {}
    if wordset & CURRENCY_WORDS:
        scores["pay_currency"] = 1.0 if pay or len(words) <= 2 else 0.7
    elif pay and wordset & LOW_WORDS:
        scores["pay_min"] = 1.0
    elif pay and wordset & HIGH_WORDS:
        scores["pay_max"] = 1.0
    elif pay and wordset & PERIOD_WORDS:
        # "compensation_type" may hold BASE_SALARY rather than a period: let the values decide
        scores["pay_period"] = 0.6 if wordset & PERIOD_WORDS <= {"type", "time"} else 1.0
    elif pay:
        # "salary", "pay_range", "base_salary", "compensation_text"; not "pay_grade" or ids
        weak = wordset & {"id", "grade", "code", "band", "level", "url"} or not (
            wordset & STRONG_PAY_WORDS)
        scores["pay_text"] = 0.5 if weak else 1.0
    elif wordset & PERIOD_WORDS and wordset & {"per", "period", "frequency", "interval"}:
        scores["pay_period"] = 0.6
    elif words and words[-1] in LOW_WORDS | HIGH_WORDS and len(words) <= 2 and words[0] in {
        "min", "max", "minimum", "maximum", "low", "high"
    }:
        scores["pay_min" if words[0] in LOW_WORDS else "pay_max"] = 0.6
    elif words in (["min"], ["minimum"], ["max"], ["maximum"]):
        scores["pay_min" if words[0].startswith("min") else "pay_max"] = 0.6
    for field_name, vocabulary in NAME_WORDS.items():
        if field_name == "posted_date" and wordset & NOT_POSTED_WORDS:
            continue
        best = 0.0
        for rank, word in enumerate(vocabulary):
            if word == joined or ("_" not in word and word in wordset
                                  and word not in WHOLE_NAME_ONLY):
                best = max(best, 1.0 - 0.02 * rank if word == joined or len(words) <= 2
                           else 0.8 - 0.02 * rank)
        if best and field_name not in scores:
            scores[field_name] = best
    return scores


def name_unit(name) -> tuple[float, str | None, str | None]:
    """(scale, currency, period) a column's name states for its amounts: "salary_min_lpa" →
    lakhs per annum (× 100,000, INR, year); "comp_max_k" → thousands; else (1, None, None).

    >>> name_unit("salary_min_lpa"), name_unit("Salary Max (k)"), name_unit("salary_to")
    ((100000.0, 'INR', 'year'), (1000.0, None, None), (1.0, None, None))
    """
    for word in column_words(name):
        if word in NAME_UNITS:
            return NAME_UNITS[word]
    return 1.0, None, None


def _cells(values) -> list[str]:
    cells = []
    for value in values:
        text = " ".join(str(value).split()) if value is not None else ""
        if text and text.lower() not in MISSING_WORDS:
            cells.append(text)
    return cells


def is_constant(cells: list[str]) -> bool:
    """One value in every sampled cell (of five or more): a constant, not per-posting data."""
    return len(cells) >= 5 and len(set(cells)) == 1


def column_cells(rows: list[list], index: int) -> list[str]:
    """The sampled, non-missing cells of one column."""
    return _cells(row[index] if index < len(row) else None for row in rows[:SAMPLE_SIZE])


def _share(cells: list[str], test) -> float:
    return sum(1 for c in cells if test(c)) / len(cells) if cells else 0.0


def _looks_like_amount(cell: str) -> bool:
    """A cell a pay column would hold: a plausible number, not an id, year or phone number."""
    stripped = re.sub(r"[\s$£€₹,]", "", cell)
    if re.fullmatch(r"\d{4}", stripped) and 1900 <= int(stripped) <= 2100:
        return False  # a year
    if re.fullmatch(r"\+?\d{9,}", stripped):
        return False  # a phone number or a long id
    value = to_number(stripped.lower().removesuffix("k"))
    if value is None:
        return False
    if stripped.lower().endswith("k"):
        value *= 1000
    return PLAUSIBLE_AMOUNT[0] <= value <= PLAUSIBLE_AMOUNT[1]


def _is_sequence(cells: list[str]) -> bool:
    """Cells that count up one by one (row numbers, auto ids) are never pay."""
    numbers = [to_number(c) for c in cells[:50]]
    if len(numbers) < 5 or any(n is None for n in numbers):
        return False
    steps = {b - a for a, b in zip(numbers, numbers[1:], strict=False)}
    return steps <= {1.0} or steps <= {-1.0}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+ (?:day|hour|week|month)s? ago|\d{1,2}/\d{1,2}/\d{2,4}")


# Fields one value may fill in every row of a real export: a one-employer board, a one-city or
# one-country dump, a remote-only board, one currency, period or pay grade, a search for one
# job title ("Data Analyst" in every row of an analyst's export).
CONSTANT_FIELDS = frozenset({"title", "employer", "location", "country", "workplace",
                             "pay_period", "pay_currency", "pay_text"})


def _usual_constant(field_name: str, value: str) -> bool:
    """Whether one `value` in every row can be `field_name`'s data: for the fields above, unless
    it is a placeholder ("0", "n/a"), a class marker ("Adzuna::API::Location") or, for pay text,
    no pay; for other fields never (an id or a date column does not repeat one value)."""
    if field_name in ("pay_period", "pay_currency", "country", "workplace"):
        return True
    if field_name not in CONSTANT_FIELDS or "::" in value or value.lower() in MISSING_WORDS:
        return False
    if field_name == "pay_text":
        return bool(parse_pays([value])[0].ranges)
    return to_number(value) is None


def _value_score(field_name: str, cells: list[str]) -> float:
    """How much a column's sampled cells look like `field_name` (0 to 0.5; negative when the
    cells rule the field out)."""
    if not cells:
        return 0.0
    if is_constant(cells) and not _usual_constant(field_name, cells[0]):
        return -0.5  # one value in every row ("Adzuna::API::Location", "0"): a constant
    if field_name == "pay_text":
        parsed = parse_pays(cells)
        return 0.5 * sum(1 for p in parsed if p.ranges) / len(cells)
    if field_name in ("pay_min", "pay_max"):
        if _is_sequence(cells):
            return -1.0
        return 0.5 * _share(cells, _looks_like_amount) - (0.5 if _share(
            cells, lambda c: to_number(c) is None) > 0.5 else 0.0)
    if field_name == "pay_period":
        return 0.5 * _share(cells, lambda c: c.strip().lower() in UNIT_PERIODS
                            or c.strip().lower().removeprefix("per ") in UNIT_PERIODS)
    if field_name == "pay_currency":
        return 0.5 * _share(cells, lambda c: c.strip().upper() in CURRENCY_CODES
                            or c.strip() in CURRENCY_SYMBOLS)
    if field_name == "description":
        return 0.5 if sum(len(c) for c in cells) / len(cells) > 200 else 0.0
    if field_name == "url":
        return 0.5 * _share(cells, lambda c: c.startswith(("http://", "https://", "www.")))
    if field_name in ("title", "employer", "location"):
        # short text, mostly not numbers, not URLs, not long prose
        return 0.5 * _share(cells, lambda c: 1 < len(c) <= 150 and to_number(c) is None
                            and not c.startswith("http"))
    if field_name == "country":
        return 0.5 * _share(cells, lambda c: len(c) <= 40 and to_number(c) is None)
    if field_name == "posted_date":
        return 0.5 * _share(cells, lambda c: bool(_DATE.search(c)))
    if field_name == "workplace":
        share = _share(cells, lambda c: c.strip().lower() in FLAG_VALUES or bool(
            WORKPLACE_VALUE.search(c)))
        return 0.5 * share if share >= 0.5 else -0.5
    if field_name == "source_id":
        return 0.3 * (len(set(cells)) / len(cells))
    return 0.0


def match_columns(
    header: list[str],
    rows: list[list],
    *,
    mapping: dict[str, str] | None = None,
) -> tuple[dict[str, int | None], list[ColumnMatch]]:
    """Field → column index for a table (`header`, sample `rows`), and the matches made.

    A column scores name + values for each field; the best pairs are taken first, each column
    once. `mapping` (field → column name) fixes fields before any scoring.

    >>> header = ["Job Title", "Company", "comp_min", "comp_max", "comp_period", "currency_code"]
    >>> rows = [["Data Scientist", "Acme", "120000", "150000", "yearly", "USD"],
    ...         ["Analyst", "Beta", "30", "45", "hourly", "USD"]]
    >>> columns, _ = match_columns(header, rows)
    >>> found = {f: header[i] for f, i in columns.items() if i is not None}
    >>> found  # doctest: +NORMALIZE_WHITESPACE
    {'title': 'Job Title', 'employer': 'Company', 'pay_min': 'comp_min', 'pay_max': 'comp_max',
     'pay_period': 'comp_period', 'pay_currency': 'currency_code'}
    """
    columns: dict[str, int | None] = {field_name: None for field_name in FIELDS}
    matches: list[ColumnMatch] = []
    taken: set[int] = set()
    for field_name, column in (mapping or {}).items():
        if field_name in columns and column in header:
            index = header.index(column)
            columns[field_name] = index
            taken.add(index)
            matches.append(ColumnMatch(field_name, column, 1.0, "column mapping"))
    candidates = []
    for index, name in enumerate(header):
        if index in taken:
            continue
        named = name_scores(name)
        if not named:
            continue
        cells = column_cells(rows, index)
        for field_name, name_score in named.items():
            if columns[field_name] is not None:
                continue
            value = _value_score(field_name, cells)
            score = name_score * 0.6 + value if cells else name_score * 0.6
            why = f"name {name_score:.1f}" + (f", values {value:+.2f}" if cells else ", no values")
            candidates.append((score, -index, field_name, index, name, why))
    for score, _, field_name, index, name, why in sorted(candidates, reverse=True):
        if score < MIN_SCORE or columns[field_name] is not None or index in taken:
            continue
        columns[field_name] = index
        taken.add(index)
        matches.append(ColumnMatch(field_name, str(name), score, why))
    _prefer_text_or_range(columns)
    _qualifiers_of_other_amounts(header, columns)
    # The manifest reports only the fields kept (a lone currency column qualifies nothing).
    return columns, [m for m in matches if columns[m.field] is not None]


# Names of the parts a place is split into (city in one column, state or region in another).
PLACE_PART_WORDS = frozenset({"state", "region", "province", "county", "prefecture"})


def place_parts(header: list[str], columns: dict[str, int | None]) -> list[int]:
    """Columns that complete the location column: "location.region" beside "location.city",
    "state" beside "city" (not the country, which has its own field).

    >>> place_parts(["title", "city", "state"], {"location": 1, "country": None})
    [2]
    """
    index = columns.get("location")
    if index is None:
        return []
    taken = {i for i in columns.values() if i is not None}
    return [i for i, name in enumerate(header)
            if i not in taken and set(column_words(name)) & PLACE_PART_WORDS
            and len(column_words(name)) <= 2]


def _qualifiers_of_other_amounts(header: list[str], columns: dict[str, int | None]) -> None:
    """Drop a period or currency column that names other amounts than the range's: NYC's
    "actual_pay_basis" ("per Day") belongs to "actual_base_salary" (what an employee is paid),
    not to "posting_salary_range_from/to" (the posted annual range). Its own words, past the
    pay and period words, must appear in an amount column other than the range's and in
    neither range column.

    >>> header = ["title", "posting_salary_range_from", "posting_salary_range_to",
    ...           "actual_base_salary", "actual_pay_basis"]
    >>> columns = {"pay_min": 1, "pay_max": 2, "pay_text": 3, "pay_period": 4, "pay_currency": None}
    >>> _qualifiers_of_other_amounts(header, columns); columns["pay_period"] is None
    True
    """
    ranges = [columns[f] for f in ("pay_min", "pay_max") if columns[f] is not None]
    if not ranges:
        return
    range_words = {w for i in ranges for w in column_words(header[i])}
    others = [set(column_words(name)) for i, name in enumerate(header)
              if i not in ranges and set(column_words(name)) & STRONG_PAY_WORDS]
    for field_name, own in (("pay_period", PERIOD_WORDS), ("pay_currency", CURRENCY_WORDS)):
        index = columns[field_name]
        if index is None:
            continue
        distinct = set(column_words(header[index])) - own - PAY_WORDS
        if distinct and not distinct & range_words and any(
                distinct & words for words in others if words != set(column_words(header[index]))):
            columns[field_name] = None


def _prefer_text_or_range(columns: dict[str, int | None]) -> None:
    """A max column alone is kept (an "up to" range); a period or currency column without any
    amount column has nothing to qualify and is dropped."""
    if columns["pay_min"] is None and columns["pay_max"] is None and columns["pay_text"] is None:
        columns["pay_period"] = None
        columns["pay_currency"] = None
