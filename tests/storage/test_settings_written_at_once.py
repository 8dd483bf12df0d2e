"""Two units of work on two threads that set the same new setting at once both succeed,
the later value kept: the statistics room's read (on a thread) and a date set meanwhile
each kept the day's interview plan, and the second failed with "UNIQUE constraint failed:
settings.key" (the repository looked the key up, found nothing, and inserted at commit)."""

from __future__ import annotations

import threading
from pathlib import Path

from trainer.app import open_services


def test_the_same_new_setting_set_on_two_threads_at_once(tmp_path: Path) -> None:
    services = open_services(tmp_path / "d")
    uow = services.uow
    first_set, second_set = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def second() -> None:
        first_set.wait(10)
        try:
            with uow() as collection:
                collection.settings.set("some new key", 2)
                second_set.set()
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(error)
        second_set.set()

    thread = threading.Thread(target=second)
    thread.start()
    try:
        with uow() as collection:
            collection.settings.set("some new key", 1)
            first_set.set()
            second_set.wait(1)  # a bound, not a timing: a set that waits for the lock
        thread.join(30)
        assert errors == []
        with uow() as collection:
            assert collection.settings.get("some new key") == 2  # the second committed last
    finally:
        services.close()
