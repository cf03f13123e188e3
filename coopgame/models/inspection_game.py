"""Central supervision of local "false cooperation": the inspection game."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from coopgame._checks import check_int, check_size, public
from coopgame.errors import InvalidArgumentError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.mechanisms.instruments import combined_detection
from coopgame.models._common import finish, game, symbol

__all__ = ["inspection"]


#: Default largest number of supervisors :func:`inspection` accepts (one detection-probability symbol each,
#: and the combined detection is a product of all of them; keyword ``max_supervisors``).
MAX_SUPERVISORS = 100


@public
def inspection(supervisors: int | Sequence[str] = 1, *, max_supervisors: int = MAX_SUPERVISORS,
               **values: Any) -> SymbolicGame | NormalFormGame:
    """A local government cooperates for real or falsely; the central government inspects or trusts.

    False cooperation (signing an agreement and not implementing it) saves
    the local government ``dc``. The centre inspects at cost ``k``; an
    inspection detects false cooperation with probability ``rho``, which
    brings a fine ``F`` to the local government and a benefit ``B`` to the
    centre (the damage averted, credibility):

    ========  =========================  ==========
    L \\ C     Inspect                    Trust
    ========  =========================  ==========
    Real      ``0, -k``                  ``0, 0``
    False     ``dc - rho*F, rho*B - k``  ``dc, 0``
    ========  =========================  ==========

    The mixed equilibrium inspects with probability ``y* = dc/(rho*F)`` and
    has false cooperation at rate ``x* = k/(rho*B)``, which does not depend on
    the fine (the inspection-game "penalty paradox"); certain inspection makes
    real cooperation dominant iff ``rho*F >= dc``. Without supervision and
    accountability agreements are not implemented (S6).

    With several supervisors (the centre joined by the public, NGOs, the
    media) detection on inspection is ``1 - prod(1 - rho_j)``.

    Parameters
    ----------
    supervisors : int or sequence of str, default 1
        Number of independent supervisors (detection probabilities
        ``rho_1, ..., rho_m``), or their names (``("centre", "media")``
        gives ``rho_centre, rho_media``); one supervisor has ``rho``.
    max_supervisors : int, default :data:`MAX_SUPERVISORS` (100)
        Size budget on the number of supervisors.
    dc : default 2
        Cost saved by false cooperation.
    k : default 1
        Cost of an inspection.
    rho (or rho_j) : default 1/2
        Detection probability of an inspection (of each supervisor).
    F : default 8
        Fine on detected false cooperation.
    B : default 4
        The centre's benefit from detecting false cooperation.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Local government", "Central government"; actions
        "Real", "False" and "Inspect", "Trust".

    References
    ----------
    Tsebelis, G. (1989), "The abuse of probability in political analysis: the
    Robinson Crusoe fallacy", *American Political Science Review* 83(1);
    Avenhaus, R., von Stengel, B. and Zamir, S. (2002), "Inspection games",
    *Handbook of Game Theory* 3; Wang Shunyu and the collaborative-governance
    study (the source papers of docs/explanation/claims.md);
    claim C5 of the same page.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> eq = cg.symbolic_mixed_equilibrium(models.inspection())
    >>> eq.strategies[0][1], eq.strategies[1][0]
    (k/(B*rho), dc/(F*rho))
    >>> models.inspection(supervisors=2).parameters
    (B, F, dc, k, rho_1, rho_2)
    """
    limit = check_int(max_supervisors, "max_supervisors", "inspection", minimum=1)
    alternative = "one combined detection probability rho instead"
    if isinstance(supervisors, (list, tuple)):
        if not supervisors or not all(isinstance(s, str) and s.isidentifier() for s in supervisors) \
                or len(set(supervisors)) != len(supervisors):
            raise InvalidArgumentError(f"inspection: expected distinct supervisor names (identifiers), got {supervisors!r}")
        check_size("inspection", len(supervisors), limit, what="the number of supervisors",
                   limit_name="max_supervisors", alternative=alternative)
        names = [f"rho_{s}" for s in supervisors]
    else:
        m = check_int(supervisors, "supervisors", "inspection", minimum=1)
        check_size("inspection", m, limit, what="the number of supervisors", limit_name="max_supervisors",
                   alternative=alternative)
        names = ["rho"] if m == 1 else [f"rho_{j + 1}" for j in range(m)]
    rhos = [symbol(x) for x in names]
    # expanded, 1 - prod(1 - rho_j) has 2**m - 1 terms: only a few supervisors are shown expanded
    rho = rhos[0] if len(rhos) == 1 else (sympy.expand(combined_detection(*rhos)) if len(rhos) <= 4
                                          else combined_detection(*rhos))
    dc, k, F, B = (symbol(x) for x in ("dc", "k", "F", "B"))
    L = [[0, 0], [dc - rho * F, dc]]
    C = [[-k, 0], [rho * B - k, 0]]
    defaults: dict[str, Any] = {"dc": 2, "k": 1, "F": 8, "B": 4}
    defaults.update({x: sympy.Rational(1, 2) for x in names})
    g = game([L, C], ["Local government", "Central government"], [["Real", "False"], ["Inspect", "Trust"]], defaults)
    return finish("inspection", g, values, ("supervisors", "max_supervisors"))
