"""One window per case store: a second launch hands its files to the running window and exits.

The running app listens on a local socket (`QLocalServer`: a Unix domain socket readable by
this user only on Linux and macOS, a named pipe on Windows; never a network socket) named
after the case store. A second launch ("Open with" on another fax) connects, sends the file
paths as one line of JSON, waits for ``ok`` and exits. The store's lock (`store_lock`) decides
who runs: the first process takes the lock and then starts listening, so two launches at
the same moment can never both open the window; the loser retries the hand-over for a few
seconds while the winner starts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 1 << 20
"""Longest hand-over accepted (bytes): thousands of paths; anything longer is dropped."""
ANSWER_MS = 10000
"""How long a second launch waits for the running window to say ``ok``."""


def server_name(data_dir: Path) -> str:
    """The socket's name: the same for every launch on this store by this user."""
    # the numeric user id where there is one (on Windows the data folder is per user)
    uid = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{uid}\n{data_dir.resolve()}".encode()).hexdigest()[:24]
    return f"oxygen-intake-{digest}"


def hand_over(name: str, files: list[str], *, wait_ms: int = 0) -> bool:
    """Give ``files`` to the window listening on ``name``; True once it said ``ok``.

    ``wait_ms``: keep trying to connect that long (the window may be starting).
    """
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            break
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    message = json.dumps({"files": [str(Path(f).resolve()) for f in files]}) + "\n"
    socket.write(message.encode())
    socket.waitForBytesWritten(ANSWER_MS)
    answer = b""
    start = time.monotonic()
    while b"\n" not in answer and time.monotonic() - start < ANSWER_MS / 1000:
        if socket.waitForReadyRead(200):
            answer += bytes(socket.readAll().data())
        elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            break
    socket.disconnectFromServer()
    return answer.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches; `files_received` carries the files each one hands over.

    Files that arrive before the window is connected (`connect_window`; it may still be
    being built, or asking for the reviewer's name) are kept and given to it then.
    """

    files_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.pending: list[str] = []
        self._connected = False
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        # Only the holder of the store's lock gets here, so a socket left by a crashed
        # window can go.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("cannot listen for later launches (%s)", self.server.errorString())

    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(s: QLocalSocket = socket, buf: bytearray = buffer) -> None:
                buf.extend(bytes(s.readAll().data()))
                if len(buf) > MAX_MESSAGE:
                    s.abort()
                    return
                if b"\n" in buf:
                    self._received(bytes(buf).split(b"\n", 1)[0])
                    s.write(b"ok\n")
                    s.flush()
                    s.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def _received(self, line: bytes) -> None:
        try:
            files = json.loads(line.decode("utf-8"))["files"]
        except (ValueError, KeyError, TypeError):
            log.warning("a later launch sent a message that could not be read")
            return
        paths = [f for f in files if isinstance(f, str)] if isinstance(files, list) else []
        log.info("a later launch handed over %d file(s)", len(paths))
        if self._connected:
            self.files_received.emit(paths)
        else:
            self.pending.extend(paths)

    def connect_window(self, add_files: Callable[[list[str]], object]) -> None:
        """Send handed-over files to ``add_files`` from now on, and the ones kept so far."""
        self.files_received.connect(add_files)
        self._connected = True
        pending, self.pending = self.pending, []
        if pending:
            self.files_received.emit(pending)
