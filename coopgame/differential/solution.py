"""Result types of differential games: steady states, time paths and solutions with ``.path`` and ``.values``."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_real, public
from coopgame._numeric import readonly, scaled_tolerance
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import LinearRule, lq_data, rule_values, tidy
from coopgame.errors import NotSupportedError
from coopgame.results import ArrayResult, Result, Solutions

__all__ = ["SteadyState", "Path", "DifferentialSolution", "LinearSolution", "as_sympy_number", "check_stock"]

#: The kinds a steady state can have.
KINDS = ("saddle", "stable", "unstable")


def as_sympy_number(value: Any) -> Any:
    """A checked real number as a sympy number (exact for int, Fraction and sympy rationals)."""
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, float):
        return sympy.Float(value)
    return sympy.sympify(value)


#: Largest initial stock in absolute value: values and payments are quadratic in the stock, and the square of a
#: larger number overflows double precision (not the tolerance).
MAX_STOCK = 1e150


def check_stock(x0: Any, where: str) -> Any:
    """The initial stock as a sympy number (exact input stays exact)."""
    return as_sympy_number(check_real(x0, "the initial stock x0", where, exact=True, minimum=-MAX_STOCK,
                                      maximum=MAX_STOCK))


@dataclass(frozen=True)
class SteadyState(Result):
    """A steady state of a solution: the stock, the controls there, and its kind.

    Attributes
    ----------
    state : number
        The stock (sympy number, exact when the solution is).
    controls : tuple
        One value per control, in the game's player order.
    kind : str
        ``"saddle"`` (a saddle point of the state-costate system, reached
        along its stable path: open-loop and cooperative solutions),
        ``"stable"`` or ``"unstable"`` (of the stock under the strategies:
        feedback solutions; for Pontryagin solutions ``"unstable"`` means no
        path leads to it).
    eigenvalues : tuple
        The eigenvalues that decide the kind (floats).
    is_exact : bool
    """

    state: Any
    controls: tuple[Any, ...]
    kind: str
    eigenvalues: tuple[complex, ...] = ()
    is_exact: bool = False

    def __float__(self) -> float:
        return float(self.state)  # one stock; several stocks: a tuple, which float() refuses

    def _frame_row(self) -> dict[str, Any]:
        return {"state": _plain_state(self.state), "controls": tuple(float(c) for c in self.controls), "kind": self.kind}


def _plain_state(state: Any) -> Any:
    """A stock as a float, several stocks as a tuple of floats."""
    return tuple(float(v) for v in state) if isinstance(state, tuple) else float(state)


@dataclass(frozen=True, eq=False)
class Path(ArrayResult):
    """A time path: ``t``, the stock ``state[k]`` and the controls ``controls[k, j]`` at time ``t[k]``.

    ``payoffs[k, i]`` is player ``i``'s instantaneous payoff at ``t[k]``.
    """

    t: np.ndarray
    state: np.ndarray
    controls: np.ndarray
    payoffs: np.ndarray
    steady_state: SteadyState | None = None

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame: one row per time, columns t, state and one per control."""
        import pandas as pd

        frame = pd.DataFrame({"t": self.t, "state": self.state})
        for j in range(self.controls.shape[1]):
            frame[f"control {j + 1}"] = self.controls[:, j]
        return frame


@dataclass(frozen=True, eq=False, repr=False)
class DifferentialSolution(ArrayResult):
    """A solution of a differential game: steady states, paths and each player's discounted payoff.

    Attributes
    ----------
    concept : str
        ``"cooperative"``, ``"open-loop Nash"`` or ``"feedback Nash"``.
    game : DifferentialGame
    steady_states : Solutions of SteadyState
        All steady states the solution has (``is_complete`` says whether the
        list is the whole set).
    is_exact : bool
    method : str
        How the solution was found, including how a root was chosen.
    """

    concept: str
    game: DifferentialGame
    steady_states: Solutions[SteadyState]
    is_exact: bool
    method: str

    @public
    def path(self, x0: Any, t_max: Any, *, num: int = 201) -> Path:  # pragma: no cover - overridden
        """The time path from stock ``x0`` on ``[0, t_max]``."""
        raise NotImplementedError

    @public
    def values(self, x0: Any) -> np.ndarray:  # pragma: no cover - overridden
        """Each player's discounted payoff from stock ``x0``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        states = ", ".join(f"{_show(s.state)} ({s.kind})" for s in self.steady_states)
        return f"DifferentialSolution({self.concept}, steady states: {states or 'none'})"

    def _repr_html_(self) -> str:
        from coopgame.results import html_table

        rows = [(_plain_state(s.state), tuple(float(c) for c in s.controls), s.kind) for s in self.steady_states]
        return html_table(rows, header=("stock", "controls", "kind"), caption=f"{self.concept}: {self.method}")


def _show(state: Any) -> str:
    value = _plain_state(state)
    return "(" + ", ".join(f"{v:.6g}" for v in value) + ")" if isinstance(value, tuple) else f"{value:.6g}"


def _times(t_max: Any, num: Any, where: str) -> np.ndarray:
    t_max = check_real(t_max, "t_max", where, minimum=0, open_min=True)
    num = check_int(num, "num", where, minimum=2, maximum=10**7)
    return np.linspace(0.0, t_max, num)


def check_bounds(game: DifferentialGame, controls: np.ndarray, where: str) -> None:
    """Refuse (NotSupportedError) a path whose controls leave the game's bounds: an interior solution does not hold."""
    for j, (c, (lo, hi)) in enumerate(game.bounds.items()):
        col = controls[:, j] if controls.ndim == 2 else controls[j:j + 1]
        scale = float(np.max(np.abs(col))) if col.size else 1.0
        for bound, bad in ((lo, lambda v, b: v < b), (hi, lambda v, b: v > b)):
            if bound is None:
                continue
            b = float(bound)
            off = bad(col, b + (scaled_tolerance(scale) if bad(1, 0) else -scaled_tolerance(scale)))
            if np.any(off):
                raise NotSupportedError(
                    f"{where}: expected controls within their bounds, got {c} = {float(col[np.argmax(off)]):.6g} "
                    f"beyond the bound {b:.6g}; this solver finds interior solutions only (the bound binds)")


