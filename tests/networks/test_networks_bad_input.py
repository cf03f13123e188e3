"""Bad input to coopgame.networks gets typed errors naming the function, what was expected and what was given."""

from __future__ import annotations

import math
from fractions import Fraction as F

import networkx as nx
import pytest

from coopgame.errors import (
    CallbackError,
    CoopgameError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameTypeError,
    SolverLimitError,
)
from coopgame.networks import (
    NetworkGame,
    connections_model,
    distance_costs,
    efficient_networks,
    is_pairwise_stable,
    network_price_of_anarchy,
    pairwise_nash_stable_networks,
    pairwise_stable_networks,
    strongly_stable_networks,
)


@pytest.mark.parametrize("delta", [0, -0.1, 1.5, math.nan, math.inf, F(3, 2)])
def test_bad_delta(delta):
    with pytest.raises(InvalidArgumentError, match="connections_model: expected delta"):
        connections_model(4, delta, 0.1)


@pytest.mark.parametrize("delta", [True, "0.5", None, [0.5]])
def test_delta_of_the_wrong_type(delta):
    with pytest.raises(InvalidArgumentTypeError, match="connections_model: expected delta"):
        connections_model(4, delta, 0.1)


@pytest.mark.parametrize("cost", [-1, -0.01, math.nan, math.inf, [[0, -1], [1, 0]]])
def test_negative_or_non_finite_costs(cost):
    with pytest.raises(InvalidArgumentError, match=r"connections_model: expected cost"):
        connections_model(2, 0.5, cost)


def test_cost_matrix_of_the_wrong_shape():
    with pytest.raises(InvalidArgumentError, match="3 x 3 matrix"):
        connections_model(3, 0.5, [[0, 1], [1, 0]])
    with pytest.raises(InvalidArgumentTypeError, match="cost"):
        connections_model(3, 0.5, "cheap")
    with pytest.raises(InvalidArgumentError, match="distance_costs: expected rate"):
        distance_costs([[0, 1], [1, 0]], base=1, rate=-2)
    with pytest.raises(InvalidArgumentError, match="distance_costs: expected distance"):
        distance_costs([[0, -1], [1, 0]], base=1)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, "4"])
def test_bad_number_of_players(n):
    with pytest.raises(InvalidArgumentError, match="expected n"):
        connections_model(n, 0.5, 0.1)


def test_too_many_networks_names_the_search_alternative():
    game = connections_model(8, 0.5, 0.2)  # 2**28 networks
    with pytest.raises(SolverLimitError, match=r"max_networks=2,097,152.*start=\[\.\.\.\]"):
        pairwise_stable_networks(game)
    with pytest.raises(SolverLimitError, match="among="):
        efficient_networks(game)
    with pytest.raises(SolverLimitError, match="max_networks"):
        pairwise_stable_networks(connections_model(4, 0.5, 0.2), max_networks=10)
    with pytest.raises(SolverLimitError, match="max_pairs"):
        strongly_stable_networks(connections_model(6, 0.5, 0.2))
    with pytest.raises(SolverLimitError):
        pairwise_nash_stable_networks(game)
    with pytest.raises(SolverLimitError):
        network_price_of_anarchy(game)


def test_value_function_of_the_wrong_shape():
    game = NetworkGame(3, lambda g: [1, 2])
    with pytest.raises(InvalidArgumentError, match=r"return 3 payoffs \(one per player\), got \[1, 2\]"):
        pairwise_stable_networks(game)
    with pytest.raises(InvalidArgumentError, match="return 3 payoffs"):
        NetworkGame(3, lambda g: 5).value([])
    with pytest.raises(InvalidArgumentError, match="finite real payoffs"):
        NetworkGame(2, lambda g: [1, math.nan]).value([])
    with pytest.raises(InvalidArgumentError, match="finite real payoffs"):
        NetworkGame(2, lambda g: [1, "a"]).value([])


def test_value_function_that_raises():
    def broken(g):
        raise ZeroDivisionError("no")

    with pytest.raises(CallbackError, match="broken") as info:
        efficient_networks(NetworkGame(2, broken))
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    with pytest.raises(InvalidArgumentTypeError, match="NetworkGame: expected value"):
        NetworkGame(2, 5)


def test_bad_networks():
    game = connections_model(3, 0.5, 0.1)
    with pytest.raises(InvalidArgumentError, match="nodes are among the players"):
        game.value(nx.path_graph(5))
    with pytest.raises(InvalidArgumentError, match="different players"):
        game.value([(1, 1)])
    with pytest.raises(InvalidArgumentError, match="pair of players"):
        game.value([(0, 7)])
    with pytest.raises(InvalidArgumentError, match="pair of players"):
        game.value([(0, 1, 2)])
    with pytest.raises(InvalidArgumentTypeError, match="undirected"):
        game.value(nx.DiGraph([(0, 1)]))
    with pytest.raises(InvalidArgumentTypeError, match="networkx Graph or an iterable"):
        game.value(5)
    with pytest.raises(InvalidArgumentError, match="start as a list"):
        pairwise_stable_networks(game, start=nx.path_graph(3))
    with pytest.raises(InvalidArgumentError, match="at least one"):
        pairwise_stable_networks(game, start=[])
    with pytest.raises(InvalidArgumentError, match="among"):
        efficient_networks(game, among=[])


def test_not_a_network_game():
    for func in (pairwise_stable_networks, efficient_networks, strongly_stable_networks, network_price_of_anarchy,
                 pairwise_nash_stable_networks):
        with pytest.raises(InvalidGameTypeError, match=func.__name__):
            func([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameTypeError):
        is_pairwise_stable(None, [])


def test_bad_options_and_labels():
    game = connections_model(3, 0.5, 0.1)
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'max_networks'"):
        pairwise_stable_networks(game, max_network=5)
    with pytest.raises(InvalidArgumentTypeError, match="up_to_isomorphism"):
        pairwise_stable_networks(game, up_to_isomorphism=1)
    with pytest.raises(InvalidArgumentError, match="distinct labels"):
        connections_model(3, 0.5, 0.1, players=["a", "a", "b"])
    with pytest.raises(InvalidArgumentError, match="max_visits"):
        pairwise_stable_networks(game, start=[[]], max_visits=0)
    with pytest.raises(CoopgameError):
        pairwise_stable_networks(game, max_networks=-1)
