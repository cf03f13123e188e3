"""Commitment: the strong Stackelberg equilibrium, a leader's best strategy to announce first.

A leader (a central government, say) commits to a strategy, pure or mixed,
and announces it; the followers observe it and reply with a best response
(several followers play a Nash equilibrium among themselves). In the
*strong* Stackelberg equilibrium the followers break ties in the leader's
favour, so the leader's optimum is attained (Conitzer and Sandholm 2006).

Mixed commitment is one linear programme per follower reply ``s`` (a pure
action of each follower): maximise the leader's expected payoff over the
commitments ``x`` that make ``s`` a best reply (for several followers: a
Nash equilibrium of the followers' game given ``x``),

    max_x  sum_i x_i u_L(i, s)
    s.t.   sum_i x_i (u_f(i, a, s_-f) - u_f(i, s)) <= 0  for every follower f and action a,
           sum_i x_i = 1, x >= 0,

and the best of these optima is the leader's commitment value. Exact games
are solved exactly: HiGHS proposes each LP's optimum, which is recomputed
in Fractions and kept only with an exact optimality certificate (dual
prices; a rational simplex when the proposal fails); a reply whose exact
dual bound is below the best value found, or which a mixture of the
follower's other actions strictly dominates, is discarded with that proof.
Float games use HiGHS alone. The leader's value is at least its
payoff in every Nash equilibrium of the simultaneous game (von Stengel and
Zamir 2010).

With several followers the LPs above cover the followers' *pure* Nash
equilibria given the commitment. Under a mixed commitment, mixed equilibria
among the followers make the leader's problem non-convex (Basilico, Coniglio
and Gatti 2017) and are not supported: the result's ``note`` says so. Pure
commitment with several followers is solved over all extreme Nash
equilibria of each induced followers' game (``mixed_equilibria``), exact
for exact games.

References
----------
von Stackelberg, H. (1934). *Marktform und Gleichgewicht*. Springer.
Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to
commit to. *Proceedings of the 7th ACM Conference on Electronic Commerce*:
82-90.
von Stengel, B. and Zamir, S. (2010). Leadership games with convex strategy
sets. *Games and Economic Behavior* 69: 446-457.
Basilico, N., Coniglio, S. and Gatti, N. (2017). Methods for finding
leader-follower equilibria with multiple followers. arXiv:1707.02174.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_choice, check_int, check_size, describe, public
from coopgame._numeric import TOLERANCE, as_float, format_number, readonly
from coopgame.equilibria._exact_lp import solve_exact_lp
from coopgame.errors import InvalidArgumentError, InvalidGameError, NotSupportedError, SolverError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result

__all__ = ["StackelbergEquilibrium", "stackelberg", "commitment_payoff", "MAX_REPLIES"]

#: Default largest number of follower reply profiles (one LP each under mixed commitment; keyword
#: ``max_replies``): the product of the followers' numbers of actions.
MAX_REPLIES = 100_000


@public
@dataclass(frozen=True, eq=False, repr=False)
class StackelbergEquilibrium(Result):
    """A strong Stackelberg equilibrium: the leader's optimal commitment and the followers' replies.

    Attributes
    ----------
    game : NormalFormGame
        The simultaneous-move game the leader commits in.
    leader : int
        Index of the leader.
    commitment : str
        ``"mixed"`` or ``"pure"``.
    strategies : tuple of numpy.ndarray
        One probability vector per player, in the game's player order: the
        leader's commitment and each follower's reply (read-only; Fractions
        for exact games).
    payoffs : numpy.ndarray
        Each player's expected payoff (read-only).
    method : str
        How it was computed.
    is_exact : bool
        True for exact games (rational arithmetic throughout).
    note : str
        What the solution does not cover, if anything.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.equilibria import stackelberg
    >>> g = cg.NormalFormGame([[[2, 4], [1, 3]], [[1, 0], [0, 1]]], exact=True)
    >>> s = stackelberg(g, 0)
    >>> s
    StackelbergEquilibrium(leader Player 1 commits to 1/2 1 + 1/2 2; Player 2 replies 2; payoffs 7/2, 1/2)
    >>> s.leader_payoff, s.is_exact
    (Fraction(7, 2), True)
    """

    game: NormalFormGame
    leader: int
    commitment: str
    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    method: str = ""
    is_exact: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        vectors = tuple(readonly(np.array(v, copy=True)) for v in self.strategies)
        object.__setattr__(self, "strategies", vectors)
        object.__setattr__(self, "payoffs", readonly(np.array(self.payoffs, copy=True)))

    @property
    def leader_payoff(self) -> Any:
        """The leader's expected payoff: its commitment value."""
        return self.payoffs[self.leader]

    @property
    def followers(self) -> tuple[int, ...]:
        """Indices of the followers."""
        return tuple(i for i in range(self.game.num_players) if i != self.leader)

    @public
    def follower_regret(self) -> Any:
        """The largest gain a follower could make by deviating from its reply (0 for exact games)."""
        regrets = self.game.regrets(self.strategies)
        return max(regrets[f] for f in self.followers)

    def _key(self) -> tuple[Any, ...]:
        return (self.game, self.leader, self.commitment,
                tuple(tuple(v.tolist()) for v in self.strategies))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StackelbergEquilibrium):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _strategy_text(self, player: int) -> str:
        v = self.strategies[player]
        labels = self.game.actions[player]
        parts = [(labels[a] if v[a] == 1 else f"{format_number(v[a])} {labels[a]}") for a in range(len(v)) if v[a] != 0]
        return " + ".join(parts)

    def __repr__(self) -> str:
        names = self.game.players
        replies = "; ".join(f"{names[f]} replies {self._strategy_text(f)}" for f in self.followers)
        pays = ", ".join(format_number(p) for p in self.payoffs)
        return (f"StackelbergEquilibrium(leader {names[self.leader]} commits to {self._strategy_text(self.leader)}; "
                f"{replies}; payoffs {pays})")

    def _frame_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"leader": self.game.players[self.leader], "commitment": self.commitment}
        for i, name in enumerate(self.game.players):
            row[f"strategy: {name}"] = self._strategy_text(i)
            row[f"payoff: {name}"] = self.payoffs[i]
        return row


