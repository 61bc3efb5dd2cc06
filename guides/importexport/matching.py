"""Which guide an imported row is about: guides are matched by item code (事项编码), and only a published value
holds a code.

**Who holds an item code.**

1. A live guide holds the item code it was published with. (The page row of a live page is its published
   version; an editor's later draft waits in a revision and changes nothing there.)
2. A guide taken offline (unpublished) holds the item code of its last published revision, even if a draft
   saved since then has another one (the row of a page that is not live is its latest draft).
3. A draft holds nothing: neither a guide that was never published nor the unpublished change of a published
   one. Editors save drafts freely, in any department (a plain draft is never refused), so a draft must not
   decide what an import does.

**What an import does with each item code of the file.**

- Held by one live guide: that guide is updated, unless it has unpublished changes (a draft, or a revision in
  review): then the file is refused, so an editor's work is never overwritten.
- Held by a guide taken offline: refused; an import does not bring back what someone took offline.
- Held by several guides (possible only in data older than this rule): refused, naming them.
- Held by none: a new guide is created and published, even if a draft carries the same code. That draft then
  cannot be published with the code (the editor form's rule: the code is taken); the import neither blocks on
  it nor writes into it.

A file lists each code once (parse.py) and a guide is created only for a code nobody holds, so an imported guide
never takes another guide's published code: the import answers the publishing rules' "is the item code taken?"
itself (plan.py). A new guide's 网址名称, when the file leaves it empty, is its item code, made unique among its
siblings (…-2, …-3) should a draft have taken it.
"""

from django.utils.translation import gettext as _

from guides.models import GuidePage

from .problems import Problem

MAX_SLUG_SUFFIX = 100


def holders(codes, site):
    """{code: (live guides, offline guides)} holding each of `codes` on `site`, as the module's rule says."""
    return (
        GuidePage.objects.select_related("department", "catalogue_item")
        .prefetch_related("materials__material", "fees", "steps", "halls__hall")
        .holders(codes, site)
    )


def match(record, held, header):
    """(the live guide the record updates or None for a new guide, problems) for one record of the file."""
    live, offline = held
    code = record.item_code
    if len(live) + len(offline) > 1:
        titles = "、".join(page.title for page in [*live, *offline])
        message = _("事项编码「%(code)s」同时属于多篇指南：%(titles)s；请先在后台改正") % {
            "code": code,
            "titles": titles,
        }
        return None, [Problem(record.location, message, header)]
    if offline:
        message = _("事项编码「%(code)s」属于已下线的指南「%(title)s」；导入不会让下线的指南重新上线，请先在后台处理")
        return None, [Problem(record.location, message % {"code": code, "title": offline[0].title}, header)]
    return (live[0] if live else None), []


def free_slug(base, index, taken):
    """`base`, or `base-2`, `base-3`, … : the first slug no page under `index` has and the file does not use."""
    for number in range(1, MAX_SLUG_SUFFIX + 1):
        slug = base if number == 1 else f"{base}-{number}"
        if slug not in taken and (index is None or GuidePage._slug_is_available(slug, index)):
            return slug
    return base
