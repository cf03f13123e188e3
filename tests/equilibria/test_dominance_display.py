"""The text of dominance results, pinned on hand-checked games (a repr is what users read)."""

import coopgame as cg


def test_dominant_strategies_repr_without_dominant_action():
    # stag hunt: Stag is best against Stag, Hare against Hare, so neither action dominates
    game = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]])
    assert repr(cg.dominant_strategies(game)) == "DominantStrategies(strictly: Player 1: (none); Player 2: (none))"


def test_elimination_repr_strict_with_several_survivors():
    # column z pays player 2 (1, -1) against x's (2, 0): strictly dominated; nothing else is
    game = cg.NormalFormGame([[[3, 0, 9], [0, 3, 9]], [[2, 0, 1], [0, 2, -1]]], actions=[["a", "b"], ["x", "y", "z"]])
    assert repr(cg.iterated_elimination(game)) == (
        "EliminationResult (strictly dominated actions removed, 1 step(s))\n"
        "  round 1: Player 2 drops z (dominated by x)\n"
        "  surviving: Player 1: a, b; Player 2: x, y"
    )


def test_elimination_repr_weak():
    # Bottom pays (2, 0) against Top's (2, 1); Left pays (1, 0) against Right's (1, 1): both weakly dominated
    game = cg.NormalFormGame([[[2, 1], [2, 0]], [[1, 1], [0, 1]]], actions=[["Top", "Bottom"], ["Left", "Right"]])
    assert repr(cg.iterated_elimination(game, strict=False)) == (
        "EliminationResult (weakly dominated actions removed, 2 step(s))\n"
        "  round 1: Player 1 drops Bottom (dominated by Top)\n"
        "  round 1: Player 2 drops Left (dominated by Right)\n"
        "  surviving: Player 1: Top; Player 2: Right"
    )
