"""The ``econ`` command: fetch, refresh, report, forecast, tables, show, validate.

The only place that prints and sets exit codes: library functions raise and return.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal, TextIO

from econ import names
from econ.errors import ArgumentError, EconError
from econ.pairs import Pair

__all__ = ["main"]

log = logging.getLogger("econ")
_MAX_ANNUAL_HORIZON = 10
#: the balance tables' frequencies (``names.Frequency``) that have a forecast
_FORECAST_FREQUENCIES = ("monthly", "yearly")


class _ProgressBar:
    """A one-line progress bar on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width

    def __call__(self, done: int, total: int, result: object) -> None:
        filled = int(self.width * done / max(total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        name = getattr(result, "name", "")
        status = getattr(result, "status", "")
        self.stream.write(f"\r[{bar}] {done}/{total} {status} {name}"[:120].ljust(120))
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _cmd_fetch(args: argparse.Namespace) -> int:
    """``econ fetch``: exit status as documented in ``econ.fetch.EXIT_CODES``."""
    from econ.fetch import FetchReport, SourceResult, fetch

    interactive = sys.stderr.isatty() and not args.quiet
    if not interactive:
        logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                            stream=sys.stderr)

    def show(result: SourceResult) -> None:
        sys.stderr.write(f"\r{result.line()}"[:160].ljust(80) + "\n")
        sys.stderr.flush()

    mode: Literal["fetch", "dry-run", "check"] = (
        "check" if args.check else "dry-run" if args.dry_run else "fetch")
    try:
        report: FetchReport = fetch(args.sources or None, mode=mode, since=args.since,
                                    force=args.force, file=args.file, wait=not args.no_wait,
                                    root=args.root, on_result=show if interactive else None)
    except (EconError, ValueError, OSError) as exc:
        print(f"econ fetch: {exc}", file=sys.stderr)
        return 6
    print(report.summary())
    for result in report.failed:
        print(f"econ fetch: {result.source} failed: {result.url}: {result.message}",
              file=sys.stderr)
    return report.exit_code


def _cmd_refresh(args: argparse.Namespace) -> int:
    from econ.refresh import refresh

    fetched = 0
    if args.fetch is not None:
        fetched = _cmd_fetch(argparse.Namespace(
            root=args.root, sources=[s for s in args.fetch.split(",") if s], check=False,
            dry_run=args.dry_run, since=None,
            force=False, file=None, no_wait=args.no_wait, quiet=args.quiet))
    interactive = sys.stderr.isatty() and not args.quiet
    if not interactive:
        logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                            stream=sys.stderr)
    added = _add_pairs(args.pair, root=args.root, wait=not args.no_wait,
                       dry_run=args.dry_run) if args.pair else []
    report = refresh(only=args.only, layer=args.layer, force=args.force, dry_run=args.dry_run,
                     wait=not args.no_wait, root=args.root, pairs=added,
                     on_progress=_ProgressBar(sys.stderr) if interactive else None)
    print(report.summary())
    if not report.ok:
        print(f"econ refresh: {len(report.failed)} table(s) failed; earlier versions of "
              "those tables were kept", file=sys.stderr)
        return 1
    return fetched


def _add_pairs(texts: list[str], *, root: str | None, wait: bool, dry_run: bool
               ) -> list[Pair]:
    """Check each ``--pair`` against the code table and add it to ``data/pairs.csv``.

    The code table is built first if need be; nothing is written in a dry run. An added pair
    has its answers built by this and every later refresh. Returns the pairs.
    """
    from econ.data import known_pair
    from econ.pairs import add_pair, parse_pair
    from econ.paths import resolve_paths
    from econ.refresh import refresh

    pairs = [parse_pair(t) for t in texts]  # the form first: no build for a typo
    built = refresh(only=[names.COUNTRIES], wait=wait, root=root)
    if not built.ok:
        raise ArgumentError("--pair", f"codes checked against {names.COUNTRIES}",
                            "that table could not be built: " + built.summary())
    checked = [known_pair(str(p), root=root) for p in pairs]
    if not dry_run:
        data = resolve_paths(root).data
        for pair in checked:
            add_pair(data, pair)
    return checked


def _cmd_report(args: argparse.Namespace) -> int:
    from econ.report import build_report

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    written = build_report(out=args.out, root=args.root, pair=args.pair, formats=formats)
    print(f"econ report: {len(written)} files written")
    html = [p for p in written if p.name == "report.html"]
    print(html[0] if html else written[-1] if written else "nothing written")
    return 0


