"""Tests of the policy instruments (Subsidy, Penalty, Transfer, Standard), game.apply and instrument_cost."""

from __future__ import annotations

import dataclasses
import itertools
import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.errors import CallbackError, CoopgameError, InvalidArgumentError, InvalidGameError, InvalidProfileError
from tests.strategies_symbolic import (
    build_instrument,
    dyadic_values,
    games_with_values,
    instrument_names,
    instrument_specs,
)

# too_slow: each drawn game is built from sympy formulas (parsing, substitution), slow by nature rather than by a
# badly shaped strategy.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIND = settings(max_examples=500, database=None, phases=[Phase.generate], deadline=None)

s, F, rho, c = sympy.symbols("s F rho c", positive=True)
ACTIONS = [["Govern", "Free-ride"]] * 2
PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]


def float_pd():
    return cg.NormalFormGame(PD, actions=ACTIONS)


def exact_pd():
    return cg.NormalFormGame(PD, actions=ACTIONS, exact=True)


def symbolic_pgg():
    """Two-region public goods with cost c and multiplier r (claim C1 of docs/explanation/claims.md, N = 2)."""
    return cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
                            [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]], actions=ACTIONS)


def three_player_game():
    return cg.NormalFormGame([np.arange(12).reshape(2, 3, 2) + 100 * p for p in range(3)],
                             players=["A", "B", "C"], actions=[["x", "y"], ["u", "v", "w"], ["p", "q"]], exact=True)


def assert_error(excinfo, typed, builtin, *fragments):
    err = excinfo.value
    assert isinstance(err, typed) and isinstance(err, builtin) and isinstance(err, CoopgameError)
    for fragment in fragments:
        assert fragment in str(err), (fragment, str(err))


def as_list(game, p):
    return game.payoffs[p].tolist()


# ============================================================================ Subsidy

def test_subsidy_on_float_game():
    game = float_pd().apply(cg.Subsidy(0, "Govern", 2.5))
    assert isinstance(game, cg.NormalFormGame) and not game.is_exact
    assert as_list(game, 0) == [[5.5, 2.5], [5, 1]]
    assert as_list(game, 1) == [[3, 5], [0, 1]]


def test_subsidy_on_exact_game_stays_exact():
    game = exact_pd().apply(cg.Subsidy("Player 2", 0, Fraction(1, 3)))
    assert game.is_exact
    assert as_list(game, 1) == [[Fraction(10, 3), 5], [Fraction(1, 3), 1]]
    assert as_list(game, 0) == [[3, 0], [5, 1]]


def test_subsidy_with_sympy_rational_on_exact_game():
    game = exact_pd().apply(cg.Subsidy(0, 0, sympy.Rational(1, 2)), cg.Subsidy(1, 0, "1/2"))
    assert game.is_exact
    assert game["Govern", "Govern"] == (Fraction(7, 2), Fraction(7, 2))


def test_symbolic_subsidy_on_numeric_game_gives_symbolic_game():
    for base in (float_pd(), exact_pd()):
        game = base.apply(cg.Subsidy(0, "Govern", "s"), cg.Subsidy(1, "Govern", s))
        assert isinstance(game, cg.SymbolicGame)
        assert game.parameters == (s,)
        assert game.payoffs[0][0, 0] == s + 3 and game.payoffs[0][0, 1] == s
        assert game.payoffs[1][0, 0] == s + 3 and game.payoffs[1][1, 0] == s
        assert game.payoffs[0][1, 0] == 5
        numeric = game.subs(s=3)
        assert cg.dominant_strategies(numeric).profile == ("Govern", "Govern")


def test_subsidy_on_symbolic_game_binds_to_its_parameters():
    game = symbolic_pgg().apply(cg.Subsidy(0, "Govern", "c/2"), cg.Subsidy(1, "Govern", sympy.Symbol("c", positive=True)))
    assert [p.name for p in game.parameters] == ["c", "r"]
    r = sympy.Symbol("r", positive=True)
    assert sympy.simplify(game.payoffs[0][0, 0] - (r * c - c + c / 2)) == 0
    assert sympy.simplify(game.payoffs[1][0, 1] - (r * c / 2 - c + c)) == 0
    assert isinstance(game.subs(c=2, r=1), cg.NormalFormGame)


def test_instrument_with_plain_symbol_binds_to_the_games_parameter():
    """Regression: a plain sympy.Symbol('c') once made a second parameter named c beside the game's."""
    game = symbolic_pgg().apply(cg.Subsidy(0, "Govern", sympy.Symbol("c")))
    assert [p.name for p in game.parameters] == ["c", "r"]
    assert isinstance(game.subs(c=2, r=1), cg.NormalFormGame)


def test_subsidy_on_three_player_game_touches_only_that_player_and_action():
    game = three_player_game()
    out = game.apply(cg.Subsidy("B", "w", 7))
    diff = [np.array(out.payoffs[p] - game.payoffs[p], dtype=object) for p in range(3)]
    assert (diff[0] == 0).all() and (diff[2] == 0).all()
    assert (diff[1][:, 2, :] == 7).all() and (diff[1][:, :2, :] == 0).all()


# ============================================================================ Penalty

def test_penalty_certain_detection():
    game = exact_pd().apply(cg.Penalty(0, "Free-ride", 3))
    assert as_list(game, 0) == [[3, 0], [2, -2]]
    assert game.is_exact


def test_penalty_with_detection_probability():
    game = exact_pd().apply(cg.Penalty(1, "Free-ride", 4, detection=Fraction(1, 4)))
    assert as_list(game, 1) == [[3, 4], [0, 0]]
    game = float_pd().apply(cg.Penalty(1, "Free-ride", 4, detection=0.25))
    assert as_list(game, 1) == [[3, 4], [0, 0]] and not game.is_exact


def test_penalty_symbolic():
    game = float_pd().apply(cg.Penalty(0, "Free-ride", "F", detection="rho"))
    assert game.parameters == (F, rho)
    assert game.payoffs[0][1, 0] == 5 - rho * F
    assert game.payoffs[0][0, 0] == 3


