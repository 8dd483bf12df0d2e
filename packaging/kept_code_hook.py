"""PyInstaller runtime hook: the bundle's start keeps PySide6's compiled support code too.

PyInstaller's own hook for PySide6 (pyi_rth_pyside6) imports it before any of Keeper's code
runs, so `trainer.app.launch_app` comes too late to keep what that import compiles.
Runtime hooks named in the spec run before PyInstaller's: this one imports shiboken6 (where
all of that compiling happens) under `trainer.kept_code` first.
"""

from trainer.app import kept_code_dir
from trainer.kept_code import keeping_compiled_code

with keeping_compiled_code(kept_code_dir()):
    import shiboken6  # noqa: F401
