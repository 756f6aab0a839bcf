"""A release ``econ fetch`` stores is read by the next ``econ refresh`` (issue 17 wiring).

For each source: a local server plays the publisher (or the file is dropped in, for the
sources that take drop-ins), ``econ fetch`` stores the release where it stores releases,
then ``econ.refresh(only=[table])`` runs and the core table reflects the release: its
rows or periods, the file (and its vintage) in the table's provenance. The releases are
the real files shipped in data/raw, edited to look like a later release (a revised
value, a later date, a later period); each edit is stated where it is made.

Then the rules: of whole-file vintages the newest is read and the older ones are not;
where releases add periods, a later release replaces an earlier value; the manifest
checks still hold in release folders; a file no table reads is reported as "not read".
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fetch_helpers import FIXTURES, REAL_RAW
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from test_sources import cassette, dataverse_version, imts_message, usd_edition
from werkzeug import Request, Response

import econ
from econ import names
from econ.catalog import get_spec
from econ.data import write_manifest
from econ.fetch import HttpSettings, fetch
from econ.fetch.registry import SOURCES
from econ.fetch.store import FetchRecord, Staged, commit, tables_reading
from econ.manifest import matches, newest_release, vintage_key
from econ.paths import Paths
from econ.refresh import hash_inputs

TODAY = date(2026, 7, 1)


# --------------------------------------------------------------------------- projects


@pytest.fixture(scope="module")
def codes_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data/raw (without the 235 DOTS workbooks no test here reads), registered,
    with the code tables built: every table under test reads them."""
    root = tmp_path_factory.mktemp("wiring")
    shutil.copytree(REAL_RAW, root / "data" / "raw",
                    ignore=shutil.ignore_patterns("DOTS_*.xlsx"))
    write_manifest(root=root)
    report = econ.refresh(root=root, only=[names.COUNTRY_ALIASES, names.COUNTRIES])
    assert report.ok, report.summary()
    return root