@pytest.mark.parametrize("detection, combined", [
    ([Fraction(1, 2), Fraction(1, 2)], Fraction(3, 4)),
    ((Fraction(1, 2), Fraction(1, 3), Fraction(1, 4)), Fraction(3, 4)),
    ([Fraction(1, 5)], Fraction(1, 5)),
    ([0, 1], 1),
])
def test_penalty_with_several_supervisors_exact(detection, combined):
    game = exact_pd().apply(cg.Penalty(0, "Free-ride", 8, detection=detection))
    assert game.is_exact
    assert game.payoffs[0][1, 0] == 5 - 8 * combined
    assert cg.Penalty(0, 1, 8, detection=detection).expected_fine() == 8 * combined


def test_penalty_with_several_supervisors_float():
    game = float_pd().apply(cg.Penalty(0, "Free-ride", 4, detection=[0.5, 0.5]))
    assert game.payoffs[0][1, 0] == pytest.approx(5 - 3)


def test_penalty_with_several_symbolic_supervisors():
    game = exact_pd().apply(cg.Penalty(0, "Free-ride", "F", detection=["rho_c", "rho_p", "rho_m"]))
    rc, rp, rm = sympy.symbols("rho_c rho_p rho_m", positive=True)
    assert set(game.parameters) == {F, rc, rp, rm}
    expected = 5 - F * (1 - (1 - rc) * (1 - rp) * (1 - rm))
    assert sympy.expand(game.payoffs[0][1, 0] - expected) == 0


def test_combined_detection_values():
    assert cg.combined_detection(0.5, 0.5) == 0.75
    assert cg.combined_detection([0.5, 0.5]) == 0.75
    assert cg.combined_detection(Fraction(1, 2), Fraction(1, 3)) == Fraction(2, 3)
    assert cg.combined_detection(0.3) == pytest.approx(0.3)
    assert cg.combined_detection() == 0
    a, b = sympy.symbols("rho_c rho_p", positive=True)
    assert sympy.expand(cg.combined_detection("rho_c", "rho_p") - (a + b - a * b)) == 0


def _at_least_one_detects(probabilities):
    """P(some supervisor detects), summing over all 2^k outcomes of independent supervisors."""
    total = Fraction(0)
    for outcome in itertools.product([True, False], repeat=len(probabilities)):
        if any(outcome):
            p = Fraction(1)
            for hit, q in zip(outcome, probabilities):
                p *= q if hit else 1 - q
            total += p
    return total


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fractions(min_value=0, max_value=1, max_denominator=20), min_size=1, max_size=5))
def test_derived_combined_detection_is_probability_of_any_detection(probabilities):
    assert sympy.sympify(cg.combined_detection(*probabilities)) == sympy.Rational(*_at_least_one_detects(probabilities).as_integer_ratio())


# ============================================================================ Transfer

RIVER = dict(players=["Upstream", "Downstream"], actions=[["Protect", "Develop"], ["Pay", "Refuse"]])


def river():
    return cg.NormalFormGame([[[-2, -2], [0, 0]], [[3, 3], [0, 0]]], exact=True, **RIVER)


@pytest.mark.parametrize("when, cells", [
    (None, [(0, 0), (0, 1), (1, 0), (1, 1)]),
    ({"Upstream": "Protect"}, [(0, 0), (0, 1)]),
    ({"Upstream": "Protect", "Downstream": "Pay"}, [(0, 0)]),
    ({1: 1}, [(0, 1), (1, 1)]),
    (("Protect", "Pay"), [(0, 0)]),
    (["Develop", "Refuse"], [(1, 1)]),
    ((None, "Pay"), [(0, 0), (1, 0)]),
    ((0, None), [(0, 0), (0, 1)]),
    ([("Protect", "Pay"), ("Develop", "Refuse")], [(0, 0), (1, 1)]),
    ([("Protect", "Pay"), (None, "Pay")], [(0, 0), (1, 0)]),  # overlapping profiles pay once
    (lambda labels: labels == ("Protect", "Pay"), [(0, 0)]),
    (lambda labels: labels[1] == "Refuse", [(0, 1), (1, 1)]),
], ids=["always", "mapping-one", "mapping-both", "mapping-index", "profile", "profile-list-form", "profile-None",
        "profile-index", "profiles", "profiles-overlap", "predicate", "predicate-column"])
def test_transfer_when_forms(when, cells):
    base = river()
    game = base.apply(cg.Transfer("Downstream", "Upstream", 3, when=when))
    for idx in itertools.product(range(2), range(2)):
        paid = 3 if idx in cells else 0
        assert game.payoffs[0][idx] == base.payoffs[0][idx] + paid, (idx, when)
        assert game.payoffs[1][idx] == base.payoffs[1][idx] - paid, (idx, when)


def test_transfer_docstring_example():
    game = cg.NormalFormGame([[[-2, -2], [0, 0]], [[3, 0], [3, 0]]], **RIVER)
    paid = game.apply(cg.Transfer("Downstream", "Upstream", 3, when=("Protect", "Pay")))
    assert paid["Protect", "Pay"] == (1, 0)
    assert paid["Protect", "Refuse"] == (-2, 0)


def test_transfer_three_players_mapping_and_profiles():
    game = three_player_game()
    out = game.apply(cg.Transfer("A", "C", 10, when={"B": "v"}))
    assert (np.array(out.payoffs[0] - game.payoffs[0], dtype=object)[:, 1, :] == -10).all()
    assert (np.array(out.payoffs[2] - game.payoffs[2], dtype=object)[:, 1, :] == 10).all()
    assert (out.payoffs[1] == game.payoffs[1]).all()
    out = game.apply(cg.Transfer(0, 2, 1, when=[("y", None, "q"), (0, "u", None)]))
    paid = np.array(game.payoffs[0] - out.payoffs[0], dtype=object)
    expected = np.zeros((2, 3, 2), dtype=int)
    expected[1, :, 1] = 1
    expected[0, 0, :] = 1
    assert (paid == expected).all()


