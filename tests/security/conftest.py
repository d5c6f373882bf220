"""Fixtures for the security tests: an open consultation with a poll and a verified citizen (participation)."""

from tests.participation.conftest import (  # noqa: F401  (fixtures, registered by importing them)
    citizen,
    citizen_client,
    clear_cache,
    consultation,
    consultation_en,
    make_citizen,
    poll_options,
)
