"""Tests of coopgame.equilibria.correlated: the coordinator as mediator (Aumann 1974; claim C16).

Oracles: an independent brute-force LP written here from the definition
(nested loops over profiles, dense matrices, scipy's default ``linprog``), a
direct obedience check, Nash equilibria from ``mixed_equilibria`` (their
product distributions must be correlated equilibria), and the published
game of chicken.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from coopgame.equilibria.correlated import CorrelatedEquilibrium, correlated_equilibrium
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.result import equilibria_frame
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, InvalidProfileError, SolverLimitError
from coopgame.games.normal_form import NormalFormGame
from tests.strategies import bimatrix_games, games

# too_slow suppressed: each example solves a linear programme (and an exact recomputation), so
# generating 40 of them is slow by design, not because the strategies are inefficient
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CHICKEN = [[[6, 2], [7, 0]], [[6, 7], [2, 0]]]  # actions (Chicken out, Dare): 6,6 / 2,7 / 7,2 / 0,0


# --------------------------------------------------------------------------- oracles
def obedience_violation(payoffs, p):
    """Largest left-hand side of an obedience constraint, from the definition (loops over profiles)."""
    payoffs = [np.asarray(u, dtype=object) for u in payoffs]
    shape = payoffs[0].shape
    worst = 0
    for i, m in enumerate(shape):
        for a in range(m):
            for b in range(m):
                if a == b:
                    continue
                total = 0
                for prof in itertools.product(*(range(k) for k in shape)):
                    if prof[i] != a:
                        continue
                    dev = list(prof)
                    dev[i] = b
                    total += p[prof] * (payoffs[i][tuple(dev)] - payoffs[i][prof])
                worst = max(worst, total)
    return worst


def brute_force_value(payoffs, objective):
    """Optimal value of the coordinator's LP, built densely from the definition (scipy default method)."""
    U = [np.asarray(u, dtype=float) for u in payoffs]
    shape = U[0].shape
    n = len(U)
    profiles = list(itertools.product(*(range(k) for k in shape)))
    pos = {prof: k for k, prof in enumerate(profiles)}
    rows = []
    for i, m in enumerate(shape):
        for a, b in itertools.permutations(range(m), 2):
            row = np.zeros(len(profiles) + 1)
            for prof in profiles:
                if prof[i] == a:
                    dev = list(prof)
                    dev[i] = b
                    row[pos[prof]] = U[i][tuple(dev)] - U[i][prof]
            rows.append(row)
    pay = np.array([[U[i][prof] for prof in profiles] for i in range(n)])
    if objective == "maxmin":
        c = np.zeros(len(profiles) + 1)
        c[-1] = -1
        for i in range(n):
            rows.append(np.append(-pay[i], 1.0))
    else:
        w = np.ones(n) if objective == "welfare" else np.eye(n)[objective]
        c = np.append(-(w @ pay), 0.0)
    A_ub = np.array(rows) if rows else None
    b_ub = np.zeros(len(rows)) if rows else None
    A_eq = np.append(np.ones(len(profiles)), 0.0)[None, :]
    bounds = [(0, None)] * len(profiles) + [((None, None) if objective == "maxmin" else (0, 0))]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1], bounds=bounds)
    assert res.status == 0
    return -res.fun


def product_distribution(strategies):
    p = np.array(F(1), dtype=object) if strategies[0].dtype == object else np.array(1.0)
    for s in strategies:
        p = np.multiply.outer(p, np.asarray(s))
    return p


