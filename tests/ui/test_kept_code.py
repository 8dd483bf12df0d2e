"""PySide6's support code, compiled at every start, is kept compiled between starts."""

from __future__ import annotations

import builtins
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trainer.app import open_services
from trainer.kept_code import interpreter_folder, keeping_compiled_code

SOURCE = b"answer = 6 * 7\n"


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the sources the real `compile` compiles."""
    names: list[str] = []
    real = builtins.compile

    def counting(source: Any, filename: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(filename)
        return real(source, filename, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", counting)
    return names


def run(folder: Path, source: bytes = SOURCE, name: str = "support.py") -> dict[str, object]:
    """`source` compiled and run as PySide6 runs its support code, with kept code in `folder`."""
    namespace: dict[str, object] = {}
    with keeping_compiled_code(folder):
        exec(compile(source, name, "exec"), namespace)
    return namespace


def test_the_second_start_reads_what_the_first_compiled(tmp_path: Path, compiled: list[str]):
    assert run(tmp_path)["answer"] == 42
    assert compiled == ["support.py"]
    assert run(tmp_path)["answer"] == 42
    assert compiled == ["support.py"], "compiled again"


def test_a_changed_source_is_compiled_again(tmp_path: Path, compiled: list[str]) -> None:
    run(tmp_path)
    assert run(tmp_path, b"answer = 43\n")["answer"] == 43
    assert run(tmp_path, b"answer = 43\n")["answer"] == 43
    assert run(tmp_path)["answer"] == 42
    assert compiled == ["support.py", "support.py"]


def test_the_same_source_under_another_name_is_its_own(tmp_path: Path) -> None:
    for _ in range(2):  # compiled, then kept
        with keeping_compiled_code(tmp_path):
            first = compile("x = 1\n", "one.py", "exec")
            second = compile("x = 1\n", "two.py", "exec")
        assert (first.co_filename, second.co_filename) == ("one.py", "two.py")


def test_what_importlib_compiles_is_left_to_its_pyc_files(tmp_path: Path) -> None:
    with keeping_compiled_code(tmp_path):
        compile(SOURCE, "module.py", "exec", dont_inherit=True)
        compile("6 * 7", "expression", "eval")
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def damage_by_truncating(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-20])


def damage_by_flipping_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_by_emptying(path: Path) -> None:
    path.write_bytes(b"")


def damage_with_other_data(path: Path) -> None:
    path.write_bytes(b"\x00not marshal at all\xff" * 10)


@pytest.mark.parametrize(
    "damage",
    [damage_by_truncating, damage_by_flipping_a_byte, damage_by_emptying, damage_with_other_data],
)
def test_a_damaged_kept_file_is_compiled_again_and_mended(
    tmp_path: Path, compiled: list[str], damage: Callable[[Path], None]
) -> None:
    run(tmp_path)
    [kept] = interpreter_folder(tmp_path).iterdir()
    damage(kept)
    assert run(tmp_path)["answer"] == 42
    assert run(tmp_path)["answer"] == 42
    assert compiled == ["support.py", "support.py"], "compiled again once, then kept"


def test_a_folder_that_cannot_be_written_means_compiling_as_before(
    tmp_path: Path, compiled: list[str]
) -> None:
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the folder should be")
    assert run(in_the_way)["answer"] == 42
    assert run(in_the_way)["answer"] == 42
    assert compiled == ["support.py", "support.py"]
    assert in_the_way.read_text() == "a file where the folder should be"


def test_the_callers_future_imports_apply_as_with_the_builtin(tmp_path: Path) -> None:
    # This module has `from __future__ import annotations`: the annotation stays a string.
    source = "def f(x: not_defined_anywhere): pass\n"
    with keeping_compiled_code(tmp_path):
        exec(compile(source, "annotated.py", "exec"), {})
        exec(compile(source, "annotated.py", "exec"), {})  # and so does the kept code
        exec(compile(source, "annotated.py", "single"), {})  # and what it does not keep


def test_compile_is_the_builtin_again_afterwards(tmp_path: Path) -> None:
    real = builtins.compile
    with pytest.raises(RuntimeError), keeping_compiled_code(tmp_path):
        raise RuntimeError
    assert builtins.compile is real


PATTERN = r"(?P<word>\w+) \s+ (?P=word)  # a word twice"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The patterns `re` parses (what keeping a pattern saves)."""
    patterns: list[object] = []
    parse = re._parser.parse  # type: ignore[attr-defined]

    def counting(pattern: object, *args: object, **kwargs: object) -> object:
        patterns.append(pattern)
        return parse(pattern, *args, **kwargs)

    monkeypatch.setattr(re._parser, "parse", counting)  # type: ignore[attr-defined]
    return patterns


def compile_pattern(folder: Path, pattern: str | bytes = PATTERN) -> re.Pattern[Any]:
    re.purge()  # `re` keeps patterns within one run: as a new start
    with keeping_compiled_code(folder):
        return re.compile(pattern, re.VERBOSE)


