"""Normalize: records → the bands table. Pay, titles, places, employers.

- :mod:`~analysis.normalize.pay` — pay text to ranges with period and currency;
- :mod:`~analysis.normalize.titles` — titles to role family, level, track, PhD flag;
- :mod:`~analysis.normalize.locations` — place text to city, state, country, metro, remote;
- :mod:`~analysis.normalize.employers` — one spelling per employer;
- :mod:`~analysis.normalize.vocabulary` — periods, levels and tracks every stage agrees on;
- :mod:`~analysis.normalize.bands` — records to bands rows and quarantined records.

Submodules are imported on use, so `paybands parse-pay` loads only the pay parser.
"""
