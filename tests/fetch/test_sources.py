"""Each source against a local server playing its publisher, with real responses where a
public repository holds one (see fixtures/README.md) and the real raw files of
data/raw as the bodies of file downloads."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from fetch_helpers import FIXTURES, REAL_RAW, tree
from pytest_httpserver import HTTPServer

from econ.errors import RawDataError
from econ.etl.gacc import USD_PER_UNIT, read_release, read_release_usd
from econ.etl.imts import read_imts, read_sdmx_json
from econ.fetch import HttpSettings, fetch
from econ.fetch.imf_imts import availability_end
from econ.fetch.store import read_fetch_manifest
from econ.paths import Paths


def cassette(name: str) -> tuple[int, str]:
    """Status and body of the first interaction of a vcr cassette (pedrobtz/imf.data)."""
    recorded = yaml.safe_load((FIXTURES / "imf_sdmx" / name).read_text())
    response = recorded["http_interactions"][0]["response"]
    return int(response["status"]), str(response["body"]["string"])


def run(project: Paths, settings: HttpSettings, server: HTTPServer, source: str,
        **kwargs: Any) -> Any:
    environ = {f"ECON_FETCH_{source.upper()}_URL": server.url_for("/").rstrip("/"),
               **kwargs.pop("environ", {})}
    return fetch([source], root=project.root, settings=settings, environ=environ, **kwargs)


# --------------------------------------------------------------------------- IMF IMTS


def test_sdmx_json_reader_on_a_real_imf_answer(tmp_path: Path) -> None:
    """The IMF's own SDMX 3.0 answer for US CPI, recorded live on 2026-06-12 by the
    imf.data R package (tests/fixtures/sdmx_data_cpi_valid.yml): two observations."""
    path = tmp_path / "cpi.json"
    path.write_text(cassette("imfdata_vcr_sdmx_data_cpi_valid.yml")[1])
    frame = read_sdmx_json(path)
    assert list(frame["TIME_PERIOD"]) == ["2026-M03", "2026-M04"]
    assert list(frame["OBS_VALUE"]) == ["151.4352997287388", "152.7225866809138"]
    assert set(frame["COUNTRY"]) == {"USA"} and set(frame["SCALE"]) == {"0"}


def test_real_empty_imf_answer_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(cassette("imfdata_vcr_get_data_empty.yml")[1])
    with pytest.raises(RawDataError, match="the IMTS dimensions"):
        read_imts(path)


def test_availability_end_of_a_real_answer() -> None:
    message = json.loads(cassette("imfdata_vcr_sdmx_availability_cpi.yml")[1])
    assert availability_end(message, url="u") == date(2026, 6, 1)


def imts_message(values: dict[tuple[str, str, str, str], list[tuple[str, str]]],
                 scale: str = "0") -> str:
    """A synthetic IMTS answer in the shape of the real CPI answer (SDMX-JSON 2.0):
    dimensions COUNTRY, INDICATOR, COUNTERPART_COUNTRY, FREQUENCY; a SCALE attribute."""
    names = ["COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY"]
    codes: list[list[str]] = [[], [], [], []]
    periods: list[str] = []
    for key, obs in values.items():
        for i, code in enumerate(key):
            if code not in codes[i]:
                codes[i].append(code)
        periods += [p for p, _ in obs if p not in periods]
    series = {":".join(str(codes[i].index(c)) for i, c in enumerate(key)): {
        "attributes": [0], "observations": {str(periods.index(p)): [v] for p, v in obs}}
        for key, obs in values.items()}
    return json.dumps({"meta": {}, "data": {"dataSets": [{"structure": 0, "series": series}],
                       "structures": [{"dimensions": {
                           "series": [{"id": n, "keyPosition": k, "values": [{"id": c}
                                                                             for c in codes[k]]}
                                      for k, n in enumerate(names)],
                           "observation": [{"id": "TIME_PERIOD", "keyPosition": 4,
                                            "values": [{"value": p} for p in periods]}]},
                           "attributes": {"series": [{"id": "SCALE",
                                                      "values": [{"id": scale}]}]}}]}})


def test_imts_reader_maps_flows_world_and_scale(tmp_path: Path) -> None:
    path = tmp_path / "imts.json"
    path.write_text(imts_message({("CHN", "XG_FOB_USD", "RUS", "M"): [("2026-M05", "9.5")],
                                  ("RUS", "MG_CIF_USD", "G001", "M"): [("2026-M05", "20")],
                                  ("G998", "XG_FOB_USD", "RUS", "M"): [("2026-M05", "1")]},
                                 scale="9"))
    frame = read_imts(path)
    assert frame[["reporter_iso3", "partner_iso3", "flow", "valuation"]].values.tolist() == [
        ["CHN", "RUS", "exports", "fob"], ["RUS", "WLD", "imports", "cif"]]
    assert frame["value_usd"].tolist() == [9.5e9, 20e9]
    assert (frame["period"] == "2026-05-01").all()


def _serve_imts(server: HTTPServer, data: str, status: int = 200) -> None:
    availability = cassette("imfdata_vcr_sdmx_availability_cpi.yml")[1]
    server.expect_request(path_prefix_availability()).respond_with_data(
        availability, content_type="application/json")
    server.expect_request(path_prefix_data()).respond_with_data(
        data, status=status, content_type="application/json")


def path_prefix_availability() -> Any:
    import re
    return re.compile(r"^/availability/dataflow/IMF\.STA/IMTS/.*")


def path_prefix_data() -> Any:
    import re
    return re.compile(r"^/data/dataflow/IMF\.STA/IMTS/.*")


def test_imts_fetch_stores_each_frequency_once(project: Paths, settings: HttpSettings,
                                               httpserver: HTTPServer) -> None:
    body = imts_message({("CHN", "XG_FOB_USD", "RUS", "M"): [("2026-M05", "9.5e9")],
                         ("CHN", "XG_FOB_USD", "RUS", "A"): [("2025", "100e9")]})
    _serve_imts(httpserver, body)
    report = run(project, settings, httpserver, "imf_imts")
    assert report.exit_code == 3, report.summary()
    assert sorted(report.results[0].files) == ["imf_imts/A_2026-06/imts_A.json",
                                               "imf_imts/M_2026-06/imts_M.json"]
    asked = [r for r in httpserver.log if r[0].path.startswith("/data/")]
    assert asked[0][0].args["c[TIME_PERIOD]"] == "ge:2010-01"
    again = run(project, settings, httpserver, "imf_imts", today=date(2026, 7, 1))
    assert again.exit_code == 0 and again.results[0].status == "nothing new"


def test_imts_no_content_fails(project: Paths, settings: HttpSettings,
                               httpserver: HTTPServer) -> None:
    """A real 204 No Content (imf.data sdmx_no_content.yml) is an empty result."""
    status, body = cassette("imfdata_vcr_sdmx_no_content.yml")
    before = tree(project.raw)
    _serve_imts(httpserver, body, status=status)
    report = run(project, settings, httpserver, "imf_imts")
    assert report.exit_code == 6
    assert "found an empty body" in report.results[0].message
    assert tree(project.raw) == before


# --------------------------------------------------------------------------- China customs


GACC_CNY = (REAL_RAW / "china_customs_gacc_releases" / "gacc_s4_by_country_2026-03_cny.html")
GACC_CNY_JANFEB = (REAL_RAW / "china_customs_gacc_releases" /
                   "gacc_s4_by_country_2025-01-02_cny.html")


def usd_edition(page: Path) -> str:
    """A synthetic USD page: the real CNY page with the USD edition's title and unit line
    (as printed on GACC's USD pages). Its numbers are the CNY figures: layout only."""
    text = page.read_text(encoding="utf-8")
    return text.replace("(in CNY)", "(in USD)").replace("CNY 100 Million", "USD1 Million")


def _serve_gacc(server: HTTPServer) -> dict[str, str]:
    index = (FIXTURES / "gacc" / "seed_2026.html").read_text(encoding="utf-8")
    server.expect_request("/statics/report/preliminary.html").respond_with_data(
        index, content_type="text/html")
    pages = {
        "/Statics/47e53257-a14f-4a19-a17c-b5beea64f822.html": GACC_CNY_JANFEB.read_text(),
        "/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html": GACC_CNY.read_text(),
        "/Statics/0ed684ce-a5d7-45b8-ab53-0f30b3a8c7c1.html": usd_edition(GACC_CNY_JANFEB),
        "/Statics/66580503-6688-49b2-bd23-de154e5677d5.html": usd_edition(GACC_CNY),
    }
    for path, text in pages.items():
        server.expect_request(path).respond_with_data(text, content_type="text/html")
    return pages


def test_gacc_fetches_both_editions_from_the_real_index(project: Paths, settings: HttpSettings,
                                                       httpserver: HTTPServer) -> None:
    """The real 2026 index page (hoyla/meridian seed_2026.html) links Feb and Mar for the
    (4) by-country table in CNY and USD; each page is named by the month it states."""
    _serve_gacc(httpserver)
    report = run(project, settings, httpserver, "china_customs")
    assert report.exit_code == 3, report.summary()
    assert sorted(report.results[0].files) == [
        "china_customs_gacc_releases/gacc_s4_by_country_2025-01-02_cny.html",
        "china_customs_gacc_releases/gacc_s4_by_country_2026-03_cny.html",
        "china_customs_gacc_releases_usd/gacc_s4_by_country_2025-01-02_usd.html",
        "china_customs_gacc_releases_usd/gacc_s4_by_country_2026-03_usd.html"]
    stored = project.raw / "china_customs_gacc_releases_usd/gacc_s4_by_country_2026-03_usd.html"
    usd, cny = read_release_usd(stored), read_release(GACC_CNY)
    assert (usd["value_usd"] / USD_PER_UNIT).tolist() == (cny["value_cny"] / 1e8).tolist()
    again = run(project, settings, httpserver, "china_customs", today=date(2026, 4, 20))
    assert again.exit_code == 0, again.summary()


def test_gacc_since_limits_the_months(project: Paths, settings: HttpSettings,
                                      httpserver: HTTPServer) -> None:
    _serve_gacc(httpserver)
    report = run(project, settings, httpserver, "china_customs", since=date(2026, 3, 1))
    assert sorted(report.results[0].files) == [
        "china_customs_gacc_releases/gacc_s4_by_country_2026-03_cny.html",
        "china_customs_gacc_releases_usd/gacc_s4_by_country_2026-03_usd.html"]


def test_gacc_refuses_a_cny_page_behind_a_usd_link(project: Paths, settings: HttpSettings,
                                                   httpserver: HTTPServer) -> None:
    index = (FIXTURES / "gacc" / "seed_2026.html").read_text(encoding="utf-8")
    httpserver.expect_request("/statics/report/preliminary.html").respond_with_data(
        index, content_type="text/html")
    for link in ("2e61c8a1-17b2-4074-b909-c039ccf8c8fb", "66580503-6688-49b2-bd23-de154e5677d5"):
        httpserver.expect_request(f"/Statics/{link}.html").respond_with_data(
            GACC_CNY.read_text(), content_type="text/html")
    before = tree(project.raw)
    report = run(project, settings, httpserver, "china_customs", since=date(2026, 3, 1))
    assert report.exit_code == 6
    assert "other currency's edition" in report.results[0].message
    assert tree(project.raw) == before


# --------------------------------------------------------------------------- WDI


WDI_FILES = sorted((REAL_RAW / "worldbank_wdi").glob("*API_NY.GDP.MKTP.CD*.csv"))


def wdi_zip(extra: dict[str, bytes] | None = None) -> bytes:
    """The World Bank's bulk zip layout holding the real three WDI CSV files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in WDI_FILES:
            archive.write(path, path.name)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_wdi_bulk_zip(project: Paths, settings: HttpSettings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v2/en/indicator/NY.GDP.MKTP.CD").respond_with_data(
        wdi_zip(), content_type="application/zip", headers={"ETag": '"w1"'})
    report = run(project, settings, httpserver, "wdi")
    assert report.exit_code == 3, report.summary()
    assert sorted(report.results[0].files) == sorted(f"worldbank_wdi/2024-10-24/{p.name}"
                                                     for p in WDI_FILES)
    for path in WDI_FILES:
        assert (project.raw / "worldbank_wdi/2024-10-24" / path.name).read_bytes() == \
            path.read_bytes()


def test_wdi_zip_with_path_traversal_is_refused(project: Paths, settings: HttpSettings,
                                                httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v2/en/indicator/NY.GDP.MKTP.CD").respond_with_data(
        wdi_zip({"../../evil.csv": b"a,b\n"}), content_type="application/zip")
    before = tree(project.raw)
    report = run(project, settings, httpserver, "wdi")
    assert report.exit_code == 6
    assert "'../../evil.csv' refused" in report.results[0].message
    assert tree(project.raw) == before
    assert not (project.root.parent / "evil.csv").exists()


# --------------------------------------------------------------------------- Atlas


ATLAS_CSV = REAL_RAW / "harvard_atlas" / "hs92_country_year.csv"


def dataverse_version(md5: str) -> dict[str, Any]:
    """The real Dataverse answers (aday-ondemand-loop fixtures): a dataset version whose
    file list is the real files-answer entry renamed to the Atlas file."""
    version = json.loads((FIXTURES / "dataverse" /
                          "ondemandloop_dataset_version_response_valid_response_with_files.json"
                          ).read_text())
    files = json.loads((FIXTURES / "dataverse" /
                        "ondemandloop_dataset_files_response_valid_response.json").read_text())
    entry = files["data"][0]
    entry["dataFile"].update({"id": 77, "filename": ATLAS_CSV.name, "contentType": "text/csv",
                              "filesize": ATLAS_CSV.stat().st_size, "md5": md5,
                              "checksum": {"type": "MD5", "value": md5}})
    version["data"]["files"] = [entry]
    return version


@pytest.mark.parametrize("good", [True, False], ids=["checksum matches", "checksum differs"])
def test_atlas_dataverse(good: bool, project: Paths, settings: HttpSettings,
                         httpserver: HTTPServer) -> None:
    body = ATLAS_CSV.read_bytes()
    md5 = hashlib.md5(body).hexdigest() if good else "0" * 32
    httpserver.expect_request("/api/datasets/:persistentId/versions/:latest-published",
                              query_string={"persistentId": "doi:10.7910/DVN/T4CHWJ"}
                              ).respond_with_json(dataverse_version(md5))
    httpserver.expect_request("/api/access/datafile/77").respond_with_data(
        body, content_type="text/csv")
    before = tree(project.raw)
    report = run(project, settings, httpserver, "atlas")
    if good:
        assert report.exit_code == 3, report.summary()
        assert report.results[0].files == ("harvard_atlas/v2.0/hs92_country_year.csv",)
        assert read_fetch_manifest(project.raw)[0].release == "v2.0"
    else:
        assert report.exit_code == 6
        assert f"expected md5 {md5} as published" in report.results[0].message
        assert tree(project.raw) == before


# --------------------------------------------------------------------------- Comtrade


def comtrade_answer(periods: list[str]) -> dict[str, Any]:
    """Synthetic, in the documented shape of data/v1/get answers (count, data, error),
    with the record fields the loader reads (econ.etl.comtrade.REQUIRED)."""
    rows = [{"freqCode": "M", "refYear": int(p[:4]), "refMonth": int(p[4:]), "period": p,
             "reporterCode": 156, "flowCode": "M", "partnerCode": 643, "partner2Code": 0,
             "classificationCode": "H6", "cmdCode": "TOTAL", "customsCode": "C00",
             "motCode": 0, "cifvalue": 1.0e10, "fobvalue": None, "primaryValue": 1.0e10}
            for p in periods]
    return {"elapsedTime": "0.1 secs", "count": len(rows), "data": rows, "error": ""}


def test_comtrade_key_travels_in_a_header_and_is_never_shown(
        project: Paths, settings: HttpSettings, httpserver: HTTPServer,
        caplog: pytest.LogCaptureFixture) -> None:
    key = "s3cr3t-key-0123456789"
    httpserver.expect_request("/data/v1/get/C/M/HS",
                              headers={"Ocp-Apim-Subscription-Key": key}
                              ).respond_with_json(comtrade_answer(["202605"]))
    caplog.set_level("DEBUG")
    report = run(project, settings, httpserver, "comtrade", since=date(2026, 5, 1),
                 today=date(2026, 6, 15), environ={"COMTRADE_API_KEY": key})
    assert report.exit_code == 3, report.summary()
    assert len(report.results[0].files) == 2  # two pairs, one period chunk each
    shown = report.summary() + caplog.text + (project.raw / ".fetch_manifest.csv").read_text()
    assert key not in shown
    assert all(key not in str(r[0].url) for r in httpserver.log)


def test_comtrade_empty_result_fails(project: Paths, settings: HttpSettings,
                                     httpserver: HTTPServer) -> None:
    httpserver.expect_request("/public/v1/preview/C/M/HS").respond_with_json(
        comtrade_answer([]))
    report = run(project, settings, httpserver, "comtrade", since=date(2026, 5, 1),
                 today=date(2026, 5, 20))
    assert report.exit_code == 6
    assert "found an empty result" in report.results[0].message


# --------------------------------------------------------------------------- BACI


def baci_zip() -> bytes:
    """A BACI release zip in the published layout, with real rows (the China-Russia
    subset of V202501 and the V202601 country list from data/raw)."""
    buffer = io.BytesIO()
    rows = (REAL_RAW / "cepii_baci" / "baci_russia_china_processed_2017_2023.csv").read_bytes()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("BACI_HS17_Y2023_V202501.csv", rows)
        archive.write(REAL_RAW / "cepii_baci_meta" / "country_codes_V202601.csv",
                      "country_codes_V202501.csv")
    return buffer.getvalue()


def test_baci_version_from_the_release_page(project: Paths, settings: HttpSettings,
                                            httpserver: HTTPServer) -> None:
    page = ('<html><body><a href="/DATA_DOWNLOAD/baci/data/BACI_HS92_V202501.zip">HS92</a>'
            '<a href="/DATA_DOWNLOAD/baci/data/BACI_HS17_V202501.zip">HS17</a></body></html>')
    httpserver.expect_request("/CEPII/en/bdd_modele/bdd_modele_item.asp").respond_with_data(
        page, content_type="text/html")
    httpserver.expect_request("/DATA_DOWNLOAD/baci/data/BACI_HS17_V202501.zip"
                              ).respond_with_data(baci_zip(), content_type="application/zip")
    report = run(project, settings, httpserver, "baci")
    assert report.exit_code == 3, report.summary()
    assert report.results[0].files == ("cepii_baci/V202501/BACI_HS17_V202501.zip",)
    again = run(project, settings, httpserver, "baci", today=date(2025, 6, 1))
    assert again.exit_code == 0
    assert "the page offers V202501, stored V202501" in again.results[0].message


# --------------------------------------------------------------------------- drop-ins


EI_2024 = (REAL_RAW / "energy_institute_statistical_review" / "ei_2024_edition" /
           "Statistical Review of World Energy Data.xlsx")


@pytest.mark.slow
def test_energy_institute_drop_in_finds_its_edition(project: Paths,
                                                    settings: HttpSettings) -> None:
    report = fetch(["energy_institute"], file=EI_2024, root=project.root, settings=settings,
                   environ={})
    assert report.exit_code == 3, report.summary()
    assert report.results[0].files == (
        "energy_institute_statistical_review/ei_2024_edition/"
        "Statistical Review of World Energy Data.xlsx",)


def test_energy_institute_browser_challenge(project: Paths, settings: HttpSettings,
                                            httpserver: HTTPServer) -> None:
    httpserver.expect_request("/EI-Stats-Review-ALL-data.xlsx").respond_with_data(
        "<html><title>Just a moment...</title></html>", status=403,
        headers={"cf-mitigated": "challenge"}, content_type="text/html")
    report = run(project, settings, httpserver, "energy_institute")
    assert report.exit_code == 6
    assert "browser challenge" in report.results[0].message
    assert "econ fetch energy_institute --file PATH" in report.results[0].message
    assert len(httpserver.log) == 1  # a challenge is not retried


def test_russia_customs_drop_in(project: Paths, settings: HttpSettings) -> None:
    table = REAL_RAW / "russia_fcs_customs" / "fcs_web_utsa_04_2020_2021.xlsx"
    report = fetch(["russia_customs"], file=table, root=project.root, settings=settings,
                   environ={})
    assert report.exit_code == 3, report.summary()
    (stored,) = report.results[0].files
    assert stored.startswith("russia_fcs_customs/") and stored.endswith(table.name)
    assert (project.raw / stored).read_bytes() == table.read_bytes()


def test_drop_in_of_the_wrong_file_is_refused(project: Paths, settings: HttpSettings) -> None:
    before = tree(project.raw)
    report = fetch(["russia_customs"], file=REAL_RAW / "world_bank_pink_sheet" /
                   "CMO-Historical-Data-Monthly.xlsx", root=project.root, settings=settings,
                   environ={})
    assert report.exit_code == 6
    assert "expected an FCS trade table" in report.results[0].message
    assert tree(project.raw) == before


def test_pink_sheet_named_by_its_update_date(project: Paths, settings: HttpSettings,
                                             httpserver: HTTPServer) -> None:
    body = (REAL_RAW / "world_bank_pink_sheet" / "CMO-Historical-Data-Monthly.xlsx").read_bytes()
    httpserver.expect_request("/CMO-Historical-Data-Monthly.xlsx").respond_with_data(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    report = run(project, settings, httpserver, "pink_sheet")
    assert report.exit_code == 3, report.summary()
    (stored,) = report.results[0].files
    record = read_fetch_manifest(project.raw)[0]
    assert stored == f"world_bank_pink_sheet/{record.release}/CMO-Historical-Data-Monthly.xlsx"
    assert record.release_date == record.release  # a date read from 'Updated on ...'