# ---------------------------------------------------------------------- helpers
def _leader_index(game: NormalFormGame, leader: Any, where: str) -> int:
    if isinstance(leader, (bool, np.bool_)) or not isinstance(leader, (str, int, np.integer)):
        raise InvalidArgumentError(
            f"{where}: expected leader to be a player name in {game.players} or an index from 0 to "
            f"{game.num_players - 1}, got {describe(leader)}")
    if isinstance(leader, str) and leader not in game.players:
        raise InvalidArgumentError(f"{where}: expected leader to be a player name in {game.players}, got {leader!r}")
    if not isinstance(leader, str) and not 0 <= int(leader) < game.num_players:
        raise InvalidArgumentError(
            f"{where}: expected leader to be an index from 0 to {game.num_players - 1}, got {leader!r}")
    return game.player_index(leader if isinstance(leader, str) else int(leader))


def _leader_first(game: NormalFormGame, leader: int) -> list[np.ndarray]:
    """Payoff arrays with the leader's axis first (exact object arrays or floats)."""
    arrays = game.payoffs if game.is_exact else game.float_payoffs
    return [np.moveaxis(np.asarray(a), leader, 0) for a in arrays]


def _lp_rows(arrays: list[np.ndarray], leader: int, followers: Sequence[int], s: tuple[int, ...],
             m: int) -> tuple[list[Any], list[list[Any]]]:
    """Objective and incentive rows of the LP for follower profile ``s`` (axes: leader first)."""
    objective = [arrays[leader][(i,) + s] for i in range(m)]
    rows: list[list[Any]] = []
    for k, f in enumerate(followers):
        here = [arrays[f][(i,) + s] for i in range(m)]
        for a in range(arrays[f].shape[k + 1]):
            if a == s[k]:
                continue
            dev = list(s)
            dev[k] = a
            rows.append([arrays[f][(i,) + tuple(dev)] - here[i] for i in range(m)])
    return objective, rows


