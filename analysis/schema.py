"""The bands table: one row per (posting, pay band), declared once, enforced where it is produced.

Column names carry their meaning (DESIGN.md); money columns are in the posting's own currency.
`validate_bands` coerces dtypes and reports every failure at once (pandera's lazy validation).
"""

import sys
import types

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from analysis.normalize.vocabulary import (
    LEVELS,
    PAY_SOURCES,
    PERIOD_FACTORS,
    PERIODS,
    PLACE_METHODS,
    TITLE_METHODS,
    TRACKS,
)

LEVEL_DTYPE = pd.CategoricalDtype(list(LEVELS), ordered=True)

# Relative tolerance when checking annual = amount × factor (floating point only).
_ANNUAL_RTOL = 1e-6

# pandera looks for Dask by importing dask.dataframe (0.8 s) the first time it builds a schema
# model, whether or not a Dask frame is ever validated. The bands table is a pandas frame: pandera
# is told Dask is absent, so every command starts as fast with the Dask engine installed as
# without (analysis.engines.dask imports Dask itself, when asked for).
_NO_DASK = types.ModuleType("pandera.typing.dask")
_NO_DASK.DASK_INSTALLED = False
sys.modules.setdefault("pandera.typing.dask", _NO_DASK)


class Bands(pa.DataFrameModel):
    """Contract for the bands table every module shares."""

    posting_id: Series[str]
    band: Series[int] = pa.Field(ge=0)
    snapshot: Series[str]
    source: Series[str]
    source_file: Series[str]
    url: Series[str] = pa.Field(nullable=True)
    employer: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    role_family: Series[str] = pa.Field(nullable=True)
    level: Series[LEVEL_DTYPE] = pa.Field(nullable=True)
    track: Series[str] = pa.Field(isin=list(TRACKS))
    is_phd: Series[bool]
    soc_code: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{2}-\d{4}$")
    occupation: Series[str] = pa.Field(nullable=True)
    title_method: Series[str] = pa.Field(isin=list(TITLE_METHODS))
    location_raw: Series[str] = pa.Field(nullable=True)
    city: Series[str] = pa.Field(nullable=True)
    state: Series[str] = pa.Field(nullable=True)
    county: Series[str] = pa.Field(nullable=True)
    country: Series[str] = pa.Field(nullable=True, str_length=2)
    metro: Series[str] = pa.Field(nullable=True)
    is_remote: Series[bool]
    is_hybrid: Series[bool]
    remote_scope: Series[str] = pa.Field(nullable=True)
    n_places: Series[int] = pa.Field(ge=0)
    place_method: Series[str] = pa.Field(isin=list(PLACE_METHODS))
    pay_text: Series[str] = pa.Field(nullable=True)
    band_label: Series[str] = pa.Field(nullable=True)
    has_pay: Series[bool]
    pay_min: Series[float] = pa.Field(gt=0, nullable=True)
    pay_max: Series[float] = pa.Field(gt=0, nullable=True)
    pay_period: Series[str] = pa.Field(isin=list(PERIODS), nullable=True)
    period_inferred: Series[bool]
    currency: Series[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$")
    annual_min: Series[float] = pa.Field(gt=0, nullable=True)
    annual_max: Series[float] = pa.Field(gt=0, nullable=True)
    annual_mid: Series[float] = pa.Field(gt=0, nullable=True)
    is_estimate: Series[bool]
    pay_source: Series[str] = pa.Field(nullable=True, isin=list(PAY_SOURCES))
    pay_note: Series[str] = pa.Field(nullable=True)
    has_bonus: Series[bool]
    has_equity: Series[bool]
    has_commission: Series[bool]
    has_tips: Series[bool]
    posted_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    duplicates: Series[int] = pa.Field(ge=0)  # extra identical copies collapsed into this row

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = ["posting_id", "band"]

    @pa.dataframe_check
    def min_not_above_max(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["pay_min"] > df["pay_max"])

    @pa.dataframe_check
    def has_pay_means_an_amount(cls, df: pd.DataFrame) -> Series[bool]:
        has_amount = df["pay_min"].notna() | df["pay_max"].notna()
        return df["has_pay"] == has_amount

    @pa.dataframe_check
    def annual_is_amount_times_factor(cls, df: pd.DataFrame) -> Series[bool]:
        factor = df["pay_period"].map(PERIOD_FACTORS).astype(float)
        ok = pd.Series(True, index=df.index)
        for amount, annual in (("pay_min", "annual_min"), ("pay_max", "annual_max")):
            expected = df[amount] * factor
            both = expected.notna() & df[annual].notna()
            close = (df[annual] - expected).abs() <= _ANNUAL_RTOL * expected.abs()
            ok &= ~both | close
            ok &= expected.notna() == df[annual].notna()
        return ok


BANDS_COLUMNS = list(Bands.to_schema().columns)
# The places table (places.parquet beside bands.parquet): one row per posting × listed place.
PLACES_COLUMNS = ["posting_id", "place", "city", "state", "county", "country", "metro",
                  "place_method", "weight"]


def validate_bands(bands: pd.DataFrame) -> pd.DataFrame:
    """Return `bands` coerced to the contract; raise pandera's SchemaErrors listing all failures."""
    return Bands.validate(bands, lazy=True)


def empty_bands() -> pd.DataFrame:
    """A valid bands table with no rows (every column with its dtype)."""
    frame = pd.DataFrame({name: pd.Series(dtype="object") for name in BANDS_COLUMNS})
    return validate_bands(frame)


# The data dictionary printed on the report index; a test keeps it in step with the contract.
COLUMN_MEANINGS = {
    "posting_id": "Stable id of the posting within its source",
    "band": "Which of the posting's pay ranges this row is (0 for the first)",
    "snapshot": "The refresh this row belongs to",
    "source": "Kind of source (career page, Greenhouse, CSV export, public dataset …)",
    "source_file": "Input file the posting came from",
    "url": "Link to the posting, when known",
    "employer": "Employer name as posted, tidied",
    "title": "Job title as posted",
    "role_family": "Role family from the title (software engineer, data scientist …)",
    "level": "Level from the title (intern … vp), empty when the title states none",
    "track": "Individual contributor or management",
    "is_phd": "The title or requirements ask for a PhD",
    "soc_code": "SOC 2018 detailed occupation of the title (15-1252), when the title settles one",
    "occupation": "SOC title of the occupation (or of its minor group)",
    "title_method": "How the role was read: role pattern, exact SOC title, title words, unknown",
    "location_raw": "Location text as posted",
    "city": "City",
    "state": "State, province or region code (USPS in the US, ISO 3166-2 elsewhere)",
    "county": "US county of the city",
    "country": "ISO country code",
    "metro": "US metro area (CBSA name) of the city",
    "is_remote": "The posting can be done fully remotely",
    "is_hybrid": "The posting states hybrid work",
    "remote_scope": "Where remote work may be done (a country code, a region, worldwide)",
    "n_places": "How many places the posting lists (its first is in city … metro)",
    "place_method": "How the first place was read (city, state; zip; city; as written; unknown …)",
    "pay_text": "The pay text the range was read from",
    "band_label": "Label of a per-zone or per-location range",
    "has_pay": "The posting states pay",
    "pay_min": "Lower end as posted, in the posting's currency and period",
    "pay_max": "Upper end as posted",
    "pay_period": "Period the amounts are posted in (year, hour, …)",
    "period_inferred": "No period was stated; it was inferred from the amount",
    "currency": "ISO currency code",
    "annual_min": "Lower end annualized (hour × 2,080, day × 260, week × 52, month × 12 …)",
    "annual_max": "Upper end annualized",
    "annual_mid": "Midpoint of the annualized range",
    "is_estimate": "The range is a job board's estimate, not the employer's",
    "pay_source": "Where the pay was read: structured field, pay column (text), or description",
    "pay_note": "Why stated pay is not a base band (OTE, total compensation, implausible …)",
    "has_bonus": "The posting mentions a bonus",
    "has_equity": "The posting mentions equity",
    "has_commission": "The posting mentions commission",
    "has_tips": "The posting mentions tips",
    "posted_date": "Date the posting was published, when known",
    "duplicates": "Identical copies collapsed into this row",
}
