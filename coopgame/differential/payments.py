"""Time-consistent sharing of the cooperative gain: imputations and payment schedules (Petrosyan 1997).

The cooperative gain of a differential game is divided by an imputation
``xi_i(x)`` of the game that starts at stock ``x``. Paying region ``i`` the
flow ``beta_i(t) = r xi_i(x(t)) - d/dt xi_i(x(t))`` along the cooperative path
makes the division time-consistent (Petrosyan 1997; Petrosyan and Zaccour
2003): the discounted payments add up to ``xi_i(x0)``; from any date on, what
remains to be paid is the imputation of the game that starts at the stock
then reached; and the payments at each date add up to what cooperation
yields at that date.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_int, check_real, check_size, public
from coopgame._numeric import readonly, scaled_tolerance
from coopgame.cooperative.shapley import shapley_of_worths
from coopgame.differential.cooperative import check_weights, cooperative_solution
from coopgame.differential.feedback import check_game, feedback_nash, owners
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import feedback_rule, lq_data, tidy
from coopgame.differential.solution import LinearSolution, check_bounds, check_stock
from coopgame.errors import InvalidArgumentError, NotSupportedError
from coopgame.results import ArrayResult

__all__ = ["PaymentSchedule", "time_consistent_payments", "coalition_worths", "MAX_COALITION_PLAYERS"]

_WHERE = "time_consistent_payments"

#: Default largest number of players for the Shapley imputation (keyword ``max_players``): the worths of
#: all ``2**n - 1`` coalitions are feedback equilibria of their own.
MAX_COALITION_PLAYERS = 10


@dataclass(frozen=True, eq=False)
class PaymentSchedule(ArrayResult):
    """A time-consistent payment schedule along the cooperative path.

    Attributes
    ----------
    t : ndarray
        Times.
    payments : ndarray, shape (len(t), N)
        ``payments[k, i]``: the flow paid to player ``i`` at ``t[k]``.
    imputation : ndarray
        Each player's share ``xi_i(x0)`` of the cooperative value (exact for
        exact input where the worths are).
    noncooperative : ndarray
        Each player's feedback-Nash value ``V_i(x0)``.
    state : ndarray
        The cooperative stock at each time.
    margins : ndarray, shape (len(t), N)
        ``xi_i(x(t)) - V_i(x(t))``: what staying in is worth at each date.
    agreeable : tuple of bool
        Whether each player's imputation is at least its feedback-Nash value
        at every stock of the cooperative path (from ``x0`` to the steady
        state), so that no region would walk out later.
    agreeable_at_start : tuple of bool
    sharing : str
    imputation_functions : tuple of sympy.Expr
        ``xi_i`` as a function of the stock.
    is_exact : bool
    """

    t: np.ndarray
    payments: np.ndarray
    imputation: np.ndarray
    noncooperative: np.ndarray
    state: np.ndarray
    margins: np.ndarray
    agreeable: tuple[bool, ...]
    agreeable_at_start: tuple[bool, ...]
    sharing: str
    imputation_functions: tuple[sympy.Expr, ...]
    is_exact: bool

    def _repr_html_(self) -> str:
        from coopgame.results import html_table

        rows = [(i + 1, float(self.imputation[i]), float(self.noncooperative[i]), self.agreeable_at_start[i],
                 self.agreeable[i]) for i in range(len(self.imputation))]
        return html_table(rows, header=("player", "imputation", "feedback-Nash value", "agreeable at start",
                                        "agreeable along the path"),
                          caption=f"time-consistent payments ({self.sharing})")


def _block_game(data: Any, blocks: Sequence[Sequence[int]], control_owner: Sequence[int],
                where: str) -> tuple[list[Any], Any]:
    """Feedback equilibrium between blocks of players, each block maximising the sum of its members' payoffs."""
    H, g, k = [], [], []
    for block in blocks:
        H.append(sum((data.H[i] for i in block), sympy.zeros(*data.H[0].shape)))
        g.append(sum((data.g[i] for i in block), sympy.zeros(*data.g[0].shape)))
        k.append(sum((data.k[i] for i in block), sympy.Integer(0)))
    block_of = {i: d for d, block in enumerate(blocks) for i in block}
    rule = feedback_rule(data, H, g, k, [data.rates[0]] * len(blocks), [block_of[p] for p in control_owner], where)
    return [rule.P[d] * data.x ** 2 / 2 + rule.q[d] * data.x + rule.w[d] for d in range(len(blocks))], rule


