"""Make the energy fixtures in tests/data/energy (run: python tests/data/make_energy_fixtures.py).

Tiny made-up files in the layouts of the real ones (checked against data/raw): an EI
"all data" workbook, the EI 2022 panel file, a World Bank Pink Sheet workbook, a Wind
export and a china-energy-monitor fuel file; then one broken variant per failure a loader
must report. The numbers are chosen so that the tests can state them by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent / "energy"
Rows = list[list[Any]]

# ------------------------------------------------------------------ EI workbook sheets

INTER_REGIONAL: Rows = [
    ["Natural gas: Inter-regional trade"],
    ["", "", "", "", "", "Growth rate per annum", "", "Share"],
    ["Billion cubic metres", 2023, 2024, 2025, 2025, "2015-25", 2025],
    ["Europe"],
    ["Pipeline imports", 50.0, 40.0, 30.0, -0.25, 0.01, 0.1],
    ["  of which: Russian Federation", 20.0, 10.0, 5.0, -0.5, "na", 0.05],
    ["    Other CIS", 30.0, 30.0, 25.0, -0.1, 0.01, 0.05],
    ["LNG imports", 100.0, 110.0, 120.0, 0.1, 0.02, 0.2],
    ["Total imports", 150.0, 150.0, 150.0, 0.0, 0.01, 0.3],
    ["Russian Federation"],
    ["Pipeline exports", 40.0, 50.0, 60.0, 0.2, 0.01, 0.1],
    ["  of which: Europe", 20.0, 10.0, 5.0, -0.5, "na", 0.05],
    ["LNG exports", 30.0, 31.0, 32.0, 0.03, 0.01, 0.05],
    ["Total exports", 70.0, 81.0, 92.0, 0.13, 0.02, 0.15],
    ["China"],
    ["Pipeline imports", 20.0, 40.0, 55.0, 0.37, "na", 0.1],
    ["  of which: Russian Federation", 20.0, 40.0, 55.0, 0.37, "na", 0.1],
    ["LNG imports", 80.0, "-", "†", 0.0, 0.0, 0.0],
    ["Total imports", 100.0, 40.0, 55.0, 0.37, 0.0, 0.1],
    ["World"],
    ["Inter-regional pipeline trade", 300.0, 300.0, 300.0, 0.0, 0.0, 1.0],
    ["LNG trade", 400.0, 400.0, 400.0, 0.0, 0.0, 1.0],
    ["Total trade", 700.0, 700.0, 700.0, 0.0, 0.0, 1.0],
    [],
    ["*LNG exports include re-exports"],
    [" † Less than 0.05."],
]
PIPELINE: Rows = [
    ["Natural Gas: Trade movements 2025 by pipeline *", "", "", "Contents"],
    ["Billion cubic metres", "", "From"],
    ["To", "Norway", "Russian Federation", "Total imports"],
    ["Germany", 40.0, 0.0, 40.0],
    ["Europe", 80.0, 5.0, 85.0],
    ["China", "-", 55.0, 55.0],
    ["Total exports", 80.0, 60.0, 140.0],
    ["Source: Includes data from FGE."],
    [" ^ Less than 0.05."],
]
LNG: Rows = [
    ["Natural Gas: Trade movements 2025 as liquefied natural gas* "],
    ["", "", "From"],
    ["Billion cubic metres", "Trinidad & ", "Russian ", ""],
    ["To ", " Tobago", "Federation", "Total imports"],
    ["China", 2.5, 10.0, 12.5],
    ["Japan", "†", 6.0, 6.0],
    ["Total exports", 2.5, 16.0, 18.5],
    [" * Includes re-exports"],
]
OIL: Rows = [
    ["Oil: Inter-area movements 2024", "", "", "Contents"],  # EI 2026: title 2024, data 2025
    ["", "", "To"],
    ["Crude (million tonnes)", "Europe", "China", "Total"],
    ["From"],
    ["Russia", 10.0, 100.0, 110.0],
    ["Saudi Arabia", 30.0, 80.0, 110.0],
    ["Total imports", 40.0, 180.0, 220.0],
    [],
    ["Product (million tonnes)"],
    ["From"],
    ["Russia", 50.0, 15.0, 65.0],
    ["Saudi Arabia", 5.0, 1.0, 6.0],
    ["Total imports", 55.0, 16.0, 71.0],
    [],
    ["†  Less than 0.05."],
]
OIL_TWO_YEARS: Rows = [
    ["Oil trade in 2024 and 2025"],
    ["", "", 2024, "", "", "", 2025],
    ["", "Crude", "Product", "Crude", "Product", "Crude", "Product", "Crude", "Product"],
    ["Million tonnes", "Imports", "Imports", "Exports", "Exports", "Imports", "Imports",
     "Exports", "Exports"],
    ["Europe ", 45.0, 50.0, 1.0, 60.0, 40.0, 55.0, 0.0, 70.0],
    ["Russia", 0.0, 0.0, 105.0, 60.0, 0.0, 0.0, 110.0, 65.0],
    ["Saudi Arabia", 0.0, 1.0, 100.0, 5.0, 0.0, 1.0, 110.0, 6.0],
    ["China", 170.0, 20.0, 0.0, 0.0, 180.0, 16.0, 0.0, 0.0],
    ["Total World", 215.0, 71.0, 215.0, 71.0, 220.0, 71.0, 220.0, 71.0],
    [],
    ["Thousand barrels daily"],
]
COAL: Rows = [
    ["Coal: Inter-area movements 2025", "", "", "Contents"],
    ["", "", "To"],
    ["Exajoules", "China", "Japan", "Total"],
    ["From"],
    ["Russia", 2.25, 0.5, 2.75],
    ["Australia", 1.0, "n/a", 1.0],
    ["Total imports", 3.25, 0.5, 3.75],
    ["^  Less than 0.005."],
]


def country_sheet(title: str, unit: str, values: dict[str, list[Any]]) -> Rows:
    """A country sheet: title, unit and years, country rows, footnotes."""
    rows: Rows = [[title], ["", "", "", "", "Growth rate per annum", "", "Share"],
                  [unit, 2023, 2024, 2025, 2025, "2015-25", 2025], []]
    for name, row in values.items():
        rows.append([name, *row, 0.01, 0.02, 0.1])
    rows += [[], ["Source: includes data from FGE."], [" ^ Less than 0.05."],
             ["n/a not available."]]
    return rows


COUNTRIES = {
    "Russian Federation": [10.0, 11.0, 12.0],
    "China": [20.0, "^", "n/a"],
    "Total World": [100.0, 110.0, 120.0],
    "of which: OECD": [40.0, 41.0, 42.0],
}
SERIES = [  # (sheet name, title, unit, factor applied to COUNTRIES)
    ("Oil Production - tonnes", "Oil: Production*", "Million tonnes", 1.0),
    ("Oil Production - barrels", "Oil: Production*", "Thousand barrels daily", 20.0),
    ("Oil Consumption - Tonnes", "Oil: Consumption*", "Million tonnes", 2.0),
    ("Oil Consumption - EJ", "Oil: Consumption*", "Exajoules", 0.04),
    ("Gas Production - Bcm", "Natural Gas: Production*", "Billion cubic metres", 3.0),
    ("Gas Production - EJ", "Natural Gas: Production*", "Exajoules", 0.1),
    ("Gas Consumption - Bcm", "Natural Gas: Consumption*", "Billion cubic metres", 4.0),
    ("Gas Consumption - EJ", "Natural Gas: Consumption*", "Exajoules", 0.2),
    ("Coal Production - mt", "Coal: Production*", "Million tonnes ", 5.0),
    ("Coal Production - EJ", "Coal: Production*", "Exajoules", 0.3),
    ("Coal Consumption - EJ", "Coal: Consumption*", "Exajoules", 0.4),
]
CONVERSION: Rows = [
    ["Crude oil*", "", "", "tonnes", "kilolitres", "barrels"],
    ["From"],
    ["Tonnes (metric)", "", "", 1.0, 1.165, 7.33],
    [],
    ["", "", "billion cubic", "petajoules", "million tonnes"],
    ["Natural gas (NG) and liquefied natural gas (LNG)", "", "metres NG", "NG", "LNG"],
    ["From"],
    ["1 billion cubic metres NG", "", 1.0, 36.0, 0.7352941176470588],
    ["1 million tonnes LNG", "", 1.36, 48.96, 1.0],
    [],
]


def _scaled(values: dict[str, list[Any]], factor: float) -> dict[str, list[Any]]:
    return {name: [v * factor if isinstance(v, float) else v for v in row]
            for name, row in values.items()}


def ei_sheets() -> dict[str, Rows]:
    """Every sheet of the fixture workbook, in an order unlike the real editions'."""
    sheets: dict[str, Rows] = {"Contents": [["Contents"]],
                               "Coal trade movements 2025": COAL,
                               "Gas - Trade movements": INTER_REGIONAL}
    for name, title, unit, factor in SERIES:
        sheets[name] = country_sheet(title, unit, _scaled(COUNTRIES, factor))
    sheets |= {"Gas trade 2025 - LNG": LNG, "Gas trade 2025 - pipeline": PIPELINE,
               "Oil - Inter-area movements": OIL, "Oil - Trade movements in 24-25": OIL_TWO_YEARS,
               "Approximate conversion factors": CONVERSION}
    return sheets