def _solve_float_lp(objective: Sequence[float], rows: Sequence[Sequence[float]], m: int,
                    scale: float) -> tuple[np.ndarray, float, np.ndarray] | None:
    """HiGHS on one reply's LP: (commitment, leader's value, prices of the incentive rows), None if infeasible."""
    from scipy.optimize import linprog

    c = -np.asarray(objective, dtype=float) / scale
    A = np.asarray(rows, dtype=float).reshape(len(rows), m) / scale
    res = linprog(c, A_ub=A if len(rows) else None, b_ub=np.zeros(len(rows)) if len(rows) else None,
                  A_eq=np.ones((1, m)), b_eq=[1.0], bounds=[(0, None)] * m, method="highs",
                  # HiGHS's own feasibility: a tenth of the library's tolerance (data scaled to at most 1),
                  # so that the follower's reply passes the regret check
                  options={"primal_feasibility_tolerance": TOLERANCE / 10,
                           "dual_feasibility_tolerance": TOLERANCE / 10})
    if res.status == 2:
        return None
    if res.status != 0:
        raise SolverError(f"stackelberg: the linear programme failed ({res.message})")
    x = np.clip(np.asarray(res.x, dtype=float), 0.0, None)
    x = x / x.sum()
    prices = -np.asarray(res.ineqlin.marginals, dtype=float) if len(rows) else np.zeros(0)
    return x, float(np.dot(x, objective)), prices


def _upper_bound(objective: Sequence[Any], rows: Sequence[Sequence[Any]], prices: np.ndarray) -> Fraction:
    """An exact upper bound on a reply's LP value from any prices y >= 0 (weak duality).

    The dual of ``max c.x`` s.t. ``R x <= 0``, ``sum x = 1``, ``x >= 0`` is
    ``min z`` s.t. ``R^T y + z >= c``, ``y >= 0``; for given ``y`` the least
    feasible ``z`` is ``max_i (c_i - (R^T y)_i)``.
    """
    y = [Fraction(float(v)) if v > 0 else Fraction(0) for v in prices]
    return max(Fraction(objective[i]) - sum((yk * Fraction(row[i]) for yk, row in zip(y, rows) if yk), Fraction(0))
               for i in range(len(objective)))


def _dominated(rows: Sequence[Sequence[Any]], m: int) -> bool:
    """True when a mixture of the follower's deviations beats its reply against every leader action.

    Then no commitment makes the reply optimal (the LP is infeasible).
    Found with HiGHS (maximise the least margin) and checked exactly.
    """
    from scipy.optimize import linprog

    if not rows:
        return False
    R = np.asarray([[float(v) for v in row] for row in rows])
    k = len(rows)
    scale = max(1.0, float(np.abs(R).max()))
    # variables y (k) and t: maximise t s.t. (R^T y)_i >= t, sum y = 1, y >= 0
    res = linprog(np.append(np.zeros(k), -1.0), A_ub=np.hstack([-R.T / scale, np.ones((m, 1))]), b_ub=np.zeros(m),
                  A_eq=np.append(np.ones(k), 0.0)[None, :], b_eq=[1.0], bounds=[(0, None)] * k + [(None, None)],
                  method="highs")
    if res.status != 0 or -res.fun <= 0:
        return False
    y = [Fraction(float(v)) if v > 0 else Fraction(0) for v in res.x[:k]]
    return all(sum((yk * Fraction(row[i]) for yk, row in zip(y, rows) if yk), Fraction(0)) > 0 for i in range(m))


def _exact_reply_lp(objective: list[Any], rows: list[list[Any]], m: int, scale: float, best: Any,
                    sol: tuple[np.ndarray, float, np.ndarray] | None) -> tuple[np.ndarray, Fraction] | None:
    """One reply's LP in Fractions, or None when it is infeasible or provably no better than ``best``.

    ``sol`` is HiGHS's solution (None: infeasible); its optimum, if it checks out exactly, is the
    answer, its prices bound the value (weak duality) and a strictly
    dominating mixture proves infeasibility. The exact simplex runs only
    when these shortcuts fail.
    """
    hint = dual_hint = None
    if sol is None:
        if _dominated(rows, m):
            return None
    else:
        hint, _, prices = sol
        if best is not None and _upper_bound(objective, rows, prices) <= best:
            return None
        dual_hint = list(prices) + [1.0]
    lp = solve_exact_lp(objective, rows, [0] * len(rows), [[1] * m], [1],
                        hint=None if hint is None else hint.tolist(), dual_hint=dual_hint)
    if lp.status != "optimal":
        return None
    assert lp.x is not None and lp.value is not None
    return np.array(list(lp.x), dtype=object), lp.value


