"""Report charts (matplotlib, PNG): labelled axes with units and a source line under each.

Charts are drawn with the non-interactive Agg backend at a fixed size and resolution, with
no software or date metadata, so the same data give the same picture. The title and the
source line are also stored as PNG text chunks ("Title", "Source").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

__all__ = ["Line", "bar_chart", "line_chart"]

_SIZE = (11.0, 5.5)
_DPI = 110
_METADATA = {"Software": None}


@dataclass(frozen=True)
class Line:
    """One series of a line chart: x values, y values and a legend label."""

    x: Sequence[object]
    y: Sequence[float]
    label: str
    style: str = "-"


def _finish(fig: plt.Figure, ax: plt.Axes, *, title: str, ylabel: str, xlabel: str,
            source: str, path: Path, percent: bool) -> Path:
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ax.grid(alpha=0.3)
    if percent:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
    handles, _ = ax.get_legend_handles_labels()
    if handles:  # outside the plot, so it never hides data or reference lines
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.text(0.01, 0.01, source, fontsize=7, color="#444444", wrap=True)
    fig.subplots_adjust(bottom=0.2, right=0.68 if handles else 0.97)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=_DPI, metadata={**_METADATA, "Title": title, "Source": source})
    plt.close(fig)
    return path


def line_chart(lines: Sequence[Line], path: Path, *, title: str, ylabel: str, source: str,
               xlabel: str = "", percent: bool = False, hlines: Sequence[tuple[float, str]] = (),
               vlines: Sequence[tuple[object, str]] = (),
               band: tuple[object, object, Sequence[float], Sequence[float], str] | None = None,
               ) -> Path:
    """Draw lines (and optional reference lines or an interval band) and save a PNG.

    Parameters
    ----------
    lines : sequence of Line
    path : Path
        Output PNG.
    title, ylabel, source : str
        Chart title, y-axis label with unit, and the source line printed under the chart.
    percent : bool
        Format the y axis as percent (values are fractions).
    hlines, vlines : sequence of (position, label)
        Reference lines (e.g. the 40% claim; break dates).
    band : tuple, optional
        ``(x, _, lower, upper, label)`` shaded interval (a forecast fan).
    """
    fig, ax = plt.subplots(figsize=_SIZE)
    for line in lines:
        ax.plot(list(line.x), list(line.y), line.style, label=line.label, linewidth=1.6)
    for value, label in hlines:
        ax.axhline(value, color="#aa0000", linestyle="--", linewidth=1, label=label)
    for value, label in vlines:
        ax.axvline(value, color="#555555", linestyle=":", linewidth=1)
        ax.annotate(label, (value, 1.0), xycoords=("data", "axes fraction"), fontsize=7,
                    rotation=90, va="top", ha="right")
    if band is not None:
        x, _, lower, upper, label = band
        ax.fill_between(list(x), list(lower), list(upper), alpha=0.25, label=label)
    return _finish(fig, ax, title=title, ylabel=ylabel, xlabel=xlabel, source=source,
                   path=path, percent=percent)


def bar_chart(frame: pd.DataFrame, path: Path, *, title: str, ylabel: str, source: str,
              stacked: bool = True, percent: bool = False) -> Path:
    """Bars for each row of ``frame`` (index on the x axis, one series per column)."""
    fig, ax = plt.subplots(figsize=_SIZE)
    frame.plot(kind="bar", stacked=stacked, ax=ax, width=0.8)
    ax.tick_params(axis="x", rotation=0)
    return _finish(fig, ax, title=title, ylabel=ylabel, xlabel="", source=source, path=path,
                   percent=percent)
