"""`paybands compa`: an employer's postings against the market, as a user runs it."""

import io
import sys
import types

import pandas as pd
import pytest
from compa_market import ACME_PREMIUM, ZONES, planted_compa_market

from analysis.cli import main


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("compa") / "bands.parquet"
    planted_compa_market().to_parquet(path, index=False)
    return str(path)


def test_compa_prints_a_row_per_band_and_the_summary_on_stderr(data, capsys):
    assert main(["compa", data, "--employer", "acme"]) == 0
    captured = capsys.readouterr()
    table = pd.read_csv(io.StringIO(captured.out))
    assert len(table) == 30 and set(table["employer"]) == {"Acme"}
    placed = table.loc[table["status"] == "ok"]
    assert placed["compa_ratio"].sub(ACME_PREMIUM).abs().max() < 0.03
    assert table.loc[table["posting_id"] == "acme-thin", "status"].item() == "too few peers"
    cents = placed["peer_annual_mid_median"] * 100
    assert cents.sub(cents.round()).abs().max() < 1e-6  # money to the cent
    line = captured.err.strip()
    assert line.startswith("paybands compa: Acme: 25 of 29 postings placed against metro peers")
    assert "median compa-ratio 1.10 (95% interval " in line and "100% above 1.05" in line
    assert "not placed: 1 no pay, 1 other currency, 1 no level, 1 too few peers" in line


def test_quiet_leaves_stderr_empty(data, capsys):
    assert main(["compa", data, "--employer", "Acme", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_summary_prints_the_one_row_summary_as_csv(data, capsys):
    assert main(["compa", data, "--employer", "Parco", "--summary"]) == 0
    captured = capsys.readouterr()
    summary = pd.read_csv(io.StringIO(captured.out))
    assert len(summary) == 1 and summary["placed"].item() == 12
    assert summary["median_compa_ratio_low"].item() <= 1.0 <= summary[
        "median_compa_ratio_high"].item()
    assert captured.err == ""


def test_an_unknown_employer_exits_2_naming_the_closest(data, capsys):
    assert main(["compa", data, "--employer", "Acmee"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("paybands compa: error: unknown employer 'Acmee'")
    assert "did you mean 'Acme'?" in err and len(err.strip().splitlines()) == 1


def test_zone_peers_come_from_pay_zones(data, capsys, monkeypatch):
    seen = {}

    def pay_zones(bands, *, currency="USD"):
        seen["currency"] = currency
        return ZONES

    fake = types.ModuleType("analysis.analyses.zones")
    fake.pay_zones = pay_zones
    monkeypatch.setitem(sys.modules, "analysis.analyses.zones", fake)
    assert main(["compa", data, "--employer", "Acme", "--peers", "zone", "--quiet"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    thin = table.set_index("posting_id").loc["acme-thin"]
    assert (thin["zone"], thin["status"], thin["n_peers"]) == ("zone 1", "ok", 6)
    assert seen == {"currency": "USD"}


def test_employer_is_required(capsys):
    with pytest.raises(SystemExit) as done:
        main(["compa"])
    assert done.value.code == 2 and "--employer" in capsys.readouterr().err


def test_peers_by_real_pay_zones_on_the_sample(capsys):
    import io

    import pandas as pd

    from analysis.analyses.zones import pay_zones
    from analysis.store import load_bands

    assert main(["compa", "--employer", "fathom insights", "--peers", "zone", "--quiet"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    zones = pay_zones(load_bands()).set_index("metro")["zone"]
    placed = table.dropna(subset=["zone"])
    assert len(placed) and (placed["zone"] == placed["zone"].round()).all()
    assert (placed["zone"].astype(int) == placed["metro"].map(zones).astype(int)).all()
    assert placed["peer_group"].str.contains(r"in zone \d+$").all()


def test_ranges_of_one_real_pay_zone_price_only_its_metros(capsys):
    import io

    import pandas as pd

    assert main(["ranges", "--role-family", "software engineer", "--zone", "1", "--quiet"]) == 0
    one = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main(["ranges", "--role-family", "software engineer", "--metro",
                 "San Jose-Sunnyvale-Santa Clara, CA", "--quiet"]) == 0
    san_jose = pd.read_csv(io.StringIO(capsys.readouterr().out))
    # on the sample, zone 1 is San Jose alone: the same structure
    pd.testing.assert_frame_equal(one, san_jose)
