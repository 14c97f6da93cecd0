"""Shared test set-up: the repository root is on sys.path (pytest.ini)."""
import os

# Tests never depend on the machine's own clinic override.
os.environ.pop("EXPLAINER_CLINIC_CONFIG", None)
os.environ.pop("EXPLAINER_IDLE_SECONDS", None)
os.environ.pop("EXPLAINER_REDIS_URL", None)

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def redis_server():
    """A real redis-server for this test module (tests/redis_server.py), stopped at its end."""
    from tests.redis_server import RedisServer

    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
