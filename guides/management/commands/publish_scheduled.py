from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from guides.models import GuidePage


class Command(WagtailCommand):
    help = (
        "Wagtail's publish_scheduled (run it from cron), except that a scheduled guide which breaks the publishing "
        "rules at its go-live time loses its schedule and is reported, so the others still go live."
    )

    def handle(self, *args, **options):
        if not options["dryrun"]:
            self.hold_back_refused_guides()
        super().handle(*args, **options)

    def hold_back_refused_guides(self):
        """Take the schedule off each due guide revision that the rules refuse: the save that would make it live
        refuses it (GuidePage.save), and Wagtail's loop would stop there."""
        due = Revision.objects.filter(
            approved_go_live_at__lt=timezone.now(), content_type=ContentType.objects.get_for_model(GuidePage)
        )
        for revision in due:
            guide = revision.as_object()
            problems = guide.publishing_problems()
            if problems:
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                reasons = "；".join(problem.message for problem in problems)
                self.stderr.write(f"未发布「{guide.title}」（定时发布已取消）：{reasons}")
