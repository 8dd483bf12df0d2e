"""A command-line argument whose bytes are not UTF-8 is refused in one line naming it.

Python holds each such byte as a lone surrogate, which no file or database can store: before,
`keeper add --front $'\\xff'` ended in "unexpected UnicodeEncodeError"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange.helpers import snapshot
from trainer.cli.main import main
from trainer.services.services import Services


@pytest.mark.parametrize(
    "arguments, named",
    [
        (["add", "--deck", "D", "--front", "a\udcffb", "--back", "b"], "--front"),
        (["add", "--deck", "D\udcff", "--front", "a", "--back", "b"], "--deck"),
        (["add", "--deck", "D", "--front", "a", "--back", "b", "--tags", "ok", "\udcff"], "--tags"),
        (["cards", "--search", "x\udcff"], "--search"),
    ],
)
def test_a_command_line_argument_that_is_not_utf8_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], services: Services, data_dir: Path, arguments: list[str],
    named: str,
) -> None:  # fmt: skip
    before = snapshot(services)
    assert main(["--data-dir", str(data_dir), *arguments]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"keeper: error: {named}: is not valid UTF-8 text (byte 0xff ")
    assert err.count("\n") == 1
    assert snapshot(services) == before
