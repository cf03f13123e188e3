"""Acceptance checks of the public names that other code relies on (the top-level ``coopgame`` namespace).

Every name is called exactly as the API reference spells it, from the top-level
``coopgame`` namespace, the way an independent checker would: on published
games (with citations) and against other solvers (pygambit, Nashpy,
QuantEcon) on random games, degenerate and float ones included, with the
variants a careful user of those libraries tries (numpy arrays or lists,
ints or floats, 3+ players, 1xN games, labels or indices, negative and
large payoffs, tiny probabilities, exact Fractions compared with ==,
pickling, repr). Every returned equilibrium is checked to have regret
within tolerance (exactly 0 for rational input).

Error behaviour: bad input raises a CoopgameError subclass that is also the
matching built-in exception, with a message naming the function, what was
expected and what came; exponential algorithms refuse big inputs with
SolverLimitError. Calls that could hang run under a wall-clock guard
(``signal.alarm``), which fails the test instead of hanging; no test asserts
a duration.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import pickle
import signal
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy

import coopgame as cg

gbt = pytest.importorskip("pygambit")
nashpy = pytest.importorskip("nashpy")
qgt = pytest.importorskip("quantecon.game_theory")

GAMBIT_CATALOG = Path(gbt.__file__).parent / "catalog_data"
COOPGAME_SCRIPT = Path(sys.executable).parent / "coopgame"


# ----------------------------------------------------------------------------- helpers
@contextlib.contextmanager
def wall_clock_guard(seconds: int):
    """Fail (TimeoutError) instead of hanging when the body runs longer than ``seconds``."""

    def _hang(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s: the call hangs instead of refusing")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_verified(equilibria, exact: bool):
    """Each equilibrium has regret 0 (exact) or within the game's tolerance (float)."""
    for eq in equilibria:
        r = eq.max_regret()
        if exact:
            assert r == 0, eq
        else:
            assert float(r) <= eq.game.tolerance, (eq, r)
        assert len(eq.strategies) == eq.game.num_players
        for s, m in zip(eq.strategies, eq.game.shape):
            assert len(s) == m
            assert min(s) >= 0
            if exact:
                assert sum(s) == 1
            else:
                assert abs(float(sum(s)) - 1) <= 1e-9


def as_fraction_profile(eq, denominator: int | None = None):
    out = []
    for s in eq.strategies:
        if denominator is None:
            out.append(tuple(F(v) for v in s))
        else:
            out.append(tuple(F(float(v)).limit_denominator(denominator) for v in s))
    return tuple(out)


def fraction_array(a):
    a = np.asarray(a)
    return np.array([F(int(v)) if float(v).is_integer() else F(float(v)) for v in a.reshape(-1)],
                    dtype=object).reshape(a.shape)


def gambit_extreme(arrays):
    g = gbt.Game.from_arrays(*[fraction_array(a) for a in arrays])
    sols = gbt.nash.enummixed_solve(g, rational=True).equilibria
    return {tuple(tuple(F(eq[s]) for s in p.strategies) for p in g.players) for eq in sols}


def gambit_pure(arrays):
    g = gbt.Game.from_arrays(*[fraction_array(a) for a in arrays])
    out = set()
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        out.add(tuple(next(k for k, s in enumerate(p.strategies) if eq[s] == 1) for p in g.players))
    return out


def pure_indices(eq):
    return tuple(int(np.flatnonzero(np.asarray([float(v) for v in s]) > 0.5)[0]) for s in eq.strategies)


def assert_coopgame_error(builtin, function_name: str, call):
    """``call()`` raises a CoopgameError that is also ``builtin``; the message names the function."""
    with pytest.raises(cg.CoopgameError) as info:
        call()
    err = info.value
    assert isinstance(err, builtin), (type(err).__mro__, builtin)
    msg = str(err)
    assert function_name in msg, msg
    assert "expected" in msg and "got" in msg, msg
    return err


PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]  # T=5, R=3, P=1, S=0
BOS = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
PENNIES = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]
RPS = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])


# ----------------------------------------------------------------------------- NormalFormGame
@pytest.mark.parametrize("make", [
    lambda a: a,                                   # nested lists
    lambda a: [np.array(x) for x in a],            # numpy int arrays
    lambda a: [np.array(x, dtype=float) for x in a],
    lambda a: np.array(a),                         # one stacked array
    lambda a: tuple(np.array(x, dtype=np.int32) for x in a),
])
def test_normal_form_game_attributes(make):
    g = cg.NormalFormGame(make(PD), players=None, actions=None)
    assert g.num_players == 2
    assert g.shape == (2, 2)
    assert len(g.players) == 2 and len(set(g.players)) == 2
    assert [len(a) for a in g.actions] == [2, 2]
    assert len(g.payoffs) == 2
    for p, arr in enumerate(g.payoffs):
        assert np.shape(arr) == (2, 2)
        assert np.array_equal(np.asarray(arr, dtype=float), np.asarray(PD[p], dtype=float))
        with pytest.raises((ValueError, TypeError)):
            arr[0, 0] = 99  # immutable
    assert g == cg.NormalFormGame(PD)
    assert hash(g) == hash(cg.NormalFormGame(PD))
    assert pickle.loads(pickle.dumps(g)) == g
    assert "NormalFormGame" in repr(g) or g.players[0] in repr(g)


def test_labels_and_indices_address_the_same_profile():
    g = cg.NormalFormGame(PD, players=["North", "South"], actions=[["Abate", "Pollute"]] * 2)
    assert g.players == ("North", "South")
    assert g.actions == (("Abate", "Pollute"), ("Abate", "Pollute"))
    eq, = cg.pure_equilibria(g)
    assert eq.pure_profile == ("Pollute", "Pollute")
    for profile in [("Abate", "Pollute"), (0, 1), ("Abate", 1)]:
        assert tuple(float(v) for v in g[profile]) == (0.0, 5.0)


def test_one_by_n_and_three_player_games():
    one_row = cg.NormalFormGame([np.array([[1, 2, 3]]), np.array([[3, 1, 2]])])
    assert one_row.shape == (1, 3)
    eqs = cg.mixed_equilibria(one_row)
    assert_verified(eqs, exact=False)
    assert [pure_indices(e) for e in eqs] == [(0, 0)]
    assert {pure_indices(e) for e in cg.pure_equilibria(one_row)} == {(0, 0)}
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-3, 4, size=(2, 3, 2)) for _ in range(3)]
    g3 = cg.NormalFormGame(arrays)
    assert g3.num_players == 3 and g3.shape == (2, 3, 2)
    got = {pure_indices(e) for e in cg.pure_equilibria(g3)}
    assert got == gambit_pure(arrays)


def test_mixed_equilibria_of_three_players_are_verified_and_big_games_refused():
    """N-player games: small ones are solved by support_polynomial (every result verified,
    regret exactly 0 when rational), larger ones are refused naming the alternative."""
    rng = np.random.default_rng(11)
    g3 = cg.NormalFormGame([rng.integers(-3, 4, size=(2, 2, 2)) for _ in range(3)], exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cg.DegenerateGameWarning)  # small integers: some supports tie
        found = cg.mixed_equilibria(g3)
    assert found and all(e.method == "support_polynomial" for e in found)
    for e in found:
        assert e.max_regret() <= g3.tolerance or e.max_regret() == 0
    assert {pure_indices(e) for e in found if e.is_pure} == {pure_indices(e) for e in cg.pure_equilibria(g3)}
    big = cg.NormalFormGame([rng.integers(-3, 4, size=(7, 7, 7)) for _ in range(3)], exact=True)
    err = assert_coopgame_error(cg.SolverLimitError, "support_polynomial", lambda: cg.mixed_equilibria(big))
    assert "pure_equilibria" in str(err)  # names the alternative


# ----------------------------------------------------------------------------- published games
def test_published_prisoners_dilemma():
    """Rapoport and Chammah (1965), *Prisoner's Dilemma*: mutual defection is the only equilibrium,
    in strictly dominant strategies."""
    g = cg.NormalFormGame(PD, exact=True)
    for eqs in (cg.pure_equilibria(g), cg.mixed_equilibria(g)):
        assert [as_fraction_profile(e) for e in eqs] == [((0, 1), (0, 1))]
        assert_verified(eqs, exact=True)
    dom = cg.dominant_strategies(g)
    assert "2" in repr(dom)
    res = cg.iterated_elimination(g)
    assert "2" in repr(res)


