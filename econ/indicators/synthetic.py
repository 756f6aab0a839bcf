"""Synthetic BACI-shaped panels with planted dependencies whose screen result is known.

:class:`SyntheticBaci` draws a panel of a given size, year by year (one year in memory
at a time), shaped like a BACI HS17 release: unique (exporter, importer, product) flows,
a few large exporters and a long tail (exporter and importer sizes fall with rank as a
power law), many small flows (log-normal values in thousands of US dollars, 3 decimals),
about 2% of quantities missing. It writes a release zip in CEPII's layout
(:meth:`SyntheticBaci.write_release`) for :mod:`econ.etl.baci_release`.

Planted dependencies. For each focus importer a few products are built by hand (values in
thousands of USD, whole numbers, so every share is exact); :meth:`SyntheticBaci.truth`
gives their screen result from the recipe below, without computing any screen:

============== ============================================ =============================
kind           the importer's suppliers each year           verdict (GeoDep, 2 of 3 years)
============== ============================================ =============================
dependent      leader 900, two others 50 each (HHI 0.815)   dependent on the leader
on_other       the same, with the second exporter leading   dependent, not on the leader
two_of_three   as ``dependent`` two years in three,         dependent (every window holds
               diversified in the third                     two dependent years)
intermittent   as ``dependent`` one year in three           never (at most one a window)
diversified    five suppliers 300/250/200/150/100 (0.225)   never (not concentrated)
net_exporter   as ``dependent``, but it exports 1,500       never (imports/exports 2/3)
============== ============================================ =============================

Each planted product's world exports are led by its leader (8,000 to eight other
importers, against 400 by four others): world HHI > 0.6. Values scale with the year
(1x, 2x, ...), shares do not. Every other product's world exports are capped so that no
exporter holds more than ``world_share_cap`` (0.3) of them: world HHI <= 0.3 < 0.4, so no
background product can meet GeoDep's world criterion and the planted ones are exactly the
products a GeoDep screen must flag for the focus importers.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import product
from pathlib import Path
from string import ascii_uppercase

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

__all__ = ["PLANTED_KINDS", "SyntheticBaci"]

#: Planted product kinds (module docstring) and how many of each per focus importer,
#: ``dependent`` aside (its count is :attr:`SyntheticBaci.planted`).
PLANTED_KINDS: dict[str, int] = {
    "dependent": 0, "on_other": 3, "two_of_three": 3, "intermittent": 3,
    "diversified": 3, "net_exporter": 3,
}

#: Economies with their BACI codes, largest exporter first; the rest get made-up codes.
_NAMED = (("CHN", 156), ("USA", 842), ("DEU", 276), ("JPN", 392), ("KOR", 410),
          ("ITA", 380), ("FRA", 251), ("IND", 699), ("NLD", 528), ("GBR", 826),
          ("RUS", 643), ("TUR", 792), ("KAZ", 398))

#: thousand-USD values of the planted flows (module docstring), before the year's scale
_CONCENTRATED = (900, 50, 50)
_DIVERSIFIED = (300, 250, 200, 150, 100)
_LEADER_WORLD, _OTHERS_WORLD, _NET_EXPORTS = 1_000, 100, 500
_DESTINATIONS, _WORLD_OTHERS, _EXPORT_DESTINATIONS = 8, 4, 3


def _in_year(kind: str, index: int) -> bool:
    """Whether a planted product of ``kind`` is concentrated in the year at ``index``."""
    if kind == "two_of_three":
        return index % 3 != 2
    if kind == "intermittent":
        return index % 3 == 0
    return kind != "diversified"


@dataclass(frozen=True, kw_only=True)
class SyntheticBaci:
    """A seeded BACI-shaped panel of ``rows`` flows (module docstring).

    Parameters
    ----------
    rows : int
        Flows in the whole panel, split evenly across the years.
    seed : int
        Everything drawn follows from it (and the year).
    countries, products : int, default 226, 5381
        Economies and HS6 products (BACI HS17: 226 and 5,381).
    years : tuple of int, default 2017-2023
    focus : tuple of str, default ("RUS",)
        Importers that get planted products.
    leader : str, default "CHN"
        The supplier the ``dependent`` products depend on.
    planted : int, default 12
        ``dependent`` products per focus importer.
    world_share_cap : float, default 0.3
        Largest share of one exporter in a background product's world exports.

    Examples
    --------
    >>> panel = SyntheticBaci(rows=20_000, seed=1, countries=30, products=120,
    ...                       years=(2021, 2022, 2023))
    >>> table = panel.year_table(2022)
    >>> table.num_rows, table.column_names[:3]
    (6667, ['year', 'exporter_iso3', 'importer_iso3'])
    >>> truth = panel.truth()
    >>> int(truth[truth.year == 2023].is_dependent_on_partner.sum())
    15
    """

    rows: int
    seed: int
    countries: int = 226
    products: int = 5381
    years: tuple[int, ...] = (2017, 2018, 2019, 2020, 2021, 2022, 2023)
    focus: tuple[str, ...] = ("RUS",)
    leader: str = "CHN"
    planted: int = 12
    world_share_cap: float = 0.3

    def __post_init__(self) -> None:
        if self.countries < 24:
            raise ValueError(f"argument 'countries': the planted products need at least 24 "
                             f"economies, found {self.countries}")
        unknown = sorted({self.leader, *self.focus} - set(self.codes))
        if unknown or self.leader in self.focus or self.codes[1] in self.focus:
            raise ValueError(f"arguments 'leader', 'focus': expected distinct codes among "
                             f"{[c for c, _ in _NAMED]} (the focus without "
                             f"{self.codes[1]}, the other leader), found {self.leader!r}, "
                             f"{self.focus}")
        if not 0 < self.world_share_cap < 0.4:
            raise ValueError(f"argument 'world_share_cap': expected in (0, 0.4) so that no "
                             f"background product is world-concentrated, found "
                             f"{self.world_share_cap}")
        needed = len(self.plan) + 20
        if self.products < needed:
            raise ValueError(f"argument 'products': expected at least {needed} (planted "
                             f"products and a background), found {self.products}")
        if self.rows_per_year < 2 * len(self._planted_flows(0)) + 40 * self.products:
            raise ValueError(f"argument 'rows': {self.rows} flows are too few for "
                             f"{self.products} products over {len(self.years)} years; give "
                             "at least 40 per product and year")

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """ISO3 code of each economy, largest exporter first."""
        named = [code for code, _ in _NAMED]
        made_up = ("".join(p) for p in product(ascii_uppercase, repeat=3))
        extra = [c for c in made_up if c not in named]
        return tuple((named + extra)[: self.countries])

    @cached_property
    def baci_codes(self) -> tuple[int, ...]:
        """BACI numeric code of each economy (real ones for the named, else made up)."""
        named = dict(_NAMED)
        free = (n for n in range(1, 1000) if n not in named.values())
        return tuple(named.get(code) or next(free) for code in self.codes)

    @cached_property
    def hs6(self) -> tuple[str, ...]:
        """The product codes: spread over chapters 01-97, some with a leading zero."""
        step = (970_000 - 10_100) // self.products
        return tuple(f"{10_100 + k * step:06d}" for k in range(self.products))

    @property
    def rows_per_year(self) -> int:
        """Flows per year (the first years take the remainder)."""
        return self.rows // len(self.years)

    def _rng(self, *stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, *stream])

    @cached_property
    def plan(self) -> pd.DataFrame:
        """Planted products: ``importer_iso3, hs6, kind, leader_iso3`` and who takes part.

        The economies that take part are in ``suppliers``, ``destinations`` and
        ``world_others``.
        """
        rng = self._rng(0)
        index = {code: i for i, code in enumerate(self.codes)}
        counts = {**PLANTED_KINDS, "dependent": self.planted}
        chosen = rng.choice(self.products, size=sum(counts.values()) * len(self.focus),
                            replace=False)
        others = [i for i, c in enumerate(self.codes)
                  if c not in (*self.focus, self.leader) and i != 1][:22]
        rows, n = [], 0
        for importer in self.focus:
            for kind, count in counts.items():
                for _ in range(count):
                    picks = rng.permutation(others)
                    leader = 1 if kind == "on_other" else index[self.leader]
                    rows.append({"importer_iso3": importer, "hs6": self.hs6[chosen[n]],
                                 "kind": kind, "leader_iso3": self.codes[leader],
                                 "product": int(chosen[n]), "importer": index[importer],
                                 "leader": leader, "suppliers": picks[:4],
                                 "destinations": picks[4:4 + _DESTINATIONS],
                                 "world_others": picks[12:12 + _WORLD_OTHERS]})
                    n += 1
        return pd.DataFrame(rows)

    def _planted_flows(self, index: int) -> np.ndarray:
        """Planted flows of the year at ``index``: rows (exporter, importer, product, v)."""
        scale = index + 1
        flows: list[tuple[int, int, int, int]] = []
        for p in self.plan.itertuples():
            values: tuple[int, ...]
            if _in_year(p.kind, index):
                sources = [p.leader, *p.suppliers[:2]]
                values = _CONCENTRATED
            else:
                sources = [p.leader, *p.suppliers[:4]]
                values = _DIVERSIFIED
            flows += [(s, p.importer, p.product, v * scale) for s, v in zip(sources, values,
                                                                             strict=True)]
            flows += [(p.leader, d, p.product, _LEADER_WORLD * scale) for d in p.destinations]
            flows += [(o, d, p.product, _OTHERS_WORLD * scale)
                      for o, d in zip(p.world_others, p.destinations, strict=False)]
            if p.kind == "net_exporter":
                flows += [(p.importer, d, p.product, _NET_EXPORTS * scale)
                          for d in p.destinations[:_EXPORT_DESTINATIONS]]
        return np.array(flows, dtype=np.int64).reshape(-1, 4)

    def truth(self) -> pd.DataFrame:
        """The screen result of every planted product, by recipe (not by screening).

        Returns
        -------
        DataFrame
            ``year, importer_iso3, hs6, kind, supplier_hhi, top_supplier_iso3,
            is_dependent_in_year, is_geodep_dependent`` (missing before the third year),
            ``is_dependent_on_partner`` (the partner being :attr:`leader`).
        """
        rows = []
        for p in self.plan.itertuples():
            dependent = [_in_year(p.kind, i) and p.kind != "net_exporter"
                         for i in range(len(self.years))]
            for i, year in enumerate(self.years):
                shares = np.array(_CONCENTRATED if _in_year(p.kind, i) else _DIVERSIFIED)
                shares = shares / shares.sum()
                geodep = sum(dependent[i - 2:i + 1]) >= 2 if i >= 2 else None
                rows.append({"year": year, "importer_iso3": p.importer_iso3, "hs6": p.hs6,
                             "kind": p.kind, "supplier_hhi": float((shares ** 2).sum()),
                             "top_supplier_iso3": p.leader_iso3,
                             "is_dependent_in_year": dependent[i],
                             "is_geodep_dependent": geodep})
        truth = pd.DataFrame(rows)
        truth["is_geodep_dependent"] = truth["is_geodep_dependent"].astype("boolean")
        # three-valued: not led by the partner is not dependent on it, window or not
        truth["is_dependent_on_partner"] = (truth["is_geodep_dependent"]
                                            & (truth["top_supplier_iso3"] == self.leader))
        return truth

    def _background_keys(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """``count`` distinct flows (exporter, importer, product) as one integer each."""
        n, k = self.countries, self.products
        background = np.setdiff1d(np.arange(k), self.plan["product"].to_numpy())
        exporter_p = 1.0 / np.arange(1, n + 1) ** 1.1  # a few large exporters
        exporter_p /= exporter_p.sum()
        importer_p = 1.0 / (self._rng(1).permutation(n) + 1.0) ** 0.7
        importer_p /= importer_p.sum()
        product_p = self._rng(2).lognormal(0.0, 0.8, len(background))
        product_p /= product_p.sum()
        # five exporters per product to five other importers, kept in every draw, so that
        # the world-share cap can always be met
        exporters = self._rng(3).random((len(background), n)).argsort(axis=1)[:, :5]
        importers = (exporters + rng.integers(1, n, exporters.shape)) % n
        floor = _sorted_unique((exporters * n + importers).ravel() * k
                               + np.repeat(background, 5))
        keys = np.empty(0, dtype=np.int64)
        while len(keys) < count - len(floor):
            draw = int((count - len(floor) - len(keys)) * 1.3) + 1_000
            more = ((rng.choice(n, draw, p=exporter_p) * n + rng.choice(n, draw, p=importer_p))
                    * k + rng.choice(background, draw, p=product_p))
            more = more[more // k // n != more // k % n]  # no flow from a country to itself
            keys = _sorted_unique(np.concatenate([keys, more]))
            position = np.minimum(np.searchsorted(floor, keys), len(floor) - 1)
            keys = keys[floor[position] != keys]
        return np.sort(np.concatenate([floor, rng.choice(keys, count - len(floor),
                                                         replace=False)]))

    def _cap_world_shares(self, exporter: np.ndarray, product_: np.ndarray,
                          value: np.ndarray) -> np.ndarray:
        """Scale flows down until no exporter has more than the cap of a product's exports."""
        n, cap = self.countries, self.world_share_cap * 0.999
        cell = product_ * n + exporter
        for _ in range(100):
            by_exporter = np.bincount(cell, value, self.products * n).reshape(-1, n)
            total = by_exporter.sum(axis=1, keepdims=True)
            over = by_exporter > self.world_share_cap * total
            if not over.any():
                return value
            rest = np.where(over, 0.0, by_exporter).sum(axis=1, keepdims=True)
            # capped exporters get x each with x = cap * (rest + n_over * x)
            capped = cap * rest / (1.0 - over.sum(axis=1, keepdims=True) * cap)
            factor = np.where(over, capped / np.where(over, by_exporter, 1.0), 1.0)
            value = value * factor.ravel()[cell]
        raise RuntimeError("world-share cap not reached in 100 passes: too few exporters")

    def _year_arrays(self, year: int) -> dict[str, np.ndarray]:
        """Indices of exporter, importer, product; value (thousand USD); quantity (t)."""
        index = self.years.index(year)
        rng = self._rng(10, year)
        planted = self._planted_flows(index)
        count = self.rows_per_year + (index < self.rows % len(self.years))
        keys = self._background_keys(rng, count - len(planted))
        n, k = self.countries, self.products
        exporter, importer, product_ = keys // k // n, keys // k % n, keys % k
        size = 1.0 / (exporter + 1.0) ** 0.6 / (importer + 1.0) ** 0.3
        value = self._cap_world_shares(exporter, product_,
                                       rng.lognormal(3.0, 2.2, len(keys)) * size * 50)
        value = np.maximum(np.round(value, 3), 0.001)
        exporter = np.concatenate([exporter, planted[:, 0]])
        importer = np.concatenate([importer, planted[:, 1]])
        product_ = np.concatenate([product_, planted[:, 2]])
        value = np.concatenate([value, planted[:, 3].astype(np.float64)])
        quantity = np.round(value * rng.lognormal(-1.0, 1.5, len(value)), 3)
        quantity[rng.random(len(value)) < 0.02] = np.nan  # BACI lacks ~2% of quantities
        return {"exporter": exporter, "importer": importer, "product": product_,
                "v": value, "q": quantity}

    def year_table(self, year: int) -> pa.Table:
        """One year in ``core_baci__yearly_product_trade``'s columns (value in dollars)."""
        arrays = self._year_arrays(year)
        codes, hs6 = pa.array(self.codes), pa.array(self.hs6)
        return pa.table({
            "year": pa.array(np.full(len(arrays["v"]), year, dtype=np.int64)),
            "exporter_iso3": codes.take(pa.array(arrays["exporter"])),
            "importer_iso3": codes.take(pa.array(arrays["importer"])),
            "hs6": hs6.take(pa.array(arrays["product"])),
            "value_usd": pa.array(np.round(arrays["v"] * 1_000, 3)),
            "quantity_t": pa.array(arrays["q"], from_pandas=True),
        })

    def frame(self) -> pd.DataFrame:
        """The whole panel as one DataFrame (small panels only)."""
        return pa.concat_tables(self.year_table(y) for y in self.years).to_pandas()

    def write_release(self, folder: str | Path, *, version: str = "V202501") -> Path:
        """Write ``BACI_HS17_{version}.zip`` in CEPII's layout into ``folder``.

        One ``BACI_HS17_Y{year}_{version}.csv`` per year with columns ``t,i,j,k,v,q``
        (BACI country codes, HS6 without its leading zero, thousands of USD with three
        decimals, tonnes right-aligned in 15 characters or ``NA``), plus
        ``country_codes_{version}.csv`` and ``product_codes_HS17_{version}.csv``.

        Returns
        -------
        Path
            The zip file.
        """
        path = Path(folder) / f"BACI_HS17_{version}.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                             compresslevel=1) as archive:
            for year in self.years:
                with archive.open(f"BACI_HS17_Y{year}_{version}.csv", "w") as member:
                    member.write(b"t,i,j,k,v,q\n")  # Arrow would quote the header
                    pacsv.write_csv(self._release_csv(year), member, pacsv.WriteOptions(
                        include_header=False, quoting_style="none"))
            countries = pd.DataFrame({"country_code": self.baci_codes,
                                      "country_name": [f"Economy {c}" for c in self.codes],
                                      "country_iso2": [c[:2] for c in self.codes],
                                      "country_iso3": self.codes})
            archive.writestr(f"country_codes_{version}.csv", countries.to_csv(index=False))
            products = pd.DataFrame({"code": self.hs6,
                                     "description": [f"Product {k}" for k in self.hs6]})
            archive.writestr(f"product_codes_HS17_{version}.csv", products.to_csv(index=False))
        return path

    def _release_csv(self, year: int) -> pa.Table:
        arrays = self._year_arrays(year)
        return pa.table({
            "t": pa.array(np.full(len(arrays["v"]), year, dtype=np.int64)),
            "i": pa.array(np.asarray(self.baci_codes)[arrays["exporter"]]),
            "j": pa.array(np.asarray(self.baci_codes)[arrays["importer"]]),
            "k": pa.array(np.asarray(self.hs6, dtype=np.int64)[arrays["product"]]),
            "v": _three_decimals(arrays["v"]),
            "q": pc.fill_null(pc.utf8_lpad(_three_decimals(arrays["q"]), 15), " " * 13 + "NA"),
        })

    def tables(self) -> Iterator[pa.Table]:
        """:meth:`year_table` for every year, in order."""
        return (self.year_table(year) for year in self.years)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy 2's hash-based unique is slow on these keys)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _three_decimals(values: np.ndarray) -> pa.Array:
    """Numbers as text with exactly three decimals (missing stays missing)."""
    milli = pa.array(np.round(values * 1_000), from_pandas=True).cast(pa.int64())
    whole = pc.cast(pc.divide(milli, 1_000), pa.string())
    fraction = pc.utf8_lpad(pc.cast(pc.subtract(milli, pc.multiply(pc.divide(milli, 1_000),
                                                                       1_000)), pa.string()),
                            3, "0")
    return pc.binary_join_element_wise(whole, fraction, ".")
