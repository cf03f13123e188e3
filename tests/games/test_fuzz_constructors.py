"""Hypothesis fuzzing of the game constructors: junk in, a valid game or a CoopgameError out, nothing else.

Arbitrary nested lists of mixed entries (ints, floats with NaN and
infinities, huge integers, strings, None, booleans, complex numbers,
Fractions, sympy numbers and symbols) are given to every constructor. Each
call must either build a game that behaves as one (its payoffs finite and of
the right shape, its repr, HTML and hash working) or raise a
:class:`~coopgame.CoopgameError`; any other exception fails the test.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.errors import CoopgameError
from coopgame.games.symmetric import SymmetricGame

FUZZ = settings(max_examples=60, deadline=None)

junk_scalars = st.one_of(
    st.integers(min_value=-5, max_value=5),
    st.integers(min_value=-(10**420), max_value=10**420),
    st.floats(allow_nan=True, allow_infinity=True),
    st.fractions(max_denominator=10**6),
    st.builds(Fraction, st.integers(min_value=-(10**400), max_value=10**400), st.integers(min_value=1, max_value=10**400)),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=4),
    st.sampled_from(["x", "1/2", "r*c - c", "(", "oo", "nan", "10**400", ""]),
    st.sampled_from([sympy.Rational(1, 3), sympy.Symbol("c"), sympy.oo, sympy.nan, sympy.I, sympy.Float("1e400")]),
    st.sampled_from([np.float64("nan"), np.int64(7), np.bool_(True), np.float32(1.5)]),
)

#: Nested lists of junk: usually game-shaped (N arrays of N axes), often not.
nested = st.recursive(junk_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=24)


@st.composite
def shaped(draw, entries=junk_scalars):
    """N payoff arrays of N axes filled with junk (a game whenever the junk happens to be numbers)."""
    n = draw(st.integers(min_value=1, max_value=3))
    shape = tuple(draw(st.integers(min_value=0, max_value=2)) for _ in range(n))

    def fill(dims):
        if not dims:
            return draw(entries)
        return [fill(dims[1:]) for _ in range(dims[0])]

    return [fill(shape) for _ in range(n)]


def _is_a_game(game: cg.NormalFormGame | cg.SymbolicGame) -> None:
    assert len(game.payoffs) == game.num_players == len(game.shape) == len(game.players) == len(game.actions)
    assert all(a.shape == game.shape for a in game.payoffs)
    assert all(len(labels) == m for labels, m in zip(game.actions, game.shape))
    if isinstance(game, cg.NormalFormGame):
        assert all(np.isfinite(a).all() for a in game.float_payoffs)
        assert game.tolerance >= 0
    repr(game)
    game._repr_html_()
    hash(game)


def _build(constructor, *args, **kwargs):
    try:
        return constructor(*args, **kwargs)
    except CoopgameError:
        return None


@FUZZ
@given(st.one_of(nested, shaped()), st.sampled_from([None, True, False]))
def test_fuzz_normal_form_game(payoffs, exact):
    game = _build(cg.NormalFormGame, payoffs, exact=exact)
    if game is not None:
        _is_a_game(game)
        if exact:
            assert game.is_exact


@FUZZ
@given(st.one_of(nested, shaped()))
def test_fuzz_symbolic_game(payoffs):
    game = _build(cg.SymbolicGame, payoffs)
    if game is not None:
        _is_a_game(game)
        game._repr_latex_()
        numeric = _build(game.subs, {s: 2 for s in game.parameters})
        if numeric is not None:
            _is_a_game(numeric)


@FUZZ
@given(shaped(), st.lists(st.one_of(st.none(), st.lists(st.one_of(st.text(max_size=2), st.integers(), st.none()),
                                                         max_size=3)), max_size=4))
def test_fuzz_labels(payoffs, actions):
    game = _build(cg.NormalFormGame, payoffs, actions=actions)
    if game is not None:
        _is_a_game(game)


@FUZZ
@given(st.one_of(st.integers(min_value=-2, max_value=6), st.integers(min_value=10**6, max_value=10**30),
                 st.floats(allow_nan=True), st.booleans(), st.none()),
       st.one_of(st.integers(min_value=-1, max_value=4), st.integers(min_value=10**5, max_value=10**12),
                 st.lists(st.text(max_size=2), max_size=4), st.none()),
       nested)
def test_fuzz_symmetric_game(num_players, actions, table):
    game = _build(SymmetricGame.from_table, num_players, actions, table)
    if game is not None:
        assert game.table.shape == (game.num_actions, len(game.count_vectors))
        assert np.isfinite(game.float_table).all()
        repr(game)
        game._repr_html_()
    # a payoff of constant cost: the table may have two million entries (one action per entry, one player), and
    # summing the counts there would take actions**2 steps in the test's own callback
    made = _build(SymmetricGame, num_players, actions, lambda own, counts: counts[0] - own)
    if made is not None:
        assert made.table.shape == (made.num_actions, len(made.count_vectors))


@FUZZ
@given(st.one_of(nested, st.lists(st.integers(min_value=-1, max_value=10**12), max_size=40)),
       st.one_of(st.none(), st.integers(min_value=-3, max_value=10**30), st.text(max_size=2)),
       st.one_of(st.booleans(), st.none(), st.integers()),
       st.one_of(st.integers(min_value=-3, max_value=20), st.floats(allow_nan=True)))
def test_fuzz_random_game(shape, seed, integer, high):
    game = _build(cg.random_game, shape, seed=seed, integer=integer, high=high, max_size=10**4)
    if game is not None:
        _is_a_game(game)


@FUZZ
@given(junk_scalars, junk_scalars, st.one_of(junk_scalars, st.lists(junk_scalars, max_size=3)))
def test_fuzz_instruments(amount, action, detection):
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2)
    for make in (lambda: cg.Subsidy(0, action, amount), lambda: cg.Penalty(1, "D", amount, detection=detection),
                 lambda: cg.Transfer(0, 1, amount), lambda: cg.Standard(0, action)):
        instrument = _build(make)
        if instrument is not None:
            game = _build(pd.apply, instrument)
            if game is not None:
                _is_a_game(game)
                _build(cg.instrument_cost, game, ("C", "D"))


@pytest.mark.parametrize("value", [np.float64("nan"), float("inf"), 10**400, "x", None, True, 1j])
def test_fuzz_helpers_catch_the_classes_they_claim(value):
    """The harness itself: a known bad entry is refused, so `_build` returning None is the typed path."""
    assert _build(cg.NormalFormGame, [[[value, 0], [0, 0]], [[0, 0], [0, 0]]]) is None
