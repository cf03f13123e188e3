"""Games whose payoffs are sympy expressions of named parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_mapping, describe, public
from coopgame._numeric import readonly
from coopgame.errors import InvalidArgumentTypeError, InvalidGameError, InvalidProfileError, UnresolvedParameterError
from coopgame.games._base import GameBase, build_game, game_labels
from coopgame.games._display import latex_tables
from coopgame.games._payoffs import check_shapes, payoff_array
from coopgame.games.expressions import FUNCTIONS, as_expression, free_symbols, parameter_values
from coopgame.games.normal_form import NormalFormGame

__all__ = ["SymbolicGame", "build_game", "as_expression", "FUNCTIONS"]

_free = free_symbols


@public
class SymbolicGame(GameBase, kind="symbolic"):
    """A finite game in strategic form whose payoffs are sympy expressions.

    Parameters
    ----------
    payoffs : sequence of N array-likes
        ``payoffs[i]`` is player ``i``'s payoff array of shape ``(m_1, ..., m_N)``
        (matrices for two players). Entries are numbers, sympy expressions, or
        text formulas such as ``"r*c/2 - c"``; names in text become positive
        real symbols.
    players, actions : optional
        Labels, as for :class:`NormalFormGame`.
    defaults : mapping, optional
        Default parameter values (by symbol or name), used by
        :meth:`numeric`.

    Examples
    --------
    Two regions choose to govern pollution (cost ``c``) or free-ride; each
    governing region creates ``r*c`` shared by both:

    >>> import coopgame as cg
    >>> game = cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
    ...                         [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]],
    ...                        actions=[["Govern", "Free-ride"]] * 2)
    >>> game.parameters
    (c, r)
    >>> game
    SymbolicGame (Player 1: rows, Player 2: columns)
                                Govern             Free-ride
    Govern        c*r - c, c*r - c  c*r/2 - c, c*r/2
    Free-ride     c*r/2, c*r/2 - c                  0, 0
    >>> game.subs(c=4, r=1.5)
    NormalFormGame (Player 1: rows, Player 2: columns)
                 Govern  Free-ride
    Govern         2, 2      -1, 3
    Free-ride     3, -1       0, 0
    """

    __slots__ = ("_payoffs", "_players", "_actions", "_defaults", "_instruments", "_hash", "_exact")

    def __init__(
        self,
        payoffs: Sequence[Any],
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        *,
        defaults: Mapping[Any, Any] | None = None,
    ) -> None:
        if isinstance(payoffs, (str, bytes, dict)) or not isinstance(payoffs, (Sequence, np.ndarray, sympy.Array)):
            raise InvalidGameError(f"SymbolicGame: expected a sequence of payoff arrays, one per player, got {describe(payoffs)}")
        arrays = []
        for k, p in enumerate(payoffs):
            if isinstance(p, sympy.MatrixBase):
                p = p.tolist()
            elif isinstance(p, sympy.NDimArray):
                p = np.array(p.tolist(), dtype=object)
            arrays.append(payoff_array(p, k, "SymbolicGame", formulas=True))
        shape = check_shapes(arrays, "SymbolicGame")
        known: dict[str, sympy.Symbol] = {}
        for a in arrays:
            for v in a.reshape(-1):
                if isinstance(v, sympy.Basic):
                    known.update({s.name: s for s in v.free_symbols if isinstance(s, sympy.Symbol)})
        out = []
        for a in arrays:
            b = np.empty(shape, dtype=object)
            for idx in np.ndindex(*shape):
                b[idx] = as_expression(a[idx], known)
                known.update({s.name: s for s in b[idx].free_symbols if isinstance(s, sympy.Symbol)})
            out.append(readonly(b))
        self._payoffs = tuple(out)
        self._players, self._actions = game_labels(players, actions, shape, "SymbolicGame")
        self._defaults = self._resolve_mapping(check_mapping(defaults, "defaults", "SymbolicGame", what="a mapping from parameter names to values"), "defaults")
        self._instruments: tuple[Any, ...] = ()
        self._hash: int | None = None
        self._exact: bool | None = None  # False when made from a float game: its numeric games stay float

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of the payoffs, sorted by name."""
        return tuple(sorted(_free(self._payoffs), key=lambda s: s.name))

    @property
    def defaults(self) -> dict[sympy.Symbol, Any]:
        """Default parameter values (a copy)."""
        return dict(self._defaults)

    def symbol(self, name: str | sympy.Symbol) -> sympy.Symbol:
        """The game's parameter with this name."""
        if isinstance(name, sympy.Symbol):
            return name
        if not isinstance(name, str):
            raise InvalidArgumentTypeError(f"SymbolicGame.symbol: expected a parameter name (str), got {describe(name)}")
        for s in self.parameters:
            if s.name == name:
                return s
        raise InvalidProfileError(
            f"SymbolicGame: expected a parameter name in {[s.name for s in self.parameters]}, got {name!r}"
        )

    def _resolve_mapping(self, mapping: Mapping[Any, Any], what: str) -> dict[sympy.Symbol, Any]:
        return parameter_values(mapping, self.parameters, f"SymbolicGame.{what}", key_error=InvalidProfileError,
                                name_error=InvalidProfileError, foreign_symbols=True)

    # ------------------------------------------------------------------ numbers
    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> SymbolicGame | NormalFormGame:
        """Substitute parameter values.

        Keys are symbols or their names (``game.subs({"c": 4})`` or
        ``game.subs(c=4)``); values are numbers or expressions. Returns a
        :class:`NormalFormGame` once no parameter is left (exact when every
        payoff is rational), otherwise a :class:`SymbolicGame`.
        """
        if mapping is not None and not isinstance(mapping, Mapping):
            raise InvalidArgumentTypeError(
                f"SymbolicGame.subs: expected a mapping from parameters to values (or keyword arguments), "
                f"got {describe(mapping)}"
            )
        combined = dict(mapping or {})
        combined.update(values)
        resolved = self._resolve_mapping(combined, "subs")
        sub = {k: as_expression(v, {s.name: s for s in self.parameters}, "SymbolicGame.subs") for k, v in resolved.items()}
        arrays = [np.vectorize(lambda e: e.xreplace(sub), otypes=[object])(a) for a in self._payoffs]
        defaults = {k: v for k, v in self._defaults.items() if k not in sub}
        instruments = tuple(i.substituted(sub) if hasattr(i, "substituted") else i for i in self._instruments)
        game = build_game(arrays, self._players, self._actions, instruments=instruments, defaults=defaults,
                          exact=self._exact)
        assert isinstance(game, (SymbolicGame, NormalFormGame))
        return game

    def numeric(self, **values: Any) -> NormalFormGame:
        """The numeric game at the default parameter values, overridden by ``values``."""
        combined = {k.name: v for k, v in self._defaults.items()}
        combined.update(values)
        game = self.subs(combined)
        if isinstance(game, SymbolicGame):
            missing = ", ".join(s.name for s in game.parameters)
            raise UnresolvedParameterError(f"SymbolicGame.numeric: expected values for every parameter, missing {missing}")
        return game

    def lambdify(self) -> Callable[..., np.ndarray]:
        """A vectorised numpy function of the parameters giving all payoffs.

        The function takes the parameters (in the order of :attr:`parameters`,
        positionally or by name) as scalars or arrays that broadcast together,
        and returns an array of shape ``(N, m_1, ..., m_N) + broadcast shape``.

        Examples
        --------
        >>> import coopgame as cg, numpy as np
        >>> game = cg.SymbolicGame([[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]])
        >>> f = game.lambdify()
        >>> f(b=np.array([3.0, 5.0]), c=1.0)[0, 0, 0]
        array([2., 4.])
        """
        params = self.parameters
        flat = [e for a in self._payoffs for e in a.reshape(-1)]
        # common subexpressions (a fine ``rho*F`` in several payoffs) computed once per call
        func = sympy.lambdify(params, flat, modules="numpy", cse=True)
        out_shape = (self.num_players, *self.shape)
        names = [s.name for s in params]

        def payoffs(*args: Any, **kwargs: Any) -> np.ndarray:
            if len(args) > len(names):
                raise InvalidProfileError(f"lambdify: expected at most {len(names)} parameters {names}, got {len(args)}")
            given = dict(zip(names, args))
            for k, v in kwargs.items():
                if k not in names or k in given:
                    raise InvalidProfileError(f"lambdify: expected each of the parameters {names} once, got {k!r}")
                given[k] = v
            missing = [k for k in names if k not in given]
            if missing:
                raise InvalidProfileError(f"lambdify: expected values for {missing}")
            vals = []
            for k in names:
                try:
                    v = np.asarray(given[k], dtype=float)
                except (TypeError, ValueError, OverflowError):
                    v = None
                # one read of the values (a sum is finite unless a value is not, or it overflows; then look closer)
                if (v is None or isinstance(given[k], bool)
                        or (not np.isfinite(np.add.reduce(v, axis=None)) and not np.isfinite(v).all())):
                    raise InvalidProfileError(f"lambdify: expected finite real values for {k!r}, got {describe(given[k])}")
                vals.append(v)
            batch = np.broadcast_shapes(*(v.shape for v in vals)) if vals else ()
            res = func(*vals)
            return np.stack([np.broadcast_to(np.asarray(r, dtype=float), batch) for r in res]).reshape(out_shape + batch)

        payoffs.__doc__ = f"Payoffs of all players as a function of {names}."
        return payoffs

    # ------------------------------------------------------------------ display
    def _entry_latex(self, value: Any) -> str:
        return str(sympy.latex(value))

    def _repr_latex_(self) -> str:
        """The payoff table as a LaTeX formula (an ``array``, as :meth:`to_latex` lays it out)."""
        return "$$" + latex_tables(self._players, self._actions, self._payoffs, self._entry_latex, math=True) + "$$"

    def __repr__(self) -> str:
        if self.num_players != 2 or max(self.shape) > 8:
            names = ", ".join(s.name for s in self.parameters)
            return f"SymbolicGame({self.num_players} players {self._players}, actions {self.shape}, parameters {names})"
        return self._table("SymbolicGame")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SymbolicGame):
            return NotImplemented
        return (self._players == other._players and self._actions == other._actions
                and all(np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs)))

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._players, self._actions, tuple(tuple(a.reshape(-1)) for a in self._payoffs)))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (tuple(a.tolist() for a in self._payoffs), self._players, self._actions,
                           self._defaults, self._instruments, self._exact))


def _rebuild(payoffs: Sequence[Any], players: Sequence[str], actions: Sequence[Sequence[str]],
             defaults: Mapping[Any, Any], instruments: tuple[Any, ...], exact: bool | None = None) -> SymbolicGame:
    game = SymbolicGame(payoffs, players, actions, defaults=defaults)
    game._instruments = instruments
    game._exact = exact
    return game