def _cmd_tables(args: argparse.Namespace) -> int:
    from econ.data import tables

    frame = tables(root=args.root)[["name", "rows", "years", "sources"]]
    print(frame.to_string(index=False))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    import pandas as pd

    from econ.data import load, provenance

    frame = load(args.name, root=args.root)
    meta = provenance(args.name, root=args.root)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(frame.head(args.rows).to_string(index=False))
    print(f"\n{meta['rows']} rows. {meta['description']}")
    print(f"source: {meta['citation']}")
    print(f"built {meta['built_at']} by econ {meta['code_version']} "
          f"(code {meta['code_sha256'][:12]})")
    print("inputs (sha256, bytes, path):")
    for item in meta["inputs"][: args.inputs]:
        print(f"  {item['sha256']}  {item['bytes']:>10}  {item['path']}")
    if len(meta["inputs"]) > args.inputs:
        print(f"  ... and {len(meta['inputs']) - args.inputs} more")
    for item in meta["upstream"]:
        print(f"upstream: {item['table']} ({item['content_sha256'][:12]})")
    for caveat in meta["caveats"]:
        print(f"caveat: {caveat}")
    for note in meta["notes"]:
        print(f"note: {note}")
    if args.json:
        print(json.dumps(meta, indent=2))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from econ.data import validate

    frame = validate(root=args.root)
    bad = frame[~frame["ok"]]
    print(f"{len(frame) - len(bad)} of {len(frame)} checks passed")
    if not bad.empty:
        print(bad.to_string(index=False))
        return 1
    return 0


def _selected_model(pair: Pair, frequency: str, root: str | None) -> str:
    """The model the backtest selected for the pair (``naive`` when none beats it)."""
    from econ.data import load

    chosen = load(names.FORECAST_SELECTION, root=root, filters={
        "reporter_iso3": pair.reporter, "partner_iso3": pair.partner,
        "frequency": frequency, "is_selected": True})
    return str(chosen["model"].iloc[0]) if not chosen.empty else "naive"


