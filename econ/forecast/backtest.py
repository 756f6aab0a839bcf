"""Rolling-origin (expanding window) backtests, scores, ranking and the DM test.

From each origin ``n`` (the first ``n`` observations known) every model forecasts
horizons 1..h; the forecasts whose target lies inside the data are scored. Nothing
after the origin is used: not by the fit, not by the MASE scale (the in-sample
(seasonal) naive MAE of that fold's training data), not by a combination's weights
(errors of targets already observed at the origin). State-space models refit every
``refit_every`` origins and reuse their parameters in between (see
:meth:`econ.forecast.models.Model.forecast_origins`).

Forecasts of regressor models use the regressors' actual values over the horizon, as
given: a conditional (not a real-time) forecast when the regressor is itself uncertain.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from econ.forecast import metrics
from econ.forecast._series import as_target, prepare_exog, prepare_flows, season_length
from econ.forecast.models import Ensemble, Model, model_data
from econ.forecast.result import FORECAST_QUANTILES, ForecastResult, combine_forecasts
from econ.results import Results, TestResult

__all__ = ["QUANTILE_COLUMNS", "SELECTION_RULE", "Backtest", "rolling_origin", "scaled_errors"]

#: Columns holding the forecast quantiles in :attr:`Backtest.forecasts`, in the order
#: of :data:`econ.forecast.result.FORECAST_QUANTILES`.
QUANTILE_COLUMNS = ("lower_95", "lower_80", "median", "upper_80", "upper_95")
_LOWER_IS_BETTER = ("mae", "rmse", "mase", "pinball", "winkler_80", "winkler_95")
#: How :meth:`Backtest.ranking` selects the model to publish (also stored as data).
SELECTION_RULE = ("lowest mean MASE among the models more accurate than the benchmark by "
                  "the Diebold-Mariano test (HLN correction, squared error, horizon 1, "
                  "two-sided 5%); the benchmark itself when no model is")


@dataclass(frozen=True, repr=False)
class Backtest(Results):
    """Forecasts of a rolling-origin backtest and the scores derived from them.

    Parameters
    ----------
    forecasts : pandas.DataFrame
        One row per model, origin and horizon: ``model, origin`` (last training
        period), ``horizon, period`` (target), ``actual, mean``, the quantile columns
        :data:`QUANTILE_COLUMNS`, ``scale`` (the fold's MASE denominator) and, when the
        backtest was given a band, ``prob_within`` (the model's probability that the
        target lies inside it).
    step : int
        Periods between origins (sets the DM test's overlap of h-step errors).
    benchmark : str
        Model the DM test and the ranking compare against (default ``"naive"``).
    """

    forecasts: pd.DataFrame
    step: int = 1
    benchmark: str = "naive"
    band: float | None = None
    # scores and rankings by their arguments: a published run asks for the same ranking
    # a dozen times (selection, notes, every table's ``is_selected``)
    _memo: dict[tuple[Any, ...], pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    title = "Rolling-origin backtest"

    def scores(self, by: Sequence[str] = ("model", "horizon")) -> pd.DataFrame:
        """Accuracy per group: MAE, RMSE, MASE, 80/95% coverage, pinball, Winkler.

        ``pinball`` is the mean pinball loss over the quantiles 0.025, 0.1, 0.5, 0.9 and
        0.975; ``mase`` divides each error by its own fold's scale.

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series(np.sin(np.arange(20.0)), index=range(2000, 2020))
        >>> rolling_origin(y, [Naive()], horizon=2).scores().columns.tolist()[:4]
        ['model', 'horizon', 'n', 'mae']
        """
        key = ("scores", *by)
        if key not in self._memo:
            self._memo[key] = _scores(self.forecasts, list(by))
        return self._memo[key].copy()

    def dm_test(self, model: str, *, benchmark: str | None = None, horizon: int = 1,
                power: float = 2) -> TestResult:
        """Diebold-Mariano (HLN) test of ``model`` against the benchmark at one horizon.

        The overlap of h-step errors from origins ``step`` apart sets the lags: the
        test uses horizon ``ceil(horizon / step)``.

        Examples
        --------
        >>> from econ.forecast import Naive, SeasonalNaive
        >>> y = pd.Series(np.sin(np.arange(60.0)), index=pd.date_range(
        ...     "2015-01-01", periods=60, freq="MS"))
        >>> bt = rolling_origin(y, [Naive(), SeasonalNaive()], horizon=2)
        >>> bt.dm_test("snaive").ran
        True
        """
        benchmark = benchmark or self.benchmark
        rows = self.forecasts[self.forecasts["horizon"] == horizon]
        errors = (rows.assign(error=rows["actual"] - rows["mean"])
                  .pivot(index="origin", columns="model", values="error"))
        for name in (model, benchmark):
            if name not in errors.columns:
                raise KeyError(f"model {name!r} is not in the backtest; it has "
                               f"{sorted(errors.columns)}.")
        return metrics.diebold_mariano(errors[model], errors[benchmark],
                                       horizon=math.ceil(horizon / self.step), power=power,
                                       alternative="two-sided")

    def ranking(self, metric: str = "mase", *, dm_horizon: int = 1, level: float = 0.05
                ) -> pd.DataFrame:
        """Models ranked by a score averaged over horizons, and the one to publish.

        Columns: ``rank, model``, the scores, the DM statistic and p-value against the
        benchmark at ``dm_horizon`` (negative: more accurate than the benchmark; empty
        for the benchmark itself, or for all when the benchmark was not run),
        ``beats_benchmark`` (DM rejects equal accuracy at ``level`` in the model's
        favour), ``is_selected`` and ``selection_rule`` (:data:`SELECTION_RULE`): the
        best-ranked model that beats the benchmark, else the benchmark. When no model
        beats the benchmark, the benchmark is selected even if others rank above it.

        Examples
        --------
        >>> from econ.forecast import Naive, SeasonalNaive
        >>> y = pd.Series(np.sin(np.arange(60.0) * np.pi / 6), index=pd.date_range(
        ...     "2015-01-01", periods=60, freq="MS"))
        >>> table = rolling_origin(y, [Naive(), SeasonalNaive()], horizon=2).ranking()
        >>> table[["model", "beats_benchmark", "is_selected"]].values.tolist()
        [['snaive', True, True], ['naive', False, False]]
        """
        if metric not in _LOWER_IS_BETTER:
            raise ValueError(f"metric: expected one of {list(_LOWER_IS_BETTER)}, found "
                             f"{metric!r}.")
        key = ("ranking", metric, dm_horizon, level)
        if key not in self._memo:
            self._memo[key] = self._ranking(metric, dm_horizon, level)
        return self._memo[key].copy()

    def _ranking(self, metric: str, dm_horizon: int, level: float) -> pd.DataFrame:
        table = (self.scores().drop(columns=["horizon", "n"]).groupby("model").mean()
                 .sort_values(metric))
        compare = self.benchmark in table.index
        tests = {m: (self.dm_test(m, horizon=dm_horizon)
                     if compare and m != self.benchmark else None) for m in table.index}
        table["dm_statistic"] = [t.statistic if t else np.nan for t in tests.values()]
        table["dm_pvalue"] = [t.pvalue if t and t.pvalue is not None else np.nan
                              for t in tests.values()]
        table["beats_benchmark"] = (table["dm_statistic"] < 0) & (table["dm_pvalue"] < level)
        winners = table.index[table["beats_benchmark"]]
        chosen = winners[0] if len(winners) else (self.benchmark if compare else table.index[0])
        table["is_selected"] = table.index == chosen
        table["selection_rule"] = SELECTION_RULE
        table = table.reset_index()
        table.insert(0, "rank", np.arange(1, len(table) + 1))
        return table

    @property
    def selected(self) -> str:
        """The model :meth:`ranking` selects (see :data:`SELECTION_RULE`)."""
        ranking = self.ranking()
        return str(ranking.loc[ranking["is_selected"], "model"].iloc[0])

    def scores_frame(self) -> pd.DataFrame:
        """Tidy long scores: ``model, horizon, metric, value`` (one row per number).

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series(np.sin(np.arange(20.0)), index=range(2000, 2020))
        >>> rolling_origin(y, [Naive()], horizon=2).scores_frame()["metric"].nunique()
        8
        """
        return (self.scores().drop(columns="n")
                .melt(id_vars=["model", "horizon"], var_name="metric", value_name="value"))

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "origins", int(self.forecasts["origin"].nunique())
        yield "", "horizons", int(self.forecasts["horizon"].max())
        ranking = self.ranking()
        for _, row in ranking.iterrows():
            yield ("ranking by mean MASE (DM p-value vs " + self.benchmark + ")",
                   f"{row['rank']}. {row['model']}",
                   f"MASE {row['mase']:.3f}, 95% coverage {row['coverage_95']:.2f}, "
                   f"p={row['dm_pvalue']:.2g}")
        beaten = ranking["beats_benchmark"].any()
        yield ("selection", "a model beats " + self.benchmark, bool(beaten))
        yield ("selection", "selected", str(ranking.loc[ranking["is_selected"], "model"].iloc[0]))
        yield ("selection", "rule", SELECTION_RULE)


def _scores(forecasts: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """:meth:`Backtest.scores`: the metrics of each group, from numpy arrays.

    A pandas ``apply`` per group costs more than the metrics themselves.
    """
    grouped = forecasts.groupby(by, sort=True)
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")  # each group's rows in their own order
    sizes = np.bincount(codes[codes >= 0], minlength=grouped.ngroups)
    bounds = np.concatenate([[0], np.cumsum(sizes)]) + np.count_nonzero(codes < 0)
    columns = {c: forecasts[c].to_numpy(dtype=float)[order] for c in
               ("actual", "mean", "scale", *QUANTILE_COLUMNS)}
    records = [_group_scores({c: v[start:end] for c, v in columns.items()})
               for start, end in itertools.pairwise(bounds)]
    keys = grouped.size().index  # the groups in code order, with the keys' dtypes
    return (pd.DataFrame.from_records(records, index=keys).reset_index()
            .astype({"n": "int64"}))


def _group_scores(rows: dict[str, np.ndarray]) -> dict[str, float]:
    actual = rows["actual"]
    out = {"n": float(len(actual)), "mae": metrics.mae(actual, rows["mean"]),
           "rmse": metrics.rmse(actual, rows["mean"]),
           "mase": metrics.mase(actual, rows["mean"], rows["scale"])}
    for level in (80, 95):
        lower, upper = rows[f"lower_{level}"], rows[f"upper_{level}"]
        out[f"coverage_{level}"] = metrics.coverage(actual, lower, upper)
        out[f"winkler_{level}"] = metrics.winkler_score(actual, lower, upper, level)
    out["pinball"] = float(np.mean([metrics.pinball_loss(actual, rows[c], p) for c, p in
                                    zip(QUANTILE_COLUMNS, FORECAST_QUANTILES, strict=True)]))
    return out


def rolling_origin(data: pd.Series | pd.DataFrame, models: Sequence[Model], *,
                   horizon: int = 12, initial: int | None = None, step: int = 1,
                   exog: pd.Series | pd.DataFrame | None = None,
                   refit_every: int | None = None, complete: bool = False,
                   benchmark: str = "naive", band: float | None = None,
                   n_paths: int | None = None) -> Backtest:
    """Expanding-window backtest of ``models`` on horizons ``1..horizon``.

    Parameters
    ----------
    data : pandas.Series or DataFrame
        The series, or ``exports``/``imports`` flows (univariate models then forecast
        and every model is scored on the normalised balance).
    models : sequence of Model
        Models with distinct names; an ensemble (:class:`econ.forecast.Combination`) is
        backtested from its members' forecasts with weights from the errors observed by
        each origin.
    horizon : int
        Longest horizon (default 12).
    initial : int, optional
        First training window, in periods (default: half the data).
    step : int
        Periods between origins (default 1: an origin every period).
    exog : Series or DataFrame, optional
        Regressors over the whole sample, passed to the models that take them.
    refit_every : int, optional
        Origins between refits of the state-space and ETS models (default: 12 on
        monthly data, 1 on annual data); other models refit at every origin.
    complete : bool
        Only origins whose whole horizon is observed (default False: every origin with
        at least a 1-step target).
    benchmark : str
        Model name for the DM test and ranking (default ``"naive"``).
    band : float, optional
        Half-width of a band on a normalised balance: each forecast row then carries the
        model's probability that the target lies inside it (``prob_within``).
    n_paths : int, optional
        Simulated paths per forecast for the models whose intervals come from paths
        (default: each model's own ``n_paths``). A backtest scores hundreds of forecasts,
        so fewer paths than a published forecast needs will do.

    Returns
    -------
    Backtest

    Examples
    --------
    >>> from econ.forecast import Naive, ETS
    >>> y = pd.Series(np.sin(np.arange(20.0)) / 4, index=range(2000, 2020))
    >>> bt = rolling_origin(y, [Naive(), ETS(spec="ANN")], horizon=3, initial=10)
    >>> bt.forecasts["origin"].nunique()
    10
    """
    target = as_target(data, "data")
    flows = prepare_flows(data, "data") if isinstance(data, pd.DataFrame) else None
    m = season_length(target.index)
    origins = _origins(len(target), horizon, initial, step, complete, m)
    exog_frame = prepare_exog(exog, target.index)
    refit = refit_every or m
    names = [model.name for model in models]
    if len(set(names)) != len(names):
        raise ValueError(f"models: expected distinct names, found {names}.")
    scales = _fold_scales(target, origins, m)
    rows: dict[str, pd.DataFrame] = {}
    runs: dict[str, list[ForecastResult]] = {}
    for model in _expand(models):
        if n_paths is not None:
            model = dataclasses.replace(model, n_paths=n_paths)
        runs[model.name] = _run(model, flows if flows is not None else target, origins,
                                horizon, exog_frame, refit)
        rows[model.name] = _result_rows(model.name, runs[model.name], target, origins, scales,
                                        band)
    for model in models:
        if isinstance(model, Ensemble):
            combined = _combination_run(model, runs, rows, target, origins)
            rows[model.name] = _result_rows(model.name, combined, target, origins, scales,
                                            band)
    return Backtest(forecasts=pd.concat([rows[name] for name in names], ignore_index=True),
                    step=step, benchmark=benchmark, band=band)


def _origins(n: int, horizon: int, initial: int | None, step: int, complete: bool,
             season: int) -> list[int]:
    initial = n // 2 if initial is None else initial
    last = n - horizon if complete else n - 1
    if horizon < 1 or step < 1:
        raise ValueError(f"horizon and step: expected positive integers, found {horizon} "
                         f"and {step}.")
    if not max(3, season + 1) <= initial <= last:
        raise ValueError(f"initial: expected a first training window between "
                         f"{max(3, season + 1)} and {last} "
                         f"periods for {n} observations and horizon {horizon}, found "
                         f"{initial}.")
    return list(range(initial, last + 1, step))


def _expand(models: Sequence[Model]) -> list[Model]:
    """Models to run: every non-combination model and every combination's members."""
    out: list[Model] = []
    for model in models:
        members = model.members if isinstance(model, Ensemble) else (model,)
        for member in members:
            same_name = [m for m in out if m.name == member.name]
            if same_name and same_name[0] != member:
                raise ValueError(f"models: two different models are named {member.name!r}; "
                                 "give each a distinct name.")
            if not same_name:
                out.append(member)
    return out


def _run(model: Model, data: pd.Series | pd.DataFrame, origins: list[int], horizon: int,
         exog: pd.DataFrame | None, refit_every: int) -> list[ForecastResult]:
    return model.forecast_origins(model_data(model, data), origins, horizon=horizon,
                                  exog=exog if model.supports_exog else None,
                                  refit_every=refit_every)


def _combination_run(model: Ensemble, runs: dict[str, list[ForecastResult]],
                     rows: dict[str, pd.DataFrame], target: pd.Series, origins: list[int]
                     ) -> list[ForecastResult]:
    members = [m.name for m in model.members]
    errors = [scaled_errors(rows[name]) for name in members]
    combined = []
    for i, n in enumerate(origins):
        # only errors of targets already observed at the origin may set its weights
        seen = np.datetime64(target.index[n - 1])
        weights = model.weights_from([scaled[periods <= seen] for periods, scaled in errors])
        combined.append(combine_forecasts([runs[name][i] for name in members], weights,
                                          name=model.name))
    return combined


def scaled_errors(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Target periods and absolute scaled errors of one model's observed forecasts.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of :attr:`Backtest.forecasts` for one model.

    Examples
    --------
    >>> from econ.forecast import Naive
    >>> y = pd.Series(np.sin(np.arange(20.0)), index=range(2000, 2020))
    >>> periods, errors = scaled_errors(rolling_origin(y, [Naive()], horizon=2).forecasts)
    >>> len(periods) == len(errors) == 19
    True
    """
    observed = rows.dropna(subset=["actual"])
    scaled = np.abs(observed["actual"] - observed["mean"]) / observed["scale"]
    return observed["period"].to_numpy(), scaled.to_numpy()


def _fold_scales(target: pd.Series, origins: list[int], m: int) -> np.ndarray:
    """MASE denominators: in-sample (seasonal) naive MAE of each fold's training data."""
    y = target.to_numpy()
    cumulative = np.concatenate([[0.0], np.cumsum(np.abs(y[m:] - y[:-m]))])
    return np.array([cumulative[n - m] / (n - m) for n in origins])


def _result_rows(name: str, results: list[ForecastResult], target: pd.Series,
                 origins: list[int], scales: np.ndarray, band: float | None) -> pd.DataFrame:
    lengths = np.array([r.horizon for r in results])
    periods = np.concatenate([r.mean.index.to_numpy() for r in results])
    positions = np.concatenate([n + np.arange(h) for n, h in zip(origins, lengths,
                                                                 strict=True)])
    y = np.append(target.to_numpy(), np.nan)
    frame = pd.DataFrame({
        "model": name,
        "origin": np.repeat(target.index[np.asarray(origins) - 1], lengths),
        "horizon": np.concatenate([np.arange(1, h + 1) for h in lengths]),
        "period": periods,
        "actual": y[np.minimum(positions, len(y) - 1)],
        "mean": np.concatenate([r.mean.to_numpy() for r in results]),
    })
    quantiles = np.concatenate([r.quantiles(FORECAST_QUANTILES) for r in results])
    for column, values in zip(QUANTILE_COLUMNS, quantiles.T, strict=True):
        frame[column] = values
    frame["scale"] = np.repeat(scales, lengths)
    if band is not None:
        frame["prob_within"] = np.concatenate([r.prob_within(band).to_numpy() for r in results])
    return frame
