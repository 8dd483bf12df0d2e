"""Where the importers are fuzzed: one collection in a sandbox folder, and the property.

`Sandbox.check(importer, name, data)` writes `data` as the file `name`, imports it through
the real service (`services.exchange.import_file`) with the working folder and the temp
folder moved inside the sandbox, under a hard time limit, and asserts the property of
issue 9: the file is imported whole or refused with a one-line `ExchangeError`; a refusal
leaves every row of the collection as it was; an import adds exactly what its report says;
nothing is written anywhere but the data folder (the temp folder is left empty), and no
entry name such as `../keeper-fuzz-evil` ever becomes a file.
"""

from __future__ import annotations

import faulthandler
import hashlib
import os
import re
import signal
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.exchange.errors import ExchangeError
from trainer.exchange.formats import import_format, read_file
from trainer.services.bundle_import import STORY_PREFIX, ImportReport

START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
HARD_LIMIT = 30.0  # seconds: an import still running after this is a hang
ESCAPE_MARK = "keeper-fuzz-evil"  # every hostile entry name the fuzzers make contains it
# Every table an import may touch, and its order; card_text is the search index.
_TABLES = {
    "decks": "id", "cards": "id", "reviews": "id", "stories": "id", "card_text": "rowid",
    "settings": "key",
}  # fmt: skip

# What this session tried: cases by kind of input and by the importer the service chose,
# each with its outcome; seconds per kind; refusals by the first words of their reason.
CASES: Counter[tuple[str, str]] = Counter()
ROUTES: Counter[tuple[str, str]] = Counter()
SECONDS: Counter[str] = Counter()
REASONS: Counter[str] = Counter()


class ImportHung(BaseException):
    """Raised by the alarm. A BaseException, so no `except Exception` can swallow it."""


