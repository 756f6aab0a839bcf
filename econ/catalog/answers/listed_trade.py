"""Catalog entries: listed trade."""

from __future__ import annotations

from econ import names
from econ.catalog.sources.sanctions import SANCTIONS_CITATION
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.LISTED_TRADE,
        description="Trade in goods on sanctions and export-control lists (CHPL by tier, "
        "EAR supplements, EU 833/2014) of each configured pair with Russia that BACI covers: "
        "partner->Russia on every list, Russia->partner on the EU list; value and share per "
        "year.",
        schema=table_schema(
            "reporter_iso3",
            "partner_iso3",
            "exporter_iso3",
            "importer_iso3",
            "list_name",
            "list_version",
            col("tier", description="List part ('Tier 1', 'Supp. 4', 'CN8 codes' ...) or "
                "'all' (union of the list's parts, each code once)"),
            "year",
            col("n_codes", description="Distinct HS6 codes of the list part"),
            col("value_usd", description="Listed trade: each BACI HS2017 code's FOB value "
                "times its listed share under the concordance"),
            col("value_lower_usd", description="Only HS2017 codes wholly listed"),
            col("value_upper_usd", description="Every HS2017 code holding a listed code, "
                "even in part (carved-out codes included)"),
            col("total_usd", description="Exporter's total sales to the importer (BACI, all "
                "HS6 codes, FOB)"),
            col("share", description="value_usd / total_usd"),
            Column("importer_share", "float64", "fraction", "Exporter's share of the "
                   "importer's listed-goods imports from all partners; NaN when those "
                   "imports are unavailable"),
            Column("importer_share_reason", TEXT, "", "Why importer_share is missing; "
                   "empty when computed"),
            "base_year",
            col("growth", description="value_usd / value_usd in base_year - 1"),
            Column("top_hs6", TEXT, "", "Largest list codes by allocated value, with their "
                   "share of value_usd"),
            col("caveat", description="Codes of this list part that are split, carved out or "
                "unmatched"),
            Column("method", TEXT, "", "How BACI built the year's flow: whose declarations "
                   "and which HS revision"),
            Column("method_base_year", "int64", "year", "First year of the same method"),
            Column("is_method_break", "bool", "", "The method differs from the year "
                   "before: compare across it with care"),
            Column("growth_same_method", "float64", "ratio", "value_usd / value_usd in "
                   "method_base_year - 1 (the trend where the method is constant)"),
            key=("reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3",
                 "list_name", "tier", "year"),
            version=2,
        ),
        builder="econ.analysis.sanctions:build_yearly_listed_trade",
        inputs=(),
        upstream=(names.BACI, names.SANCTIONS_LISTS, names.HS_CONCORDANCE, names.DOTS,
                  names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY, names.FCS_MONTHLY_PARTNER,
                  names.IMTS_MONTHLY, names.IMTS_YEARLY),
        citation="econ computation over CEPII BACI HS17 V202501 (China-Russia rows) and the "
        "lists: " + SANCTIONS_CITATION + "; HS2022->HS2017 links from UNSD's correlation "
        f"tables ({names.HS_CONCORDANCE})",
        caveats=(
            "Lists are applied to every year, 2017-2023, although the EAR supplements and the "
            "CHPL date from 2022-2024: the series shows the trade in today's listed goods.",
            "BACI holds only China-Russia flows: Russia's listed-goods imports from all "
            "partners, hence China's share of them, are not available (importer_share NaN).",
            "Split HS2017 codes are shared equally among their HS2022 successors; see "
            "value_lower_usd and value_upper_usd for the range.",
            "From 2022 BACI's HS2017 851712 (telephones) also holds HS2022 854151/854159 "
            "(CHPL semiconductor devices): their 2022-2023 trade counts only in "
            "value_upper_usd.",
        ),
    ),
)