@pytest.fixture
def root(codes_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of :func:`codes_project`, free to modify."""
    target = tmp_path / "project"
    shutil.copytree(codes_project, target)
    return target


def refreshed(root: Path, table: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Refresh one table; its rows and provenance."""
    report = econ.refresh(root=root, only=[table])
    assert report.ok, report.summary()
    return econ.load(table, root=root), econ.provenance(table, root=root)


def inputs(provenance: dict[str, Any]) -> list[str]:
    return [i["path"] for i in provenance["inputs"] if not i["path"].startswith("econ/")]


def serve(server: HTTPServer, source: str, settings: HttpSettings, root: Path,
          **kwargs: Any) -> Any:
    """``econ fetch SOURCE`` against the local server."""
    environ = {f"ECON_FETCH_{source.upper()}_URL": server.url_for("/").rstrip("/")}
    return fetch([source], root=root, settings=settings, environ=environ,
                 today=kwargs.pop("today", TODAY), **kwargs)


def drop_in(root: Path, source: str, path: Path, settings: HttpSettings) -> Any:
    """``econ fetch SOURCE --file PATH``."""
    return fetch([source], file=path, root=root, settings=settings, environ={}, today=TODAY)


def stored(report: Any, table: str) -> tuple[str, ...]:
    """The files a fetch stored, after checking it asks for a refresh of ``table``."""
    (result,) = report.results
    assert report.exit_code == 3, report.summary()
    tables = result.message.split("econ refresh reads it into ", 1)[1].split(";")[0]
    assert table in tables.split(", "), result.message
    return tuple(result.files)


def edited(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with ``old`` (which must occur once) replaced by ``new``."""
    assert data.count(old) == 1, old
    return data.replace(old, new)


def rezipped(path: Path, edits: dict[str, tuple[bytes, bytes]]) -> bytes:
    """A zip (xlsx) file with some members edited (:func:`edited`), the rest unchanged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w",
                                                          zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in edits:
                data = edited(data, *edits[info.filename])
            target.writestr(info, data)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


# --------------------------------------------------------------------------- WDI


WDI = REAL_RAW / "worldbank_wdi"
WDI_BULK = "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv"


def wdi_release() -> bytes:
    """The shipped bulk zip as the next release: 'Last Updated Date' 2025-07-01, files
    renumbered as the World Bank does, and a 2024 column added (the shipped 2024-10-24
    release ends in 2023), empty but for China's GDP, USD 18.74 trillion."""
    text = (WDI / WDI_BULK).read_text(encoding="utf-8-sig")
    text = text.replace('"Last Updated Date","2024-10-24"', '"Last Updated Date","2025-07-01"')
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith('"Country Name"'))
    for i in range(header, len(lines)):
        china = lines[i].startswith('"China","CHN"')
        added = '"2024",' if i == header else '"18743803170827.2",' if china else '"",'
        lines[i] += added if lines[i] else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(WDI_BULK.replace("9865", "19346"), "\ufeff" + "\r\n".join(lines))
        for meta in WDI.glob("Metadata_*9865.csv"):
            archive.write(meta, meta.name.replace("9865", "19346"))
    return buffer.getvalue()


def test_wdi_release_is_read(root: Path, settings: HttpSettings,
                             httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v2/en/indicator/NY.GDP.MKTP.CD").respond_with_data(
        wdi_release(), content_type="application/zip")
    files = stored(serve(httpserver, "wdi", settings, root), names.WDI_GDP)
    new = f"worldbank_wdi/2025-07-01/{WDI_BULK.replace('9865', '19346')}"
    assert new in files
    gdp, provenance = refreshed(root, names.WDI_GDP)
    china = gdp.set_index(["iso3", "year"]).loc[("CHN", 2024)]
    assert china["gdp_usd"] == 18743803170827.2 and china["source"] == "wdi_bulk"
    assert new in inputs(provenance) and f"worldbank_wdi/{WDI_BULK}" not in inputs(provenance)
    assert any("Last Updated Date 2025-07-01" in n for n in provenance["notes"])


# --------------------------------------------------------------------------- Pink Sheet


PINK = REAL_RAW / "world_bank_pink_sheet" / "CMO-Historical-Data-Monthly.xlsx"


def test_pink_sheet_release_is_read(root: Path, settings: HttpSettings, tmp_path: Path) -> None:
    """The shipped workbook as the next month's edition: 'Updated on July 02, 2026' and
    Brent for 2026M05 (sheet 'Monthly Prices', cell C803) revised from 107.54 to 109.99."""
    workbook = write(tmp_path / "download", PINK.name, rezipped(PINK, {
        "xl/sharedStrings.xml": (b"Updated on June 02, 2026", b"Updated on July 02, 2026"),
        "xl/worksheets/sheet2.xml": (b'<c r="C803" s="14"><v>107.54</v>',
                                     b'<c r="C803" s="14"><v>109.99</v>')}))
    (new,) = stored(drop_in(root, "pink_sheet", workbook, settings), names.PINK_SHEET)
    assert new == "world_bank_pink_sheet/2026-07-02/CMO-Historical-Data-Monthly.xlsx"
    prices, provenance = refreshed(root, names.PINK_SHEET)
    brent = prices.set_index(["commodity", "period"]).loc[("crude_oil_brent", "2026-05-01")]
    assert brent["value"] == 109.99
    assert inputs(provenance) == [new]
    assert f"{new}: Updated on July 02, 2026" in provenance["notes"]


# --------------------------------------------------------------------------- Bank of Russia


CBR_XLS = REAL_RAW / "cbr_external_trade_goods" / "cbr_trade_xls_vintage_20201111.xls"


def cbr_release(folder: Path) -> Path:
    """The shipped trade.xls re-dated as a later vintage: its 'last updated' line (a
    UTF-16 string in the workbook) says 25 November 2020 instead of 11 November 2020."""
    data = edited(CBR_XLS.read_bytes(), "11 ноября 2020".encode("utf-16-le"),
                  "25 ноября 2020".encode("utf-16-le"))
    return write(folder, "trade.xls", data)


@pytest.mark.parametrize("table", [names.CBR_MONTHLY, "core_cbr__quarterly_goods_trade",
                                   "core_cbr__yearly_goods_trade"])
def test_cbr_release_is_read(table: str, root: Path, settings: HttpSettings,
                             tmp_path: Path) -> None:
    report = drop_in(root, "cbr", cbr_release(tmp_path / "download"), settings)
    (new,) = stored(report, table)
    assert new == "cbr_external_trade_goods/2020-11-25/trade.xls"
    rows, provenance = refreshed(root, table)
    workbook = rows[rows["source"] == "cbr_trade_xls"]
    assert set(workbook["vintage"]) == {"2020-11-25"}
    assert new in inputs(provenance) and CBR_XLS.name not in str(inputs(provenance))


# --------------------------------------------------------------------------- Atlas


ATLAS = REAL_RAW / "harvard_atlas" / "hs92_country_year.csv"


def atlas_release() -> bytes:
    """The shipped country-year file with a year 2025 added (each economy's 2024 row
    repeated under 2025), as a later Dataverse version would add one."""
    text = ATLAS.read_text(encoding="utf-8")
    added = [line.replace(",2024,", ",2025,", 1) for line in text.splitlines()
             if line.split(",")[2:3] == ["2024"]]
    return (text + "\n".join(added) + "\n").encode()


def dataverse_answer(version: int, body: bytes) -> dict[str, Any]:
    """The real Dataverse answers as test_sources serves them (aday-ondemand-loop
    fixtures), for dataset version ``version`` whose Atlas file is ``body``."""
    answer = dataverse_version(hashlib.md5(body).hexdigest())
    answer["data"]["files"][0]["dataFile"]["filesize"] = len(body)
    answer["data"].update({"versionNumber": version, "versionMinorNumber": 0})
    return answer


def test_atlas_release_is_read(root: Path, settings: HttpSettings,
                               httpserver: HTTPServer) -> None:
    body = atlas_release()
    httpserver.expect_request("/api/datasets/:persistentId/versions/:latest-published"
                              ).respond_with_json(dataverse_answer(10, body))
    httpserver.expect_request("/api/access/datafile/77").respond_with_data(
        body, content_type="text/csv")
    (new,) = stored(serve(httpserver, "atlas", settings, root), names.ATLAS)
    assert new == "harvard_atlas/v10.0/hs92_country_year.csv"
    trade, provenance = refreshed(root, names.ATLAS)
    assert trade["year"].max() == 2025
    assert (trade["year"] == 2025).sum() == (trade["year"] == 2024).sum() > 100
    assert inputs(provenance) == [new]


# --------------------------------------------------------------------------- BACI


BACI_ROWS = REAL_RAW / "cepii_baci" / "baci_russia_china_processed_2017_2023.csv"


def baci_release(version: str, year: int) -> bytes:
    """A release zip in CEPII's layout: the shipped China-Russia rows of 2023 as the year
    file of ``year`` and the V202601 country list, named for ``version``."""
    lines = BACI_ROWS.read_text(encoding="utf-8").splitlines()
    rows = [lines[0]] + [f"{year}," + line.split(",", 1)[1] for line in lines[1:]
                         if line.startswith("2023,")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"BACI_HS17_Y{year}_{version}.csv", "\n".join(rows) + "\n")
        archive.write(REAL_RAW / "cepii_baci_meta" / "country_codes_V202601.csv",
                      f"country_codes_{version}.csv")
    return buffer.getvalue()


def test_baci_release_is_read(root: Path, settings: HttpSettings,
                              httpserver: HTTPServer) -> None:
    page = '<a href="/DATA_DOWNLOAD/baci/data/BACI_HS17_V202601.zip">HS17</a>'
    httpserver.expect_request("/CEPII/en/bdd_modele/bdd_modele_item.asp").respond_with_data(
        page, content_type="text/html")
    httpserver.expect_request("/DATA_DOWNLOAD/baci/data/BACI_HS17_V202601.zip"
                              ).respond_with_data(baci_release("V202601", 2024),
                                                  content_type="application/zip")
    (new,) = stored(serve(httpserver, "baci", settings, root), names.BACI_RELEASE_ROWS)
    assert new == "cepii_baci/V202601/BACI_HS17_V202601.zip"
    rows, provenance = refreshed(root, names.BACI_RELEASE_ROWS)
    expected = sum(line.startswith("2023,") for line in BACI_ROWS.read_text().splitlines())
    assert rows[["year", "rows", "source_file"]].values.tolist() == [[2024, expected, new]]
    assert inputs(provenance) == [new]


# --------------------------------------------------------------------------- UN Comtrade


COMTRADE_CSV = REAL_RAW / "un_comtrade" / "comtrade_imports_chn_from_rus_2017_2024.csv"


def comtrade_records(revised: dict[str, float]) -> list[dict[str, Any]]:
    """Records in the API's JSON form made from the shipped extract's December 2024 row:
    one per ``YYYYMM`` period with the given primaryValue (= cifvalue, imports)."""
    with COMTRADE_CSV.open(encoding="utf-8") as fh:
        template = next(r for r in csv.DictReader(fh) if r["period"] == "202412")
    records = []
    for period, value in revised.items():
        record: dict[str, Any] = {k: (None if v == "" else v) for k, v in template.items()}
        for field in ("refYear", "refMonth", "reporterCode", "partnerCode", "partner2Code",
                      "motCode", "qtyUnitCode", "altQtyUnitCode", "aggrLevel",
                      "legacyEstimationFlag"):
            record[field] = int(float(record[field])) if record[field] is not None else None
        record.update({"refYear": int(period[:4]), "refMonth": int(period[4:]),
                       "period": period, "refPeriodId": int(period + "01"),
                       "cifvalue": value, "fobvalue": None, "primaryValue": value,
                       "isReported": True})
        records.append(record)
    return records


def comtrade_server(server: HTTPServer, china: list[dict[str, Any]]) -> None:
    """The preview endpoint: China's answers hold ``china``; Russia's are empty (Russia
    has reported nothing since 2022), as the API answers a query matching nothing."""
    def answer(request: Request) -> Response:
        data = china if request.args["reporterCode"] == "156" else []
        return Response(json.dumps({"elapsedTime": "0.1 secs", "count": len(data),
                                    "data": data, "error": ""}),
                        content_type="application/json")

    server.expect_request("/public/v1/preview/C/M/HS").respond_with_handler(answer)


def test_comtrade_release_adds_months_and_revises(root: Path, settings: HttpSettings,
                                                  httpserver: HTTPServer) -> None:
    """A release holding a revised December 2024 and two new months: the table runs to
    2025-02 and December 2024 takes the release's value (a later release wins)."""
    before = econ.refresh(root=root, only=[names.COMTRADE_MONTHLY])
    assert before.ok
    comtrade_server(httpserver, comtrade_records({"202412": 1.0e10, "202501": 1.1e10,
                                                  "202502": 1.2e10}))
    report = serve(httpserver, "comtrade", settings, root, since=date(2024, 12, 1),
                   today=date(2025, 3, 15))
    (new,) = stored(report, names.COMTRADE_MONTHLY)
    assert new == "un_comtrade/2025-02/comtrade_156_643_202412_202503.json"
    months, provenance = refreshed(root, names.COMTRADE_MONTHLY)
    imports = months.set_index("period")["value_usd"]
    assert imports.index.max() == pd.Timestamp("2025-02-01") and len(months) == 98
    assert imports[pd.Timestamp("2024-12-01")] == 1.0e10
    assert months.set_index("period").loc["2024-12-01", "source_file"] == new
    assert inputs(provenance) == [COMTRADE_CSV.relative_to(REAL_RAW).as_posix(), new]
    assert "1 monthly values replaced by a later Comtrade release" in provenance["notes"]


def test_comtrade_answers_all_empty_fail(root: Path, settings: HttpSettings,
                                         httpserver: HTTPServer) -> None:
    comtrade_server(httpserver, [])
    report = serve(httpserver, "comtrade", settings, root, since=date(2025, 1, 1),
                   today=date(2025, 3, 15))
    assert report.exit_code == 6
    assert "found an empty result for every query (2)" in report.results[0].message


# --------------------------------------------------------------------------- IMF IMTS


def commit_release(root: Path, source: str, label: str, name: str, data: bytes) -> str:
    """Store ``data`` as a release the way econ fetch does: ``<folder>/<label>/<name>``
    through the fetch store (registered in both manifests)."""
    info = SOURCES[source].info
    part = write(root / "data" / ".fetch-staging" / source, f"{label}-{name}.part", data)
    target = f"{info.raw_folder}/{label}/{name}"
    commit(root / "data" / "raw", [Staged(part, FetchRecord(
        source=source, path=target, url=f"https://example.org/{name}",
        retrieved_at="2026-07-01T00:00:00Z", status="200", etag="", last_modified="",
        bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), licence=info.licence,
        release=label, release_date=""))])
    return target


