"""Games with continuous strategies: each player chooses one real number.

A :class:`ContinuousGame` holds one sympy payoff expression per player in all
players' choice variables (emissions, abatement, contributions, standards)
and in named parameters, with a closed, possibly unbounded interval of
choices per player. Solvers live in :mod:`coopgame.equilibria.continuous`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import call_user, check_mapping, check_real, describe, public
from coopgame.errors import InvalidGameError, InvalidProfileError, UnresolvedParameterError
from coopgame.games.expressions import as_expression, parameter_values, with_defaults

__all__ = ["ContinuousGame"]


def _is_unbounded(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, (float, np.floating)) and math.isinf(float(v)):
        return True
    return isinstance(v, sympy.Basic) and v in (sympy.oo, -sympy.oo)


class _Quadratic:
    """A polynomial of degree <= 2 in the choice variables: ``c + l.x + x'Qx`` (None parts are zero)."""

    __slots__ = ("c", "l", "Q", "deg")

    def __init__(self, c: float, l: np.ndarray | None = None, Q: np.ndarray | None = None) -> None:
        self.c, self.l, self.Q = c, l, Q
        self.deg = 2 if Q is not None else 1 if l is not None else 0

    def __add__(self, o: _Quadratic) -> _Quadratic:
        l = o.l if self.l is None else self.l if o.l is None else self.l + o.l
        Q = o.Q if self.Q is None else self.Q if o.Q is None else self.Q + o.Q
        return _Quadratic(self.c + o.c, l, Q)

    def scale(self, k: float) -> _Quadratic:
        return _Quadratic(self.c * k, None if self.l is None else self.l * k, None if self.Q is None else self.Q * k)

    def __mul__(self, o: _Quadratic) -> _Quadratic | None:
        if self.deg + o.deg > 2:
            return None
        if self.deg == 0:
            return o.scale(self.c)
        if o.deg == 0:
            return self.scale(o.c)
        out = self.scale(o.c) + o.scale(self.c)
        assert self.l is not None and o.l is not None  # both of degree one here
        return out + _Quadratic(-self.c * o.c, None, np.outer(self.l, o.l))


def _quadratic(expr: sympy.Expr, index: dict[sympy.Symbol, int], n: int,
               memo: dict[sympy.Expr, Any]) -> _Quadratic | None:
    """``expr`` as a quadratic form in the choice variables, or None when it is not one."""
    if expr in memo:
        return memo[expr]
    out: _Quadratic | None
    if not (expr.free_symbols & index.keys()):
        out = _Quadratic(float(expr)) if not expr.free_symbols else None
    elif expr.is_Symbol:
        l = np.zeros(n)
        l[index[expr]] = 1.0
        out = _Quadratic(0.0, l)
    elif expr.is_Add:
        out = _Quadratic(0.0)
        for a in expr.args:
            q = _quadratic(a, index, n, memo)
            if q is None:
                out = None
                break
            out = out + q
    elif expr.is_Mul:
        out = _Quadratic(1.0)
        for a in expr.args:
            q = _quadratic(a, index, n, memo)
            out = None if q is None else out * q
            if out is None:
                break
    elif expr.is_Pow and expr.exp in (1, 2):
        q = _quadratic(expr.base, index, n, memo)
        out = None if q is None else q if expr.exp == 1 else q * q
    else:
        out = None
    memo[expr] = out
    return out


