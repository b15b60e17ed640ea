"""Embedded fonts for the PDFs: DejaVu Sans covers umlauts, ß and € on every printer.

The PDF core fonts (Helvetica) cannot be embedded and lack many glyphs, so every report
uses DejaVu from the ``fonts-dejavu-core`` package.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from appenv.errors import UserError

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}
_OPTIONAL = {OBLIQUE}

_lock = threading.Lock()
_registered = False


class FontMissingError(UserError, RuntimeError):
    """The DejaVu fonts are not installed; reports cannot be rendered."""


def register_fonts(font_dir: Path = FONT_DIR) -> None:
    """Register DejaVu Sans (regular, bold, oblique if present) once per process."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = font_dir / filename
            if not path.is_file():
                if name in _OPTIONAL:
                    continue
                raise FontMissingError(
                    f"Font file {path} is missing. Install the Debian package "
                    "'fonts-dejavu-core' (apt-get install fonts-dejavu-core)."
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        italic = OBLIQUE if OBLIQUE in pdfmetrics.getRegisteredFontNames() else REGULAR
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, italic)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
