"""The home screen's plain reads never wait for SQLAlchemy to load.

Right after the first paint SQLAlchemy is imported and its engine made on a thread (about
half a second, more on a busy machine); a refresh of the home screen meanwhile froze the
window until that was done, because both took the same lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy

from trainer.app import DATABASE_FILE, open_services
from trainer.storage.database import Database


def test_plain_reads_go_on_while_the_engine_is_being_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_services(tmp_path).close()
    database = Database(tmp_path / DATABASE_FILE)
    making = threading.Event()
    may_finish = threading.Event()
    real_create_engine = sqlalchemy.create_engine

    def slow_create_engine(*args: object, **kwargs: object) -> object:
        making.set()
        may_finish.wait(30)
        return real_create_engine(*args, **kwargs)

    monkeypatch.setattr(sqlalchemy, "create_engine", slow_create_engine)
    maker = threading.Thread(target=lambda: database.engine, daemon=True)
    maker.start()
    assert making.wait(30)
    decks: list[object] = []

    def read() -> None:
        with database.reads() as reads:
            decks.extend(reads.decks())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)  # a guard against a hang, not a timing: the read needs no engine
    read_while_making = not reader.is_alive()
    may_finish.set()
    maker.join(30)
    reader.join(30)
    database.close()
    assert read_while_making, "the read waited for SQLAlchemy"
    assert len(decks) > 0
