"""Country codes: one reviewed table joining ISO3, M49, IMF names, BACI, COW, GACC, WB.

The base list is ISO 3166 (datahub.io ``country-codes.csv``). Groups, historical states
and residual categories that ISO does not code come from the reviewed
``econ/etl/reference/country_groups.csv``; IMF names, COW codes, GACC codes, Energy
Institute names (``ei``) and the origin names of the China customs energy files
(``china_customs``) from the other reviewed files there. Codes that publishers ship
with their own files (Comtrade, BACI, World Bank) are read from those files. A code that
points to an ISO3 code known to neither list is an error, so the two tables can never
disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["REVIEWED", "build_aliases", "build_countries"]

_ISO = "code_tables/datahub_country_codes/country-codes.csv"
_COMTRADE = "code_tables/un_comtrade_reference/partner.csv"
_BACI_OLD = "cepii_baci_meta/country_codes.csv"
_BACI_NEW = "cepii_baci_meta/country_codes_V202601.csv"
_WB = "worldbank_wdi/Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv"
_KINDS = ("country", "territory", "historical", "group", "residual", "label")


def _base(ctx: BuildContext) -> pd.DataFrame:
    """ISO countries plus the reviewed groups: iso3, name, kind, iso2, m49."""
    iso = read_csv_checked(
        ctx.file(_ISO),
        required=["ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "M49", "CLDR display name",
                  "UNTERM English Short", "is_independent"],
    )
    iso = iso[iso["ISO3166-1-Alpha-3"].notna()]
    countries = pd.DataFrame({
        "iso3": iso["ISO3166-1-Alpha-3"].str.strip(),
        "name": iso["CLDR display name"].fillna(iso["UNTERM English Short"]).str.strip(),
        "kind": iso["is_independent"].map(lambda v: "country" if v == "Yes" else "territory"),
        "iso2": iso["ISO3166-1-Alpha-2"].str.strip(),
        "m49": pd.to_numeric(iso["M49"], errors="raise").astype("Int64"),
    })
    path = ctx.reference("country_groups.csv")
    groups = read_csv_checked(path, required=["code", "name", "kind"])
    bad = groups[~groups["kind"].isin(_KINDS)]
    if not bad.empty:
        raise RawDataError(display_path(path), row=int(bad.index[0]) + 2, column="kind",
                           expected=f"one of {list(_KINDS)}", found=repr(bad["kind"].iloc[0]))
    clash = sorted(set(groups["code"]) & set(countries["iso3"]))
    if clash:
        raise RawDataError(display_path(path), expected="codes not already ISO 3166 codes",
                           found=f"{clash}", hint="Remove them from country_groups.csv.")
    extra = pd.DataFrame({"iso3": groups["code"], "name": groups["name"],
                          "kind": groups["kind"]})
    return pd.concat([countries, extra], ignore_index=True)


def _checked(frame: pd.DataFrame, known: set[str], path: Path, what: str) -> pd.DataFrame:
    unknown = frame.loc[~frame["iso3"].isin(known)]
    if not unknown.empty:
        raise RawDataError(
            display_path(path), expected=f"{what} that map to a known ISO3 or group code",
            found=f"{unknown['key'].iloc[0]!r} -> {unknown['iso3'].iloc[0]!r}"
            + (f" and {len(unknown) - 1} more" if len(unknown) > 1 else ""),
            hint="Add the code to econ/etl/reference/country_groups.csv after review.",
        )
    return frame


def _pairs(source: str, keys: pd.Series, iso3: pd.Series) -> pd.DataFrame:
    frame = pd.DataFrame({"key": keys, "iso3": iso3}).dropna()
    return pd.DataFrame({
        "source": source,
        "key": frame["key"].astype(str).str.strip(),
        "iso3": frame["iso3"].astype(str).str.strip(),
    }).drop_duplicates()


def _publisher_codes(ctx: BuildContext, known: set[str]) -> list[pd.DataFrame]:
    """Codes that publishers map to ISO3 themselves: Comtrade, BACI, World Bank.

    Codes whose ISO3 is neither ISO nor a reviewed group (e.g. Comtrade's '_AC' areas)
    are left out: a loader that meets one fails with the code in its message.
    """
    comtrade = read_csv_checked(ctx.file(_COMTRADE),
                                required=["PartnerCode", "PartnerCodeIsoAlpha3"])
    old = read_csv_checked(ctx.file(_BACI_OLD), required=["country_code", "iso_3digit_alpha"])
    new = read_csv_checked(ctx.file(_BACI_NEW), required=["country_code", "country_iso3"])
    wb = read_csv_checked(ctx.file(_WB), required=["Country Code", "TableName"])
    # V202201 maps 711 (Southern African Customs Union) to ZAF; V202601 gives it its own
    # code ZA1: where the two BACI tables disagree, the newer one wins.
    baci = pd.concat([_pairs("baci", new["country_code"], new["country_iso3"]),
                      _pairs("baci", old["country_code"], old["iso_3digit_alpha"])])
    frames = [
        _pairs("comtrade", comtrade["PartnerCode"], comtrade["PartnerCodeIsoAlpha3"]),
        baci[baci["iso3"].isin(known)].drop_duplicates("key"),
    ]
    frames = [f[f["iso3"].isin(known)] for f in frames]
    frames.append(_checked(_pairs("wb", wb["Country Code"], wb["Country Code"]), known,
                           ctx.file(_WB), "World Bank codes"))
    frames.append(_checked(_pairs("wb_name", wb["TableName"], wb["Country Code"]), known,
                           ctx.file(_WB), "World Bank names"))
    return frames


#: alias source -> (reviewed file in econ/etl/reference, column holding the key)
REVIEWED: dict[str, tuple[str, str]] = {
    "imf": ("imf_names.csv", "imf_name"),
    "gacc": ("gacc_codes.csv", "gacc_code"),
    "gacc_name": ("gacc_release_names.csv", "gacc_name"),
    "fcs": ("fcs_names.csv", "fcs_name"),
    "ei": ("ei_names.csv", "ei_name"),
    "china_customs": ("china_customs_names.csv", "customs_name"),
}


def _reviewed_codes(ctx: BuildContext, known: set[str]) -> list[pd.DataFrame]:
    frames = []
    for source, (name, key) in REVIEWED.items():
        path = ctx.reference(name)
        table = read_csv_checked(path, required=[key, "iso3"])
        frames.append(_checked(_pairs(source, table[key], table["iso3"]), known, path,
                               f"{source} keys"))
    cow_path = ctx.reference("cow_codes.csv")
    cow = read_csv_checked(cow_path, required=["cow_code", "iso3", "first_year", "last_year"])
    frames.append(_checked(pd.DataFrame({
        "source": "cow",
        "key": cow["cow_code"].str.strip(),
        "iso3": cow["iso3"].str.strip(),
        "first_year": pd.to_numeric(cow["first_year"]).astype("Int64"),
        "last_year": pd.to_numeric(cow["last_year"]).astype("Int64"),
    }), known, cow_path, "COW codes"))
    return frames


def _aliases(ctx: BuildContext, base: pd.DataFrame) -> pd.DataFrame:
    known = set(base["iso3"])
    own = [
        _pairs("iso3", base["iso3"], base["iso3"]),
        _pairs("m49", base["m49"].dropna().astype("int64"), base.loc[base["m49"].notna(),
                                                                      "iso3"]),
    ]
    frames = own + _publisher_codes(ctx, known) + _reviewed_codes(ctx, known)
    table = pd.concat(frames, ignore_index=True)
    table["first_year"] = table["first_year"].astype("Int64")
    table["last_year"] = table["last_year"].astype("Int64")
    table = table.drop_duplicates(["source", "key", "iso3", "first_year"])
    timeless = table[table["first_year"].isna() & table["last_year"].isna()]
    clash = timeless[timeless.duplicated(["source", "key"], keep=False)]
    if not clash.empty:
        raise ValueError(
            "country code tables disagree: one key maps to several ISO3 codes:\n"
            + clash.sort_values(["source", "key"]).head(10).to_string(index=False)
        )
    return table


def build_aliases(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_codes__country_aliases``: (source, key) -> iso3."""
    return _aliases(ctx, _base(ctx))[["source", "key", "iso3", "first_year", "last_year"]]


def _joined(aliases: pd.DataFrame, source: str) -> pd.Series:
    rows = aliases[aliases["source"] == source]
    return rows.groupby("iso3")["key"].agg(lambda keys: ";".join(sorted(set(keys))))


def build_countries(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_codes__countries``: one row per code, with every source's code."""
    base = _base(ctx)
    aliases = _aliases(ctx, base)
    table = base.copy()
    table["is_aggregate"] = table["kind"].eq("group")
    for column, source in (("imf_name", "imf"), ("baci_code", "baci"), ("cow_code", "cow"),
                           ("gacc_code", "gacc"), ("comtrade_code", "comtrade"),
                           ("wb_code", "wb"), ("ei_name", "ei")):
        table[column] = table["iso3"].map(_joined(aliases, source))
    return table
