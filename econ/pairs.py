"""Pairs of economies: the key every answer is built for.

A pair is ``reporter-partner`` in ISO3 codes, read as "the reporter's dependence on, and
trade with, the partner" (``RUS-CHN``: Russia's side of its trade with China).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from econ.errors import ArgumentError

__all__ = ["Pair", "check_codes", "parse_pair"]

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
            raise ArgumentError(argument, "ISO3 codes of economies in core_codes__countries",
                                f"unknown code {code!r}{hint}")
    return pair
