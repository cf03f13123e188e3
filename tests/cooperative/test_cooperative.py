"""Tests of coopgame.cooperative: claims C13 (Shapley axioms, core, nucleolus)
and C14 (river sharing) of the docs' claims page (docs/explanation/claims.md),
published examples and error handling.

Every property checker is paired with a ``*_can_fail`` test showing that it
rejects a deliberately wrong allocation.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame.cooperative import (
    LeastCore,
    MonteCarloShapley,
    TUGame,
    airport_game,
    airport_shapley,
    downstream_incremental,
    local_responsibility,
    local_responsibility_game,
    upstream_equal_sharing,
    upstream_equal_sharing_game,
)
from coopgame.cooperative import _from_normal_form as fnf
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    SolverError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame
from tests.strategies import games as nf_games

# too_slow is off because each example solves LPs or sums over 2**n coalitions in exact arithmetic: the
# data generation is fast, the examples are not.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- helpers
@st.composite
def tu_games(draw, min_n=1, max_n=8, exact=True):
    n = draw(st.integers(min_n, max_n))
    if exact:
        vals = draw(st.lists(st.integers(-20, 20), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    else:
        vals = draw(
            st.lists(
                st.floats(-10, 10, allow_nan=False, allow_infinity=False),
                min_size=(1 << n) - 1,
                max_size=(1 << n) - 1,
            )
        )
    return TUGame(n, [0] + vals if exact else [0.0] + vals)


@st.composite
def convex_games(draw, min_n=2, max_n=6):
    """Sums of unanimity games with non-negative weights: supermodular (convex)."""
    n = draw(st.integers(min_n, max_n))
    w = draw(st.lists(st.integers(0, 9), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    weights = [0] + w
    vals = [sum(weights[t] for t in range(1, 1 << n) if t & m == t) for m in range(1 << n)]
    return TUGame(n, vals)


def brute_shapley(game):
    """Shapley value by averaging over all n! orders (independent of the library)."""
    n = game.num_players
    v = game.values
    phi = [F(0)] * n
    for perm in itertools.permutations(range(n)):
        m = 0
        for i in perm:
            phi[i] += F(v[m | (1 << i)]) - F(v[m])
            m |= 1 << i
    return [p / math.factorial(n) for p in phi]


def brute_core_contains(game, x):
    n = game.num_players
    v = game.values
    tot = sum(x)
    if tot != v[-1]:
        return False
    return all(sum(x[i] for i in range(n) if m >> i & 1) >= v[m] for m in range(1 << n))


def is_efficient(game, x):
    return sum(x) == game.grand_value


def respects_symmetry(game, x, i, j):
    """If i and j are interchangeable in ``game``, x_i must equal x_j."""
    return x[i] == x[j]


def respects_null(game, x, k):
    return x[k] == 0


def swap_symmetric(game, i, j):
    """The game v(S) + v(swap_ij(S)): players i and j are symmetric in it."""
    n = game.num_players
    v = game.values

    def sw(m):
        bi, bj = m >> i & 1, m >> j & 1
        m &= ~((1 << i) | (1 << j))
        return m | (bi << j) | (bj << i)

    return TUGame(n, [v[m] + v[sw(m)] for m in range(1 << n)])


def with_null(game, k):
    """The game v(S minus k): player k is null."""
    n = game.num_players
    v = game.values
    return TUGame(n, [v[m & ~(1 << k)] for m in range(1 << n)])


def excesses_desc(game, x):
    n = game.num_players
    v = [float(a) for a in game.values]
    xs = [float(a) for a in x]
    ex = [v[m] - sum(xs[i] for i in range(n) if m >> i & 1) for m in range(1, (1 << n) - 1)]
    return sorted(ex, reverse=True)


# --------------------------------------------------------------------------- C13
@PROPERTY
@given(tu_games())
def test_c13_shapley_efficiency(g):
    phi = g.shapley_value()
    assert is_efficient(g, phi)
    assert list(phi) == brute_shapley(g) if g.num_players <= 5 else True


def test_c13_efficiency_can_fail():
    g = TUGame(3, [0, 1, 2, 4, 3, 5, 6, 10])
    wrong = [g.value({i}) for i in range(3)]
    assert not is_efficient(g, wrong)


@PROPERTY
@given(tu_games(min_n=2), st.data())
def test_c13_shapley_symmetry(g, data):
    n = g.num_players
    i, j = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    h = swap_symmetric(g, i, j)
    phi = h.shapley_value()
    assert respects_symmetry(h, phi, i, j)


def test_c13_symmetry_can_fail():
    h = swap_symmetric(TUGame(3, [0, 1, 2, 4, 3, 5, 6, 10]), 0, 1)
    phi = list(h.shapley_value())
    wrong = [phi[0] + 1, phi[1] - 1, phi[2]]
    assert respects_symmetry(h, phi, 0, 1) and not respects_symmetry(h, wrong, 0, 1)


@PROPERTY
@given(tu_games(), st.data())
def test_c13_shapley_null_player(g, data):
    k = data.draw(st.integers(0, g.num_players - 1))
    h = with_null(g, k)
    assert respects_null(h, h.shapley_value(), k)
    assert respects_null(h, h.banzhaf_value(), k)


def test_c13_null_player_can_fail():
    h = with_null(TUGame(3, [0, 1, 2, 4, 3, 5, 6, 10]), 2)
    equal_split = [h.grand_value / 3] * 3
    assert not respects_null(h, equal_split, 2)


@PROPERTY
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(*(st.lists(st.integers(-9, 9), min_size=(1 << n) - 1, max_size=(1 << n) - 1),) * 2)))
def test_c13_shapley_additivity(pair):
    a, b = pair
    n = (len(a) + 1).bit_length() - 1
    g, h = TUGame(n, [0] + a), TUGame(n, [0] + b)
    s = TUGame(n, [0] + [x + y for x, y in zip(a, b)])
    assert list(s.shapley_value()) == list(g.shapley_value() + h.shapley_value())
    assert list(s.banzhaf_value()) == list(g.banzhaf_value() + h.banzhaf_value())


def test_c13_additivity_can_fail():
    # Nucleolus is not additive: the same comparison rejects it.
    g = TUGame(3, [0, 0, 0, 6, 0, 0, 0, 6])
    h = TUGame(3, [0, 0, 0, 0, 0, 6, 6, 6])
    s = TUGame(3, [a + b for a, b in zip(g.values, h.values)])
    assert list(s.nucleolus()) != list(g.nucleolus() + h.nucleolus())


@PROPERTY
@given(tu_games(max_n=8, exact=False))
def test_c13_float_games_efficiency_and_banzhaf_closed_form(g):
    phi = g.shapley_value()
    assert abs(phi.sum() - g.grand_value) <= 1e-9 * max(1, np.abs(g.values).max()) * 2**g.num_players
    if g.num_players <= 5:
        assert np.allclose(phi, [float(x) for x in brute_shapley(g)], atol=1e-9)
    n = g.num_players
    bz = [
        sum(g.values[m | 1 << i] - g.values[m] for m in range(1 << n) if not m >> i & 1) / 2 ** (n - 1)
        for i in range(n)
    ]
    assert np.allclose(g.banzhaf_value(), bz, atol=1e-9)


@PROPERTY
@given(convex_games())
def test_c13_convex_game_shapley_in_core(g):
    phi = g.shapley_value()
    assert g.core_contains(phi)
    assert brute_core_contains(g, list(phi))
    assert not g.core_is_empty()


def test_c13_convex_core_can_fail():
    g = TUGame(3, lambda S: len(S) ** 2)  # convex
    assert g.core_contains([3, 3, 3])
    assert not g.core_contains([9, 0, 0])  # {1, 2} gets 0 < 4
    assert not g.core_contains([3, 3, 2])  # not efficient


@SLOW
@given(tu_games(min_n=2, max_n=4))
def test_c13_nucleolus_in_core_when_core_nonempty(g):
    n = g.num_players
    if sum(g.value({i}) for i in range(n)) > g.grand_value:
        with pytest.raises(InvalidGameError, match="nucleolus"):
            g.nucleolus()
        return
    x = g.nucleolus()
    assert sum(x) == g.grand_value and all(x[i] >= g.value({i}) for i in range(n))
    empty = g.core_is_empty()
    lc = g.least_core()
    assert empty == (lc.epsilon > 0)
    if not empty:
        assert g.core_contains(x) and brute_core_contains(g, list(x))
    # lexicographic minimality against random imputations
    rng = np.random.default_rng(0)
    base = np.array([float(g.value({i})) for i in range(n)])
    surplus = float(g.grand_value) - base.sum()
    ex = excesses_desc(g, x)
    for _ in range(30):
        y = base + surplus * rng.dirichlet(np.ones(n))
        ey = excesses_desc(g, y)
        for a, b in zip(ex, ey):
            if abs(a - b) > 1e-7:
                assert a < b
                break


@SLOW
@given(convex_games(max_n=5))
def test_c13_nucleolus_in_core_of_convex_games(g):
    x = g.nucleolus()
    assert g.core_contains(x) and brute_core_contains(g, list(x))


def test_c13_nucleolus_core_can_fail():
    # Shapley is not in this game's (non-empty) core, and core_contains says so.
    g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    assert not g.core_is_empty()
    assert not g.core_contains(g.shapley_value())
    assert not brute_core_contains(g, list(g.shapley_value()))
    assert g.core_contains(g.nucleolus())


@PROPERTY
@given(st.integers(1, 8), st.lists(st.integers(-10, 10), min_size=8, max_size=8))
def test_c13_symmetric_game_equal_split(n, f):
    g = TUGame(n, lambda S: f[len(S) - 1] if S else 0)
    expect = [F(f[n - 1], n)] * n
    assert list(g.shapley_value()) == expect
    assert list(g.banzhaf_value()) == [sum(math.comb(n - 1, s) * (f[s] - (f[s - 1] if s else 0)) for s in range(n)) / F(2 ** (n - 1))] * n
    if n <= 5 and n * f[0] <= f[n - 1]:
        assert list(g.nucleolus()) == expect
    if n <= 5:
        assert list(g.least_core().allocation) == expect


def test_c13_symmetric_equal_split_can_fail():
    g = TUGame(3, lambda S: len(S) ** 2)
    assert list(g.shapley_value()) != [F(4), F(3), F(2)]


def test_monte_carlo_shapley_within_standard_errors():
    g = TUGame(6, lambda S: (sum(S) + len(S)) ** 2 % 17)
    exact = g.shapley_value()
    mc = g.shapley_value(method="monte_carlo", samples=20000, seed=3)
    assert isinstance(mc, MonteCarloShapley) and mc.samples == 20000
    z = np.abs(mc.values - exact.astype(float)) / np.maximum(mc.standard_errors, 1e-12)
    assert np.all(z < 5)
    assert abs(mc.values.sum() - float(g.grand_value)) < 1e-9  # every order is efficient
    with pytest.raises(InvalidArgumentError, match="monte_carlo_shapley"):
        g.shapley_value(method="monte_carlo", samples=1)
    with pytest.raises(InvalidArgumentError, match="shapley_value"):
        g.shapley_value(method="sampled")


# --------------------------------------------------------------------------- published / textbook
@pytest.mark.parametrize(
    "estate, talmud",
    [
        (100, [F(100, 3)] * 3),
        (200, [F(50), F(75), F(75)]),
        (300, [F(50), F(100), F(150)]),
    ],
)
def test_published_talmud_bankruptcy_nucleolus(estate, talmud):
    """Aumann and Maschler (1985), J. Econ. Theory 36: 195-213: nucleolus = Talmud rule."""
    d = (100, 200, 300)
    g = TUGame(3, lambda S: max(0, estate - sum(d[i] for i in range(3) if i not in S)))
    assert list(g.nucleolus()) == talmud
    assert g.core_contains(talmud)
    # can fail: proportional division differs from the nucleolus when estate = 200
    prop = [F(estate * di, 600) for di in d]
    if estate != 300:
        assert list(g.nucleolus()) != prop


def test_textbook_glove_game():
    """One left glove (player 0), two right gloves: Shapley (2/3, 1/6, 1/6) by hand;
    orders 0 is pivotal in 4 of 6 orders; the core (and nucleolus) is (1, 0, 0)."""
    g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    assert list(g.shapley_value()) == [F(2, 3), F(1, 6), F(1, 6)]
    assert list(g.banzhaf_value()) == [F(3, 4), F(1, 4), F(1, 4)]
    assert list(g.nucleolus()) == [1, 0, 0]
    assert g.least_core().epsilon == 0


def test_textbook_three_player_airport():
    """Runway costs 1, 2, 3: shares 1/3, 1/3 + 1/2, 1/3 + 1/2 + 1 (Littlechild-Owen)."""
    assert list(airport_shapley([1, 2, 3])) == [F(1, 3), F(5, 6), F(11, 6)]
    assert list(airport_game([1, 2, 3]).shapley_value()) == [F(1, 3), F(5, 6), F(11, 6)]
    assert list(airport_shapley([1, 2, 3])) != [F(1), F(1), F(1)]


def test_majority_game_core_empty_and_float_nucleolus():
    g = TUGame(3, [0, 0.0, 0, 1, 0, 1, 1, 1])
    assert g.core_is_empty()
    assert np.allclose(g.nucleolus(), [1 / 3] * 3)
    assert g.least_core().epsilon == pytest.approx(1 / 3)


# --------------------------------------------------------------------------- C14 river sharing
costs_st = st.lists(st.integers(0, 30), min_size=1, max_size=6)


@PROPERTY
@given(costs_st)
def test_c14_lrs_efficient_and_shapley(c):
    x = local_responsibility(c)
    g = local_responsibility_game(c)
    assert sum(x) == g.grand_value == sum(c)
    assert list(x) == brute_shapley(g) == list(g.shapley_value())


@PROPERTY
@given(costs_st)
def test_c14_ues_efficient_shapley_and_upstream_heavier(c):
    x = upstream_equal_sharing(c)
    g = upstream_equal_sharing_game(c)
    assert sum(x) == g.grand_value == sum(c)
    assert list(x) == brute_shapley(g) == list(g.shapley_value())
    assert all(x[i] >= x[i + 1] for i in range(len(c) - 1))
    # x_i - x_{i+1} = c_i / i (1-based)
    assert all(x[i] - x[i + 1] == F(c[i], i + 1) for i in range(len(c) - 1))


def test_c14_river_can_fail():
    c = [1, 2, 6]
    ues = upstream_equal_sharing(c)
    assert list(ues) == [F(1) + 1 + 2, F(1) + 2, F(2)]
    assert list(upstream_equal_sharing_game(c).shapley_value()) != list(local_responsibility(c))
    assert not all(c[i] >= c[i + 1] for i in range(2))  # LRS is not upstream-heavier here


def test_river_float_costs_and_errors():
    assert np.allclose(upstream_equal_sharing([1.0, 2.0]), [2.0, 1.0])
    with pytest.raises(InvalidGameError, match="upstream_equal_sharing"):
        upstream_equal_sharing([1, -2])
    with pytest.raises(InvalidGameError, match="airport_shapley"):
        airport_shapley([])
    with pytest.raises(InvalidGameError, match="local_responsibility"):
        local_responsibility(["a"])


def test_downstream_incremental_ambec_sprumont():
    # prefix worths v({1}), v({1,2}), v({1,2,3})
    assert list(downstream_incremental([2, 5, 9])) == [2, 3, 4]
    # From a game: concave benefits b(x)=sqrt-like table, river flows e = (1, 1, 1);
    # v(S) for a consecutive S = sum of benefits when S pools its water optimally.
    g = TUGame(3, lambda S: len(S) * (len(S) + 1) // 2 + (1 if 2 in S else 0))
    z = downstream_incremental(g)
    assert sum(z) == g.grand_value
    assert list(z) == [g.value({0}), g.value({0, 1}) - g.value({0}), g.grand_value - g.value({0, 1})]


@PROPERTY
@given(st.lists(st.integers(0, 50), min_size=1, max_size=7))
def test_airport_littlechild_owen_equals_brute_force(c):
    g = airport_game(c)
    assert list(airport_shapley(c)) == list(g.shapley_value())
    if len(c) <= 6:
        assert list(airport_shapley(c)) == brute_shapley(g)
    # the airport cost game is concave, so its Shapley value is in its (cost) core
    assert g.core_contains(g.shapley_value()) if len(c) <= 6 else True


# --------------------------------------------------------------------------- construction and errors
def test_construction_forms_agree():
    d = {frozenset({0}): 1, (1,): 2, frozenset({0, 1}): F(7, 2)}
    a = TUGame(2, d)
    b = TUGame(2, lambda S: {frozenset(): 0, frozenset({0}): 1, frozenset({1}): 2}.get(S, F(7, 2)))
    c = TUGame(2, [0, 1, 2, F(7, 2)])
    assert a == b == c and hash(a) == hash(c)
    assert a.is_exact and c.values.dtype == object
    f = TUGame(2, np.array([0, 1, 2, 3.5]))
    assert not f.is_exact and f != a
    assert repr(a) == "TUGame(num_players=2, exact, v(N)=7/2)"
    assert a.value([0, 1]) == F(7, 2) and a.value(0) == 1


def test_immutable():
    g = TUGame(2, [0, 1, 2, 3])
    with pytest.raises(ValueError):
        g.values[1] = 5
    with pytest.raises(AttributeError):
        g._v = None
    with pytest.raises(AttributeError):
        g.foo = 1


def test_errors_name_the_function():
    with pytest.raises(SolverLimitError, match="TUGame: expected the number of players .* of at most max_players=20, got 26"):
        TUGame(26, lambda S: 0)
    with pytest.raises(InvalidGameError, match="TUGame: values array must have length"):
        TUGame(2, [0, 1, 2])
    with pytest.raises(InvalidGameError, match="empty coalition"):
        TUGame(2, [1, 1, 2, 3])
    with pytest.raises(InvalidGameError, match="not a player index"):
        TUGame(2, {(0, 5): 1})
    with pytest.raises(InvalidGameError, match="finite"):
        TUGame(2, [0, float("nan"), 1, 2])
    with pytest.raises(InvalidGameError, match="num_players"):
        TUGame(0, [0])
    with pytest.raises(InvalidProfileError, match="core_contains"):
        TUGame(2, [0, 1, 2, 3]).core_contains([1])
    with pytest.raises(SolverLimitError, match=r"nucleolus: .* of at most max_players=16, got 17.*shapley_value"):
        TUGame(17, np.zeros(1 << 17)).nucleolus()
    with pytest.raises(SolverLimitError, match=r"least_core: .* of at most max_players=4, got 5"):
        TUGame(5, np.zeros(1 << 5)).least_core(max_players=4)
    with pytest.raises(InvalidGameError, match="nucleolus: the game has no imputation"):
        TUGame(2, [0, 2, 2, 3]).nucleolus()


def test_cost_games():
    c = {(0,): 6, (1,): 4, (0, 1): 8}
    cg_ = TUGame(2, c, cost=True)
    s = TUGame.from_costs(2, c)
    assert s.grand_value == 2
    # cost-game nucleolus: savings split equally -> costs 6-1, 4-1
    assert list(cg_.nucleolus()) == [5, 3]
    assert list(s.nucleolus()) == [1, 1]
    assert cg_.core_contains([5, 3]) and not cg_.core_contains([7, 1])  # 7 > c({0}) = 6
    assert list(cg_.shapley_value()) == [5, 3]
    assert not cg_.core_is_empty()
    assert isinstance(cg_.least_core(), LeastCore)


def test_one_player_game():
    g = TUGame(1, [0, 5])
    assert list(g.shapley_value()) == [5] and list(g.nucleolus()) == [5]
    assert g.core_contains([5]) and not g.core_is_empty()


@SLOW
@given(tu_games(min_n=2, max_n=5))
def test_exact_nucleolus_agrees_with_float_lp(g):
    """The exact recovery of the LP sequence matches the float sequence."""
    gf = TUGame(g.num_players, g.values.astype(float))
    pre, pref = g.least_core(), gf.least_core()
    assert np.allclose(pref.allocation, pre.allocation.astype(float), atol=1e-6)
    assert abs(float(pre.epsilon) - pref.epsilon) < 1e-6
    if sum(g.value({i}) for i in range(g.num_players)) <= g.grand_value:
        assert np.allclose(gf.nucleolus(), g.nucleolus().astype(float), atol=1e-6)


def test_degenerate_zero_game_exact_recovery():
    # Every coalition is tight at every stage: the stage levels are recovered by snapping.
    g = TUGame(5, [0] * 32)
    lc = g.least_core()
    assert lc.epsilon == 0 and list(lc.allocation) == [0] * 5
    assert list(g.nucleolus()) == [0] * 5


# --------------------------------------------------------------------------- fast exact Shapley paths
def closed_form_shapley(game):
    """Shapley value from the subset formula in Fractions (independent of the size-sum code)."""
    n = game.num_players
    v = [F(x) for x in game.values.tolist()]
    phi = []
    for i in range(n):
        total = F(0)
        for m in range(1 << n):
            if not (m >> i) & 1:
                s = m.bit_count()
                total += F(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)) * (v[m | (1 << i)] - v[m])
        phi.append(total)
    return phi


@PROPERTY
@given(st.integers(1, 7), st.data())
def test_shapley_exact_paths_agree(n, data):
    """Integer arrays (int64 cache), Fraction worths, huge worths (Python-int fallback) and
    float worths all give the subset-formula value."""
    ints = data.draw(st.lists(st.integers(-1000, 1000), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    vals = np.array([0] + ints, dtype=np.int64)
    expected = closed_form_shapley(TUGame(n, [F(x) for x in vals.tolist()]))
    assert list(TUGame(n, vals).shapley_value()) == expected
    assert list(TUGame(n, [F(x, 7) for x in vals.tolist()]).shapley_value()) == [e / 7 for e in expected]
    huge = [x * (1 << 70) for x in vals.tolist()]
    assert list(TUGame(n, [F(x) for x in huge]).shapley_value()) == [e * (1 << 70) for e in expected]
    assert np.allclose(TUGame(n, vals.astype(float)).shapley_value(), [float(e) for e in expected])
    assert list(TUGame(n, vals).banzhaf_value()) == list(TUGame(n, [F(x) for x in vals.tolist()]).banzhaf_value())


def test_shapley_ten_players_brute_force_and_int_cache_readonly():
    rng = np.random.default_rng(5)
    vals = rng.integers(-50, 50, 1 << 10)
    vals[0] = 0
    g = TUGame(10, vals)
    assert list(g.shapley_value()) == closed_form_shapley(g)
    ints, den = g._integer_values()
    assert den == 1 and ints.tolist() == vals.tolist() and not ints.flags.writeable
    vals[1] = 999  # the game copied its input
    assert g.value({0}) != 999


# --------------------------------------------------------------------------- TUGame.from_normal_form


def independent_matrix_value(M):
    """Value of a zero-sum matrix game from the column player's LP (min v s.t. M y <= v)."""
    from scipy.optimize import linprog

    M = np.asarray(M, dtype=float)
    r, c = M.shape
    res = linprog(np.append(np.zeros(c), 1.0), A_ub=np.hstack([M, -np.ones((r, 1))]), b_ub=np.zeros(r),
                  A_eq=np.append(np.ones(c), 0.0)[None, :], b_eq=[1.0], bounds=[(0, None)] * c + [(None, None)])
    return res.x[-1]


