"""Shared fixtures: Qt offscreen, a fixed clock, an opened collection in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trainer.app import open_services  # noqa: E402
from trainer.core.clock import FixedClock  # noqa: E402
from trainer.services.services import Services  # noqa: E402

# A Tuesday mid-morning in UTC: far from the 04:00 day rollover in any common zone.
START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def user_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keepers the tests launch keep compiled code (`trainer.kept_code`) here, never in the
    user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir: Path, clock: FixedClock) -> Iterator[Services]:
    """A fresh collection with the built-in decks, a fixed clock and no FSRS fuzz."""
    opened = open_services(data_dir, clock, fuzzing=False)
    yield opened
    opened.close()