@public
def coalition_worths(game: DifferentialGame, *, max_players: int = MAX_COALITION_PLAYERS) -> dict[tuple[int, ...], sympy.Expr]:
    """The worth ``v(K, x)`` of every coalition as a function of the stock.

    A coalition acts as one player maximising the sum of its members'
    payoffs; the others act alone; ``v(K, x)`` is the coalition's value in the
    feedback Nash equilibrium of that game (Petrosyan and Zaccour 2003). The
    grand coalition's worth is the cooperative value, a singleton's its
    feedback-Nash value.

    Raises
    ------
    NotSupportedError
        A game that is not linear-quadratic with one stock, or per-player
        discount rates; bounds on the controls that a coalition's game
        crosses at its steady state (its linear rule is an interior solution).
    SolverLimitError
        More than ``max_players`` players.

    Examples
    --------
    >>> from coopgame.differential.payments import coalition_worths
    >>> from coopgame.models import stock_pollution
    >>> worths = coalition_worths(stock_pollution(n=2).numeric())
    >>> sorted(worths)
    [(0,), (0, 1), (1,)]
    """
    where = "coalition_worths"
    return {K: worth for K, (worth, _) in _coalition_games(check_game(game, where), max_players, where).items()}


def _coalition_games(game: DifferentialGame, max_players: Any, where: str) -> dict[tuple[int, ...], tuple[sympy.Expr, Any]]:
    """Each coalition's worth and the linear rule of the game in which it plays as one (bounds checked at its steady state)."""
    n = game.num_players
    check_size(where, n, check_int(max_players, "max_players", where, minimum=1),
               what="the number of players (2**n - 1 coalition games)", limit_name="max_players",
               alternative='sharing="nash" or "weights" (they need no coalition worths)')
    data = _lq(game, where)
    control_owner = owners(game)
    games: dict[tuple[int, ...], tuple[sympy.Expr, Any]] = {}
    for size in range(1, n + 1):
        for K in itertools.combinations(range(n), size):
            # blocks in order of their first member: interchangeable singletons stay in player order (closed form)
            blocks = sorted([list(K)] + [[j] for j in range(n) if j not in K])
            values, rule = _block_game(data, blocks, control_owner, where)
            if rule.A_cl != 0:  # the steady state of the coalition's game respects the bounds, as every solver's does
                _within_bounds(game, rule, [-rule.c_cl / rule.A_cl], where, K)
            games[K] = (values[blocks.index(list(K))], rule)
    return games


def _within_bounds(game: DifferentialGame, rule: Any, stocks: Sequence[Any], where: str,
                   coalition: tuple[int, ...] | None = None) -> None:
    """Refuse (NotSupportedError) a linear rule whose controls at any of ``stocks`` leave the game's bounds."""
    controls = np.array([[float(a + b * x) for a, b in zip(rule.a, rule.b)] for x in stocks])
    try:
        check_bounds(game, controls, where)
    except NotSupportedError as exc:
        if coalition is None:
            raise
        raise NotSupportedError(f"{exc} (in the game where the coalition {coalition} plays as one)") from exc


def _lq(game: DifferentialGame, where: str) -> Any:
    data = lq_data(game)
    if data is None:
        raise NotSupportedError(f"{where}: expected a linear-quadratic one-stock game (the worths are feedback-Nash "
                                f"values, solved exactly only there), got {game!r}")
    if not game.common_discount:
        raise NotSupportedError(f"{where}: expected a common discount rate, got {list(game.discount)}")
    return data