def coalition_matrix(game, S):
    n = game.num_players
    inside = sorted(S)
    outside = [i for i in range(n) if i not in S]
    total = sum(np.asarray(game.payoffs[i], dtype=object) for i in inside)
    return np.transpose(total, inside + outside).reshape(math.prod(game.shape[i] for i in inside), -1)


@SLOW
@given(nf_games(num_players=st.integers(2, 3), min_actions=1, max_actions=3, exact=True))
def test_from_normal_form_alpha_beta_oracle_and_order(g):
    """Mixed alpha = mixed beta = the matrix-game value (independent LP); pure alpha <= it <= pure beta;
    the mixed game is superadditive (von Neumann-Morgenstern); v(N) is the best total payoff."""
    n = g.num_players
    a = TUGame.from_normal_form(g, "alpha")
    b = TUGame.from_normal_form(g, "beta")
    ap = TUGame.from_normal_form(g, "alpha", mixed=False)
    bp = TUGame.from_normal_form(g, "beta", mixed=False)
    assert a.is_exact and a == b and a.players == g.players
    full = (1 << n) - 1
    best = max(sum(g.payoffs[i][p] for i in range(n)) for p in itertools.product(*(range(m) for m in g.shape)))
    assert a.grand_value == best == ap.grand_value == bp.grand_value
    for mask in range(1, full):
        S = {i for i in range(n) if (mask >> i) & 1}
        M = coalition_matrix(g, S)
        assert float(a.values[mask]) == pytest.approx(independent_matrix_value(M), abs=1e-7)
        assert ap.values[mask] == M.min(axis=1).max() and bp.values[mask] == M.max(axis=0).min()
        assert ap.values[mask] <= a.values[mask] <= bp.values[mask]
    for s, t in itertools.product(range(1, full), repeat=2):
        if s & t == 0:
            assert a.values[s | t] >= a.values[s] + a.values[t]


