"""The fuzz cases: every public callable of ``coopgame.__all__`` and of each subpackage's ``__all__``, with bad input.

Each callable has one valid call in :data:`BASE` (argument expressions,
evaluated in the worker's namespace: ``pd`` a 2x2 exact prisoner's dilemma,
``pdf`` its float twin, ``trip`` a 2x2x2 game, ``rps`` rock-paper-scissors,
``sw`` a small sweep, ``np``, ``cg``, ``models``, ``nan``, ``inf``; a
callable is reached as ``cg.<subpackage>.<name>``). A case replaces one argument of that call by a bad value
(:data:`BAD`), or adds an unknown keyword. Callables without an entry get
their base call from the names of their parameters (:data:`BY_NAME`).
Result records (dataclasses that solvers build) and exception classes are
not front doors and are not fuzzed.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

F = "lambda i, S: len(S) - (2 if i in S else 0)"  # a coalition payoff
NET = "cg.networks.connections_model(4, 0.5, 0.3)"  # a network-formation game
LQ = "models.stock_pollution(2).numeric()"  # a linear-quadratic differential game at its defaults
LAKE = "models.shallow_lake(2).numeric()"  # a non-linear one (several steady states)

BASE: dict[str, tuple[list[str], dict[str, str]]] = {
    # games
    "NormalFormGame": (["[[[3, 0], [5, 1]], [[3, 5], [0, 1]]]"], {}),
    "SymbolicGame": (["[[['R', 'S'], ['T', 'P']], [['R', 'T'], ['S', 'P']]]"], {}),
    "SymmetricGame": (["3", "2", "lambda a, counts: a + counts[0]"], {}),
    "ContinuousGame": (["['b*x - x**2/2 - x*y/2', 'b*y - y**2/2 - x*y/2']", "['x', 'y']", "[(0, None)] * 2"], {}),
    "MultilevelGame": (["pd", "lambda outcome: pd"], {}),
    "PopulationGame": (["[[0, 'dc - y*rho*F*(1 - x)'], ['(1 - x)*rho*B - k', 0]]"], {}),
    "TUGame": (["3", "lambda S: len(S) ** 2"], {}),
    "random_game": (["(2, 2)"], {"seed": "1"}),
    "donation_game": (["3", "1"], {}),
    "Equilibrium": (["pd", "[[0, 1], [0, 1]]"], {}),
    # equilibria
    "pure_equilibria": (["pd"], {}),
    "mixed_equilibria": (["pd"], {}),
    "lemke_howson": (["pdf"], {}),
    "vertex_enumeration": (["pd"], {}),
    "support_enumeration": (["pd"], {}),
    "support_polynomial": (["trip"], {}),
    "equilibrium_conditions": (["models.prisoners_dilemma()", "['Defect', 'Defect']"], {}),
    "dominance_conditions": (["models.prisoners_dilemma()", "0", "'Defect'"], {}),
    "symbolic_mixed_equilibrium": (["models.stag_hunt()"], {}),
    "symbolic_mixed_equilibria": (["models.stag_hunt()"], {}),
    "threshold": (["models.prisoners_dilemma()", "['Cooperate', 'Cooperate']", "'T'"], {}),
    "dominant_strategies": (["pd"], {}),
    "iterated_elimination": (["pd"], {}),
    "correlated_equilibrium": (["pd"], {}),
    "equilibria_frame": (["cg.pure_equilibria(pd)"], {}),
    "continuous_equilibrium": (["models.public_goods_continuous()"], {}),
    "cooperative_optimum": (["models.public_goods_continuous()"], {}),
    "price_of_anarchy": (["models.public_goods_continuous()"], {}),
    "best_response_iteration": (["models.public_goods_continuous()"], {}),
    "solve_multilevel": (["models.multilevel()"], {}),
    "anticipated_upper": (["models.multilevel()"], {}),
    # dynamics
    "replicator": (["pd", "[0.5, 0.5]", "5"], {}),
    "rest_points": (["pd"], {}),
    "stability": (["pd", "([1, 0], [1, 0])"], {}),
    "basins": (["pdf"], {"grid": "5"}),
    "time_to_reach": (["pdf", "[0.5, 0.5]", "[0, 1]"], {}),
    "replicator_equations": (["models.inspection()"], {}),
    "corner_table": (["models.inspection()"], {}),
    "classify_corners": (["models.inspection()", "{'B': [2], 'F': [3], 'dc': [1], 'k': [1], 'rho': [0.5]}"], {}),
    "symbolic_rest_points": (["models.inspection()"], {}),
    "is_ess": (["pd", "[0, 1]"], {}),
    "evolutionarily_stable_strategies": (["pd"], {}),
    "fixation_probability": (["pd", "0", "1", "10"], {}),
    "stationary_distribution": (["pd", "10"], {}),
    "simulate_fixation": (["pd", "0", "1", "10"], {"runs": "20", "seed": "1"}),
    "mutation_selection_distribution": (["pd", "10"], {"mutation": "0.01"}),
    "fixation_on_graph": (["pd", "np.ones((4, 4)) - np.eye(4)"], {"runs": "10", "seed": "1"}),
    "simulate_network": (["pd", "np.ones((4, 4)) - np.eye(4)"], {"steps": "10", "seed": "1"}),
    # instruments
    "Subsidy": (["0", "'Govern'", "2"], {}),
    "Penalty": (["0", "'Free-ride'", "3"], {"detection": "0.5"}),
    "Transfer": (["1", "0", "1"], {}),
    "Standard": (["0", "'Free-ride'"], {}),
    "combined_detection": (["0.5", "0.5"], {}),
    "instrument_cost": (["pd.apply(cg.Subsidy(0, 'Govern', 2))", "['Govern', 'Govern']"], {}),
    # repeated
    "critical_discount_factor": (["pd", "['Govern', 'Govern']"], {}),
    "feasible_region": (["pd"], {}),
    "individually_rational_region": (["pd"], {}),
    "minmax_values": (["pd"], {}),
    "play": (["pd", "['grim', 'grim']", "5", "0.9"], {}),
    # coalitions
    "stable_coalition_sizes": (["lambda k: k", "lambda k: k + 1", "5"], {}),
    "barrett_stackelberg_agreement": (["5"], {}),
    "barrett_cournot_agreement": (["5"], {}),
    "binary_participation_agreement": (["5"], {}),
    "linear_benefit_agreement": (["5"], {}),
    "paradox_of_cooperation": (["5"], {}),
    "coalition_stability": ([F, "{0, 1}", "range(3)"], {}),
    "stable_coalitions": ([F, "3"], {}),
    "potentially_internally_stable": ([F, "{0, 1}"], {}),
    "optimal_transfers": ([F, "{0, 1}"], {}),
    "chander_tulkens_transfers": (["[1, 2]", "[1, 1]"], {}),
    "Agreement": (["lambda k: k", "lambda k: k + 1", "lambda k: 1", "lambda k: 0", "5", "'toy'"], {}),
    # cooperative
    "nash_bargaining": (["pd"], {}),
    # differential games
    "DifferentialGame": (["2", "'x'", "['e1', 'e2']", "'e1 + e2 - x'", "['e1 - e1**2/2 - x**2/2', 'e2 - e2**2/2 - x**2/2']",
                          "'1/10'"], {}),
    "cooperative_solution": ([LQ], {}),
    "open_loop_nash": ([LAKE], {}),
    "feedback_nash": ([LQ], {}),
    "time_consistent_payments": ([LQ, "1"], {}),
    "coalition_worths": ([LQ], {}),
    "central_tax_rule": ([LQ, "1"], {"rule": "'constant'"}),
    "steady_states_sweep": (["models.shallow_lake(2)", "{'b': [0.6, 0.7], 'c': [1, 1], 'r': [0.03, 0.03]}"], {}),
    "models.stock_pollution": (["2"], {}),
    "models.shallow_lake": (["2"], {}),
    "models.downstream_pollution": ([], {}),
    "stock_paths_plot": (["[cg.open_loop_nash(" + LQ + ")]", "1", "10"], {}),
    "payment_schedule_plot": (["cg.time_consistent_payments(" + LQ + ", 1)"], {}),
    "steady_states_plot": (["[cg.open_loop_nash(" + LAKE + ")]"], {}),
    "kalai_smorodinsky": (["pd"], {}),
    "rubinstein": (["[0.9, 0.8]"], {}),
    "stackelberg": (["pd", "0"], {}),
    "commitment_payoff": (["pd", "0", "[0.5, 0.5]"], {}),
    "design": (["pd", "['Govern', 'Govern']", "[cg.Subsidy(0, 'Govern', 's'), cg.Subsidy(1, 'Govern', 's')]"], {}),
    "stabilising_design": (["pd", "['Govern', 'Govern']",
                            "[cg.Subsidy(0, 'Govern', 's'), cg.Subsidy(1, 'Govern', 's')]"], {}),
    "local_responsibility": (["[1, 2, 3]"], {}),
    "local_responsibility_game": (["[1, 2, 3]"], {}),
    "upstream_equal_sharing": (["[1, 2, 3]"], {}),
    "upstream_equal_sharing_game": (["[1, 2, 3]"], {}),
    "downstream_incremental": (["[1, 2, 3]"], {}),
    "airport_game": (["[1, 2, 3]"], {}),
    "airport_shapley": (["[1, 2, 3]"], {}),
    # io and sweeps
    "read_nfg": (["'NFG 1 R \"\" { \"1\" \"2\" } { 2 2 } 1 1 0 2 2 0 0 0'"], {}),
    "write_nfg": (["pd"], {}),
    "read_game": (["'{\"payoffs\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}'"], {"format": "'json'"}),
    "sweep": (["models.prisoners_dilemma()", "{'T': [4, 6]}"], {}),
    "grid_points": (["{'x': [1, 2]}"], {}),
    "point_seed": (["1", "{'x': 1}"], {}),
    "attractors": (["pdf"], {}),
    "corner_eigenvalues": (["models.tripartite()", "[0, 0, 0]"], {}),
    "ReplicatorField": (["pdf"], {}),
    # io
    "parse_nfg": (["'NFG 1 R \"\" { \"1\" \"2\" } { 2 2 } 1 1 0 2 2 0 0 0'"], {}),
    "parse_game": (["'{\"payoffs\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}'"], {"format": "'json'"}),
    "write_game_json": (["pd"], {}),
    "game_from_dict": (["{'payoffs': [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}"], {}),
    "game_to_dict": (["pd"], {}),
    # coalitions (payoff builders)
    "heterogeneous_linear_payoff": (["[1, 1, 2]", "[1, 1, 1]"], {}),
    "heterogeneous_barrett_payoff": (["100", "[1, 1, 1]", "[1, 1, 1]"], {}),
    # plots (``sw``: a small sweep of the inspection game with a threshold column)
    "basin_map": (["cg.dynamics.basins(pdf, grid=5)"], {}),
    "phase_portrait": (["pdf"], {"resolution": "5"}),
    "simplex_plot": (["rps"], {"resolution": "5", "t_max": "5"}),
    "time_series": (["cg.replicator(pd, [0.5, 0.5], 5)"], {}),
    "trajectory_3d": (["trip"], {"t_max": "5"}),
    "best_response_plot": (["pd"], {}),
    "folk_theorem_plot": (["pd"], {}),
    "paradox_plot": (["(5,)"], {"gammas": "[0.1, 1.0]"}),
    "regime_map": (["sw", "'rho'", "'dc'"], {}),
    "threshold_plot": (["sw", "'rho'"], {"by": "'dc'"}),
    # models
    "models.catalog": ([], {}),
    "models.public_goods": ([], {}),
    "models.threshold_public_goods": ([], {}),
    "models.minimum_participation": ([], {}),
    "models.race_to_the_bottom": ([], {}),
    "models.performance_evaluation": ([], {}),
    "models.upstream_downstream": ([], {}),
    "models.bargained_payment": ([], {}),
    "models.inspection": ([], {}),
    "models.tripartite": ([], {}),
    "models.prisoners_dilemma": ([], {}),
    "models.stag_hunt": ([], {}),
    "models.chicken": ([], {}),
    "models.battle_of_the_sexes": ([], {}),
    "models.matching_pennies": ([], {}),
    "models.multilevel": ([], {}),
    "models.transboundary_emissions": ([], {}),
    "models.public_goods_anonymous": ([], {}),
    "models.public_goods_continuous": ([], {}),
    "models.minimum_participation_anonymous": ([], {}),
    "models.adjacent_counties": ([], {}),
    "models.three_level": ([], {}),
    # network formation (``NET``: a small connections model)
    "network_plot": ([NET, "[(0, 1)]"], {}),
    "network_regime_map": (["3", "[0.2, 0.5]", "[0.1, 0.4]"], {}),
    "NetworkGame": (["3", "lambda g: [g.degree(i) for i in sorted(g.nodes)]"], {}),
    "connections_model": (["4", "0.5", "0.3"], {}),
    "coauthor_model": (["4"], {}),
    "distance_costs": (["[[0, 1], [1, 0]]", "1"], {}),
    "pairwise_stable_networks": ([NET], {}),
    "pairwise_nash_stable_networks": ([NET], {}),
    "strongly_stable_networks": ([NET], {}),
    "is_pairwise_stable": ([NET, "[(0, 1)]"], {}),
    "efficient_networks": ([NET], {}),
    "network_price_of_anarchy": ([NET], {}),
    "improving_path": ([NET, "[]"], {"seed": "1"}),
    "closed_cycles": ([NET], {}),
    "stochastically_stable_networks": ([NET], {}),
    "myerson_value": ([NET, "[(0, 1)]"], {}),
    "egalitarian_allocation": ([NET, "[(0, 1)]"], {}),
    "allocation_game": ([NET], {}),
    "link_subsidies": ([NET], {}),
    "weak_to_strong": (["4", "0.3", "0.2"], {}),
    "one_sided_model": (["3", "0.5"], {}),
    "nash_networks": (["cg.networks.one_sided_model(3, 0.5)"], {}),
}

# Valid arguments by parameter name, for callables that BASE does not list.
BY_NAME: dict[str, str] = {
    "game": "pd", "n": "3", "num_players": "3", "profile": "['Govern', 'Govern']", "costs": "[1, 2, 3]",
    "values": "None", "strategy": "[0, 1]", "population_size": "10", "seed": "1", "grid": "{'x': [1, 2]}",
    "delta": "0.9", "rounds": "5", "player": "0", "action": "'Govern'", "amount": "1",
}

BAD: dict[str, str] = {
    "None": "None",
    "bool": "True",
    "str": "'junk'",
    "complex": "1 + 2j",
    "nan": "nan",
    "inf": "inf",
    "negative": "-1",
    "zero": "0",
    "fraction": "2.5",
    "huge_int": "10**400",
    "huge_size": "10**9",
    "empty": "[]",
    "ragged": "[[1, 2], [3]]",
    "nan_array": "np.full((2, 2), nan)",
    "bool_array": "[True, False]",
    "deep": "[[[[[[1]]]]]]",
    "object": "object()",
    "bytes": "b'\\x00\\xff'",
    "neg_inf": "-inf",
    "huge_float": "1e308",
    "dict": "{'junk': 1}",
    "formula_bomb": "'10**10**10'",
}

# Unknown options: a misspelt keyword, and an unknown label where a label is expected.
UNKNOWN_KEYWORD = "bogus_option=1"

# Hostile input that one bad value in one argument does not make: files, formulas and sizes
# (case id -> code; the callable named before the bracket gives the area).
_NEAR_MAX = "cg.NormalFormGame([[[1e308, -1e308], [0, 0]], [[0, 0], [1e308, 1]]])"  # spans overflow floats
HOSTILE: dict[str, str] = {
    "read_nfg[huge_dimension]": "cg.read_nfg('NFG 1 R \"\" { \"1\" \"2\" } { ' + '1' * 30 + ' 2 }')",
    "read_nfg[many_cells]": "cg.read_nfg('NFG 1 R \"\" { \"1\" \"2\" } { 100000 100000 }')",
    "read_nfg[long_number]": "cg.read_nfg('NFG 1 R \"\" { \"1\" \"2\" } { 1 1 } ' + '7' * 5000 + ' 1')",
    "read_nfg[binary]": "cg.read_nfg(b'\\x00\\xff' * 1000)",
    "read_nfg[nul_text]": "cg.read_nfg('NFG 1 R \\x00')",
    "parse_game[deep_json]": "cg.io.parse_game('[' * 5000, 'json')",
    "parse_game[deep_payoffs]": "cg.io.parse_game('{\"payoffs\": ' + '[' * 60 + ']' * 60 + '}', 'json')",
    "parse_game[yaml_recursive_alias]": "cg.io.parse_game('payoffs: &x [*x, *x]', 'yaml')",
    "parse_game[yaml_laughs]": "cg.io.parse_game('a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\\n"
                               "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\\n"
                               "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\\npayoffs: [*e, *e]', 'yaml')",
    "parse_game[formula_bomb]": "cg.io.parse_game('{\"payoffs\": [[[\"10**10**10\"]], [[1]]]}', 'json')",
    "read_game[binary]": "cg.read_game(b'\\x89PNG\\r\\n\\x1a\\n' + bytes(range(256)))",
    "read_game[missing_path]": "cg.read_game('/nonexistent/dir/game.json')",
    "write_nfg[path=fd]": "cg.write_nfg(pd, path=5)",
    "write_game_json[path=fd]": "cg.io.write_game_json(pd, path=5)",
    "NormalFormGame[huge_payoff]": "cg.NormalFormGame([[[10**400, 0], [0, 0]], [[0, 0], [0, 0]]])",
    "SymbolicGame[formula_factorial]": "cg.SymbolicGame([[['1000000!', 0], [0, 0]], [[0, 0], [0, 0]]])",
    "SymbolicGame[formula_statement]": "cg.SymbolicGame([[['a = 1', 0], [0, 0]], [[0, 0], [0, 0]]])",
    "random_game[many_players]": "cg.random_game((2,) * 40)",
    "Subsidy[formula_bomb]": "pd.apply(cg.Subsidy(0, 'Govern', '9**9**9'))",
    "correlated_equilibrium[large]": "cg.correlated_equilibrium(cg.random_game((1, 3000), seed=1))",
    "mixed_equilibria[large]": "cg.mixed_equilibria(cg.random_game((400, 400), seed=1), method='lemke_howson')",
    "TUGame[many_players]": "cg.TUGame(25, {})",
    "stable_coalition_sizes[huge_n]": "cg.stable_coalition_sizes(lambda k: k, lambda k: k + 1, 10**9)",
    "paradox_of_cooperation[huge_n]": "cg.coalitions.paradox_of_cooperation(10**9)",
    "play[huge_rounds_asked]": "cg.play(pd, ['grim', 'grim'], 10**9, 0.9)",
    "play[payoffs_near_float_max]": f"cg.play({_NEAR_MAX}, ['grim', 'grim'], 5, 0.9)",
    **{f"{name}[payoffs_near_float_max]": f"cg.equilibria.{name}({_NEAR_MAX})"
       for name in ("mixed_equilibria", "support_enumeration", "vertex_enumeration", "lemke_howson", "pure_equilibria",
                    "correlated_equilibrium", "iterated_elimination")},
    "nash_bargaining[payoffs_near_float_max]": f"cg.nash_bargaining({_NEAR_MAX})",
    "minmax_values[payoffs_near_float_max]": f"cg.repeated.minmax_values({_NEAR_MAX})",
}

# Objects whose public methods are fuzzed too (expression -> short name for the case ids): every
# method that needs at most one argument gets each bad value in each parameter. Solutions' list
# methods are Python's own; an Agreement's payoff functions are the data it was built from.
METHOD_OBJECTS: dict[str, str] = {
    "pd": "pd", "pdf": "pdf", "models.prisoners_dilemma()": "symbolic",
    "cg.SymmetricGame(3, 2, lambda a, counts: a + counts[0])": "symmetric",
    "cg.TUGame(3, lambda S: len(S) ** 2)": "tu", "models.public_goods_continuous()": "continuous",
    "models.multilevel()": "multilevel", "cg.mixed_equilibria(pd)[0]": "equilibrium",
    "cg.threshold(models.prisoners_dilemma(), ['Cooperate', 'Cooperate'], 'T')": "threshold",
    "cg.symbolic_mixed_equilibrium(models.stag_hunt())": "symbolic_mixed",
    "cg.coalitions.linear_benefit_agreement(5)": "agreement",
}
SKIPPED_METHODS = {"pi_signatory", "pi_nonsignatory", "abatement_signatory", "abatement_nonsignatory"}

EXCLUDED = {"Fraction"}  # the standard library's, re-exported


SUBPACKAGES = ("games", "equilibria", "mechanisms", "dynamics", "differential", "repeated", "coalitions", "cooperative",
               "networks", "models", "sweeps", "io", "plot")


def public_callables() -> dict[str, Any]:
    """Name -> callable for every front door of ``coopgame.__all__`` and of each subpackage's ``__all__``.

    A name is the bare name for the callables of the subpackages (they are
    unique across subpackages; the top level re-exports some of them), and
    ``models.<name>`` for the models.
    """
    import importlib

    import coopgame
    from coopgame.errors import CoopgameError

    found: dict[str, Any] = {}
    modules = [("", coopgame)] + [(f"{sub}.", importlib.import_module(f"coopgame.{sub}")) for sub in SUBPACKAGES]
    for prefix, module in modules:
        for name in module.__all__:
            obj = getattr(module, name, None)
            key = prefix + name if prefix == "models." else name
            if name in EXCLUDED or inspect.ismodule(obj) or not callable(obj):
                continue
            if isinstance(obj, type) and (issubclass(obj, (CoopgameError, Warning))):
                continue
            if isinstance(obj, type) and key not in BASE:
                continue  # a result record, built by the library's solvers
            if key in found and found[key] is not obj:
                raise AssertionError(f"two public callables named {key}: give the fuzz cases qualified names")
            found.setdefault(key, obj)
    return found


def target(name: str) -> str:
    """The expression that reaches a public callable from the worker's namespace (``cg.<subpackage>.<name>``)."""
    if name.startswith("models."):
        return name
    home = _home()[name]
    return f"cg.{home}.{name}" if home else f"cg.{name}"


