"""Symmetric (anonymous) N-player games and their equilibria on count vectors."""

from __future__ import annotations

import itertools
import math
import pickle
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.equilibria.symmetric import (
    SymmetricEquilibrium,
    symmetric_mixed_equilibria,
    symmetric_pure_equilibria,
)
from coopgame.errors import (
    CallbackError,
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.games.symmetric import (
    MAX_NORMAL_FORM_PROFILES,
    MAX_TABLE_SIZE,
    SymmetricGame,
    composition_rank,
    compositions,
)

# too_slow: drawing a game calls its payoff function on every count vector and the tests then solve it;
# the generation is slow by nature rather than by a badly shaped strategy.
SETTINGS = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def volunteer(n: int, b, c, exact=None) -> SymmetricGame:
    """Diekmann's volunteer's dilemma: actions (Volunteer, Abstain)."""
    return SymmetricGame(n, ["Volunteer", "Abstain"],
                         lambda own, counts: (b if counts[0] + (own == 0) > 0 else 0 * b) - (c if own == 0 else 0 * c),
                         exact=exact)


def from_differences(d, exact=None) -> SymmetricGame:
    """Two-action game whose payoff difference is ``d[k]`` when ``k`` others play the first action."""
    n = len(d)
    table = [[d[n - 1 - j] for j in range(n)], [0 * d[0]] * n]
    return SymmetricGame.from_table(n, 2, table, exact=exact)


@st.composite
def small_games(draw, max_players=5, max_actions=3, exact=True):
    n = draw(st.integers(1, max_players))
    m = draw(st.integers(1, max_actions))
    while m ** n > 300:
        n -= 1
    k = math.comb(n - 1 + m - 1, m - 1)
    values = draw(st.lists(st.integers(-3, 3), min_size=m * k, max_size=m * k))
    table = np.array(values, dtype=object).reshape(m, k)
    return SymmetricGame.from_table(n, m, table, exact=exact)


# ---------------------------------------------------------------------- count vectors
@given(st.integers(0, 12), st.integers(1, 5))
def test_compositions_ranked_in_order(total, parts):
    c = compositions(total, parts)
    assert len(c) == math.comb(total + parts - 1, parts - 1)
    assert (c.sum(axis=1) == total).all() and (c >= 0).all()
    assert [tuple(r) for r in c] == sorted((tuple(r) for r in c), reverse=True)
    assert (composition_rank(c, total) == np.arange(len(c))).all()


def test_two_action_count_vector_k_is_others_on_second_action():
    game = SymmetricGame(5, 2, lambda own, c: 10 * own + c[1])
    assert game.count_vectors.tolist() == [[4 - k, k] for k in range(5)]
    assert game.table.tolist() == [[0, 1, 2, 3, 4], [10, 11, 12, 13, 14]]


# ---------------------------------------------------------------------- the game
def test_game_basics_equality_hash_repr_pickle():
    g1 = volunteer(4, 2, 1)
    g2 = SymmetricGame.from_table(4, ["Volunteer", "Abstain"], g1.table)
    assert g1 == g2 and hash(g1) == hash(g2)
    assert g1 != volunteer(4, 3, 1)
    assert g1 != volunteer(4, 2, 1, exact=True)
    assert "4 players" in repr(g1) and "Volunteer" in repr(g1)
    assert pickle.loads(pickle.dumps(g1)) == g1
    assert g1.num_players == 4 and g1.num_actions == 2 and g1.actions == ("Volunteer", "Abstain")
    with pytest.raises(ValueError):
        g1.table[0, 0] = 5
    assert g1.payoff("Abstain", (0, 3)) == 0.0 and g1.payoff(1, (1, 2)) == 2.0
    assert g1.profile_payoffs((1, 3)) == (1.0, 2.0)
    assert g1.profile_payoffs((0, 4)) == (None, 0.0)


def test_exactness_follows_the_payoffs():
    assert not SymmetricGame(3, 2, lambda own, c: c[0]).is_exact
    assert SymmetricGame(3, 2, lambda own, c: Fraction(c[0], 3)).is_exact
    assert SymmetricGame(3, 2, lambda own, c: c[0], exact=True).table[0, 0] == Fraction(2)
    assert not SymmetricGame(3, 2, lambda own, c: Fraction(c[0], 3), exact=False).is_exact
    assert SymmetricGame(3, 2, lambda own, c: 0.1 * c[0], exact=True).table[0, 1] == Fraction(1, 10)


def test_payoff_called_once_per_own_action_and_count_vector():
    calls = []
    SymmetricGame(6, 3, lambda own, c: calls.append((own, c)) or 0)
    assert len(calls) == 3 * math.comb(5 + 2, 2) and len(set(calls)) == len(calls)
    assert all(sum(c) == 5 and len(c) == 3 for _, c in calls)


@pytest.mark.parametrize("args, typed, match", [
    ((0, 2, lambda o, c: 0), InvalidArgumentError, "num_players"),
    ((2.5, 2, lambda o, c: 0), InvalidArgumentError, "num_players"),
    ((True, 2, lambda o, c: 0), InvalidArgumentTypeError, "num_players"),
    ((3, 0, lambda o, c: 0), InvalidArgumentError, "actions"),
    ((3, [], lambda o, c: 0), InvalidGameError, "at least one action"),
    ((3, "ab", lambda o, c: 0), InvalidGameError, "actions"),
    ((3, ["a", "a"], lambda o, c: 0), InvalidGameError, "distinct"),
    ((3, ["a", 1], lambda o, c: 0), InvalidGameError, "strings"),
    ((3, 2, [[1, 2, 3], [4, 5, 6]]), InvalidArgumentTypeError, "payoff"),
    ((3, 2, lambda o, c: "x"), InvalidGameError, r"real number as the payoff from payoff\(0, \(2, 0\)\)"),
    ((3, 2, lambda o, c: None), InvalidGameError, r"real number as the payoff from payoff\(0, \(2, 0\)\)"),
    ((3, 2, lambda o, c: [1, 2]), InvalidGameError, r"real number as the payoff"),
    ((3, 2, lambda o, c: True), InvalidGameError, r"real number as the payoff"),
    ((3, 2, lambda o, c: 1j), InvalidGameError, r"real number as the payoff"),
    ((3, 2, lambda o, c: float("nan")), InvalidGameError, "finite"),
    ((3, 2, lambda o, c: float("inf")), InvalidGameError, "finite"),
    ((3, 2, lambda o, c: 10**400), InvalidGameError, "MAX_DIGITS"),
    ((3, 2, lambda o, c: sympy.Symbol("b")), UnresolvedParameterError, "b"),
])
def test_invalid_games_name_the_function(args, typed, match):
    with pytest.raises(typed, match=match) as info:
        SymmetricGame(*args)
    assert "SymmetricGame" in str(info.value)


def test_a_raising_payoff_function_gives_a_callback_error():
    with pytest.raises(CallbackError, match=r"SymmetricGame: payoff\(0, \(2, 0\)\) raised ZeroDivisionError") as info:
        SymmetricGame(3, 2, lambda o, c: 1 / 0)
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_huge_integers_stay_exact_in_exact_games():
    game = SymmetricGame(2, 2, lambda o, c: 10**250 + o, exact=True)
    assert game.table[1, 0] == 10**250 + 1
    assert SymmetricGame(2, 2, lambda o, c: 10**250).float_table[0, 0] == 1e250


def test_from_table_validates_shape():
    with pytest.raises(InvalidGameError, match=r"shape \(2, 3\)"):
        SymmetricGame.from_table(3, 2, [[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="SymmetricGame.from_table"):
        SymmetricGame.from_table(3, 2, "table")


def test_limits_are_named():
    with pytest.raises(SolverLimitError, match="max_size"):
        SymmetricGame(2000, 3, lambda o, c: 0)
    assert 3 * math.comb(1999 + 1, 2) > MAX_TABLE_SIZE
    assert SymmetricGame(2000, 3, lambda o, c: 0, max_size=10**7).table.shape == (3, math.comb(2001, 2))
    with pytest.raises(SolverLimitError, match="max_profiles"):
        SymmetricGame(17, 2, lambda o, c: 0).to_normal_form()
    assert 2 ** 17 > MAX_NORMAL_FORM_PROFILES
    assert SymmetricGame(3, 2, lambda o, c: 0).to_normal_form(max_profiles=8).shape == (2, 2, 2)


@pytest.mark.parametrize("num_players, actions", [(2, 10**6), (3, 10**9), (10**12, 2), (10**18, 10**6)])
def test_huge_games_are_refused_before_any_work(num_players, actions):
    calls = []
    with pytest.raises(SolverLimitError, match="max_size"):
        SymmetricGame(num_players, actions, lambda o, c: calls.append(1) or 0)
    assert not calls
    with pytest.raises(SolverLimitError, match="max_size"):
        SymmetricGame.from_table(num_players, actions, [[0]])


def test_many_actions_need_no_recursion():
    game = SymmetricGame(2, 1200, lambda o, c: o)  # 1200 x 1200 table, deeper than Python's recursion limit
    assert game.count_vectors.shape == (1200, 1200)
    assert (game.count_vectors == np.eye(1200, dtype=int)).all()


def test_bad_limits_are_refused():
    with pytest.raises(InvalidArgumentError, match="max_size"):
        SymmetricGame(3, 2, lambda o, c: 0, max_size=0)
    with pytest.raises(InvalidArgumentError, match="exact"):
        SymmetricGame(3, 2, lambda o, c: 0, exact="yes")


def test_profile_and_strategy_errors():
    game = volunteer(4, 2, 1)
    with pytest.raises(InvalidProfileError):
        game.count_index((1, 1))
    with pytest.raises(InvalidProfileError):
        game.profile_payoffs((5, 0))
    with pytest.raises(InvalidProfileError):
        game.regret([0.5, 0.6])
    with pytest.raises(InvalidProfileError):
        game.payoff("Shirk", (3, 0))


# ---------------------------------------------------------------------- pure equilibria
@SETTINGS
@given(small_games())
def test_pure_equilibria_match_the_normal_form(game):
    nf = game.to_normal_form()
    expected = set()
    for eq in cg.pure_equilibria(nf):
        idx = [int(np.flatnonzero(s)[0]) for s in eq.strategies]
        expected.add(tuple(idx.count(a) for a in range(game.num_actions)))
    found = symmetric_pure_equilibria(game)
    assert {eq.counts for eq in found} == expected
    for eq in found:
        assert eq.max_regret() == 0
        nf_eq = eq.to_equilibrium()
        assert nf_eq.max_regret() == 0
        profile = [a for a, c in enumerate(eq.counts) for _ in range(c)]
        pays = nf[profile]
        assert all(pays[i] == eq.payoffs[i] == eq.action_payoffs[profile[i]] for i in range(game.num_players))


@SETTINGS
@given(small_games(max_players=4, max_actions=3))
def test_normal_form_is_symmetric(game):
    nf = game.to_normal_form()
    n = game.num_players
    for perm in itertools.permutations(range(n)):
        for profile in itertools.product(range(game.num_actions), repeat=n):
            permuted = tuple(profile[perm[i]] for i in range(n))
            assert nf[permuted] == tuple(nf[profile][perm[i]] for i in range(n))
        break  # one permutation per game is enough (the construction is per player)


def test_pure_equilibria_dispatch_and_float_tolerance():
    game = SymmetricGame(5, ["Govern", "Free-ride"], lambda own, c: 3 * (c[0] + (own == 0) >= 3) - 2 * (own == 0))
    eqs = cg.pure_equilibria(game)
    assert all(isinstance(e, SymmetricEquilibrium) for e in eqs)
    assert [e.counts for e in eqs] == [(3, 2), (0, 5)]
    assert eqs[1].strategy == (0.0, 1.0) and eqs[0].strategy is None
    assert eqs[0].payoff == pytest.approx((3 * 1 + 2 * 3) / 5)
    # a tie within the tolerance counts as a best response
    tied = SymmetricGame.from_table(2, 2, [[1.0, 0.0], [1.0 + 1e-12, 0.0]])
    assert (2, 0) in [e.counts for e in cg.pure_equilibria(tied)]


def test_pure_equilibria_three_actions_many_players():
    # congestion: payoff of a road falls with its users
    cost = (1.0, 2.0, 3.0)
    game = SymmetricGame(300, ["A", "B", "C"], lambda own, c: -cost[own] * (c[own] + 1))
    eqs = cg.pure_equilibria(game)
    assert eqs and all(e.max_regret() <= game.tolerance for e in eqs)
    for e in eqs:  # no user gains by moving
        loads = [cost[a] * e.counts[a] for a in range(3)]
        for a in range(3):
            for b in range(3):
                if e.counts[a]:
                    assert loads[a] <= cost[b] * (e.counts[b] + 1) + 1e-9


# ---------------------------------------------------------------------- mixed equilibria
def _exact_interior_roots(d):
    """Distinct roots in (0, 1) of sum C(n,k) p^k (1-p)^(n-k) d_k, by sympy (exact)."""
    p = sympy.Symbol("p")
    n = len(d) - 1
    poly = sum(sympy.binomial(n, k) * p**k * (1 - p) ** (n - k) * sympy.Rational(dk) for k, dk in enumerate(d))
    poly = sympy.Poly(sympy.expand(poly), p)
    if poly.is_zero:
        return None
    return sorted({float(r) for r in sympy.real_roots(poly) if 0 < r < 1})


@SETTINGS
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=8), st.booleans())
def test_derived_mixed_equilibria_are_every_root(d, exact):
    game = from_differences(d, exact=exact)
    roots = _exact_interior_roots(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = cg.mixed_equilibria(game)
    probs = [float(e.strategy[0]) for e in eqs]
    assert probs == sorted(probs, reverse=True)
    interior = sorted(pr for pr, e in zip(probs, eqs) if not e.is_pure)
    if roots is None:  # D identically zero: only the two pure strategies are returned
        assert probs == [1.0, 0.0]
        return
    assert len(interior) == len(roots)
    assert np.allclose(interior, roots, atol=1e-6)
    assert (1.0 in probs) == (d[-1] >= 0)
    assert (0.0 in probs) == (d[0] <= 0)
    for e in eqs:
        assert e.is_verified()
        assert e.max_regret() <= game.float_tolerance


@SETTINGS
@given(small_games(max_players=6, max_actions=2, exact=False))
def test_mixed_equilibria_verified_in_the_normal_form(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = cg.mixed_equilibria(game)
    pure_symmetric = {e.counts for e in symmetric_pure_equilibria(game) if e.is_symmetric}
    assert {e.counts for e in eqs if e.is_pure} == pure_symmetric
    for e in eqs:
        assert e.to_equilibrium().is_verified()


@SETTINGS
@given(small_games(max_players=6, max_actions=2, exact=False), st.floats(-100, 100))
def test_equilibria_invariant_under_adding_a_constant(game, shift):
    shifted = SymmetricGame.from_table(game.num_players, game.actions, game.float_table + shift)
    assert [e.counts for e in cg.pure_equilibria(game)] == [e.counts for e in cg.pure_equilibria(shifted)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        a = [e.strategy[0] for e in cg.mixed_equilibria(game)]
        b = [e.strategy[0] for e in cg.mixed_equilibria(shifted)]
    assert len(a) == len(b) and np.allclose(a, b, atol=1e-7)


def test_published_volunteers_dilemma_diekmann_1985():
    """Diekmann (1985), "Volunteer's dilemma", Journal of Conflict Resolution 29(4): 605-610.

    Derivation checked here: a volunteer gets b - c whatever the others do;
    an abstainer gets b unless all N - 1 others abstain, each with
    probability q. Indifference: b - c = b (1 - q^(N-1)), so q = (c/b)^(1/(N-1)).
    """
    b, c = 2.0, 1.0
    for n in (2, 3, 5, 10, 100, 1000):
        game = volunteer(n, b, c)
        [eq] = cg.mixed_equilibria(game)
        q = eq.strategy[1]
        assert q == pytest.approx((c / b) ** (1 / (n - 1)), rel=1e-13)
        assert b - c == pytest.approx(b * (1 - q ** (n - 1)), abs=1e-12)  # the indifference itself
        assert eq.action_payoffs == pytest.approx((b - c, b - c))
        assert eq.payoffs == pytest.approx((b - c,) * n)
        assert [e.counts for e in cg.pure_equilibria(game)] == [(1, n - 1)]


@SETTINGS
@given(st.integers(2, 3000), st.floats(0.01, 0.99), st.floats(0.1, 100))
def test_published_volunteers_dilemma_closed_form_across_n(n, ratio, b):
    """Diekmann (1985): the probability of not volunteering is (c/b)^(1/(N-1))."""
    c = ratio * b
    [eq] = cg.mixed_equilibria(volunteer(n, b, c))
    volunteer_prob = -math.expm1(math.log(ratio) / (n - 1))
    assert eq.strategy[0] == pytest.approx(volunteer_prob, rel=1e-11)
    assert eq.strategy[1] == pytest.approx(ratio ** (1 / (n - 1)), rel=1e-13)


def test_published_volunteers_dilemma_ten_thousand_players():
    """Diekmann (1985) at N = 10,000: the volunteering probability is about 6.9e-5."""
    n = 10_000
    [eq] = cg.mixed_equilibria(volunteer(n, 2.0, 1.0))
    assert eq.strategy[0] == pytest.approx(-math.expm1(math.log(0.5) / (n - 1)), rel=1e-12)
    assert eq.max_regret() <= 1e-9


def test_derived_linear_public_goods_no_interior_root():
    """Claim C1 (docs/explanation/claims.md): u_i = r c K / N - c [i governs]; free-riding strictly dominant for r < N."""
    for n, r in ((10, 3.0), (10_000, 50.0), (10_000, 9_999.0)):
        game = SymmetricGame(n, ["Govern", "Free-ride"],
                             lambda own, cnt, r=r, n=n: r * 1.0 * (cnt[0] + (own == 0)) / n - (own == 0))
        eqs = cg.mixed_equilibria(game)
        assert [e.strategy for e in eqs] == [(0.0, 1.0)]
        assert [e.counts for e in cg.pure_equilibria(game)] == [(0, n)]
    game = SymmetricGame(10, ["Govern", "Free-ride"], lambda own, cnt: 12.0 * (cnt[0] + (own == 0)) / 10 - (own == 0))
    assert [e.counts for e in cg.mixed_equilibria(game)] == [(10, 0)]


@settings(deadline=None, max_examples=8)
@given(st.floats(0.001, 0.999))
def test_derived_linear_difference_root_at_ten_thousand(a):
    """d_k = k/n - a gives D(p) = p - a exactly (the Bernstein operator reproduces lines)."""
    n = 9_999
    d = np.arange(n + 1) / n - a
    eqs = cg.mixed_equilibria(from_differences(d))
    interior = [e.strategy[0] for e in eqs if not e.is_pure]
    assert interior == [pytest.approx(a, rel=1e-10, abs=1e-12)]


@pytest.mark.parametrize("a, b", [(0.2, 0.7), (0.5, 0.501), (0.0005, 0.9995), (0.3, 0.3)])
def test_derived_quadratic_difference_two_roots_at_ten_thousand(a, b):
    """d_k = (k/n - a)(k/n - b): D(p) = (1 - 1/n) p^2 + (1/n - a - b) p + a b (Bernstein of x^2)."""
    n = 9_999
    x = np.arange(n + 1) / n
    eqs = cg.mixed_equilibria(from_differences((x - a) * (x - b)))
    interior = sorted(e.strategy[0] for e in eqs if not e.is_pure)
    A, B, C = 1 - 1 / n, 1 / n - a - b, a * b
    disc = B * B - 4 * A * C
    if disc < 0:
        assert interior == []
        return
    expected = sorted(r for r in ((-B - math.sqrt(disc)) / (2 * A), (-B + math.sqrt(disc)) / (2 * A)) if 0 < r < 1)
    assert interior == pytest.approx(expected, rel=1e-8)
    assert all(e.max_regret() <= 1e-9 for e in eqs)


def test_derived_cubic_three_roots_checked_in_high_precision():
    import mpmath

    n = 9_999
    x = np.arange(n + 1) / n
    d = (x - 0.2) * (x - 0.5) * (x - 0.9)
    eqs = cg.mixed_equilibria(from_differences(d))
    interior = sorted(e.strategy[0] for e in eqs if not e.is_pure)
    assert len(interior) == 3
    mpmath.mp.dps = 30
    dk = [mpmath.mpf(v) for v in d]

    def D(p):
        p = mpmath.mpf(p)
        terms, t = [], (1 - p) ** n
        for k in range(n + 1):
            terms.append(t * dk[k])
            t = t * p / (1 - p) * (n - k) / (k + 1)
        return mpmath.fsum(terms)

    try:
        for r in interior:  # a sign change within 1e-12 of each root, in 30-digit arithmetic
            assert D(r - 1e-12) * D(r + 1e-12) < 0
        assert (D(0.01) < 0) == (d[0] < 0)
    finally:
        mpmath.mp.dps = 15


def test_tangential_root_is_found():
    # D(p) = (1 - 2p)^2: d = (1, -1, 1)
    eqs = cg.mixed_equilibria(from_differences([1, -1, 1]))
    assert [e.strategy[0] for e in eqs] == [1.0, pytest.approx(0.5, abs=1e-7)]


def test_exact_games_give_exact_rational_roots():
    [eq] = cg.mixed_equilibria(volunteer(2, Fraction(3), Fraction(1)))
    assert eq.strategy == (Fraction(2, 3), Fraction(1, 3)) and eq.max_regret() == 0
    eqs = cg.mixed_equilibria(from_differences([Fraction(1), Fraction(0), Fraction(-1)]))
    assert [e.strategy for e in eqs] == [(Fraction(1, 2), Fraction(1, 2))]
    assert eqs[0].max_regret() == 0
    eqs = cg.mixed_equilibria(volunteer(3, Fraction(2), Fraction(1)))  # irrational: floats
    assert isinstance(eqs[0].strategy[0], float) and eqs[0].is_verified()


def test_degenerate_and_one_action_games():
    with pytest.warns(DegenerateGameWarning):
        eqs = cg.mixed_equilibria(SymmetricGame(4, 2, lambda o, c: 1.0))
    assert [e.counts for e in eqs] == [(4, 0), (0, 4)]
    [eq] = cg.mixed_equilibria(SymmetricGame(3, ["Only"], lambda o, c: 7))
    assert eq.counts == (3,) and eq.payoff == 7


def test_mixed_errors():
    three = SymmetricGame(3, 3, lambda o, c: 0.0)
    with pytest.raises(NotSupportedError, match="pure_equilibria"):
        cg.mixed_equilibria(three)
    with pytest.raises(InvalidArgumentError, match="symmetric"):
        cg.mixed_equilibria(volunteer(3, 2, 1), method="vertex_enumeration")
    with pytest.raises(InvalidGameError, match="symmetric_mixed_equilibria"):
        symmetric_mixed_equilibria(cg.NormalFormGame([[1, 2]]))
    with pytest.raises(InvalidGameError, match="symmetric_pure_equilibria"):
        symmetric_pure_equilibria([[1, 2]])
    for solver in (symmetric_mixed_equilibria, symmetric_pure_equilibria):   # a misspelt keyword: a typed error
        with pytest.raises(InvalidArgumentTypeError, match=f"{solver.__name__}: got an unknown keyword.*'gam'"):
            solver(gam=volunteer(3, 2, 1))


def test_equilibrium_object():
    game = volunteer(3, 2, 1, exact=True)
    [eq] = cg.pure_equilibria(game)
    assert eq == SymmetricEquilibrium(game, (1, 2), None, (Fraction(1), Fraction(2)), "symmetric_pure")
    assert hash(eq) == hash(SymmetricEquilibrium(game, (1, 2), None, (Fraction(1), Fraction(2)), "symmetric_pure"))
    assert eq.is_pure and not eq.is_symmetric
    assert eq.to_dict()["counts"] == {"Volunteer": 1, "Abstain": 2}
    [mixed] = cg.mixed_equilibria(game)
    assert not mixed.is_pure and mixed.is_symmetric
    assert repr(mixed).startswith("SymmetricEquilibrium(everyone 0.2929 Volunteer + 0.7071 Abstain")
    with pytest.raises(AttributeError):
        eq.counts = (2, 1)
