"""The display of `InstrumentCost`: the text and the notebook table a reader sees, pinned on a hand-checked case.

A subsidy of 2 to player 0 for "Govern" is paid (cost 2) when player 0 governs; a fine of 1 on player 1 for
"Free-ride", detected surely, is collected (cost -1) when player 1 free-rides; the coordinator's net outlay is 1.
"""

from fractions import Fraction

import pytest
import sympy

import coopgame as cg
from coopgame.errors import InvalidGameError, InvalidProfileError


def _cost():
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    designed = pd.apply(cg.Subsidy(0, "Govern", 2), cg.Penalty(1, "Free-ride", 1))
    return cg.instrument_cost(designed, ("Govern", "Free-ride"))


def test_instrument_cost_values_by_hand():
    cost = _cost()
    assert cost.total == 1
    assert [c for _, c in cost.items] == [2, -1]


def test_instrument_cost_repr_is_one_line_per_instrument():
    assert repr(_cost()) == (
        "InstrumentCost(total 1)\n"
        "  Subsidy(player=0, action='Govern', amount=2): 2\n"
        "  Penalty(player=1, action='Free-ride', fine=1, detection=1): -1"
    )


def test_instrument_cost_html_table():
    assert _cost()._repr_html_() == (
        '<table><caption style="caption-side: top; text-align: left; white-space: nowrap">InstrumentCost</caption>'
        "<tr><th>instrument</th><th>coordinator&#x27;s cost</th></tr>"
        "<tr><td>Subsidy(player=0, action=&#x27;Govern&#x27;, amount=2)</td><td>2</td></tr>"
        "<tr><td>Penalty(player=1, action=&#x27;Free-ride&#x27;, fine=1, detection=1)</td><td>-1</td></tr>"
        "<tr><td>total</td><td>1</td></tr></table>"
    )


def _designed():
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    return pd.apply(cg.Subsidy(0, "Govern", 2), cg.Penalty(1, "Free-ride", 1))


def test_instrument_cost_with_formula_strategies():
    # player 0 governs with probability p: the subsidy costs 2p in expectation; the fine is collected surely
    cost = cg.instrument_cost(_designed(), (["p", "1 - p"], "Free-ride"))
    p = sympy.Symbol("p", positive=True)
    assert sympy.simplify(cost.total - (2 * p - 1)) == 0


def test_instrument_cost_bad_strategies_are_refused_by_name():
    with pytest.raises(InvalidGameError, match=r"^instrument_cost: expected a formula, got '1/'"):
        cg.instrument_cost(_designed(), (["p", "1/"], "Govern"))
    with pytest.raises(InvalidProfileError) as err:
        cg.instrument_cost(_designed(), ([0.5, 0.6], "Govern"))
    assert str(err.value).startswith("instrument_cost: expected the strategy of 'Player 1' to be a probability vector")


def test_instrument_cost_refuses_a_formula_vector_of_the_wrong_length():
    with pytest.raises(InvalidProfileError) as err:
        cg.instrument_cost(_designed(), (["p", "q", "r"], "Govern"))
    assert str(err.value) == "instrument_cost: expected a probability vector of length 2 for 'Player 1', got ['p', 'q', 'r']"


@pytest.mark.parametrize("amount, strategy, expected", [
    ("0.5", "Govern", Fraction(1, 2)),                         # a decimal amount: exact one half
    (1, ["1/3", "2/3"], Fraction(1, 3)),                       # formulas that are rational numbers: exact
    (1, ["sqrt(2)/2", "1 - sqrt(2)/2"], 2 ** 0.5 / 2),          # an irrational number: a float
])
def test_instrument_cost_numbers_are_plain(amount, strategy, expected):
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    total = cg.instrument_cost(pd.apply(cg.Subsidy(0, "Govern", amount)), (strategy, "Govern")).total
    assert type(total) is type(expected) and total == pytest.approx(expected, rel=1e-15)


def test_instrument_cost_keeps_a_float_amount_in_a_formula():
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    total = cg.instrument_cost(pd.apply(cg.Subsidy(0, "Govern", 0.5)), (["p", "1 - p"], "Govern")).total
    assert total.atoms(sympy.Float) == {sympy.Float(0.5)} and total.free_symbols == {sympy.Symbol("p", positive=True)}
