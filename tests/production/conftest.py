import os

import pytest


def missing_service(reason):
    """Skip a test whose service is not there; in CI (CI=true) that is a failure, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)
