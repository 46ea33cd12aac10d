"""The command line as a user runs it: output, error messages and exit codes."""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_no_command_prints_help_with_usage_exit_code():
    result = run()
    assert result.returncode == 2 and "ingest" in result.stdout and "report" in result.stdout


def test_summarize_prints_csv_for_the_sample(capsys):
    assert main(["summarize", "--by", "role_family,level"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert {"role_family", "level", "n_postings", "annual_mid_median"} <= set(table.columns)
    assert (table["annual_mid_p25"] <= table["annual_mid_p75"]).all()
    assert "research scientist" in set(table["role_family"])


def test_summarize_csv_is_rounded_unless_exact(capsys):
    from analysis.formats import column_kind

    assert main(["summarize", "--by", "metro"]) == 0
    rounded = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    money = [c for c in rounded.columns if column_kind(c) == "money"]
    assert "annual_mid_median_low" in money and "spread_median" not in money
    decimals = rounded[money].stack().str.partition(".")[2].str.len()
    assert decimals.max() <= 2  # to the cent
    assert rounded["spread_median"].str.partition(".")[2].str.len().max() <= 4
    assert main(["summarize", "--by", "metro", "--exact"]) == 0
    exact = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert exact[money].stack().str.partition(".")[2].str.len().max() > 2  # full precision
    pd.testing.assert_series_equal(exact["annual_mid_median_low"].astype(float).round(2),
                                   rounded["annual_mid_median_low"].astype(float))
    assert list(exact.columns) == list(rounded.columns)


def test_summarize_unknown_column_is_a_clear_error(capsys):
    assert main(["summarize", "--by", "planet"]) == 2
    assert "unknown column 'planet'" in capsys.readouterr().err


def test_summarize_and_compare_read_only_the_columns_they_need(capsys, monkeypatch):
    from analysis import store
    from analysis.analyses.compare import compare_groups
    from analysis.analyses.summary import COMPARABLE_COLUMNS, band_summary

    read = []
    reader = store.read_bands
    monkeypatch.setattr(store, "read_bands",
                        lambda data, columns=None: read.append(columns) or reader(data,
                                                                                  columns=columns))
    assert main(["summarize", "--by", "role_family,level", "--exact"]) == 0
    assert read == [["role_family", "level", *COMPARABLE_COLUMNS]]
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    whole = band_summary(store.load_bands(), by=["role_family", "level"])
    pd.testing.assert_frame_equal(printed, pd.read_csv(io.StringIO(whole.to_csv(index=False))))
    assert main(["compare", "--role-family", "software engineer", "--exact"]) == 0
    assert read[-1] == ["metro", *COMPARABLE_COLUMNS, "role_family"]
    bands = store.load_bands()
    whole = compare_groups(bands.loc[bands["role_family"] == "software engineer"])
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert printed["index"].tolist() == pytest.approx(whole["index"].tolist(), rel=1e-12)
    read.clear()
    assert main(["summarize", "--by", "metro,planet"]) == 2  # from the schema: no data read
    assert read == [] and "unknown column 'planet'" in capsys.readouterr().err


def test_compare_prints_index_against_sunnyvale(capsys):
    assert main(["compare", "--role-family", "software engineer"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("metro")
    assert table.loc["San Jose-Sunnyvale-Santa Clara, CA", "index"] == 100


def test_compare_adjust_keeps_its_interval_columns_and_counts_employers(capsys):
    assert main(["compare", "--adjust", "role_family,level"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert {"index", "index_low", "index_high", "employers"} <= set(table.columns)
    # no interval is claimed for a metro with fewer than MIN_EMPLOYERS employers
    few = table.loc[~table["is_reference"] & (table["employers"] < 5)]
    assert few["index_low"].isna().all()
    many = table.loc[~table["is_reference"] & (table["employers"] >= 5)]
    assert len(many) and many["index_low"].notna().all()


def test_ingest_reports_counts(tmp_path):
    raw = tmp_path / "board.csv"
    raw.write_text(
        'title,company,location,salary\nData Scientist,Acme,"Austin, TX",$120K\n'
        ',Acme,"Austin, TX",$120K\n'
    )
    result = run("ingest", str(raw), "--snapshot", "t1", "--out", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    assert "records in   2" in result.stdout and "missing title: 1" in result.stdout
    assert (tmp_path / "store" / "t1" / "bands.parquet").exists()


def test_ingest_with_jobs_writes_the_same_snapshot(tmp_path):
    rows = "".join(f'Engineer {i},Acme {i % 7},"Austin, TX",${100 + i % 50}K\n'
                   for i in range(5_200))  # over the parallel threshold
    raw = tmp_path / "board.csv"
    raw.write_text("title,company,location,salary\n" + rows)
    for jobs in ("1", "2"):
        result = run("ingest", str(raw), "--snapshot", "t", "--jobs", jobs,
                     "--out", str(tmp_path / f"store{jobs}"))
        assert result.returncode == 0, result.stderr
    for name in ("bands.parquet", "places.parquet", "quarantine.csv"):
        one = (tmp_path / "store1" / "t" / name).read_bytes()
        assert one == (tmp_path / "store2" / "t" / name).read_bytes(), name


@pytest.mark.parametrize("label", ["ABSOLUTE", "..", ".", "a/b", "", "-rf", "x" * 65])
def test_a_snapshot_label_is_never_a_path(tmp_path, label):
    # Once, `--snapshot /some/abs/path` replaced a folder outside the store.
    raw = tmp_path / "board.csv"
    raw.write_text('title,company,location,salary\nData Scientist,Acme,"Austin, TX",$120K\n')
    victim = tmp_path / "precious"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    label = str(victim) if label == "ABSOLUTE" else label
    store = tmp_path / "store"
    result = run("ingest", str(raw), f"--snapshot={label}", "--out", str(store))
    assert result.returncode == 2 and "is not a safe name" in result.stderr
    assert "Traceback" not in result.stderr
    assert (victim / "keep.txt").read_text() == "mine"
    assert not store.exists() or not any(store.iterdir())


def test_an_out_that_is_a_file_is_a_clear_error(tmp_path):
    raw = tmp_path / "board.csv"
    raw.write_text('title,company,location,salary\nData Scientist,Acme,"Austin, TX",$120K\n')
    taken = tmp_path / "notes.txt"
    taken.write_text("mine")
    result = run("ingest", str(raw), "--out", str(taken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is a file, not a folder" in result.stderr and taken.read_text() == "mine"


def test_ingest_missing_path_exits_2_naming_it(tmp_path):
    result = run("ingest", str(tmp_path / "absent.csv"), "--out", str(tmp_path))
    assert result.returncode == 2 and "absent.csv" in result.stderr


@pytest.mark.parametrize(
    "texts",
    [
        [
            "$117,000/year to $173,000/year + bonus + equity + benefits",
            "Competitive",
            "",
            "$22.50/hr",
        ]
    ],
)
def test_parse_pay_writes_one_json_object_per_line(texts):
    result = run("parse-pay", stdin="\n".join(texts) + "\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == texts
    assert lines[0]["ranges"][0]["min"] == 117000 and lines[0]["ranges"][0]["period"] == "year"
    assert lines[1]["ranges"] == [] and lines[1]["reason"]


# not_base: None for base pay, else why the stated pay is not base ("OTE", "stipend", …).
CONTRACT_KEYS = {"text", "ranges", "is_estimate", "reason", "not_base"}
RANGE_KEYS = {
    "min",
    "max",
    "currency",
    "period",
    "period_inferred",
    "annual_min",
    "annual_max",
    "label",
}


def test_parse_pay_follows_the_contract():
    texts = [
        "Sunnyvale, CA: $150,000–$190,000 per year; New York, NY: $140,000–$180,000 per year",
        "$150K-$180K (Glassdoor est.)",
        "$23 - $29 Per Hour",
        "Up to £9,000",
        "DOE",
        "\u00a0",
        "$2,190 per week",
    ]
    result = run("parse-pay", "--currency", "AUD", stdin="\n".join(texts) + "\n")
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(texts)
    for line in lines:
        assert set(line) == CONTRACT_KEYS
        assert all(set(r) == RANGE_KEYS for r in line["ranges"])
        assert (line["reason"] is None) == bool(line["ranges"])
    multi, estimate, hourly, open_max, none, _, weekly = lines
    assert [r["label"] for r in multi["ranges"]] == ["Sunnyvale, CA", "New York, NY"]
    assert estimate["is_estimate"] and estimate["ranges"][0]["currency"] == "AUD"
    assert hourly["ranges"][0]["annual_min"] == 23 * 2080
    assert open_max["ranges"][0]["min"] is None and open_max["ranges"][0]["currency"] == "GBP"
    assert none["ranges"] == []
    assert weekly["ranges"][0]["period"] == "week" and not weekly["ranges"][0]["period_inferred"]


def test_diff_prints_counts_and_changed_postings(tmp_path):
    from analysis.store import ensure_sample_store

    store = ensure_sample_store()
    result = run("diff", str(store / "2026-10-01"), str(store / "2026-11-01"))
    assert result.returncode == 0
    assert "added: 218" in result.stderr and "unchanged:" in result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert set(table["status"]) == {"added", "removed", "rebanded"}
    shifts = run("diff", str(store / "2026-10-01"), str(store / "2026-11-01"), "--by", "metro")
    shift_table = pd.read_csv(io.StringIO(shifts.stdout))
    assert {"metro", "change", "change_low", "within_noise"} <= set(shift_table.columns)
    missing = run("diff", str(tmp_path / "nope"), str(store / "2026-11-01"))
    assert missing.returncode == 2 and "nope" in missing.stderr


def test_ingest_with_a_mapping_file_and_a_forced_format(tmp_path):
    raw = tmp_path / "export.csv"
    raw.write_text(
        'Posting Name,Org,Comp,Where\nData Scientist,Acme,"$120,000 - $150,000","Austin, TX"\n'
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "columns": {
                    "title": "Posting Name",
                    "employer": "Org",
                    "pay_text": "Comp",
                    "location": "Where",
                }
            }
        )
    )
    result = run(
        "ingest",
        str(raw),
        "--mapping",
        str(mapping),
        "--format",
        "csv",
        "--snapshot",
        "m",
        "--out",
        str(tmp_path / "store"),
    )
    assert result.returncode == 0, result.stderr
    bands = pd.read_parquet(tmp_path / "store" / "m" / "bands.parquet")
    assert bands[["employer", "annual_min", "metro"]].values.tolist() == [
        ["Acme", 120000, "Austin-Round Rock-San Marcos, TX"]
    ]
    bad = run("ingest", str(raw), "--format", "fax", "--out", str(tmp_path / "store"))
    assert bad.returncode == 2 and "unknown format 'fax'" in bad.stderr


ANALYSES = [  # command, a column its CSV must have
    (["compare", "--adjust", "role_family,level"], "index_low"),
    (
        [
            "benchmark",
            "--title",
            "Research Scientist, Machine Learning (PhD)",
            "--location",
            "Sunnyvale, CA",
            "--pay",
            "$117,000/year to $173,000/year + bonus + equity + benefits",
        ],
        "pct_mid",
    ),
    (["ladder", "--role-family", "software engineer"], "step_pct"),
    (["disclosure"], "share_with_pay"),
    (["disclosure", "--view", "uncovered"], "jurisdiction"),
    (["disclosure", "--view", "width"], "share_too_wide"),
    (["market"], "mid_position"),
    (["infer-levels"], "inferred_level"),
]


@pytest.mark.parametrize(("args", "column"), ANALYSES, ids=lambda a: str(a)[:30])
def test_analysis_commands_print_csv(capsys, args, column):
    assert main(args) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert column in table.columns and len(table) >= 1


def test_benchmark_needs_a_posting(capsys):
    assert main(["benchmark", "--title", "Data Scientist"]) == 2
    assert "--posting-id" in capsys.readouterr().err


def test_summarize_and_compare_csv_cannot_carry_a_formula(tmp_path, capsys):
    # Group keys come from postings: a metro or role family named "=HYPERLINK(...)" must reach
    # Excel as text.
    from factories import band_row, bands_frame

    rows = [band_row(posting_id=f"p{i}", employer=f"E{i % 6}", role_family="=HYPERLINK(1)",
                     metro=["@SUM(A1)", "San Jose-Sunnyvale-Santa Clara, CA"][i % 2])
            for i in range(24)]
    store = tmp_path / "store" / "t1"
    store.mkdir(parents=True)
    bands_frame(rows).to_parquet(store / "bands.parquet", index=False)
    (store / "manifest.json").write_text(json.dumps({"snapshot": "t1", "columns": []}))
    for command in (["summarize", str(store), "--by", "role_family,metro"],
                    ["compare", str(store)]):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out and ",@SUM" not in out
        assert "'=HYPERLINK(1)" in out or "'@SUM(A1)" in out


def test_a_bug_is_one_line_without_debug_and_a_traceback_with_it(monkeypatch, capsys):
    import analysis.analyses.summary as summary

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(summary, "band_summary", broken)
    assert main(["summarize", "--by", "metro"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "--debug" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(RuntimeError, match="boom"):
        main(["summarize", "--by", "metro", "--debug"])


def test_bad_data_is_a_failure_not_a_usage_error(tmp_path, capsys):
    broken = tmp_path / "bands.parquet"
    broken.write_bytes(b"PAR1 not really parquet")
    assert main(["summarize", "--by", "metro", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("paybands summarize: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["ingest", "{tmp}/raw", "--out", "{tmp}/raw/board.csv"],          # --out a file
    ["ingest", "{tmp}/raw", "--snapshot", "/etc"],                    # a label that is a path
    ["ingest", "{tmp}/raw", "--mapping", "{tmp}/missing.json"],       # no mapping file
    ["ingest", "{tmp}/raw", "--format", "fax"],                       # unknown format
    ["ingest", "{tmp}/empty"],                                        # no raw files
    ["summarize", "--by", "metroo"],                                  # unknown column
    ["compare", "--across", "planet"],
    ["diff", "{tmp}/nope", "{tmp}/nope2"],                            # missing snapshots
    ["report", "--only", "99", "--out", "{tmp}/reports"],             # no such notebook
], ids=lambda a: " ".join(a[:3]))
def test_every_user_mistake_exits_2_with_one_line(tmp_path, capsys, args):
    (tmp_path / "raw").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "raw" / "board.csv").write_text("title,salary\nAnalyst,$90k\n")
    assert main([a.format(tmp=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"paybands {args[0]}: error:") and len(err.strip().splitlines()) == 1
    assert (tmp_path / "raw" / "board.csv").read_text().startswith("title")
