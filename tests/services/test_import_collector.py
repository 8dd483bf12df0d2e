"""An import runs with the garbage collector's automatic runs paused, and puts them back.

Reading and storing 10,000 cards set off collections that walked every object alive
(25-90 ms of a 500 ms import) and found nothing to free: what an import drops is freed by
reference counting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services.test_exchange_service import deck_file
from trainer.core.clock import FixedClock
from trainer.exchange.errors import ExchangeError
from trainer.services.collector import collector_paused
from trainer.services.services import Services


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()


def test_an_import_reads_and_stores_with_the_collector_paused_then_resumes_it(
    tmp_path: Path, services: Services, clock: FixedClock, collector_on: None
) -> None:
    path = deck_file(tmp_path / "deck.keeper", clock, {f"c{n}": f"back {n}" for n in range(5)})
    seen: list[bool] = []

    def cancel() -> bool:  # asked while the file is read and while its cards are stored
        seen.append(gc.isenabled())
        return False

    report = services.exchange.import_file(path, cancel=cancel)
    assert report.added == 5
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_refused_file_resumes_the_collector(
    tmp_path: Path, services: Services, collector_on: None
) -> None:
    path = tmp_path / "broken.keeper"
    path.write_bytes(b"not a zip")
    with pytest.raises(ExchangeError):
        services.exchange.import_file(path)
    assert gc.isenabled()


def test_an_import_inside_a_paused_read_leaves_the_collector_paused(
    tmp_path: Path, services: Services, clock: FixedClock, collector_on: None
) -> None:
    path = deck_file(tmp_path / "deck.keeper", clock, {"c1": "back"})
    with collector_paused():
        services.exchange.import_file(path)
        assert not gc.isenabled()  # the worker that paused it resumes it, not the import
    assert gc.isenabled()