def test_imts_release_is_read(root: Path, settings: HttpSettings,
                              httpserver: HTTPServer) -> None:
    """Synthetic IMTS answer (test_sources.imts_message); the real availability answer
    (imf.data cassette) puts its end at 2026-06."""
    body = imts_message({("CHN", "XG_FOB_USD", "RUS", "M"): [("2026-M05", "9.5e9")],
                         ("CHN", "XG_FOB_USD", "RUS", "A"): [("2025", "100e9")]})
    availability = cassette("imfdata_vcr_sdmx_availability_cpi.yml")[1]
    httpserver.expect_request(
        "/availability/dataflow/IMF.STA/IMTS/+/*.XG_FOB_USD+MG_CIF_USD+MG_FOB_USD.*.M/FREQUENCY"
    ).respond_with_data(availability, content_type="application/json")
    httpserver.expect_request(
        "/availability/dataflow/IMF.STA/IMTS/+/*.XG_FOB_USD+MG_CIF_USD+MG_FOB_USD.*.A/FREQUENCY"
    ).respond_with_data(availability, content_type="application/json")
    for freq in "MA":
        httpserver.expect_request(
            f"/data/dataflow/IMF.STA/IMTS/+/*.XG_FOB_USD+MG_CIF_USD+MG_FOB_USD.*.{freq}"
        ).respond_with_data(body, content_type="application/json")
    report = serve(httpserver, "imf_imts", settings, root)
    files = stored(report, names.IMTS_MONTHLY)
    assert names.IMTS_YEARLY in report.results[0].message
    monthly, provenance = refreshed(root, names.IMTS_MONTHLY)
    assert monthly[["reporter_iso3", "partner_iso3", "period", "value_usd"]].values.tolist() \
        == [["CHN", "RUS", pd.Timestamp("2026-05-01"), 9.5e9]]
    assert inputs(provenance) == ["imf_imts/M_2026-06/imts_M.json"]
    yearly, _ = refreshed(root, names.IMTS_YEARLY)
    assert yearly[["year", "value_usd"]].values.tolist() == [[2025, 100e9]]
    assert sorted(files) == ["imf_imts/A_2026-06/imts_A.json", "imf_imts/M_2026-06/imts_M.json"]