def test_from_normal_form_float_and_gamma_chicken():
    chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True, players=["R", "C"])
    a = TUGame.from_normal_form(chicken, "alpha")
    assert [a.value(S) for S in [("R",), ("C",), ("R", "C")]] == [2, 2, 12]
    worst = TUGame.from_normal_form(chicken, "gamma")
    best = TUGame.from_normal_form(chicken, "gamma", selection="best")
    assert worst.value({0}) == 2 and best.value({0}) == 7 and worst.grand_value == 12
    fl = TUGame.from_normal_form(chicken.to_float(), "alpha")
    assert not fl.is_exact and np.allclose(fl.values, a.values.astype(float))
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert TUGame.from_normal_form(pennies).value({0}) == pytest.approx(0.0, abs=1e-12)


def test_from_normal_form_gamma_public_goods():
    """Three regions, govern (cost 3) or free-ride, each governing region yields 2 to everyone (r = 2 < N = 3).
    Singletons free-ride at every equilibrium (v = 0); a pair merged into one player governs
    (each governor adds 2 * 2 - 3 > 0 to the pair) while the outsider free-rides: v(pair) = 2 * (2*2 - 3) = 2."""
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for prof in itertools.product(range(2), repeat=3):
        k = sum(1 for a in prof if a == 0)
        for i in range(3):
            u[(i, *prof)] = 2 * k - 3 * (prof[i] == 0)
    g = NormalFormGame(list(u), exact=True)
    gamma = TUGame.from_normal_form(g, "gamma")
    assert [gamma.value({i}) for i in range(3)] == [0, 0, 0]
    assert [gamma.value(S) for S in [(0, 1), (0, 2), (1, 2)]] == [2, 2, 2]
    assert gamma.grand_value == 9
    assert gamma.shapley_value().tolist() == [3, 3, 3]


