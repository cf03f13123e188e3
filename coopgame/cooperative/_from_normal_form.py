"""Characteristic functions of strategic-form games (alpha, beta, gamma); see ``TUGame.from_normal_form``."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_choice, check_int, check_size
from coopgame._numeric import LP_TOLERANCE, TOLERANCE, exact_solve
from coopgame.errors import SolverError, SolverLimitError
from coopgame.games.coerce import GameLike, as_normal_form

__all__ = ["MAX_GAME_PLAYERS", "MAX_PROFILES", "characteristic_values", "matrix_game_value"]

#: Largest number of players ``TUGame.from_normal_form`` accepts (one LP or equilibrium search per coalition).
MAX_GAME_PLAYERS = 12
#: Default largest number of pure profiles ``TUGame.from_normal_form`` accepts (keyword ``max_profiles``).
MAX_PROFILES = 1 << 16

#: The exact value must agree with the LP's to this relative accuracy, and tight constraints are read
#: off the LP's solution with it (ten times the LP's own accuracy, so no tight constraint is missed).
_LP_TOL = 10 * LP_TOLERANCE

_FUNC = "TUGame.from_normal_form"


def characteristic_values(game: GameLike, kind: str, mixed: bool, selection: str,
                          max_profiles: int = MAX_PROFILES) -> tuple[list[Any], tuple[str, ...]]:
    """Worths ``v(S)`` by bitmask and the player labels."""
    game = as_normal_form(game, _FUNC)
    check_choice(kind, "kind", _FUNC, ("alpha", "beta", "gamma"))
    check_choice(selection, "selection", _FUNC, ("worst", "best"))
    mixed = check_bool(mixed, "mixed", _FUNC)
    limit = check_int(max_profiles, "max_profiles", _FUNC, minimum=1)
    n = game.num_players
    profiles = math.prod(game.shape)
    alternative = "a TUGame built from a closed-form worth function instead"
    if n > MAX_GAME_PLAYERS:
        raise SolverLimitError(f"{_FUNC}: {n} players is above the limit of MAX_GAME_PLAYERS = {MAX_GAME_PLAYERS} "
                               f"(one LP or equilibrium search for each of 2**n coalitions); use {alternative}")
    check_size(_FUNC, profiles, limit, what="the number of pure profiles", limit_name="max_profiles",
               alternative=alternative)
    exact = game.is_exact
    arrays = game.payoffs if exact else game.float_payoffs
    zero: Any = Fraction(0) if exact else 0.0
    values: list[Any] = [zero] * (1 << n)
    for mask in range(1, 1 << n):
        inside = [i for i in range(n) if (mask >> i) & 1]
        outside = [i for i in range(n) if not (mask >> i) & 1]
        total = arrays[inside[0]]
        for i in inside[1:]:
            total = total + arrays[i]
        if not outside:
            values[mask] = total.max()
            continue
        if kind == "gamma":
            values[mask] = _gamma_value(game, total, inside, outside, selection)
            continue
        rows = math.prod(game.shape[i] for i in inside)
        M = np.transpose(total, inside + outside).reshape(rows, -1)
        if not mixed:
            if kind == "alpha":
                values[mask] = M.min(axis=1).max()
            else:
                values[mask] = M.max(axis=0).min()
        else:
            values[mask] = matrix_game_value(M)
    if exact and any(isinstance(v, float) for v in values):
        warnings.warn(f"{_FUNC}: some values could not be made exact; the game is returned with float worths",
                      RuntimeWarning, stacklevel=3)
        values = [float(v) for v in values]
    return values, game.players


def matrix_game_value(M: np.ndarray) -> Any:
    """Value of the zero-sum matrix game ``M`` (row player maximises), by LP.

    For an exact (object/Fraction) matrix the value is recomputed in
    Fractions from the supports of the optimal strategies and verified
    (every column gives the row player's strategy at least the value, every
    row gives at most the value against the column player's strategy);
    a float is returned if that fails.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> from coopgame.cooperative._from_normal_form import matrix_game_value
    >>> matrix_game_value(np.array([[Fraction(3), Fraction(-1)], [Fraction(-2), Fraction(1)]], dtype=object))
    Fraction(1, 7)
    """
    from scipy.optimize import linprog
    exact = M.dtype == object
    Mf = M.astype(float)
    r, c = Mf.shape
    # saddle point (pure) first: exact with no LP
    lower, upper = M.min(axis=1).max(), M.max(axis=0).min()
    if lower == upper:
        return lower
    scale = max(1.0, float(np.abs(Mf).max()))
    # variables (x_1..x_r, w): max w s.t. w <= (x^T M)_j for every column j
    obj = np.zeros(r + 1)
    obj[-1] = -1.0
    A_ub = np.hstack([-Mf.T / scale, np.ones((c, 1))])
    A_eq = np.append(np.ones(r), 0.0)[None, :]
    res = linprog(obj, A_ub=A_ub, b_ub=np.zeros(c), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * r + [(None, None)], method="highs")
    if res.status != 0:
        raise SolverError(f"{_FUNC}: the zero-sum LP failed ({res.message})")
    value = float(res.x[-1]) * scale
    if not exact:
        return value
    x = res.x[:r]
    y = -np.asarray(res.ineqlin.marginals)
    y = y / y.sum() if y.sum() > 0 else y
    # the supports, and the columns (rows) where the other side's strategy is tight: the tight sets pin
    # the strategies down even when an optimal strategy is not unique on its support alone
    gap = _LP_TOL * scale
    tight_cols = np.flatnonzero(x @ Mf <= value + gap)
    tight_rows = np.flatnonzero(Mf @ y >= value - gap)
    exact_value = _exact_value(M, np.flatnonzero(x > TOLERANCE), np.flatnonzero(y > TOLERANCE), tight_rows, tight_cols)
    if exact_value is None or abs(float(exact_value) - value) > _LP_TOL * scale:
        return value
    return exact_value


def _exact_value(M: np.ndarray, rows: np.ndarray, cols: np.ndarray, tight_rows: np.ndarray,
                 tight_cols: np.ndarray) -> Fraction | None:
    """Solve the equalizing conditions on the supports in Fractions and verify optimality.

    The row strategy lives on ``rows`` and equalises the columns where it is
    tight (``tight_cols``); the column strategy lives on ``cols`` and
    equalises ``tight_rows``.
    """
    one = Fraction(1)
    # row strategy x on `rows` and value w: (x^T M)_j = w on the tight columns, sum x = 1
    eqs = [[M[i, j] for i in rows] + [-one] for j in tight_cols] + [[one] * len(rows) + [Fraction(0)]]
    rhs = [Fraction(0)] * len(tight_cols) + [one]
    xs = exact_solve(eqs, rhs)
    # column strategy y on `cols`: (M y)_i = w on the tight rows, sum y = 1
    eqs = [[M[i, j] for j in cols] + [-one] for i in tight_rows] + [[one] * len(cols) + [Fraction(0)]]
    rhs = [Fraction(0)] * len(tight_rows) + [one]
    ys = exact_solve(eqs, rhs)
    if xs is None or ys is None or xs[-1] != ys[-1]:
        return None
    w = xs[-1]
    x, y = xs[:-1], ys[:-1]
    if any(v < 0 for v in x) or any(v < 0 for v in y):
        return None
    for j in range(M.shape[1]):  # the row strategy guarantees w against every column
        if sum((xi * M[i, j] for xi, i in zip(x, rows)), Fraction(0)) < w:
            return None
    for i in range(M.shape[0]):  # the column strategy holds every row to w
        if sum((yj * M[i, j] for yj, j in zip(y, cols)), Fraction(0)) > w:
            return None
    return w


def _gamma_value(game: Any, total: np.ndarray, inside: list[int], outside: list[int], selection: str) -> Any:
    """S's payoff at a Nash equilibrium of the game with S merged and the outsiders separate."""
    from coopgame.equilibria.mixed import mixed_equilibria
    from coopgame.equilibria.pure import pure_equilibria
    from coopgame.games.normal_form import NormalFormGame

    arrays = game.payoffs if game.is_exact else game.float_payoffs
    order = inside + outside
    rows = math.prod(game.shape[i] for i in inside)
    new_shape = (rows,) + tuple(game.shape[i] for i in outside)
    merged = [np.transpose(total, order).reshape(new_shape)]
    merged += [np.transpose(arrays[i], order).reshape(new_shape) for i in outside]
    g = NormalFormGame(merged, exact=game.is_exact)
    eqs = mixed_equilibria(g) if g.num_players <= 2 else pure_equilibria(g)
    if not eqs:
        raise SolverError(
            f"{_FUNC}: kind='gamma': the game with coalition {inside} merged has no pure Nash equilibrium "
            f"and {g.num_players} players (mixed equilibria are computed for two players only); "
            "use kind='alpha' or 'beta' instead"
        )
    pays = [eq.payoffs[0] for eq in eqs]
    return min(pays) if selection == "worst" else max(pays)
