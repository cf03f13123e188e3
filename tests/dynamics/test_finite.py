"""Finite-population dynamics: Moran and Fermi fixation probabilities, rare-mutation stationary distributions.

Oracles: hand-derived closed forms,
the individual-level simulation, EGTtools (same conventions: no
self-interaction, role model drawn among the others), and Nowak et al.
(2004)'s weak-selection condition.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame._numeric import exact_solve
from coopgame.dynamics.finite import (
    MAX_EXACT_POPULATION,
    MAX_MUTATION_STATES,
    FixationEstimate,
    MutationSelectionDistribution,
    StationaryDistribution,
    fixation_probability,
    mutation_selection_distribution,
    simulate_fixation,
    stationary_distribution,
    wilson_interval,
)
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    SolverError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.games.symmetric import SymmetricGame

PD = [[3, 0], [5, 1]]  # Govern / Free-ride
HUNT = [[4, 0], [3, 2]]  # Stag / Hare


def exact_game(matrix, labels=None):
    m = np.asarray(matrix, dtype=object)
    actions = [labels] * 2 if labels else None
    return cg.NormalFormGame([m.tolist(), m.T.tolist()], actions=actions, exact=True)


def public_goods(n: int, r: Fraction | float, cost=1, exact=True) -> SymmetricGame:
    """Linear public goods in groups of n: contributors pay cost, the pot times r is shared by all n."""
    def payoff(own, counts):
        contributors = counts[0] + (own == 0)
        return Fraction(r) * cost * contributors / n - (cost if own == 0 else 0) if exact else \
            float(r) * cost * contributors / n - (cost if own == 0 else 0)
    return SymmetricGame(n, ["Contribute", "Keep"], payoff, exact=exact)


matrices = st.lists(st.lists(st.integers(-4, 4), min_size=2, max_size=2), min_size=2, max_size=2)
square3 = st.lists(st.lists(st.integers(-4, 4), min_size=3, max_size=3), min_size=3, max_size=3)
sizes = st.integers(2, 25)


# ------------------------------------------------------------------------------ closed forms
@pytest.mark.parametrize("size", [2, 3, 10, 57])
def test_neutral_drift_is_one_over_z_exactly(size):
    game = exact_game(PD)
    assert fixation_probability(game, 0, 1, size, intensity=0) == Fraction(1, size)
    assert fixation_probability(game, 1, 0, size, intensity=Fraction(0)) == Fraction(1, size)
    assert fixation_probability(game, 0, 1, size, process="fermi", intensity=0) == pytest.approx(1 / size, rel=1e-12)


@pytest.mark.parametrize("r, size", [(Fraction(2), 10), (Fraction(3, 2), 7), (Fraction(1, 2), 12), (Fraction(11, 10), 40)])
def test_constant_fitness_moran(r, size):
    """Mutant fitness r, resident 1 (w = 1): rho = (1 - 1/r) / (1 - 1/r^Z) (Moran 1958; Nowak 2006, ch. 6)."""
    game = exact_game([[r, r], [1, 1]])
    rho = fixation_probability(game, 0, 1, size, intensity=1)
    assert isinstance(rho, Fraction)
    assert rho == (1 - 1 / r) / (1 - 1 / r ** size)
    assert fixation_probability(game.to_float(), 0, 1, size, intensity=1.0) == pytest.approx(float(rho), rel=1e-12)


@pytest.mark.parametrize("d, beta, size", [(1.0, 0.5, 10), (-2.0, 0.3, 30), (0.5, 4.0, 200), (-1.0, 50.0, 100)])
def test_constant_difference_fermi(d, beta, size):
    """Payoff advantage d everywhere: gamma = exp(-beta d), rho = (1 - e^{-beta d}) / (1 - e^{-beta d Z})."""
    game = [[d, d], [0, 0]]
    rho = fixation_probability(game, 0, 1, size, process="fermi", intensity=beta)
    x = -beta * d
    expected = math.expm1(x) / math.expm1(x * size) if x * size < 700 else math.exp(-(x * (size - 1))) * (-math.expm1(x))
    assert rho == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_two_strategy_stationary_distribution_closed_form():
    game = exact_game(HUNT, ["Stag", "Hare"])
    w = Fraction(1, 5)
    sd = stationary_distribution(game, 12, intensity=w)
    r_sh = fixation_probability(game, "Hare", "Stag", 12, intensity=w)
    r_hs = fixation_probability(game, "Stag", "Hare", 12, intensity=w)
    assert sd.is_exact
    assert sd["Stag"] == r_hs / (r_hs + r_sh)
    assert sd["Hare"] == r_sh / (r_hs + r_sh)
    assert sd.fixation[0, 1] == r_sh and sd.fixation[1, 0] == r_hs
    assert sd.residual() == 0.0


def test_exact_and_float_agree():
    game = exact_game([[1, 4, 0], [2, 2, 3], [5, 0, 1]])
    exact = stationary_distribution(game, 15, intensity=Fraction(1, 3))
    floating = stationary_distribution(game.to_float(), 15, intensity=1 / 3)
    assert not floating.is_exact
    np.testing.assert_allclose(floating.distribution, exact.distribution.astype(float), rtol=1e-10)
    np.testing.assert_allclose(floating.fixation, exact.fixation.astype(float), rtol=1e-10)


def test_group_size_two_symmetric_game_equals_matrix():
    table_game = SymmetricGame.from_table(2, ["Stag", "Hare"], [[4, 0], [3, 2]])
    for process, w in [("moran", 0.3), ("fermi", 2.0)]:
        assert fixation_probability(table_game, "Stag", "Hare", 20, process=process, intensity=w) == pytest.approx(
            fixation_probability(HUNT, 0, 1, 20, process=process, intensity=w), rel=1e-12)


def test_symbolic_game_without_parameters():
    b, c = sympy.symbols("b c", positive=True)
    game = cg.SymbolicGame([[[b - c, -c], [b, 0]], [[b - c, b], [-c, 0]]]).subs({b: 3, c: 1})
    donation = exact_game([[2, -1], [3, 0]])
    assert fixation_probability(game, 0, 1, 9, intensity=Fraction(1, 10)) == fixation_probability(
        donation, 0, 1, 9, intensity=Fraction(1, 10))


# ------------------------------------------------------------------------------ strong selection
def test_strong_selection_does_not_overflow():
    rho_c = fixation_probability(PD, 0, 1, 200, process="fermi", intensity=100.0)
    rho_d = fixation_probability(PD, 1, 0, 200, process="fermi", intensity=100.0)
    assert 0.0 <= rho_c < 1e-300 and rho_d == pytest.approx(1.0)
    sd = stationary_distribution(PD, 200, process="fermi", intensity=100.0)
    assert sd.distribution.tolist() == [0.0, 1.0]


def test_two_absorbing_states_in_floating_point_raise():
    # bistable with both fixations below the smallest float: no unique distribution in floats
    with pytest.raises(SolverError, match="not irreducible"):
        stationary_distribution([[10, 0], [0, 10]], 300, process="fermi", intensity=100.0)
    # the exact Moran process still answers
    sd = stationary_distribution(exact_game([[10, 0], [0, 10]]), 40, intensity=Fraction(9, 10))
    assert sd.distribution[0] == sd.distribution[1] == Fraction(1, 2)


# ------------------------------------------------------------------------------ simulation
@pytest.mark.parametrize("process, w, size, game", [
    ("moran", 0.5, 8, HUNT), ("fermi", 1.0, 10, PD), ("fermi", 0.5, 6, [[2, -1], [3, 0]]),
    ("moran", 1.0, 5, [[2, 2], [1, 1]])])
def test_simulation_interval_covers_exact(process, w, size, game):
    mutant = 0 if game is not PD else 1
    exact = fixation_probability(game, mutant, 1 - mutant, size, process=process, intensity=w)
    est = simulate_fixation(game, mutant, 1 - mutant, size, process=process, intensity=w, runs=6000, seed=11,
                            confidence=0.999)
    assert isinstance(est, FixationEstimate)
    assert est.contains(exact), (est, exact)
    assert est.unfinished == 0 and est.mean_steps >= 1


def test_simulation_group_game_covers_exact():
    game = public_goods(4, Fraction(3), exact=False)
    exact = fixation_probability(game, "Keep", "Contribute", 9, process="fermi", intensity=1.0)
    est = simulate_fixation(game, "Keep", "Contribute", 9, process="fermi", intensity=1.0, runs=5000, seed=5,
                            confidence=0.999)
    assert est.contains(exact)


def test_simulation_is_seeded_and_distinguishes_selection():
    a = simulate_fixation(PD, 0, 1, 10, process="fermi", intensity=1.0, runs=3000, seed=2)
    b = simulate_fixation(PD, 0, 1, 10, process="fermi", intensity=1.0, runs=3000, seed=2)
    assert a == b
    assert a.below_neutral and not a.above_neutral
    d = simulate_fixation(PD, 1, 0, 10, process="fermi", intensity=1.0, runs=3000, seed=2)
    assert d.above_neutral
    assert "FixationEstimate(" in repr(d)


def test_simulation_step_cap_counts_unfinished():
    est = simulate_fixation([[1, 1], [1, 1]], 0, 1, 50, runs=200, seed=0, max_steps=3)
    assert est.unfinished > 0 and est.fixations == 0


def test_wilson_interval():
    lo, hi = wilson_interval(0, 10)
    assert lo == 0.0 and 0 < hi < 0.35
    lo, hi = wilson_interval(10, 10)
    assert hi == 1.0 and lo > 0.65
    # against the closed form at z = 1.96 for p = 0.5, n = 100
    lo, hi = wilson_interval(50, 100)
    assert (lo + hi) / 2 == pytest.approx(0.5)
    with pytest.raises(InvalidArgumentError):
        wilson_interval(11, 10)
    with pytest.raises(InvalidArgumentError):
        wilson_interval(1, 10, confidence=1.5)


# ------------------------------------------------------------------------------ EGTtools oracle
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # EGTtools warns about its near-degenerate chains
def test_fixation_and_sml_matrices_match_egttools():
    egt = pytest.importorskip("egttools")
    from egttools.analytical import PairwiseComparison
    from egttools.games import Matrix2PlayerGameHolder

    rng = np.random.default_rng(4)
    for m, size, beta in [(2, 10, 1.0), (3, 25, 0.3), (4, 30, 0.7), (5, 50, 2.0)]:
        R = rng.uniform(-2, 3, size=(m, m))
        holder = Matrix2PlayerGameHolder(m, R)  # keep a reference: the model does not own it
        model = PairwiseComparison(size, holder)
        transition, fixation = model.calculate_transition_and_fixation_matrix_sml(beta)
        sd = stationary_distribution(R.tolist(), size, process="fermi", intensity=beta)
        off = ~np.eye(m, dtype=bool)
        # EGTtools returns 0 once the sum in the denominator passes 1e7, so compare with atol 1e-7
        np.testing.assert_allclose(sd.fixation[off], np.asarray(fixation)[off], rtol=1e-9, atol=1e-7)
        np.testing.assert_allclose(sd.transition, transition, rtol=1e-9, atol=1e-7)
        if (np.asarray(fixation)[off] > 0).all():
            pi = egt.utils.calculate_stationary_distribution(np.asarray(transition).T)
            np.testing.assert_allclose(sd.distribution, pi, rtol=1e-5, atol=1e-7)
        # else: EGTtools' truncation makes a state absorbing and its distribution degenerate; check
        # ours by an exact rational solve of pi (T - I) = 0, sum pi = 1 on the same fixation matrix
        fix = [[Fraction(float(v)) for v in row] for row in sd.fixation]
        rate = [[fix[i][j] / (m - 1) if i != j else -sum(fix[i][k] for k in range(m) if k != i) / (m - 1)
                 for j in range(m)] for i in range(m)]
        system = [[rate[i][j] for i in range(m)] for j in range(m)] + [[Fraction(1)] * m]
        solved = exact_solve(system, [Fraction(0)] * m + [Fraction(1)])
        np.testing.assert_allclose(sd.distribution, [float(v) for v in solved], rtol=1e-9, atol=1e-300)
        for i in range(m):
            for j in range(m):
                if i != j:
                    assert fixation_probability(R.tolist(), i, j, size, process="fermi", intensity=beta) == \
                        pytest.approx(model.calculate_fixation_probability(i, j, beta), rel=1e-9, abs=1e-7)


def test_group_game_matches_egttools_stochdynamics():
    """n-player public goods with hypergeometric group sampling: EGTtools StochDynamics (group_size > 2)."""
    pytest.importorskip("egttools")
    from egttools.analytical import StochDynamics

    n, r, size, beta = 5, 3.0, 30, 0.8
    game = public_goods(n, r, exact=False)

    def pay(own):  # EGTtools: payoff of `own` in a group with k players of `own` (self included)
        if own == 0:
            return lambda k, group, *args: r * k / group - 1
        return lambda k, group, *args: r * (group - k) / group

    payoffs = np.array([[pay(0), pay(0)], [pay(1), pay(1)]], dtype=object)
    dyn = StochDynamics(2, payoffs, size, group_size=n)
    for a, b in [(0, 1), (1, 0)]:
        assert fixation_probability(game, a, b, size, process="fermi", intensity=beta) == pytest.approx(
            dyn.fixation_probability(a, b, beta), rel=1e-9)


def test_group_game_exact_moran():
    game = public_goods(3, Fraction(2))
    rho = fixation_probability(game, "Contribute", "Keep", 6, intensity=Fraction(1, 4))
    assert isinstance(rho, Fraction) and 0 < rho < Fraction(1, 6)
    assert float(rho) == pytest.approx(
        fixation_probability(public_goods(3, 2.0, exact=False), 0, 1, 6, intensity=0.25), rel=1e-12)


# ------------------------------------------------------------------------------ properties
@given(matrices, sizes, st.sampled_from(["moran", "fermi"]), st.floats(0, 1))
@settings(deadline=None)
def test_probabilities_in_unit_interval(matrix, size, process, w):
    game = [[v + 5 for v in row] for row in matrix]  # positive payoffs: Moran fitness positive for every w
    for a, b in [(0, 1), (1, 0)]:
        rho = fixation_probability(game, a, b, size, process=process, intensity=w)
        assert 0.0 <= rho <= 1.0


@given(square3, st.integers(2, 15), st.sampled_from(["moran", "fermi"]), st.fractions(0, 1, max_denominator=10))
@settings(deadline=None, max_examples=40)
def test_stationary_distribution_is_a_distribution(matrix, size, process, w):
    game = exact_game([[v + 5 for v in row] for row in matrix])
    intensity = w if process == "moran" else float(w) * 3
    sd = stationary_distribution(game, size, process=process, intensity=intensity)
    total = sd.distribution.sum()
    assert (total == 1) if sd.is_exact else total == pytest.approx(1.0, abs=1e-12)
    assert all(v >= 0 for v in sd.distribution)
    assert sd.residual() <= 1e-12
    rows = sd.transition.sum(axis=1)
    assert all(abs(float(v) - 1) <= 1e-12 for v in rows)


@given(square3, sizes)
@settings(deadline=None, max_examples=30)
def test_zero_intensity_is_neutral(matrix, size):
    game = exact_game(matrix)
    sd = stationary_distribution(game, size, intensity=0)
    assert all(v == Fraction(1, size) for v in sd.fixation.reshape(-1))
    assert all(v == Fraction(1, 3) for v in sd.distribution)


@given(matrices, st.integers(3, 20), st.sampled_from(["moran", "fermi"]))
@settings(deadline=None, max_examples=60)
def test_published_weak_selection_condition(matrix, size, process):
    """Nowak, Sasaki, Taylor & Fudenberg (2004), Nature 428:646: under weak selection, with payoffs
    a, b (A vs A, A vs B) and c, d (B vs A, B vs B) and no self-interaction, a single A mutant fixes
    with probability above 1/N iff a (N - 2) + b (2N - 1) > c (N + 1) + d (2N - 4).

    Checked exactly (Moran, Fractions) or in floats (Fermi) at w = 1e-7, whenever the condition's two
    sides differ (by at least 1 for integer payoffs, far above the O(w^2) remainder).
    """
    (a, b), (c, d) = matrix
    size_n = size
    lhs = a * (size_n - 2) + b * (2 * size_n - 1)
    rhs = c * (size_n + 1) + d * (2 * size_n - 4)
    if lhs == rhs:
        return
    if process == "moran":
        game = exact_game([[v + 5 for v in row] for row in matrix])  # shift: same differences, positive fitness
        rho = fixation_probability(game, 0, 1, size_n, intensity=Fraction(1, 10**7))
        assert (rho > Fraction(1, size_n)) == (lhs > rhs)
    else:
        rho = fixation_probability(matrix, 0, 1, size_n, process="fermi", intensity=1e-5)
        assert (rho > 1 / size_n) == (lhs > rhs)


def test_one_third_rule_large_population():
    """Nowak et al. (2004): in a coordination game, for large N and weak selection, rho_A > 1/N iff the
    unstable interior point x* = (d - b) / (a - b - c + d) is below 1/3."""
    size = 2000
    for (a, b, c, d) in [(5, 0, 3, 2), (5, 0, 4, 3), (4, 0, 3, 3), (6, 1, 2, 4)]:
        x_star = Fraction(d - b, a - b - c + d)
        rho = fixation_probability([[a, b], [c, d]], 0, 1, size, process="fermi", intensity=1e-6)
        assert (rho > 1 / size) == (x_star < Fraction(1, 3)), (a, b, c, d, x_star)


# ------------------------------------------------------------------------------ results and errors
def test_result_objects():
    sd = stationary_distribution(exact_game(PD, ["Govern", "Free-ride"]), 10, intensity=Fraction(1, 10))
    assert isinstance(sd, StationaryDistribution)
    assert sd.most_abundant == "Free-ride"
    assert repr(sd).startswith("StationaryDistribution(moran, intensity 1/10, Z = 10, exact, Govern: ")
    frame = sd.to_frame()
    assert list(frame.columns) == ["stationary", "rho from Govern", "rho from Free-ride"]
    assert frame.loc["Free-ride", "stationary"] == sd["Free-ride"]
    with pytest.raises(ValueError):
        sd.distribution[0] = 0


def test_bad_input():
    with pytest.raises(InvalidGameError, match="symmetric"):
        fixation_probability(cg.NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]), 0, 1, 10)
    with pytest.raises(InvalidGameError, match="shape"):
        fixation_probability(cg.NormalFormGame([np.zeros((2, 2, 2))] * 3), 0, 1, 10)
    with pytest.raises(InvalidGameError):
        fixation_probability("PD", 0, 1, 10)
    with pytest.raises(InvalidGameError):
        fixation_probability([[1, 2, 3], [4, 5, 6]], 0, 1, 10)
    x = sympy.Symbol("x")
    with pytest.raises(UnresolvedParameterError):
        fixation_probability(cg.SymbolicGame([[[x, 0], [0, 1]], [[x, 0], [0, 1]]]), 0, 1, 10)
    with pytest.raises(InvalidArgumentError, match="process"):
        fixation_probability(PD, 0, 1, 10, process="wright-fisher")
    with pytest.raises(InvalidArgumentError, match="intensity to be a finite real number >= 0 and <= 1"):
        fixation_probability(PD, 0, 1, 10, intensity=2)
    with pytest.raises(InvalidArgumentError, match="intensity to be a finite real number >= 0, got -1"):
        fixation_probability(PD, 0, 1, 10, process="fermi", intensity=-1)
    with pytest.raises(InvalidArgumentError, match="positive fitness"):
        fixation_probability([[-3, -3], [0, 0]], 0, 1, 10, intensity=0.5)
    with pytest.raises(InvalidArgumentError, match="positive fitness"):
        fixation_probability(exact_game([[-3, -3], [0, 0]]), 0, 1, 10, intensity=Fraction(1, 2))
    with pytest.raises(InvalidArgumentError, match="population_size"):
        fixation_probability(PD, 0, 1, 1)
    with pytest.raises(InvalidArgumentError, match="population_size"):
        fixation_probability(public_goods(5, 3), 0, 1, 4)
    with pytest.raises(InvalidProfileError, match="different"):
        fixation_probability(PD, 0, 0, 10)
    with pytest.raises(InvalidProfileError, match="label"):
        fixation_probability(PD, "Govern", 0, 10)
    with pytest.raises(SolverLimitError, match="max_population=2,000"):
        fixation_probability(exact_game(PD), 0, 1, MAX_EXACT_POPULATION + 1, intensity=Fraction(1, 10))
    # the float path has its own, larger limit
    assert 0 <= fixation_probability(exact_game(PD), 0, 1, MAX_EXACT_POPULATION + 1, intensity=0.1) <= 1
    with pytest.raises(InvalidArgumentError, match="runs"):
        simulate_fixation(PD, 0, 1, 10, runs=0)
    with pytest.raises(InvalidArgumentError, match="max_steps"):
        simulate_fixation(PD, 0, 1, 10, max_steps=0)
    with pytest.raises(InvalidGameError, match="at least two strategies"):
        stationary_distribution([[1]], 10)


# ------------------------------------------------------------------------------ full chain with mutation
def _birth_death_oracle(up, down):
    """Stationary distribution of a birth-death chain on 0..Z from up[k] = T+(k), down[k] = T-(k)."""
    size = len(up) - 1
    logs = np.zeros(size + 1)
    for k in range(size):
        logs[k + 1] = logs[k] + math.log(up[k]) - math.log(down[k + 1])
    pi = np.exp(logs - logs.max())
    return pi / pi.sum()


@pytest.mark.parametrize("process, w", [("fermi", 0.7), ("moran", 0.4)])
def test_two_strategy_chain_matches_detailed_balance(process, w):
    """m = 2 is a birth-death chain: pi_{k+1} / pi_k = T+(k) / T-(k+1), transitions written out by hand."""
    (a, b), (c, d) = A = [[3.0, 0.5], [4.0, 1.0]]
    size, mu = 12, 0.03
    up, down = np.zeros(size + 1), np.zeros(size + 1)
    for k in range(size + 1):  # k players of strategy 0
        fa = ((k - 1) * a + (size - k) * b) / (size - 1)
        fb = (k * c + (size - k - 1) * d) / (size - 1)
        if process == "fermi":
            up[k] = (size - k) / size * ((1 - mu) * k / (size - 1) / (1 + math.exp(-w * (fa - fb))) + mu)
            down[k] = k / size * ((1 - mu) * (size - k) / (size - 1) / (1 + math.exp(-w * (fb - fa))) + mu)
        else:
            Fa, Fb = 1 - w + w * fa, 1 - w + w * fb
            total = k * Fa + (size - k) * Fb
            pa = k * Fa / total if k else 0.0
            pb = (size - k) * Fb / total if k < size else 0.0
            up[k] = (size - k) / size * ((1 - mu) * pa + mu * pb)
            down[k] = k / size * ((1 - mu) * pb + mu * pa)
    md = mutation_selection_distribution(A, size, mutation=mu, process=process, intensity=w)
    assert isinstance(md, MutationSelectionDistribution)
    assert md.states[:, 0].tolist() == list(range(size, -1, -1))
    np.testing.assert_allclose(md.distribution[::-1], _birth_death_oracle(up, down), rtol=1e-9, atol=1e-15)


def test_full_chain_matches_egttools():
    egt = pytest.importorskip("egttools")
    from egttools.analytical import PairwiseComparison
    from egttools.games import Matrix2PlayerGameHolder

    from coopgame.games.symmetric import composition_rank

    R = np.random.default_rng(3).uniform(0, 2, (3, 3))
    size = 15
    holder = Matrix2PlayerGameHolder(3, R)
    model = PairwiseComparison(size, holder)
    for mu in (0.05, 0.001):
        T = model.calculate_transition_matrix(0.8, mu)
        pi = egt.utils.calculate_stationary_distribution(T.toarray().T)
        md = mutation_selection_distribution(R.tolist(), size, mutation=mu, intensity=0.8)
        states = np.array([egt.sample_simplex(i, size, 3) for i in range(len(pi))])
        np.testing.assert_allclose(md.distribution[composition_rank(states, size)], pi, rtol=1e-6, atol=1e-12)


def test_group_game_full_chain_matches_egttools_birth_death():
    pytest.importorskip("egttools")
    from egttools.analytical import StochDynamics

    n, r, size, beta, mu = 4, 3.0, 12, 0.9, 0.02
    game = public_goods(n, r, exact=False)

    def pay(own):
        if own == 0:
            return lambda k, group, *args: r * k / group - 1
        return lambda k, group, *args: r * (group - k) / group

    payoffs = np.array([[pay(0), pay(0)], [pay(1), pay(1)]], dtype=object)
    dyn = StochDynamics(2, payoffs, size, group_size=n, mu=mu)
    up, down = np.zeros(size + 1), np.zeros(size + 1)
    up[0], down[size] = mu, mu  # monomorphic states: only a mutation moves them
    for k in range(1, size):
        up[k], down[k] = dyn.prob_increase_decrease_with_mutation(k, 0, 1, beta)
    md = mutation_selection_distribution(game, size, mutation=mu, intensity=beta)
    np.testing.assert_allclose(md.distribution[::-1], _birth_death_oracle(up, down), rtol=1e-8)


def test_rare_mutations_approach_the_small_mutation_limit():
    R = [[1, 4, 0], [2, 2, 3], [5, 0, 1]]
    sml = stationary_distribution(R, 12, process="fermi", intensity=0.6)
    md = mutation_selection_distribution(R, 12, mutation=1e-6, intensity=0.6)
    np.testing.assert_allclose(md.monomorphic, sml.distribution, rtol=1e-3, atol=1e-6)
    assert md.monomorphic.sum() > 0.999
    frame = md.to_frame()
    assert list(frame.columns) == ["1", "2", "3", "probability"] and len(frame) == math.comb(14, 2)
    assert repr(md).startswith("MutationSelectionDistribution(fermi, intensity 0.6, mutation 1e-06, Z = 12, 91 states")


@given(square3, st.integers(2, 12), st.sampled_from(["moran", "fermi"]), st.floats(1e-4, 1.0))
@settings(deadline=None, max_examples=30)
def test_full_chain_is_a_distribution(matrix, size, process, mu):
    game = [[v + 5 for v in row] for row in matrix]
    md = mutation_selection_distribution(game, size, mutation=mu, process=process, intensity=0.3)
    assert md.distribution.sum() == pytest.approx(1.0, abs=1e-12)
    assert (md.distribution >= 0).all()
    assert md.frequencies.sum() == pytest.approx(1.0, abs=1e-12)


def test_full_chain_bad_input():
    with pytest.raises(InvalidArgumentError, match="mutation"):
        mutation_selection_distribution(PD, 10, mutation=0)
    with pytest.raises(InvalidArgumentError, match="mutation"):
        mutation_selection_distribution(PD, 10, mutation=1.5)
    with pytest.raises(InvalidArgumentError, match="mutation"):
        mutation_selection_distribution(PD, 10, mutation="often")
    with pytest.raises(SolverLimitError, match="max_states=50,000"):
        mutation_selection_distribution([[1, 0, 0, 0]] * 4, 100, mutation=0.01)
    assert math.comb(100 + 3, 3) > MAX_MUTATION_STATES
    with pytest.raises(InvalidArgumentError, match="positive fitness"):
        mutation_selection_distribution([[-3, -3], [0, 0]], 10, mutation=0.1, process="moran", intensity=0.5)


def test_defaults_work_for_the_prisoners_dilemma():
    """Default intensity 0.1: the Moran fitness of a prisoner's dilemma stays positive (at w = 1 it would not:
    a lone cooperator's mean payoff is 0)."""
    assert fixation_probability(PD, 0, 1, 10) < 0.1 < fixation_probability(PD, 1, 0, 10)
    assert stationary_distribution(PD, 10).most_abundant == "2"
    with pytest.raises(InvalidArgumentError, match="positive fitness"):
        fixation_probability(PD, 0, 1, 10, intensity=1.0)