def test_imts_later_release_replaces_a_value(root: Path) -> None:
    """Two monthly releases overlap in 2026-M04: the later (M_2026-06) wins; 2026-M03,
    only in the earlier, stays."""
    key = ("CHN", "XG_FOB_USD", "RUS", "M")
    commit_release(root, "imf_imts", "M_2026-06", "imts_M.json", imts_message(
        {key: [("2026-M04", "2.0e9"), ("2026-M05", "3.0e9")]}).encode())
    commit_release(root, "imf_imts", "M_2026-05", "imts_M.json", imts_message(
        {key: [("2026-M03", "1.0e9"), ("2026-M04", "1.5e9")]}).encode())
    monthly, provenance = refreshed(root, names.IMTS_MONTHLY)
    values = monthly.set_index("period")
    assert values["value_usd"].tolist() == [1.0e9, 2.0e9, 3.0e9]
    assert values.loc["2026-04-01", "source_file"] == "imf_imts/M_2026-06/imts_M.json"
    assert "1 values replaced by a later IMTS release" in provenance["notes"]


# --------------------------------------------------------------------------- China customs


GACC = REAL_RAW / "china_customs_gacc_releases"
GACC_2025 = GACC / "gacc_s4_by_country_2025-01-02_cny.html"
GACC_2026 = GACC / "gacc_s4_by_country_2026-03_cny.html"