@dataclass(frozen=True, eq=False, repr=False)
class LinearSolution(DifferentialSolution):
    """A solution of a linear-quadratic game: controls linear in the stock, values quadratic.

    Attributes
    ----------
    strategies : tuple of sympy.Expr
        Each control as a function of the stock ``x``: feedback (Markov)
        strategies for ``feedback_nash``; for the cooperative and open-loop
        solutions the rule that holds along their paths.
    value_functions : tuple of sympy.Expr
        Each player's discounted payoff as a function of the initial stock.
    rule : LinearRule
        The coefficients (``a``, ``b``, closed loop ``A_cl``, ``c_cl``).
    """

    strategies: tuple[sympy.Expr, ...] = ()
    value_functions: tuple[sympy.Expr, ...] = ()
    rule: LinearRule | None = field(default=None, repr=False)

    @classmethod
    @public
    def build(cls, concept: str, game: DifferentialGame, rule: LinearRule, kind: str, method: str,
              where: str) -> LinearSolution:
        """A solution from a linear rule: each player's value, the steady state and its kind."""
        data = lq_data(game)
        assert data is not None
        x = data.x
        values = []
        for i in range(game.num_players):
            P, q, w = rule_values(data.H[i], data.g[i], data.k[i], data.rates[i], rule)
            values.append(P * x ** 2 / 2 + q * x + w)
        strategies = tuple(a + b * x for a, b in zip(rule.a, rule.b))
        states: list[SteadyState] = []
        if rule.A_cl != 0:
            xs = -rule.c_cl / rule.A_cl
            xs = tidy(xs) if rule.is_exact else sympy.Float(float(xs))
            controls = tuple((tidy(a + b * xs) if rule.is_exact else sympy.Float(float(a + b * xs)))
                             for a, b in zip(rule.a, rule.b))
            eig = rule.eigenvalues or (complex(float(rule.A_cl)),)
            states.append(SteadyState(xs, controls, kind, eig, rule.is_exact))
            check_bounds(game, np.array([[float(c) for c in controls]]), where)
        steady = Solutions(states, method=method, is_exact=rule.is_exact, is_complete=True,
                           note="the one steady state of the linear rule")
        return cls(concept, game, steady, rule.is_exact, method, strategies, tuple(values), rule)

    @public
    def path(self, x0: Any, t_max: Any, *, num: int = 201) -> Path:
        """The time path from ``x0``: ``x(t) = x* + (x0 - x*) exp(A_cl t)``, controls ``a + b x(t)``.

        Examples
        --------
        >>> from coopgame.differential import feedback_nash
        >>> from coopgame.models import stock_pollution
        >>> path = feedback_nash(stock_pollution(n=2).numeric()).path(0, 50, num=3)
        >>> path.t.tolist(), path.state.shape, path.controls.shape
        ([0.0, 25.0, 50.0], (3,), (3, 2))
        """
        where = f"{type(self).__name__}.path ({self.concept})"
        x0f = float(check_stock(x0, where))
        t = _times(t_max, num, where)
        assert self.rule is not None
        A, c = float(self.rule.A_cl), float(self.rule.c_cl)
        with np.errstate(over="ignore"):
            if A == 0:
                state = x0f + c * t
            else:
                xs = -c / A
                state = xs + (x0f - xs) * np.exp(A * t)
        a = np.array([float(v) for v in self.rule.a])
        b = np.array([float(v) for v in self.rule.b])
        controls = a[None, :] + state[:, None] * b[None, :]
        if not np.all(np.isfinite(state)):
            raise NotSupportedError(f"{where}: expected a finite path, got a stock that overflows floats before t_max")
        check_bounds(self.game, controls, where)
        payoffs = _flow(self.game, state, controls)
        return Path(readonly(t), readonly(state), readonly(controls), readonly(payoffs),
                    self.steady_states[0] if self.steady_states else None)

    @public
    def values(self, x0: Any) -> np.ndarray:
        """Each player's discounted payoff from ``x0`` (exact for exact input).

        Examples
        --------
        >>> from coopgame.differential import cooperative_solution
        >>> from coopgame.models import stock_pollution
        >>> sol = cooperative_solution(stock_pollution(n=2).numeric())
        >>> [round(float(v), 4) for v in sol.values(0)]
        [0.9396, 0.9396]
        """
        where = f"{type(self).__name__}.values ({self.concept})"
        x0 = check_stock(x0, where)
        x = self.game.state[0]
        out = [v.xreplace({x: x0}) for v in self.value_functions]
        if self.is_exact and not x0.has(sympy.Float):
            return np.array([tidy(v) for v in out], dtype=object)
        return np.array([float(v) for v in out], dtype=float)


def _flow(game: DifferentialGame, state: np.ndarray, controls: np.ndarray) -> np.ndarray:
    """Each player's instantaneous payoff along a path (rows: times)."""
    variables = [game.state[0], *game.all_controls]
    out = np.empty((state.size, game.num_players))
    for i, g in enumerate(game.payoffs):
        f = sympy.lambdify(variables, g, "numpy")
        with np.errstate(all="ignore"):
            out[:, i] = np.broadcast_to(f(state, *controls.T), state.shape)
    return out
