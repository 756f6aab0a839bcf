"""Catalog entries: sanctions."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["SANCTIONS_CITATION", "TABLES"]

SANCTIONS_CITATION = (
    "CHPL: BIS, Common High Priority Items List, version 2024-02-23 (transcribed); US EAR: "
    "15 CFR part 746 supplements 2, 4, 5, 7, eCFR as of 2026-09-24 (transcribed from a "
    "third-party parse); EU: Reg. (EU) 833/2014 consolidated 2022-10-07, CN codes as "
    "extracted by vzemlys/ruimpeks (byte-for-byte copies)"
)

_SANCTIONS_CAVEATS = (
    "CHPL and EAR files are checked transcriptions, not copies of the publishers' files "
    "(is_transcribed); EU files are byte-for-byte copies of a third party's extraction.",
    "EU: annex not recorded (export and import bans mixed); later packages and Annex XL "
    "(CHPL) missing; an HS6 counts as listed if any of its CN8 codes is.",
    "An HS6 code on a list is a screening flag, not a licensing determination.",
)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.SANCTIONS_LISTS,
        description="HS6 codes of sanctions and export-control lists (CHPL by tier, US EAR "
        "part 746 supplements, EU Reg. 833/2014 CN codes reduced to HS6).",
        schema=table_schema(
            "list_name",
            "list_version",
            "tier",
            col("hs6", description="HS6 code (the list's code; EU CN8 codes cut to their "
                "first six digits, EU CN4 headings expanded to their subheadings)"),
            col("hs_revision", description="HS2022 (CHPL, EAR, EU codes of CN2022) or "
                "HS2017 (EU codes of earlier CN vintages, heading 8803)"),
            col("description", description="As the list prints it (CHPL; EAR supplements 2 "
                "and 7; EU: 'CN8: Eurostat label' joined by ' | '); missing where the list "
                "has none (EAR supplements 4 and 5, EU CN4 headings)"),
            Column("codes_as_listed", TEXT, "", "The list's own code(s) behind the row: "
                   "'8542.31' (CHPL), CN8 codes ';'-separated or the CN4 heading (EU)"),
            "is_transcribed",
            "source_file",
            key=("list_name", "tier", "hs6"),
        ),
        builder="econ.etl.sanctions:build_hs_lists",
        inputs=(
            "sanctions_hs_lists/chpl/chpl_bis_2024-02-23.csv",
            "sanctions_hs_lists/chpl/chpl_bis_2024-02-23_tiers.csv",
            "sanctions_hs_lists/us_ear_part746/ear746_hs6_tidy.csv",
            "sanctions_hs_lists/us_ear_part746/source_transcriptions/"
            "ear-derived_russiaHts_transcribed.json",
            "sanctions_hs_lists/eu_833_2014_ruimpeks/export_sanctions_codes.csv",
            "sanctions_hs_lists/eu_833_2014_ruimpeks/input_codes.csv",
        ),
        upstream=(names.HS_PRODUCTS,),
        citation=SANCTIONS_CITATION,
        caveats=_SANCTIONS_CAVEATS,
    ),
)
