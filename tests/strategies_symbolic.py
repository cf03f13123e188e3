"""Hypothesis generators for symbolic games, parameter values and policy instruments.

Kept apart from ``tests/strategies.py`` (numeric games, T > R > P > S payoffs,
mixed strategies, TU games). The generators are tested in
``tests/test_symbolic.py`` (``test_generator_*``).

Everything drawn here is small and exact on purpose: integer coefficients,
parameter values that are positive dyadic rationals (multiples of 1/4), so
that a float evaluation (``lambdify``) of a drawn game at drawn values is
exact and ties are the same in float and rational arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

import coopgame as cg

#: Parameter names drawn for symbolic games. Several are names sympy gives a
#: meaning of its own (S, N, E, I, Q, beta): in coopgame formulas they are
#: plain positive symbols.
PARAMETER_NAMES = ("a", "b", "c", "S", "N", "E", "I", "Q", "beta", "rho")

#: Names of instrument parameters; disjoint from PARAMETER_NAMES.
INSTRUMENT_NAMES = ("s", "F", "T", "tau")

SHAPES = ((2, 2), (2, 3), (3, 2))


def positive_symbol(name: str) -> sympy.Symbol:
    """The symbol a coopgame formula makes of ``name``."""
    return sympy.Symbol(name, positive=True)


#: Positive dyadic rationals: exact as floats too.
dyadic_values = st.integers(min_value=1, max_value=40).map(lambda k: Fraction(k, 4))

#: Small integer coefficients (zero included, so entries may be constants).
coefficients = st.integers(min_value=-5, max_value=5)


@st.composite
def symbolic_entries(draw: Callable, names: tuple[str, ...]) -> sympy.Expr:
    """``k0 + k1*p1 + ...`` with integer ``k`` over some of ``names``."""
    expr = sympy.Integer(draw(coefficients))
    for name in names:
        expr += draw(coefficients) * positive_symbol(name)
    return expr


@st.composite
def symbolic_games(draw: Callable, shapes: tuple[tuple[int, ...], ...] = SHAPES,
                   min_parameters: int = 1, max_parameters: int = 3, as_text: bool | None = None) -> cg.SymbolicGame:
    """A random SymbolicGame with integer coefficients times random parameters.

    At least one entry holds each chosen parameter, so ``game.parameters`` is
    exactly the chosen set. Entries are given as sympy expressions or, when
    ``as_text`` (drawn when None), as text formulas.
    """
    shape = draw(st.sampled_from(shapes))
    names = tuple(sorted(draw(st.sets(st.sampled_from(PARAMETER_NAMES), min_size=min_parameters,
                                      max_size=max_parameters))))
    n = len(shape)
    size = int(np.prod(shape))
    entries = [draw(symbolic_entries(names)) for _ in range(n * size)]
    # make sure every chosen parameter appears somewhere
    for _k, name in enumerate(names):
        slot = draw(st.integers(min_value=0, max_value=n * size - 1))
        entries[slot] = entries[slot] + draw(st.sampled_from([-3, -2, -1, 1, 2, 3])) * positive_symbol(name)
        if positive_symbol(name) not in entries[slot].free_symbols:  # the two terms cancelled
            entries[slot] = entries[slot] + positive_symbol(name)
    if as_text is None:
        as_text = draw(st.booleans())
    values: list[Any] = [str(e) if as_text else e for e in entries]
    arrays = [np.array(values[p * size:(p + 1) * size], dtype=object).reshape(shape) for p in range(n)]
    players = [f"P{p}" for p in range(n)]
    actions = [[f"a{p}{k}" for k in range(m)] for p, m in enumerate(shape)]
    return cg.SymbolicGame(arrays, players=players, actions=actions)


@st.composite
def values_for(draw: Callable, names: tuple[str, ...] | list[str]) -> dict[str, Fraction]:
    """Positive dyadic values for every name."""
    return {name: draw(dyadic_values) for name in names}


@st.composite
def games_with_values(draw: Callable, **kwargs: Any) -> tuple[cg.SymbolicGame, dict[str, Fraction]]:
    """A symbolic game and positive dyadic values for all its parameters."""
    game = draw(symbolic_games(**kwargs))
    return game, draw(values_for([s.name for s in game.parameters]))


# ---------------------------------------------------------------------------- instruments

@st.composite
def when_forms(draw: Callable, players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]) -> Any:
    """Every form of Transfer's ``when``: None, mapping, profile (with None), list of profiles, predicate."""
    n = len(players)
    kind = draw(st.sampled_from(["none", "mapping", "profile", "profiles", "predicate"]))
    if kind == "none":
        return None
    if kind == "mapping":
        who = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
        return {players[p]: draw(st.sampled_from(actions[p])) for p in who}

    def one_profile() -> tuple:
        return tuple(draw(st.one_of(st.none(), st.sampled_from(actions[p]), st.integers(0, len(actions[p]) - 1)))
                     for p in range(n))

    if kind == "profile":
        return one_profile()
    if kind == "profiles":
        return [one_profile() for _ in range(draw(st.integers(1, 3)))]
    target = draw(st.sampled_from(actions[0]))
    return lambda labels: labels[0] == target


