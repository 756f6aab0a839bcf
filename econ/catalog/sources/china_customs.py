"""Catalog entries: china customs."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.CHINA_CUSTOMS_ENERGY,
        description="China's monthly imports of crude, gas and coal by origin (China "
        "customs via Wind, UN Comtrade and GACC files), every vintage.",
        schema=table_schema(
            col("source", description="wind (Wind exports kept by CREA), comtrade or gacc "
                "(china-energy-monitor files)"),
            col("vintage", description="Release, 'YYYY-MM': the Wind folder's month; for the "
                "undated china-energy-monitor copies the month after their newest data"),
            "period",
            col("origin_iso3", description="Origin economy; WLD for China's totals"),
            col("commodity", description="crude, lng, pipeline_gas, natural_gas (LNG and "
                "pipeline), coal (HS 2701), coal_steam, coal_coking, coal_anthracite, "
                "lignite, coal_and_lignite"),
            col("quantity_t", description="Tonnes, converted from kg, t, 10,000 t (Wind) or "
                "million tonnes (fuel files); missing where not published or imputed"),
            col("value_usd", description="US dollars, converted from USD, USD 10,000 (Wind) "
                "or USD billion (fuel files); imports are valued CIF"),
            col("is_jan_feb_combined", description="January and February published as one "
                "value, kept under February (no January row); split_jan_feb divides it"),
            "caveat",
            key=("source", "vintage", "period", "origin_iso3", "commodity"),
        ),
        builder="econ.etl.china_customs:build_monthly_energy_imports",
        inputs=(
            "crea_fossil_shipment_tracker/china_customs_wind/*/china_imports_wind.csv",
            "china_energy_monitor_doiennoson/fuel-imports/*.csv",
        ),
        upstream=(names.COUNTRY_ALIASES,),
        citation="General Administration of Customs of China (GACC): via Wind Information "
        "exports kept by CREA (energyandcleanair/fossil_shipment_tracker_r), and via UN "
        "Comtrade and GACC files compiled by DoiEnnoson/china-energy-monitor",
        caveats=(
            "Several vintages of the same month are kept (source, vintage); use "
            "econ.etl.china_customs.newest_vintage for one value per month.",
            "The china-energy-monitor copies are undated: their vintage is the month after "
            "their newest data. Their GACC files hold values only; Comtrade pipeline-gas "
            "quantities (imputed by the compiler) are not loaded.",
            "None of the current files publishes January and February together; a combined "
            "value would be flagged and can be split with split_jan_feb.",
            "Pipeline gas volumes from Russia stop in December 2021: customs stopped "
            "publishing them.",
        ),
    ),
)
