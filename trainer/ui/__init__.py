"""The Qt layer: thin widgets and models over the services."""

import PySide6.QtCore  # noqa: F401  (loads PySide's import hook, which the next line tunes)

from trainer.ui import feature_scan

feature_scan.install()  # before any other module of this package is imported