# ------------------------------------------------------------------------------ bad input, one test per class
@pytest.mark.parametrize("function", [
    lambda w: fixation_probability(PD, 0, 1, 10, process="fermi", intensity=w),
    lambda w: stationary_distribution(PD, 10, process="fermi", intensity=w),
    lambda w: simulate_fixation(PD, 0, 1, 10, process="fermi", intensity=w, runs=5, seed=0),
    lambda w: mutation_selection_distribution(PD, 10, mutation=0.1, intensity=w),
])
def test_intensity_of_selection_must_be_a_finite_number(function):
    for bad in (float("nan"), float("inf"), -float("inf"), -0.5):
        with pytest.raises(InvalidArgumentError, match="intensity"):
            function(bad)
    for bad in (True, "strong", None, [0.1], 1j):
        with pytest.raises(InvalidArgumentTypeError, match="intensity"):
            function(bad)


def test_strong_selection_gives_probabilities_not_nan():
    for beta in (1e300, 10**300):
        for mutant in (0, 1):
            rho = fixation_probability(PD, mutant, 1 - mutant, 50, process="fermi", intensity=beta)
            assert 0 <= rho <= 1 and not math.isnan(rho)
    assert fixation_probability(PD, 1, 0, 50, process="fermi", intensity=1e300) == 1.0