# --------------------------------------------------------------------------- published
def test_published_chicken_correlated_equilibria():
    """Game of chicken of the Wikipedia article "Correlated equilibrium" (section "An example"):
    Dare/Dare 0,0; Dare/Chicken out 7,2; Chicken out/Chicken out 6,6. The article shows that
    drawing (C,C), (D,C), (C,D) with probability 1/3 each is a correlated equilibrium worth 5 to
    each player, more than the mixed Nash equilibrium (dare with probability 1/3, worth 14/3).
    S. Heilman's game-theory homework 6 (UCLA Math 167) asks for a correlated equilibrium worth
    more than 5 to both, hinting z22 = 0 and z12 = z21.

    By hand: with z22 = 0 and z12 = z21 = q, z11 = 1 - 2q; obeying "chicken out" requires
    6 z11 + 2 q >= 7 z11, i.e. q >= 1/4; welfare 12 (1 - 2q) + 9 (2q) = 12 - 6q is largest at
    q = 1/4: z = (1/2, 1/4, 1/4, 0), welfare 21/2, 21/4 each. Without the hint: obedience of
    both players gives z12, z21 >= z11 / 2, welfare = 9 + 3 z11 - 9 z22 <= 9 + 3 z11 with
    z11 <= 1/2, so this is the unique welfare-best correlated equilibrium.
    """
    g = NormalFormGame(CHICKEN, exact=True, actions=[["Chicken out", "Dare"]] * 2)
    third = CorrelatedEquilibrium(g, [[F(1, 3), F(1, 3)], [F(1, 3), 0]])
    assert third.max_regret() == 0
    assert third.payoffs == (5, 5)
    mixed = [eq for eq in mixed_equilibria(g) if not eq.is_pure]
    assert [tuple(eq.payoffs) for eq in mixed] == [(F(14, 3), F(14, 3))]
    best = correlated_equilibrium(g)
    assert best.distribution.tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), 0]]
    assert best.welfare == F(21, 2) and best.payoffs == (F(21, 4), F(21, 4))
    assert best.max_regret() == 0 and obedience_violation(g.payoffs, best.distribution) == 0
    assert best.welfare == pytest.approx(brute_force_value(CHICKEN, "welfare"))
    # each driver's favourite: the pure equilibrium in which the other chickens out
    assert correlated_equilibrium(g, objective=1).payoffs == (2, 7)
    assert correlated_equilibrium(g, objective="maxmin").payoffs == (F(21, 4), F(21, 4))


# --------------------------------------------------------------------------- oracles
@PROPERTY
@given(games(num_players=st.integers(1, 3), max_actions=3, max_profiles=27, exact=True),
       st.sampled_from(["welfare", "maxmin", 0]))
def test_exact_games_exact_zero_regret_and_brute_force_optimum(g, objective):
    ce = correlated_equilibrium(g, objective)
    assert ce.is_exact and ce.max_regret() == 0
    assert obedience_violation(g.payoffs, ce.distribution) <= 0
    assert sum(ce.distribution.reshape(-1)) == 1 and all(v >= 0 for v in ce.distribution.reshape(-1))
    value = {"welfare": ce.welfare, "maxmin": min(ce.payoffs), 0: ce.payoffs[0]}[objective]
    assert float(value) == pytest.approx(brute_force_value(g.payoffs, objective), abs=1e-7)


@PROPERTY
@given(games(num_players=st.integers(2, 3), max_actions=4, max_profiles=36, exact=False),
       st.sampled_from(["welfare", "maxmin", 1]))
def test_float_games_within_tolerance_and_brute_force_optimum(g, objective):
    ce = correlated_equilibrium(g, objective)
    assert not ce.is_exact and ce.is_verified()
    assert obedience_violation(g.payoffs, ce.distribution) <= g.tolerance
    assert abs(ce.distribution.sum() - 1) < 1e-12 and (ce.distribution >= 0).all()
    value = {"welfare": ce.welfare, "maxmin": min(ce.payoffs), 1: ce.payoffs[1]}[objective]
    assert value == pytest.approx(brute_force_value(g.payoffs, objective), abs=1e-7 * max(1, abs(value)))


@PROPERTY
@given(bimatrix_games(max_actions=3, exact=True))
def test_nash_products_are_correlated_equilibria(g):
    for eq in mixed_equilibria(g):
        p = product_distribution(eq.strategies)
        assert obedience_violation(g.payoffs, p) <= 0  # independent check
        ce = CorrelatedEquilibrium(g, p)
        assert ce.max_regret() == 0
        assert ce.payoffs == tuple(eq.payoffs)
        for a, b in zip(ce.strategies, eq.strategies):
            assert list(a) == list(b)


