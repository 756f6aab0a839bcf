"""Catalog entries: hs."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.HS_PRODUCTS,
        description="HS 6-digit products (HS2017 and HS2022) with chapter, heading, section "
        "and BEC.",
        schema=table_schema(
            "hs6",
            "hs_revision",
            "hs4",
            "hs2",
            "description",
            Column("section", TEXT, "", "HS section (Roman numeral)"),
            Column("bec", TEXT, "", "BEC code(s) from the UNSD HS2017-BEC table, "
                   "';'-separated where one product maps to several"),
            key=("hs6", "hs_revision"),
        ),
        builder="econ.etl.hs:build_products",
        inputs=(
            "cepii_baci_meta/product_codes.csv",
            "cepii_baci_meta/hs17_bec.csv",
            "code_tables/datahub_harmonized_system/harmonized-system.csv",
        ),
        citation="CEPII BACI HS2017 product list; UNSD HS2017-BEC concordance; UN Comtrade "
        "HS2022 classification via datahub.io",
    ),
    TableSpec(
        name=names.HS_CONCORDANCE,
        description="HS2022 -> HS2017 links (BACI's HS2017 list) with the share of each "
        "HS2017 code's value allocated to each HS2022 code; unmatched codes of both sides.",
        schema=table_schema(
            col("hs2022", description="HS2022 code; missing on an unmatched HS2017 row"),
            col("hs2017", description="HS2017 code of BACI's list (271000 = heading 2710); "
                "missing on an unmatched HS2022 row"),
            Column("link", TEXT, "", "identity (code in both revisions), unsd_conversion, "
                   "unsd_correlation, review, or none (unmatched)"),
            Column("relationship", TEXT, "", "UNSD Correlations sheet relationship of the "
                   "pair (1:1, 1:n, n:1, n:n); missing for identity and reviewed links"),
            Column("allocation", TEXT, "", "whole (weight 1), share (equal share of a split "
                   "HS2017 code), carved_out (weight 0: part of an HS2017 code that keeps its "
                   "value, share unknown), unmatched"),
            col("weight", description="Share of the HS2017 code's value allocated to the "
                "HS2022 code; sums to 1 over an HS2017 code's links; missing if unmatched"),
            col("match", description="Of the HS2022 code over all its links: exact, merged, "
                "split (a share, or carved out only) or unmatched"),
            Column("hs2017_lost_to", TEXT, "", "HS2022 headings that took part of the "
                   "HS2017 code's content without a link here (UNSD Correlations sheet), "
                   "';'-separated; empty when none. Its series breaks in 2022"),
            Column("is_description_changed", "bool", "", "Identity links only: the two "
                   "revisions' descriptions share less than 60% of their words"),
            Column("description_hs2022", TEXT, "", "HS2022 description (datahub / UN "
                   "Comtrade)"),
            Column("description_hs2017", TEXT, "", "HS2017 description (BACI)"),
            Column("note", TEXT, "", "Why the link exists or what to watch"),
            key=("hs2022", "hs2017"),
            nullable_key=("hs2022", "hs2017"),
        ),
        builder="econ.etl.hs:build_concordance_hs2022_hs2017",
        inputs=(),
        references=("hs2022_hs2017.csv", "hs2017_scope_losses.csv"),
        upstream=(names.HS_PRODUCTS,),
        citation="UN Statistics Division, HS2022 to HS2017 Conversion and Correlation Tables "
        "(HS2022toHS2017ConversionAndCorrelationTables.xlsx, copy in insongkim/concordance "
        "data-raw at commit 201c812e), reviewed rows in econ/etl/reference/hs2022_hs2017.csv; "
        "codes present in both revisions map to themselves",
        caveats=(
            "Split HS2017 codes are shared equally among their HS2022 successors in the same "
            "heading: no HS2022-coded trade is available to weight them.",
            "HS2022 codes carved out of an HS2017 code that keeps its number, or lying outside "
            "its heading (8549 e-waste in 854231; 8524 display modules and 854151/854159 in "
            "851712; 8806 drones in 852580), get weight 0: their trade stays in the HS2017 "
            "code's value.",
            "From 2022 BACI HS17 holds HS2022 reports converted with UNSD's Conversions "
            "sheet, which sends 854151/854159 to 851712 (telephones): their 2022+ trade "
            "sits in 851712.",
        ),
    ),
)