_HOMES: dict[str, str] = {}


def _home() -> dict[str, str]:
    """Public name -> the subpackage that exports it (``coopgame.__all__``'s own names: the top level)."""
    if not _HOMES:
        import importlib

        import coopgame

        for sub in SUBPACKAGES:
            for name in importlib.import_module(f"coopgame.{sub}").__all__:
                _HOMES.setdefault(name, sub)
        for name in coopgame.__all__:
            _HOMES.setdefault(name, "")
    return _HOMES


def area_of(obj: Any) -> str:
    """The area of a callable: its subpackage, ``plot.dynamics`` for the dynamics plots."""
    parts = getattr(obj, "__module__", "coopgame").split(".")
    if len(parts) < 2:
        return "top"
    if parts[1] == "plot" and len(parts) > 2 and parts[2] == "dynamics":
        return "plot.dynamics"
    return parts[1]


def _base(name: str, obj: Any) -> tuple[list[str], dict[str, str]]:
    if name in BASE:
        return BASE[name]
    args: list[str] = []
    kwargs: dict[str, str] = {}
    try:
        params = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        return args, kwargs
    for p in params:
        if p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        value = BY_NAME.get(p.name, "pd")
        if p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    return args, kwargs


def _call(name: str, args: list[str], kwargs: dict[str, str], extra: str = "") -> str:
    parts = args + [f"{k}={v}" for k, v in kwargs.items()] + ([extra] if extra else [])
    return f"{target(name)}({', '.join(parts)})"