@PROPERTY
@given(bimatrix_games(max_actions=4, exact=True))
def test_c16_coordinator_weakly_dominates_nash_welfare(g):
    """C16: the welfare-best correlated equilibrium's total welfare is at least every Nash equilibrium's."""
    ce = correlated_equilibrium(g)
    for eq in mixed_equilibria(g):
        assert ce.welfare >= sum(eq.payoffs)


@PROPERTY
@given(bimatrix_games(max_actions=4, exact=False))
def test_c16_float_games(g):
    ce = correlated_equilibrium(g)
    for eq in mixed_equilibria(g):
        assert ce.welfare >= float(sum(eq.payoffs)) - 1e-7 * max(1, abs(ce.welfare))


def test_c16_can_fail():
    """The welfare check rejects a coordinator who picks the worst correlated equilibrium."""
    g = NormalFormGame(CHICKEN, exact=True)
    worst = correlated_equilibrium(g, objective=[-1, -1])
    assert worst.max_regret() == 0
    assert any(worst.welfare < sum(eq.payoffs) for eq in mixed_equilibria(g))


def test_regret_can_fail():
    """A distribution that is not a correlated equilibrium has a positive regret (and the oracle agrees)."""
    pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    ce = CorrelatedEquilibrium(pd, [[F(1, 2), 0], [0, F(1, 2)]])
    assert ce.max_regret() == 1 == obedience_violation(pd.payoffs, ce.distribution)
    assert ce.regrets() == (1, 1)
    assert not ce.is_verified()


def test_three_player_game_and_marginals():
    """A three-player coordination game: the welfare-best CE puts all weight on the best profile."""
    u = np.zeros((2, 2, 2), dtype=int)
    u[0, 0, 0] = 3
    u[1, 1, 1] = 2
    g = NormalFormGame([u, u, u], exact=True)
    ce = correlated_equilibrium(g)
    assert ce.distribution[0, 0, 0] == 1 and ce.welfare == 9
    assert [list(s) for s in ce.strategies] == [[1, 0]] * 3
    assert ce.support == ((0, 0, 0),) and ce.support_labels == (("1", "1", "1"),)


def test_large_float_game_verified():
    rng = np.random.default_rng(3)
    g = NormalFormGame([rng.random((30, 30)) * 100, rng.random((30, 30)) * 100])
    for objective in ("welfare", "maxmin", 0, "feasible"):
        ce = correlated_equilibrium(g, objective)
        assert ce.is_verified()
    exact = NormalFormGame([rng.integers(0, 9, (12, 12)), rng.integers(0, 9, (12, 12))], exact=True)
    ce = correlated_equilibrium(exact)
    assert ce.is_exact and ce.max_regret() == 0
    assert float(ce.welfare) == pytest.approx(brute_force_value(exact.payoffs, "welfare"))


# --------------------------------------------------------------------------- API
def test_result_repr_dict_and_frame_row():
    g = NormalFormGame(CHICKEN, exact=True, players=["A", "B"], actions=[["C", "D"]] * 2)
    ce = correlated_equilibrium(g)
    assert not hasattr(ce, "__len__") and not hasattr(ce, "__getitem__")  # one result, not a one-element list
    row = equilibria_frame([ce]).iloc[0]
    assert row["payoff: A"] == F(21, 4) and row["distribution"].startswith("1/2 (C, C)")
    assert repr(ce) == "CorrelatedEquilibrium(1/2 (C, C) + 1/4 (C, D) + 1/4 (D, C); payoffs 21/4, 21/4)"
    d = ce.to_dict()
    assert d["distribution"] == {("C", "C"): F(1, 2), ("C", "D"): F(1, 4), ("D", "C"): F(1, 4)}
    assert d["payoffs"] == {"A": F(21, 4), "B": F(21, 4)} and d["welfare"] == F(21, 2)
    assert d["objective"] == "welfare"
    assert correlated_equilibrium(g, "B").objective == "payoff of B"
    assert ce == CorrelatedEquilibrium(g, ce.distribution) and hash(ce) == hash(CorrelatedEquilibrium(g, ce.distribution))
    with pytest.raises(ValueError, match="read-only"):
        ce.distribution[0, 0] = 1
    with pytest.raises(AttributeError, match="cannot assign"):
        ce.distribution = None
    float_ce = correlated_equilibrium(g.to_float())
    assert isinstance(float_ce.welfare, float) and float_ce.welfare == pytest.approx(10.5)
    assert isinstance(float_ce.to_dict()["welfare"], float)