def test_population_size_is_checked_and_budgeted_before_any_work():
    for bad in (2.5, float("nan"), -3):
        with pytest.raises(InvalidArgumentError, match="population_size"):
            fixation_probability(PD, 0, 1, bad)
    with pytest.raises(InvalidArgumentTypeError, match="population_size"):
        fixation_probability(PD, 0, 1, True)
    # issue 13: 10**9 individuals raised MemoryError; now refused by the budget, in Python integers
    for size in (10**9, 10**400):
        with pytest.raises(SolverLimitError, match="max_population=1,000,000"):
            fixation_probability(PD, 0, 1, size)
        with pytest.raises(SolverLimitError, match="max_population"):
            stationary_distribution(PD, size, process="fermi")
        with pytest.raises(SolverLimitError, match="max_population"):
            simulate_fixation(PD, 0, 1, size)
    with pytest.raises(SolverLimitError, match="max_population=2,000.*pass a larger max_population=.*to_float"):
        fixation_probability(exact_game(PD), 0, 1, 2001, intensity=Fraction(1, 10))
    # the limit is a keyword the caller can lower or raise
    with pytest.raises(SolverLimitError, match="max_population=5"):
        fixation_probability(PD, 0, 1, 6, max_population=5)
    assert fixation_probability(PD, 0, 1, 6, max_population=6) == fixation_probability(PD, 0, 1, 6)
    with pytest.raises(InvalidArgumentError, match="max_population"):
        fixation_probability(PD, 0, 1, 6, max_population=0)
    # n-player groups: the budget counts the population times the co-players
    with pytest.raises(SolverLimitError, match=r"group size - 1\).*4,000"):
        fixation_probability(public_goods(5, 3, exact=False), 0, 1, 1000, process="fermi", intensity=1.0,
                             max_population=3999)