def test_published_battle_of_the_sexes_exact():
    """Battle of the sexes (Luce and Raiffa 1957, ch. 5): three equilibria, the mixed one
    (2/3, 1/3), (1/3, 2/3) with payoffs 2/3 each; exact Fractions compare with ==."""
    g = cg.NormalFormGame(BOS, exact=True)
    eqs = cg.mixed_equilibria(g)
    assert_verified(eqs, exact=True)
    profiles = {as_fraction_profile(e) for e in eqs}
    assert profiles == {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    mixed = next(e for e in eqs if not e.is_pure)
    assert tuple(mixed.strategies[0]) == (F(2, 3), F(1, 3))
    assert tuple(mixed.payoffs) == (F(2, 3), F(2, 3))
    assert all(isinstance(v, F) for s in mixed.strategies for v in s)
    assert mixed.max_regret() == 0
    assert pickle.loads(pickle.dumps(mixed)) == mixed
    assert "2/3" in repr(mixed)


def test_published_battle_of_the_sexes_float_matches_nashpy():
    g = cg.NormalFormGame([np.array(BOS[0]), np.array(BOS[1])])
    ours = sorted(tuple(np.round(np.concatenate(e.strategies), 12)) for e in cg.mixed_equilibria(g))
    theirs = sorted(tuple(np.round(np.concatenate(e), 12))
                    for e in nashpy.Game(np.array(BOS[0]), np.array(BOS[1])).support_enumeration())
    assert ours == theirs


@pytest.mark.parametrize("payoffs,expected", [
    (PENNIES, ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))),
    ([RPS, -RPS], ((F(1, 3),) * 3, (F(1, 3),) * 3)),
    # Shapley (1964), "Some topics in two-person games": unique equilibrium, uniform.
    ([np.eye(3, dtype=int), np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]])], ((F(1, 3),) * 3, (F(1, 3),) * 3)),
])
def test_published_unique_mixed_equilibria(payoffs, expected):
    """Matching pennies and rock-paper-scissors (von Neumann and Morgenstern 1944), Shapley's
    3x3 game (Shapley 1964): the unique equilibrium is uniform."""
    for exact in (True, False):
        g = cg.NormalFormGame(payoffs, exact=exact)
        for method in ("auto", "vertex_enumeration", "support_enumeration", "lemke_howson"):
            eqs = cg.mixed_equilibria(g, method=method)
            assert_verified(eqs, exact=exact)
            assert [as_fraction_profile(e, None if exact else 1000) for e in eqs] == [expected]
        assert cg.pure_equilibria(g) == []


def test_published_quint_shubik_identity_game_has_2_to_the_n_minus_1_equilibria():
    """Quint and Shubik (1997), "A theorem on the number of Nash equilibria in a bimatrix game":
    the n x n coordination game (I, I) has 2**n - 1 equilibria (uniform on each non-empty support).
    Guarded so that a quadratic post-processing step shows as a failure, not a hang."""
    n = 13
    with wall_clock_guard(60):
        eqs = cg.mixed_equilibria(cg.NormalFormGame([np.eye(n), np.eye(n)]))
    assert len(eqs) == 2 ** n - 1
    assert {tuple(e.support[0]) for e in eqs} == {
        s for k in range(1, n + 1) for s in itertools.combinations(range(n), k)}
    assert_verified(eqs[:50], exact=False)


@pytest.mark.parametrize("path", sorted(GAMBIT_CATALOG.rglob("*.nfg")), ids=lambda p: p.stem)
def test_published_gambit_catalog_files(path):
    """The published games shipped with pygambit's catalogue (Shapley 1974, "A note on the
    Lemke-Howson algorithm", figures 2 and 3; Nau, Gomez Canovas and Hansen 2004, IJGT,
    sections 3-6): read_nfg reads them as pygambit does, and the equilibria agree with
    pygambit's enummixed (two players) or enumpure (more)."""
    game = cg.read_nfg(path)
    ref = gbt.read_nfg(str(path))
    assert game.num_players == len(ref.players)
    assert game.shape == tuple(len(p.strategies) for p in ref.players)
    assert game.players == tuple(p.label for p in ref.players)
    players = list(ref.players)
    strategies = [list(p.strategies) for p in players]
    for profile in itertools.product(*(range(m) for m in game.shape)):
        outcome = ref[tuple(strategies[k][a] for k, a in enumerate(profile))]
        expected = tuple(F(0) if outcome is None else F(str(outcome[p])) for p in players)
        assert tuple(game[profile]) == expected
    assert cg.read_nfg(path.read_text()) == game  # text as well as path
    assert cg.read_nfg(str(path)) == game
    assert cg.read_nfg(cg.write_nfg(game)) == game
    arrays = [np.asarray(a) for a in game.payoffs]
    if game.num_players == 2:
        eqs = cg.mixed_equilibria(game)
        assert_verified(eqs, exact=True)
        assert {as_fraction_profile(e) for e in eqs} == gambit_extreme(arrays)
    assert {pure_indices(e) for e in cg.pure_equilibria(game)} == gambit_pure(arrays)


def test_published_nau_battle_of_the_sexes_values():
    """Nau, Gomez Canovas and Hansen (2004), section 3: the mixed equilibrium (3/5, 2/5),
    (2/5, 3/5) with payoffs 6/5 each."""
    game = cg.read_nfg(GAMBIT_CATALOG / "journals" / "ijgt" / "nau2004" / "sec3.nfg")
    mixed = [e for e in cg.mixed_equilibria(game) if not e.is_pure]
    assert [as_fraction_profile(e) for e in mixed] == [((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))]
    assert tuple(mixed[0].payoffs) == (F(6, 5), F(6, 5))


def test_published_chicken_correlated_equilibrium():
    """Aumann (1974) / the textbook chicken game (6,6),(2,7),(7,2),(0,0): the welfare-maximising
    correlated equilibrium puts 1/2 on (C, C) and 1/4 on each of (C, D), (D, C), payoff 21/4 each,
    above every Nash equilibrium's welfare."""
    g = cg.NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True)
    ce = cg.correlated_equilibrium(g, objective="welfare")
    assert ce.max_regret() == 0
    assert tuple(ce.payoffs) == (F(21, 4), F(21, 4))
    assert np.array_equal(ce.distribution, np.array([[F(1, 2), F(1, 4)], [F(1, 4), 0]], dtype=object))
    assert tuple(ce.strategies[0]) == (F(3, 4), F(1, 4))  # marginals
    best_nash = max(sum(e.payoffs) for e in cg.mixed_equilibria(g))
    assert sum(ce.payoffs) > best_nash


def test_correlated_equilibrium_float_and_exact_agree_on_random_games():
    rng = np.random.default_rng(11)
    for _ in range(10):
        arrays = [rng.integers(-5, 6, size=(3, 3)) for _ in range(2)]
        ce_exact = cg.correlated_equilibrium(cg.NormalFormGame(arrays, exact=True), objective="welfare")
        ce_float = cg.correlated_equilibrium(cg.NormalFormGame([a.astype(float) for a in arrays]))
        assert ce_exact.max_regret() == 0
        assert float(ce_float.max_regret()) <= 1e-8
        assert abs(float(sum(ce_exact.payoffs)) - float(sum(ce_float.payoffs))) <= 1e-7
        # welfare at least that of every Nash equilibrium (each is a correlated equilibrium)
        nash = cg.mixed_equilibria(cg.NormalFormGame(arrays, exact=True))
        assert sum(ce_exact.payoffs) >= max(sum(e.payoffs) for e in nash)


# ----------------------------------------------------------------------------- oracles on random games
def _random_case(k: int):
    rng = np.random.default_rng(500 + k)
    m, n = (int(v) for v in rng.integers(1, 6, size=2))
    kind = k % 5
    if kind == 0:
        arrays = [rng.integers(0, 3, size=(m, n)) for _ in range(2)]          # degenerate, ties
    elif kind == 1:
        arrays = [rng.integers(-3, 2, size=(m, n)) for _ in range(2)]         # negative payoffs
    elif kind == 2:
        arrays = [rng.integers(-9, 10, size=(m, n)) * 10 ** 6 for _ in range(2)]  # large payoffs
    elif kind == 3:
        arrays = [rng.integers(-20, 21, size=(m, n)) for _ in range(2)]
    else:
        arrays = [rng.integers(0, 2, size=(m, n)) for _ in range(2)]          # very degenerate
    return arrays


