"""Catalog entries: CEPII GeoDist country geography."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import Column

__all__ = ["TABLES"]

_GEO_CITATION = ("CEPII, GeoDist country file geo_cepii.xls (Mayer and Zignago 2011), via "
                 "SamiNakibETU/Russia_China_relationship")

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.GEO_COUNTRIES,
        description="CEPII GeoDist: each country's capital and main city (coordinates), area, "
        "internal distance, landlocked, official languages, former colonizers.",
        schema=table_schema(
            "iso3",
            Column("is_main_city", "bool", "", "CEPII's main city (maincity = 1)", nullable=False),
            Column("source_code", "string", "", "Country code as CEPII writes it"),
            "country",
            Column("city", "string", "", "City name (English) as CEPII writes it"),
            Column("lat_deg", "float64", "degree", "Latitude of the city"),
            Column("lon_deg", "float64", "degree", "Longitude of the city"),
            Column("is_capital", "bool", "", "The country's capital (CEPII cap = 1)"),
            Column("area_km2", "float64", "km2", "Land area"),
            Column("internal_distance_km", "float64", "km", "CEPII dis_int: 0.67 sqrt(area/pi)"),
            Column("is_landlocked", "bool", "", "The country has no sea coast"),
            Column("continent", "string", "", "Continent as CEPII names it"),
            Column("official_languages", "string", "", "Official languages, ';'-separated"),
            Column("colonizers", "string", "", "ISO3 of former colonizers, ';'-separated"),
            "source_file",
            key=("iso3", "is_main_city"),
        ),
        builder="econ.etl.geo:build_geo_countries",
        inputs=("cepii_geodist/geo_cepii.xls",),
        citation=_GEO_CITATION,
        caveats=(
            "Legacy CEPII codes ROM, ZAR, TMP, PAL, YUG are written ROU, COD, TLS, PSE, SRB "
            "(source_code keeps CEPII's); no row for MNE, SSD, XKX, CUW, SXM.",
            "No contiguity and no pair distances (dist_cepii.xls could not be obtained): econ "
            "computes great-circle distances between main cities from the coordinates.",
            "Tanzania's capital row is named 'Dar es Salaam' with Dodoma's coordinates, as "
            "published.",
        ),
    ),
)
