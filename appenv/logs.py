"""One named logger per subsystem, one rotating log file per home folder.

Secrets never reach a log record: callers log names of secrets, never values, and
:class:`RedactingFilter` scrubs SIP ``Authorization`` headers and ``password=`` pairs
that a library might print.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
from pathlib import Path

from appenv.permissions import make_private_dir, open_private

_SECRET_PATTERNS = [
    re.compile(r"((?:Proxy-)?Authorization:\s*Digest\s+)[^\r\n]*", re.IGNORECASE),
    re.compile(r"(password[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+", re.IGNORECASE),
]


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for pattern in _SECRET_PATTERNS:
            redacted = pattern.sub(r"\1<redacted>", redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600 whatever the umask (logs name callers' clients)."""

    def _open(self) -> io.TextIOWrapper:
        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def get(subsystem: str) -> logging.Logger:
    return logging.getLogger(f"vorzimmer.{subsystem}")


def setup(log_dir: Path | None, level: int = logging.INFO, stderr: bool = True) -> None:
    root = logging.getLogger("vorzimmer")
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        make_private_dir(log_dir)
        handlers.append(
            PrivateRotatingFileHandler(
                log_dir / "vorzimmer.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    if stderr:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)


def quiet_stderr() -> None:
    """For a command whose output is its product (a table, CSV): log lines go to the log
    file only; stderr keeps errors and the command's own messages."""
    for handler in logging.getLogger("vorzimmer").handlers:
        if type(handler) is logging.StreamHandler:
            handler.setLevel(logging.ERROR)
