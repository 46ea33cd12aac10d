"""reports/index.html: what the data is, what each report found, how to rerun it.

Everything interpolated is HTML-escaped: titles and headlines are computed from postings.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

from analysis.analyses.coverage import headline_figures
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SMALL_N
from analysis.normalize.vocabulary import PERIOD_FACTORS
from analysis.schema import COLUMN_MEANINGS
from analysis.store import data_origin, paybands_version, read_bands, read_manifest

STYLE = """
 body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
        max-width: 1000px; margin: 0 auto; padding: 28px 32px 64px; line-height: 1.5; }
 h1 { font-size: 30px; margin: 0 0 4px; } h2 { font-size: 20px; margin-top: 32px; }
 .purpose { font-size: 17px; color: #333; margin: 0 0 6px; }
 .stamp { color: #666; font-size: 13px; }
 .notice { background: #fff8db; border: 1px solid #f0e0a0; border-radius: 6px; padding: 6px 12px;
           font-size: 13.5px; color: #5a4a00; }
 .facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }
 .fact { background: #f4f6f8; border-radius: 8px; padding: 10px 14px; flex: 1 1 0;
         min-width: 96px; }
 .fact b { display: block; font-size: 24px; } .fact span { color: #555; font-size: 13px; }
 .digest { border-left: 4px solid #E69F00; background: #fdf6e8; padding: 8px 18px;
           border-radius: 4px; }
 ul.cards { list-style: none; padding: 0; display: grid; gap: 14px;
            grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); }
 .card { border: 1px solid #dcdcdc; border-radius: 8px; padding: 12px 18px; }
 .card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #0072B2;
                margin: 0; }
 .card h3 { font-size: 16.5px; margin: 4px 0 6px; line-height: 1.3; }
 .card h3 a { color: #111; text-decoration: none; } .card h3 a:hover { text-decoration: underline; }
 .card p { margin: 4px 0; font-size: 14px; color: #333; } .card .n { color: #777; font-size: 12px; }
 .card.failed { border-color: #D55E00; background: #fff5f0; }
 table.dictionary { border-collapse: collapse; font-size: 13px; }
 table.dictionary td { border-top: 1px solid #eee; padding: 3px 10px 3px 0; vertical-align: top; }
 details { margin: 10px 0; } summary { cursor: pointer; font-weight: 600; }
 footer { margin-top: 40px; font-size: 13.5px; color: #444; border-top: 1px solid #ddd; }
 code { background: #f2f2f2; padding: 1px 4px; border-radius: 3px; }
"""


def write_index(
    results: list,
    *,
    data_path: Path,
    out: Path,
    notice: str | None = None,
    currencies: tuple[str, ...] = (DEFAULT_CURRENCY,),
) -> Path:
    """Write out/index.html for `results` (ReportResult) computed on the snapshot `data_path`.

    `notice` (the synthetic-sample warning) is shown under the title; `currencies` are those the
    reports compared bands in (their `currency` parameter), named in the method note.
    """
    bands = read_bands(data_path)
    manifest = read_manifest(data_path) if data_path.is_dir() else {}
    # The headline facts are counts and shares of the whole snapshot, every currency included:
    # no money figure, so none needs a currency. Money appears only in the reports' headlines,
    # written in each report's currency.
    figures = headline_figures(bands)
    counts = manifest.get("counts", {})
    e = html.escape
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    facts = [
        ("Postings", f"{figures['postings']:,}"),
        ("Employers", f"{figures['employers']:,}"),
        ("Role families", f"{figures['role_families']:,}"),
        ("Metros", f"{figures['metros']:,}"),
        ("Postings with pay", f"{figures['share_with_pay']:.0%}"),
        ("Pay bands", f"{figures['bands']:,}"),
        ("Quarantined records", f"{counts.get('quarantined', 0):,}"),
    ]
    fact_html = "".join(
        f"<div class='fact'><b>{e(v)}</b><span>{e(k)}</span></div>" for k, v in facts
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paybands reports · snapshot {e(figures["snapshot"])}</title>
<style>{STYLE}</style></head>
<body>
<h1>Posted pay bands: what employers advertise</h1>
<p class="purpose">Every posted pay range turned into a comparable annual base-salary band, and
compared across roles, levels and locations.</p>
<p class="stamp">Snapshot <b>{e(figures["snapshot"])}</b> from {e(data_origin(data_path))}
&middot; generated {e(stamp)} &middot;
paybands {e(paybands_version())} &middot; annual base salary as posted</p>
{f'<p class="notice">{e(notice)}</p>' if notice else ""}
<div class="facts">{fact_html}</div>
{_digest(results)}
<h2>Reports</h2>
<ul class="cards">
{"".join(_card(r) for r in results)}
</ul>
<h2>Provenance</h2>
{_provenance(manifest, data_path)}
<footer>
<h2>Method</h2>
<p>Each posted range is read from the posting's text or structured data and annualized
({e(_annualization())}). Comparisons use closed ranges in {e(_currency_text(currencies))}
and medians of band midpoints, with {CONFIDENCE:.0%} bootstrap intervals ({N_BOOT:,}
resamples); groups under {SMALL_N} postings or {MIN_EMPLOYERS} employers are not read. Posted
pay is not paid pay, and base salary excludes bonus and equity.
Records that cannot be read are quarantined with a reason, never dropped.</p>
<details><summary>Data dictionary: the bands table (one row per posting &times; pay band)</summary>
<table class="dictionary">{"".join(
        f"<tr><td><code>{e(name)}</code></td><td>{e(meaning)}</td></tr>"
        for name, meaning in COLUMN_MEANINGS.items())}</table></details>
<h2>Rerun on your own data</h2>
<p><code>paybands ingest YOUR_FILES... --out STORE</code> keeps each refresh as a snapshot;
<code>paybands report STORE</code> rebuilds these reports on its newest snapshot and compares it
with the previous one. Parameters: <code>-p location "Austin, TX"</code>,
<code>-p focus_role "data scientist"</code>; <code>--only 04</code> runs one report.</p>
</footer>
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _currency_text(currencies: tuple[str, ...]) -> str:
    """"one currency (GBP)", or each report's when they differ; amounts are never converted.

    >>> _currency_text(("GBP",)), _currency_text(("USD", "GBP"))
    ('one currency (GBP)', "each report's currency (GBP, USD), never converted")
    """
    names = sorted(set(currencies)) or [DEFAULT_CURRENCY]
    if len(names) == 1:
        return f"one currency ({names[0]})"
    return f"each report's currency ({', '.join(names)}), never converted"


def _annualization() -> str:
    """"hour × 2,080, day × 260, …" from the one table of annual multipliers."""
    return ", ".join(f"{period} × {factor:,}" for period, factor in PERIOD_FACTORS.items()
                     if factor != 1)


def _card(result) -> str:
    e = html.escape
    label = f"<p class='label'>{e(result.label)}</p>"
    if result.html is None:
        return (f"<li class='card failed'>{label}<h3>Failed</h3>"
                f"<p>{e(result.error or 'unknown error')}</p></li>")
    sentences = "".join(f"<p>{e(s)}</p>" for s in result.headline)
    return (
        f"<li class='card'>{label}<h3><a href='{e(result.html.name)}'>{e(result.title)}</a></h3>"
        f"{sentences}<p class='n'>{e(result.stamp)}</p></li>"
    )


def _digest(results: list) -> str:
    """The 'what changed' box: report 07's headline, linked."""
    changes = next((r for r in results if r.name.startswith("07") and r.html), None)
    if changes is None:
        return ""
    e = html.escape
    return (
        f"<div class='digest'><h2>What changed</h2><p><b>{e(changes.title)}</b></p>"
        f"{''.join(f'<p>{e(s)}</p>' for s in changes.headline[1:2])}"
        f"<p><a href='{e(changes.html.name)}'>The full comparison →</a></p></div>"
    )


def _provenance(manifest: dict, data_path: Path) -> str:
    e = html.escape
    counts = manifest.get("counts", {})
    inputs = manifest.get("inputs", [])
    rows = [
        ("Data", str(data_path)),
        ("Snapshot", manifest.get("snapshot", "")),
        ("Ingested", str(manifest.get("created", ""))),
        ("Records in", f"{counts.get('records_in', 0):,}"),
        ("Postings", f"{counts.get('postings', 0):,}"),
        ("Pay bands", f"{counts.get('bands', 0):,}"),
        ("Quarantined", f"{counts.get('quarantined', 0):,}"),
        ("Counts reconcile", "yes" if manifest.get("reconciles") else "no"),
        ("Input files", f"{len(inputs):,}"),
    ]
    table = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows)
    files = "".join(
        f"<li><code>{e(str(i.get('file', '')))}</code> · {i.get('records', 0):,} records</li>"
        for i in inputs
    )
    return (
        f"<table class='dictionary'>{table}</table>"
        f"<details><summary>Source files ({len(inputs):,})</summary><ul>{files}</ul></details>"
    )