def test_transfer_symbolic_amount():
    game = river().apply(cg.Transfer("Downstream", "Upstream", "T", when={"Upstream": "Protect"}))
    T = sympy.Symbol("T", positive=True)
    assert game.parameters == (T,)
    assert game.payoffs[0][0, 0] == T - 2 and game.payoffs[1][0, 1] == 3 - T


@pytest.mark.parametrize("transfer, typed, fragment", [
    (lambda: cg.Transfer("Upstream", "Upstream", 1), InvalidProfileError, "different payer and payee"),
    (lambda: cg.Transfer("Upstream", "Nobody", 1), InvalidProfileError, "'Nobody'"),
    (lambda: cg.Transfer(0, 5, 1), InvalidProfileError, "5"),
    (lambda: cg.Transfer(0, 1, 1, when=("Protect",)), InvalidProfileError, "when="),
    (lambda: cg.Transfer(0, 1, 1, when={"Upstream": "Fish"}), InvalidProfileError, "'Fish'"),
    (lambda: cg.Transfer(0, 1, 1, when=[("Protect", "Pay"), ("Develop", "Haggle")]), InvalidProfileError, "'Haggle'"),
    (lambda: cg.Transfer(0, 1, float("inf")), InvalidGameError, "finite"),
    (lambda: cg.Transfer(0, 1, "1/0"), InvalidGameError, "finite"),
    (lambda: cg.Transfer(0, 1, 10**400), InvalidGameError, "MAX_DIGITS"),
    (lambda: cg.Transfer(0, 1, None), InvalidGameError, "amount"),
    (lambda: cg.Transfer(0, 1, True), InvalidGameError, "amount"),
    (lambda: cg.Transfer(0, 1, 1j), InvalidGameError, "amount"),
    (lambda: cg.Transfer(0.5, 1, 1), InvalidProfileError, "payer"),
])
def test_transfer_errors(transfer, typed, fragment):
    with pytest.raises(typed) as excinfo:
        river().apply(transfer())  # refused when made or when applied
    assert_error(excinfo, typed, ValueError, "Transfer", fragment)


# ============================================================================ Standard

def race():
    return cg.NormalFormGame([[[2, 0], [3, 1]], [[2, 3], [0, 1]]], actions=[["Strict", "Lax"]] * 2)


def test_standard_docstring_example():
    game = race().apply(cg.Standard(0, "Lax"), cg.Standard(1, "Lax"))
    assert game.shape == (1, 1)
    assert game.actions == (("Strict",), ("Strict",))
    assert game["Strict", "Strict"] == (2, 2)


def test_standard_removes_actions_by_label_index_and_list():
    game = three_player_game()
    out = game.apply(cg.Standard("B", ["u", 2]))
    assert out.actions == (("x", "y"), ("v",), ("p", "q"))
    assert out.shape == (2, 1, 2)
    for p in range(3):
        assert (out.payoffs[p][:, 0, :] == game.payoffs[p][:, 1, :]).all()
    assert game.apply(cg.Standard(0, 1)).actions[0] == ("x",)
    assert game.apply(cg.Standard(1, ("w", "w"))).actions[1] == ("u", "v")


def test_standard_on_symbolic_game():
    game = symbolic_pgg().apply(cg.Standard(1, "Free-ride"))
    assert isinstance(game, cg.SymbolicGame)
    assert game.shape == (2, 1)
    assert game.actions[1] == ("Govern",)
    r = sympy.Symbol("r", positive=True)
    assert game.payoffs[0][1, 0] == r * c / 2


def test_standard_can_leave_a_numeric_game_when_the_removed_actions_held_the_parameters():
    base = cg.SymbolicGame([[[1, "a"], [2, 3]], [[1, "a"], [2, 3]]], actions=[["x", "y"], ["u", "v"]])
    game = base.apply(cg.Standard(1, "v"))
    assert isinstance(game, cg.NormalFormGame) and game.is_exact
    assert game.instruments == (cg.Standard(1, "v"),)


@pytest.mark.parametrize("forbidden", [["Strict", "Lax"], [0, 1], ["Strict", 1, "Lax"]])
def test_standard_forbidding_every_action_is_refused(forbidden):
    with pytest.raises(InvalidGameError) as excinfo:
        race().apply(cg.Standard(0, forbidden))
    assert_error(excinfo, InvalidGameError, ValueError, "Standard", "at least one action")


def test_standard_forbidding_the_last_action_after_another_standard_is_refused():
    with pytest.raises(InvalidGameError) as excinfo:
        race().apply(cg.Standard(0, "Lax"), cg.Standard(0, "Strict"))
    assert_error(excinfo, InvalidGameError, ValueError, "Standard")


def test_standard_unknown_action():
    with pytest.raises(InvalidProfileError) as excinfo:
        race().apply(cg.Standard(0, "Medium"))
    assert_error(excinfo, InvalidProfileError, ValueError, "Standard", "'Medium'")


# ============================================================================ apply: errors, order, record

@pytest.mark.parametrize("instrument, typed, where", [
    (lambda: cg.Subsidy(5, 0, 1), InvalidProfileError, "Subsidy"),
    (lambda: cg.Subsidy(True, 0, 1), InvalidProfileError, "Subsidy"),
    (lambda: cg.Subsidy(0, "Stay home", 1), InvalidProfileError, "Subsidy"),
    (lambda: cg.Subsidy(0, 2, 1), InvalidProfileError, "Subsidy"),
    (lambda: cg.Subsidy(0, 0, float("nan")), InvalidGameError, "Subsidy"),
    (lambda: cg.Subsidy(0, 0, "s +"), InvalidGameError, "Subsidy"),
    (lambda: cg.Penalty("Nobody", 0, 1), InvalidProfileError, "Penalty"),
    (lambda: cg.Penalty(0, 0, 1, detection=float("nan")), InvalidArgumentError, "Penalty"),
    (lambda: cg.Penalty(0, 0, "log(0)"), InvalidGameError, "Penalty"),
    (lambda: cg.Penalty(0, 0, 1, detection=["1/2", "oops("]), InvalidGameError, "Penalty"),
    (lambda: cg.Penalty(0, 0, 1, detection=1.5), InvalidArgumentError, "Penalty"),
    (lambda: cg.Penalty(0, 0, 1, detection=[0.5, -0.1]), InvalidArgumentError, "Penalty"),
    (lambda: cg.Penalty(0, 0, 1, detection="3/2"), InvalidArgumentError, "Penalty"),
    (lambda: cg.Subsidy(0, "Govern", 10**400), InvalidGameError, "MAX_DIGITS"),
    (lambda: cg.Subsidy(0, "Govern", None), InvalidGameError, "Subsidy"),
    (lambda: cg.Subsidy(0, "Govern", 1 + 2j), InvalidGameError, "Subsidy"),
    (lambda: cg.Subsidy(0, None, 1), InvalidProfileError, "Subsidy"),
    (lambda: cg.Standard(0, None), InvalidProfileError, "Standard"),
    (lambda: cg.Standard(0, [1.5]), InvalidProfileError, "Standard"),
])
def test_instrument_errors(instrument, typed, where):
    for game in (float_pd(), exact_pd(), symbolic_pgg()):
        with pytest.raises(typed) as excinfo:
            game.apply(instrument())  # refused when made or when applied
        assert_error(excinfo, typed, ValueError, where)


