"""Content-Security-Policy. The public site allows nothing inline and nothing from another origin.

The Wagtail admin (and Django's admin) render inline scripts and styles of their own, so their paths get a
policy that still forbids every other origin but allows inline code. Only signed-in editors reach those paths.
"""

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def policy_for(path):
    return ADMIN_POLICY if path.startswith(ADMIN_PREFIXES) else PUBLIC_POLICY


class ContentSecurityPolicyMiddleware:
    """Adds the policy for the request's path unless the view set one itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
        return response