def gacc_2026_janfeb() -> str:
    """The shipped January-February 2025 page as the 2026 one (title and release date
    moved a year on; the figures are 2025's: layout only)."""
    text = GACC_2025.read_text(encoding="utf-8")
    return text.replace("January-February 2025", "January-February 2026").replace(
        "2025/03/11", "2026/03/11")


def test_china_customs_releases_are_read(root: Path, settings: HttpSettings,
                                         httpserver: HTTPServer) -> None:
    """The real 2026 index (hoyla/meridian seed_2026.html) links Feb and Mar in CNY and
    USD; March CNY is shipped already, so the fetch stores the other three pages."""
    httpserver.expect_request("/statics/report/preliminary.html").respond_with_data(
        (FIXTURES / "gacc" / "seed_2026.html").read_text(encoding="utf-8"),
        content_type="text/html")
    pages = {"47e53257-a14f-4a19-a17c-b5beea64f822": gacc_2026_janfeb(),
             "2e61c8a1-17b2-4074-b909-c039ccf8c8fb": GACC_2026.read_text(),
             "0ed684ce-a5d7-45b8-ab53-0f30b3a8c7c1": usd_edition(GACC_2025),
             "66580503-6688-49b2-bd23-de154e5677d5": usd_edition(GACC_2026)}
    for link, text in pages.items():
        httpserver.expect_request(f"/Statics/{link}.html").respond_with_data(
            text, content_type="text/html")
    report = serve(httpserver, "china_customs", settings, root)
    files = stored(report, names.GACC_RELEASES)
    assert names.GACC_RELEASES_USD in report.results[0].message
    assert "china_customs_gacc_releases/gacc_s4_by_country_2026-01-02_cny.html" in files
    cny, provenance = refreshed(root, names.GACC_RELEASES)
    assert sorted(cny["release_period"].astype(str).unique()) == [
        "2025-02-01", "2026-02-01", "2026-03-01"]
    assert len(inputs(provenance)) == 3
    usd, _ = refreshed(root, names.GACC_RELEASES_USD)
    assert sorted(usd["release_period"].astype(str).unique()) == ["2025-02-01", "2026-03-01"]


