"""One window per data folder: a second launch asks the running one to come forward.

The running app listens on a local socket named after the data folder; a new launch that
reaches it sends "raise" and exits. The data-folder lock (storage.data_lock) is what keeps
two writers apart; this only makes the hand-over friendly.
"""

from __future__ import annotations

import getpass
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
TIMEOUT_MS = 1000
RETRY_S = 0.1


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(f"{getpass.getuser()}:{data_dir.resolve()}".encode()).hexdigest()
    return f"keeper-{digest[:20]}"


def ask_running_instance_to_raise(data_dir: Path, patience_s: float = 0.0) -> bool:
    """True when a Keeper already runs on `data_dir` and was told to show its window.

    `patience_s`: how long to keep asking a window that is still starting (it listens only
    once painted), so a quick second launch hands over instead of failing.
    """
    deadline = time.monotonic() + patience_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server_name(data_dir))
        if socket.waitForConnected(TIMEOUT_MS):
            break
        if time.monotonic() >= deadline:
            return False
        time.sleep(RETRY_S)
    socket.write(RAISE)
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches and calls `on_raise` when one arrives."""

    def __init__(self, data_dir: Path, on_raise: Callable[[], None]) -> None:
        super().__init__()
        self._on_raise = on_raise
        self._server = QLocalServer(self)
        name = server_name(data_dir)
        # A socket left by a killed Keeper would block listen(); we hold the folder lock,
        # so no live Keeper owns it.
        QLocalServer.removeServer(name)
        self._server.newConnection.connect(self._accept)
        self.listening = self._server.listen(name)

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(RAISE.strip()):
            self._on_raise()
        connection.disconnectFromServer()

    def close(self) -> None:
        self._server.close()
