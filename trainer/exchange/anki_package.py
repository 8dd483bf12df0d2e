"""Anki packages both ways: `read_anki_package` (anki_import) and `write_anki_package`."""

from trainer.exchange.anki_export import write_anki_package
from trainer.exchange.anki_import import read_anki_package

__all__ = ["read_anki_package", "write_anki_package"]