@contextmanager
def hard_deadline(seconds: float | None = None) -> Iterator[None]:
    """SIGALRM interrupts Python code; faulthandler kills the run if C code never returns."""
    seconds = HARD_LIMIT if seconds is None else seconds

    def expire(_signal: int, _frame: FrameType | None) -> None:
        raise ImportHung(f"the import was still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 4, exit=True, file=2)  # 2: stderr
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


@dataclass(frozen=True)
class State:
    counts: dict[str, int]
    digest: str


def collection_state(database: Path) -> State:
    """Row counts and one hash over every value of every row (SQLite's `quote()`: exact
    and fast on long texts), read through a separate read-only connection."""
    digest = hashlib.sha256()
    counts = {}
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        for table, order in _TABLES.items():
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            values = " || char(31) || ".join(f'quote("{name}")' for name in [order, *names])
            rows = f"SELECT {values} AS row FROM {table} ORDER BY {order}"
            count, text = connection.execute(
                f"SELECT count(*), group_concat(row, char(30)) FROM ({rows})"
            ).fetchone()
            counts[table] = count
            digest.update(f"\x1d{table}\x1d{text}".encode("utf-8", "surrogatepass"))
    return State(counts, digest.hexdigest())


def tree(root: Path, skip: Path) -> dict[str, tuple[bool, int, int]]:
    """Every path under `root` but `skip`: (is a folder, size, modification time)."""
    found = {}
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        if here == skip.parent:
            folders[:] = [name for name in folders if here / name != skip]
        for name in folders + files:
            path = here / name
            info = path.lstat()
            folder_entry = name in folders  # a folder's size and time change with its files
            stamp = (0, 0) if folder_entry else (info.st_size, info.st_mtime_ns)
            found[str(path.relative_to(root))] = (folder_entry, *stamp)
    return found


class Sandbox:
    """A data folder, a temp folder, a working folder and an inputs folder, side by side."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data, self.temp, self.cwd, self.inputs = (
            root / name for name in ("data", "tmp", "cwd", "inputs")
        )
        for folder in (self.temp, self.cwd, self.inputs):
            folder.mkdir(parents=True)
        self.clock = FixedClock(START)
        self.services = open_services(self.data, self.clock, fuzzing=False)
        self.database = self.services.database.path
        self.system_temp = Path(tempfile.gettempdir())

    def close(self) -> None:
        self.services.close()

    @contextmanager
    def _inside(self) -> Iterator[None]:
        """The working folder and every temp folder (Python's and SQLite's) in the sandbox."""
        cwd, saved_env, saved_dir = Path.cwd(), os.environ.get("TMPDIR"), tempfile.tempdir
        os.chdir(self.cwd)
        os.environ["TMPDIR"] = str(self.temp)
        tempfile.tempdir = str(self.temp)
        try:
            yield
        finally:
            os.chdir(cwd)
            tempfile.tempdir = saved_dir
            if saved_env is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved_env

    def check(self, kind: str, name: str, data: bytes) -> str:
        """Import `data` as the file `name`; asserts the property, returns the outcome."""
        started = time.perf_counter()
        for old in self.inputs.iterdir():
            old.unlink()
        path = self.inputs / name
        path.write_bytes(data)
        files_before = tree(self.root, self.data)
        before = collection_state(self.database)
        report: ImportReport | None = None
        refusal: ExchangeError | None = None
        with self._inside(), hard_deadline():
            try:
                report = self.services.exchange.import_file(path)
            except ExchangeError as error:
                refusal = error
        after = collection_state(self.database)
        assert tree(self.root, self.data) == files_before, "a file appeared outside the data folder"
        self._no_escape()
        if refusal is not None:
            message = str(refusal)
            assert message.startswith(f"{path}: ") and refusal.reason.strip(), message
            assert "\n" not in message and "\r" not in message, message
            assert after == before, "a refused import changed the collection"
            outcome = "refused"
            REASONS[re.split(r"[(:\d'\"]", refusal.reason, maxsplit=1)[0].strip()] += 1
        else:
            assert report is not None
            self._whole(path, report, before, after)
            outcome = "imported"
        CASES[(kind, outcome)] += 1
        ROUTES[(self._route(path), outcome)] += 1
        SECONDS[kind] += time.perf_counter() - started
        return outcome

    def _route(self, path: Path) -> str:
        """The importer the service hands the file to (by extension, else by content)."""
        with self._inside():
            try:
                return {
                    "keeper": "Keeper (.keeper)",
                    "apkg": "Anki (.apkg, .colpkg)",
                    "csv": "CSV/TSV (.csv, .tsv, .txt, .tab)",
                }[import_format(path).value]
            except ExchangeError:
                return "none (refused before choosing)"  # fmt: skip

    def _whole(self, path: Path, report: ImportReport, before: State, after: State) -> None:
        """The import added what its report says, and every card of the file is there."""
        with self._inside():
            bundle = read_file(path, self.clock()).bundle
        grew = {table: after.counts[table] - before.counts[table] for table in after.counts}
        assert report.added + report.updated + report.skipped == len(bundle.cards), report
        assert grew["cards"] == grew["card_text"] == report.added, (grew, report)
        assert grew["reviews"] == report.reviews, (grew, report)
        assert grew["stories"] == report.stories, (grew, report)
        assert 0 <= grew["decks"] <= len(bundle.decks) + 1, (grew, report)
        wanted = {card.guid for card in bundle.cards if not card.guid.startswith(STORY_PREFIX)}
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as connection:
            present = {row[0] for row in connection.execute("SELECT guid FROM cards")}
        assert wanted <= present, sorted(wanted - present)[:5]

    def _no_escape(self) -> None:
        """No `../keeper-fuzz-evil` anywhere it could land: the sandbox, its parents, /tmp."""
        places = [self.root, *list(self.root.parents)[:3], self.system_temp, Path.cwd()]
        for place in places:
            deep = place == self.root
            names = (
                (p.name for p in place.rglob("*")) if deep else os.listdir(place)
            )  # fmt: skip
            assert not any(ESCAPE_MARK in name for name in names), f"an entry escaped to {place}"


def summary() -> str:
    """Tables of the fuzz cases run in this session, for the README."""
    width = max(len(name) for counts in (ROUTES, CASES) for name, _outcome in counts)
    lines = []
    for title, counts, timed in (("importer", ROUTES, False), ("input", CASES, True)):
        names = sorted({name for name, _outcome in counts})
        lines.append(f"{'fuzz cases by ' + title:<{width + 2}}  imported  refused    total")
        for name in [*names, "total"]:
            chosen = names if name == "total" else [name]
            imported = sum(counts[(n, "imported")] for n in chosen)
            refused = sum(counts[(n, "refused")] for n in chosen)
            took = f"  {sum(SECONDS[n] for n in chosen):6.1f} s" if timed else ""
            total = imported + refused
            lines.append(f"  {name:<{width}}  {imported:>8} {refused:>8} {total:>8}{took}")
    common = "; ".join(f"{reason} ({count})" for reason, count in REASONS.most_common(6))
    lines.append(f"most common refusals: {common}")
    return "\n".join(lines)
