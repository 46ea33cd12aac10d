"""A planted market for the compa-ratio tests: Acme pays 10 % above its peers in every cell, Parco
pays at par, and a few Acme postings cannot be placed, each for a known reason."""

import numpy as np
import pandas as pd
from factories import NO_PAY, band_row, bands_frame

SJ = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"
SEATTLE = "Seattle-Tacoma-Bellevue, WA"
METROS = {SJ: 1.25, AUSTIN: 1.0, SEATTLE: 1.2}
FAMILIES = {"software engineer": 1.0, "data scientist": 0.95}
LEVELS = {"mid": 1.3, "senior": 1.7}
BASE = 100_000.0
ACME_PREMIUM = 1.10
PEER_EMPLOYERS = 10  # E0 ... E9, two postings in every cell
# Sunnyvale and Seattle pay alike; Austin is its own zone.
ZONES = pd.DataFrame({"metro": [SJ, SEATTLE, AUSTIN], "zone": ["zone 1", "zone 1", "zone 2"]})


def cell_pay(family: str, level: str, metro: str) -> float:
    """The market's median midpoint of a cell, as planted."""
    return BASE * FAMILIES[family] * LEVELS.get(level, 2.2) * METROS[metro]


def posting(pid: str, employer: str, family: str, level: str | None, metro: str, mid: float,
            **extra) -> dict:
    """A closed band of ±15 % around `mid`."""
    low, high = round(mid * 0.85, 2), round(mid * 1.15, 2)
    title = f"{(level or '').title()} {family.title()}".strip()
    pay = dict(pay_min=low, pay_max=high, annual_min=low, annual_max=high,
               annual_mid=(low + high) / 2, pay_text=f"${low:,.0f} - ${high:,.0f}")
    return band_row(**{**dict(posting_id=pid, employer=employer, title=title, role_family=family,
                              level=level, track="ic", metro=metro, city=metro.split("-")[0],
                              state=metro[-2:]), **pay, **extra})


def planted_compa_market(seed: int = 0) -> pd.DataFrame:
    """The bands: twelve cells (2 role families x 2 levels x 3 metros), each with two postings
    of each of ten peer employers (employer premium sd 2 %, centred; posting noise sd 1 %),
    two Acme postings at 1.10 x the cell's pay and one Parco posting at par (noise sd 0.5 %).
    Besides:

    - acme-two: one posting, two bands (senior software engineer in Sunnyvale and in Austin);
    - acme-thin: a staff software engineer in Sunnyvale, where three peer employers post
      (three more post in Seattle, the same zone);
    - acme-nopay, acme-eur, acme-nolevel: no pay, pay in EUR, no level.
    """
    rng = np.random.default_rng(seed)
    effects = rng.normal(0, 0.02, PEER_EMPLOYERS)
    effects -= np.median(effects)  # the market's median pay is the cell's pay
    rows = []
    for family in FAMILIES:
        for level in LEVELS:
            for m, metro in enumerate(METROS):
                pay = cell_pay(family, level, metro)
                cell = f"{family[:2]}-{level}-{m}"
                for e in range(PEER_EMPLOYERS):
                    for k in range(2):
                        mid = pay * np.exp(effects[e] + rng.normal(0, 0.01))
                        rows.append(posting(f"E{e}-{cell}-{k}", f"E{e}", family, level, metro,
                                            mid))
                for k in range(2):
                    mid = pay * ACME_PREMIUM * np.exp(rng.normal(0, 0.005))
                    rows.append(posting(f"acme-{cell}-{k}", "Acme", family, level, metro, mid))
                rows.append(posting(f"parco-{cell}", "Parco", family, level, metro,
                                    pay * np.exp(rng.normal(0, 0.005))))
    for band, metro in enumerate((SJ, AUSTIN)):
        rows.append(posting("acme-two", "Acme", "software engineer", "senior", metro,
                            cell_pay("software engineer", "senior", metro) * ACME_PREMIUM,
                            band=band))
    for e, metro in enumerate([SJ] * 3 + [SEATTLE] * 3):
        mid = cell_pay("software engineer", "staff", metro) * np.exp(rng.normal(0, 0.03))
        rows.append(posting(f"staff-{e}", f"E{e}", "software engineer", "staff", metro, mid))
    rows.append(posting("acme-thin", "Acme", "software engineer", "staff", SJ,
                        cell_pay("software engineer", "staff", SJ) * ACME_PREMIUM))
    rows.append(posting("acme-nopay", "Acme", "software engineer", "mid", AUSTIN, 1.0,
                        **{**NO_PAY, "pay_text": "competitive"}))
    rows.append(posting("acme-eur", "Acme", "software engineer", "mid", AUSTIN, 90_000.0,
                        currency="EUR"))
    rows.append(posting("acme-nolevel", "Acme", "software engineer", None, AUSTIN, 140_000.0))
    return bands_frame(rows)


def premium_market(seed: int, *, peer_employers: int = 10, employer_sd: float = 0.10,
                   posting_sd: float = 0.05, premium: float = ACME_PREMIUM) -> pd.DataFrame:
    """A noisier market for interval coverage: the same `peer_employers` post two bands in each
    of the twelve cells (so one employer's premium moves every cell's median), with premiums of
    log sd `employer_sd`; Acme posts two at `premium` x the cell's pay, noise `posting_sd`.
    Only the columns the compa-ratio reads, unvalidated, for speed."""
    rng = np.random.default_rng(seed)
    effects = rng.normal(0, employer_sd, peer_employers)
    rows = []
    for family in FAMILIES:
        for level in LEVELS:
            for metro in METROS:
                pay = cell_pay(family, level, metro)
                for e in range(peer_employers):
                    for _ in range(2):
                        rows.append((f"E{e}", family, level, metro,
                                     pay * np.exp(effects[e] + rng.normal(0, posting_sd))))
                for _ in range(2):
                    rows.append(("Acme", family, level, metro,
                                 pay * premium * np.exp(rng.normal(0, posting_sd))))
    bands = pd.DataFrame(rows, columns=["employer", "role_family", "level", "metro",
                                        "annual_mid"])
    return bands.assign(posting_id=[f"p{i}" for i in range(len(bands))], band=0, title="x",
                        has_pay=True, currency="USD", annual_min=bands["annual_mid"] * 0.85,
                        annual_max=bands["annual_mid"] * 1.15)