@pytest.mark.parametrize("k", range(60))
def test_mixed_equilibria_equal_gambit_enummixed(k):
    """Integer games, given as lists, int arrays and float arrays, exact or not: the extreme
    equilibria equal pygambit's enummixed (exactly for exact games)."""
    arrays = _random_case(k)
    ref = gambit_extreme(arrays)
    exact_eqs = cg.mixed_equilibria(cg.NormalFormGame(arrays, exact=True))
    assert_verified(exact_eqs, exact=True)
    assert {as_fraction_profile(e) for e in exact_eqs} == ref
    for payoffs in ([a.tolist() for a in arrays], arrays, [a.astype(float) for a in arrays]):
        eqs = cg.mixed_equilibria(cg.NormalFormGame(payoffs))
        assert_verified(eqs, exact=False)
        assert {as_fraction_profile(e, 10_000) for e in eqs} == ref
        # the pure ones among them are exactly pure_equilibria, and is_pure agrees with the support
        pure = {pure_indices(e) for e in cg.pure_equilibria(cg.NormalFormGame(payoffs))}
        assert {pure_indices(e) for e in eqs if e.is_pure} == pure
        for e in eqs:
            assert e.is_pure == all(sum(1 for v in s if float(v) > 0) == 1 for s in e.strategies)


@pytest.mark.parametrize("k", range(15))
def test_float_games_match_nashpy_and_quantecon(k):
    """Generic float games (non-degenerate, as Nashpy and QuantEcon require)."""
    rng = np.random.default_rng(900 + k)
    m, n = (int(v) for v in rng.integers(2, 5, size=2))
    A, B = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    ours = cg.mixed_equilibria(cg.NormalFormGame([A, B]))
    assert_verified(ours, exact=False)
    def key(x, y):
        return tuple(np.round(np.concatenate([x, y]), 7))
    mine = sorted(key(*e.strategies) for e in ours)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nash = sorted(key(x, y) for x, y in nashpy.Game(A, B).vertex_enumeration())
    qe = sorted(key(x, y) for x, y in qgt.vertex_enumeration(qgt.NormalFormGame((qgt.Player(A), qgt.Player(B.T)))))
    assert mine == nash == qe


@pytest.mark.parametrize("k", range(12))
def test_pure_equilibria_of_n_player_games_match_gambit_and_quantecon(k):
    rng = np.random.default_rng(1300 + k)
    players = 3 + k % 2
    shape = tuple(int(v) for v in rng.integers(1, 4, size=players))
    arrays = [rng.integers(-2, 3, size=shape) for _ in range(players)]
    got = {pure_indices(e) for e in cg.pure_equilibria(cg.NormalFormGame(arrays))}
    assert got == gambit_pure(arrays)
    # QuantEcon orders a player's payoff axes as (own, next player, ..., previous player)
    qg = qgt.NormalFormGame([qgt.Player(np.transpose(arrays[p], [(p + j) % players for j in range(players)]))
                             for p in range(players)])
    assert got == {tuple(int(a) for a in prof) for prof in qgt.pure_nash_brute(qg)}
    for e in cg.pure_equilibria(cg.NormalFormGame(arrays, exact=True)):
        assert e.max_regret() == 0


def test_tiny_probabilities_and_large_payoffs_keep_their_support():
    """With payoffs of 1e6, the mixed equilibrium plays an action with probability ~1e-6: it is
    mixed, its pure_profile is None, and only the two pure equilibria are pure."""
    g = cg.NormalFormGame([[[1e6, 0], [0, 1]], [[1, 0], [0, 1e6]]])
    eqs = cg.mixed_equilibria(g)
    assert_verified(eqs, exact=False)
    assert len(eqs) == 3
    mixed = [e for e in eqs if not e.is_pure]
    assert len(mixed) == 1 and mixed[0].pure_profile is None
    assert mixed[0].support == ((0, 1), (0, 1))
    assert abs(float(mixed[0].strategies[0][1]) - 1 / (1e6 + 1)) <= 1e-12
    assert {e.pure_profile for e in eqs if e.is_pure} == {e.pure_profile for e in cg.pure_equilibria(g)}
    exact = cg.mixed_equilibria(cg.NormalFormGame([[[10 ** 6, 0], [0, 1]], [[1, 0], [0, 10 ** 6]]], exact=True))
    assert [e for e in exact if not e.is_pure][0].strategies[0][1] == F(1, 10 ** 6 + 1)


def test_equilibria_and_results_pickle_and_repr():
    g = cg.NormalFormGame(BOS, players=["A", "B"], actions=[["x", "y"], ["u", "v"]], exact=True)
    for obj in (cg.mixed_equilibria(g)[1], cg.correlated_equilibrium(g), cg.dominant_strategies(g),
                cg.iterated_elimination(g), g):
        assert pickle.loads(pickle.dumps(obj)) == obj
        text = repr(obj)
        assert text and "object at 0x" not in text


# ----------------------------------------------------------------------------- SymbolicGame, mechanisms, thresholds
T, R, P, S = sympy.symbols("T R P S")
SYM_PD = [[[R, S], [T, P]], [[R, T], [S, P]]]


def test_symbolic_game_parameters_subs_latex():
    g = cg.SymbolicGame(SYM_PD, players=None, actions=None)
    assert set(g.parameters) == {T, R, P, S}
    assert g.num_players == 2 and g.shape == (2, 2)
    partial = g.subs({T: 5})
    assert isinstance(partial, cg.SymbolicGame)
    assert set(partial.parameters) == {R, P, S}
    numeric = g.subs({T: 5, R: 3, P: 1, S: 0})
    assert isinstance(numeric, cg.NormalFormGame)
    assert numeric == cg.NormalFormGame(PD, exact=True)  # integers stay exact through subs
    assert numeric.to_float() == cg.NormalFormGame(PD)
    assert g.subs({"T": 5, "R": 3, "P": 1, "S": 0}) == numeric  # names as well as symbols
    exact = g.subs({T: 5, R: 3, P: 1, S: F(1, 2)})
    assert exact.payoffs[0][0, 1] == F(1, 2)
    tex = g.to_latex()
    assert isinstance(tex, str) and "R" in tex and "T" in tex
    assert pickle.loads(pickle.dumps(g)) == g
    assert "SymbolicGame" in repr(g)


def test_mechanisms_on_numeric_and_symbolic_games():
    game = cg.NormalFormGame(PD, players=["A", "B"], actions=[["C", "D"], ["C", "D"]], exact=True)
    s, f = sympy.symbols("s f", positive=True)
    sub = game.apply(cg.Subsidy("A", "C", 2))
    assert sub.payoffs[0][0, 0] == 5 and sub.payoffs[0][0, 1] == 2 and sub.payoffs[1][0, 0] == 3
    assert game.apply(cg.Subsidy(0, 0, 2)) == sub  # indices as well as labels
    pen = game.apply(cg.Penalty("A", "D", 4, detection=F(1, 2)))
    assert pen.payoffs[0][1, 0] == 3 and pen.payoffs[0][1, 1] == -1
    assert game.apply(cg.Penalty("A", "D", 4)).payoffs[0][1, 0] == 1  # detection=1 by default
    tr = game.apply(cg.Transfer("A", "B", 1))
    assert tr.payoffs[0][0, 0] == 2 and tr.payoffs[1][0, 0] == 4
    tr_when = game.apply(cg.Transfer("A", "B", 1, when=[("C", "C")]))
    assert tr_when.payoffs[0][0, 0] == 2 and tr_when.payoffs[0][1, 1] == 1
    symbolic = game.apply(cg.Subsidy("A", "C", s), cg.Subsidy("B", "C", s))
    assert isinstance(symbolic, cg.SymbolicGame) and s in symbolic.parameters
    assert symbolic.subs({s: 2}) == game.apply(cg.Subsidy("A", "C", 2), cg.Subsidy("B", "C", 2))
    fined = game.apply(cg.Penalty("A", "D", f, detection=F(1, 2)), cg.Penalty("B", "D", f, detection=F(1, 2)))
    assert cg.threshold(fined, ("C", "C"), f).value == 4  # (T - R) / detection


