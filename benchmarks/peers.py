"""The same work done by each library: build the library's game from NumPy arrays, then solve.

Every solver below takes plain payoff arrays, builds the library's own game
object and returns the number of equilibria found, so that all libraries
are timed on identical input and identical end-to-end work (construction is
included for every library; it is microseconds for two-player games, and for
the N-player pure benchmark it is reported separately as well).

Peers are imported lazily: a missing peer becomes a skipped row, not a crash.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Bimatrix = tuple[np.ndarray, np.ndarray]


def available(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def version(module: str) -> str:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return "not installed"
    return str(getattr(mod, "__version__", "?"))


# ---------------------------------------------------------------------------- games
def random_bimatrices(size: int, count: int, seed: int = 0) -> list[Bimatrix]:
    """``count`` random float games ``size x size``, payoffs uniform on [0, 1).

    Non-degenerate with probability one, so every library that assumes
    non-degeneracy should find the same equilibria. Seeds are fixed: the same
    games in every run and for every library.
    """
    out = []
    for i in range(count):
        rng = np.random.default_rng([seed, size, i])
        out.append((rng.random((size, size)), rng.random((size, size))))
    return out


def random_n_player(num_players: int, actions: int = 2, seed: int = 0, high: int = 100) -> list[np.ndarray]:
    """Integer payoffs ``0..high-1`` for an N-player game, one array per player.

    Integers are represented exactly by every library (Gambit stores them as
    exact numbers, coopgame as floats), so all find the same pure equilibria,
    ties included.
    """
    rng = np.random.default_rng([seed, num_players, actions])
    shape = (actions,) * num_players
    return [rng.integers(0, high, size=shape) for _ in range(num_players)]


# ---------------------------------------------------------------------------- coopgame
def coopgame_solver(name: str, **options: Any) -> Callable[[Sequence[Bimatrix]], list[int]] | None:
    """``coopgame.<name>`` (or ``coopgame.equilibria.<name>``) on each game; None when coopgame does not have it."""
    import coopgame as cg

    fn = getattr(cg, name, None) or getattr(getattr(cg, "equilibria", None), name, None)
    if fn is None:
        return None

    def solve(games: Sequence[Bimatrix]) -> list[int]:
        return [len(fn(cg.NormalFormGame([A, B]), **options)) for A, B in games]

    solve.__name__ = f"coopgame_{name}"
    return solve


# ---------------------------------------------------------------------------- QuantEcon
def quantecon_vertex_enumeration(games: Sequence[Bimatrix]) -> list[int]:
    from quantecon.game_theory import NormalFormGame, vertex_enumeration

    return [len(vertex_enumeration(NormalFormGame(np.stack([A, B], axis=-1)))) for A, B in games]


def quantecon_support_enumeration(games: Sequence[Bimatrix]) -> list[int]:
    from quantecon.game_theory import NormalFormGame, support_enumeration

    return [len(support_enumeration(NormalFormGame(np.stack([A, B], axis=-1)))) for A, B in games]


# ---------------------------------------------------------------------------- Nashpy
def nashpy_support_enumeration(games: Sequence[Bimatrix]) -> list[int]:
    """``nashpy.Game(A, B).support_enumeration()`` with its defaults, as a user would call it."""
    import nashpy

    counts = []
    with warnings.catch_warnings():
        # Nashpy warns on an even number of equilibria (a sign of degeneracy)
        warnings.simplefilter("ignore", RuntimeWarning)
        for A, B in games:
            counts.append(sum(1 for _ in nashpy.Game(A, B).support_enumeration()))
    return counts


def nashpy_vertex_enumeration(games: Sequence[Bimatrix]) -> list[int]:
    import nashpy

    counts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for A, B in games:
            counts.append(sum(1 for _ in nashpy.Game(A, B).vertex_enumeration()))
    return counts


# ---------------------------------------------------------------------------- pygambit
def pygambit_enummixed(rational: bool) -> Callable[[Sequence[Bimatrix]], list[int]]:
    """``pygambit.nash.enummixed_solve`` (``rational=False``: floating point, its fast mode)."""

    def solve(games: Sequence[Bimatrix]) -> list[int]:
        import pygambit as gbt

        return [len(gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=rational).equilibria)
                for A, B in games]

    solve.__name__ = f"pygambit_enummixed_{'rational' if rational else 'float'}"
    return solve


def gambit_table_outcomes(arrays: Sequence[np.ndarray]):
    """A pygambit strategic game built with ``Game.new_table`` and one pass over its outcomes.

    ``new_table`` creates one outcome per contingency, in Gambit's contingency
    order (player 1's action varying fastest); setting each outcome's payoffs
    in that order avoids the per-profile lookups of ``Game.from_arrays`` and
    is its fastest public construction path (see the construction table of
    the pure benchmark). Checked against ``from_arrays`` in that benchmark.
    """
    import pygambit as gbt

    n = len(arrays)
    shape = arrays[0].shape
    rows = np.stack(arrays, axis=-1).transpose(list(range(n - 1, -1, -1)) + [n]).reshape(-1, n).tolist()
    game = gbt.Game.new_table(list(shape))
    players = list(game.players)
    for outcome, row in zip(game.outcomes, rows):
        for player, value in zip(players, row):
            outcome[player] = value
    return game


def gambit_from_arrays(arrays: Sequence[np.ndarray]):
    import pygambit as gbt

    return gbt.Game.from_arrays(*arrays)


def gambit_read_nfg(arrays: Sequence[np.ndarray]):
    """Write the payoffs as a Gambit .nfg text and let Gambit's C++ reader parse it."""
    import io

    import pygambit as gbt

    n = len(arrays)
    flat = np.stack(arrays, axis=-1).transpose(list(range(n - 1, -1, -1)) + [n]).ravel()
    head = ('NFG 1 R "bench" { ' + " ".join(f'"{i + 1}"' for i in range(n)) + " } { "
            + " ".join(str(m) for m in arrays[0].shape) + " }\n\n")
    return gbt.read_nfg(io.StringIO(head + " ".join(map(str, flat.tolist())) + "\n"))


GAMBIT_BUILDERS: dict[str, Callable[[Sequence[np.ndarray]], Any]] = {
    "Game.new_table + outcomes": gambit_table_outcomes,
    "Game.from_arrays": gambit_from_arrays,
    "read_nfg(text)": gambit_read_nfg,
}


def gambit_arrays(game) -> list[np.ndarray]:
    return [np.asarray(a, dtype=float) for a in game.to_arrays()]
