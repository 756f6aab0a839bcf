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
# China's world totals at their real scale (millions), so that the real monthly China-Russia
# series that a fixture project also loads stay a small share of them
CHINA = {
    "Exports, FOB": [("World", [2_500_000.0, 2_500_000.0, 2_600_000.0]),
                     ("Russian Federation", [21.0, 23.0, 25.0])],
    "Imports, CIF": [("World", [2_100_000.0, 2_100_000.0, 2_060_000.0]),
                     ("Russian Federation", [11.0, 13.0, 14.0])],
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
    """Write the good fixtures and the broken variants (DOTS and Russia)."""
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
    russia_fixtures()


# --------------------------------------------------------------------------- Russia

CBR_HEADER = [
    ["Внешняя торговля Российской Федерации товарами "],
    ["(по методологии платежного баланса)"],
    [],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "(млн долларов США)"],
    ["", "Экспорт товаров (ФОБ) ", "", "", "", "", "", "Импорт товаров (ФОБ)", "", "", "", "",
     "", "Сальдо торгового баланса"],
    ["", "", "", "в том числе:", "", "", "", "", "", "в том числе:", "", "", "", "",
     "в том числе:"],
    ["", "Всего", "%", "со странами дальнего зарубежья", "%", "со странами СНГ", "%", "Всего",
     "%", "со странами дальнего зарубежья", "%", "со странами СНГ", "%", "Всего",
     "со странами дальнего зарубежья", "со странами СНГ"],
]


def _cbr_row(label: str, exports: float, imports: float) -> list:
    """Exports and imports split 80/20 between non-CIS and CIS; balance columns too."""
    return [label, exports, "х", exports * 0.8, "х", exports * 0.2, "х", imports, "х",
            imports * 0.8, "х", imports * 0.2, "х", exports - imports,
            (exports - imports) * 0.8, (exports - imports) * 0.2]


CBR_ROWS = [
    _cbr_row("2019 г.", 400.0, 250.0),
    ["2019 год"],
    _cbr_row("I   квартал 2019 г.", 100.0, 60.0),
    _cbr_row("II  квартал 2019 г.", 100.0, 65.0),
    [],
    _cbr_row("январь", 30.0, 20.0),
    _cbr_row("февраль", 35.0, 19.0),
    _cbr_row("март", 35.0, 21.0),
    ["Примечание: В данные по внешней торговле могут вноситься изменения."],
    [],
    ["Дата последнего обновления: 11 ноября 2020 года."],
]


def sheet_workbook(path: Path, sheets: dict[str, list[list]], start: str = "B2") -> None:
    """Write rows to sheets, the first cell at ``start``."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letter, first_row = coordinate_from_string(start)
    first_col = column_index_from_string(letter)
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value != "":
                    sheet.cell(row=first_row + i, column=first_col + j, value=value)
    book.save(path)


def russia_fixtures() -> None:
    """The Bank of Russia trade sheet in miniature, and its broken variants."""
    folder = HERE / "russia"
    folder.mkdir(exist_ok=True)
    sheet_workbook(folder / "cbr_trade.xlsx", {"f.trade": CBR_HEADER + CBR_ROWS})
    moved = [*CBR_HEADER, ["Итого за год", 1.0, "х", 1.0], *CBR_ROWS]
    sheet_workbook(folder / "cbr_trade_unknown_label.xlsx", {"f.trade": moved})
    months_first = [*CBR_HEADER, CBR_ROWS[5], *CBR_ROWS]
    sheet_workbook(folder / "cbr_trade_month_before_block.xlsx", {"f.trade": months_first})
    thousands = [list(r) for r in CBR_HEADER]
    thousands[3][14] = "(тыс. долларов США)"
    sheet_workbook(folder / "cbr_trade_unit_changed.xlsx", {"f.trade": thousands + CBR_ROWS})
    no_cis = [list(r) for r in CBR_HEADER]
    no_cis[6][11] = "с прочими странами"
    sheet_workbook(folder / "cbr_trade_subheader_renamed.xlsx", {"f.trade": no_cis + CBR_ROWS})
    text = [list(r) for r in CBR_ROWS]
    text[5][7] = "н/д"
    sheet_workbook(folder / "cbr_trade_text_value.xlsx", {"f.trade": CBR_HEADER + text})
    partners = [["К содержанию"], ["Импорт Российской Федерации из основных стран"],
                ["(по данным ФТС России)"], ["(млн доллалов США)"],
                ["", "Китaй", "Казахстан"], [2021.0], ["  январь", 5.0, "…"],
                ["  февраль", 6.0, 1.5], ["  мартобрь", 7.0, 1.0]]
    sheet_workbook(folder / "fcs_partners_bad_month.xlsx",
                   {"Экспорт": partners, "Импорт": partners}, start="A1")


if __name__ == "__main__":
    main()