def test_feasible_and_weights():
    g = NormalFormGame(CHICKEN, exact=True)
    assert correlated_equilibrium(g, "feasible").max_regret() == 0
    assert correlated_equilibrium(g, [1, 0]).payoffs == (7, 2)


def test_errors():
    g = NormalFormGame(CHICKEN)
    with pytest.raises(InvalidArgumentError, match="objective"):
        correlated_equilibrium(g, "best")
    with pytest.raises(InvalidArgumentError, match="player index"):
        correlated_equilibrium(g, 2)
    with pytest.raises(InvalidArgumentError):
        correlated_equilibrium(g, [1, 2, 3])
    with pytest.raises(InvalidProfileError, match="shape"):
        CorrelatedEquilibrium(g, [0.5, 0.5])
    with pytest.raises(InvalidProfileError, match="summing to 1"):
        CorrelatedEquilibrium(g, [[0.5, 0.5], [0.5, 0]])
    with pytest.raises(InvalidProfileError, match="summing to 1"):
        CorrelatedEquilibrium(g.to_exact(), [[F(1, 2), F(1, 2)], [F(1, 2), 0]])


def test_size_limit():
    with pytest.raises(SolverLimitError, match="of at most max_nonzeros=7"):
        correlated_equilibrium(NormalFormGame(CHICKEN), max_nonzeros=7)
    # refused before anything is allocated: 3000 actions against one give 9 million coefficients
    wide = NormalFormGame([np.zeros((1, 3000)), np.arange(3000.0)[None, :]])
    with pytest.raises(SolverLimitError, match="of at most max_nonzeros=2,000,000, got 8,997,000"):
        correlated_equilibrium(wide)
    with pytest.raises(InvalidArgumentError, match="max_nonzeros"):
        correlated_equilibrium(NormalFormGame(CHICKEN), max_nonzeros=float("inf"))
    with pytest.raises(InvalidArgumentTypeError, match="max_nonzeros"):
        correlated_equilibrium(NormalFormGame(CHICKEN), max_nonzeros=True)


def test_one_player_and_symbolic_game():
    g = NormalFormGame([[3, 5, 1]], exact=True)
    ce = correlated_equilibrium(g)
    assert ce.distribution.tolist() == [0, 1, 0] and ce.payoffs == (5,)
    import sympy

    from coopgame.games.symbolic import SymbolicGame

    s = sympy.Symbol("s")
    sg = SymbolicGame([[[6, 2], [7, s]], [[6, 7], [2, s]]])
    assert correlated_equilibrium(sg.subs({s: 0})).welfare == pytest.approx(10.5)
    assert math.isclose(float(correlated_equilibrium(sg.subs({s: 0}), "maxmin").payoffs[0]), 5.25)


def test_pickle_round_trip():
    import pickle

    ce = correlated_equilibrium(NormalFormGame(CHICKEN, exact=True))
    assert pickle.loads(pickle.dumps(ce)) == ce


def test_correlated_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    import coopgame as cg
    from coopgame.equilibria import correlated_equilibrium
    from coopgame.errors import InvalidArgumentTypeError

    obj = correlated_equilibrium(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.max_regret(tol=1)
    assert "CorrelatedEquilibrium.max_regret: got an unknown keyword argument 'tol'; it takes no keyword arguments" in str(caught.value)
