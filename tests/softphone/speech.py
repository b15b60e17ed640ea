"""Speech samples for audio tests, made with espeak-ng and sox (real speech, not tones)."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path
from typing import Any

import numpy as np

from tests.conftest import require_tool


def make_speech_wav(folder: Path, text: str, rate: int = 8000, name: str = "speech") -> Path:
    """Mono 16-bit WAV at ``rate`` Hz."""
    espeak = require_tool("espeak-ng")
    sox = require_tool("sox")
    raw = folder / f"{name}-raw.wav"
    out = folder / f"{name}-{rate}.wav"
    subprocess.run([espeak, "-v", "de", "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run([sox, str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)], check=True)
    return out


def make_ulaw(wav: Path) -> Path:
    out = wav.with_suffix(".ulaw")
    subprocess.run(
        [require_tool("sox"), str(wav), "-t", "ul", "-r", "8000", "-c", "1", str(out)], check=True
    )
    return out


def read_wav(path: Path) -> tuple[Any, int]:
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
        if w.getnchannels() > 1:
            data = data.reshape(-1, w.getnchannels())[:, 0]
    return data, rate


def envelope(x: np.ndarray, rate: int, win_ms: int = 20) -> Any:
    n = max(1, rate * win_ms // 1000)
    usable = len(x) // n * n
    return np.sqrt((x[:usable].reshape(-1, n) ** 2).mean(axis=1))


def best_correlation(reference: np.ndarray, recording: np.ndarray) -> float:
    """Max normalised correlation of two energy envelopes over all lags (codec-tolerant)."""
    a = (reference - reference.mean()) / (reference.std() or 1.0)
    b = (recording - recording.mean()) / (recording.std() or 1.0)
    if len(b) < len(a):
        b = np.pad(b, (0, len(a) - len(b)))
    best = -1.0
    for lag in range(0, len(b) - len(a) + 1):
        seg = b[lag : lag + len(a)]
        seg = (seg - seg.mean()) / (seg.std() or 1.0)
        best = max(best, float(np.dot(a, seg) / len(a)))
    return best