@pytest.mark.parametrize("Tv,Rv,Pv,Sv", [(5, 3, 1, 0), (4, 3, 2, 1), (F(7, 2), 3, 1, -2), (10, 9, 0, -5)])
def test_threshold_concepts_on_a_subsidised_dilemma(Tv, Rv, Pv, Sv):
    """A subsidy s to cooperation in the prisoner's dilemma: (C, C) is a Nash equilibrium iff
    s >= T - R, strict iff s > T - R, dominant iff s >= max(T - R, P - S), and the unique
    equilibrium iff s > T - R and s > P - S (s = P - S leaves (D, D) as a weak equilibrium)."""
    game = cg.NormalFormGame([[[Rv, Sv], [Tv, Pv]], [[Rv, Tv], [Sv, Pv]]], exact=True,
                             players=["A", "B"], actions=[["C", "D"], ["C", "D"]])
    s = sympy.Symbol("s")
    g = game.apply(cg.Subsidy("A", "C", s), cg.Subsidy("B", "C", s))
    conds = cg.equilibrium_conditions(g, ("C", "C"))
    assert conds is not None
    nash = cg.threshold(g, ("C", "C"), s, concept="nash")
    assert nash.value == Tv - Rv and nash.attained
    strict = cg.threshold(g, ("C", "C"), "s", concept="strict")
    assert strict.value == Tv - Rv and not strict.attained
    dominant = cg.threshold(g, (0, 0), s, concept="dominant")
    assert dominant.value == max(Tv - Rv, Pv - Sv)
    unique = cg.threshold(g, ("C", "C"), s, concept="unique")
    assert unique.value == max(Tv - Rv, Pv - Sv)
    # check the thresholds against the solvers on either side
    for eps in (F(1, 100), F(1, 7)):
        above = g.subs({s: unique.value + eps})
        assert [e.pure_profile for e in cg.mixed_equilibria(above)] == [("C", "C")]
        below = g.subs({s: nash.value - eps})
        assert ("C", "C") not in {e.pure_profile for e in cg.pure_equilibria(below)}


@pytest.mark.parametrize("Tv,Rv,Pv,Sv", [(5, 3, 1, 0), (4, 3, 2, 1), (F(7, 2), 3, 1, -2), (10, 9, 0, -5)])
def test_published_grim_trigger_threshold(Tv, Rv, Pv, Sv):
    """Friedman (1971); e.g. Osborne (2004), *An Introduction to Game Theory*, ch. 14: grim trigger
    sustains mutual cooperation iff delta >= (T - R) / (T - P)."""
    game = cg.NormalFormGame([[[Rv, Sv], [Tv, Pv]], [[Rv, Tv], [Sv, Pv]]], exact=True,
                             actions=[["C", "D"], ["C", "D"]])
    d = cg.critical_discount_factor(game, ("C", "C"), strategy="grim")
    assert d.value == F(Tv - Rv) / (Tv - Pv)
    assert cg.critical_discount_factor(game, (0, 0)).value == d.value  # default grim; indices
    fl = cg.critical_discount_factor(cg.NormalFormGame([[[Rv, Sv], [Tv, Pv]], [[Rv, Tv], [Sv, Pv]]]), (0, 0))
    assert abs(float(fl.value) - float(d.value)) <= 1e-12
    # symbolic payoffs: the punishment must be named when the stage equilibria cannot be decided
    sym = cg.critical_discount_factor(cg.SymbolicGame(SYM_PD), (0, 0), punishment=(1, 1))
    assert sympy.simplify(sympy.sympify(sym.value) - (T - R) / (T - P)) == 0
    with pytest.raises(cg.NotSupportedError, match="R >= T|T >= R|P >= S|S >= P"):
        cg.critical_discount_factor(cg.SymbolicGame(SYM_PD), (0, 0))
    # ... and need not be when every deviation gain is a number (only the level R is a symbol)
    level = cg.SymbolicGame([[[R, R + (Sv - Rv)], [R + (Tv - Rv), R + (Pv - Rv)]],
                             [[R, R + (Tv - Rv)], [R + (Sv - Rv), R + (Pv - Rv)]]])
    assert sympy.simplify(cg.critical_discount_factor(level, (0, 0)).value - d.value) == 0


def test_published_inspection_game_closed_forms():
    """Tsebelis (1989), APSR 83(1): in the inspection game the equilibrium rate of violation is
    k / (rho B), independent of the fine F (the "penalty paradox"); the inspection rate is
    dc / (rho F)."""
    base = cg.models.inspection()
    for values in [dict(dc=2, k=1, F=8, B=4, rho=F(1, 2)), dict(dc=3, k=2, F=10, B=5, rho=F(3, 4)),
                   dict(dc=3, k=2, F=40, B=5, rho=F(3, 4))]:
        g = cg.models.inspection(**values)
        assert isinstance(g, cg.NormalFormGame)
        assert g == base.subs(values)
        eq, = cg.mixed_equilibria(g)
        assert eq.max_regret() == 0
        assert eq.strategies[0][1] == F(values["k"]) / (values["rho"] * values["B"])
        assert eq.strategies[1][0] == F(values["dc"]) / (values["rho"] * values["F"])


def test_models_catalog_defaults_and_params():
    catalog = cg.models.catalog()
    assert catalog
    for name, factory in catalog.items():
        assert getattr(cg.models, name) is factory
        game = factory()
        defaults = getattr(game, "defaults", None)
        if isinstance(game, cg.SymbolicGame):
            params = {str(k): v for k, v in defaults.items()}
            numeric = factory(**params)
            assert isinstance(numeric, cg.NormalFormGame), name
            assert numeric == game.subs(defaults), name
            assert_verified(cg.pure_equilibria(numeric), exact=numeric.is_exact)
            assert factory.__doc__ and "Examples" in factory.__doc__
        with pytest.raises((cg.InvalidArgumentError, TypeError)):  # TypeError: Python's own for a bad keyword
            factory(not_a_parameter_of_any_model=1)


# ----------------------------------------------------------------------------- SymmetricGame
def test_symmetric_game_against_its_normal_form():
    """Stag hunt as an anonymous game: the same three equilibria as the bimatrix form
    (Skyrms 2004, *The Stag Hunt*: mixed equilibrium 3/4 stag for payoffs 4, 0, 3, 3)."""
    table = {(0, 1): 4, (0, 0): 0, (1, 1): 3, (1, 0): 3}

    def payoff(own, counts):
        return table[(own, counts[0])]

    sg = cg.SymmetricGame(2, ["Stag", "Hare"], payoff)
    assert sg.num_players == 2
    nf = sg.to_normal_form()
    assert nf == cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], actions=[["Stag", "Hare"]] * 2)
    eqs = cg.mixed_equilibria(sg)
    interior = [e for e in eqs if not e.is_pure] if hasattr(eqs[0], "is_pure") else eqs
    assert any(abs(float(np.asarray(e.strategy, dtype=float)[0]) - 0.75) < 1e-9 for e in interior)
    for e in eqs:
        assert float(e.max_regret()) <= 1e-9
    assert len(cg.pure_equilibria(sg)) == 2
    assert pickle.loads(pickle.dumps(sg)) == sg


def test_symmetric_public_goods_free_riding():
    """Linear public good with n = 4, r = 3: contributing costs 1 and returns 3/4; contributing is
    dominated, so everybody free-riding is the only equilibrium."""
    def payoff(own, counts):
        contributors = counts[0] + (own == 0)
        return F(3, 4) * contributors - (own == 0)

    sg = cg.SymmetricGame(4, ["C", "D"], payoff)
    eqs = cg.mixed_equilibria(sg)
    assert len(eqs) == 1 and eqs[0].max_regret() == 0
    assert [float(v) for v in eqs[0].strategy] == [0.0, 1.0]
    assert {pure_indices(e) for e in cg.pure_equilibria(sg.to_normal_form())} == {(1, 1, 1, 1)}