@pytest.mark.parametrize("thing", ["Subsidy", 3, None, lambda u: u])
def test_apply_refuses_non_instruments(thing):
    for game in (float_pd(), symbolic_pgg()):
        with pytest.raises(InvalidGameError) as excinfo:
            game.apply(cg.Subsidy(0, 0, 1), thing)
        assert_error(excinfo, InvalidGameError, ValueError, f"{type(game).__name__}.apply", "policy instruments")


def test_instruments_are_frozen_values():
    sub = cg.Subsidy(0, "Govern", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sub.amount = 3
    assert sub == cg.Subsidy(0, "Govern", 2) and hash(sub) == hash(cg.Subsidy(0, "Govern", 2))
    assert sub != cg.Subsidy(1, "Govern", 2)
    assert pickle.loads(pickle.dumps(cg.Penalty(0, 1, "F", detection=("a", "b")))) == cg.Penalty(0, 1, "F", detection=("a", "b"))


def test_apply_does_not_change_the_original_game():
    game = exact_pd()
    before = [a.copy() for a in game.payoffs]
    game.apply(cg.Subsidy(0, 0, 1), cg.Standard(1, 0))
    assert all((a == b).all() for a, b in zip(game.payoffs, before))
    assert game.instruments == ()


def test_apply_nothing():
    assert exact_pd().apply() == exact_pd()
    assert exact_pd().apply().instruments == ()
    assert symbolic_pgg().apply() == symbolic_pgg()


def test_instruments_are_recorded_in_order_and_accumulate():
    sub, pen, tr, std = (cg.Subsidy(0, "Govern", "s"), cg.Penalty(1, "Free-ride", 2),
                         cg.Transfer(0, 1, 1, when=("Govern", "Govern")), cg.Standard(1, "Free-ride"))
    game = float_pd().apply(sub, pen)
    assert game.instruments == (sub, pen)
    game = game.apply(tr).apply(std)
    assert game.instruments == (sub, pen, tr, std)
    numeric = game.subs(s=1)
    assert isinstance(numeric, cg.NormalFormGame)
    assert [type(i) for i in numeric.instruments] == [cg.Subsidy, cg.Penalty, cg.Transfer, cg.Standard]
    assert numeric.instruments[1:] == (pen, tr, std)
    defaults = symbolic_pgg().apply(sub)
    assert defaults.instruments == (sub,)
    assert exact_pd().apply(pen).instruments == (pen,)


def test_defaults_survive_apply():
    base = cg.SymbolicGame(symbolic_pgg().payoffs, actions=ACTIONS, defaults={"c": 4, "r": Fraction(3, 2)})
    game = base.apply(cg.Subsidy(0, "Govern", "s"))
    assert {k.name: v for k, v in game.defaults.items()} == {"c": 4, "r": Fraction(3, 2)}
    assert game.numeric(s=1) == base.numeric().apply(cg.Subsidy(0, "Govern", 1))


def test_composition_order_standard_then_index():
    game = three_player_game()
    first_standard = game.apply(cg.Standard("B", "u"), cg.Subsidy("B", 0, 5))
    first_subsidy = game.apply(cg.Subsidy("B", 0, 5), cg.Standard("B", "u"))
    assert first_standard.actions == first_subsidy.actions == (("x", "y"), ("v", "w"), ("p", "q"))
    # after the standard, index 0 of B is "v": subsidised; before it, index 0 was "u" (then removed)
    assert (np.array(first_standard.payoffs[1] - game.payoffs[1][:, 1:, :], dtype=object)[:, 0, :] == 5).all()
    assert (first_subsidy.payoffs[1] == game.payoffs[1][:, 1:, :]).all()
    assert first_standard != first_subsidy


def test_composition_of_payoff_instruments_commutes():
    sub, pen, tr = cg.Subsidy(0, "Govern", 2), cg.Penalty(0, "Free-ride", 3, detection=Fraction(1, 3)), cg.Transfer(1, 0, 1)
    orders = [exact_pd().apply(*perm) for perm in itertools.permutations([sub, pen, tr])]
    assert all(g == orders[0] for g in orders)
    assert orders[0]["Govern", "Free-ride"] == (3, 4)
    assert orders[0]["Free-ride", "Free-ride"] == (1, 0)


def test_transfers_add_up():
    twice = river().apply(cg.Transfer(1, 0, 1, when=("Protect", "Pay")), cg.Transfer(1, 0, 2, when=("Protect", "Pay")))
    once = river().apply(cg.Transfer(1, 0, 3, when=("Protect", "Pay")))
    assert twice == once


def test_numeric_and_symbolic_application_agree():
    symbolic = exact_pd().apply(cg.Subsidy(0, "Govern", "s"), cg.Penalty(1, "Free-ride", "F", detection="rho"))
    numeric = exact_pd().apply(cg.Subsidy(0, "Govern", 2), cg.Penalty(1, "Free-ride", 6, detection=Fraction(1, 2)))
    assert symbolic.subs(s=2, F=6, rho=Fraction(1, 2)) == numeric


def test_float_amount_on_exact_game_commutes_with_subs():
    """Regression: an exact game plus 0.1 once held the float sum's binary expansion as an 'exact' Fraction."""
    base = cg.SymbolicGame([[["a/3", 0], [0, 0]], [[0, 0], [0, 0]]])
    inst = cg.Subsidy(0, 0, 0.1)
    assert base.apply(inst).subs(a=1) == base.subs(a=1).apply(inst)


def test_symbolic_instrument_on_float_game_then_subs_matches_numeric_instrument():
    game = float_pd()
    assert game.apply(cg.Subsidy(0, 0, "s")).subs(s=Fraction(1, 2)) == game.apply(cg.Subsidy(0, 0, Fraction(1, 2)))


# ---------------------------------------------------------------------------- apply then subs == subs then apply

def _apply_subs_both_ways(game, values, specs, inst_values, wrong=None):
    """(apply then subs, subs then apply), or the error type each raised.

    ``wrong``: the name of one instrument parameter given a wrong value (+1/2) in the numeric instruments.
    """
    symbolic = [build_instrument(spec) for spec in specs]
    numeric = [build_instrument(spec, {k: v + (Fraction(1, 2) if k == wrong else 0) for k, v in inst_values.items()})
               for spec in specs]
    try:
        applied = game.apply(*symbolic)
        if isinstance(applied, cg.SymbolicGame):
            # a Standard may have removed every entry holding some parameter
            present = {p.name for p in applied.parameters}
            one = applied.subs({k: v for k, v in {**values, **inst_values}.items() if k in present})
        else:
            one = applied
    except CoopgameError as err:
        one = type(err)
    try:
        two = game.subs(values).apply(*numeric)
    except CoopgameError as err:
        two = type(err)
    return one, two


@st.composite
def apply_subs_cases(draw):
    game, values = draw(games_with_values(shapes=((2, 2), (2, 3))))
    specs = draw(st.lists(instrument_specs(game), min_size=1, max_size=3))
    names = set().union(*(instrument_names(spec) for spec in specs))
    inst_values = {name: draw(dyadic_values) for name in sorted(names)}
    return game, values, specs, inst_values


@PROPERTY
@given(apply_subs_cases())
def test_derived_apply_then_subs_equals_subs_then_apply(case):
    game, values, specs, inst_values = case
    one, two = _apply_subs_both_ways(game, values, specs, inst_values)
    assert one == two
    if isinstance(one, cg.NormalFormGame):
        assert one.is_exact and two.is_exact
        assert len(one.instruments) == len(two.instruments) == len(specs)


def test_derived_apply_subs_check_rejects_wrong_instrument_values():
    def surviving(cs):
        game, values, specs, inst_values = cs
        try:
            applied = game.apply(*[build_instrument(spec) for spec in specs])
        except CoopgameError:
            return set()
        return {p.name for p in getattr(applied, "parameters", ())} & set(inst_values)

    case = find(apply_subs_cases(), lambda cs: bool(surviving(cs)), settings=FIND)
    # payoffs are linear in the instrument parameters: one that survives, alone given a wrong value, shows
    one, two = _apply_subs_both_ways(*case, wrong=min(surviving(case)))
    assert one != two


# ============================================================================ instrument_cost

def test_cost_of_subsidies_pure_profiles():
    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2), cg.Subsidy(1, "Govern", 2))
    assert cg.instrument_cost(game, ("Govern", "Govern")).total == 4
    assert cg.instrument_cost(game, ("Govern", "Free-ride")).total == 2
    assert cg.instrument_cost(game, (1, 1)).total == 0
    cost = cg.instrument_cost(game, ("Free-ride", "Govern"))
    assert isinstance(cost.total, Fraction) and cost.total == 2
    assert cost.items == ((cg.Subsidy(0, "Govern", 2), 0), (cg.Subsidy(1, "Govern", 2), 2))
    assert "InstrumentCost(total 2)" in repr(cost)


