"""Instruments used directly, outside ``game.apply``: ``transform`` and ``expected_fine`` name the instrument.

``game.apply`` resolves an instrument's player and action first (``resolved``),
so the checks inside ``transform`` are reached only when the transform is
called directly, as the module documents it can be. Amounts are checked when
an instrument is built, reading every name as a positive parameter; applied
to a game, a name means the game's parameter of that name, whose assumptions
may make the amount undefined, and that refusal names the instrument too.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame.errors import InvalidGameError, InvalidProfileError

PLAYERS = ["A", "B"]
LABELS = [["x", "y"], ["u", "v"]]


def _payoffs():
    return [np.array([[3, 0], [5, 1]], dtype=object), np.array([[3, 5], [0, 1]], dtype=object)]


@pytest.mark.parametrize(("instrument", "message"), [
    (cg.Subsidy(2, 0, 1), "Subsidy: expected a player name or index below 2, got 2"),
    (cg.Subsidy(0, 2, 1), "Subsidy: expected an action label or index below 2, got 2"),
    (cg.Penalty(2, 0, 1), "Penalty: expected a player name or index below 2, got 2"),
    (cg.Penalty(0, 2, 1), "Penalty: expected an action label or index below 2, got 2"),
    (cg.Penalty("C", 0, 1), "Penalty: expected a player in ('A', 'B'), got 'C'"),
    (cg.Penalty(1, "w", 1), "Penalty: expected an action of player 1 in ('u', 'v'), got 'w'"),
    (cg.Transfer(2, 0, 1), "Transfer: expected a player name or index below 2, got 2"),
    (cg.Transfer(0, 2, 1), "Transfer: expected a player name or index below 2, got 2"),
    (cg.Standard(2, 0), "Standard: expected a player name or index below 2, got 2"),
    (cg.Standard(0, 5), "Standard: expected an action label or index below 2, got 5"),
])
def test_transform_called_directly_names_the_instrument(instrument, message):
    with pytest.raises(InvalidProfileError) as err:
        instrument.transform(_payoffs(), PLAYERS, LABELS)
    assert str(err.value) == message


def test_transform_called_directly_with_labels_changes_the_right_cells():
    """Hand-checked: a fine of 2 detected with probability 1/2 on B's action v takes 1 from B where B plays v."""
    out, labels = cg.Penalty("B", "v", 2, detection=sympy.Rational(1, 2)).transform(_payoffs(), PLAYERS, LABELS)
    assert labels == LABELS
    assert out[0].tolist() == [[3, 0], [5, 1]]
    assert out[1].tolist() == [[3, 4], [0, 0]]


def _negative_parameter_game():
    """A game whose parameter ``x`` is negative: ``0**x`` is 0 for a positive ``x`` but infinite here."""
    x = sympy.Symbol("x", negative=True)
    return cg.SymbolicGame([[[x, 0], [0, 1]], [[1, 0], [0, 1]]])


@pytest.mark.parametrize(("instrument", "where"), [
    (cg.Subsidy(0, 0, "0**x"), "Subsidy"),
    (cg.Penalty(0, 0, "0**x"), "Penalty"),
    (cg.Penalty(0, 0, 1, detection="0**x"), "Penalty"),
    (cg.Penalty(0, 0, 1, detection=["0**x", 0]), "Penalty"),
    (cg.Transfer(0, 1, "0**x"), "Transfer"),
])
def test_an_amount_undefined_for_the_games_own_parameter_is_refused_naming_the_instrument(instrument, where):
    # alone, or on a game without parameters, the amount reads x as positive: 0**x is 0, nothing changes
    plain = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 1]]], exact=True)
    assert [a.tolist() for a in plain.apply(instrument).payoffs] == [a.tolist() for a in plain.payoffs]
    with pytest.raises(InvalidGameError) as err:
        _negative_parameter_game().apply(instrument)
    assert str(err.value) == f"{where}: expected finite payoffs, got zoo"


def test_several_detection_probabilities_given_as_numpy_scalars_are_stored_as_python_numbers():
    """A tuple of numpy scalars is stored as plain numbers, as an array of them is: same value, hash and repr."""
    given = cg.Penalty(0, 0, 1, detection=(np.float64(0.5), np.int64(1)))
    assert [type(d) for d in given.detection] == [float, int]
    assert given == cg.Penalty(0, 0, 1, detection=(0.5, 1)) and hash(given) == hash(cg.Penalty(0, 0, 1, detection=(0.5, 1)))
    assert repr(given) == "Penalty(player=0, action=0, fine=1, detection=(0.5, 1))"
