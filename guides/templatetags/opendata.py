from django import template

from guides.opendata.jsonld import government_service, script_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_jsonld(context, guide):
    """<script type="application/ld+json"> with the guide as a schema.org GovernmentService."""
    return script_tag(government_service(guide, context.get("request")))