def test_cost_of_penalties_is_negative_expected_fine():
    game = exact_pd().apply(cg.Penalty(0, "Free-ride", 4, detection=Fraction(1, 2)),
                            cg.Penalty(1, "Free-ride", 6, detection=[Fraction(1, 2), Fraction(1, 2)]))
    assert cg.instrument_cost(game, ("Free-ride", "Free-ride")).total == -2 - Fraction(9, 2)
    assert cg.instrument_cost(game, ("Govern", "Govern")).total == 0


def test_cost_of_transfers_and_standards_is_zero():
    game = exact_pd().apply(cg.Transfer(0, 1, 5), cg.Standard(1, "Free-ride"), cg.Subsidy(0, "Govern", 1))
    cost = cg.instrument_cost(game, ("Govern", "Govern"))
    assert cost.total == 1
    assert [v for _, v in cost.items] == [0, 0, 1]


def test_cost_without_instruments():
    assert cg.instrument_cost(exact_pd(), ("Govern", "Govern")).total == 0
    assert cg.instrument_cost(exact_pd(), ("Govern", "Govern")).items == ()


def test_cost_mixed_exact_and_float():
    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2), cg.Subsidy(1, "Govern", 2))
    cost = cg.instrument_cost(game, ([Fraction(1, 4), Fraction(3, 4)], [Fraction(1, 2), Fraction(1, 2)]))
    assert cost.total == Fraction(3, 2) and isinstance(cost.total, Fraction)
    fcost = cg.instrument_cost(float_pd().apply(cg.Subsidy(0, "Govern", 2)), ([0.25, 0.75], "Govern"))
    assert isinstance(fcost.total, float) and fcost.total == pytest.approx(0.5)
    pen = exact_pd().apply(cg.Penalty(1, "Free-ride", 4, detection=Fraction(1, 4)))
    assert cg.instrument_cost(pen, ("Govern", [Fraction(1, 3), Fraction(2, 3)])).total == -Fraction(2, 3)


