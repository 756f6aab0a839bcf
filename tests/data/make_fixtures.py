"""Make the tiny workbook fixtures in tests/data (run: python tests/data/make_fixtures.py).

The files mimic the IMF DOTS annual workbook layout (title in B2, reporter in B4, unit
line in B5, years in row 7 from column C, partners from row 8) with made-up numbers, and
one broken variant per failure a loader must report.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
YEARS = ["2018", "2019", "2020"]

RUSSIA = {
    "Exports, FOB": [
        ("Australia", [1.5, 2.0, ""]),
        ("World", [100.0, 110.0, "1,234.5 e"]),
        ("China, P.R.: Mainland", [10.0, 12.25, 13.0]),
        ("Australia", [1.5, 2.0, ""]),
        ("Memorandum Items", ["", "", ""]),
    ],
    "Imports, CIF": [
        ("Australia", [0.5, "", "0.25 e"]),
        ("World", [80.0, 90.0, 95.0]),
        ("China, P.R.: Mainland", [20.0, 22.0, 24.5]),
        ("Australia", [0.5, "", "0.25 e"]),
    ],
}
CHINA = {
    "Exports, FOB": [("World", [500.0, 520.0, 540.0]), ("Russian Federation", [21.0, 23.0, 25.0])],
    "Imports, CIF": [("World", [400.0, 410.0, 420.0]), ("Russian Federation", [11.0, 13.0, 14.0])],
}
TITLES = {"Exports, FOB": "Exports, FOB to Partner Countries",
          "Imports, CIF": "Imports, CIF from Partner Countries"}


def dots_workbook(path: Path, reporter: str, sheets: dict, *, unit: str = "US Dollars, Millions",
                  header_row: int = 7, drop_sheet: str | None = None) -> None:
    """Write a DOTS-shaped workbook."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        if name == drop_sheet:
            continue
        sheet = book.create_sheet(name)
        sheet["B2"] = TITLES[name]
        sheet["B4"] = reporter
        sheet["B5"] = unit
        for j, year in enumerate(YEARS):
            sheet.cell(row=header_row, column=3 + j, value=year)
        for i, (partner, values) in enumerate(rows):
            sheet.cell(row=header_row + 1 + i, column=2, value=partner)
            for j, value in enumerate(values):
                if value != "":
                    sheet.cell(row=header_row + 1 + i, column=3 + j, value=value)
    book.save(path)


def main() -> None:
    """Write the good fixtures and the broken variants."""
    good = HERE / "dots"
    good.mkdir(exist_ok=True)
    dots_workbook(good / "DOTS_1.xlsx", "Russian Federation", RUSSIA)
    dots_workbook(good / "DOTS_2.xlsx", "China, P.R.: Mainland", CHINA)
    bad = HERE / "dots_bad"
    bad.mkdir(exist_ok=True)
    dots_workbook(bad / "missing_sheet.xlsx", "Russian Federation", RUSSIA,
                  drop_sheet="Imports, CIF")
    dots_workbook(bad / "shifted_header.xlsx", "Russian Federation", RUSSIA, header_row=8)
    dots_workbook(bad / "unit_changed.xlsx", "Russian Federation", RUSSIA,
                  unit="US Dollars, Thousands")
    text = {k: [(p, list(v)) for p, v in rows] for k, rows in RUSSIA.items()}
    text["Exports, FOB"][2][1][1] = "n/a"
    dots_workbook(bad / "text_in_cell.xlsx", "Russian Federation", text)
    unknown = {k: [*rows, ("Atlantis", [1.0, 1.0, 1.0])] for k, rows in RUSSIA.items()}
    dots_workbook(bad / "unknown_partner.xlsx", "Russian Federation", unknown)
    clash = {k: [*rows, ("World", [1.0, 1.0, 1.0])] for k, rows in RUSSIA.items()}
    dots_workbook(bad / "repeat_differs.xlsx", "Russian Federation", clash)
    data = (good / "DOTS_1.xlsx").read_bytes()
    (bad / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    (bad / "empty.xlsx").write_bytes(b"")


if __name__ == "__main__":
    main()