def test_mutation_rate_is_a_probability():
    for bad in (float("nan"), float("inf"), -0.1, 0, 1.5):
        with pytest.raises(InvalidArgumentError, match="mutation"):
            mutation_selection_distribution(PD, 10, mutation=bad)
    for bad in (True, "often", None):
        with pytest.raises(InvalidArgumentTypeError, match="mutation"):
            mutation_selection_distribution(PD, 10, mutation=bad)


def test_chain_size_limit_is_a_keyword():
    with pytest.raises(SolverLimitError, match="max_states=10.*pass a larger max_states=.*stationary_distribution"):
        mutation_selection_distribution(PD, 10, mutation=0.1, max_states=10)
    assert len(mutation_selection_distribution(PD, 10, mutation=0.1, max_states=11).states) == 11
    # huge populations are refused from the count of states, before anything is built
    with pytest.raises(SolverLimitError, match="max_states"):
        mutation_selection_distribution(PD, 10**12, mutation=0.1)
    with pytest.raises(SolverLimitError, match="payoff weights"):
        # 201 states, but 201 x 150 co-player compositions to average over
        mutation_selection_distribution(public_goods(150, 3, exact=False), 200, mutation=0.1, max_states=250)


def test_seeds_runs_steps_and_confidence_are_checked():
    with pytest.raises(InvalidArgumentError, match="seed"):
        simulate_fixation(PD, 0, 1, 10, runs=5, seed=-1)
    with pytest.raises(InvalidArgumentTypeError, match="seed"):
        simulate_fixation(PD, 0, 1, 10, runs=5, seed="lucky")
    for name, bad in (("runs", 2.5), ("runs", -1), ("max_steps", float("nan")), ("max_steps", 0)):
        with pytest.raises(InvalidArgumentError, match=name):
            simulate_fixation(PD, 0, 1, 10, seed=0, **{name: bad})
    for bad in (0, 1, float("nan"), 1.5):
        with pytest.raises(InvalidArgumentError, match="confidence"):
            simulate_fixation(PD, 0, 1, 10, runs=5, seed=0, confidence=bad)
        with pytest.raises(InvalidArgumentError, match="confidence"):
            wilson_interval(3, 10, bad)
    with pytest.raises(InvalidArgumentError, match="successes"):
        wilson_interval(11, 10)
    with pytest.raises(InvalidArgumentTypeError, match="progress"):
        simulate_fixation(PD, 0, 1, 10, runs=5, seed=0, progress="yes")