def test_cost_symbolic_amounts_and_probabilities():
    x, y = sympy.symbols("x y", positive=True)
    rc, rp = sympy.symbols("rho_c rho_p", positive=True)
    game = exact_pd().apply(cg.Subsidy(0, "Govern", "s"), cg.Penalty(1, "Free-ride", "F", detection=["rho_c", "rho_p"]))
    pure = cg.instrument_cost(game, ("Govern", "Free-ride")).total
    assert sympy.simplify(pure - (s - F * (rc + rp - rc * rp))) == 0
    mixed = cg.instrument_cost(game, ([x, 1 - x], [y, 1 - y])).total
    assert sympy.simplify(mixed - (s * x - F * (rc + rp - rc * rp) * (1 - y))) == 0


def test_cost_after_subs_uses_the_substituted_values():
    """Regression: subs once left the recorded instruments symbolic, so the cost stayed an expression."""
    game = exact_pd().apply(cg.Subsidy(0, "Govern", "s"), cg.Penalty(1, "Free-ride", "F", detection=["rho_c", "rho_p"]))
    numeric = game.subs(s=2, F=4, rho_c=Fraction(1, 2), rho_p=Fraction(1, 2))
    assert isinstance(numeric, cg.NormalFormGame)
    assert cg.instrument_cost(numeric, ("Govern", "Free-ride")).total == 2 - 3


def test_cost_with_symbolic_amount_on_symbolic_game():
    game = symbolic_pgg().apply(cg.Subsidy(0, "Govern", "c/2"), cg.Subsidy(1, "Govern", "c/2"))
    assert sympy.simplify(cg.instrument_cost(game, ("Govern", "Govern")).total - c) == 0


@pytest.mark.parametrize("profile", [("Govern",), ("Govern", "Govern", "Govern"), "Govern", ("Govern", [1]),
                                     ("Govern", [0.5, 0.25, 0.25])])
def test_cost_profile_errors(profile):
    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2))
    with pytest.raises(InvalidProfileError) as excinfo:
        cg.instrument_cost(game, profile)
    assert_error(excinfo, InvalidProfileError, ValueError, "instrument_cost")


def test_cost_unknown_action_label():
    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2))
    with pytest.raises(InvalidProfileError) as excinfo:
        cg.instrument_cost(game, ("Stay home", "Govern"))
    assert_error(excinfo, InvalidProfileError, ValueError, "'Stay home'")


def _welfare(game, profile):
    return sum(game.expected_payoffs(profile))


@st.composite
def cost_cases(draw):
    game, values = draw(games_with_values(shapes=((2, 2), (2, 3))))
    numeric = game.subs(values)
    specs = draw(st.lists(instrument_specs(game, symbolic=False).filter(lambda sp: sp["kind"] != "Standard"),
                          min_size=1, max_size=3))
    profile = tuple(draw(st.lists(st.integers(0, 4), min_size=m, max_size=m).filter(any)) for m in numeric.shape)
    profile = tuple([Fraction(k, sum(v)) for k in v] for v in profile)
    return numeric, [build_instrument(sp, {}) for sp in specs], profile


@PROPERTY
@given(cost_cases())
def test_derived_cost_equals_welfare_change(case):
    """Subsidies paid minus fines collected is what the regions' total expected payoff gains (transfers net out)."""
    game, instruments, profile = case
    designed = game.apply(*instruments)
    assert cg.instrument_cost(designed, profile).total == _welfare(designed, profile) - _welfare(game, profile)


def test_cost_of_subsidy_by_index_before_a_standard():
    game = cg.NormalFormGame([[[1, 1, 1]] * 3, [[1, 1, 1]] * 3], actions=[["A", "B", "C"]] * 2, exact=True)
    designed = game.apply(cg.Subsidy(0, 1, 5), cg.Standard(0, "A"))
    assert designed["B", "A"] == (6, 1)  # B is subsidised ...
    assert cg.instrument_cost(designed, ("B", "A")).total == 5  # ... so playing B costs the subsidy
    assert cg.instrument_cost(designed, ("C", "A")).total == 0


def test_cost_of_subsidy_on_an_action_a_standard_removed():
    designed = race().apply(cg.Subsidy(0, "Lax", 1), cg.Standard(0, "Lax"))
    assert cg.instrument_cost(designed, ("Strict", "Lax")).total == 0


def test_cost_after_partial_subs_and_numeric():
    game = exact_pd().apply(cg.Subsidy(0, "Govern", "s"), cg.Penalty(1, "Free-ride", "F", detection="rho"))
    partial = game.subs(s=2)
    assert isinstance(partial, cg.SymbolicGame)
    assert sympy.simplify(cg.instrument_cost(partial, ("Govern", "Free-ride")).total - (2 - rho * F)) == 0
    assert cg.instrument_cost(partial.subs(F=4, rho=Fraction(1, 4)), ("Govern", "Free-ride")).total == 1
    assert cg.instrument_cost(game.numeric(s=2, F=4, rho=Fraction(1, 4)), ("Govern", "Free-ride")).total == 1


@pytest.mark.parametrize("copier", [lambda g: pickle.loads(pickle.dumps(g)), lambda g: __import__("copy").deepcopy(g)],
                         ids=["pickle", "deepcopy"])
def test_numeric_game_keeps_instruments_through_pickle_and_copy(copier):
    """Regression: NormalFormGame.__reduce__ once dropped the instruments, so the cost fell to 0."""
    designed = exact_pd().apply(cg.Subsidy(0, "Govern", 2))
    back = copier(designed)
    assert back == designed
    assert back.instruments == designed.instruments
    assert cg.instrument_cost(back, ("Govern", "Govern")).total == 2


def test_symbolic_game_keeps_instruments_through_pickle_and_copy():
    import copy

    designed = exact_pd().apply(cg.Subsidy(0, "Govern", "s"))
    for back in (pickle.loads(pickle.dumps(designed)), copy.deepcopy(designed)):
        assert back == designed and back.instruments == designed.instruments
        assert cg.instrument_cost(back.subs(s=2), ("Govern", "Govern")).total == 2


