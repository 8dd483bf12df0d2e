"""Fixtures shared by the UI tests."""

from tests.ui.hostile_text import bait  # noqa: F401 - the fixture, for every UI test
