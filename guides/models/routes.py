"""Sub-page routes of the public pages: a guide's print checklist and feedback, the home page's departments.

The views themselves live in guides/views/; these mixins only hook them into Wagtail's page routing.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class GuideRoutesMixin(RoutablePageMixin):
    @path("print/")
    def print_checklist(self, request):
        from guides.views.checklist import print_checklist

        return print_checklist(self, request)

    @path("feedback/")
    def feedback(self, request):
        from guides.views.feedback import post_feedback

        return post_feedback(self, request)

    def public_context(self, request, questions, answers):
        """What the public guide page shows beyond the guide's own fields: feedback forms, ratings, print link."""
        from guides.views.guide import public_context

        return public_context(self, request, questions, answers)


class HomeRoutesMixin(RoutablePageMixin):
    @path("departments/")
    def department_list(self, request):
        from guides.views.departments import department_list

        return department_list(self, request)

    @path("departments/<slug:code>/")
    def department_detail(self, request, code):
        from guides.views.departments import department_detail

        return department_detail(self, request, code)