def test_progress_bar_does_not_change_the_estimate(capsys):
    quiet = simulate_fixation(HUNT, 0, 1, 8, process="fermi", intensity=0.5, runs=300, seed=9, progress=False)
    shown = simulate_fixation(HUNT, 0, 1, 8, process="fermi", intensity=0.5, runs=300, seed=9, progress=True)
    assert quiet == shown
    assert "simulate_fixation" in capsys.readouterr().err


def test_runs_beyond_one_batch_are_all_counted(monkeypatch):
    from coopgame.dynamics.finite import simulation

    monkeypatch.setattr(simulation, "_BATCH", 7)
    est = simulate_fixation([[1, 1], [1, 1]], 0, 1, 5, runs=50, seed=2)
    assert est.runs == 50 and 0 <= est.fixations <= 50 and est.unfinished == 0
    assert est.mean_steps > 1


def test_games_that_are_not_games_get_typed_errors():
    for bad in (None, {"a": 1}, "PD", 3, [[1, 2], [3]], [[[1, 2]]]):
        with pytest.raises(InvalidGameError):
            fixation_probability(bad, 0, 1, 10)
    with pytest.raises(InvalidGameError, match="finite"):
        fixation_probability([[1, float("nan")], [0, 1]], 0, 1, 10)
    with pytest.raises(InvalidProfileError, match="label"):
        fixation_probability(PD, True, 0, 10)


