"""UN Comtrade monthly totals (Comtrade+ API v1 final data, the 47-field record layout).

Two forms of the same records are read:

* the extract shipped with econ, ``un_comtrade/comtrade_imports_chn_from_rus_2017_2024.csv``
  (China's monthly imports from Russia, ``cmdCode`` TOTAL, 2017-01 to 2024-12);
* the answers ``econ fetch comtrade`` stores, ``un_comtrade/<YYYY-MM>/comtrade_<reporter>_
  <partner>_<from>_<to>.json``: ``{"count": n, "data": [records], "error": ""}`` as the
  API (data or public preview endpoint) returns them, both directions of each pair.

Reporter and partner are M49-based Comtrade codes (156, 643); imports are valued CIF
(``primaryValue`` equals ``cifvalue``), exports FOB (equals ``fobvalue``), which the
loader checks. Releases add months and revise recent ones: every file is read, and where
two give the same reporter, partner, flow and month the newest release wins (the shipped
extract first, then the release folders in order, :func:`econ.manifest.vintage_key`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import display_path, lookup_codes, read_csv_checked
from econ.manifest import vintage_key

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["REQUIRED", "build_monthly_bilateral_trade", "check_records", "read_records"]

_FLOWS = {"M": ("imports", "cif", "cifvalue"), "X": ("exports", "fob", "fobvalue")}
#: fields every record must have: those read or checked here
REQUIRED = ("freqCode", "refYear", "refMonth", "reporterCode", "flowCode", "partnerCode",
            "partner2Code", "classificationCode", "cmdCode", "customsCode", "motCode",
            "cifvalue", "fobvalue", "primaryValue")
#: the monthly totals of all goods: these fields hold one value in every record read
_CONSTANT = (("freqCode", "M"), ("cmdCode", "TOTAL"), ("partner2Code", "0"),
             ("customsCode", "C00"), ("motCode", "0"))
_KEY = ["reporter_iso3", "partner_iso3", "flow", "period"]


@dataclass(frozen=True)
class Records:
    """Comtrade records of one file as text columns, and how to name a place in it.

    Attributes
    ----------
    frame : DataFrame
        One row per record, one text column per field (missing values are NaN).
    path : Path
        The file.
    is_json : bool
        An API answer (places are ``data[i].field``) rather than the CSV extract (file
        line and column).
    """

    frame: pd.DataFrame
    path: Path
    is_json: bool

    def error(self, index: int, field: str, *, expected: str, found: str,
              hint: str | None = None) -> RawDataError:
        """A :class:`RawDataError` at record ``index`` (0-based), field ``field``."""
        if self.is_json:
            return RawDataError(display_path(self.path), column=f"data[{index}].{field}",
                                expected=expected, found=found, hint=hint)
        return RawDataError(display_path(self.path), row=index + 2, column=field,
                            expected=expected, found=found, hint=hint)

    def numbers(self, field: str) -> pd.Series:
        """A field as numbers; missing stays NaN, anything else that is not a number fails."""
        text = self.frame[field]
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & text.notna()
        if bad.any():
            index = int(bad.to_numpy().argmax())
            raise self.error(index, field, expected="a number", found=repr(text.iloc[index]))
        return values.astype("float64")


def _as_text(value: Any) -> Any:
    return np.nan if value is None else str(value)


def _read_json(path: Path) -> Records:
    shown = display_path(path)
    try:
        message = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise RawDataError(shown, expected="a Comtrade API answer (JSON)",
                           found=f"text that does not parse ({exc})",
                           hint="The file may be cut short: fetch it again.") from None
    records = message.get("data") if isinstance(message, dict) else None
    if not isinstance(records, list) or not records:
        raise RawDataError(shown, expected="an answer {'count', 'data': [records], 'error'} "
                           "with at least one record", found=repr(str(message)[:80]),
                           hint="Is this a UN Comtrade data or preview answer?")
    if not all(isinstance(r, dict) for r in records):
        raise RawDataError(shown, column="data", expected="records (JSON objects)",
                           found=repr(str(records)[:80]))
    missing = [f for f in REQUIRED if any(f not in r for r in records)]
    if missing:
        raise RawDataError(shown, column="data", expected=f"fields {list(REQUIRED)} in every "
                           "record", found=f"records without {missing}",
                           hint="Was the answer asked with includeDesc=false and no fields "
                           "filter? The loader reads the API's full record layout.")
    frame = pd.DataFrame({f: [_as_text(r[f]) for r in records] for f in REQUIRED},
                         dtype=object)
    return Records(frame, path, is_json=True)


def read_records(path: Path) -> Records:
    """The records of a Comtrade file: an API answer (JSON) or the CSV extract.

    Raises
    ------
    RawDataError
        Naming the file (and line or ``data[i]``) if it does not parse, holds no
        records, or lacks a field of :data:`REQUIRED`.
    """
    with open(path, "rb") as fh:  # by content: a download is checked under a .part name
        first = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        return _read_json(path)
    return Records(read_csv_checked(path, required=list(REQUIRED)), path, is_json=False)


def check_records(records: Records) -> None:
    """Check that the records are monthly totals valued as this loader assumes.

    Raises
    ------
    RawDataError
        At the first record that is not a monthly TOTAL of all partners2, customs
        procedures and transport modes, has a flow other than M or X, or whose
        ``primaryValue`` differs from its CIF (imports) or FOB (exports) value.
    """
    frame = records.frame
    for field, value in _CONSTANT:
        bad = frame[field].fillna("").map(str).str.strip() != value
        if bad.any():
            index = int(bad.to_numpy().argmax())
            raise records.error(index, field, expected=f"{value!r} (monthly totals of all "
                                "goods, all partners2, customs procedures and transport "
                                "modes)", found=repr(frame[field].iloc[index]),
                                hint="This loader reads TOTAL monthly extracts only.")
    unknown = ~frame["flowCode"].isin(list(_FLOWS))
    if unknown.any():
        index = int(unknown.to_numpy().argmax())
        raise records.error(index, "flowCode", expected=f"one of {list(_FLOWS)}",
                            found=repr(frame["flowCode"].iloc[index]))
    primary = records.numbers("primaryValue")
    for code, (_, _, basis) in _FLOWS.items():
        rows = (frame["flowCode"] == code).to_numpy()
        differs = rows & (records.numbers(basis) != primary).to_numpy()
        if differs.any():
            raise records.error(int(differs.argmax()), "primaryValue",
                                expected=f"primaryValue equal to {basis} for flow {code}",
                                found=f"{primary.iloc[int(differs.argmax())]!r}",
                                hint="Check which valuation this extract reports.")


def _tidy(records: Records, aliases: pd.DataFrame) -> pd.DataFrame:
    check_records(records)
    frame, path = records.frame, records.path
    year = records.numbers("refYear").astype("int64")
    month = records.numbers("refMonth").astype("int64")
    return pd.DataFrame({
        "reporter_iso3": lookup_codes(frame["reporterCode"], aliases, "comtrade", path=path,
                                      what="code"),
        "partner_iso3": lookup_codes(frame["partnerCode"], aliases, "comtrade", path=path,
                                     what="code"),
        "flow": frame["flowCode"].map(lambda c: _FLOWS[c][0]),
        "period": pd.to_datetime({"year": year, "month": month, "day": 1}),
        "valuation": frame["flowCode"].map(lambda c: _FLOWS[c][1]),
        "value_usd": records.numbers("primaryValue"),
        "classification": frame["classificationCode"].fillna("").map(str).str.strip(),
        "source_file": display_path(path),
    })


def build_monthly_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_comtrade__monthly_bilateral_trade`` from every listed release.

    A later release replaces an earlier one's value for the same reporter, partner, flow
    and month (a revision); the number replaced goes to the notes.
    """
    aliases = ctx.table(names.COUNTRY_ALIASES)
    ordered = sorted(ctx.files(), key=lambda p: (vintage_key(display_path(p)), p.name))
    table = pd.concat([_tidy(read_records(path), aliases) for path in ordered],
                      ignore_index=True)
    replaced = int(table.duplicated(_KEY, keep="last").sum())
    if replaced:
        ctx.note(f"{replaced} monthly values replaced by a later Comtrade release")
    ctx.note("files, oldest release first: " + ", ".join(display_path(p) for p in ordered))
    return table.drop_duplicates(_KEY, keep="last").sort_values(_KEY).reset_index(drop=True)
