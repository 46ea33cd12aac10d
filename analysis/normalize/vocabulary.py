"""Vocabularies shared by every stage: pay periods, the level ladder, tracks.

Messy-data knowledge specific to one stage (pay words, title synonyms, place names) lives in that
stage's module; what two or more modules must agree on lives here.
"""

# Annual multipliers for base pay (DESIGN.md): a full-time year is 2080 hours, 260 days, 52 weeks.
PERIOD_FACTORS = {
    "hour": 2080,
    "day": 260,
    "week": 52,
    "biweekly": 26,
    "semimonthly": 24,
    "month": 12,
    "year": 1,
}
PERIODS = tuple(PERIOD_FACTORS)

IC_LEVELS = (
    "intern",
    "entry",
    "mid",
    "senior",
    "staff",
    "senior staff",
    "principal",
    "distinguished",
)
MANAGEMENT_LEVELS = ("manager", "senior manager", "director", "vp")
# One ordered category for the level column: the IC ladder, then the management ladder.
LEVELS = IC_LEVELS + MANAGEMENT_LEVELS
TRACKS = ("ic", "management")
# Roles called "manager" that manage no function ("Product Manager", "Account Manager"): an
# individual contributor's track for the title parser, no function manager for the occupation
# classifier. Each adds the roles only it reads (analysis.normalize.titles, .occupations).
IC_MANAGER_ROLES = ("product", "program", "project", "account", "case", "customer success",
                    "relationship", "territory", "category", "community", "portfolio", "property")


# How a place was read from a location line, most direct first (analysis.normalize.locations):
# "unknown" means no place, or a name too ambiguous to place ("Springfield").
PLACE_METHODS = ("city, state", "city, country", "zip", "county", "region", "city", "state",
                 "country", "as written", "unknown")

# How a title's role was read (analysis.normalize.titles, analysis.normalize.occupations), most
# direct first: "employment prior" is a published title listed under several occupations, read
# as the one (or the group) most people hold.
TITLE_METHODS = ("role pattern", "exact title", "title words", "employment prior", "unknown")

# Where a band's pay was read, so analyses can include or exclude the less direct kinds:
# "structured" — amounts in their own fields (schema.org baseSalary, ATS ranges, min/max columns);
# "pay text" — a pay field or column written as text ("$120K - $150K (Glassdoor est.)");
# "description" — sentences of the posting's body (see analysis.normalize.pay_sentences).
PAY_SOURCES = ("structured", "pay text", "description")
