"""One writer at a time for a SQLite file, across the threads and processes of the server.

SQLite lets one connection write at a time. A writer that finds the file locked sleeps and
retries (1, 2, 5 ... up to 100 ms a try), so under a spike of signatures a few signers waited
hundreds of milliseconds for a lock that had been free for most of that time. Writers on the
hot paths queue here instead: on a lock of this process's threads, then on an flock of a file
beside the database, which the kernel hands to the next process the moment it is released.
Writers elsewhere keep SQLite's own waiting, which stays correct, only slower.
"""

import contextlib
import fcntl
import os
import threading

_locks: dict[str, "_WriterLock"] = {}
_registry = threading.Lock()


class _WriterLock:
    def __init__(self, path: str):
        self.path = f"{path}.writer-lock"
        self.threads = threading.RLock()
        self.depth = 0  # only the thread holding `threads` reads or changes it
        self.fd = None
        self.pid = None

    def _file(self) -> int:
        # Opened again after a fork: an flock on a descriptor inherited from the parent would be
        # shared with it, and lock nothing between the two.
        if self.pid != os.getpid():
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self.pid = os.getpid()
        return self.fd

    @contextlib.contextmanager
    def held(self):
        with self.threads:
            # A writer may call another (a task run at once in tests): the outermost one holds
            # the file lock.
            outermost = self.depth == 0
            if outermost:
                fd = self._file()
                fcntl.flock(fd, fcntl.LOCK_EX)
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
                if outermost:
                    fcntl.flock(fd, fcntl.LOCK_UN)


def writing(path: str):
    """Context manager: hold the write turn of the SQLite file at `path`."""
    lock = _locks.get(path)
    if lock is None:
        with _registry:
            lock = _locks.setdefault(path, _WriterLock(path))
    return lock.held()


def writing_default_db():
    """The write turn of the main database when it is SQLite; nothing to hold otherwise."""
    from django.db import connection

    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return contextlib.nullcontext()
    return writing(str(connection.settings_dict["NAME"]))
