"""The shared result vocabulary (coopgame.results): its methods refuse calls that do not fit with a typed error."""

from __future__ import annotations

import pytest

import coopgame as cg
from coopgame.dynamics import evolutionarily_stable_strategies
from coopgame.errors import InvalidArgumentTypeError

PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])


def test_solutions_to_frame_refuses_keywords():
    with pytest.raises(InvalidArgumentTypeError, match=r"^Solutions\.to_frame: got an unknown keyword argument 'wide'"):
        cg.pure_equilibria(PD).to_frame(wide=True)


def test_result_to_dict_refuses_keywords():
    ess = evolutionarily_stable_strategies([[4, 0], [3, 2]])[0]
    assert ess.to_dict()["strategy"] in ([1, 0], [0, 1])
    with pytest.raises(InvalidArgumentTypeError, match=r"^Result\.to_dict: got an unknown keyword argument 'plain'"):
        ess.to_dict(plain=True)