# ----------------------------------------------------------------------------- dynamics
def test_replicator_rest_points_stability_on_textbook_games():
    """Hofbauer and Sigmund (1998), *Evolutionary Games and Population Dynamics*: in the
    two-population replicator dynamics of matching pennies the interior rest point is a centre;
    in the prisoner's dilemma mutual defection is stable and the trajectory goes there."""
    pennies = cg.NormalFormGame(PENNIES)
    interior = (np.array([0.5, 0.5]), np.array([0.5, 0.5]))
    points = cg.rest_points(pennies)
    assert any(all(np.allclose(np.asarray(a, float), b) for a, b in zip(pt, interior)) for pt in points)
    st = cg.stability(pennies, interior)
    assert st.classification == "centre"
    eig = np.asarray(st.eigenvalues, dtype=complex)
    assert np.allclose(eig.real, 0) and np.all(np.abs(eig.imag) > 0)
    pd = cg.NormalFormGame(PD, actions=[["C", "D"], ["C", "D"]])
    assert cg.stability(pd, ("D", "D")).classification == "stable"
    assert cg.stability(pd, ("C", "C")).classification == "unstable"
    traj = cg.replicator(pd, [[0.9, 0.1], [0.8, 0.2]], 40)
    final = [np.asarray(x, dtype=float) for x in traj.final]
    assert all(x[1] > 0.99 for x in final)


# ----------------------------------------------------------------------------- coalitions, cooperative
def test_published_carraro_siniscalco_barrett_stable_size_three():
    """Carraro and Siniscalco (1993), Barrett (1994): with linear benefits and quadratic abatement
    costs (payoffs in units of b**2/c: signatory k**2/2 + n - k, non-signatory k**2 + n - k - 1/2)
    the only stable coalition has 3 members, for every n >= 3."""
    for n in (3, 5, 10, 50):
        def ps(k, n=n):
            return F(k * k, 2) + n - k
        def pn(k, n=n):
            return k * k + n - k - F(1, 2)
        res = cg.stable_coalition_sizes(ps, pn, n, strict_external=True)
        assert tuple(res) == (3,)
        weak = cg.stable_coalition_sizes(ps, pn, n, strict_external=False)
        assert 3 in tuple(weak)  # k = 2 ties externally: stable only under weak external stability
        assert tuple(weak) == (2, 3)


def test_published_glove_game():
    """The glove game (Shapley 1953; e.g. Maschler, Solan and Zamir 2013, ch. 18): one left glove
    (player 0), two right gloves. Shapley value (2/3, 1/6, 1/6); the core and the nucleolus are the
    single point (1, 0, 0); Banzhaf value (3/4, 1/4, 1/4)."""
    for values in ({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1},
                   lambda coalition: int(0 in coalition and len(coalition) >= 2),
                   [0, 0, 0, 1, 0, 1, 0, 1]):
        g = cg.TUGame(3, values)
        assert list(g.shapley_value()) == [F(2, 3), F(1, 6), F(1, 6)]
        assert list(g.banzhaf_value()) == [F(3, 4), F(1, 4), F(1, 4)]
        assert list(g.nucleolus()) == [1, 0, 0]
        assert g.core_contains([1, 0, 0])
        assert not g.core_contains([F(2, 3), F(1, 6), F(1, 6)])
        assert not g.core_is_empty()
        assert pickle.loads(pickle.dumps(g)) == g


def test_published_majority_game_has_empty_core():
    """Three-player simple majority game (von Neumann and Morgenstern 1944): the core is empty;
    Shapley value and nucleolus are (1/3, 1/3, 1/3)."""
    g = cg.TUGame(3, lambda c: int(len(c) >= 2))
    assert g.core_is_empty()
    assert list(g.shapley_value()) == [F(1, 3)] * 3
    assert list(g.nucleolus()) == [F(1, 3)] * 3
    fl = cg.TUGame(3, lambda c: float(len(c) >= 2))
    assert np.allclose(np.asarray(fl.shapley_value(), dtype=float), 1 / 3)
    assert fl.core_is_empty()


def test_shapley_value_matches_brute_force_on_random_games():
    rng = np.random.default_rng(3)
    for n in (2, 3, 4):
        worth = [0] + [int(v) for v in rng.integers(-5, 10, size=2 ** n - 1)]
        g = cg.TUGame(n, worth)
        phi = [F(0)] * n
        perms = list(itertools.permutations(range(n)))
        for order in perms:
            mask = 0
            for i in order:
                phi[i] += F(worth[mask | (1 << i)] - worth[mask], len(perms))
                mask |= 1 << i
        assert list(g.shapley_value()) == phi


# ----------------------------------------------------------------------------- io, sweep, command line
def test_write_and_read_nfg_round_trip_with_labels():
    g = cg.NormalFormGame([[[F(3, 4), -1], [0, F(7, 2)]], [[1, 2], [-3, F(1, 3)]]], exact=True,
                          players=["Up stream", 'Down "stream"'], actions=[["Abate", "Pollute"], ["a", "b"]])
    text = cg.write_nfg(g)
    assert text.startswith("NFG 1 R")
    back = cg.read_nfg(text)
    assert back == g and back.players == g.players and back.actions == g.actions
    fl = cg.NormalFormGame([[[0.1, 2.5], [1e6, -3.25]], [[1, 2], [3, 4]]])
    assert np.allclose(cg.read_nfg(cg.write_nfg(fl)).payoffs[0].astype(float), fl.payoffs[0])


def test_sweep_one_row_per_grid_point():
    grid = {"a": [1, 2, 3], "b": [F(1, 2), 5]}

    def f(a, b):
        return {"product": a * b}

    df = cg.sweep(f, grid, executor=None)
    assert len(df) == 6
    assert list(df["product"]) == [a * b for a in grid["a"] for b in grid["b"]]
    with ThreadPoolExecutor(2) as ex:
        df2 = cg.sweep(f, grid, executor=ex)
    assert df2["product"].tolist() == df["product"].tolist()
    game_df = cg.sweep(cg.models.prisoners_dilemma(), {"T": [2, 5]})
    assert len(game_df) == 2


def _run_cli(*args, stdin=None):
    return subprocess.run([str(COOPGAME_SCRIPT), *args], capture_output=True, text=True, input=stdin,
                          timeout=600)  # a cold start compiles kernels


@pytest.mark.parametrize("path", sorted(GAMBIT_CATALOG.rglob("*.nfg"))[:3] + [
    Path(__file__).parent / "data" / "prisoners_dilemma.nfg"], ids=lambda p: p.stem)
def test_command_line_solve_table_and_json(path):
    game = cg.read_nfg(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cg.DegenerateGameWarning)
        # two players: vertex enumeration; more: support_polynomial, whose compiled kernels this
        # first call writes to numba's cache, so that the command below does not compile them again
        eqs = cg.mixed_equilibria(game)
    table = _run_cli("solve", str(path))
    assert table.returncode == 0, table.stderr
    assert f"{len(eqs)} equilibri" in table.stdout or (not eqs and "No equilibria" in table.stdout)
    js = _run_cli("solve", "--json", str(path))
    assert js.returncode == 0, js.stderr
    data = json.loads(js.stdout)
    assert len(data["equilibria"]) == len(eqs)
    for item, eq in zip(data["equilibria"], eqs):
        if all(v.dtype == object for v in eq.strategies):  # rational: compare exactly
            got = tuple(tuple(F(v) if isinstance(v, str) else F(v).limit_denominator(10 ** 6) for v in s)
                        for s in item["strategies"])
            assert got == as_fraction_profile(eq)
        else:  # irrational probabilities (N-player games) come as floats
            for got, want in zip(item["strategies"], eq.strategies):
                assert np.allclose(got, np.asarray(want, dtype=float), rtol=0, atol=1e-12)


def test_command_line_reports_bad_files():
    bad = _run_cli("solve", "/nonexistent/game.nfg")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and bad.stderr
    garbage = _run_cli("solve", "-", stdin="NFG 1 R garbage")
    assert garbage.returncode != 0 and "Traceback" not in garbage.stderr and garbage.stderr


# ----------------------------------------------------------------------------- error behaviour
HD = cg.NormalFormGame([[[0, 3], [1, 2]], [[0, 1], [3, 2]]])