def _pure_vector(m: int, a: int, exact: bool) -> np.ndarray:
    v = np.array([Fraction(0)] * m, dtype=object) if exact else np.zeros(m)
    v[a] = Fraction(1) if exact else 1.0
    return v


def _result(game: NormalFormGame, leader: int, x: np.ndarray, replies: list[np.ndarray], commitment: str,
            method: str, note: str) -> StackelbergEquilibrium:
    strategies: list[np.ndarray] = []
    it = iter(replies)
    for i in range(game.num_players):
        strategies.append(x if i == leader else next(it))
    payoffs = game.expected_payoffs(tuple(strategies))
    return StackelbergEquilibrium(game, leader, commitment, tuple(strategies), payoffs, method, game.is_exact, note)


# ---------------------------------------------------------------------- solvers
def _mixed(game: NormalFormGame, leader: int, max_replies: int) -> StackelbergEquilibrium:
    exact = game.is_exact
    arrays = _leader_first(game, leader)
    followers = [i for i in range(game.num_players) if i != leader]
    m = game.shape[leader]
    shapes = [game.shape[f] for f in followers]
    check_size("stackelberg", math.prod(shapes), max_replies, what="the number of follower reply profiles (one LP each)",
               limit_name="max_replies")
    profiles = list(itertools.product(*(range(k) for k in shapes)))
    lead = arrays[leader]
    bound = {s: max(lead[(i,) + s] for i in range(m)) for s in profiles}
    order = sorted(range(len(profiles)), key=lambda k: (-float(bound[profiles[k]]), k))
    scale = max(1.0, max(float(np.abs(as_float(np.asarray(a))).max()) for a in arrays))
    best: tuple[Any, Any, tuple[int, ...]] | None = None
    if exact:
        # float values first, to take the replies in the order of their worth to the leader
        guesses: dict[tuple[int, ...], float] = {}
        floats: dict[tuple[int, ...], Any] = {}
        for k in order:
            s = profiles[k]
            if guesses and float(bound[s]) < max(guesses.values()) - scale * TOLERANCE:
                break
            objective, rows = _lp_rows(arrays, leader, followers, s, m)
            sol = _solve_float_lp([float(v) for v in objective], [[float(v) for v in r] for r in rows], m, scale)
            floats[s] = sol
            guesses[s] = -math.inf if sol is None else sol[1]
        order = sorted(range(len(profiles)), key=lambda k: (-guesses.get(profiles[k], -math.inf), k))
    x: Any
    value: Any
    for k in order:
        s = profiles[k]
        if best is not None and bound[s] <= best[0]:
            if not exact:
                break  # sorted by this upper bound: no later reply can give the leader more
            continue
        objective, rows = _lp_rows(arrays, leader, followers, s, m)
        if exact:
            if s not in floats:
                floats[s] = _solve_float_lp([float(v) for v in objective], [[float(v) for v in r] for r in rows], m,
                                            scale)
            found = _exact_reply_lp(objective, rows, m, scale, None if best is None else best[0], floats[s])
            if found is None:
                continue
            x, value = found[0], found[1]
        else:
            sol = _solve_float_lp([float(v) for v in objective], [[float(v) for v in r] for r in rows], m, scale)
            if sol is None:
                continue
            x, value = sol[0], sol[1]
        if best is None or value > best[0]:
            best = (value, x, s)
    if best is None:
        raise NotSupportedError(
            "stackelberg: no commitment of the leader leaves the followers a pure Nash equilibrium among themselves; "
            "mixed equilibria among several followers under a mixed commitment are not supported "
            "(use commitment='pure')")
    _, x, s = best
    replies = [_pure_vector(game.shape[f], a, exact) for f, a in zip(followers, s)]
    note = "" if len(followers) == 1 else (
        "followers play a pure Nash equilibrium among themselves (the best for the leader); "
        "mixed equilibria among followers under a mixed commitment are not covered")
    method = "multiple LPs (Conitzer-Sandholm), " + ("HiGHS, certified exactly" if exact else "HiGHS")
    return _result(game, leader, x, replies, "mixed", method, note)


