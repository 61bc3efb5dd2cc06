"""The editors' admin: snippet viewsets, the review-dates dashboard panel, import/export pages and the roles.

Registered with Wagtail by guides/wagtail_hooks.py (the module name Wagtail looks for)."""
