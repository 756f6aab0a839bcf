"""Report tables: numbers formatted for reading, written as Markdown, HTML, LaTeX and CSV.

Each has a footnote naming its source tables, their raw files and vintages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from econ.catalog import get_spec
from econ.report.labels import prose

__all__ = ["Shown", "Table", "column_refs", "csv_cell", "latex_text", "markdown_cell"]


# Characters that start Markdown syntax inside a table cell; "_" only where it could open
# or close emphasis (not inside a word such as a table name)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<!\w)_|_(?!\w))")
_LATEX = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", "–": "--", "—": "---",
    "\n": " ", "\r": " ",
}
_PLAIN_NUMBER = re.compile(r"^[-+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?%?$")


def markdown_cell(value: object) -> str:
    r"""Text safe in a GFM table cell: HTML-escaped, one line, Markdown syntax escaped.

    >>> markdown_cell("P(|b| < 0.05)")
    'P(\\|b\\| &lt; 0.05)'
    """
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def latex_text(value: object) -> str:
    r"""Text safe in LaTeX, escaped in one pass with a per-character map.

    >>> latex_text("a_b ^ 5% \\ {x}")
    'a\\_b \\textasciicircum{} 5\\% \\textbackslash{} \\{x\\}'
    """
    return "".join(_LATEX.get(ch, ch) for ch in str(value))


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run.

    Text starting with ``= + - @``, a tab or a carriage return is prefixed with ``'``,
    unless it is a plain number.

    >>> csv_cell("=1+1"), csv_cell("-0.25"), csv_cell(3)
    ("'=1+1", '-0.25', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not (
            _PLAIN_NUMBER.match(value)):
        return "'" + value
    return value


def column_refs(table: str, columns: Mapping[str, str]) -> dict[str, str]:
    """Display column -> ``"table.column"`` for :attr:`Table.units`.

    >>> column_refs("out_x", {"value (USD bn)": "value_usd"})
    {'value (USD bn)': 'out_x.value_usd'}
    """
    return {shown: f"{table}.{column}" for shown, column in columns.items()}


@dataclass(frozen=True)
class Shown:
    """One column of a report table: the out-table column, its header, its formatter."""

    column: str
    header: str
    format: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Table:
    """One report table: numbers, their display strings and a footnote.

    Parameters
    ----------
    name : str
        File stem (``share_claim``).
    title : str
        Caption.
    frame : DataFrame
        Already formatted: every cell a string (Markdown, HTML, LaTeX).
    footnote : str
        Sources and notes.
    align : sequence of str
        ``"l"`` or ``"r"`` per column (default: first left, others right).
    data : DataFrame, optional
        The same table as numbers, written as the tidy CSV (default: ``frame``).
    units : mapping, optional
        Display column -> the out-table column it shows, as ``"table.column"``; a test
        checks the header and the numbers shown against that column's unit in the catalog
        (USD shown in USD bn, a fraction as %, bcm named ...).
    """

    name: str
    title: str
    frame: pd.DataFrame
    footnote: str
    align: Sequence[str] = field(default=())
    data: pd.DataFrame | None = None
    units: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """The caption as prose."""
        object.__setattr__(self, "title", prose(self.title))

    @classmethod
    def build(cls, name: str, title: str, frame: pd.DataFrame, footnote: str,
              formats: Mapping[str, Callable[[Any], str]], *, align: Sequence[str] = (),
              units: Mapping[str, str] | None = None) -> Table:
        """Format ``frame`` column by column (``formats[column]``, default ``str``).

        The numbers themselves are kept for the CSV.
        """
        shown = pd.DataFrame({c: [formats.get(c, _text)(v) for v in frame[c]]
                              for c in frame.columns})
        return cls(name, title, shown, footnote, align, frame.reset_index(drop=True),
                   dict(units or {}))

    @classmethod
    def select(cls, name: str, title: str, frame: pd.DataFrame, footnote: str, source: str,
               shown: Sequence[Shown], *, align: Sequence[str] = ()) -> Table:
        """The columns ``shown`` of ``frame`` (rows of the out table ``source``) under headers.

        Every shown column with a unit in the catalog is declared in ``units``.
        """
        catalog = {c.name: c.unit for c in get_spec(source).schema.columns}
        data = pd.DataFrame({s.header: frame[s.column].to_numpy() for s in shown})
        return cls.build(name, title, data, footnote,
                         {s.header: s.format for s in shown if s.format is not None},
                         align=align, units={s.header: f"{source}.{s.column}" for s in shown
                                             if catalog.get(s.column)})

    def _align(self) -> list[str]:
        return list(self.align) or ["l"] + ["r"] * (len(self.frame.columns) - 1)

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown table with caption and footnote."""
        cols = [markdown_cell(c) for c in self.frame.columns]
        rule = ["---:" if a == "r" else "---" for a in self._align()]
        lines = [f"**{markdown_cell(self.title)}**", "", "| " + " | ".join(cols) + " |",
                 "| " + " | ".join(rule) + " |"]
        lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |"
                  for row in self.frame.itertuples(index=False)]
        return "\n".join([*lines, "", f"*{markdown_cell(self.footnote)}*", ""])

    def to_html(self) -> str:
        """HTML table with caption and footnote."""
        align = self._align()
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join(
            "<tr>" + "".join(f'<td class="{"num" if a == "r" else "txt"}">{html.escape(str(v))}'
                             "</td>" for v, a in zip(row, align, strict=True)) + "</tr>"
            for row in self.frame.itertuples(index=False))
        return (f'<div class="scroll"><table><caption>{html.escape(self.title)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
                f'<p class="source">{html.escape(self.footnote)}</p>')

    def to_latex(self) -> str:
        """A booktabs LaTeX table with caption and footnote."""
        spec = "".join(self._align())
        rows = [" & ".join(latex_text(v) for v in row) + r" \\" for row in
                self.frame.itertuples(index=False)]
        return "\n".join([
            r"\begin{table}[htbp]", r"\centering", rf"\caption{{{latex_text(self.title)}}}",
            rf"\begin{{tabular}}{{{spec}}}", r"\toprule",
            " & ".join(latex_text(c) for c in self.frame.columns) + r" \\", r"\midrule", *rows,
            r"\bottomrule", r"\end{tabular}",
            rf"\par\footnotesize {latex_text(self.footnote)}", r"\end{table}", ""])

    def write(self, folder: Path, formats: Sequence[str]) -> list[Path]:
        """Write the table as a tidy numeric CSV and/or LaTeX into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        if "csv" in formats:
            path = folder / f"{self.name}.csv"
            data = self.data if self.data is not None else self.frame
            data.map(csv_cell).to_csv(path, index=False, lineterminator="\n")
            written.append(path)
        if "tex" in formats:
            path = folder / f"{self.name}.tex"
            path.write_text(self.to_latex(), encoding="utf-8")
            written.append(path)
        return written


def _text(value: Any) -> str:
    """A cell with no formatter: missing values as an en dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return str(value)
