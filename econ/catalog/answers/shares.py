"""Catalog entries: the partner's share of the reporter's imports."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.SHARES,
        description="Each configured pair's partner share of the reporter's imports per year, "
        "on every basis the data support, with valuation, sources and caveats.",
        schema=table_schema(
            "reporter_iso3",
            "partner_iso3",
            "year",
            col("basis", description="Numerator over denominator, see "
                "econ.analysis.shares.BASES"),
            col("share", description="Numerator over denominator, 0-1"),
            Column("numerator_usd", "float64", "USD", "The reporter's imports from the "
                   "partner on the basis' reporter and valuation (after the CIF/FOB factor)"),
            Column("denominator_usd", "float64", "USD", "The reporter's total imports on "
                   "the basis' definition"),
            "valuation",
            Column("cif_fob_factor", "float64", "ratio", "Factor applied to the numerator "
                   "to match the denominator's valuation (1 = none)"),
            Column("numerator_source", TEXT, "", "Sources of the numerator"),
            Column("denominator_source", TEXT, "", "Sources of the denominator"),
            Column("is_denominator_low", "bool", "", "The denominator is known to run below "
                   "the reporter's own totals (partners' mirror data, mirror estimates)"),
            Column("meaning", TEXT, "", "What the basis measures"),
            "caveat",
            key=("reporter_iso3", "partner_iso3", "year", "basis"),
            version=2,
        ),
        builder="econ.analysis.shares:build_shares",
        inputs=(),
        upstream=(names.DOTS, names.FCS_MONTHLY_PARTNER, names.COMTRADE_MONTHLY,
                  names.THIRD_PARTY_MONTHLY, names.IMTS_MONTHLY, names.IMTS_YEARLY,
                  names.BACI, names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS, names.ATLAS,
                  names.WDI_GDP, names.WDI_MACRO),
        citation="econ computation over the listed core tables",
    ),
    TableSpec(
        name=names.SHARE_ASSESSMENT,
        description="Each share with its role (primary, like-for-like or apart, with the "
        "reason), the headline and comparison years, and the judgement of the claim that "
        "names the pair (below, about or above its threshold) in the same year.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", "year",
            col("basis", description=f"As in {names.SHARES}"),
            col("share", description="The partner's share of the reporter's imports"),
            Column("role", TEXT, "", "primary (the first basis of "
                   "econ.analysis.claims.PRIMARY_ORDER in the headline year), like_for_like "
                   "or apart"),
            Column("preference", "int64", "", "Position in PRIMARY_ORDER (missing: apart)"),
            Column("reason_apart", TEXT, "", "Why the basis is shown apart; empty otherwise"),
            Column("is_headline_year", "bool", "", "The latest year with a like-for-like "
                   "basis"),
            Column("is_comparison_year", "bool", "", "The latest year with two or more "
                   "like-for-like bases"),
            Column("claim_id", TEXT, "", "The claim that names the pair; empty when none"),
            Column("threshold", "float64", "fraction", "The share the claim names"),
            Column("tolerance", "float64", "fraction", "Half-width of 'about': the threshold "
                   "times (CIF/FOB factor - 1), how far valuation alone moves the share"),
            Column("judgement", TEXT, "", "below, about or above the threshold; empty "
                   "without a claim"),
            key=("reporter_iso3", "partner_iso3", "year", "basis"),
        ),
        builder="econ.analysis.claims:build_share_assessment",
        inputs=(),
        upstream=(names.SHARES,),
        citation="econ.analysis.claims over the share table",
    ),
)
