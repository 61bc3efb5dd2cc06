"""schema.org GovernmentService for a guide, so search engines and other sites can read it."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from guides.models.site_settings import current, page_full_url

# As Django's json_script: the JSON must not be able to close the <script> element it sits in.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def government_service(guide, request):
    department = guide.department
    channels = []
    if guide.online_url:
        channels.append({"@type": "ServiceChannel", "name": "网上办理", "serviceUrl": guide.online_url})
    for place in guide.halls.select_related("hall"):
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": f"{place.hall.name} {place.window}".strip(),
                "serviceLocation": {"@type": "Place", "name": place.hall.name, "address": place.hall.address},
            }
        )
    if guide.phones.enquiry:
        channels.append(
            {"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", "telephone": guide.phones.enquiry}}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": guide.title,
        "description": guide.summary,
        "identifier": guide.item_code,
        "url": page_full_url(guide, request),
        "serviceType": guide.get_item_type_display(),
        "audience": {"@type": "Audience", "audienceType": guide.get_audience_display()},
        "provider": {"@type": "GovernmentOrganization", "name": department.name},
        "availableChannel": channels,
    }
    if department.website:
        data["provider"]["url"] = department.website
    city = current(request).city_name
    if city:
        data["areaServed"] = {"@type": "City", "name": city}
    if guide.colloquial_name_list:
        data["alternateName"] = guide.colloquial_name_list
    return data


def script_tag(data):
    payload = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