VALUE_ERRORS = [
    ("NormalFormGame", lambda: cg.NormalFormGame([[[1, 2], [3]], [[1, 2], [3, 4]]])),
    ("NormalFormGame", lambda: cg.NormalFormGame([np.zeros((2, 2)), np.zeros((2, 3))])),
    ("NormalFormGame", lambda: cg.NormalFormGame([np.array([[np.nan, 1], [1, 1]]), np.zeros((2, 2))])),
    ("NormalFormGame", lambda: cg.NormalFormGame([np.zeros((2, 2))] * 2, players=["A"])),
    ("NormalFormGame", lambda: cg.NormalFormGame([np.zeros((0, 2))] * 2)),
    ("mixed_equilibria", lambda: cg.mixed_equilibria(HD, method="bogus")),
    ("mixed_equilibria", lambda: cg.mixed_equilibria(cg.models.prisoners_dilemma())),
    ("pure_equilibria", lambda: cg.pure_equilibria(cg.models.prisoners_dilemma())),
    ("correlated_equilibrium", lambda: cg.correlated_equilibrium(HD, objective="bogus")),
    ("threshold", lambda: cg.threshold(cg.models.prisoners_dilemma(), (0, 0), "T", concept="bogus")),
    ("threshold", lambda: cg.threshold(cg.models.prisoners_dilemma(), (0, 0), "zzz")),
    ("critical_discount_factor", lambda: cg.critical_discount_factor(HD, (1, 1), strategy="bogus")),
    ("replicator", lambda: cg.replicator(HD, [0.5, 0.6], 10)),
    ("replicator", lambda: cg.replicator(HD, [0.5, 0.5], -1)),
    ("stable_coalition_sizes", lambda: cg.stable_coalition_sizes(lambda k: k, lambda k: k, 0)),
    ("TUGame", lambda: cg.TUGame(2, [1, 0, 0, 1])),
    ("TUGame", lambda: cg.TUGame(2, [0, 0, 1])),
    ("TUGame", lambda: cg.TUGame(0, [0])),
    ("core_contains", lambda: cg.TUGame(2, [0, 0, 0, 1]).core_contains([1])),
    ("read_nfg", lambda: cg.read_nfg("NFG 1 R garbage")),
    ("read_nfg", lambda: cg.read_nfg("/nonexistent/x.nfg")),
    ("write_nfg", lambda: cg.write_nfg(cg.models.prisoners_dilemma())),
    ("sweep", lambda: cg.sweep(lambda a: a, 5)),
    ("Subsidy", lambda: HD.apply(cg.Subsidy("Z", 0, 1))),
    ("Subsidy", lambda: HD.apply(cg.Subsidy(0, 7, 1))),
    ("Penalty", lambda: HD.apply(cg.Penalty(0, 0, 1, detection=2))),
    ("Transfer", lambda: HD.apply(cg.Transfer(0, 1, 1, when=(0,)))),
    ("prisoners_dilemma", lambda: cg.models.prisoners_dilemma(Q=3)),
    ("subs", lambda: cg.models.prisoners_dilemma().subs({"Q": 3})),
    ("SymmetricGame", lambda: cg.SymmetricGame(0, 2, lambda own, c: 1)),
    ("SymmetricGame", lambda: cg.SymmetricGame(3, 2, lambda own, c: "x")),
]


@pytest.mark.parametrize("name,call", VALUE_ERRORS, ids=[f"{n}-{k}" for k, (n, _) in enumerate(VALUE_ERRORS)])
def test_bad_values_raise_coopgame_value_errors(name, call):
    assert_coopgame_error(ValueError, name, call)


TYPE_ERRORS = [
    ("NormalFormGame", lambda: cg.NormalFormGame(None)),
    ("NormalFormGame", lambda: cg.NormalFormGame(5)),
    ("pure_equilibria", lambda: cg.pure_equilibria("not a game")),
    ("mixed_equilibria", lambda: cg.mixed_equilibria(object())),
    ("correlated_equilibrium", lambda: cg.correlated_equilibrium(object())),
    ("dominant_strategies", lambda: cg.dominant_strategies(None)),
    ("iterated_elimination", lambda: cg.iterated_elimination(None)),
    ("equilibrium_conditions", lambda: cg.equilibrium_conditions(None, (0, 0))),
    ("threshold", lambda: cg.threshold(None, (0, 0), "s")),
    ("critical_discount_factor", lambda: cg.critical_discount_factor(None, (0, 0))),
    ("stable_coalition_sizes", lambda: cg.stable_coalition_sizes(3, 4, 5)),
    ("TUGame", lambda: cg.TUGame("3", [0])),
    ("write_nfg", lambda: cg.write_nfg(5)),
    ("sweep", lambda: cg.sweep(5, {"a": [1]})),
    ("apply", lambda: HD.apply(5)),
]


@pytest.mark.parametrize("name,call", TYPE_ERRORS, ids=[f"{n}-{k}" for k, (n, _) in enumerate(TYPE_ERRORS)])
def test_wrong_types_raise_coopgame_type_errors(name, call):
    """An object of the wrong kind is a TypeError (and still the ValueError it was before)."""
    assert_coopgame_error(TypeError, name, call)


@pytest.mark.parametrize("name,call", [
    ("vertex_enumeration", lambda: cg.mixed_equilibria(cg.random_game((40, 40), seed=1))),
    ("support_enumeration",
     lambda: cg.mixed_equilibria(cg.NormalFormGame([np.ones((40, 40))] * 2), method="support_enumeration")),
    ("TUGame", lambda: cg.TUGame(26, lambda c: 0)),
    ("nucleolus", lambda: cg.TUGame(20, lambda c: len(c) ** 2).nucleolus()),
    ("core", lambda: cg.TUGame(20, lambda c: len(c) ** 2).core_is_empty()),
    ("SymmetricGame", lambda: cg.SymmetricGame(200, 8, lambda own, c: 0)),
])
def test_exponential_algorithms_refuse_big_inputs(name, call):
    with wall_clock_guard(60):
        with pytest.raises(cg.SolverLimitError) as info:
            call()
    err = info.value
    assert isinstance(err, cg.CoopgameError)
    msg = str(err)
    assert "limit" in msg or "at most" in msg or "more than" in msg, msg
    assert "use " in msg or "instead" in msg, msg  # names the alternative


def test_lemke_howson_answers_a_big_game():
    rng = np.random.default_rng(5)
    g = cg.NormalFormGame([rng.random((40, 40)), rng.random((40, 40))])
    with wall_clock_guard(120):
        eqs = cg.mixed_equilibria(g, method="lemke_howson")
    assert len(eqs) >= 1
    assert_verified(eqs, exact=False)


# ----------------------------------------------------------------------------- results of anonymous games
def test_symmetric_equilibria_are_equilibrium_like():
    """SymmetricGame results carry ``.strategies`` (one vector per player) and ``.max_regret()``,
    and each is an equilibrium of the normal form."""
    def payoff(own, counts):  # volunteer's dilemma with 3 players, b = 2, c = 1
        return (2 if counts[0] + (own == 0) else 0) - (own == 0)

    game = cg.SymmetricGame(3, ["Volunteer", "Abstain"], payoff)
    nf = game.to_normal_form()
    for eq in cg.pure_equilibria(game) + cg.mixed_equilibria(game):
        assert len(eq.strategies) == 3
        assert nf.max_regret(eq.strategies) <= nf.tolerance
        assert float(eq.max_regret()) <= game.tolerance
    mixed = [e for e in cg.mixed_equilibria(game) if not e.is_pure]
    assert len(mixed) == 1
    # indifference: (1 - p)**2 * 2 = 1, i.e. each volunteers with p = 1 - 1/sqrt(2)
    assert abs(float(mixed[0].strategies[0][0]) - (1 - 2 ** -0.5)) <= 1e-9


def test_derived_tangential_symmetric_equilibrium_of_an_exact_game():
    """Three players; the first action's gain over the second is 4, -2, 1 when 0, 1, 2 others play
    it, so D(p) = 4(1-p)**2 - 4p(1-p) + p**2 = (3p - 2)**2 touches 0 at p = 2/3: everyone playing
    the first action with probability 2/3 is a symmetric equilibrium, exact and float alike."""
    gains = [4, -2, 1]
    for exact in (True, False):
        game = cg.SymmetricGame(3, ["a", "b"], lambda own, counts: gains[counts[0]] if own == 0 else 0, exact=exact)
        interior = [e for e in cg.mixed_equilibria(game) if not e.is_pure]
        assert len(interior) == 1
        if exact:
            assert interior[0].strategy == (F(2, 3), F(1, 3))
            assert interior[0].max_regret() == 0
        else:
            assert abs(interior[0].strategy[0] - 2 / 3) <= 1e-6