@pytest.mark.parametrize("detection", [1.5, -0.5, [0.5, 2], Fraction(3, 2), float("nan"), [0.5, float("nan")], "3/2"])
def test_penalty_refuses_detection_outside_unit_interval(detection):
    """Regression: detection 1.5 once fined 1.5 times the fine, and -0.5 paid a reward."""
    with pytest.raises(CoopgameError) as excinfo:
        cg.Penalty(0, "Free-ride", 4, detection=detection)
    assert isinstance(excinfo.value, (InvalidArgumentError, InvalidGameError)) and "Penalty" in str(excinfo.value)
    # combined_detection refuses the same numbers, through the same check
    with pytest.raises(type(excinfo.value)) as combined:
        cg.combined_detection(*(detection if isinstance(detection, list) else [detection]))
    assert "combined_detection" in str(combined.value)


@pytest.mark.parametrize("value", [1.5, -0.1, float("nan"), float("inf"), "2", True, None])
def test_combined_detection_refuses_what_is_not_a_probability(value):
    with pytest.raises(CoopgameError, match="combined_detection"):
        cg.combined_detection(0.5, value)


def test_combined_detection_keeps_exact_and_symbolic_values():
    assert cg.combined_detection(Fraction(1, 2), sympy.Rational(1, 2)) == Fraction(3, 4)
    rho = sympy.Symbol("rho", positive=True)
    assert sympy.expand(cg.combined_detection(rho, Fraction(1, 2)) - (1 - (1 - rho) / 2)) == 0


@pytest.mark.parametrize("profile", [
    [1.5, 0],
    [[float("nan"), 1], [1, 0]],
    [[0.5, 0.6], [1, 0]],
    [[True, False], [1, 0]],
    ["Govern"],
    "Govern",
    [None, "Govern"],
])
def test_instrument_cost_refuses_bad_profiles(profile):
    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2))
    with pytest.raises(CoopgameError, match="instrument_cost|NormalFormGame") as excinfo:
        cg.instrument_cost(game, profile)
    assert isinstance(excinfo.value, InvalidProfileError)


def test_instrument_cost_refuses_what_is_not_a_game():
    with pytest.raises(InvalidGameError, match="instrument_cost"):
        cg.instrument_cost([[1, 2]], ("a",))


def test_instrument_cost_is_a_value_result():
    from coopgame.results import Result, ValueResult

    game = exact_pd().apply(cg.Subsidy(0, "Govern", 2), cg.Penalty(1, "Free-ride", 4, detection=Fraction(1, 2)))
    cost = cg.instrument_cost(game, ("Govern", "Free-ride"))
    assert isinstance(cost, Result) and isinstance(cost, ValueResult)
    assert cost.total == 0 and float(cost) == 0.0 and sympy.sympify(cost) == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        cost.total = 1
    assert cost.to_dict()["total"] == 0
    html = cost._repr_html_()
    assert "Subsidy" in html and "Penalty" in html and "total" in html and "-2" in html


def test_transfer_predicate_that_raises_is_a_callback_error():
    def when(labels):
        raise KeyError(labels)

    with pytest.raises(CallbackError, match=r"Transfer: when\(\('Protect', 'Pay'\)\) raised KeyError") as excinfo:
        river().apply(cg.Transfer(0, 1, 1, when=when))
    assert isinstance(excinfo.value.__cause__, KeyError)


@pytest.mark.parametrize("when", [float("nan"), 3, np.full((2, 2), np.nan), [], [float("nan"), "Pay"], "Protect",
                                  [("Protect", 2.5)], b"x"])
def test_transfer_refuses_a_when_it_cannot_read_at_construction(when):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="Transfer: expected when="):
        cg.Transfer("Downstream", "Upstream", 3, when=when)


@pytest.mark.parametrize("when", [None, ("Protect", "Pay"), [("Protect", None), (0, 1)], {"Upstream": "Protect"},
                                  lambda profile: profile[0] == "Protect", (np.int64(0), None)])
def test_transfer_accepts_every_documented_when(when):
    assert cg.Transfer("Downstream", "Upstream", 3, when=when).when is when


# ---------------------------------------------------------------- pinned by mutation testing (issue 12)
from coopgame.mechanisms.instruments import Penalty as _Penalty  # noqa: E402
from coopgame.mechanisms.instruments import Standard as _Standard  # noqa: E402
from coopgame.mechanisms.instruments import Subsidy as _Subsidy  # noqa: E402
from coopgame.mechanisms.instruments import Transfer as _Transfer  # noqa: E402


@pytest.mark.parametrize(("build", "message"), [
    (lambda: _Subsidy(-1, 0, 1), "Subsidy: expected the player as a label or a non-negative index, got -1"),
    (lambda: _Subsidy(0, -1, 1), "Subsidy: expected the action as a label or a non-negative index, got -1"),
    (lambda: _Subsidy(0, 0, None), "Subsidy: expected amount to be a finite real number or a formula, got None ("),
    (lambda: _Penalty(-1, 0, 1), "Penalty: expected the player as a label or a non-negative index, got -1"),
    (lambda: _Penalty(0, -1, 1), "Penalty: expected the action as a label or a non-negative index, got -1"),
    (lambda: _Penalty(0, 0, float("nan")), "Penalty: expected fine to be a finite real number or a formula, got nan (expected finite"),
    (lambda: _Penalty(0, 0, 1, detection=2), "Penalty: expected detection to be a finite real number >= 0 and <= 1, got 2"),
    (lambda: _Penalty(0, 0, 1, detection=[0.5, 2]),
     "Penalty: expected detection probability 2 to be a finite real number >= 0 and <= 1, got 2"),
    (lambda: _Transfer(-1, 0, 1), "Transfer: expected the payer as a label or a non-negative index, got -1"),
    (lambda: _Transfer(0, -1, 1), "Transfer: expected the payee as a label or a non-negative index, got -1"),
    (lambda: _Transfer(0, 1, None), "Transfer: expected amount to be a finite real number or a formula, got None ("),
    (lambda: _Transfer(0, 1, 1, when=5), "Transfer: expected when= as None, a predicate on profiles, "),
    (lambda: _Standard(-1, 0), "Standard: expected the player as a label or a non-negative index, got -1"),
    (lambda: _Standard(0, -1), "Standard: expected the forbidden action as a label or a non-negative index, got -1"),
    (lambda: _Standard(0, [0, -1]), "Standard: expected the forbidden actions as a label or a non-negative index, got -1"),
    (lambda: _Standard(0, 2.5), "Standard: expected an action label or index (or a sequence of them) as forbidden_actions, got 2.5"),
])
def test_each_instrument_names_itself_and_the_field_in_its_messages(build, message):
    with pytest.raises(cg.CoopgameError) as err:
        build()
    assert str(err.value).startswith(message)
    assert str(err.value).endswith(message[-6:]) or message.endswith(("(", ", ", "(expected finite"))