def _follower_equilibria(game: NormalFormGame, leader: int, i: int) -> tuple[list[list[np.ndarray]], bool, str]:
    """The followers' equilibria when the leader plays pure action ``i``: (profiles, complete, note)."""
    exact = game.is_exact
    followers = [f for f in range(game.num_players) if f != leader]
    arrays = game.payoffs if exact else game.float_payoffs
    sub = [np.take(np.asarray(arrays[f]), i, axis=leader) for f in followers]
    if len(followers) == 1:
        values = sub[0]
        top = max(values)
        tol = 0 if exact else game.float_tolerance
        return [[_pure_vector(len(values), a, exact)] for a in range(len(values)) if values[a] >= top - tol], True, ""
    from coopgame.equilibria.mixed import mixed_equilibria

    induced = NormalFormGame(sub, players=[game.players[f] for f in followers],
                             actions=[game.actions[f] for f in followers], exact=exact)
    eqs = mixed_equilibria(induced)
    return [list(e.strategies) for e in eqs], eqs.is_complete, eqs.note


def _pure(game: NormalFormGame, leader: int, max_replies: int) -> StackelbergEquilibrium:
    exact = game.is_exact
    m = game.shape[leader]
    followers = [f for f in range(game.num_players) if f != leader]
    check_size("stackelberg", math.prod(game.shape[f] for f in followers), max_replies,
               what="the number of follower reply profiles", limit_name="max_replies")
    best: tuple[Any, np.ndarray, list[np.ndarray]] | None = None
    complete, notes = True, []
    for i in range(m):
        x = _pure_vector(m, i, exact)
        replies, full, note = _follower_equilibria(game, leader, i)
        complete = complete and full
        if note:
            notes.append(note)
        lead = np.take(np.asarray(game.payoffs[leader] if exact else game.float_payoffs[leader]), i, axis=leader)
        for reply in replies:
            value = lead
            for v in reply:  # the leader's expected payoff, contracting one follower's axis at a time
                value = np.tensordot(v, value, axes=(0, 0))
            if best is None or value > best[0]:
                best = (value, x, list(reply))
    if best is None:
        raise SolverError("stackelberg: found no equilibrium of the followers' game")
    note = "" if complete else "followers' equilibria are those mixed_equilibria found: " + "; ".join(sorted(set(notes)))
    method = "enumeration of pure commitments" + ("" if len(followers) == 1 else " and followers' extreme equilibria")
    return _result(game, leader, best[1], best[2], "pure", method, note)


@public
def stackelberg(game: GameLike, leader: int | str, commitment: str = "mixed", *,
                max_replies: int = MAX_REPLIES) -> StackelbergEquilibrium:
    """The strong Stackelberg equilibrium: the leader's best commitment, the followers' replies, the payoffs.

    The leader announces a strategy first; each follower replies optimally
    (several followers play a Nash equilibrium among themselves), breaking
    ties in the leader's favour.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame without free parameters, or payoff arrays
        A game with two or more players.
    leader : int or str
        The player who commits (index or name).
    commitment : {"mixed", "pure"}, default "mixed"
        Mixed commitment solves one LP per follower reply (Conitzer and
        Sandholm 2006); pure commitment tries each of the leader's actions.
    max_replies : int, default :data:`MAX_REPLIES` (100,000)
        Size budget: the largest number of follower reply profiles (the
        product of the followers' numbers of actions), one LP each.

    Returns
    -------
    StackelbergEquilibrium
        ``.strategies`` (one vector per player), ``.payoffs``,
        ``.leader_payoff``; exact (Fractions) for exact games.

    Raises
    ------
    InvalidArgumentError
        When ``leader`` is not a player or ``commitment`` is unknown.
    InvalidGameError
        For a one-player game.
    NotSupportedError
        With several followers and mixed commitment, when no commitment
        leaves the followers a pure Nash equilibrium among themselves.
    SolverLimitError
        Beyond ``max_replies``.

    Notes
    -----
    With several followers and mixed commitment, the followers are assumed to
    play the pure Nash equilibrium (among themselves, given the commitment)
    that is best for the leader; mixed equilibria among followers are not
    covered (the leader's problem is then non-convex). With pure commitment,
    every extreme equilibrium of the followers' induced game is considered.

    Examples
    --------
    Conitzer and Sandholm's (2006) example: the leader's action 1 is
    dominant and the Nash payoff is 2, but committing to a fair coin makes
    the follower reply 2 (ties broken for the leader) and earns 7/2:

    >>> import coopgame as cg
    >>> g = cg.NormalFormGame([[[2, 4], [1, 3]], [[1, 0], [0, 1]]], exact=True)
    >>> s = stackelberg(g, leader=0)
    >>> [str(p) for p in s.strategies[0]], s.leader_payoff
    (['1/2', '1/2'], Fraction(7, 2))
    >>> stackelberg(g, 0, commitment="pure").leader_payoff
    Fraction(3, 1)

    A central government (the column player) commits to inspect a local
    government: just enough that false cooperation no longer pays,
    ``y = dc/(rho F) = 1/2``:

    >>> from coopgame import models
    >>> s = stackelberg(models.inspection().numeric(), "Central government")
    >>> s.strategies[1]
    array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
    """
    g = as_normal_form(game, "stackelberg")
    if g.num_players < 2:
        raise InvalidGameError(f"stackelberg: expected a game with a leader and at least one follower, got {g.num_players} player")
    lead = _leader_index(g, leader, "stackelberg")
    kind = check_choice(commitment, "commitment", "stackelberg", ("mixed", "pure"))
    limit = check_int(max_replies, "max_replies", "stackelberg", minimum=1)
    if kind == "mixed":
        return _mixed(g, lead, limit)
    return _pure(g, lead, limit)


