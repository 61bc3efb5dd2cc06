"""好差评 figures for one guide: shown only once enough people have rated, so one vote cannot mislead."""

from dataclasses import dataclass

MINIMUM_RATINGS = 10
GOOD_FROM = 3  # 非常满意, 满意 and 基本满意 count as 好评, as on the national 好差评 system


@dataclass(frozen=True)
class Satisfaction:
    total: int
    good: int

    @property
    def share(self):
        return self.good / self.total


def satisfaction(ratings, minimum=MINIMUM_RATINGS):
    """The satisfaction of a list of ratings (1–5), or None while there are fewer than `minimum`."""
    ratings = list(ratings)
    if len(ratings) < minimum:
        return None
    return Satisfaction(total=len(ratings), good=sum(1 for rating in ratings if rating >= GOOD_FROM))