def _cmd_forecast(args: argparse.Namespace) -> int:
    import pandas as pd

    from econ.analysis.forecast import balance_flows, forecast_series, models_for
    from econ.data import load
    from econ.pairs import parse_pair

    frequency = args.freq
    table = names.BALANCE_MONTHLY if frequency == "monthly" else names.BALANCE_YEARLY
    pair = parse_pair(args.pair)
    rows = forecast_series(load(table, root=args.root), pair)
    if rows.empty:
        raise ArgumentError("--pair", f"a pair with a {frequency} balance in {table}",
                            f"{pair} (add it with `econ refresh --pair {pair}`)")
    flows = balance_flows(rows, frequency)
    if frequency == "yearly" and args.horizon > _MAX_ANNUAL_HORIZON:
        raise ArgumentError("--horizon", f"1 to {_MAX_ANNUAL_HORIZON} years for annual "
                            "forecasts", str(args.horizon))
    models = {m.name: m for m in models_for(frequency)}
    if args.paths is not None:
        models = {n: dataclasses.replace(m, n_paths=args.paths) if hasattr(m, "n_paths")
                  else m for n, m in models.items()}
    unknown = [m for m in args.model if m not in models]
    if unknown:
        raise ArgumentError("--model", f"one of {', '.join(sorted(models))}", unknown[0])
    frames = []
    for name in args.model or [_selected_model(pair, frequency, args.root)]:
        result = models[name].fit(flows, horizon=args.horizon)
        frame = result.summary_frame(0.05).rename(columns={
            "mean_ci_lower": "lower_95", "mean_ci_upper": "upper_95"})
        eighty = result.summary_frame(0.20)
        frame.insert(1, "lower_80", eighty["mean_ci_lower"])
        frame.insert(2, "upper_80", eighty["mean_ci_upper"])
        frame["prob_within"] = result.prob_within(names.RECIPROCITY_BAND)
        frame.insert(0, "model", name)
        frames.append(frame)
    with pd.option_context("display.width", 160, "display.max_rows", 500):
        print(pd.concat(frames).round(4).to_string())
    print(f"prob_within: share of simulated paths with |normalised balance| < "
          f"{names.RECIPROCITY_BAND}; source: {table} ({pair}, "
          f"{rows['reported_by_iso3'].iloc[0]}-reported). Intervals are the model's own; the "
          f"published ones, recalibrated from the backtest errors, are in "
          f"{names.FORECAST_CALIBRATED}.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="econ", description=__doc__.splitlines()[0].replace(
        "``", ""))
    parser.add_argument("--root", help="project root (default: found from the working "
                        "directory, or ECON_ROOT)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("refresh", help="rebuild the tables whose inputs or code changed")
    p.add_argument("--force", action="store_true", help="rebuild every selected table")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="build only this table and its stale upstream tables (repeatable)")
    p.add_argument("--layer", choices=["core", "out"],
                   help="build only the core (ETL) or the out (indicator) tables")
    p.add_argument("--dry-run", action="store_true", help="say what would be built")
    p.add_argument("--no-wait", action="store_true",
                   help="exit at once if another refresh is running")
    p.add_argument("--quiet", action="store_true", help="only warnings and the summary")
    p.add_argument("--fetch", nargs="?", const="", metavar="SOURCES",
                   help="run `econ fetch` first, for every source or the comma-separated "
                   "SOURCES; the exit status is then fetch's (1 if the refresh itself failed)")
    p.add_argument("--pair", action="append", metavar="A-B", help="add a pair (ISO3 codes, "
                   "e.g. RUS-IND) to data/pairs.csv and build its answers (repeatable)")
    p.set_defaults(func=_cmd_refresh)

    p = sub.add_parser("fetch", help="bring new releases from the publishers into data/raw",
                       description="Exit status: 0 nothing new, 3 new data, 4 a release is "
                       "overdue, 5 some sources failed, 6 all failed (or the run could not "
                       "start), 2 usage error.")
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="source names (default: all; `econ fetch --dry-run` lists them)")
    p.add_argument("--dry-run", action="store_true",
                   help="list each source's URL and what it would do; no network")
    p.add_argument("--check", action="store_true",
                   help="ask each live endpoint whether it answers and its latest release")
    p.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                   help="first period wanted (YYYY-MM-DD) from time-range and release-list "
                   "sources")
    p.add_argument("--force", action="store_true",
                   help="skip conditional GET and version checks")
    p.add_argument("--file", metavar="PATH",
                   help="store a file downloaded by hand for one SOURCE, validated like a "
                   "download")
    p.add_argument("--no-wait", action="store_true",
                   help="exit at once if a refresh or fetch holds the lock")
    p.add_argument("--quiet", action="store_true", help="only warnings and the summary")
    p.set_defaults(func=_cmd_fetch)

    p = sub.add_parser("report", help="write the report from the built tables")
    p.add_argument("--out", help="output folder (default: reports/)")
    p.add_argument("--format", default="md,html,tex,csv",
                   help="comma-separated: md, html, tex, csv (default: all)")
    p.add_argument("--pair", default="RUS-CHN",
                   help="REPORTER-PARTNER ISO3 codes (default RUS-CHN)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("forecast", help="forecast a pair's normalised balance")
    p.add_argument("--pair", default="RUS-CHN", help="REPORTER-PARTNER (default RUS-CHN)")
    p.add_argument("--freq", choices=_FORECAST_FREQUENCIES, default="monthly")
    p.add_argument("--horizon", type=_bounded(1, 120, "periods"), default=24,
                   help="periods ahead, 1 to 120 (default 24)")
    p.add_argument("--paths", type=_bounded(100, 100_000, "simulated paths"), default=None,
                   help="simulated paths for intervals and probabilities, 100 to 100000")
    p.add_argument("--model", action="append", default=[],
                   help="model name (repeatable; default: the model the backtest selected "
                   f"for the pair, as published in {names.FORECAST_SELECTION})")
    p.set_defaults(func=_cmd_forecast)

    p = sub.add_parser("tables", help="list tables with rows, years and sources")
    p.set_defaults(func=_cmd_tables)

    p = sub.add_parser("show", help="print a table's head and provenance")
    p.add_argument("name")
    p.add_argument("--rows", type=int, default=10)
    p.add_argument("--inputs", type=int, default=20, help="input files to list")
    p.add_argument("--json", action="store_true", help="also print the full provenance")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("validate", help="re-check every table and the raw-file manifest")
    p.set_defaults(func=_cmd_validate)
    return parser


#: BLAS threads per process: the models are small matrices, where threads cost more than
#: they save (forecast tables 16-22 s with one thread, 108-241 s with the default, on a
#: busy 2-core machine); set the variables yourself to override
_BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``econ`` command; return its exit code."""
    for variable, value in _BLAS_THREADS.items():  # before numpy loads its BLAS
        os.environ.setdefault(variable, value)
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (EconError, ValueError) as exc:
        print(f"econ {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:  # read-only folder, full disk, --out a file ...
        where = exc.filename or "?"
        print(f"econ {args.command}: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _bounded(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: an integer in [low, high], with a message that says so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number of {what}, found "
                                             f"{text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high} {what}, found {value}")
        return value

    return parse


if __name__ == "__main__":
    sys.exit(main())
