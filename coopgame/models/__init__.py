"""The catalog of environmental-governance games.

Each model is a function ``name(**values)``: called with no arguments it
returns a :class:`~coopgame.SymbolicGame` with named parameters and the
documented default values in ``defaults`` (so ``game.numeric()`` gives the
default numeric game); keyword values are substituted, and with every
parameter given the result is a :class:`~coopgame.NormalFormGame`. An unknown
keyword raises :class:`~coopgame.InvalidArgumentError` naming the model and
the parameters it accepts. Structural options (number of regions, presets)
are keyword arguments too; each docstring lists them.

Examples
--------
>>> from coopgame import models
>>> sorted(models.catalog())[:4]
['battle_of_the_sexes', 'chicken', 'inspection', 'matching_pennies']
>>> models.race_to_the_bottom().parameters
(D, G, sigma)
>>> models.race_to_the_bottom(G=4, D=1, sigma=0)["Lax", "Lax"]
(Fraction(1, 1), Fraction(1, 1))
"""

from __future__ import annotations

from collections.abc import Callable

from coopgame._checks import public
from coopgame.models.anonymous import minimum_participation_anonymous, public_goods_anonymous, public_goods_continuous
from coopgame.models.binary_public_goods import minimum_participation, public_goods, threshold_public_goods
from coopgame.models.central_local_enterprise import tripartite
from coopgame.models.county_network import adjacent_counties
from coopgame.models.inspection_game import inspection
from coopgame.models.investment_competition import race_to_the_bottom
from coopgame.models.lake import shallow_lake
from coopgame.models.nested_cooperation import multilevel
from coopgame.models.official_assessment import performance_evaluation
from coopgame.models.pollution_stock import stock_pollution
from coopgame.models.river_compensation import bargained_payment, upstream_downstream
from coopgame.models.river_stock import downstream_pollution
from coopgame.models.textbook import battle_of_the_sexes, chicken, matching_pennies, prisoners_dilemma, stag_hunt
from coopgame.models.three_level_network import three_level
from coopgame.models.transboundary import transboundary_emissions

__all__ = [
    "catalog",
    "public_goods",
    "threshold_public_goods",
    "minimum_participation",
    "race_to_the_bottom",
    "performance_evaluation",
    "upstream_downstream",
    "bargained_payment",
    "inspection",
    "tripartite",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "battle_of_the_sexes",
    "matching_pennies",
    "multilevel",
    "transboundary_emissions",
    "public_goods_anonymous",
    "public_goods_continuous",
    "minimum_participation_anonymous",
    "stock_pollution",
    "shallow_lake",
    "downstream_pollution",
    "adjacent_counties",
    "three_level",
]

_CATALOG: dict[str, Callable] = {
    "public_goods": public_goods,
    "threshold_public_goods": threshold_public_goods,
    "minimum_participation": minimum_participation,
    "race_to_the_bottom": race_to_the_bottom,
    "performance_evaluation": performance_evaluation,
    "upstream_downstream": upstream_downstream,
    "inspection": inspection,
    "tripartite": tripartite,
    "prisoners_dilemma": prisoners_dilemma,
    "stag_hunt": stag_hunt,
    "chicken": chicken,
    "battle_of_the_sexes": battle_of_the_sexes,
    "matching_pennies": matching_pennies,
    "public_goods_anonymous": public_goods_anonymous,
    "public_goods_continuous": public_goods_continuous,
    "minimum_participation_anonymous": minimum_participation_anonymous,
    "transboundary_emissions": transboundary_emissions,
    "multilevel": multilevel,
}


@public
def catalog() -> dict[str, Callable]:
    """The catalog's models by name (a new dict each call), e.g. for ``coopgame models``.

    Examples
    --------
    >>> from coopgame import models
    >>> models.catalog()["inspection"]().players
    ('Local government', 'Central government')
    """
    return dict(_CATALOG)
