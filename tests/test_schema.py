import pandas as pd
import pandera.pandas as pa
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.schema import BANDS_COLUMNS, empty_bands, validate_bands


def test_valid_row_passes_and_is_coerced():
    bands = bands_frame([band_row(), band_row(band=1, pay_text=None)])
    assert list(bands.columns) == BANDS_COLUMNS
    assert bands["level"].dtype == "category" and bands["level"].cat.ordered
    assert bands["level"].cat.categories[:2].tolist() == ["intern", "entry"]


def test_no_pay_row_passes():
    assert not bands_frame([band_row(**NO_PAY)])["has_pay"].iloc[0]


def test_empty_bands_is_valid():
    assert empty_bands().empty


BAD = [  # override, the check or column pandera must name
    ({"pay_min": -5.0, "annual_min": -5.0}, "pay_min"),
    ({"pay_min": 200000.0, "annual_min": 200000.0}, "min_not_above_max"),
    ({"pay_period": "fortnight"}, "pay_period"),
    ({"currency": "usd"}, "currency"),
    ({"track": "executive"}, "track"),
    ({"level": "wizard"}, "level"),
    ({"annual_min": 1.0}, "annual_is_amount_times_factor"),
    ({"has_pay": False}, "has_pay_means_an_amount"),
    ({"title": ""}, "title"),
]


# pandera coerces the unknown level before rejecting it; pandas warns about that coercion.
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
@pytest.mark.parametrize(("override", "named"), BAD)
def test_schema_rejects_bad_values(override, named):
    frame = pd.DataFrame([band_row(**override)], columns=BANDS_COLUMNS)
    with pytest.raises(pa.errors.SchemaErrors) as failure:
        validate_bands(frame)
    assert named in str(failure.value.failure_cases.to_string())


def test_schema_reports_every_failure_at_once():
    frame = pd.DataFrame([band_row(currency="usd", track="boss")], columns=BANDS_COLUMNS)
    with pytest.raises(pa.errors.SchemaErrors) as failure:
        validate_bands(frame)
    failed = set(failure.value.failure_cases["column"].dropna())
    assert {"currency", "track"} <= failed


def test_schema_rejects_duplicate_bands_and_unknown_columns():
    twice = pd.DataFrame([band_row(), band_row()], columns=BANDS_COLUMNS)
    with pytest.raises(pa.errors.SchemaErrors):
        validate_bands(twice)
    extra = pd.DataFrame([band_row()], columns=BANDS_COLUMNS).assign(salary=1)
    with pytest.raises(pa.errors.SchemaErrors):
        validate_bands(extra)