@public
def commitment_payoff(game: GameLike, leader: int | str, strategy: Any) -> Any:
    """The leader's payoff from committing to ``strategy`` when the followers reply as in a strong Stackelberg equilibrium.

    Each follower best-responds (several followers: the pure Nash
    equilibrium among themselves best for the leader), ties broken in the
    leader's favour. This is the function :func:`stackelberg` maximises; it
    is upper semi-continuous, with jumps where a follower is indifferent.

    Parameters
    ----------
    game : NormalFormGame or game-like
    leader : int or str
    strategy : sequence of numbers
        The leader's mixed strategy (a probability vector; a label or index
        gives a pure one).

    Returns
    -------
    Fraction or float
        Exact for an exact game and an exact strategy.

    Raises
    ------
    NotSupportedError
        With several followers, when they have no pure Nash equilibrium
        given the commitment.

    Examples
    --------
    >>> import coopgame as cg
    >>> g = cg.NormalFormGame([[[2, 4], [1, 3]], [[1, 0], [0, 1]]], exact=True)
    >>> from fractions import Fraction as F
    >>> commitment_payoff(g, 0, [F(1, 2), F(1, 2)]), commitment_payoff(g, 0, [F(3, 5), F(2, 5)])
    (Fraction(7, 2), Fraction(8, 5))
    """
    g = as_normal_form(game, "commitment_payoff")
    if g.num_players < 2:
        raise InvalidGameError("commitment_payoff: expected a game with a leader and at least one follower")
    lead = _leader_index(g, leader, "commitment_payoff")
    x = g._strategy_vector(lead, strategy, "commitment_payoff")
    exact = g.is_exact and x.dtype == object
    arrays = g.payoffs if exact else g.float_payoffs
    # payoffs of every player given the leader's commitment: the followers' induced game
    induced = [np.tensordot(x if exact else as_float(x), np.moveaxis(np.asarray(a), lead, 0), axes=(0, 0))
               for a in arrays]
    followers = [f for f in range(g.num_players) if f != lead]
    tol = 0 if exact else g.float_tolerance
    best: Any = None
    for s in itertools.product(*(range(g.shape[f]) for f in followers)):
        stable = True
        for k, f in enumerate(followers):
            here = induced[f][s]
            for a in range(g.shape[f]):
                dev = list(s)
                dev[k] = a
                if induced[f][tuple(dev)] > here + tol:
                    stable = False
                    break
            if not stable:
                break
        if stable and (best is None or induced[lead][s] > best):
            best = induced[lead][s]
    if best is None:
        raise NotSupportedError("commitment_payoff: the followers have no pure Nash equilibrium given this commitment")
    return best
