"""Small frames written inline in the tests, as CSV text (input and expected visible)."""

from __future__ import annotations

import io
import textwrap

import pandas as pd

#: columns read as dates (first day of the month) and as text codes
DATES = ("period", "release_period", "published", "start", "end")
TEXT = ("hs6",)


def table(text: str) -> pd.DataFrame:
    """``pd.read_csv`` of dedented CSV text; date columns parsed, HS codes kept as text."""
    frame = pd.read_csv(io.StringIO(textwrap.dedent(text).strip() + "\n"),
                        dtype=dict.fromkeys(TEXT, str))
    for column in DATES:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    return frame