def _game():
    return cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["G", "F"]] * 2)


@pytest.mark.parametrize(("instrument", "message"), [
    (_Subsidy(2, 0, 1), "Subsidy: expected a player name or index below 2, got 2"),
    (_Subsidy(0, 2, 1), "Subsidy: expected an action label or index below 2, got 2"),
    (_Penalty(2, 0, 1), "Penalty: expected a player name or index below 2, got 2"),
    (_Penalty(0, 2, 1), "Penalty: expected an action label or index below 2, got 2"),
    (_Transfer(2, 0, 1), "Transfer: expected a player name or index below 2, got 2"),
    (_Transfer(0, 2, 1), "Transfer: expected a player name or index below 2, got 2"),
    (_Transfer(0, 1, 1, when={2: 0}), "Transfer: expected a player name or index below 2, got 2"),
    (_Transfer(0, 1, 1, when={0: 7}), "Transfer: expected an action label or index below 2, got 7"),
    (_Transfer(0, 1, 1, when=[(0, 7)]), "Transfer: expected an action label or index below 2, got 7"),
    (_Transfer(0, 1, 1, when=[(0, 0, 0)]), "Transfer: expected profiles with 2 entries in when=, got (0, 0, 0)"),
    (_Standard(2, 0), "Standard: expected a player name or index below 2, got 2"),
    (_Standard(0, 7), "Standard: expected an action label or index below 2, got 7"),
])
def test_applying_an_instrument_to_a_game_without_its_player_or_action(instrument, message):
    with pytest.raises(InvalidProfileError) as err:
        _game().apply(instrument)
    assert str(err.value) == message


def test_coordinator_cost_names_the_instrument_when_the_player_or_action_is_missing():
    with pytest.raises(InvalidProfileError, match=r"^Subsidy: expected a player name or index below 2, got 2$"):
        _Subsidy(2, 0, 1).coordinator_cost(["A", "B"], [["x", "y"]] * 2, [[1, 0], [1, 0]])
    with pytest.raises(InvalidProfileError, match=r"^Penalty: expected an action label or index below 2, got 2$"):
        _Penalty(0, 2, 1).coordinator_cost(["A", "B"], [["x", "y"]] * 2, [[1, 0], [1, 0]])


def test_fields_are_stored_normalised():
    s = _Subsidy(np.int64(0), np.int64(1), np.float64(2.5))
    assert type(s.player) is int and type(s.action) is int and type(s.amount) is float
    p = _Penalty(np.int64(1), np.int64(0), np.int64(3), detection=np.float64(0.5))
    assert (type(p.player), type(p.action), type(p.fine), type(p.detection)) == (int, int, int, float)
    several = _Penalty(0, 0, 1, detection=np.array([0.5, 0.5]))
    assert several.detection == (0.5, 0.5) and all(type(d) is float for d in several.detection)
    assert hash(several) == hash(_Penalty(0, 0, 1, detection=(0.5, 0.5)))
    t = _Transfer(np.int64(0), np.int64(1), np.float64(1.5))
    assert (type(t.payer), type(t.payee), type(t.amount)) == (int, int, float)
    st = _Standard(np.int64(0), [np.int64(1)])
    assert type(st.player) is int and st.forbidden_actions == (1,) and type(st.forbidden_actions[0]) is int


def test_amount_transforms_keep_numbers_numbers_and_work_on_float_arrays():
    import sympy
    payoffs = [np.zeros((2, 2)), np.zeros((2, 2))]
    out, _ = _Subsidy(0, 0, 2.5).transform(payoffs, ["A", "B"], [["x", "y"]] * 2)
    assert type(out[0][0, 0]) is float and out[0][0, 0] == 2.5 and out[0][1, 0] == 0
    out, _ = _Subsidy(0, 0, "s").transform(payoffs, ["A", "B"], [["x", "y"]] * 2)
    assert str(out[0][0, 1]) == "s" and out[0][1, 1] == 0 and out[0].dtype == object
    single = _Penalty(0, 0, 4, detection=0.5).expected_fine()
    assert single == 2.0 and not isinstance(single, sympy.Basic)
    assert _Penalty(0, 0, 4, detection=[0.5]).expected_fine() == 2.0
    assert _Penalty(0, 0, 4, detection=[0.5, 0.5]).expected_fine() == 3.0


def test_substitution_matches_symbols_with_assumptions_and_evaluates_numbers():
    import sympy
    s = sympy.Symbol("s", positive=True)
    assert _Subsidy(0, 0, "s").substituted({s: sympy.Integer(2)}).amount == 2   # as SymbolicGame.subs passes them
    root = _Subsidy(0, 0, "sqrt(s)").substituted({sympy.Symbol("s"): 2}).amount
    assert type(root) is float and root == pytest.approx(2 ** 0.5)


def test_one_detection_probability_is_used_as_it_is_and_a_bad_when_is_shown():
    assert _Penalty(0, 0, 1, detection=0.1).expected_fine() == 0.1        # not 1 - (1 - 0.1), which rounds
    with pytest.raises(cg.CoopgameError) as err:
        _Transfer(0, 1, 1, when=5)
    assert str(err.value).endswith("or a list of profiles, got 5")


def test_substituted_takes_plain_python_numbers():
    """Values for an instrument's symbols may be plain ints and Fractions, not only sympy numbers."""
    s = sympy.Symbol("s")
    assert cg.Subsidy(0, 0, "s").substituted({s: 2}).amount == 2
    assert cg.Subsidy(0, 0, "s").substituted({s: Fraction(1, 3)}).amount == Fraction(1, 3)