def test_from_normal_form_errors():
    g = NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    with pytest.raises(InvalidArgumentError, match="kind"):
        TUGame.from_normal_form(g, "delta")
    with pytest.raises(InvalidArgumentError, match="selection"):
        TUGame.from_normal_form(g, "gamma", selection="median")
    with pytest.raises(SolverLimitError, match="pure profiles.*max_profiles=3"):
        TUGame.from_normal_form(g, max_profiles=3)
    assert fnf.MAX_PROFILES == 2**16 and TUGame.from_normal_form(g, max_profiles=4).num_players == 2
    with pytest.raises(InvalidArgumentTypeError, match="mixed"):
        TUGame.from_normal_form(g, mixed="yes")
    with pytest.raises(InvalidGameTypeError, match="TUGame.from_normal_form"):
        TUGame.from_normal_form("not a game")
    # players 1 and 2 play matching pennies whatever player 0 does: no pure equilibrium for {0} vs {1}, {2}
    A = np.zeros((2, 2, 2))
    pen = np.array([[1.0, -1.0], [-1.0, 1.0]])
    B = np.broadcast_to(pen, (2, 2, 2)).copy()
    with pytest.raises(SolverError, match="no pure Nash equilibrium"):
        TUGame.from_normal_form(NormalFormGame([A, B, -B]), "gamma")


