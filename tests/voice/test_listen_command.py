"""`keeper listen`: the JSON contract, one line for bad audio or a bad model folder, nothing
saved, nothing fetched (run with networking removed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trainer.app import open_services
from trainer.cli.main import main
from trainer.core.clock import FixedClock
from trainer.services.voice_model import BUNDLED_MODEL_SHA256, VoiceUnavailable, check_hashes

pytestmark = pytest.mark.voice
REPO = Path(__file__).resolve().parents[2]
# Loaded first by the child Python: any attempt to resolve a name or open a connection
# fails loudly, so a fetch cannot hide behind a fallback.
_NO_NETWORK = """
import socket
def _refuse(*args, **kwargs):
    raise SystemExit("keeper tried to use the network")
socket.getaddrinfo = _refuse
socket.socket.connect = _refuse
"""


def _keeper(
    *args: str, data_dir: Path, guard: Path | None = None, unshare: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(guard or ""), str(REPO)]))}
    command = [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "listen", *args]
    if unshare:
        command = ["unshare", "-rn", *command]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, cwd=REPO, check=False
    )


def _write_silence(path: Path, seconds: int, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(b"\x80" * rate * seconds)
    return path


def _unshare_works() -> bool:
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


def test_listen_json_offline_with_no_network(weak_wav: Path, tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NO_NETWORK)
    # unshare -rn takes the network away from the process; where the kernel refuses user
    # namespaces the socket guard alone proves nothing was asked of the network
    result = _keeper(
        str(weak_wav),
        "--json",
        "--target-seconds",
        "10",
        data_dir=tmp_path / "data",
        guard=guard,
        unshare=shutil.which("unshare") is not None and _unshare_works(),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == [
        "transcript",
        "duration_seconds",
        "words_per_minute",
        "fillers",
        "longest_pause_seconds",
        "findings",
    ]
    assert report["transcript"].startswith("Um, so, we")
    assert [filler["text"] for filler in report["fillers"]] == ["um", "uh", "you know"]
    assert {"rule", "start", "end", "excerpt", "message", "suggestion"} <= set(
        report["findings"][0]
    )
    assert not (tmp_path / "data").exists()  # listening keeps nothing


def test_bad_audio_gets_one_line_and_nothing_is_saved(tmp_path: Path) -> None:
    noise = tmp_path / "noise.wav"
    subprocess.run(
        ["sox", "-n", "-r", "16000", "-c", "1", str(noise), "synth", "4", "whitenoise"],
        check=True,
    )
    not_audio = tmp_path / "answer.wav"
    not_audio.write_bytes(os.urandom(40_000))
    damaged = tmp_path / "model"
    damaged.mkdir()
    (damaged / "config.json").write_text("{}")
    (damaged / "model.bin").write_bytes(os.urandom(1000))
    cases = {
        "no speech": [str(_write_silence(tmp_path / "silence.wav", 4))],
        "no speech ": [str(noise)],
        "not an audio file": [str(not_audio)],
        "2:00:00 long": [str(_write_silence(tmp_path / "two-hours.wav", 7200, rate=1000))],
        "no such file": [str(tmp_path / "missing.wav")],
        "cannot read it": [str(tmp_path)],  # a folder
        "has no model.bin": [str(not_audio), "--model", str(tmp_path)],
        "cannot be loaded": [str(noise), "--model", str(damaged)],
    }
    for expected, args in cases.items():
        result = _keeper(*args, data_dir=tmp_path / "data")
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0, expected
        assert len(lines) == 1 and expected.strip() in lines[0], (expected, result.stderr)
        assert result.stdout == ""
    assert not (tmp_path / "data").exists()


def test_a_bundled_model_file_that_changed_is_refused(tmp_path: Path) -> None:
    for name in BUNDLED_MODEL_SHA256:
        (tmp_path / name).write_bytes(b"not the model")
    with pytest.raises(VoiceUnavailable, match="model.bin|config.json") as refused:
        check_hashes(tmp_path, BUNDLED_MODEL_SHA256)
    assert "\n" not in str(refused.value)


def test_without_model_listen_uses_the_model_folder_of_the_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Settings > Voice names a model folder: `keeper listen` without --model loads it too."""
    data = tmp_path / "data"
    chosen = tmp_path / "small.en"  # named by the setting, not there
    opened = open_services(data, FixedClock(datetime(2026, 1, 5, tzinfo=UTC)))
    opened.settings.save(opened.settings.load()._replace(voice_model=str(chosen)))
    opened.close()
    answer = tmp_path / "answer.wav"
    answer.write_bytes(b"RIFF")
    assert main(["--data-dir", str(data), "listen", str(answer)]) == 1
    assert f"model folder {chosen} does not exist" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "listen", str(answer), "--model", str(tmp_path)]) == 1
    assert f"model folder {tmp_path} has no" in capsys.readouterr().err  # --model wins