# --------------------------------------------------------------------------- Russia's customs


UTSA = REAL_RAW / "russia_fcs_customs" / "fcs_web_utsa_04_2020_2021.xlsx"


@pytest.mark.parametrize("table", [names.FCS_YEARLY_TOTALS, names.FCS_MONTHLY_TOTALS])
def test_russia_customs_table_named_as_fcs_publishes_it_is_read(
        table: str, root: Path, settings: HttpSettings, tmp_path: Path) -> None:
    """FCS's WEB_UTSA_04.xlsx under its own name (the shipped 2020-2021 table with 2021
    imports with additions revised from 296,086.2 to 296,100.0 USD million)."""
    workbook = write(tmp_path / "download", "WEB_UTSA_04.xlsx", rezipped(UTSA, {
        "xl/worksheets/sheet1.xml": (b"<v>296086.17589999997</v>", b"<v>296100.0</v>")}))
    (new,) = stored(drop_in(root, "russia_customs", workbook, settings), table)
    assert new.startswith("russia_fcs_customs/") and new.endswith("/WEB_UTSA_04.xlsx")
    rows, provenance = refreshed(root, table)
    assert new in inputs(provenance) and new in set(rows["source_file"])
    if table == names.FCS_YEARLY_TOTALS:
        revised = rows[(rows["source_file"] == new) & (rows["year"] == 2021)
                       & (rows["flow"] == "imports") & (rows["basis"] == "with_additions")]
        assert revised["value_usd"].tolist() == [296_100.0e6]


def test_a_table_no_catalog_entry_reads_is_reported_not_read(
        root: Path, settings: HttpSettings, tmp_path: Path) -> None:
    """An FCS table of a layout econ has no reader for (here: the real table by country
    group, retitled 'by region of the world' and named as econ knows no FCS table):
    stored, not read, and fetch does not ask for a refresh."""
    strany = REAL_RAW / "russia_fcs_customs" / "fcs_strany_092024.xlsx"
    workbook = write(tmp_path / "download", "vneshtorg_2026.xlsx", rezipped(strany, {
        "xl/sharedStrings.xml": ("по группам стран".encode(), "по регионам мира".encode())}))
    report = drop_in(root, "russia_customs", workbook, settings)
    (result,) = report.results
    assert result.status == "not read" and report.exit_code == 0, report.summary()
    assert "econ refresh does not read russia_fcs_customs/" in result.message
    assert "WEB_UTSA_04/05" in result.message and "reads it into" not in result.message
    assert all(tables_reading(root / "data" / "raw", f) == [] for f in result.files)


