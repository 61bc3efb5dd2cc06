"""Sub-page routes of the public pages: a guide's page, print checklist and feedback; the home page's departments.

Wagtail routes a page's sub-URLs through the page model (RoutablePageMixin), which keeps every route behind
the page's view restrictions. The model only names each route: the view that answers it lives in guides/views/
(or guides/feedback/) and is registered under that name when the app starts (`guides.views.register_routes`),
so a model never imports a view.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

VIEWS = {}  # route name -> view(page, request, *args)


def register(name, view):
    VIEWS[name] = view


def answer(name, page, request, *args):
    return VIEWS[name](page, request, *args)


class GuideRoutesMixin(RoutablePageMixin):
    @path("")
    def index_route(self, request, *args, **kwargs):
        request.is_preview = getattr(request, "is_preview", False)  # as Wagtail's own index route does
        return answer("guide", self, request)

    @path("print/")
    def print_checklist(self, request):
        return answer("print", self, request)

    @path("feedback/")
    def feedback(self, request):
        return answer("feedback", self, request)


class HomeRoutesMixin(RoutablePageMixin):
    @path("departments/")
    def department_list(self, request):
        return answer("departments", self, request)

    @path("departments/<slug:code>/")
    def department_detail(self, request, code):
        return answer("department", self, request, code)


class LifeEventRoutesMixin(RoutablePageMixin):
    @path("print/")
    def print_checklist(self, request):
        return answer("life_event_print", self, request)