def write_workbook(path: Path, sheets: dict[str, Rows]) -> None:
    """Write ``sheets`` (name -> rows of cell values) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row, start=1):
                if value != "":
                    sheet.cell(row=i, column=j, value=value)
    book.save(path)


def edited(sheets: dict[str, Rows], name: str, edit: Callable[[Rows], Rows]) -> dict[str, Rows]:
    """A copy of ``sheets`` with sheet ``name`` replaced by ``edit(rows)``."""
    return {k: edit([list(r) for r in v]) if k == name else v for k, v in sheets.items()}


def set_cell(i: int, j: int, value: Any) -> Callable[[Rows], Rows]:
    def edit(rows: Rows) -> Rows:
        rows[i][j] = value
        return rows
    return edit


# ------------------------------------------------------------------ panel, Pink Sheet

PANEL_COLUMNS = ["oilprod_mt", "oilcons_mt", "oilcons_ej", "gasprod_bcm", "gasprod_ej",
                 "gascons_bcm", "gascons_ej", "coalprod_mt", "coalprod_ej", "coalcons_ej"]


def panel_rows() -> Rows:
    """The panel layout: one row per country and year; ISO codes and extra columns."""
    header = ["Country", "Year", "pop", "ISO3166_alpha3", "Region", *PANEL_COLUMNS, "wind_ej"]
    rows: Rows = [header]
    for country, iso3 in (("Russian Federation", "RUS"), ("China", "CHN"),
                          ("Total World", "")):
        for k, year in enumerate((2019, 2020, 2021)):
            values = [float(10 * (k + 1) + c) for c in range(len(PANEL_COLUMNS))]
            rows.append([country, year, 1.0, iso3, "Region", *values, ""])
    rows[1][5] = ""  # Russia 2019 oil production: empty (no data)
    return rows


PINK_HEADER = ["", "Crude oil, average", "Crude oil, Brent", "Crude oil, Dubai",
               "Crude oil, WTI", "Coal, Australian", "Coal, South African **",
               "Natural gas, US", "Natural gas, Europe", "Liquefied natural gas, Japan",
               "Natural gas index", "Cocoa"]
PINK_UNITS = ["", "($/bbl)", "($/bbl)", "($/bbl)", "($/bbl)", "($/mt)", "($/mt)",
              "($/mmbtu)", "($/mmbtu)", "($/mmbtu)", "(2010=100)", "($/kg)"]


def pink_rows() -> Rows:
    return [
        ["World Bank Commodity Price Data (The Pink Sheet)"],
        ["monthly prices in nominal US dollars, 1960 to present"],
        ["(monthly series are available only in nominal US dollars)"],
        ["Updated on June 02, 2026"],
        PINK_HEADER,
        PINK_UNITS,
        ["2022M01", 83.0, 85.5, 83.5, 83.0, 220.0, 200.0, 4.5, 28.0, 20.0, 250.0, 2.5],
        ["2022M02", 92.0, 94.0, 92.0, 91.0, 250.0, 230.0, 4.6, 27.0, 21.0, 260.0, 2.6],
        ["2022M03", 112.0, 115.0, 113.0, 108.0, 315.0, 295.0, 4.9, 42.0, 15.0, 270.0, 2.7],
        ["2022M04", "…", 104.0, 102.0, 101.0, 290.0, "...", 6.6, 32.0, 22.0, 280.0, 2.8],
    ]


def pink_sheets(rows: Rows) -> dict[str, Rows]:
    indices = [list(r) for r in rows]
    indices[1] = ["monthly indices based on nominal US dollars, 2010=100, 1960 to present"]
    return {"AFOSHEET": [], "Monthly Prices": rows, "Monthly Indices": indices,
            "Description": [["World Bank Commodity Price Data (The Pink Sheet)"]]}


# ------------------------------------------------------------------ Wind, fuel files

WIND = """\ufeffWind,,,,
{names}
Frequency,Month,Month,Month,Month
Unit,kg,USD,10000 tons,USD
ID,S1,S2,S3,S4
Time Period,2021-11:2022-03,2021-11:2022-03,2021-11:2022-03,2022-01:2022-03
Source,China Customs,China Customs,China Customs,China Customs
Update,2023-03-22,2023-03-22,2023-03-22,2023-03-22
2021-11-30,"7,000,000.00 ",3500000000,4000,0
2021-12-31,8000000000,4000000000,4500,0
2022-01-31,6000000000,3000000000,4800,250000000
2022-02-28,5000000000,2600000000,3600,240000000
2022-03-31,0,0,4200,230000000

