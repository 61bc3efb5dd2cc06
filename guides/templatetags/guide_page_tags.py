"""The guide page's sections: a contents list made from the sections the page shows, and 长辈版's folding.

    {% guide_sections %}
        {% guide_section "steps" _("办理流程") %}…{% endguide_section %}
        {% guide_section "materials" _("申请材料") always_open %}…{% endguide_section %}
    {% endguide_sections %}

Each section is written once. On the standard page it is a <section> with its <h2>, and the contents list in
front of the sections links to each one that rendered (a section left out by an {% if %} drops out of the list
by itself). In 长辈版 (senior_mode) there is no contents list and every section but the `always_open` ones is a
closed <details> whose summary is the heading: key facts, materials and the call come first, the rest one tap
away, with no JavaScript.

    {% kept_for_guide page "sections" %}…{% endkept_for_guide %}

marks a part of the page that no situation answer changes (the sections after the materials, the JSON-LD): each
process renders it once per guide, site, 长辈版 or not, and language, and keeps it for the content generation
(web.kept), so a guide answered eleven ways renders it once. Previews always render afresh. A part repeated per
row names the row after the part's name, so that answers only pick which rows show:

    {% for row in materials %}{% kept_for_guide page "material" row.pk %}…{% endkept_for_guide %}{% endfor %}
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from web.kept import Kept

register = template.Library()

CONTENTS = "guide_contents"
# (part's name, guide, site, senior, language) -> (html, contents entries): a page's parts, ~5-20 KB each …
KEPT_PARTS = Kept(size=1000)
KEPT_ROWS = Kept(size=20_000)  # … and the parts named per row (a material row), ~1-2 KB each
SITUATIONS_FORM = "guides/includes/situations_form.html"
CONTENTS_LISTS = Kept(size=1000)  # (the sections' ids and headings, language) -> the contents list, ~1 KB


class SectionsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with context.push({CONTENTS: []}):
            body = self.nodelist.render(context)
            entries = context[CONTENTS]
        if context.get("senior_mode") or not entries:
            return body
        entries = tuple(entries)
        contents = CONTENTS_LISTS.get(
            (entries, get_language()), lambda: render_to_string("components/guide_contents.html", {"entries": entries})
        )
        return contents + body


def fold(section_id, summary, body, is_open=False):
    """长辈版's section folded: the summary is all that shows until it is opened."""
    return format_html(
        '<details class="fold"{}{}><summary>{}</summary><div class="fold__body">{}</div></details>',
        format_html(' id="{}"', section_id) if section_id else "",
        " open" if is_open else "",
        summary,
        body,
    )


class SectionNode(template.Node):
    def __init__(self, section_id, heading, always_open, nodelist):
        self.section_id, self.heading, self.always_open, self.nodelist = section_id, heading, always_open, nodelist

    def render(self, context):
        section_id = self.section_id.resolve(context)
        heading = str(self.heading.resolve(context))  # translated once (a kept contents entry is hashed)
        body = self.nodelist.render(context)
        if context.get("senior_mode") and not self.always_open:
            return fold(section_id, heading, body)
        if CONTENTS in context:
            context[CONTENTS].append((section_id, heading))
        return format_html(
            '<section class="guide-section" id="{id}" aria-labelledby="{id}-heading">'
            '<h2 id="{id}-heading">{heading}</h2>{body}</section>',
            id=section_id,
            heading=heading,
            body=body,
        )


@register.tag
def guide_sections(parser, token):
    """Wraps the guide page's sections; puts the contents list in front of them (not in 长辈版)."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("guide_sections takes no arguments")
    nodelist = parser.parse(("endguide_sections",))
    parser.delete_first_token()
    return SectionsNode(nodelist)


@register.tag
def guide_section(parser, token):
    """{% guide_section id heading [always_open] %}…{% endguide_section %}: one section of the guide page."""
    bits = token.split_contents()
    always_open = bits[-1] == "always_open"
    if always_open:
        bits = bits[:-1]
    if len(bits) != 3:
        raise template.TemplateSyntaxError("guide_section takes an id, a heading and optionally always_open")
    nodelist = parser.parse(("endguide_section",))
    parser.delete_first_token()
    return SectionNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), always_open, nodelist)


class SeniorFoldNode(template.Node):
    def __init__(self, summary, open_when, nodelist):
        self.summary, self.open_when, self.nodelist = summary, open_when, nodelist

    def render(self, context):
        body = self.nodelist.render(context)
        if not context.get("senior_mode"):
            return body
        is_open = bool(self.open_when.resolve(context)) if self.open_when else False
        return fold("", self.summary.resolve(context), body, is_open)


@register.tag
def senior_fold(parser, token):
    """{% senior_fold summary [open_when] %}…{% endsenior_fold %}: as it is on the standard page, folded in 长辈版.

    For parts that bring their own headings (the update log, the feedback forms); the fold is open when
    `open_when` is true (a form sent back with its errors must show them).
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("senior_fold takes a summary and optionally a condition to open it")
    nodelist = parser.parse(("endsenior_fold",))
    parser.delete_first_token()
    open_when = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return SeniorFoldNode(parser.compile_filter(bits[1]), open_when, nodelist)


def kept_part(context, page, name, render):
    """render(), a part of `page` as (html, contents entries), kept per (name, page, site, 长辈版, language) for the
    site's generation; rendered afresh for a preview, a page not live, or with no request."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or not page.live:
        return render()
    site = Site.find_for_request(request)
    key = (name, page.pk, site.pk if site else None, bool(context.get("senior_mode")), get_language())
    kept = KEPT_PARTS if len(name) == 1 else KEPT_ROWS
    return kept.get(key, render, site_id=key[2])


class KeptForGuideNode(template.Node):
    def __init__(self, page, name, nodelist):
        self.page, self.name, self.nodelist = page, name, nodelist

    def render(self, context):
        name = tuple(bit.resolve(context) for bit in self.name)
        html, entries = kept_part(context, self.page.resolve(context), name, lambda: self.render_part(context))
        if CONTENTS in context:  # the sections it holds are in the contents list, kept or not
            context[CONTENTS].extend(entries)
        return html

    def render_part(self, context):
        with context.push({CONTENTS: []}):
            return self.nodelist.render(context), list(context[CONTENTS])


@register.tag
def kept_for_guide(parser, token):
    """{% kept_for_guide page "part" [row] %}…{% endkept_for_guide %}: a part of the guide page that no answer
    changes, rendered once per generation (see the module's doc)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("kept_for_guide takes the page, the part's name and optionally its row")
    nodelist = parser.parse(("endkept_for_guide",))
    parser.delete_first_token()
    return KeptForGuideNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.simple_tag(takes_context=True)
def situations_form(context, prompt):
    """The situations form (guides/includes/situations_form.html) of the page's `questions`, with the request's
    `answers` chosen. The form as it is with no option chosen is a kept part (with its 清除选择 link once
    answered); each answer's radio button is then marked `checked` here, by its question's name and its escaped
    value, so that eleven answer combinations render the form twice."""
    answers = context["answers"]

    def render():
        with context.push(prompt=prompt, answered=bool(answers)):
            return context.template.engine.get_template(SITUATIONS_FORM).render(context), []

    html, _entries = kept_part(context, context["page"], ("situations", bool(answers)), render)
    for question in context["questions"]:
        if question.number in answers:
            radio = f'name="{question.param}" value="{escape(answers[question.number])}"'
            html = html.replace(f"{radio}>", f"{radio} checked>", 1)
    return mark_safe(html)  # noqa: S308 (our template's output, with escaped values marked)
