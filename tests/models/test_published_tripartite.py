"""Published evolutionary-game analyses reproduced with the corner table and the stability tools.

1. A published tripartite corner table: Table 3 of "Allocation strategy of medical supplies during a
   public health emergency: a tripartite evolutionary game perspective", Scientific Reports 13 (2023),
   doi:10.1038/s41598-023-36000-y. The paper prints, for the eight corners E1(0,0,0) ... E8(1,1,1), the
   three Jacobian eigenvalues and the conditions under which E3(0,1,0) and E8(1,1,1) are ESS.
2. Tsebelis (1989), "The abuse of probability in political analysis: the Robinson Crusoe fallacy",
   American Political Science Review 83(1): 77-91: the inspection game's mixed equilibrium
   (violation k/r, enforcement g/p), here as the interior rest point of the replicator dynamics.
3. The textbook classification of the interior rest point of 2x2 bimatrix replicator dynamics (Hofbauer
   and Sigmund 1998, Evolutionary Games and Population Dynamics, the chapters on bimatrix games; Friedman
   1991, Econometrica 59(3)): a saddle in coordination-type games, a centre in cyclic ones.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.dynamics import rest_points, stability
from coopgame.dynamics.analysis import classify_corners, corner_table

# ------------------------------------------------------------------------------------ Sci. Rep. 2023, Table 3
NAMES = "alpha V1 V2 A H2 W1 W2 P1 P2 B H4 H5 K1 K2 R2 T"
alpha, V1, V2, A, H2, W1, W2, P1, P2, B, H4, H5, K1, K2, R2, T = sympy.symbols(NAMES, positive=True)

#: Table 3 as printed: corner (x, y, z) -> the eigenvalues lambda_1, lambda_2, lambda_3.
PUBLISHED = {
    (0, 0, 0): (alpha * V2 - alpha * V1 - A, alpha * H2 - alpha * W2, H5 - H4 + K1 + K2 + R2 + T + alpha * P2),
    (1, 0, 0): (alpha * H2 - alpha * W1, A + alpha * V1 - alpha * V2, H5 - H4 + K1 + R2 + T + alpha * P1),
    (0, 1, 0): (alpha * W2 - alpha * H2, -A, H5 - H4 - B + K2 + R2),
    (0, 0, 1): (K2 - A - alpha * V1 + alpha * V2, B + alpha * H2 + alpha * P2 - alpha * W2,
                H4 - H5 - K1 - K2 - R2 - T - alpha * P2),
    (1, 1, 0): (A, alpha * W1 - alpha * H2, H5 - H4 + R2),
    (1, 0, 1): (alpha * H2 + alpha * P1 - alpha * W1, A - K2 + alpha * V1 - alpha * V2, H4 - H5 - K1 - R2 - T - alpha * P1),
    (0, 1, 1): (K2 - A, alpha * W2 - alpha * H2 - alpha * P2 - B, B + H4 - H5 - K2 - R2),
    (1, 1, 1): (A - K2, H4 - H5 - R2, alpha * W1 - alpha * P1 - alpha * H2),
}
#: The printed ESS conditions: (1) for E3 (0, 1, 0), (2) for E8 (1, 1, 1).
CONDITION_E3 = sympy.And(alpha * W2 - alpha * H2 < 0, H5 - H4 - B + K2 + R2 < 0)
CONDITION_E8 = sympy.And(A - K2 < 0, H4 - H5 - R2 < 0, alpha * W1 - alpha * P1 - alpha * H2 < 0)


def reduced_game() -> cg.SymbolicGame:
    """The game whose payoff advantages are those the printed eigenvalues imply.

    The replicator dynamics depend on each role's payoff advantage Delta_p only, and at a corner the
    eigenvalue of role p is (1 - 2 x_p) Delta_p. Role p's advantage at the four corners of the other two
    roles is read from the corners where x_p = 0 (E1, E2, E3, E5 for z; E1, E2, E4, E6 for y; E1, E3, E4,
    E7 for x); the second strategy of each role gets payoff 0. The other twelve printed eigenvalues are
    then predictions that the test checks.
    """
    corner = {k: v for k, v in PUBLISHED.items()}
    # role x: eigenvalue at x = 0 is lambda with the (y, z) pattern; identify which printed lambda belongs
    # to which role by its pairing with the opposite corner (the test below checks the pairing)
    dx = {(0, 0): corner[(0, 0, 0)][0], (1, 0): corner[(0, 1, 0)][1], (0, 1): corner[(0, 0, 1)][0],
          (1, 1): corner[(0, 1, 1)][0]}
    dy = {(0, 0): corner[(0, 0, 0)][1], (1, 0): corner[(1, 0, 0)][0], (0, 1): corner[(0, 0, 1)][1],
          (1, 1): corner[(1, 0, 1)][0]}
    dz = {(0, 0): corner[(0, 0, 0)][2], (1, 0): corner[(1, 0, 0)][2], (0, 1): corner[(0, 1, 0)][2],
          (1, 1): corner[(1, 1, 0)][2]}
    arrays = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    for i, j, k in itertools.product(range(2), repeat=3):
        x, y, z = 1 - i, 1 - j, 1 - k
        arrays[0][i, j, k] = dx[(y, z)] if x else 0
        arrays[1][i, j, k] = dy[(x, z)] if y else 0
        arrays[2][i, j, k] = dz[(x, y)] if z else 0
    return cg.SymbolicGame(arrays, players=["Government", "Hospitals", "Public"])


def test_published_medical_supplies_table_pairs_like_a_replicator_system():
    """The printed eigenvalues obey the corner structure of claim C18 (docs/explanation/claims.md): for each role, the eigenvalues at
    two corners that differ only in that role's strategy are negatives of each other (24 entries, 12
    independent), which is what lets the reduced game reproduce the table."""
    pairs = {0: (0, 1, 0), 1: (1, 0, 0), 2: (0, 0, 1)}
    for corner, eigs in PUBLISHED.items():
        for role, flip in pairs.items():
            other = tuple(c ^ f for c, f in zip(corner, flip))
            negated = {sympy.expand(-e) for e in PUBLISHED[other]}
            assert any(sympy.expand(e) in negated for e in eigs), (corner, role)


def test_published_medical_supplies_corner_table():
    """Every corner's eigenvalues in coopgame's corner table equal the printed ones (as multisets), and the
    stability conditions coopgame derives for E3 and E8 are the printed conditions (1) and (2)."""
    game = reduced_game()
    table = corner_table(game)
    assert len(table) == 8
    for row in table:
        printed = sorted(sympy.srepr(sympy.expand(e)) for e in PUBLISHED[row.point])
        ours = sorted(sympy.srepr(sympy.expand(e)) for e in row.eigenvalues)
        assert ours == printed, row.point
    e3 = next(r for r in table if r.point == (0, 1, 0))
    e8 = next(r for r in table if r.point == (1, 1, 1))
    e5 = next(r for r in table if r.point == (1, 1, 0))
    assert e5.never_stable                                 # lambda_1 = A > 0: "unstable point" in the paper
    rng = np.random.default_rng(2023)
    symbols = list(game.parameters)
    agree = {"E3": 0, "E8": 0}
    for _ in range(400):
        values = {s: sympy.Rational(int(rng.integers(1, 30)), int(rng.integers(1, 6))) for s in symbols}
        assert bool(e3.condition.xreplace(values)) == bool(CONDITION_E3.xreplace(values))
        assert bool(e8.condition.xreplace(values)) == bool(CONDITION_E8.xreplace(values))
        agree["E3"] += bool(CONDITION_E3.xreplace(values))
        agree["E8"] += bool(CONDITION_E8.xreplace(values))
    assert agree["E3"] > 0 and agree["E8"] > 0             # both conditions were met by some draws


def test_published_medical_supplies_scenarios():
    """Two scenarios built to satisfy the printed conditions: (1) alone gives E3 as the stable corner,
    (2) alone gives E8; the vectorised classification agrees with the exact table."""
    base = {"alpha": Fraction(1, 2), "V1": 4, "V2": 2, "A": 3, "P1": 6, "P2": 2, "B": 5, "K1": 1, "T": 1}
    only_e3 = dict(base, H2=6, W1=8, W2=4, H4=3, H5=2, K2=2, R2=1)      # (1) holds, (2) fails: A > K2
    only_e8 = dict(base, H2=6, W1=8, W2=7, H4=3, H5=2, K2=5, R2=2)      # (2) holds, (1) fails: W2 > H2
    game = reduced_game()
    for name, values in (("E3", only_e3), ("E8", only_e8)):
        subs = {game.symbol(k): sympy.nsimplify(v) for k, v in values.items()}
        assert bool(CONDITION_E3.xreplace(subs)) == (name == "E3")
        assert bool(CONDITION_E8.xreplace(subs)) == (name == "E8")
    table = corner_table(game, {"E3": only_e3, "E8": only_e8})
    point_of = {r.profile: r.point for r in table}
    assert [point_of[p] for p in table.stable_corners("E3")] == [(0, 1, 0)]
    assert [point_of[p] for p in table.stable_corners("E8")] == [(1, 1, 1)]
    samples = {k: np.array([float(only_e3[k]), float(only_e8[k])]) for k in only_e3}
    fast = classify_corners(game, samples)
    assert [[point_of[fast.corners[k]] for k in np.flatnonzero(row)] for row in fast.stable] == [[(0, 1, 0)],
                                                                                               [(1, 1, 1)]]


# ------------------------------------------------------------------------------------ Tsebelis 1989
@given(st.integers(1, 20), st.integers(1, 20), st.integers(1, 20), st.integers(1, 20))
@settings(max_examples=40, deadline=None)
def test_published_tsebelis_inspection_rest_point(g, excess_penalty, k, excess_reward):
    """Violator gain g, penalty p > g, inspector reward r > cost k: the interior rest point of the
    two-population replicator dynamics is the mixed equilibrium, violation k/r and enforcement g/p, and it
    is a centre (trace 0, det > 0: the cycles of C10). p and r are drawn above g and k (no filtering)."""
    p, r = g + excess_penalty, k + excess_reward
    game = cg.NormalFormGame([[[g - p, g], [0, 0]], [[r - k, 0], [-k, 0]]],
                             players=["Citizen", "Police"], actions=[["Violate", "Comply"], ["Enforce", "Not"]],
                             exact=True)
    interior = [pt for pt in rest_points(game) if all(0 < v[0] < 1 for v in pt)]
    assert len(interior) == 1
    (violate, enforce) = interior[0]
    assert violate[0] == Fraction(k, r) and enforce[0] == Fraction(g, p)
    res = stability(game, interior[0])
    assert res.classification == "centre" and res.trace == 0 and res.det > 0


# ------------------------------------------------------------------------------------ bimatrix textbook
@given(st.integers(-6, 6), st.integers(-6, 6), st.integers(-6, 6), st.integers(-6, 6))
@settings(max_examples=80, deadline=None)
def test_published_bimatrix_interior_point_is_a_saddle_or_a_centre(a1, a2, b1, b2):
    """Normalised 2x2 bimatrix game A = diag(a1, a2), B = diag(b1, b2): an interior rest point exists iff
    a1 a2 > 0 and b1 b2 > 0, at (b2/(b1+b2), a2/(a1+a2)); it is a saddle when a1 b1 > 0 (two strict
    equilibria, coordination) and a centre when a1 b1 < 0 (a cycle of best replies)."""
    game = cg.NormalFormGame([[[a1, 0], [0, a2]], [[b1, 0], [0, b2]]], exact=True)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        interior = [pt for pt in rest_points(game) if all(0 < v[0] < 1 for v in pt)]
    if not (a1 * a2 > 0 and b1 * b2 > 0):
        assert interior == [] or a1 * a2 == 0 or b1 * b2 == 0
        return
    assert len(interior) == 1
    x, y = interior[0]
    assert x[0] == Fraction(b2, b1 + b2) and y[0] == Fraction(a2, a1 + a2)
    res = stability(game, interior[0])
    assert res.classification == ("saddle" if a1 * b1 > 0 else "centre")
