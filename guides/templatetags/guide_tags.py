"""Small presentation helpers for the public templates."""

from collections.abc import Mapping
from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guides import limits
from guides.choices import OnlineLevel, Requirement, ServiceScope
from web.kept import Kept

register = template.Library()

KEY_FACTS = Kept(size=20_000)  # (guide, facts shown, language) -> one line of HTML, about 300 bytes
COUNT_LINES = Kept(size=1000)  # (the four numbers of material_count, language) -> its line, about 100 bytes


@register.filter
def percent(ratio):
    """0.4567 → "45.7%"; None → "—"."""
    if ratio is None:
        return "—"
    return f"{ratio * 100:.1f}%"


@register.filter
def query(filters):
    """A filter dict as a query string with its "?", or "" for none."""
    return f"?{urlencode(filters)}" if filters else ""


@register.simple_tag
def bar(ratio, label, css_class=""):
    """A one-row inline SVG bar for a share between 0 and 1, labelled for screen readers."""
    width = max(0.0, min(1.0, ratio or 0.0)) * 100
    return format_html(
        '<svg class="bar {}" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{}">'
        '<rect class="bar__track" width="100" height="10"></rect>'
        '<rect class="bar__fill" width="{}" height="10"></rect></svg>',
        css_class,
        label,
        f"{width:.2f}",
    )


@register.simple_tag
def limits_bar(legal, committed, longest, label):
    """Two stacked inline SVG bars comparing a guide's legal and committed limits on a shared scale."""
    scale = 100 / longest if longest else 0
    return format_html(
        '<svg class="bar bar--limits" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label="{}">'
        '<rect class="bar__legal" width="{}" height="5"></rect>'
        '<rect class="bar__fill" y="7" width="{}" height="5"></rect></svg>',
        label,
        f"{legal * scale:.2f}",
        f"{committed * scale:.2f}",
    )


@register.inclusion_tag("components/visits.html")
def visits(count):
    return {"count": count}


LIMIT_FORMS = ("list", "fact", "print", "cell")


@register.inclusion_tag("components/limit.html")
def limit(guide, form="list"):
    """A guide's time limit: 即办 when it commits to 0 days, else its committed days in their unit (工作日 or
    自然日, guides.limits.describe); a legal limit of 0 days reads 当场办结, never "0 个工作日".

    The form follows where it stands: "list" (guide lists and results: 承诺 N 个工作日), "fact" (the guide
    page's key fact under 承诺时限, with the legal limit and the limit note), "print" (the checklist: legal
    limit in brackets), "cell" (a table column already headed 承诺: 即办 or the days).
    Takes a guide, or one of the commitments board's rows (a dict with the same field names).
    """
    if form not in LIMIT_FORMS:
        raise ValueError(f"limit: form {form!r} is not one of {LIMIT_FORMS}")

    def field(name, default=None):
        return guide.get(name, default) if isinstance(guide, Mapping) else getattr(guide, name, default)

    committed = field("committed_limit_days")
    context = {
        "form": form,
        "instant": limits.is_instant(committed),
        "committed": limits.describe(committed, field("committed_limit_unit")),
    }
    if form in ("fact", "print"):
        # Only where shown: search results load only the fields a result shows.
        legal = field("legal_limit_days")
        context.update(
            legal=limits.describe(legal, field("legal_limit_unit")),
            legal_instant=legal == 0,
            note=field("limit_note", ""),
        )
    return context


@register.simple_tag
def key_facts(guide, department=False, limit=True, online=True, visits=True, fee=True):
    """A guide's key facts on one line, in one order: department · limit · online level · visits · fee.

    Each list shows the facts it has room for: the guide lists show all but the department (they name it
    on a line of its own), search results the department, limit and online level, a life event's bundle
    the department, limit and visits. Every list shows live guides, whose facts change only with a new content
    generation: each process renders a guide's line once per generation (web.kept), not once per result.
    """
    shown = {"department": department, "limit": limit, "online": online, "visits": visits, "fee": fee}
    facts = tuple(name for name, show in shown.items() if show)

    def render():
        return render_to_string("components/key_facts.html", {"guide": guide, "facts": facts})

    if not getattr(guide, "pk", None):  # a guide not saved (tests, previews of new pages)
        return render()
    return KEY_FACTS.get((guide.pk, facts, get_language()), render)


