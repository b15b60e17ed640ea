"""Integer-ratio resampling between pj's 16 kHz and a sound card's own rate."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class Resampler:
    """Integer-ratio resampling of mono s16 blocks with a windowed-sinc low-pass.

    Many sound cards (ALSA ``hw:`` devices, WASAPI) refuse 16 kHz; they run at 48 kHz,
    three times pj's rate. The filter state carries over between blocks, so a stream of
    blocks resamples like one long signal. Cost: one ``np.convolve`` per 20 ms block.
    """

    def __init__(self, ratio: int, taps: int = 48) -> None:
        if ratio < 1:
            raise ValueError(f"resampling ratio must be a positive integer, got {ratio}")
        self.ratio = ratio
        taps = taps * ratio // 2 * 2 + 1  # odd length: a symmetric, linear-phase filter
        n = np.arange(taps) - (taps - 1) / 2
        cutoff = 0.45 / ratio  # just below the low rate's Nyquist, as a fraction of high
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
        self._kernel = kernel / kernel.sum()
        self._down_state = np.zeros(taps - 1)
        self._up_state = np.zeros(taps - 1)

    def down(self, block: bytes) -> bytes:
        """High rate → low rate; ``len(block)`` must be a multiple of ``ratio`` samples."""
        x = np.concatenate((self._down_state, np.frombuffer(block, "<i2")))
        self._down_state = x[len(x) - len(self._down_state) :]
        filtered = np.convolve(x, self._kernel, "valid")[:: self.ratio]
        return _to_s16(filtered)

    def up(self, block: bytes) -> bytes:
        """Low rate → high rate (zero-stuffing, then the same low-pass)."""
        samples = np.frombuffer(block, "<i2")
        stuffed = np.zeros(len(samples) * self.ratio)
        stuffed[:: self.ratio] = samples
        x = np.concatenate((self._up_state, stuffed))
        self._up_state = x[len(x) - len(self._up_state) :]
        return _to_s16(np.convolve(x, self._kernel * self.ratio, "valid"))


def _to_s16(samples: npt.NDArray[np.float64]) -> bytes:
    return np.clip(np.rint(samples), -32768, 32767).astype("<i2").tobytes()
