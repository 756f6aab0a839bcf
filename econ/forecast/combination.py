"""Forecast combinations: member models' forecasts averaged by quantile.

:class:`Combination` sits above both :mod:`econ.forecast.models` and
:mod:`econ.forecast.backtest`: its ``"inverse_score"`` weights at fit time come from a
rolling-origin backtest of its members on the training data, while the backtest itself
only knows the :class:`econ.forecast.models.Ensemble` interface. The arrows point one
way: models <- backtest <- combination.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from econ.forecast.backtest import rolling_origin, scaled_errors
from econ.forecast.models import Ensemble, model_data
from econ.forecast.result import ForecastResult, combine_forecasts

__all__ = ["Combination"]


@dataclass(frozen=True, kw_only=True)
class Combination(Ensemble):
    """Weighted combination of member models' forecasts (quantile averaging).

    Parameters
    ----------
    members : sequence of Model
        The models to combine (distinct names).
    weights : "equal", "inverse_score" or sequence of float
        ``"inverse_score"`` weights each member by 1 / its mean absolute scaled error in
        a rolling-origin backtest on the training data (origins from ``initial``), so
        only errors known at the forecast origin count. Inside
        :func:`econ.forecast.rolling_origin` the weights at each origin come from the
        errors already observed at that origin.
    initial : int, optional
        First training window of the inner backtest (default: half the data).

    Examples
    --------
    >>> import pandas as pd
    >>> from econ.forecast import ETS, Naive
    >>> y = pd.Series([0.3, 0.25, 0.28, 0.2, 0.22, 0.18], index=range(2010, 2016))
    >>> Combination(members=(Naive(), ETS(spec="ANN"))).fit(y, horizon=2).model
    'combination'
    """

    name: str = "combination"
    initial: int | None = None

    def _fit(self, data: pd.Series | pd.DataFrame, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        results = [m._fit(model_data(m, data), exog if m.supports_exog else None, horizon,
                          future_exog if m.supports_exog else None) for m in self.members]
        return combine_forecasts(results, self._member_weights(data, exog, horizon),
                                 name=self.name)

    def _member_weights(self, train: pd.Series | pd.DataFrame, exog: Any,
                        horizon: int) -> list[float]:
        if self.weights != "inverse_score":
            return self.weights_from([])
        backtest = rolling_origin(train, self.members, horizon=horizon,
                                  initial=self.initial, exog=exog)
        rows = backtest.forecasts
        return self.weights_from([scaled_errors(rows[rows["model"] == m.name])[1]
                                  for m in self.members])
