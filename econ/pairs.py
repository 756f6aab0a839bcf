"""Pairs of economies: the key every answer is built for.

A pair is ``reporter-partner`` in ISO3 codes, read as "the reporter's dependence on, and
trade with, the partner" (``RUS-CHN``: Russia's side of its trade with China). Answers are
built for :data:`DEFAULT_PAIRS` and for the pairs listed in ``data/pairs.csv`` (one
``reporter_iso3,partner_iso3`` row each), which ``econ refresh --pair A-B`` appends to.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from econ import names
from econ._atomic import write_text
from econ.errors import ArgumentError, RawDataError

__all__ = ["DEFAULT_PAIRS", "PAIRS_FILE", "Pair", "add_pair", "check_codes",
           "configured_pairs", "parse_pair"]

#: file under ``data/`` listing extra pairs (written by ``econ refresh --pair``)
PAIRS_FILE = "pairs.csv"

_PATTERN = re.compile(r"([A-Za-z]{3})-([A-Za-z]{3})")


@dataclass(frozen=True, order=True)
class Pair:
    """Reporter and partner, ISO3 codes.

    Examples
    --------
    >>> str(Pair("RUS", "CHN"))
    'RUS-CHN'
    """

    reporter: str
    partner: str

    def __str__(self) -> str:
        return f"{self.reporter}-{self.partner}"

    @property
    def codes(self) -> tuple[str, str]:
        """``(reporter, partner)``."""
        return self.reporter, self.partner


def parse_pair(text: str, *, argument: str = "--pair") -> Pair:
    """``"RUS-CHN"`` (any case) -> ``Pair("RUS", "CHN")``.

    Raises
    ------
    ArgumentError
        If the text is not two three-letter codes joined by '-', or names one economy
        twice.

    Examples
    --------
    >>> parse_pair("rus-ind")
    Pair(reporter='RUS', partner='IND')
    """
    match = _PATTERN.fullmatch(text.strip())
    if match is None:
        raise ArgumentError(argument, "two ISO3 codes joined by '-', e.g. RUS-CHN", repr(text))
    pair = Pair(match.group(1).upper(), match.group(2).upper())
    if pair.reporter == pair.partner:
        raise ArgumentError(argument, "two different economies", repr(text))
    return pair


def check_codes(pair: Pair, known: Iterable[str], *, argument: str = "--pair") -> Pair:
    """Return ``pair`` if both codes are known economies, else fail naming the unknown one.

    Parameters
    ----------
    pair : Pair
    known : iterable of str
        The ISO3 codes of ``core_codes__countries`` (economies, not groups).
    argument : str
        Named in the message.

    Raises
    ------
    ArgumentError
        Naming the unknown code and the closest known ones.
    """
    codes = set(known)
    for code in pair.codes:
        if code not in codes:
            close = difflib.get_close_matches(code, sorted(codes), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ArgumentError(argument, f"ISO3 codes of economies in {names.COUNTRIES}",
                                f"unknown code {code!r}{hint}")
    return pair


#: pairs every refresh builds: Russia-China first, then the comparisons analysts ask for
DEFAULT_PAIRS: tuple[Pair, ...] = tuple(
    Pair(a, b) for a, b in (("RUS", "CHN"), ("RUS", "IND"), ("RUS", "TUR"), ("RUS", "KAZ"),
                            ("KAZ", "CHN"), ("RUS", "DEU"), ("CHN", "USA")))


def configured_pairs(data_dir: Path) -> tuple[Pair, ...]:
    """:data:`DEFAULT_PAIRS`, then the pairs of ``data_dir/pairs.csv`` not among them.

    Raises
    ------
    RawDataError
        Naming the file and line of a malformed row.
    """
    path = data_dir / PAIRS_FILE
    extra: list[Pair] = []
    if path.is_file():
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        if not rows or rows[0] != ["reporter_iso3", "partner_iso3"]:
            raise RawDataError(path, row=1, expected="header reporter_iso3,partner_iso3",
                               found=repr(rows[0] if rows else ""), hint="Fix or delete the "
                               "file; `econ refresh --pair A-B` writes it.")
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != 2:
                raise RawDataError(path, row=number, expected="two ISO3 codes",
                                   found=repr(row))
            extra.append(parse_pair("-".join(row), argument=f"{path}, row {number}"))
    return tuple(dict.fromkeys([*DEFAULT_PAIRS, *extra]))


def add_pair(data_dir: Path, pair: Pair) -> bool:
    """Append ``pair`` to ``data_dir/pairs.csv``; False if it is configured already."""
    current = configured_pairs(data_dir)
    if pair in current:
        return False
    extra = [p for p in current if p not in DEFAULT_PAIRS] + [pair]
    text = "reporter_iso3,partner_iso3\n" + "".join(f"{p.reporter},{p.partner}\n"
                                                      for p in extra)
    target = data_dir / PAIRS_FILE
    write_text(target, text)
    return True