# ----------------------------------------------------------------------------- inputs as other libraries give them
def test_decimal_payoffs_from_pygambit_stay_exact():
    """pygambit returns a Gambit file's payoffs as Decimal or Rational; both are exact input."""
    path = GAMBIT_CATALOG / "journals" / "ijgt" / "nau2004" / "sec3.nfg"
    ref = gbt.read_nfg(str(path))
    players = list(ref.players)
    strategies = [list(p.strategies) for p in players]
    shape = tuple(len(s) for s in strategies)
    arrays = [np.empty(shape, dtype=object) for _ in players]
    for index in np.ndindex(*shape):
        outcome = ref[tuple(strategies[p][k] for p, k in enumerate(index))]
        for p, player in enumerate(players):
            arrays[p][index] = Decimal(str(outcome[player]))
    g = cg.NormalFormGame(arrays)
    assert g.is_exact
    assert [a.tolist() for a in g.payoffs] == [a.tolist() for a in cg.read_nfg(path).payoffs]
    assert {as_fraction_profile(e) for e in cg.mixed_equilibria(g)} == gambit_extreme(arrays)
    assert cg.NormalFormGame([[[Decimal("0.1"), 0], [0, 1]], [[1, 0], [0, Decimal("0.25")]]]).payoffs[0][0, 0] \
        == F(1, 10)
    with pytest.raises(cg.InvalidGameError):
        cg.NormalFormGame([[[Decimal("NaN"), 0], [0, 1]], [[1, 0], [0, 1]]])


def test_numpy_scalars_and_label_arrays_are_accepted():
    n = np.int64(10)
    res = cg.stable_coalition_sizes(lambda k: F(k * k, 2) + 10 - k, lambda k: k * k + 10 - k - F(1, 2), n)
    assert tuple(res) == (3,)
    g = cg.NormalFormGame(PD, players=np.array(["A", "B"]), actions=np.array([["C", "D"], ["C", "D"]]))
    assert g.players == ("A", "B") and all(type(p) is str for p in g.players)
    assert all(type(a) is str for acts in g.actions for a in acts)
    assert "np.str_" not in repr(cg.pure_equilibria(g)) and "np.str_" not in str(cg.pure_equilibria(g)[0].to_dict())
    assert tuple(float(v) for v in g[(np.int64(0), np.int64(1))]) == (0.0, 5.0)
    assert cg.critical_discount_factor(g, np.array([0, 0])).value == 0.5
    tu = cg.TUGame(np.int64(2), np.array([0, 1, 1, 3]))
    assert list(tu.shapley_value()) == [F(3, 2), F(3, 2)]


def test_nucleolus_is_lexicographically_least_on_random_games():
    """The nucleolus's excess vector, sorted decreasingly, is lexicographically at most that of
    every other imputation (checked against the Shapley value when it is an imputation and against
    random imputations); it lies in the core whenever the core is not empty."""
    rng = np.random.default_rng(17)

    def excesses(worth, n, x):
        return sorted((worth[mask] - sum(x[i] for i in range(n) if mask >> i & 1)
                       for mask in range(1, 2 ** n - 1)), reverse=True)

    checked = 0
    for _ in range(40):
        n = int(rng.integers(2, 5))
        worth = [0] + [int(rng.integers(0, 6)) * bin(m).count("1") for m in range(1, 2 ** n)]
        singles = [worth[1 << i] for i in range(n)]
        if sum(singles) > worth[-1]:
            continue
        g = cg.TUGame(n, worth)
        nu = list(g.nucleolus())
        assert sum(nu) == worth[-1] and all(nu[i] >= singles[i] for i in range(n))
        best = excesses(worth, n, nu)
        candidates = [list(g.shapley_value())]
        for _ in range(20):
            w = rng.dirichlet(np.ones(n))
            spare = worth[-1] - sum(singles)
            candidates.append([singles[i] + F(float(w[i])).limit_denominator(50) * spare for i in range(n)])
        for x in candidates:
            if sum(x) == worth[-1] and all(x[i] >= singles[i] for i in range(n)):
                assert best <= excesses(worth, n, x)
                checked += 1
        assert g.core_contains(nu) == (not g.core_is_empty())
    assert checked > 100


