"""Guides and departments as plain JSON-ready dicts: one shape for the API, described by openapi.py."""

from wagtail.models import Site

from guides.choices import (
    Audience,
    ItemType,
    MaterialForm,
    MaterialMedium,
    MaterialSource,
    OnlineLevel,
    Requirement,
    ServiceScope,
)
from guides.limits import LimitUnit
from guides.models import GuidePage
from guides.models.site_settings import page_full_url


def choice(value, choices):
    """A coded value with its public label, or None when the field is blank."""
    return {"code": value, "label": str(choices(value).label)} if value else None


def department_summary(department):
    return {"code": department.code, "name": department.name, "short_name": department.short_name}


def department_detail(department):
    return {
        **department_summary(department),
        "enquiry_phone": department.enquiry_phone,
        "complaint_phone": department.complaint_phone,
        "website": department.website,
        "address": department.address,
    }


def guide_summary(guide, request):
    return {
        "item_code": guide.item_code,
        "title": guide.title,
        "summary": guide.summary,
        "url": page_full_url(guide, request),
        "item_type": choice(guide.item_type, ItemType),
        "audience": choice(guide.audience, Audience),
        "department": department_summary(guide.department),
        "online_level": choice(guide.online_level, OnlineLevel),
        "legal_limit_days": guide.legal_limit_days,
        "legal_limit_unit": choice(guide.legal_limit_unit, LimitUnit),
        "legal_limit_text": guide.legal_limit_text,
        "committed_limit_days": guide.committed_limit_days,
        "committed_limit_unit": choice(guide.committed_limit_unit, LimitUnit),
        "committed_limit_text": guide.committed_limit_text,
        "is_instant": guide.is_instant,
        "is_free": guide.is_free,
        "last_published_at": guide.last_published_at.isoformat() if guide.last_published_at else None,
    }


def material(row):
    return {
        "name": row.display_name,
        "form": choice(row.form, MaterialForm),
        "medium": choice(row.medium, MaterialMedium),
        "copies": row.copies,
        "requirement": choice(row.requirement, Requirement),
        "source": choice(row.effective_source, MaterialSource),
        "notes": row.notes,
        "exempt_by_data_sharing": row.exempt_by_data_sharing,
        "pledge_allowed": row.pledge_allowed,
        "applies_to": row.applies_to_options,
    }


def hall(place):
    return {
        "name": place.hall.name,
        "address": place.hall.address,
        "window": place.window,
        "phone": place.hall.phone,
        "opening_hours": [str(period) for period in place.hall.opening_hours.all()],
        "holiday_note": place.hall.holiday_note,
    }


def guide_detail(guide, request):
    return {
        **guide_summary(guide, request),
        "colloquial_names": guide.colloquial_name_list,
        "legal_basis": guide.legal_basis,
        "conditions": guide.conditions,
        "limit_note": guide.limit_note,
        "fees": [{"name": fee.name, "standard": fee.standard, "basis": fee.basis} for fee in guide.fees.all()],
        "online_url": guide.online_url,
        "visits_required": guide.visits_required,
        "appointment": guide.appointment,
        "postal_delivery": guide.postal_delivery,
        "service_scope": choice(guide.service_scope, ServiceScope),
        "materials": [material(row) for row in guide.materials.all()],
        "steps": [{"title": step.title, "description": step.description} for step in guide.steps.all()],
        "halls": [hall(place) for place in guide.halls.all()],
        "phones": {"enquiry": guide.phones.enquiry, "complaint": guide.phones.complaint},
        "result": {"name": guide.result_name, "delivery": guide.result_delivery},
        "faqs": [{"question": faq.question, "answer": faq.answer} for faq in guide.faqs.all()],
        "last_reviewed": guide.last_reviewed.isoformat() if guide.last_reviewed else None,
        "next_review_due": guide.next_review_due.isoformat() if guide.next_review_due else None,
    }


def public_guides(request):
    """Every guide a citizen can see on the request's site, with what the summaries need in the same query."""
    return GuidePage.objects.visible(Site.find_for_request(request)).order_by("item_code")


def with_details(guides):
    return guides.prefetch_related("materials__material", "fees", "steps", "halls__hall__opening_hours", "faqs")