@pytest.mark.parametrize("pattern", [PATTERN, PATTERN.encode()], ids=["text", "bytes"])
def test_a_kept_pattern_is_the_one_re_makes(
    tmp_path: Path, parsed: list[object], pattern: str | bytes
) -> None:
    made_here = re._compiler.compile(pattern, re.VERBOSE)  # type: ignore[attr-defined]
    parsed.clear()
    first, second = compile_pattern(tmp_path, pattern), compile_pattern(tmp_path, pattern)
    assert parsed == [pattern], "parsed again"
    assert first == second == made_here  # equal patterns: the same flags and program
    twice = "hello hello" if isinstance(pattern, str) else b"hello hello"
    match = second.search(twice)
    assert match is not None and match.group("word") == twice[:5]
    assert second.groupindex == {"word": 1}


def test_a_damaged_kept_pattern_is_parsed_again(tmp_path: Path, parsed: list[object]) -> None:
    compile_pattern(tmp_path)
    [kept] = interpreter_folder(tmp_path).iterdir()
    damage_by_flipping_a_byte(kept)
    assert compile_pattern(tmp_path).search("bye bye") is not None
    assert compile_pattern(tmp_path).search("bye bye") is not None
    assert parsed == [PATTERN, PATTERN]


# The real start: `keeper` (trainer.app.launch_app) until its first paint, counting what
# the real `compile` compiles of shiboken6's support code.
LAUNCH = """
import builtins, sys
from pathlib import Path
from typing import Any

real = builtins.compile
support = []

def counting(source, filename, *args, **kwargs):
    if "shibokensupport" in str(filename) or "signature_bootstrap" in str(filename):
        support.append(filename)
    return real(source, filename, *args, **kwargs)

builtins.compile = counting
import trainer.app

starting = trainer.app.start_app

def start_app(data_dir):  # PySide6 is imported by now, by launch_app
    opened = starting(data_dir)
    opened.window.first_painted.connect(opened.window.close)
    return opened

trainer.app.start_app = start_app
status = trainer.app.launch_app(Path(sys.argv[1]))
print(len(support), flush=True)
sys.exit(status)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is Linux's")
def test_keeper_compiles_pysides_support_code_at_its_first_start_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "c")}

    def support_files_compiled() -> int:
        result = subprocess.run(
            [sys.executable, "-c", LAUNCH, str(data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        return int(result.stdout.splitlines()[-1])

    assert support_files_compiled() > 5
    assert support_files_compiled() == 0
    assert support_files_compiled() == 0
    assert list((tmp_path / "c" / "Keeper" / "code").iterdir())


# Clearing out what no start needs any more ---------------------------------------------

MONTHS_AGO = 60 * 24 * 3600


def age(path: Path, seconds: float) -> None:
    """`path` (and, for a folder, what it holds) last changed `seconds` ago."""
    when = time.time() - seconds
    for each in [*path.iterdir(), path] if path.is_dir() else [path]:
        os.utime(each, (when, when))


def test_a_start_after_an_upgrade_clears_the_old_versions_kept_files(tmp_path: Path) -> None:
    run(tmp_path, b"answer = 1\n")  # what an older PySide6 compiled
    [old] = interpreter_folder(tmp_path).iterdir()
    age(old, MONTHS_AGO)
    run(tmp_path, b"answer = 2\n")  # the upgraded one: compiled and kept
    [new] = interpreter_folder(tmp_path).iterdir()
    assert new != old
    assert run(tmp_path, b"answer = 2\n")["answer"] == 2


def test_a_start_that_keeps_nothing_new_clears_nothing(tmp_path: Path) -> None:
    run(tmp_path, b"answer = 1\n")
    run(tmp_path, b"answer = 2\n")
    for kept in interpreter_folder(tmp_path).iterdir():
        age(kept, MONTHS_AGO)
    run(tmp_path, b"answer = 2\n")  # read, nothing written
    assert len(list(interpreter_folder(tmp_path).iterdir())) == 2


def test_what_this_start_used_or_was_kept_lately_stays(tmp_path: Path) -> None:
    run(tmp_path, b"answer = 1\n")  # used again below, however old
    for kept in interpreter_folder(tmp_path).iterdir():
        age(kept, MONTHS_AGO)
    run(tmp_path, b"answer = 3\n")  # kept a day ago, e.g. by another install
    with keeping_compiled_code(tmp_path):
        compile(b"answer = 1\n", "support.py", "exec")
        compile(b"answer = 2\n", "support.py", "exec")  # new: this start clears
    assert len(list(interpreter_folder(tmp_path).iterdir())) == 3


def test_another_interpreters_folder_goes_only_when_long_unused(tmp_path: Path) -> None:
    (tmp_path / "cpython-39-610d0d0a").mkdir()
    (tmp_path / "cpython-39-610d0d0a" / "0a1b2c3d-00000000-12.kept").write_bytes(b"old")
    age(tmp_path / "cpython-39-610d0d0a", MONTHS_AGO)
    (tmp_path / "cpython-310-6f0d0d0a").mkdir()  # in use lately
    (tmp_path / "cpython-310-6f0d0d0a" / "0a1b2c3d-00000000-12.kept").write_bytes(b"new")
    (tmp_path / "notes").mkdir()  # not ours to remove, however old
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    age(tmp_path / "notes", MONTHS_AGO)
    run(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["cpython-310-6f0d0d0a", "notes", interpreter_folder(tmp_path).name]
    )
