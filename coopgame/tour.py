"""A guided tour of coopgame: what ``make demo`` and ``coopgame tour`` run.

It solves the classic two-player games and a game of two regions sharing a
polluted river, prints their equilibria as tables, and writes a figure of
best responses to a folder it names.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Sequence

from coopgame.equilibria.dominance import dominant_strategies
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.result import equilibria_frame
from coopgame.games.normal_form import NormalFormGame

__all__ = ["main", "classic_games", "river_game"]


def classic_games() -> dict[str, NormalFormGame]:
    """The textbook 2x2 games, with exact payoffs and readable labels."""
    return {
        "Prisoner's dilemma": NormalFormGame(
            [[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Cooperate", "Defect"]] * 2, exact=True),
        "Stag hunt": NormalFormGame(
            [[[4, 0], [3, 3]], [[4, 3], [0, 3]]], actions=[["Stag", "Hare"]] * 2, exact=True),
        "Chicken": NormalFormGame(
            [[[0, -1], [1, -10]], [[0, 1], [-1, -10]]], actions=[["Swerve", "Straight"]] * 2, exact=True),
        "Battle of the sexes": NormalFormGame(
            [[[2, 0], [0, 1]], [[1, 0], [0, 2]]], actions=[["Opera", "Football"]] * 2, exact=True),
        "Matching pennies": NormalFormGame.zero_sum(
            [[1, -1], [-1, 1]], actions=[["Heads", "Tails"]] * 2, exact=True),
    }


def river_game(cost: float = 4, multiplier: float = 1.5, fine: float = 0) -> NormalFormGame:
    """Two regions on one river decide whether to govern their pollution.

    Governing costs a region ``cost`` and creates ``multiplier * cost`` of
    clean water shared equally by both regions (the binary public-goods game
    of THEORY.md section 2.1 with N = 2); a region that free-rides pays an
    expected ``fine``.
    """
    from fractions import Fraction

    c, r, f = Fraction(cost), Fraction(multiplier), Fraction(fine)
    share = r * c / 2

    def u(me: int, other: int) -> Fraction:  # 1 = govern
        return share * (me + other) - c * me - f * (1 - me)

    A = [[u(1, 1), u(1, 0)], [u(0, 1), u(0, 0)]]
    B = [[u(1, 1), u(0, 1)], [u(1, 0), u(0, 0)]]
    return NormalFormGame([A, B], players=["Upstream", "Downstream"], actions=[["Govern", "Free-ride"]] * 2)


def _section(title: str) -> None:
    print()
    print(title)
    print("=" * len(title))


def _show(name: str, game: NormalFormGame) -> None:
    print(f"\n{name}")
    print(game)
    frame = equilibria_frame(mixed_equilibria(game))
    print("Equilibria:")
    print(frame.drop(columns="method").to_string(index=False))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tour; returns the exit code."""
    parser = argparse.ArgumentParser(prog="coopgame tour", description=__doc__)
    parser.add_argument("--out", default="tour_figures", help="folder for the figures (default: tour_figures)")
    parser.add_argument("--no-figures", action="store_true", help="print only, write no figures")
    args = parser.parse_args(argv)
    start = time.perf_counter()

    _section("1. The classic games")
    games = classic_games()
    for name, game in games.items():
        _show(name, game)

    _section("2. Two regions and one river: free-riding on pollution control")
    print("Governing costs 4; it yields 1.5 x 4 of clean water, shared by both regions.")
    river = river_game()
    _show("Without a fine", river)
    dom = dominant_strategies(river)
    print(f"Dominant strategies: {dom.to_dict()}  -> both free-ride, though both governing pays each 2 > 0.")
    needed = 4 * (1 - 1.5 / 2)
    print(f"A detected fine of at least c(1 - r/N) = {needed:g} on free-riding makes governing dominant:")
    fined = river_game(fine=1.5)
    _show("With an expected fine of 1.5", fined)

    if not args.no_figures:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from coopgame.plot import best_response_plot

        os.makedirs(args.out, exist_ok=True)
        panels = list(games.items()) + [("River game, no fine", river)]
        fig, axes = plt.subplots(2, 3, figsize=(13, 8.5))
        for ax, (name, game) in zip(axes.flat, panels):
            best_response_plot(game, ax=ax)
            ax.set_title(name)
        fig.tight_layout()
        path = os.path.abspath(os.path.join(args.out, "best_responses.png"))
        fig.savefig(path, dpi=110)
        plt.close(fig)
        print(f"\nFigure written to {path}")
    print(f"\nTour finished in {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