Source: Wind
""".format(names=",".join([
    "Name", "Volume of Imports: Crude Oil: Russian Federation",
    "Value of Imports: Crude Oil: Russian Federation", "Volume of Imports: Crude Oil",
    "Value of Imports: Pipeline Carried Natural Gas (Gaseous State): Russian Federation"]))
FUEL = """period,partner,value_usd_bn,qty_mt,value_per_mt_usd\r
202412,Russian Federation,5.1,8.5,600.0\r
202412,Saudi Arabia,4.0,6.0,666.67\r
202501-02,Russian Federation,9.0,15.0,600.0\r
202501-02,Saudi Arabia,7.2,11.0,654.55\r
202503,Russian Federation,4.5,7.6,592.11\r
"""


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# ------------------------------------------------------------------ main


def main() -> None:
    """Write the good fixtures and the broken variants."""
    if HERE.exists():
        shutil.rmtree(HERE)
    sheets = ei_sheets()
    write_workbook(HERE / "ei_2026_edition" / "ei-fixture.xlsx", sheets)
    write_workbook(HERE / "bp_2022_edition" / "panel-format.xlsx",
                   {"BP Statistical Review 2022": panel_rows()})
    write_workbook(HERE / "pink_sheet.xlsx", pink_sheets(pink_rows()))
    wind = HERE / "wind" / "v2023-04_fixture" / "china_imports_wind.csv"
    wind.parent.mkdir(parents=True)
    wind.write_text(WIND, encoding="utf-8")
    fuel = HERE / "fuel-imports" / "comtrade_crude_oil.csv"
    fuel.parent.mkdir(parents=True)
    fuel.write_bytes(FUEL.encode())

    bad = HERE / "bad" / "ei_2026_edition"
    broken = {
        "missing_sheet": {k: v for k, v in sheets.items() if k != "Gas trade 2025 - pipeline"},
        "header_moved": edited(sheets, "Gas trade 2025 - pipeline",
                               lambda rows: [*rows[:2], *([[]] * 6), *rows[2:]]),
        "unit_changed": edited(sheets, "Coal trade movements 2025",
                               set_cell(2, 0, "Million tonnes oil equivalent")),
        "garbled_number": edited(sheets, "Gas trade 2025 - LNG", set_cell(4, 2, "1O.0")),
        "oil_year_unknown": edited(sheets, "Oil - Inter-area movements", set_cell(4, 3, 111.0)),
        "mirror_differs": edited(sheets, "Gas - Trade movements", set_cell(11, 2, 12.0)),
        "row_truncated": edited(sheets, "Gas trade 2025 - pipeline", set_cell(5, 3, "")),
        "wrong_year": edited(sheets, "Coal trade movements 2025",
                             set_cell(0, 0, "Coal: Inter-area movements 2023")),
    }
    for name, content in broken.items():
        write_workbook(bad / f"{name}.xlsx", content)
    pink = pink_rows()
    pink_bad = {
        "unit_changed": [*pink[:5], [*PINK_UNITS[:2], "($/mt)", *PINK_UNITS[3:]], *pink[6:]],
        "header_renamed": [*pink[:4], [c.replace("Brent", "North Sea") for c in pink[4]],
                           *pink[5:]],
        "garbled_number": [*pink[:7], ["2022M02", 92.0, "9 4.0", *pink[7][3:]], *pink[8:]],
        "duplicate_month": [*pink, pink[-1]],
    }
    for name, rows in pink_bad.items():
        write_workbook(HERE / "bad" / f"pink_{name}.xlsx", pink_sheets(rows))
    wind_bad = {
        "truncated": WIND[: WIND.index("2022-02-28") + 30],
        "duplicate_month": _replace(WIND, "2022-03-31", "2022-02-28"),
        "garbled_number": _replace(WIND, "4800,", "48OO,"),
        "unknown_unit": _replace(WIND, "Unit,kg,", "Unit,barrels,"),
        "header_missing": _replace(WIND, "ID,S1,S2,S3,S4\n", ""),
    }
    for name, text in wind_bad.items():
        path = HERE / "bad" / "wind" / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    fuel_bad = {
        "duplicate_month": FUEL + "202503,Russian Federation,4.6,7.7,597.40\r\n",
        "january_beside_combined": FUEL + "202501,Russian Federation,4.6,7.7,597.40\r\n",
        "garbled_number": _replace(FUEL, "4.0,6.0", "4.0,six"),
        "missing_column": _replace(FUEL, "value_usd_bn", "value_usd"),
    }
    for name, text in fuel_bad.items():
        path = HERE / "bad" / "fuel-imports" / name / "comtrade_crude_oil.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())


if __name__ == "__main__":
    main()
