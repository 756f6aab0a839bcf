"""Russian-language labels shared by the Bank of Russia and customs (FCS) loaders."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "normalise", "parse_month", "parse_period_label", "parse_updated"]

#: nominative month names -> month number
MONTHS: dict[str, int] = {
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
#: genitive month names (as in "11 ноября 2020 года") -> month number
_GENITIVE: dict[str, int] = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_LATIN_LOOKALIKES = str.maketrans("aeopcxyAEOPCXBMHKT", "аеорсхуАЕОРСХВМНКТ")


def normalise(text: object) -> str:
    """Collapse whitespace and lower-case; Latin look-alike letters become Cyrillic.

    Some FCS headers mix scripts ("Китaй" with a Latin "a"): matching on the normalised
    form keeps the reviewed mapping readable while the raw label stays as published.
    """
    return " ".join(str(text).split()).translate(_LATIN_LOOKALIKES).lower()


def parse_month(label: object) -> int | None:
    """Month number of a month name ("  январь", "Сентябрь "), or None."""
    return MONTHS.get(normalise(label))


_SPAN = re.compile(r"^январь(?:\s*-\s*(\w+))?(?:\s+(\d{4}))?(?:\s*г\.?)?$")


def parse_period_label(label: object) -> tuple[int, int | None] | None:
    """``(months, year)`` of a cumulative label from January.

    "Январь" -> (1, None); "Январь-апрель 2024" -> (4, 2024); "Январь - декабрь 2021 г."
    -> (12, 2021). None if the label is not of that form.
    """
    match = _SPAN.match(normalise(label))
    if match is None:
        return None
    end, year = match.groups()
    months = 1 if end is None else MONTHS.get(end)
    if months is None:
        return None
    return months, int(year) if year else None


_UPDATED = re.compile(r"(\d{1,2})\s+(\w+)\s+(\d{4})")


def parse_updated(text: object) -> date | None:
    """Date in a line such as "Дата последнего обновления: 11 ноября 2020 года."."""
    match = _UPDATED.search(normalise(text))
    if match is None or match.group(2) not in _GENITIVE:
        return None
    return date(int(match.group(3)), _GENITIVE[match.group(2)], int(match.group(1)))