def test_results_are_frozen_values():
    sd = stationary_distribution(exact_game(HUNT), 10, intensity=Fraction(1, 10))
    again = stationary_distribution(exact_game(HUNT), 10, intensity=Fraction(1, 10))
    assert sd == again and hash(sd) == hash(again) and sd.is_exact
    assert sd != stationary_distribution(exact_game(HUNT), 11, intensity=Fraction(1, 10))
    assert sd.to_dict()["distribution"] == list(sd.distribution)
    with pytest.raises(AttributeError):
        sd.population_size = 3
    est = simulate_fixation(HUNT, 0, 1, 8, runs=100, seed=1)
    assert est.to_dict()["runs"] == 100 and est.is_exact is False
    md = mutation_selection_distribution(HUNT, 6, mutation=0.1)
    assert md == mutation_selection_distribution(HUNT, 6, mutation=0.1) and not md.is_exact
    assert "<table>" in md._repr_html_()


def test_misspelt_keywords_are_refused_with_the_accepted_list():
    with pytest.raises(InvalidArgumentTypeError, match=r"unknown keyword argument 'intensty' \(did you mean 'intensity'"):
        fixation_probability(PD, 0, 1, 10, intensty=0.5)
    with pytest.raises(InvalidArgumentTypeError, match="expected one of: game, population_size, process, intensity, max_population, progress"):
        stationary_distribution(PD, 10, bogus=1)
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'seed'"):
        simulate_fixation(PD, 0, 1, 10, sed=1)
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'mutation'"):
        mutation_selection_distribution(PD, 10, mutation=0.1, mutaton=0.2)
    with pytest.raises(InvalidArgumentTypeError, match="unknown keyword argument"):
        wilson_interval(1, 2, level=0.9)