@st.composite
def instrument_specs(draw: Callable, game: Any, symbolic: bool = True) -> dict[str, Any]:
    """A description of a Subsidy, Penalty, Transfer or Standard for ``game``.

    The amount is an expression ``k * name`` (or ``k`` when not symbolic) in an
    instrument parameter name; build the instrument with
    :func:`build_instrument`, with or without values for those names.
    """
    n = game.num_players
    kind = draw(st.sampled_from(["Subsidy", "Penalty", "Transfer", "Standard"]))
    player = draw(st.integers(0, n - 1))
    players = game.players

    def amount() -> Any:
        k = draw(st.integers(1, 4))
        if symbolic and draw(st.booleans()):
            return k * positive_symbol(draw(st.sampled_from(INSTRUMENT_NAMES)))
        return sympy.Integer(k) / draw(st.sampled_from([1, 2, 4]))

    spec: dict[str, Any] = {"kind": kind}
    if kind in ("Subsidy", "Penalty"):
        spec.update(player=draw(st.sampled_from([player, players[player]])),
                    action=draw(st.sampled_from([draw(st.integers(0, game.shape[player] - 1)),
                                                 draw(st.sampled_from(game.actions[player]))])),
                    amount=amount())
        if kind == "Penalty":
            spec["detection"] = draw(st.sampled_from([1, sympy.Rational(1, 2), (sympy.Rational(1, 2), sympy.Rational(1, 4))]))
    elif kind == "Transfer":
        payee = draw(st.integers(0, n - 1).filter(lambda q: q != player))
        spec.update(payer=player, payee=payee, amount=amount(), when=draw(when_forms(players, game.actions)))
    else:
        m = game.shape[player]
        spec.update(player=player, forbidden=draw(st.lists(st.integers(0, m - 1), min_size=1, max_size=m - 1, unique=True)))
    return spec


def _value(expr: Any, values: dict[str, Any] | None) -> Any:
    if values is None:
        return expr
    out = sympy.sympify(expr).xreplace({positive_symbol(k): sympy.sympify(v) for k, v in values.items()})
    if out.free_symbols:
        raise ValueError(f"no value for {out.free_symbols}")
    return Fraction(int(out.p), int(out.q))


def build_instrument(spec: dict[str, Any], values: dict[str, Any] | None = None) -> Any:
    """The instrument a spec describes; with ``values``, its amounts are numbers."""
    kind = spec["kind"]
    if kind == "Subsidy":
        return cg.Subsidy(spec["player"], spec["action"], _value(spec["amount"], values))
    if kind == "Penalty":
        det = spec["detection"]
        if values is not None:
            det = [_value(d, values) for d in det] if isinstance(det, tuple) else _value(det, values)
        elif isinstance(det, tuple):
            det = list(det)
        return cg.Penalty(spec["player"], spec["action"], _value(spec["amount"], values), detection=det)
    if kind == "Transfer":
        return cg.Transfer(spec["payer"], spec["payee"], _value(spec["amount"], values), when=spec["when"])
    return cg.Standard(spec["player"], spec["forbidden"])


def instrument_names(spec: dict[str, Any]) -> set[str]:
    """Names of the instrument parameters a spec uses."""
    amount = spec.get("amount")
    return {s.name for s in sympy.sympify(amount).free_symbols} if amount is not None else set()