class _Compiled:
    """Numeric functions of a parameter-free game, made once.

    Every function takes the whole profile and returns all players' values at
    once, so solvers never call sympy inside their loops. Payoffs that are
    polynomials of degree <= 2 in the choices (the common case: quadratic
    benefits and damages) are held as coefficient arrays, exactly; others are
    turned into one ``sympy.lambdify`` function for all payoffs, one for all
    first-order conditions and one for their Jacobian.
    """

    def __init__(self, game: ContinuousGame) -> None:
        n = self.n = game.num_players
        self.xs = list(game.strategies)
        self.lo = np.array([-np.inf if b[0] is None else float(b[0]) for b in game.bounds])
        self.hi = np.array([np.inf if b[1] is None else float(b[1]) for b in game.bounds])
        self.payoff_exprs = list(game.payoffs)
        index = {x: k for k, x in enumerate(self.xs)}
        memo: dict[sympy.Expr, Any] = {}
        found = [_quadratic(u, index, n, memo) for u in self.payoff_exprs]
        forms = [f for f in found if f is not None]
        self.quadratic = len(forms) == len(found)
        self._jac: Any = None
        self._jac_const: np.ndarray | None = None
        self._wgrad: Any = None
        self._whess: Any = None
        self._whess_const: np.ndarray | None = None
        self._own_second: list[sympy.Expr] | None = None
        if self.quadratic:
            self.C = np.array([f.c for f in forms])
            self.L = np.array([f.l if f.l is not None else np.zeros(n) for f in forms])
            Q = np.array([f.Q if f.Q is not None else np.zeros((n, n)) for f in forms])
            self.Q = (Q + Q.transpose(0, 2, 1)) / 2  # u_i = C_i + L_i.x + x'Q_i x
            diag = np.arange(n)
            self.H = 2 * self.Q[diag, diag, diag]  # own second derivatives
            self._jac_const = 2 * self.Q[diag, diag, :]
            self._wL = self.L.sum(axis=0)
            self._whess_const = 2 * self.Q.sum(axis=0)
        else:
            self._pay = sympy.lambdify(self.xs, self.payoff_exprs, modules="numpy")
            self.grad_exprs = [sympy.diff(u, x) for u, x in zip(self.payoff_exprs, self.xs)]
            self._grad = sympy.lambdify(self.xs, self.grad_exprs, modules="numpy")

    # ------------------------------------------------------------------ evaluation
    def _stack(self, values: Sequence[Any], shape: tuple[int, ...]) -> np.ndarray:
        return np.stack([np.broadcast_to(np.asarray(v, dtype=float), shape) for v in values])

    def payoffs(self, x: np.ndarray) -> np.ndarray:
        """Payoffs at one profile (shape (N,)) or a batch of profiles (shape (N, K))."""
        x = np.asarray(x, dtype=float)
        if self.quadratic:
            if x.ndim == 1:
                return self.C + self.L @ x + np.einsum("ijk,j,k->i", self.Q, x, x)
            return self.C[:, None] + self.L @ x + np.stack([np.sum(x * (q @ x), axis=0) for q in self.Q])
        return self._stack(self._pay(*x), x.shape[1:])

    def deviations(self, x: np.ndarray, players: Sequence[int], pts: np.ndarray) -> np.ndarray:
        """Payoff of each listed player when it alone moves to each of its points ``pts[k]``."""
        players = list(players)
        if self.quadratic:
            u = self.payoffs(x)[players]
            g = self.grad(x)[players]
            dt = pts - x[players][:, None]
            return u[:, None] + g[:, None] * dt + (self.H[players] / 2)[:, None] * dt ** 2
        m, grid = pts.shape
        batch = np.repeat(x[:, None], m * grid, axis=1)
        for k, i in enumerate(players):
            batch[i, k * grid:(k + 1) * grid] = pts[k]
        u = self.payoffs(batch)
        return np.stack([u[i, k * grid:(k + 1) * grid] for k, i in enumerate(players)])

    def deviation_scalar(self, x: np.ndarray, i: int, t: float) -> float:
        """Player ``i``'s payoff when it alone moves to ``t``."""
        return float(self.deviations(x, [i], np.array([[t]]))[0, 0])

    def grad(self, x: np.ndarray) -> np.ndarray:
        """Each player's derivative of its payoff in its own choice (the first-order conditions)."""
        x = np.asarray(x, dtype=float)
        if self.quadratic:
            return np.diagonal(self.L) + self._jac_const @ x
        return self._stack(self._grad(*x), ())

    def _matrix(self, exprs: list[list[sympy.Expr]]) -> tuple[Any, np.ndarray | None]:
        flat = [e for row in exprs for e in row]
        if all(not e.free_symbols for e in flat):
            return None, np.array([float(e) for e in flat]).reshape(self.n, self.n)
        f = sympy.lambdify(self.xs, flat, modules="numpy")
        return f, None

    def jac(self, x: np.ndarray) -> np.ndarray:
        """Jacobian of :meth:`grad` (N x N)."""
        if self._jac is None and self._jac_const is None:
            self._jac, self._jac_const = self._matrix(
                [[sympy.diff(g, xj) for xj in self.xs] for g in self.grad_exprs])
        if self._jac_const is not None:
            return self._jac_const
        return self._stack(self._jac(*np.asarray(x, dtype=float)), ()).reshape(self.n, self.n)

    @property
    def grad_is_linear(self) -> bool:
        self.jac(np.zeros(self.n))
        return self._jac_const is not None

    @property
    def own_linear(self) -> np.ndarray:
        """Players whose payoff is linear in their own choice."""
        if self.quadratic:
            return self.H == 0
        return np.array([not g.has(x) for g, x in zip(self.grad_exprs, self.xs)])

    def welfare_grad(self, x: np.ndarray) -> np.ndarray:
        """Gradient of the sum of payoffs."""
        x = np.asarray(x, dtype=float)
        if self.quadratic:
            return self._wL + self._whess_const @ x
        if self._wgrad is None:
            total = sympy.Add(*self.payoff_exprs)
            self._wgrad_exprs = [sympy.diff(total, xj) for xj in self.xs]
            self._wgrad = sympy.lambdify(self.xs, self._wgrad_exprs, modules="numpy")
        return self._stack(self._wgrad(*x), ())

    def welfare_hess(self, x: np.ndarray) -> np.ndarray:
        """Hessian of the sum of payoffs."""
        if self._whess is None and self._whess_const is None:
            self.welfare_grad(np.zeros(self.n))
            self._whess, self._whess_const = self._matrix(
                [[sympy.diff(g, xj) for xj in self.xs] for g in self._wgrad_exprs])
        if self._whess_const is not None:
            return self._whess_const
        return self._stack(self._whess(*np.asarray(x, dtype=float)), ()).reshape(self.n, self.n)

    @property
    def welfare_is_quadratic(self) -> bool:
        self.welfare_hess(np.zeros(self.n))
        return self._whess_const is not None

    @property
    def own_concave(self) -> bool:
        """True when every payoff is provably concave in the player's own choice."""
        if self.quadratic:
            return bool(np.all(self.H <= 0))
        if self._own_second is None:
            self._own_second = [sympy.diff(g, x) for g, x in zip(self.grad_exprs, self.xs)]
        for s in self._own_second:
            if not s.free_symbols:
                if float(s) > 0:
                    return False
            elif s.is_nonpositive is not True:
                return False
        return True