def _shapley(worths: dict[tuple[int, ...], sympy.Expr], n: int) -> list[sympy.Expr]:
    """The Shapley value of worths that are expressions (here quadratics in the stock)."""
    by_mask: list[Any] = [sympy.Integer(0)] * (1 << n)
    for K, worth in worths.items():
        by_mask[sum(1 << i for i in K)] = worth
    return [sympy.expand(v) for v in shapley_of_worths(by_mask, n)]


@public
def time_consistent_payments(game: DifferentialGame, x0: Any, sharing: str = "shapley", *,
                             weights: Sequence[Any] | None = None, t_max: Any = None, num: int = 201,
                             max_players: int = MAX_COALITION_PLAYERS) -> PaymentSchedule:
    """Divide the cooperative gain by an imputation and pay it out so that it stays agreeable over time.

    Parameters
    ----------
    game : DifferentialGame
        A linear-quadratic one-stock game with a common discount rate and no
        free parameters.
    x0 : number
        The initial stock.
    sharing : {"shapley", "nash", "weights"}
        * ``"shapley"``: the Shapley value of the coalition worths of
          :func:`coalition_worths` (Petrosyan and Zaccour 2003);
        * ``"nash"``: the Nash bargaining solution with the feedback-Nash
          values as disagreement point (transferable payoffs: each gets its
          feedback-Nash value plus an equal share of the surplus);
        * ``"weights"``: the feedback-Nash values plus shares ``weights`` of
          the surplus (normalised to sum to one).
    weights : sequence of positive numbers, optional
        With ``sharing="weights"`` only.
    t_max : number, optional
        End of the schedule (default: the time for the cooperative stock to
        cover 99.9% of the way to its steady state).
    num : int, default 201
        Number of times.
    max_players : int, default :data:`MAX_COALITION_PLAYERS` (10)
        Size budget of the Shapley imputation (``2**n - 1`` coalition games).

    Returns
    -------
    PaymentSchedule
        ``.t``, ``.payments`` (one column per player), ``.imputation``,
        ``.agreeable`` and the margins along the path.

    Raises
    ------
    NotSupportedError
        A game that is not linear-quadratic with one stock, or per-player
        discount rates; a game with bounds on the controls where a bound
        binds in one of the games the schedule values (the cooperative
        solution, the feedback equilibrium, a coalition's game) from a stock
        of the cooperative path: their linear rules are interior solutions.
    SolverLimitError
        More than ``max_players`` players with ``sharing="shapley"``.

    Examples
    --------
    Two regions that suffer unequally from the stock:

    >>> from coopgame.differential import time_consistent_payments
    >>> from coopgame.models import stock_pollution
    >>> plan = time_consistent_payments(stock_pollution(n=2, unequal=True).numeric(), x0=0, num=3)
    >>> plan.payments.shape, plan.agreeable
    ((3, 2), (True, True))
    >>> [round(float(v), 4) for v in plan.imputation]
    [8.8546, -7.5478]
    """
    game = check_game(game, _WHERE)
    sharing = check_choice(sharing, "sharing", _WHERE, ["shapley", "nash", "weights"])
    x0 = check_stock(x0, _WHERE)
    num = check_int(num, "num", _WHERE, minimum=2, maximum=10 ** 7)
    if weights is not None and sharing != "weights":
        raise InvalidArgumentError(f"{_WHERE}: expected weights= only with sharing='weights', got sharing={sharing!r}")
    if sharing == "weights" and weights is None:
        raise InvalidArgumentError(f"{_WHERE}: expected weights= (one positive number per player) with sharing='weights'")
    data = _lq(game, _WHERE)
    n = game.num_players
    x = data.x
    r = data.rates[0]
    coop = cooperative_solution(game)
    fb = feedback_nash(game)
    assert isinstance(coop, LinearSolution) and coop.rule is not None and isinstance(fb, LinearSolution)
    noncoop = list(fb.value_functions)
    games: dict[tuple[int, ...], tuple[sympy.Expr, Any]] = {}
    if sharing == "shapley":
        games = _coalition_games(game, max_players, _WHERE)
        xi = _shapley({K: worth for K, (worth, _) in games.items()}, n)
    else:
        shares = ([sympy.Rational(1, n)] * n if sharing == "nash"
                  else [w / sum(ws) for ws in [check_weights(weights, n, _WHERE)] for w in ws])
        surplus = sympy.expand(sum(coop.value_functions) - sum(noncoop))
        xi = [sympy.expand(noncoop[i] + shares[i] * surplus) for i in range(n)]
    exact = all(not e.has(sympy.Float) for e in xi)
    xi = [tidy(e) if exact else sympy.expand(e) for e in xi]
    # the schedule along the cooperative path
    A, c = float(coop.rule.A_cl), float(coop.rule.c_cl)
    xs = -c / A
    # the schedule values every game from each stock of the cooperative path, between x0 and xs; each game's rule is
    # affine in the stock and its own path runs monotonically to its steady state (checked by its solver), so
    # controls within the bounds at x0 and xs are within them everywhere the schedule looks
    for coalition, rule in [(None, coop.rule), (None, fb.rule), *((K, r) for K, (_, r) in games.items())]:
        _within_bounds(game, rule, [x0, xs], _WHERE, coalition)
    if t_max is None:
        t_max = math.log(1000) / abs(A)
    t_max = check_real(t_max, "t_max", _WHERE, minimum=0, open_min=True)
    t = np.linspace(0.0, t_max, num)
    state = xs + (float(x0) - xs) * np.exp(A * t)
    xdot = A * state + c
    rate = float(r)
    payments = np.empty((num, n))
    margins = np.empty((num, n))
    agreeable = []
    for i in range(n):
        f = sympy.lambdify(x, xi[i], "numpy")
        df = sympy.lambdify(x, sympy.diff(xi[i], x), "numpy")
        payments[:, i] = rate * np.broadcast_to(f(state), state.shape) - np.broadcast_to(df(state), state.shape) * xdot
        gap = sympy.expand(xi[i] - noncoop[i])
        margins[:, i] = np.broadcast_to(sympy.lambdify(x, gap, "numpy")(state), state.shape)
        agreeable.append(_nonnegative_on(gap, x, float(x0), xs))
    imputation = np.array([tidy(e.xreplace({x: x0})) if exact and not x0.has(sympy.Float) else float(e.xreplace({x: x0}))
                           for e in xi], dtype=object if exact and not x0.has(sympy.Float) else float)
    nc = fb.values(x0)
    scale = float(np.max(np.abs(np.asarray(nc, dtype=float)))) if n else 1.0
    at_start = tuple(bool(float(imputation[i]) >= float(nc[i]) - scaled_tolerance(scale)) for i in range(n))
    return PaymentSchedule(readonly(t), readonly(payments), readonly(np.asarray(imputation)), readonly(np.asarray(nc)),
                           readonly(state), readonly(margins), tuple(agreeable), at_start, sharing, tuple(xi), exact)


def _nonnegative_on(expr: sympy.Expr, x: sympy.Symbol, a: float, b: float) -> bool:
    """Whether a polynomial in ``x`` (degree at most 2) is non-negative on the interval between ``a`` and ``b``."""
    lo, hi = min(a, b), max(a, b)
    poly = sympy.Poly(expr, x)
    points = [lo, hi] + [float(p) for p in sympy.Poly(sympy.diff(expr, x), x).nroots() if sympy.im(p) == 0
                         and lo <= float(p) <= hi] if poly.degree() > 1 else [lo, hi]
    values = [float(poly.eval(p)) for p in points]
    scale = max(1.0, *(abs(float(c)) for c in poly.coeffs())) if poly.coeffs() else 1.0
    return all(v >= -scaled_tolerance(scale) for v in values)