# --------------------------------------------------------------------------- Energy Institute


EI_2024 = (REAL_RAW / "energy_institute_statistical_review" / "ei_2024_edition" /
           "Statistical Review of World Energy Data.xlsx")


def test_energy_institute_reissue_replaces_its_edition(root: Path, settings: HttpSettings,
                                                        tmp_path: Path) -> None:
    """The 2024 workbook re-issued (its 'modified' stamp moved to 2024-09-01): stored in a
    dated folder below the edition's, and read instead of the shipped 2024 workbook."""
    workbook = write(tmp_path / "download", EI_2024.name, rezipped(EI_2024, {
        "docProps/core.xml": (b"2024-08-15T20:02:34Z", b"2024-09-01T00:00:00Z")}))
    (new,) = stored(drop_in(root, "energy_institute", workbook, settings), names.EI_TRADE)
    assert new == (f"energy_institute_statistical_review/ei_2024_edition/{TODAY}/"
                   f"{EI_2024.name}")
    _, provenance = refreshed(root, names.EI_TRADE)
    notes = [n for n in provenance["notes"] if n.startswith("edition 2024:")]
    assert len(notes) == 1 and new in notes[0]


# --------------------------------------------------------------------------- vintage rules


#: (table, source, shipped file, release labels oldest first, name of a fetched file)
VINTAGED = [
    (names.WDI_GDP, "wdi", f"worldbank_wdi/{WDI_BULK}", ["2024-12-16", "2025-07-01"],
     WDI_BULK.replace("9865", "19346")),
    (names.PINK_SHEET, "pink_sheet", "world_bank_pink_sheet/CMO-Historical-Data-Monthly.xlsx",
     ["2026-06-30", "2026-07-02"], "CMO-Historical-Data-Monthly.xlsx"),
    (names.CBR_MONTHLY, "cbr", CBR_XLS.relative_to(REAL_RAW).as_posix(),
     ["2020-11-25", "2026-06-30"], "trade.xls"),
    (names.ATLAS, "atlas", "harvard_atlas/hs92_country_year.csv", ["v9.0", "v10.0"],
     "hs92_country_year.csv"),
    (names.BACI_RELEASE_ROWS, "baci", None, ["V202501", "V202601"], None),
]


@pytest.mark.parametrize(("table", "source", "shipped", "labels", "name"), VINTAGED,
                         ids=[v[1] for v in VINTAGED])
def test_newest_vintage_is_read_older_ones_are_not(
        table: str, source: str, shipped: str | None, labels: list[str], name: str | None,
        root: Path) -> None:
    """Releases stored newest first, so neither storing order nor name order decides;
    the older release and the shipped file are not the table's inputs, and fetch would
    say so of them."""
    raw = root / "data" / "raw"
    stored_paths = []
    for label in reversed(labels):
        data = (raw / shipped).read_bytes() if shipped else baci_release(label, 2024)
        stored_paths.append(commit_release(root, source, label, name or
                                           f"BACI_HS17_{label}.zip", data))
    newest, older = stored_paths
    read = [i.path for i in hash_inputs(get_spec(table), Paths(root))]
    assert newest in read and older not in read and shipped not in read
    assert table in tables_reading(raw, newest)
    assert table not in tables_reading(raw, older)