def test_huge_run_counts_are_refused_naming_the_limit():
    for runs in (10**9, 10**400):
        with pytest.raises(SolverLimitError, match="max_runs=10,000,000"):
            simulate_fixation(PD, 0, 1, 10, runs=runs)
    with pytest.raises(SolverLimitError, match="max_runs=10"):
        simulate_fixation(PD, 0, 1, 10, runs=11, max_runs=10)
    assert simulate_fixation(PD, 0, 1, 10, runs=11, max_runs=11, seed=0).runs == 11
    with pytest.raises(InvalidArgumentError, match="max_steps"):
        simulate_fixation(PD, 0, 1, 10, runs=5, max_steps=10**400)


def test_stationary_distribution_progress_bar(capsys):
    game = exact_game([[2, 0, 1], [3, 1, 0], [0, 2, 1]])
    quiet = stationary_distribution(game, 8, intensity=Fraction(1, 10), progress=False)
    assert stationary_distribution(game, 8, intensity=Fraction(1, 10), progress=True) == quiet
    assert "stationary_distribution" in capsys.readouterr().err
    with pytest.raises(InvalidArgumentTypeError, match="progress"):
        stationary_distribution(game, 8, progress="auto")


def test_fixation_estimate_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import simulate_fixation
    from coopgame.errors import InvalidArgumentTypeError

    obj = simulate_fixation([[4, 0], [3, 2]], 0, 1, 6, runs=50, seed=1)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.contains(val=0.5)
    assert "FixationEstimate.contains: got an unknown keyword argument 'val' (did you mean 'value'?)" in str(caught.value)

def test_mutation_selection_distribution_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import mutation_selection_distribution
    from coopgame.errors import InvalidArgumentTypeError

    obj = mutation_selection_distribution([[4, 0], [3, 2]], 6, mutation=0.1)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_frame(wide=True)
    assert "MutationSelectionDistribution.to_frame: got an unknown keyword argument 'wide'; it takes no keyword arguments" in str(caught.value)

def test_stationary_distribution_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import stationary_distribution
    from coopgame.errors import InvalidArgumentTypeError

    obj = stationary_distribution([[4, 0], [3, 2]], 6, intensity=0.2)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.residual(tol=1)
    assert "StationaryDistribution.residual: got an unknown keyword argument 'tol'; it takes no keyword arguments" in str(caught.value)
