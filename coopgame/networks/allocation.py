"""Allocation rules on networks: who gets what of a network's value, so that efficient networks can last.

The value of a network ``v(g)`` is the sum of the players' payoffs in it.
An allocation rule divides it (Jackson and Wolinsky 1996, section 3):

* the Myerson value (Myerson 1977): the Shapley value of the game whose
  worth of a coalition ``S`` is ``v(g|S)``, the value of the network keeping
  only the links among ``S``. It is the rule under which each link's two
  ends gain or lose equally from it (fairness);
* the egalitarian rule: ``v(g) / n`` to everyone;
* the component-wise egalitarian rule: each component's value shared
  equally among its members.

:func:`allocation_game` turns a rule into a new network game, so that the
stability of networks under the rule can be asked of it.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_choice, check_int, check_size, public
from coopgame.networks.game import NetworkGame, NetworkLike, exact_or_float_table, neighbours, total
from coopgame.networks.stability import check_game

__all__ = ["myerson_value", "egalitarian_allocation", "allocation_game", "RULES"]

#: The allocation rules by name.
RULES = ("myerson", "egalitarian", "component_egalitarian")

#: Default limit on networks x coalitions evaluated when an allocation game's networks are enumerated.
MAX_WORK = 2**22

#: Default limit on the coalitions whose restricted networks the Myerson value evaluates: 2**16 (16 players).
MAX_COALITIONS = 2**16


def _restricted(game: NetworkGame, mask: int, members: int) -> int:
    """The network keeping only the links of ``mask`` with both ends in the player set ``members``."""
    out = 0
    for k, (i, j) in enumerate(game._pairs):
        if mask >> k & 1 and members >> i & 1 and members >> j & 1:
            out |= 1 << k
    return out


def _myerson(game: NetworkGame, mask: int) -> list[Any]:
    n = game.num_players
    worth = [total(game.payoffs(_restricted(game, mask, s))) for s in range(1 << n)]
    exact = all(isinstance(w, Fraction) for w in worth)
    weights = [Fraction(factorial(s) * factorial(n - s - 1), factorial(n)) for s in range(n)]
    out: list[Any] = []
    for i in range(n):
        acc: Any = Fraction(0) if exact else 0.0
        bit = 1 << i
        for s in range(1 << n):
            if not s & bit:
                w = weights[bin(s).count("1")]
                acc += (w if exact else float(w)) * (worth[s | bit] - worth[s])
        out.append(acc)
    return out


def _components(game: NetworkGame, mask: int) -> list[list[int]]:
    adj = neighbours(mask, game._pairs, game.num_players)
    seen: set[int] = set()
    comps = []
    for start in range(game.num_players):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            u = stack.pop()
            comp.append(u)
            for v in adj[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        comps.append(comp)
    return comps


def _share(amount: Any, k: int) -> Any:
    return amount / k if isinstance(amount, Fraction) else float(amount) / k


def _allocate(game: NetworkGame, mask: int, rule: str) -> list[Any]:
    if rule == "myerson":
        return _myerson(game, mask)
    payoffs = game.payoffs(mask)
    if rule == "egalitarian":
        return [_share(total(payoffs), game.num_players)] * game.num_players
    out: list[Any] = [None] * game.num_players
    for comp in _components(game, mask):
        share = _share(total([payoffs[i] for i in comp]), len(comp))
        for i in comp:
            out[i] = share
    return out


def _array(values: list[Any]) -> np.ndarray:
    exact = all(isinstance(v, Fraction) for v in values)
    out = np.array(values, dtype=object if exact else float)
    out.flags.writeable = False
    return out


def _check_myerson_size(game: NetworkGame, where: str, max_coalitions: Any) -> None:
    limit = check_int(max_coalitions, "max_coalitions", where, minimum=1)
    check_size(where, 1 << game.num_players, limit, what="a number of coalitions (2 ** n)",
               limit_name="max_coalitions", alternative="egalitarian_allocation, which needs no coalitions")


@public
def myerson_value(game: NetworkGame, network: NetworkLike, *, max_coalitions: int = MAX_COALITIONS) -> np.ndarray:
    """The Myerson value of ``network``: the Shapley value of the coalitions' restricted networks.

    Player ``i`` receives the average, over orders of arrival, of what its
    arrival adds to the value of the network among those present (links
    count only once both ends are present). Exact for exact payoffs.

    Parameters
    ----------
    max_coalitions : int, default 2**16
        Limit on the ``2 ** n`` coalitions evaluated.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, myerson_value
    >>> game = connections_model(3, Fraction(1, 2), Fraction(1, 5))
    >>> myerson_value(game, [(0, 1), (1, 2)]).tolist()  # the centre of the line gets more
    [Fraction(7, 15), Fraction(23, 30), Fraction(7, 15)]
    """
    where = "myerson_value"
    game = check_game(game, where)
    _check_myerson_size(game, where, max_coalitions)
    return _array(_myerson(game, game.mask(network, where)))


@public
def egalitarian_allocation(game: NetworkGame, network: NetworkLike, *, by_component: bool = True) -> np.ndarray:
    """Share the network's value equally: within each component (default) or among all players.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, egalitarian_allocation
    >>> game = connections_model(3, Fraction(1, 2), Fraction(1, 5))
    >>> egalitarian_allocation(game, [(0, 1)]).tolist()
    [Fraction(3, 10), Fraction(3, 10), Fraction(0, 1)]
    >>> egalitarian_allocation(game, [(0, 1)], by_component=False).tolist()
    [Fraction(1, 5), Fraction(1, 5), Fraction(1, 5)]
    """
    where = "egalitarian_allocation"
    game = check_game(game, where)
    rule = "component_egalitarian" if check_bool(by_component, "by_component", where) else "egalitarian"
    return _array(_allocate(game, game.mask(network, where), rule))


class _AllocationKernel:
    """Payoffs of a network game re-divided by an allocation rule."""

    def __init__(self, base: NetworkGame, rule: str, max_work: int) -> None:
        self.base = base
        self.rule = rule
        self.max_work = max_work

    def key(self) -> tuple[Any, ...]:
        return ("allocation", self.rule, self.base)

    def payoffs(self, game: NetworkGame, mask: int) -> tuple[Any, ...]:
        return tuple(_allocate(self.base, mask, self.rule))

    def table(self, game: NetworkGame, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        per_network = (1 << game.num_players) if self.rule == "myerson" else 1
        check_size("allocation_game", len(masks) * per_network, self.max_work,
                   what="work of a payoff table (networks x coalitions per network)", limit_name="max_work",
                   alternative="pairwise_stable_networks(game, start=[...]), which evaluates only the networks it visits")
        return exact_or_float_table([self.payoffs(game, int(m)) for m in masks], game.num_players)


@public
def allocation_game(game: NetworkGame, rule: str = "myerson", *, max_coalitions: int = MAX_COALITIONS,
                    max_work: int = MAX_WORK) -> NetworkGame:
    """The network game in which each network's value is divided by ``rule``.

    ``rule`` is ``"myerson"``, ``"egalitarian"`` or ``"component_egalitarian"``.
    The allocation is computed network by network in Python, so a solver
    that enumerates all networks of the new game checks its work first:
    ``max_work`` (default 2**22) bounds the networks times the coalitions
    evaluated per network (``2 ** n`` for the Myerson value, 1 otherwise).
    Under the egalitarian rule every efficient network is pairwise stable
    (a move that pays one player strictly raises the total); the Myerson
    value makes each link pay its two ends equally (Jackson and Wolinsky
    1996, section 3). Ask the new game for its pairwise-stable networks.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import allocation_game, connections_model, pairwise_stable_networks
    >>> game = connections_model(4, Fraction(1, 2), Fraction(5, 8))  # the star is efficient, only empty is stable
    >>> [g.number_of_edges() for g in pairwise_stable_networks(game)]
    [0]
    >>> shared = allocation_game(game, "egalitarian")
    >>> sorted({g.number_of_edges() for g in pairwise_stable_networks(shared)})  # the stars (and lines) now last
    [0, 3]
    """
    where = "allocation_game"
    game = check_game(game, where)
    rule = check_choice(rule, "rule", where, RULES)
    work = check_int(max_work, "max_work", where, minimum=1)
    if rule == "myerson":
        _check_myerson_size(game, where, max_coalitions)
    return NetworkGame._from_kernel(game.num_players, _AllocationKernel(game, rule, work), players=game.players,
                                    name=f"{game.name} ({rule} allocation)", where=where)
