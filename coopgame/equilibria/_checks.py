"""Transitional re-export of the game coercion for packages not yet moved to :mod:`coopgame.games.coerce`.

``require_numeric`` is :func:`coopgame.games.coerce.as_normal_form` under its
old name; nothing in :mod:`coopgame.equilibria` uses this module any more.
Remove it once ``cooperative``, ``repeated`` and ``plot`` import from
:mod:`coopgame.games.coerce`.
"""

from __future__ import annotations

from coopgame.games.coerce import as_normal_form as require_numeric
from coopgame.games.coerce import require_two_players

__all__ = ["require_numeric", "require_two_players"]