def test_pickle_round_trip():
    import pickle

    for g in (TUGame(3, np.arange(8)), TUGame(2, [0.0, 1.0, 2.0, 4.0], cost=True),
              TUGame(2, {(0, 1): F(1, 3)}, players=["a", "b"])):
        h = pickle.loads(pickle.dumps(g))
        assert h == g and h.cost == g.cost and h.players == g.players
        assert list(h.shapley_value()) == list(g.shapley_value())


def test_derived_mixed_value_stays_exact_when_optimal_strategies_are_not_unique():
    """Player 2's rows (-7, 0, -6) and (0, -7, -6): every x with both shares <= 6/7 guarantees -6, so the
    LP's strategy is not pinned down by its support alone; the tight columns pin it, and the value stays exact
    (a float with a RuntimeWarning before)."""
    import warnings

    g = NormalFormGame([[[0, 0], [0, 0], [0, 0]], [[-7, 0], [0, -7], [-6, -6]]], exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        alpha = TUGame.from_normal_form(g, "alpha")
    assert alpha.is_exact and alpha.value({1}) == -6 and alpha.value({0}) == 0
    assert fnf.matrix_game_value(np.array([[F(-7), F(0), F(-6)], [F(0), F(-7), F(-6)]], dtype=object)) == -6


def test_least_core_and_monte_carlo_results_compare_by_value():
    g = TUGame(3, [0, 1, 1, 3, 1, 3, 3, 6])
    a, b = g.least_core(), TUGame(3, [0, 1, 1, 3, 1, 3, 3, 6]).least_core()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != TUGame(3, [0.0, 1.0, 1.0, 3.0, 1.0, 3.0, 3.0, 6.0]).least_core()   # floats: not exact
    assert a != TUGame(3, [0, 1, 1, 3, 1, 3, 3, 7]).least_core()
    m1, m2 = (g.shapley_value(method="monte_carlo", samples=200, seed=1) for _ in range(2))
    assert m1 == m2 and hash(m1) == hash(m2)
    assert m1 != g.shapley_value(method="monte_carlo", samples=200, seed=2)
    assert m1 != g.shapley_value(method="monte_carlo", samples=201, seed=1)