@public
class ContinuousGame:
    """An N-player game in which each player chooses one real number.

    Parameters
    ----------
    payoffs : sequence of N expressions
        ``payoffs[i]`` is player ``i``'s payoff, a sympy expression or a text
        formula in the choice variables and in parameters. Names in text other
        than the choice variables become positive real parameters (as in
        :class:`~coopgame.games.symbolic.SymbolicGame`).
    strategies : sequence of N symbols or names
        Player ``i``'s choice variable. A name becomes a real symbol (or the
        symbol of that name already used in sympy payoffs).
    bounds : sequence of N pairs, optional
        ``(lo, hi)`` per player: numbers, expressions, text or ``None`` (or an
        infinity) for no bound; a whole entry ``None`` leaves the player
        unbounded. ``None`` for every player unbounded.
    players : sequence of N str, optional
        Player labels (``"Player 1"``, ... by default).
    defaults : mapping, optional
        Default parameter values (by symbol or name), used by :meth:`numeric`
        and by numeric solvers for parameters not given otherwise.

    Attributes
    ----------
    payoffs : tuple of sympy.Expr
    strategies : tuple of sympy.Symbol
    bounds : tuple of (lo, hi)
        sympy expressions, ``None`` where unbounded.
    players : tuple of str
    parameters : tuple of sympy.Symbol
        The free symbols other than the choice variables, sorted by name.

    Examples
    --------
    Two regions contribute ``g1, g2`` of an endowment ``e`` to a public good
    with return ``r`` (a linear public-goods game):

    >>> from coopgame.games.continuous import ContinuousGame
    >>> game = ContinuousGame(["e - g1 + r/2*(g1 + g2)", "e - g2 + r/2*(g1 + g2)"],
    ...                       ["g1", "g2"], [(0, "e"), (0, "e")])
    >>> game
    ContinuousGame(2 players, strategies g1 in [0, e], g2 in [0, e], parameters e, r)
    >>> game.parameters
    (e, r)
    >>> game.subs(e=10, r=1.5).payoffs
    (-0.25*g1 + 0.75*g2 + 10, 0.75*g1 - 0.25*g2 + 10)
    """

    __slots__ = ("_payoffs", "_strategies", "_bounds", "_players", "_defaults", "_hash", "_compiled")

    def __init__(
        self,
        payoffs: Sequence[Any],
        strategies: Sequence[Any],
        bounds: Sequence[Any] | None = None,
        players: Sequence[str] | None = None,
        *,
        defaults: Mapping[Any, Any] | None = None,
    ) -> None:
        where = "ContinuousGame"
        if isinstance(payoffs, (str, bytes, dict)) or not isinstance(payoffs, (Sequence, np.ndarray)):
            raise InvalidGameError(f"{where}: expected a sequence of payoff expressions, one per player, got {describe(payoffs)}")
        if isinstance(strategies, (str, bytes, dict)) or not isinstance(strategies, (Sequence, np.ndarray)):
            raise InvalidGameError(f"{where}: expected a sequence of choice variables, one per player, got {describe(strategies)}")
        payoffs = list(payoffs)
        strategies = list(strategies)
        n = len(payoffs)
        if n == 0:
            raise InvalidGameError(f"{where}: expected at least one player, got no payoffs")
        if len(strategies) != n:
            raise InvalidGameError(f"{where}: expected one choice variable per player ({n}), got {len(strategies)}")
        known: dict[str, sympy.Symbol] = {}
        for p in payoffs:
            if isinstance(p, sympy.Basic):
                known.update({s.name: s for s in p.free_symbols if isinstance(s, sympy.Symbol)})
        xs: list[sympy.Symbol] = []
        for k, s in enumerate(strategies):
            if isinstance(s, sympy.Symbol):
                sym = s
            elif isinstance(s, str) and s.isidentifier():
                sym = known.get(s) or sympy.Symbol(s, real=True)
            else:
                raise InvalidGameError(f"{where}: expected a symbol or a name for player {k + 1}'s choice variable, got {describe(s)}")
            xs.append(sym)
        names = [s.name for s in xs]
        if len(set(names)) != n:
            raise InvalidGameError(f"{where}: expected distinct choice variables, got {names}")
        by_name = {s.name: s for s in xs}
        known.update(by_name)
        exprs = []
        for k, p in enumerate(payoffs):
            e = as_expression(p, known, f"{where} (player {k + 1}'s payoff)")
            # a symbol named like a choice variable but with other assumptions means that variable
            e = e.xreplace({s: by_name[s.name] for s in e.free_symbols
                            if isinstance(s, sympy.Symbol) and s.name in by_name and s != by_name[s.name]})
            known.update({s.name: s for s in e.free_symbols if isinstance(s, sympy.Symbol)})
            exprs.append(e)
        if bounds is None:
            bounds = [None] * n
        if isinstance(bounds, (str, bytes, dict)) or not isinstance(bounds, (Sequence, np.ndarray)) or len(bounds) != n:
            raise InvalidGameError(f"{where}: expected one (lo, hi) pair per player ({n}), got {describe(bounds)}")
        bnds = []
        for k, b in enumerate(bounds):
            if b is None:
                bnds.append((None, None))
                continue
            if isinstance(b, (str, bytes)) or not isinstance(b, (Sequence, np.ndarray)) or len(b) != 2:
                raise InvalidGameError(f"{where}: expected a (lo, hi) pair for player {k + 1}'s bounds, got {describe(b)}")
            pair: list[Any] = []
            for v in b:
                if _is_unbounded(v):
                    pair.append(None)
                    continue
                e = as_expression(v, known, f"{where} (player {k + 1}'s bounds)")
                if e.free_symbols & set(xs):
                    raise InvalidGameError(f"{where}: expected bounds free of the choice variables, got {e} for player {k + 1}")
                pair.append(e)
            lo, hi = pair
            if lo is not None and hi is not None and (hi - lo).is_negative:
                raise InvalidGameError(f"{where}: expected lo <= hi for player {k + 1}'s bounds, got ({lo}, {hi})")
            bnds.append((lo, hi))
        self._payoffs = tuple(exprs)
        self._strategies = tuple(xs)
        self._bounds = tuple(bnds)
        if players is None:
            self._players = tuple(f"Player {k + 1}" for k in range(n))
        else:
            if isinstance(players, (str, bytes)) or not isinstance(players, Sequence) or len(players) != n:
                raise InvalidGameError(f"{where}: expected {n} player labels, got {describe(players)}")
            self._players = tuple(str(p) for p in players)
            if len(set(self._players)) != n:
                raise InvalidGameError(f"{where}: expected distinct player labels, got {list(self._players)}")
        self._defaults = self._resolve(check_mapping(defaults, "defaults", "ContinuousGame", what="a mapping from parameter names to values"), "defaults")
        self._hash: int | None = None
        self._compiled: _Compiled | None = None

    # ------------------------------------------------------------------ attributes
    @property
    def payoffs(self) -> tuple[sympy.Expr, ...]:
        """One payoff expression per player."""
        return self._payoffs

    @property
    def strategies(self) -> tuple[sympy.Symbol, ...]:
        """Each player's choice variable."""
        return self._strategies

    @property
    def bounds(self) -> tuple[tuple[sympy.Expr | None, sympy.Expr | None], ...]:
        """Each player's ``(lo, hi)``, ``None`` where unbounded."""
        return self._bounds

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def num_players(self) -> int:
        """Number of players ``N``."""
        return len(self._payoffs)

    @property
    def defaults(self) -> dict[sympy.Symbol, Any]:
        """Default parameter values (a copy)."""
        return dict(self._defaults)

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of payoffs and bounds other than the choice variables, sorted by name."""
        free: set[sympy.Symbol] = set()
        for e in self._payoffs:
            free |= e.free_symbols
        for b in self._bounds:
            for v in b:
                if v is not None:
                    free |= v.free_symbols
        free -= set(self._strategies)
        return tuple(sorted(free, key=lambda s: s.name))

    def _resolve(self, mapping: Mapping[Any, Any], what: str) -> dict[sympy.Symbol, Any]:
        return parameter_values(mapping, self.parameters, f"ContinuousGame.{what}", reserved=self._strategies,
                                reserved_what="the choice variable", key_error=InvalidProfileError,
                                name_error=InvalidProfileError)

    # ------------------------------------------------------------------ substitution
    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> ContinuousGame:
        """A new game with parameter values substituted (keys: symbols or names).

        Examples
        --------
        >>> from coopgame.games.continuous import ContinuousGame
        >>> ContinuousGame(["b*x - x**2/2"], ["x"], [(0, None)]).subs(b=3)
        ContinuousGame(1 players, strategies x in [0, oo), parameters none)
        """
        combined = check_mapping(mapping, "the values", "ContinuousGame.subs", what="a mapping from parameter names to values")
        combined.update(values)
        resolved = self._resolve(combined, "subs")
        known = {s.name: s for s in self.parameters}
        sub = {k: as_expression(v, known, "ContinuousGame.subs") for k, v in resolved.items()}
        payoffs = [e.xreplace(sub) for e in self._payoffs]
        bounds = [tuple(None if v is None else v.xreplace(sub) for v in b) for b in self._bounds]
        game = ContinuousGame(payoffs, self._strategies, bounds, self._players)
        game._defaults = {k: v for k, v in self._defaults.items() if k not in sub and k in set(game.parameters)}
        return game

    def numeric(self, values: Mapping[Any, Any] | None = None, **more: Any) -> ContinuousGame:
        """The game with defaults, overridden by ``values``, substituted; no parameter may stay free.

        Raises
        ------
        UnresolvedParameterError
            When a parameter has neither a value nor a default.
        """
        combined = with_defaults(self._defaults, values, more, "ContinuousGame.numeric")
        game = self.subs(combined) if combined else self
        if game.parameters:
            missing = ", ".join(s.name for s in game.parameters)
            raise UnresolvedParameterError(f"ContinuousGame.numeric: expected values for every parameter, missing {missing}")
        return game

    def compiled(self) -> _Compiled:
        """Lambdified payoffs and derivatives (made once; the game must have no free parameter)."""
        if self._compiled is None:
            if self.parameters:
                missing = ", ".join(s.name for s in self.parameters)
                raise UnresolvedParameterError(
                    f"ContinuousGame: expected numeric parameters to evaluate, missing {missing}; use subs() or values=")
            self._compiled = _Compiled(self)
        return self._compiled

    def evaluate(self, profile: Sequence[float]) -> np.ndarray:
        """Every player's payoff at a profile (one number per player).

        Examples
        --------
        >>> from coopgame.games.continuous import ContinuousGame
        >>> ContinuousGame(["x*y", "x + y"], ["x", "y"]).evaluate([2, 3])
        array([6., 5.])
        """
        where = "ContinuousGame.evaluate"
        if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)) \
                or len(profile) != self.num_players:
            raise InvalidProfileError(f"{where}: expected {self.num_players} numbers, got {describe(profile)}")
        x = np.array([check_real(v, f"the choice of {self._players[k]!r}", where) for k, v in enumerate(profile)], dtype=float)
        with np.errstate(all="ignore"):  # a payoff undefined at x is refused below, not warned about
            values = call_user(self.compiled().payoffs, x, where=where, what="the payoff functions")
        values = np.asarray(values, dtype=float)
        if not np.isfinite(values).all():
            raise InvalidProfileError(f"{where}: expected a profile at which every payoff is a finite real number, "
                                      f"got payoffs {values.tolist()} at {describe(list(profile))}")
        return values

    # ------------------------------------------------------------------ dunder
    def __repr__(self) -> str:
        def fmt(v: Any, inf: str) -> str:
            return inf if v is None else str(v)

        parts = [f"{x} in {'(' if b[0] is None else '['}{fmt(b[0], '-oo')}, {fmt(b[1], 'oo')}{')' if b[1] is None else ']'}"
                 for x, b in zip(self._strategies[:6], self._bounds)]
        if self.num_players > 6:
            parts.append("...")
        params = ", ".join(s.name for s in self.parameters) or "none"
        return f"ContinuousGame({self.num_players} players, strategies {', '.join(parts)}, parameters {params})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContinuousGame):
            return NotImplemented
        return (self._players == other._players and self._strategies == other._strategies
                and self._payoffs == other._payoffs and self._bounds == other._bounds)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._players, self._strategies, self._payoffs, self._bounds))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._payoffs, self._strategies, self._bounds, self._players, self._defaults))


def _rebuild(payoffs: Sequence[Any], strategies: Sequence[Any], bounds: Sequence[Any], players: Sequence[str],
             defaults: Mapping[Any, Any]) -> ContinuousGame:
    return ContinuousGame(list(payoffs), list(strategies), list(bounds), list(players),
                          defaults={k.name: v for k, v in defaults.items()})

