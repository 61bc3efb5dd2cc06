"""The demo's catalogue of standard items (事项目录), taken from the demo guides themselves.

A province would keep its catalogue first and its sites implement it; the demo has one city, so each demo guide
gives its item: the basic code inside its item code, its name, type, audience, legal basis and legal limit. The
guides then pass the catalogue rules by construction, and the catalogue report has every item to show.
"""

from .common import basic_code

CATALOGUE_FIELDS = ("item_type", "audience", "legal_basis", "legal_limit_days", "legal_limit_unit")


def catalogue_item(guide):
    """The catalogue row a demo guide row implements."""
    row = {"code": basic_code(guide["item_code"]), "name": guide["title"]}
    row.update({name: guide[name] for name in CATALOGUE_FIELDS if name in guide})
    return row


def catalogue(guides):
    """The catalogue rows of the demo guide rows, one per guide."""
    return [catalogue_item(guide) for guide in guides]
