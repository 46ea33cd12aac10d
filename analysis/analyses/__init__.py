"""Analyses: pure functions, bands DataFrame in, tidy DataFrame out; one module per question.

None of them draws or words anything: charts live in :mod:`analysis.plot`, sentences in
:mod:`analysis.findings`, intervals and minimum-n rules in :mod:`analysis.stats`.
"""
