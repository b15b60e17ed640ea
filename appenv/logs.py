"""One named logger per subsystem, one rotating log file per home folder.

Secrets never reach a log record: callers log names of secrets, never values, and
:class:`RedactingFilter` scrubs SIP ``Authorization`` headers and ``password=`` pairs
that a library might print.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

SUBSYSTEMS = ("app", "softphone", "clients", "calendar", "reports", "ui")

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
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / "vorzimmer.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    if stderr:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
