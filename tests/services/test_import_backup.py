"""Every import is preceded by a snapshot, so the collection before it can be restored."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.exchange.errors import ExchangeError
from trainer.services.services import Services


def test_an_import_takes_a_backup_first_and_a_refused_one_does_not(
    services: Services, tmp_path: Path
) -> None:
    good = tmp_path / "friends.csv"
    good.write_text(
        "front,back,tags\nWhat is the keeper test?,Would I fight to keep them?,culture\n"
    )
    bad = tmp_path / "broken.keeper"
    bad.write_bytes(b"this is not a zip file")

    with pytest.raises(ExchangeError):
        services.exchange.import_file(bad)
    assert services.backups.backups() == []

    services.exchange.import_file(good)
    backups = services.backups.backups()
    assert [backup.reason for backup in backups] == ["before-import"]
    cards_after = services.stats.collection_stats().cards
    restored_from = backups[0]
    services.restore_backup(restored_from)
    assert services.stats.collection_stats().cards == cards_after - 1