def test_vintage_key_orders_release_labels() -> None:
    ordered = ["cepii_baci/BACI_HS17_V202601.zip",  # copied by hand: older than any release
               "cepii_baci/V202401/BACI_HS17_V202401.zip",
               "cepii_baci/V202401b/BACI_HS17_V202401b.zip",
               "cepii_baci/V202501/BACI_HS17_V202501.zip",
               "cepii_baci/V202501_retrieved_20250301T000000Z/BACI_HS17_V202501.zip"]
    assert sorted(reversed(ordered), key=vintage_key) == ordered
    assert newest_release(["a/v9.0/x", "a/v10.0/x", "a/v10.0/x"]) == "a/v10.0/x"
    assert vintage_key("a/2024-10-24/x") < vintage_key("a/2025-07-01/x")


# --------------------------------------------------------------------------- manifest checks


def test_an_unlisted_release_in_a_version_folder_is_refused(root: Path) -> None:
    path = write(root / "data" / "raw" / "cepii_baci" / "V202601", "BACI_HS17_V202601.zip",
                 baci_release("V202601", 2024))
    report = econ.refresh(root=root, only=[names.BACI_RELEASE_ROWS])
    (failed,) = report.failed
    assert failed.name == names.BACI_RELEASE_ROWS
    assert "cepii_baci/V202601/BACI_HS17_V202601.zip" in failed.message
    assert "not listed" in failed.message
    assert path.exists()


@pytest.mark.parametrize("which", ["newest", "older"])
def test_a_listed_release_that_is_missing_fails(which: str, root: Path) -> None:
    """Older vintages are not read, but a listed one that is gone still fails."""
    data = ATLAS.read_bytes()
    older = commit_release(root, "atlas", "v9.0", ATLAS.name, data)
    newest = commit_release(root, "atlas", "v10.0", ATLAS.name, data)
    gone = newest if which == "newest" else older
    (root / "data" / "raw" / gone).unlink()
    report = econ.refresh(root=root, only=[names.ATLAS])
    assert [r.name for r in report.failed] == [names.ATLAS]
    assert gone in report.failed[0].message and "no file" in report.failed[0].message


def test_two_files_of_one_release_fail(root: Path) -> None:
    for name in ("CMO-Historical-Data-Monthly.xlsx", "CMO-Historical-Data-Monthly (1).xlsx"):
        commit_release(root, "pink_sheet", "2026-07-02", name, PINK.read_bytes())
    report = econ.refresh(root=root, only=[names.PINK_SHEET])
    message = report.failed[0].message
    assert "one file of world_bank_pink_sheet/**/CMO-Historical-Data-Monthly*.xlsx per " \
        "release" in message and "CMO-Historical-Data-Monthly (1).xlsx" in message


# --------------------------------------------------------------------------- patterns


_SEGMENTS = st.sampled_from(["a", "b", "ab", "v1", "v10"])
_WILD = st.sampled_from(["a", "b", "*", "a*", "?", "v*", "**"])


@settings(max_examples=60, deadline=None)
@given(files=st.lists(st.lists(_SEGMENTS, min_size=0, max_size=3), min_size=1, max_size=8),
       middle=st.lists(_WILD, max_size=3), last=st.sampled_from(["*.csv", "a.csv", "?.csv"]))
def test_manifest_patterns_match_what_path_glob_finds(
        files: list[list[str]], middle: list[str], last: str) -> None:
    """The manifest's matching and Path.glob (which finds unlisted files on disk) agree,
    ``**`` included: otherwise an unlisted release could slip past the check."""
    import tempfile

    pattern = "/".join(["src", *middle, last])
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder)
        paths = {"/".join(["src", *segments, name]) for segments in files
                 for name in ("a.csv", "b.csv", "ab.txt")}
        for rel in paths:
            (raw / rel).parent.mkdir(parents=True, exist_ok=True)
            (raw / rel).touch()
        on_disk = {p.relative_to(raw).as_posix() for p in raw.glob(pattern) if p.is_file()}
        assert {p for p in paths if matches(p, pattern)} == on_disk, pattern


def test_every_fetch_source_folder_is_read_by_a_table() -> None:
    """Each source's raw folder is named by some table's input patterns (a source no
    table reads would store releases nothing uses)."""
    from econ.catalog import TABLES

    folders = {p.split("/", 1)[0] for spec in TABLES for p in spec.inputs}
    gacc_usd = "china_customs_gacc_releases_usd"
    assert {f.info.raw_folder for f in SOURCES.values()} | {gacc_usd} <= folders