def _parameters(obj: Any, args: list[str], kwargs: dict[str, str]) -> tuple[list[str], list[str]]:
    """Names of the positional arguments given, and of the optional keywords worth fuzzing."""
    try:
        params = list(inspect.signature(obj).parameters.values())
    except (TypeError, ValueError):
        return [f"arg{i}" for i in range(len(args))], []
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
    names = [positional[i] if i < len(positional) else f"arg{i}" for i in range(len(args))]
    optional = [p.name for p in params if p.default is not inspect.Parameter.empty and p.name not in kwargs
                and p.name not in names[: len(args)]]
    return names, optional


def all_cases() -> dict[str, tuple[str, str]]:
    """Case id -> (area, code) for every public callable and every bad value."""
    cases: dict[str, tuple[str, str]] = {}
    for name, obj in public_callables().items():
        area = area_of(obj)
        args, kwargs = _base(name, obj)
        cases[f"{name}[valid]"] = (area, _call(name, args, kwargs))
        cases[f"{name}[{UNKNOWN_KEYWORD.split('=')[0]}]"] = (area, _call(name, args, kwargs, UNKNOWN_KEYWORD))
        names, optional = _parameters(obj, args, kwargs)
        for i, pname in enumerate(names):
            for label, bad in BAD.items():
                changed = args[:i] + [bad] + args[i + 1:]
                cases[f"{name}[{pname}={label}]"] = (area, _call(name, changed, kwargs))
        for key in list(kwargs) + optional:
            for label, bad in BAD.items():
                changed_kw = dict(kwargs, **{key: bad})
                cases[f"{name}[{key}={label}]"] = (area, _call(name, args, changed_kw))
    cases.update(method_cases())
    callables = public_callables()
    for case_id, code in HOSTILE.items():
        cases[case_id] = (area_of(callables[case_id.split("[", 1)[0]]), code)
    return cases


