"""JobSpy's salary-from-text extraction, re-implemented for benchmarks/pay_throughput.py.

Source: python-jobspy, repository ``speedyapply/JobSpy``, file ``jobspy/util.py``, function
``extract_salary``, at commit ``da196d8cfe2d176845c1c2409fb40855845926f7``. JobSpy calls it from
``jobspy/__init__.py`` (``scrape_jobs``) on a posting's description when the scraper returned no
structured compensation and the country is the USA.

Re-implemented, not imported: python-jobspy's pins conflict with pandas 3. The regex, default
thresholds, conversion rules and return values below are the upstream ones, unchanged:

* the one pattern ``$X - $Y``: a "$" before the first number is required, before the second it
  is optional; dash, em dash or en dash between; each number is digits with at most one comma
  group and an optional decimal part; an optional ``k``/``K`` after each number;
* a ``k`` on either number multiplies both by 1000; numbers go through ``int(float(...))``;
* min < 350 -> "hourly" (annual = ×2080), else min < 30000 -> "monthly" (×12), else "yearly";
  the max is annualised only when it is under the same threshold, and without an annual max the
  result is empty;
* kept only when 1000 <= annual min, annual max <= 700000 and annual min < annual max;
* returns ``(interval, min, max, "USD")`` (the posted, not annualised, amounts unless
  ``enforce_annual_salary``), otherwise ``(None, None, None, None)``.

One difference, which does not change any result: upstream's ``CompensationInterval.X.value``
(jobspy/model.py) is written as the plain string it equals ("hourly", "monthly", "yearly"). The
inner helpers are defined on every call and the pattern is passed to ``re.search`` as a string
(compiled once by Python's ``re`` cache), as upstream does, so the per-call cost is comparable.
"""

from __future__ import annotations

import re

MIN_MAX_PATTERN = (
    r"\$(\d+(?:,\d+)?(?:\.\d+)?)([kK]?)\s*[-—–]\s*(?:\$)?(\d+(?:,\d+)?(?:\.\d+)?)([kK]?)"
)


def extract_salary(
    salary_str,
    lower_limit=1000,
    upper_limit=700000,
    hourly_threshold=350,
    monthly_threshold=30000,
    enforce_annual_salary=False,
):
    """(interval, min, max, currency) read from `salary_str`, or (None, None, None, None)."""
    if not salary_str:
        return None, None, None, None

    annual_max_salary = None
    min_max_pattern = MIN_MAX_PATTERN

    def to_int(s):
        return int(float(s.replace(",", "")))

    def convert_hourly_to_annual(hourly_wage):
        return hourly_wage * 2080

    def convert_monthly_to_annual(monthly_wage):
        return monthly_wage * 12

    match = re.search(min_max_pattern, salary_str)

    if match:
        min_salary = to_int(match.group(1))
        max_salary = to_int(match.group(3))
        # 'k' on either number scales both
        if "k" in match.group(2).lower() or "k" in match.group(4).lower():
            min_salary *= 1000
            max_salary *= 1000

        if min_salary < hourly_threshold:
            interval = "hourly"
            annual_min_salary = convert_hourly_to_annual(min_salary)
            if max_salary < hourly_threshold:
                annual_max_salary = convert_hourly_to_annual(max_salary)
        elif min_salary < monthly_threshold:
            interval = "monthly"
            annual_min_salary = convert_monthly_to_annual(min_salary)
            if max_salary < monthly_threshold:
                annual_max_salary = convert_monthly_to_annual(max_salary)
        else:
            interval = "yearly"
            annual_min_salary = min_salary
            annual_max_salary = max_salary

        if not annual_max_salary:
            return None, None, None, None
        if (
            lower_limit <= annual_min_salary <= upper_limit
            and lower_limit <= annual_max_salary <= upper_limit
            and annual_min_salary < annual_max_salary
        ):
            if enforce_annual_salary:
                return interval, annual_min_salary, annual_max_salary, "USD"
            return interval, min_salary, max_salary, "USD"
    return None, None, None, None
