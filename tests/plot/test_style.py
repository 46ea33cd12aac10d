"""Chart titles: a long finding wraps to the room left beside the category labels."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from analysis.plot.style import finding_title  # noqa: E402

TITLE = ("Healthcare diagnosing or treating practitioners bands sit highest, customer support "
         "lowest: median midpoints $258k and $56k")


def _title_lines(labels: list[str]) -> int:
    fig, ax = plt.subplots(figsize=(9, 5))
    ax.set_yticks(range(len(labels)), labels)
    finding_title(ax, TITLE)
    lines = ax.get_title(loc="left").count("\n") + 1
    plt.close(fig)
    return lines


def test_long_category_labels_give_the_title_less_room():
    short = _title_lines(["sales", "recruiter"])
    long = _title_lines(["healthcare diagnosing or treating practitioners", "sales"])
    assert long > short