def method_cases() -> dict[str, tuple[str, str]]:
    """Case id -> (area, code) for the public methods of :data:`METHOD_OBJECTS` with bad values."""
    from tests.fuzz.worker import namespace

    ns = namespace()
    cases: dict[str, tuple[str, str]] = {}
    for expr, short in METHOD_OBJECTS.items():
        obj = eval(expr, dict(ns))  # noqa: S307 - this module's own expressions
        for name in sorted(dir(type(obj))):
            method = getattr(obj, name, None)
            if name.startswith("_") or name in SKIPPED_METHODS or isinstance(method, type) or not callable(method):
                continue
            if getattr(list, name, None) is not None and isinstance(obj, list):
                continue
            try:
                params = [p for p in inspect.signature(method).parameters.values()
                          if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            except (TypeError, ValueError):
                continue
            required = [p for p in params if p.default is inspect.Parameter.empty]
            if len(required) > 1:
                continue
            area = area_of(method) if getattr(method, "__module__", "").startswith("coopgame.") else "top"
            for p in params:
                if required and p not in required:
                    continue
                for label, bad in BAD.items():
                    arg = bad if p in required and p.kind != p.KEYWORD_ONLY else f"{p.name}={bad}"
                    cases[f"{short}.{name}[{p.name}={label}]"] = (area, f"({expr}).{name}({arg})")
    return cases


def sample(cases: dict[str, tuple[str, str]], per_parameter: int = 4) -> dict[str, tuple[str, str]]:
    """A deterministic sample for CI: every valid call, unknown keyword and hostile input, and a few bad values
    per parameter."""
    groups: dict[str, list[str]] = {}
    chosen: dict[str, tuple[str, str]] = {}
    for case_id, value in cases.items():
        if case_id in HOSTILE or case_id.endswith(("[valid]", f"[{UNKNOWN_KEYWORD.split('=')[0]}]")):
            chosen[case_id] = value
        else:
            groups.setdefault(case_id.rsplit("=", 1)[0], []).append(case_id)
    for members in groups.values():
        members.sort(key=lambda c: hashlib.sha256(c.encode()).hexdigest())
        for case_id in members[:per_parameter]:
            chosen[case_id] = cases[case_id]
    return chosen
