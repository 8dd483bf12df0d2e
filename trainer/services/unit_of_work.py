"""Opening one transaction per user action, with the collection bound to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from trainer.core.clock import Clock
from trainer.storage.collection import Collection
from trainer.storage.database import Database


class UnitOfWork:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    @contextmanager
    def __call__(self) -> Iterator[Collection]:
        """`with uow() as collection:` commits on success, rolls back on any error."""
        with self.database.transaction() as session:
            yield Collection(session, self.clock())
