"""Percentiles and medians the way every bench module reports them (milliseconds)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation: every figure is a measured sample)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def summary_ms(seconds: Sequence[float]) -> dict[str, float | int]:
    """Median, p90 and p99 of wall times given in seconds, in milliseconds, and the count."""
    if not seconds:
        return {"n": 0, "p50": float("nan"), "p90": float("nan"), "p99": float("nan")}
    return {
        "n": len(seconds),
        "p50": round(statistics.median(seconds) * 1000, 3),
        "p90": round(percentile(seconds, 0.90) * 1000, 3),
        "p99": round(percentile(seconds, 0.99) * 1000, 3),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` rounded, or None when the denominator is not positive."""
    if not denominator or denominator <= 0 or math.isnan(denominator):
        return None
    return round(numerator / denominator, 3)
