"""PySide asks of every module imported after it whether its source mentions PySide6;
Keeper answers the same question from the file's bytes, without keeping the source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from trainer.ui.feature_scan import bytes_scan

IMPORT_TWO_MODULES = """
import json, linecache, sys
import trainer.ui
sys.path.insert(0, sys.argv[1])
import uses_qt, plain
feature = sys.modules["shibokensupport.feature"]
print(json.dumps({
    "answers": [feature.pyside_feature_dict[name] for name in ("uses_qt", "plain")],
    "cached": [path for path in linecache.cache if path.startswith(sys.argv[1])],
}))
"""


def test_a_module_imported_after_keepers_ui_is_classified_without_its_source_being_kept(
    tmp_path: Path,
) -> None:
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain.py").write_text("ANSWER = 42\n")
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_TWO_MODULES, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answers"] == [0, -1]  # PySide's values: "uses PySide" and "ignore"
    assert report["cached"] == [], "the source went through linecache: PySide's slow scan ran"


def test_the_byte_scan_agrees_with_pysides_own_on_every_loaded_module() -> None:
    import trainer.ui.application  # noqa: F401  (trainer.ui installs the scan)

    original = sys.modules["shibokensupport.feature"]._mod_uses_pyside.__wrapped__
    scan = bytes_scan(original)
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__name__", None)]
    mentioning = {m.__name__ for m in modules if scan(m)}
    assert {"trainer.ui.application", "PySide6.QtCore"} & mentioning == {"trainer.ui.application"}
    assert [m.__name__ for m in modules if scan(m) != original(m)] == []
