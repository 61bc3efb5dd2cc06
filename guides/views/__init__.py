"""Public views of the guides app. Page routes (guides/models/routes.py) reach them by name."""

from guides.feedback.views import post_feedback
from guides.models import routes

from .checklist import print_checklist, print_life_event
from .departments import department_detail, department_list
from .guide import guide_page


def register_routes():
    """Called from GuidesConfig.ready(): the views that answer the page models' routes."""
    routes.register("guide", guide_page)
    routes.register("print", print_checklist)
    routes.register("life_event_print", print_life_event)
    routes.register("feedback", post_feedback)
    routes.register("departments", department_list)
    routes.register("department", department_detail)
