"""Hostile input (issue 9): every importer is fuzzed through the real import service.

Each example is a file: arbitrary bytes, a zip of odd entries, or a real export (Keeper's
own, and packages written by Anki) with its bytes, zip entries, zip headers, JSON documents
or SQLite rows mutated. `Sandbox.check` asserts the property for each: imported whole or
refused with one line, the collection unchanged after a refusal, nothing written outside
the data folder, no hang. Examples are derandomized, so a run is the same everywhere; the
last test prints how many hostile files were tried.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange import fuzz_formats as ff
from tests.exchange import fuzz_mutations as fm
from tests.exchange.fuzz_sandbox import CASES, ESCAPE_MARK, ImportHung, Sandbox, summary
from tests.exchange.fuzz_seeds import (
    AnkiSeed,
    Seeds,
    anki_packages,
    anki_seed,
    keeper_documents,
    keeper_exports,
    repack,
    zip_entries,
)
from trainer.core.cards import NewCard
from trainer.exchange.errors import ExchangeError


def fuzz(examples: int) -> settings:
    """Derandomized (the same examples on every run and machine), no example database.

    Suppressed health checks: `too_slow` and `data_too_large`, because the strategies
    deliberately draw 100,000-character fields and whole packages (the deadline stays,
    generous); `function_scoped_fixture`, because one sandbox is meant to serve all the
    examples of a test (each example compares the collection before and after itself).
    """
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=timedelta(seconds=5),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


KEEPER_EXPORTS = [
    "keeper-export.keeper", "keeper-export.apkg", "keeper-export.csv", "keeper-export.tsv"
]  # fmt: skip
ANKI_BUILT = ["anki-modern.apkg", "anki-legacy.apkg", "anki-whole.colpkg"]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """A fresh collection per test: the checks stay fast as imports pile up."""
    opened = Sandbox(tmp_path / "sandbox")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Seeds:
    folder = tmp_path_factory.mktemp("seeds")
    return Seeds({**keeper_exports(folder), **anki_packages(folder)})


@pytest.fixture(scope="module")
def anki(seeds: Seeds) -> list[AnkiSeed]:
    return [anki_seed(name, seeds[name]) for name in ANKI_BUILT]


def test_every_seed_imports_whole(sandbox: Sandbox, seeds: Seeds) -> None:
    """The unmutated files import: the mutations below start from working files."""
    for name, data in seeds.items():
        assert sandbox.check("seed files", name, data) == "imported", name


SUFFIXES = [".keeper", ".apkg", ".colpkg", ".csv", ".tsv", ".txt", ".tab", "", ".bin"]
arbitrary = st.one_of(
    st.binary(min_size=1, max_size=600),
    st.binary(max_size=600).map(lambda data: b"PK\x03\x04" + data),
    st.binary(max_size=600).map(lambda data: b"PK\x05\x06" + data),
    st.binary(max_size=600).map(lambda data: b"SQLite format 3\x00" + data),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


@fuzz(300)
@given(suffix=st.sampled_from(SUFFIXES), data=arbitrary)
def test_arbitrary_bytes(sandbox: Sandbox, suffix: str, data: bytes) -> None:
    sandbox.check(f"bytes as {suffix or 'no suffix'}", f"file{suffix}", data)


@fuzz(250)
@given(
    suffix=st.sampled_from([".keeper", ".apkg", ".colpkg", ""]),
    entries=st.lists(st.tuples(fm.entry_names, fm.payloads, st.sampled_from([0, 8])), max_size=5),
)
def test_zip_archives_of_odd_entries(
    sandbox: Sandbox, suffix: str, entries: list[tuple[str, bytes, int]]
) -> None:
    sandbox.check("zip of odd entries", f"archive{suffix}", fm.build_zip(entries))


@fuzz(300)
@given(name=st.sampled_from(KEEPER_EXPORTS + ANKI_BUILT), ops=fm.byte_ops)
def test_real_files_with_bytes_changed(
    sandbox: Sandbox, seeds: Seeds, name: str, ops: list[tuple[Any, ...]]
) -> None:
    sandbox.check(f"bytes of {name}", name, fm.mutate_bytes(seeds[name], ops))


@fuzz(250)
@given(
    name=st.sampled_from(KEEPER_EXPORTS[:2] + ANKI_BUILT),
    entries=fm.entry_ops,
    headers=st.none() | fm.header_ops,
)
def test_real_archives_with_entries_and_headers_changed(
    sandbox: Sandbox,
    seeds: Seeds,
    name: str,
    entries: list[tuple[Any, ...]],
    headers: list[tuple[str, int, int]] | None,
) -> None:
    data = fm.mutate_entries(zip_entries(seeds[name]), entries)
    if headers:
        data = fm.patch_headers(data, headers)
    sandbox.check(f"zip entries and headers of {name}", name, data)


@fuzz(250)
@given(fields=ff.field_ops)
def test_keeper_files_with_fields_changed(
    sandbox: Sandbox, seeds: Seeds, fields: list[tuple[str, int, Any]]
) -> None:
    """One to three fields anywhere in the documents set to hostile values, all else valid."""
    documents = ff.freshen(keeper_documents(seeds["keeper-export.keeper"]), fm.tag_of(fields))
    files = ff.serialise(ff.set_fields(documents, fields), [])
    sandbox.check("keeper JSON fields", "keeper-export.keeper", fm.zipped(files))


@fuzz(250)
@given(edits=ff.json_ops, text=ff.text_ops, version=ff.versions)
def test_keeper_files_with_documents_changed(
    sandbox: Sandbox,
    seeds: Seeds,
    edits: list[tuple[Any, ...]],
    text: list[tuple[str, str, int]],
    version: object,
) -> None:
    """Nodes replaced, removed, wrapped, duplicated; text broken; other manifest versions."""
    documents = ff.freshen(
        keeper_documents(seeds["keeper-export.keeper"]), fm.tag_of(edits, text, version)
    )
    documents["manifest.json"]["version"] = version
    files = ff.serialise(ff.mutate_json(documents, edits), text)
    sandbox.check("keeper JSON documents", "keeper-export.keeper", fm.zipped(files))


@fuzz(300)
@given(data=st.data())
def test_anki_collections_with_rows_changed(
    sandbox: Sandbox, anki: list[AnkiSeed], data: st.DataObject
) -> None:
    seed = data.draw(st.sampled_from(anki), label="seed")
    ops = data.draw(ff.sql_ops(seed.columns), label="ops")
    collection = ff.mutate_collection(seed.collection, ops, fm.tag_of(seed.name, ops))
    sandbox.check("anki collection rows", seed.name, repack(seed, collection))


@fuzz(300)
@given(file=ff.csv_files())
def test_generated_csv(sandbox: Sandbox, file: tuple[str, bytes]) -> None:
    sandbox.check("csv/tsv generated", *file)


# The property can fail: each way of breaking it is noticed. --------------------------------


def _importing_then(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, act: Any) -> None:
    """Make the service do `act(path)` before importing (a stand-in for a buggy importer)."""
    original = sandbox.services.exchange.import_file

    def import_file(path: Path, *args: Any, **kwargs: Any) -> Any:
        act(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(sandbox.services.exchange, "import_file", import_file)


def test_the_check_notices_a_file_written_outside(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    _importing_then(sandbox, monkeypatch, lambda path: Path("stray.txt").write_text("x"))
    with pytest.raises(AssertionError, match="a file appeared outside the data folder"):
        sandbox.check("self-test", "keeper-export.csv", b"front,back\nq,a\n")
    (sandbox.cwd / "stray.txt").unlink()


def test_the_check_notices_an_escaped_entry(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    escaped = sandbox.root.parent / f"{ESCAPE_MARK}.txt"
    _importing_then(sandbox, monkeypatch, lambda path: escaped.write_text("x"))
    with pytest.raises(AssertionError, match="an entry escaped"):
        sandbox.check("self-test", "keeper-export.csv", b"front,back\nq,a\n")
    escaped.unlink()


def test_the_check_notices_a_partial_import(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half(path: Path) -> None:
        sandbox.services.card_edits.add_cards("Half done", [NewCard("q", "a")])
        raise ExchangeError(path, "refused after writing")

    _importing_then(sandbox, monkeypatch, half)
    with pytest.raises(AssertionError, match="a refused import changed the collection"):
        sandbox.check("self-test", "keeper-export.csv", b"front,back\nq,a\n")


def test_the_check_notices_a_hang(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tests.exchange.fuzz_sandbox.HARD_LIMIT", 0.2)
    _importing_then(sandbox, monkeypatch, lambda path: time.sleep(5))
    with pytest.raises(ImportHung):
        sandbox.check("self-test", "keeper-export.csv", b"front,back\nq,a\n")


# Last: how many hostile files were tried (shown without -s). -------------------------------


def test_report_how_many_hostile_files_were_tried(capsys: pytest.CaptureFixture[str]) -> None:
    if not CASES:
        pytest.skip("no fuzz test ran in this session")
    with capsys.disabled():
        print("\n" + summary())
    assert sum(CASES.values()) > 0