MATERIAL_ROW_FORMS = ("page", "print")


@register.inclusion_tag("components/material_row.html")
def material_row(row, form="page", number=None):
    """One material as a row of a materials table: the guide page's, or (form="print") the printed checklist's.

    Both name the material with its 免提交 and 可告知承诺 badges. The page adds the electronic-certificate
    badge, source, notes in full and form downloads; the checklist adds a tick box and the row's number,
    and keeps only the first words of the notes so that the list fits on one A4 page.
    """
    if form not in MATERIAL_ROW_FORMS:
        raise ValueError(f"material_row: form {form!r} is not one of {MATERIAL_ROW_FORMS}")
    return {"row": row, "form": form, "number": number}


@register.simple_tag
def material_count(rows):
    """需要准备 N 项材料, counting only what the applicant brings.

    A material the department fetches by data sharing (免提交) is not brought, and a 非必需 one is brought
    only by who has it: both are named apart so the number is the one the applicant prepares. The line depends
    only on the four numbers: each process renders it once per numbers and language (an answered guide's
    count changes with every answer).
    """
    exempt = sum(1 for row in rows if row.exempt_by_data_sharing)
    brought = [row for row in rows if not row.exempt_by_data_sharing]
    optional = sum(1 for row in brought if row.requirement == Requirement.OPTIONAL)
    deferrable = sum(1 for row in brought if row.requirement == Requirement.DEFERRABLE)
    counts = {"bring": len(brought) - optional, "deferrable": deferrable, "optional": optional, "exempt": exempt}
    return COUNT_LINES.get(
        (*counts.values(), get_language()), lambda: render_to_string("components/material_count.html", counts)
    )


# Plain-language explanations of the implementation list's terms, shown where a term appears on the guide page.
TERMS = {
    ("requirement", Requirement.DEFERRABLE): _("缺少这项材料也可以先受理，在约定的时间内补交即可。"),
    ("requirement", Requirement.OPTIONAL): _("按您的情况提供，没有也可以办理。"),
    ("material", "exempt"): _("部门通过数据共享直接获取，您不用提交。"),
    ("material", "pledge"): _("可以签一份书面承诺代替这项证明，部门事后核查。"),
    ("material", "electronic_certificate"): _("可以出示手机上的电子证照，代替纸质证件。"),
    ("online", OnlineLevel.FULL): _("从申请到拿到结果都在网上完成，不用去现场。"),
    ("online", OnlineLevel.PARTIAL): _("可以在网上申请或预约，仍要去现场核验或领取。"),
    ("online", OnlineLevel.OFFLINE): _("需要到服务大厅办理。"),
    ("scope", ServiceScope.LOCAL): _("在下面列出的服务大厅办理。"),
    ("scope", ServiceScope.CITY): _("在本市任何一个政务服务大厅都可以办理。"),
    ("scope", ServiceScope.PROVINCE): _("在本省任何一个政务服务大厅都可以办理。"),
    ("scope", ServiceScope.NATIONAL): _("在外省的政务服务大厅也可以申请办理。"),
}


@register.inclusion_tag("components/term.html")
def term(kind, value, label, badge=False):
    """A term with its explanation one tap away (<details>, no JavaScript); a term that needs none is plain text.

    `kind` and `value` name the explanation in TERMS, `label` is the term as the page shows it; a badge
    (免提交, 可告知承诺, 可用电子证照) keeps its badge look.
    """
    return {"label": label, "explanation": TERMS.get((kind, value), ""), "badge": badge}
