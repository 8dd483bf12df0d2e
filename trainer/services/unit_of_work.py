"""Opening one transaction per user action, with the collection bound to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from trainer.core.clock import Clock
from trainer.storage.database import Database
from trainer.storage.reads import Reads

if TYPE_CHECKING:
    from trainer.storage.collection import Collection


class UnitOfWork:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    @contextmanager
    def __call__(self) -> Iterator[Collection]:
        """`with uow() as collection:` commits on success, rolls back on any error."""
        from trainer.storage.collection import Collection  # SQLAlchemy, on first use

        with self.database.transaction() as session:
            yield Collection(session, self.clock(), self.database.front_order)

    def reads(self) -> AbstractContextManager[Reads]:
        """`with uow.reads() as reads:` quick read-only queries, without SQLAlchemy."""
        return self.database.reads()
