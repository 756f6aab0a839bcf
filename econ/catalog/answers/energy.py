"""Catalog entries: energy."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.ENERGY,
        description="Energy dependence of each configured pair, both directions, per year: "
        "volumes, the exporter's share of the importer's imports and the importer's share of "
        "the exporter's exports by commodity; the energy chapter's share of the pair's trade.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3",
            "year",
            col("commodity", description="crude, oil_products, pipeline_gas, lng, coal (and "
                "coal sub-types from customs), or hs27"),
            col("indicator", description="volume, share_of_exporter_exports, share_of_"
                "importer_imports (EI); imports_t, imports_usd, share_of_china_imports_t, "
                "share_of_china_imports_usd (customs); share_of_pair_imports_usd (BACI)"),
            col("value", description="In the row's unit"),
            "unit",
            col("source", description="Table the row is computed from"),
            key=("reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3", "year",
                 "commodity", "indicator", "source"),
            version=2,
        ),
        builder="econ.analysis.energy:build_energy",
        inputs=(),
        upstream=(names.EI_TRADE_LATEST,
                  names.CHINA_CUSTOMS_ENERGY,
                  names.BACI),
        citation="econ.indicators.energy over Energy Institute Statistical Review (newest "
        "edition per value), China customs (newest vintage), CEPII BACI",
        caveats=("EI and customs volumes differ by a few percent (standard conditions, "
                 "vintages).",),
    ),
)
