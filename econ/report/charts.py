"""Report charts (matplotlib, PNG) that a reader can read at 1280 px.

Every chart is 1280 x 600 pixels (12.8 x 6 in at 100 dpi), meant to be shown at the full
width of the page; the smallest text is :data:`MIN_FONT_PT` points (15 px in the PNG, about
13 px when the page shows it at 1180 px). Lines end in direct labels instead of a legend
box; missing years break the line (the series is laid on a complete axis, so a gap stays a
gap) and every observation carries a marker; intervals are drawn as 80% and 95% bands.
Output is deterministic (no software or date metadata); the title and the source line are
also stored as PNG text chunks ("Title", "Source").
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from econ.report.labels import prose

__all__ = ["DPI", "MIN_FONT_PT", "SIZE_IN", "Band", "Line", "dot_chart", "line_chart",
           "stacked_bar_chart"]

SIZE_IN = (12.8, 6.0)
DPI = 100
MIN_FONT_PT = 11.0
_FONT = {"title": 16.0, "label": 13.0, "tick": 12.0, "direct": 12.0, "source": MIN_FONT_PT}
_METADATA = {"Software": None}
_LABEL_WIDTH = 30  # characters per line of a direct label
_SOURCE_WIDTH = 150  # characters per line of the source note
_TITLE_WIDTH = 95  # characters per line of the title (bold 16 pt fits 1280 px)
_PALETTE = ("#1f5fa8", "#c8512c", "#2e8540", "#7b4fa0", "#8c6d1f", "#2aa1b3", "#555555",
            "#d4358a")


@dataclass(frozen=True)
class Line:
    """One series: x values, y values, a direct label, line style and colour index."""

    x: Sequence[object]
    y: Sequence[float]
    label: str
    style: str = "-"
    color: int | None = None
    weight: float = 2.2


@dataclass(frozen=True)
class Band:
    """A shaded interval: x, lower, upper, and its label (e.g. "95% interval")."""

    x: Sequence[object]
    lower: Sequence[float]
    upper: Sequence[float]
    label: str
    alpha: float = 0.18
    color: int = 0


def _complete(line: Line) -> tuple[np.ndarray, np.ndarray]:
    """The series on a complete axis, NaN where it has no value, so a gap breaks the line.

    The axis has every year, every month, or every step of a series sampled at intervals.
    """
    series = pd.Series(np.asarray(line.y, dtype="float64"), index=list(line.x)).sort_index()
    series = series[~series.index.duplicated()]
    index = series.index
    if len(index) > 1 and all(isinstance(v, (int, np.integer)) for v in index):
        step = int(np.diff(np.asarray(index, dtype="int64")).min())  # 1, or 4 for intervals
        full = pd.Index(range(int(index.min()), int(index.max()) + 1, step))
        series = series.reindex(full)
    elif len(index) > 1 and isinstance(index, pd.DatetimeIndex):
        series = series.reindex(pd.date_range(index.min(), index.max(), freq="MS"))
    return np.asarray(series.index), series.to_numpy()


def _figure() -> tuple[Figure, Axes]:
    fig, ax = plt.subplots(figsize=SIZE_IN, dpi=DPI)
    ax.tick_params(labelsize=_FONT["tick"])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _finish(fig: Figure, ax: Axes, *, title: str, ylabel: str, xlabel: str,
            source: str, path: Path, percent: bool, legend: bool = False,
            left: float = 0.07, placed: Sequence[tuple[float, str, str]] = ()) -> Path:
    title = prose(title)
    heading = "\n".join(textwrap.wrap(title, _TITLE_WIDTH))
    fig.suptitle(heading, x=0.01, ha="left", fontsize=_FONT["title"], fontweight="bold")
    ax.set_ylabel(ylabel, fontsize=_FONT["label"])
    ax.set_xlabel(xlabel, fontsize=_FONT["label"])
    ax.grid(alpha=0.3)
    if percent:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
    if _years_on_x(ax):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            ax.legend(handles, labels, fontsize=_FONT["direct"], loc="upper center",
                      bbox_to_anchor=(0.5, -0.12), ncol=min(4, len(handles)), frameon=False)
    wrapped = "\n".join(textwrap.wrap(source, _SOURCE_WIDTH))
    fig.text(0.01, 0.01, wrapped, fontsize=_FONT["source"], color="#333333", va="bottom")
    lines = wrapped.count("\n") + 1
    fig.subplots_adjust(left=left, right=0.76, top=0.88 - 0.045 * heading.count("\n"),
                        bottom=0.12 + 0.035 * lines + (0.1 if legend else 0.0))
    _direct_labels(fig, ax, list(placed))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={**_METADATA, "Title": title, "Source": source})
    plt.close(fig)
    return path


def _years_on_x(ax: Axes) -> bool:
    """True when the x data are whole numbers (years), which need whole-number ticks."""
    xs = [x for line in ax.get_lines() for x in np.atleast_1d(line.get_xdata())]
    return bool(xs) and all(isinstance(x, (int, np.integer)) or (
        isinstance(x, (float, np.floating)) and float(x).is_integer()) for x in xs)


def _direct_labels(fig: Figure, ax: Axes, placed: list[tuple[float, str, str]]
                   ) -> None:
    """Labels at the right end of the lines (wrapped), nudged apart so none overlap.

    Positions are worked out in axes fractions from the axes' height in pixels once the
    layout is final, so a label of several lines keeps its full height clear.
    """
    if not placed:
        return
    low, high = ax.get_ylim()
    height_px = ax.get_position().height * fig.get_figheight() * DPI
    line = _FONT["direct"] * DPI / 72 * 1.25 / height_px  # one text line, axes fraction
    wrapped = sorted(((y - low) / (high - low), "\n".join(textwrap.wrap(label, _LABEL_WIDTH)),
                      color) for y, label, color in placed)
    positions: list[float] = []
    previous = 0
    for y, label, _ in wrapped:
        count = label.count("\n") + 1
        if positions:
            y = max(y, positions[-1] + line * (previous + count) / 2)
        positions.append(y)
        previous = count
    for (_, label, color), y in zip(wrapped, positions, strict=True):
        ax.annotate(label, xy=(1.01, y), xycoords="axes fraction", fontsize=_FONT["direct"],
                    color=color, va="center", annotation_clip=False)


def line_chart(lines: Sequence[Line], path: Path, *, title: str, ylabel: str, source: str,
               xlabel: str = "", percent: bool = False,
               hlines: Sequence[tuple[float, str]] = (),
               vlines: Sequence[tuple[float, str]] = (), bands: Sequence[Band] = ()) -> Path:
    """Lines with direct labels, reference lines and shaded bands; a PNG at ``path``.

    Parameters
    ----------
    lines : sequence of Line
    path : Path
    title : str
        The finding, in words.
    ylabel, source : str
        The y axis with its unit; the source line under the chart.
    percent : bool
        Values are fractions, shown as percent.
    hlines, vlines : sequence of (position, label)
        Reference lines (a claim's threshold, a break).
    bands : sequence of Band
        Intervals or ranges.
    """
    fig, ax = _figure()
    for band in bands:
        ax.fill_between(np.asarray(band.x), np.asarray(band.lower, dtype="float64"),
                        np.asarray(band.upper, dtype="float64"), alpha=band.alpha,
                        color=_PALETTE[band.color % len(_PALETTE)], linewidth=0,
                        label=band.label)
    placed: list[tuple[float, str, str]] = []
    for k, line in enumerate(lines):
        color = _PALETTE[(line.color if line.color is not None else k) % len(_PALETTE)]
        x, y = _complete(line)
        ax.plot(x, y, line.style, color=color, linewidth=line.weight, marker="o",
                markersize=4)
        valid = np.flatnonzero(~np.isnan(y))
        if len(valid):
            placed.append((float(y[valid[-1]]), line.label, color))
    for value, label in hlines:
        ax.axhline(value, color="#aa0000", linestyle="--", linewidth=1.2)
        if label:
            placed.append((value, label, "#aa0000"))
    for where, label in vlines:
        ax.axvline(where, color="#555555", linestyle=":", linewidth=1.2)
        ax.annotate(label, (where, 0.98), xycoords=("data", "axes fraction"),
                    fontsize=_FONT["direct"], rotation=90, va="top", ha="right")
    return _finish(fig, ax, title=title, ylabel=ylabel, xlabel=xlabel, source=source,
                   path=path, percent=percent, legend=bool(bands), placed=placed)


def dot_chart(values: pd.Series, path: Path, *, title: str, xlabel: str, source: str,
              highlight: Sequence[str] = (), muted: Sequence[str] = (),
              reference: tuple[float, float, str] | None = None, percent: bool = True) -> Path:
    """One dot per labelled value (a range across bases), with a reference band.

    Parameters
    ----------
    values : Series
        Labels as index, values (fractions when ``percent``).
    highlight, muted : sequence of str
        Labels drawn large (the primary) or grey (shown apart).
    reference : (value, margin, label), optional
        A threshold and the band around it.
    """
    fig, ax = _figure()
    labels = list(values.index)
    ys = np.arange(len(labels))[::-1]
    if reference is not None:
        value, margin, label = reference
        ax.axvspan(value - margin, value + margin, color="#aa0000", alpha=0.12, linewidth=0)
        ax.axvline(value, color="#aa0000", linestyle="--", linewidth=1.2)
        ax.annotate(label, (value, 1.0), xycoords=("data", "axes fraction"),
                    fontsize=_FONT["direct"], color="#aa0000", ha="left", va="bottom")
    for y, label in zip(ys, labels, strict=True):
        x = float(values[label])
        color = "#999999" if label in muted else _PALETTE[0]
        size = 14 if label in highlight else 9
        ax.plot([x], [y], "o", color=color, markersize=size)
        text = f"{100 * x:.1f}%" if percent else f"{x:,.2f}"
        ax.annotate(text, (x, y), xytext=(10, 0), textcoords="offset points",
                    fontsize=_FONT["direct"], va="center", color=color)
    ax.set_yticks(ys, ["\n".join(textwrap.wrap(lab, 38)) for lab in labels],
                  fontsize=_FONT["tick"])
    ax.set_xlim(left=0)
    if percent:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
    return _finish(fig, ax, title=title, ylabel="", xlabel=xlabel, source=source, path=path,
                   percent=False, left=0.30)


def stacked_bar_chart(frame: pd.DataFrame, path: Path, *, title: str, ylabel: str,
                      source: str, percent: bool = False) -> Path:
    """Stacked bars per row of ``frame`` (index on the x axis), a compact legend below."""
    fig, ax = _figure()
    bottom = np.zeros(len(frame))
    x = np.arange(len(frame))
    for k, column in enumerate(frame.columns):
        values = frame[column].fillna(0.0).to_numpy(dtype="float64")
        ax.bar(x, values, bottom=bottom, color=_PALETTE[k % len(_PALETTE)], label=str(column),
               width=0.7)
        bottom += values
    step = max(1, len(frame) // 12)  # at most about 12 tick labels
    ax.set_xticks(x[::step], [str(i) for i in frame.index[::step]], fontsize=_FONT["tick"])
    return _finish(fig, ax, title=title, ylabel=ylabel, xlabel="", source=source, path=path,
                   percent=percent, legend=True)