@pytest.mark.parametrize("unit", [1.0, 1e-10, 1e-200, 1e12])
def test_correlated_equilibrium_does_not_depend_on_the_unit_of_payment(unit):
    """Chicken and the prisoner's dilemma with payoffs in any unit: the welfare-best correlated
    equilibrium is the same distribution (an LP whose constraints are all scaled by the unit)."""
    chicken = np.array([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], dtype=float)
    ce = cg.correlated_equilibrium(cg.NormalFormGame(chicken * unit))
    assert np.allclose(np.asarray(ce.distribution, float), [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
    pd = cg.correlated_equilibrium(cg.NormalFormGame(np.array(PD, dtype=float) * unit))
    assert np.allclose(np.asarray(pd.distribution, float), [[0, 0], [0, 1]], atol=1e-9)
    maxmin = cg.correlated_equilibrium(cg.NormalFormGame(np.array(PD, dtype=float) * unit), objective="maxmin")
    assert np.allclose(np.asarray(maxmin.distribution, float), [[0, 0], [0, 1]], atol=1e-9)


def test_support_enumeration_warns_exactly_when_it_may_miss_equilibria():
    """No DegenerateGameWarning on rock-paper-scissors (non-degenerate); on random small-integer
    games, whenever support enumeration does not warn it finds every equilibrium pygambit finds."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", cg.DegenerateGameWarning)
        cg.mixed_equilibria(cg.NormalFormGame([RPS, -RPS]), method="support_enumeration")
    silent = 0
    for k in range(80):
        rng = np.random.default_rng(3000 + k)
        m, n = (int(v) for v in rng.integers(1, 5, size=2))
        arrays = [rng.integers(0, 3 + k % 3, size=(m, n)) for _ in range(2)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            eqs = cg.mixed_equilibria(cg.NormalFormGame(arrays, exact=True), method="support_enumeration")
        assert_verified(eqs, exact=True)
        if not any(issubclass(w.category, cg.DegenerateGameWarning) for w in caught):
            silent += 1
            assert {as_fraction_profile(e) for e in eqs} == gambit_extreme(arrays)
    assert silent >= 10


@pytest.mark.parametrize("values", [dict(R=4, S=1, T=3, P=3), dict(R=5, S=0, T=4, P=2), dict(R=3, S=2, T=4, P=1),
                                    dict(R=F(7, 2), S=1, T=3, P=2)])
def test_derived_symmetric_two_by_two_mixed_equilibrium_formula(values):
    """A symmetric 2x2 game with payoffs R, S, T, P has the mixed equilibrium
    p = (P - S) / (R - T + P - S) when it lies strictly between 0 and 1 (stag hunt, chicken;
    e.g. Gintis 2009, *Game Theory Evolving*, ch. 6); the catalogue's stag hunt and chicken agree."""
    R_, S_, T_, P_ = (F(values[k]) for k in "RSTP")
    p = (P_ - S_) / (R_ - T_ + P_ - S_)
    for factory in (cg.models.stag_hunt, cg.models.chicken):
        g = factory(**values)
        mixed = [e for e in cg.mixed_equilibria(g) if not e.is_pure]
        assert [tuple(e.strategies[0]) for e in mixed] == [(p, 1 - p)]
        assert all(tuple(e.strategies[1]) == (p, 1 - p) for e in mixed)


@pytest.mark.parametrize("n,r", [(3, 2), (5, 3), (50, F(3, 2))])
def test_derived_public_goods_grim_trigger_threshold(n, r):
    """Linear public good, N players, multiplier r (1 < r < N): grim trigger sustains full
    contribution iff delta >= (N - r) / (r (N - 1)), the same from the N-player normal form and
    from the anonymous model."""
    arrays = [np.empty((2,) * min(n, 3), dtype=object) for _ in range(min(n, 3))]
    if n <= 3:
        for prof in itertools.product(range(2), repeat=n):
            c = prof.count(0)
            for p in range(n):
                arrays[p][prof] = F(r) * c / n - (1 if prof[p] == 0 else 0)
        d = cg.critical_discount_factor(cg.NormalFormGame(arrays, exact=True), (0,) * n)
        assert d.value == F(n - r) / (r * (n - 1))
    anonymous = cg.critical_discount_factor(cg.models.public_goods_anonymous(n=n, r=r), "Govern")
    assert anonymous.value == F(n - r) / (r * (n - 1))


def test_read_nfg_accepts_text_bytes_paths_and_files_alike():
    path = Path(__file__).parent / "data" / "prisoners_dilemma.nfg"
    text = path.read_text()
    game = cg.read_nfg(path)
    with open(path, "rb") as fh:
        from_binary_file = cg.read_nfg(fh)
    with open(path) as fh:
        from_text_file = cg.read_nfg(fh)
    for other in (cg.read_nfg(str(path)), cg.read_nfg(text), cg.read_nfg("\ufeff" + text),
                  cg.read_nfg(path.read_bytes()), cg.read_nfg(text.replace("\n", "\r\n")), from_binary_file,
                  from_text_file):
        assert other == game


@pytest.mark.parametrize("m", [3, 4])
def test_unique_threshold_with_irrational_critical_values(m):
    """Mixed equilibria whose boundaries are roots of quadratics in the parameter give irrational
    critical values; the 'unique' scan evaluates them (it raised TypeError from sympy.Float) and its
    answer agrees with the solvers on both sides."""
    s = sympy.Symbol("s")
    rng = np.random.default_rng(0)
    A = rng.integers(-3, 4, (m, m)).astype(object) + rng.integers(0, 2, (m, m)) * s
    B = rng.integers(-3, 4, (m, m)).astype(object) + rng.integers(0, 2, (m, m)) * s
    g = cg.SymbolicGame([A, B])
    with wall_clock_guard(120):
        t = cg.threshold(g, (0, 0), s, concept="unique")

    def unique_at(x):
        eqs = cg.mixed_equilibria(g.subs({s: x}))
        return len(eqs) == 1 and eqs[0].is_pure and eqs[0].support == ((0,), (0,))

    if t.value is None:
        assert not unique_at(1000)
    else:
        assert unique_at(sympy.nsimplify(float(t.value) + 1, rational=True))


WEIRD_INPUTS = [None, 5, -1, 1.5, "x", ("C",), [], {}, float("nan"), np.array([0.5]), [[0.5, 0.5], [0.5]],
                object(), sympy.Symbol("q"), True, F(1, 2), [-0.5, 1.5]]


@pytest.mark.parametrize("name,call", [
    ("pure_equilibria", lambda x: cg.pure_equilibria(x)),
    ("mixed_equilibria method", lambda x: cg.mixed_equilibria(HD, method=x)),
    ("correlated_equilibrium objective", lambda x: cg.correlated_equilibrium(HD, objective=x)),
    ("equilibrium_conditions profile", lambda x: cg.equilibrium_conditions(cg.models.prisoners_dilemma(), x)),
    ("threshold parameter", lambda x: cg.threshold(cg.models.prisoners_dilemma(), (0, 0), x)),
    ("threshold concept", lambda x: cg.threshold(cg.models.prisoners_dilemma(), (0, 0), "T", concept=x)),
    ("critical_discount_factor profile", lambda x: cg.critical_discount_factor(HD, x)),
    ("replicator x0", lambda x: cg.replicator(HD, x, 1)),
    ("replicator t_max", lambda x: cg.replicator(HD, [[0.5, 0.5], [0.5, 0.5]], x)),
    ("stability point", lambda x: cg.stability(HD, x)),
    ("stable_coalition_sizes n", lambda x: cg.stable_coalition_sizes(lambda k: k, lambda k: k, x)),
    ("stable_coalition_sizes payoff", lambda x: cg.stable_coalition_sizes(lambda k: x, lambda k: 1, 3)),
    ("TUGame values", lambda x: cg.TUGame(2, x)),
    ("core_contains", lambda x: cg.TUGame(2, [0, 0, 0, 1]).core_contains(x)),
    ("read_nfg", lambda x: cg.read_nfg(x)),
    ("sweep grid", lambda x: cg.sweep(lambda a: a, x)),
    ("Subsidy amount", lambda x: HD.apply(cg.Subsidy(0, 0, x))),
    ("Penalty detection", lambda x: HD.apply(cg.Penalty(0, 1, 1, detection=x))),
    ("Transfer when", lambda x: HD.apply(cg.Transfer(0, 1, 1, when=x))),
    ("subs", lambda x: cg.models.prisoners_dilemma().subs(x)),
    ("NormalFormGame players", lambda x: cg.NormalFormGame(PD, players=x)),
    ("NormalFormGame actions", lambda x: cg.NormalFormGame(PD, actions=x)),
    ("profile lookup", lambda x: HD[x]),
])
def test_odd_inputs_give_coopgame_errors_or_results(name, call):
    """Whatever a user passes, the answer is a result or a CoopgameError, never a stray
    TypeError/ValueError from numpy, sympy or a comparison deep inside."""
    for x in WEIRD_INPUTS:
        try:
            call(x)
        except cg.CoopgameError:
            pass


@pytest.mark.parametrize("call", [
    lambda: cg.models.inspection(supervisors=10 ** 30),
    lambda: cg.models.public_goods_continuous(n=10 ** 30),
    lambda: cg.models.transboundary_emissions(n=10 ** 30),
    lambda: cg.models.public_goods(n=10 ** 30),
    lambda: cg.models.public_goods_anonymous(n=10 ** 30),
], ids=["inspection", "public_goods_continuous", "transboundary_emissions", "public_goods", "public_goods_anonymous"])
def test_catalogue_refuses_absurd_sizes_instead_of_hanging(call):
    with wall_clock_guard(30), pytest.raises(cg.CoopgameError) as info:
        call()
    assert "10000000000" in str(info.value) or "at most" in str(info.value)


def test_inspection_with_many_supervisors_keeps_the_closed_forms():
    """m supervisors each detecting with probability 1/2: detection 1 - 2**-m, and Tsebelis's
    violation rate k / (rho B) with that detection (built in linear time: 20 supervisors)."""
    for m in (5, 20):
        g = cg.models.inspection(supervisors=m)
        halves = {s: F(1, 2) for s in g.parameters if s.name.startswith("rho")}
        eq, = cg.mixed_equilibria(g.subs(halves).subs(dict(dc=2, k=1, F=8, B=4)))
        rho = 1 - F(1, 2 ** m)
        assert eq.strategies[0][1] == F(1) / (rho * 4)
        assert eq.strategies[1][0] == F(2) / (rho * 8)


def test_threshold_values_and_equilibrium_game_are_type_checked():
    assert_coopgame_error(TypeError, "threshold",
                          lambda: cg.threshold(cg.models.prisoners_dilemma(), (0, 0), "T", values=5))
    assert_coopgame_error(TypeError, "Equilibrium", lambda: cg.Equilibrium(5, ([1, 0], [1, 0])))
    assert_coopgame_error(TypeError, "mixed_equilibria", lambda: cg.mixed_equilibria(HD, method=[]))
    assert_coopgame_error(TypeError, "subs", lambda: cg.models.prisoners_dilemma().subs(5))
    assert_coopgame_error(TypeError, "stable_coalition_sizes",
                          lambda: cg.stable_coalition_sizes(lambda k: "x", lambda k: 1, 3))


def test_command_line_refuses_big_games_and_names_its_option():
    big = cg.write_nfg(cg.random_game((40, 40), seed=1))  # about 1e15 vertices: over any time budget
    partial = _run_cli("solve", "-", stdin=big)  # too big to enumerate: the pure equilibria, said to be partial
    assert partial.returncode == 0 and "Traceback" not in partial.stderr
    assert "--method lemke_howson" in partial.stdout and "only pure equilibria are listed" in partial.stdout
    refused = _run_cli("solve", "-", "--method", "vertex_enumeration", stdin=big)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and "max_seconds" in refused.stderr
    one = _run_cli("solve", "-", "--method", "lemke_howson", stdin=big)
    assert one.returncode == 0 and "1 equilibrium" in one.stdout
