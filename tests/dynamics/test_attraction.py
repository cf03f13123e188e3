"""The size limit of the attractor search (`coopgame.dynamics.attraction`): its refusal names the function, the
quantity, the limit and, where the caller has one, the alternative."""

import numpy as np
import pytest

import coopgame as cg
from coopgame.dynamics import attractors, basins
from coopgame.errors import SolverLimitError


def _eight_roles():
    # 8 roles of 2 strategies: 2**8 = 256 pure profiles
    return cg.NormalFormGame([np.zeros((2,) * 8) for _ in range(8)])


def test_attractors_refuses_more_pure_profiles_than_max_profiles():
    with pytest.raises(SolverLimitError) as err:
        attractors(_eight_roles(), max_profiles=255)
    assert str(err.value) == ("attractors: expected the number of pure profiles of at most max_profiles=255, got 256; "
                              "pass a larger max_profiles= to accept the work")


def test_basins_suggests_giving_the_attractors():
    with pytest.raises(SolverLimitError) as err:
        basins(_eight_roles(), max_profiles=255, samples=2)
    assert str(err.value) == ("basins: expected the number of pure profiles of at most max_profiles=255, got 256; "
                              "pass a larger max_profiles= to accept the work; or use attractors=[...] given explicitly")
