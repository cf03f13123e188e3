"""The cheapest mix of instruments that implements a target profile (k-implementation).

A coordinator holds several instruments (:class:`~coopgame.Subsidy`,
:class:`~coopgame.Penalty` with its detection probability,
:class:`~coopgame.Transfer`, :class:`~coopgame.Standard`) whose free amounts
are sympy symbols. Each amount enters the payoffs linearly, so the
equilibrium conditions of the target (Nash, strict, dominant) are linear
inequalities in the amounts, and so is the coordinator's net outlay at the
target, :func:`~coopgame.instrument_cost`: subsidies on the equilibrium path
are paid, a deterrent fine is never levied there (Monderer and Tennenholtz
2004), transfers between regions cost the coordinator nothing. The cheapest
mix is the optimum of that linear programme, solved exactly (Fractions) for
exact games and with HiGHS for float ones, with a certificate: the dual
multipliers, which prove that no mix costs less, or, when no mix works, a
non-negative combination of constraints that cannot hold (it names the
conflicting deviations and caps).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_int, check_options, check_real, check_size, describe, public
from coopgame._numeric import LP_TOLERANCE, classify_scalar, to_fraction
from coopgame.equilibria._differences import dominance_differences, nash_differences
from coopgame.equilibria._unique import unique_threshold
from coopgame.equilibria.conditions import _conjunction, _relation
from coopgame.equilibria.dominance import iterated_elimination
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.errors import (
    CoopgameError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.games._base import GameBase
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.expressions import as_expression
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.mechanisms._design_lp import LPSolution, check_certificate, residuals, solve_exact, solve_float
from coopgame.mechanisms.cost import instrument_cost
from coopgame.mechanisms.instruments import Penalty, Standard, Subsidy, Transfer
from coopgame.results import Result, html_table

__all__ = ["design", "Design", "DesignCertificate", "Amounts", "DESIGN_CONCEPTS", "MAX_CONSTRAINTS"]

#: The solution concepts :func:`design` accepts.
DESIGN_CONCEPTS = ("nash", "strict", "dominant", "strictly_dominant", "unique")

#: Default limit on the number of equilibrium constraints (one per deviation, times scenarios).
MAX_CONSTRAINTS = 200_000

#: Default limit on the number of parameter points of a box (its vertices) in robust design.
MAX_SCENARIOS = 4096

_WHERE = "design"


class Amounts(dict[Any, Any]):
    """The designed amounts: a dict keyed by the amounts' symbols that also accepts their names.

    >>> import sympy
    >>> a = Amounts({sympy.Symbol("s"): 2})
    >>> a["s"], a[sympy.Symbol("s")]
    (2, 2)
    """

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            for k in self:
                if getattr(k, "name", None) == key:
                    return dict.__getitem__(self, k)
        elif isinstance(key, sympy.Symbol) and not dict.__contains__(self, key):
            return self[key.name]
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        name = key if isinstance(key, str) else getattr(key, "name", None)
        return any(getattr(k, "name", None) == name for k in self)


@dataclass(frozen=True)
class DesignCertificate(Result):
    """The proof that a design is cheapest, or that no design works.

    Attributes
    ----------
    method : str
        What solved it: ``"exact simplex"`` (Fractions), ``"HiGHS"``, or the
        scan of :func:`~coopgame.threshold` for ``concept="unique"``.
    status : str
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    duals : tuple of (constraint, multiplier)
        The non-zero dual multipliers: at an optimum, a non-negative
        combination of constraints whose amounts' coefficients equal the
        cost's, so ``lower_bound`` is a lower bound on every mix's cost; when
        infeasible, a combination that reads ``0 >= positive``.
    lower_bound : number or None
        The dual objective plus the fixed part of the cost: no mix costs less.
    verified : bool
        Whether the certificate was checked (exactly for exact games, within
        the LP's accuracy for floats).
    """

    method: str
    status: str
    duals: tuple[tuple[str, Any], ...] = ()
    lower_bound: Any = None
    verified: bool = False

    def _repr_html_(self) -> str:
        rows = [("method", self.method), ("status", self.status), ("lower bound", self.lower_bound),
                ("verified", self.verified)] + [(f"dual: {name}", v) for name, v in self.duals]
        return html_table(rows, caption="DesignCertificate")


@public
@dataclass(frozen=True, eq=False)
class Design(Result):
    """The cheapest amounts of the instruments that implement a target, with the proof.

    ``bool(design)`` is :attr:`feasible`.

    Attributes
    ----------
    values : Amounts
        The amount of each free symbol (a dict keyed by the symbols that also
        accepts their names); empty when no mix works.
    cost : number, sympy expression or None
        The coordinator's net outlay at the target, equal to
        :func:`~coopgame.instrument_cost` on :attr:`game` (a function of the
        parameters for a parametric design); None when no mix works.
    game : game or None
        The designed game: the instruments applied with :attr:`values`.
    binding : tuple of str
        The constraints that hold with equality at :attr:`values`
        (deviations that are just deterred, caps, the budget).
    certificate : DesignCertificate
    is_exact : bool
    feasible : bool
    reason : str
        Why no mix works (the conflicting constraints), or a note on the answer.
    concept : str
    target : tuple of str
    attained : bool
        False for a strict concept whose least cost is an infimum: the
        values then satisfy the conditions with equality where the concept
        needs strict inequality; any cheaper-than-nothing step towards the
        interior implements it (or pass ``margin=``).
    region : sympy Boolean
        Where a parametric design holds (``True`` otherwise).
    method : str
    """

    values: Amounts
    cost: Any
    game: Any
    binding: tuple[str, ...]
    certificate: DesignCertificate
    is_exact: bool
    feasible: bool = True
    reason: str = ""
    concept: str = "nash"
    target: tuple[str, ...] = ()
    attained: bool = True
    region: Any = sympy.true
    method: str = ""
    instruments: tuple[Any, ...] = field(default=(), repr=False)

    def __bool__(self) -> bool:
        return self.feasible

    def _key(self) -> tuple[Any, ...]:
        values = tuple(sorted((str(k), str(v)) for k, v in self.values.items()))
        return (self.concept, self.target, self.feasible, values, str(self.cost), self.attained, str(self.region),
                self.game)

    def __eq__(self, other: object) -> bool:
        """Same designed game, concept, target, amounts, cost and region."""
        if not isinstance(other, Design):
            return NotImplemented
        return self._key() == other._key() and self.values == other.values

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        if not self.feasible:
            return f"Design({self.concept}, {self.target}: no mix works; {self.reason})"
        vals = ", ".join(f"{k} = {_text(v)}" for k, v in self.values.items())
        extra = "" if self.attained else " (infimum, not attained)"
        region = "" if self.region == sympy.true else f", when {self.region}"
        return f"Design({self.concept}, {self.target}: {vals}; cost {_text(self.cost)}{extra}{region})"

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [("target", ", ".join(self.target)), ("concept", self.concept)]
        if self.feasible:
            rows += [(f"amount {k}", v) for k, v in self.values.items()]
            rows += [("cost", self.cost), ("binding", "; ".join(self.binding)),
                     ("certificate", f"{self.certificate.method}, verified {self.certificate.verified}")]
            if not self.attained:
                rows.append(("note", "infimum, not attained"))
            if self.region != sympy.true:
                rows.append(("region", self.region))
        else:
            rows.append(("no mix works", self.reason))
        return html_table(rows, header=["", ""], caption="Design")


def _text(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


# ----------------------------------------------------------------------------------------------- input


_AMOUNT_FIELD = {Subsidy: "amount", Penalty: "fine", Transfer: "amount"}


def _instrument_list(instruments: Any) -> list[Any]:
    if isinstance(instruments, (Subsidy, Penalty, Transfer, Standard)):
        return [instruments]
    if not isinstance(instruments, (list, tuple)) or not instruments:
        raise InvalidArgumentTypeError(f"{_WHERE}: expected a non-empty sequence of instruments (Subsidy, Penalty, "
                                       f"Transfer, Standard), got {describe(instruments)}")
    for inst in instruments:
        if not isinstance(inst, (Subsidy, Penalty, Transfer, Standard)):
            raise InvalidArgumentTypeError(f"{_WHERE}: expected instruments (Subsidy, Penalty, Transfer, Standard), "
                                           f"got {describe(inst)}")
    return list(instruments)


def _unknowns(instruments: Sequence[Any], game_names: set[str]) -> dict[str, sympy.Symbol]:
    """The free amounts, by name (first symbol seen), refusing amounts that are formulas or game parameters."""
    out: dict[str, sympy.Symbol] = {}
    detection_names: set[str] = set()
    for inst in instruments:
        name = _AMOUNT_FIELD.get(type(inst))
        if name is None:
            continue
        value = getattr(inst, name)
        if isinstance(inst, Penalty):
            dets = inst.detection if isinstance(inst.detection, tuple) else (inst.detection,)
            for d in dets:
                if isinstance(d, (str, sympy.Basic)):
                    detection_names |= {s.name for s in as_expression(d, None, _WHERE).free_symbols}
        if not isinstance(value, (str, sympy.Basic)):
            continue
        expr = as_expression(value, None, _WHERE)
        if expr.is_number:
            continue
        if not isinstance(expr, sympy.Symbol):
            raise InvalidArgumentError(f"{_WHERE}: expected each instrument's amount to be a number or one free "
                                       f"symbol (the unknown), got {expr} in {inst!r}")
        if expr.name in game_names:
            raise InvalidArgumentError(f"{_WHERE}: expected free amounts that are not parameters of the game, got "
                                       f"{expr.name!r}, which appears in the game's payoffs (rename the amount)")
        out.setdefault(expr.name, expr)
    clash = detection_names & set(out)
    if clash:
        raise InvalidArgumentError(f"{_WHERE}: expected detection probabilities that are not free amounts, got "
                                   f"{sorted(clash)[0]!r} as both (detection is a parameter, not a choice)")
    if not out:
        raise InvalidArgumentError(f"{_WHERE}: expected at least one instrument whose amount is a free symbol "
                                   "(e.g. Subsidy(0, 'Govern', 's')), got only numbers")
    return out


def _number(value: Any, name: str) -> Any:
    """A finite real (exact kept exact) or None."""
    if value is None:
        return None
    if isinstance(value, (str, sympy.Basic)):
        expr = as_expression(value, None, _WHERE)
        if expr.free_symbols or not expr.is_real:
            raise InvalidArgumentError(f"{_WHERE}: expected {name} to be a finite real number, got {describe(value)}")
        value = Fraction(int(expr.p), int(expr.q)) if expr.is_Rational else float(expr)
    return check_real(value, name, _WHERE, exact=True)


def _bounds(bounds: Any, names: Sequence[str]) -> dict[str, tuple[Any, Any]]:
    """``{name: (lower, upper)}``: amounts are non-negative unless a lower bound says otherwise."""
    out: dict[str, tuple[Any, Any]] = {n: (0, None) for n in names}
    if bounds is None:
        return out
    if not isinstance(bounds, Mapping):
        raise InvalidArgumentTypeError(f"{_WHERE}: expected bounds= as a mapping from amounts to a cap or a "
                                       f"(lower, upper) pair, got {describe(bounds)}")
    for key, spec in bounds.items():
        name = key.name if isinstance(key, sympy.Symbol) else key
        if not isinstance(name, str) or name not in out:
            import difflib

            close = difflib.get_close_matches(str(name), list(names), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidArgumentError(f"{_WHERE}: got bounds for an unknown amount {describe(key)}{hint}; expected "
                                       f"one of: {', '.join(names)}")
        if isinstance(spec, (list, tuple)):
            if len(spec) != 2:
                raise InvalidArgumentError(f"{_WHERE}: expected bounds for {name!r} as a cap or a (lower, upper) "
                                           f"pair, got {describe(spec)}")
            lo, hi = _number(spec[0], f"the lower bound of {name}"), _number(spec[1], f"the cap on {name}")
        else:
            lo, hi = 0, _number(spec, f"the cap on {name}")
            if hi is None:
                raise InvalidArgumentError(f"{_WHERE}: expected a number as the cap on {name!r}, got None")
        out[name] = (lo, hi)
    return out


def _scenario_list(scenarios: Any, box: Any, params: Sequence[sympy.Symbol], accepted: set[str],
                   max_scenarios: int) -> list[dict[str, Any]] | None:
    """Parameter points of a robust design: a list of mappings, a grid (name -> values) or a box's vertices."""
    names = [s.name for s in params]
    if scenarios is None and box is None:
        return None
    if scenarios is not None and box is not None:
        raise InvalidArgumentError(f"{_WHERE}: expected scenarios= or box=, not both")
    points: list[dict[str, Any]]
    if box is not None:
        if not isinstance(box, Mapping) or not box:
            raise InvalidArgumentTypeError(f"{_WHERE}: expected box= as a mapping from parameters to (low, high) "
                                           f"pairs, got {describe(box)}")
        axes = {}
        for key, pair in box.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise InvalidArgumentError(f"{_WHERE}: expected a (low, high) pair for {name!r} in box=, got {describe(pair)}")
            lo, hi = _number(pair[0], f"the low end for {name}"), _number(pair[1], f"the high end for {name}")
            if lo is None or hi is None or lo > hi:
                raise InvalidArgumentError(f"{_WHERE}: expected low <= high for {name!r} in box=, got {describe(pair)}")
            axes[name] = (lo, hi) if lo != hi else (lo,)
        check_size(_WHERE, math.prod(len(v) for v in axes.values()), max_scenarios,
                   what="the number of vertices of the box", limit_name="max_scenarios")
        points = [dict(zip(axes, combo)) for combo in itertools.product(*axes.values())]
    elif isinstance(scenarios, Mapping):
        axes = {}
        for key, vals in scenarios.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(vals, (list, tuple, np.ndarray)) or len(vals) == 0:
                raise InvalidArgumentError(f"{_WHERE}: expected a non-empty list of values for {name!r} in "
                                           f"scenarios=, got {describe(vals)}")
            axes[name] = tuple(_number(v, f"a value of {name}") for v in vals)
        check_size(_WHERE, math.prod(len(v) for v in axes.values()), max_scenarios,
                   what="the number of points of the grid", limit_name="max_scenarios")
        points = [dict(zip(axes, combo)) for combo in itertools.product(*axes.values())]
    elif isinstance(scenarios, (list, tuple)) and scenarios and all(isinstance(s, Mapping) for s in scenarios):
        check_size(_WHERE, len(scenarios), max_scenarios, what="the number of scenarios", limit_name="max_scenarios")
        points = [{(k.name if isinstance(k, sympy.Symbol) else k): _number(v, f"the value of {k}") for k, v in s.items()}
                  for s in scenarios]
    else:
        raise InvalidArgumentTypeError(f"{_WHERE}: expected scenarios= as a list of mappings or a mapping from "
                                       f"parameters to lists of values, got {describe(scenarios)}")
    for p in points:
        check_options(_WHERE, p, accepted, what="parameter")
        missing = set(names) - set(p)
        if missing:
            raise UnresolvedParameterError(f"{_WHERE}: expected every scenario to give a value to each parameter, "
                                           f"missing {', '.join(sorted(missing))}")
    return points


# ----------------------------------------------------------------------------------------------- the LP data


class _Linear:
    """Payoffs affine in the amounts, as arrays whose last axis holds (constant, coefficient of each amount).

    It stands in for a game in :func:`nash_differences` and
    :func:`dominance_differences`, so the equilibrium conditions are those
    of :func:`~coopgame.equilibrium_conditions`, read as linear rows.
    """

    def __init__(self, payoffs: list[np.ndarray], shape: tuple[int, ...]) -> None:
        self.payoffs = payoffs
        self.shape = shape


def _apply(game: GameBase, instruments: Sequence[Any], values: Mapping[sympy.Symbol, Any]) -> GameBase:
    subbed = [inst.substituted(values) if hasattr(inst, "substituted") else inst for inst in instruments]
    try:
        return game.apply(*subbed)
    except (InvalidProfileError, InvalidGameError) as err:
        raise type(err)(f"{_WHERE}: {err}") from None


@dataclass
class _Problem:
    """The linear data: constraint rows ``G x >= h`` with labels, the cost ``c0 + c.x``, the target."""

    names: list[str]
    symbols: dict[str, sympy.Symbol]
    rows: list[list[Any]]
    rhs: list[Any]
    labels: list[str]
    strict_rows: list[int]
    c: list[Any]
    c0: Any
    target: tuple[int, ...]
    target_labels: tuple[str, ...]
    base: GameBase


def _unit(game: GameBase, instruments: Sequence[Any], sym: sympy.Symbol,
          one_hot: Sequence[Sequence[int]]) -> tuple[list[np.ndarray], Any]:
    """The payoff coefficients of one amount and its cost coefficient at the target.

    The instruments' own transforms act on zero payoffs with the amount set
    to 1 (the amounts enter linearly); each instrument is costed as
    ``game.apply`` records it (by label), as :func:`~coopgame.instrument_cost`
    does. No game is built: checking the payoffs of a game with thousands of
    profiles once per amount would cost more than the design.
    """
    payoffs: list[np.ndarray] = [np.zeros(game.shape, dtype=object) for _ in range(game.num_players)]
    players, actions = game.players, game.actions
    recorded = []
    for inst in instruments:
        unit = inst.substituted({sym: 1})
        recorded.append(unit.resolved(players, actions))
        try:
            payoffs, actions = unit.transform(payoffs, players, actions)
        except (InvalidProfileError, InvalidGameError) as err:  # pragma: no cover - the base game caught it first
            raise type(err)(f"{_WHERE}: {err}") from None
    cost = sum((inst.coordinator_cost(players, actions, one_hot) for inst in recorded), 0)
    return list(payoffs), cost


def _amount_name(inst: Any) -> str | None:
    """The name of ``inst``'s free amount; None for a standard or a fixed amount."""
    name = _AMOUNT_FIELD.get(type(inst))
    value = getattr(inst, name) if name else None
    if isinstance(value, (str, sympy.Basic)):
        expr = as_expression(value, None, _WHERE)
        return expr.name if isinstance(expr, sympy.Symbol) else None
    return None


def _as_plain(v: Any) -> Any:
    """Exact numbers as Fraction, floats as float, other sympy kept."""
    if type(v) is Fraction:
        return v
    if type(v) is int or type(v) is float:  # ints stay ints (exact; the LP makes Fractions)
        return v
    kind = classify_scalar(v)
    if kind in ("exact", "int"):
        return to_fraction(v)
    if kind == "float":
        return float(v)
    return sympy.sympify(v)


def _build(game: GameBase, instruments: list[Any], target: Any, concept: str, symbols: dict[str, sympy.Symbol],
           max_constraints: int) -> _Problem:
    names = list(symbols)
    k = len(names)
    zero = {symbols[n]: 0 for n in names}
    base = _apply(game, instruments, zero)
    try:
        idx = base.pure_profile(target)
    except InvalidProfileError as err:
        raise InvalidProfileError(f"{_WHERE}: {err}") from None
    shape = base.shape
    n = base.num_players
    if concept in ("nash", "strict", "unique"):
        count = sum(m - 1 for m in shape)
    else:
        total = math.prod(shape)
        count = sum((m - 1) * (total // m) for m in shape)
    check_size(_WHERE, count, max_constraints, what="the number of equilibrium constraints",
               limit_name="max_constraints", alternative="concept='nash' (one constraint per deviation)")
    # each amount's coefficients: its instruments (and the standards) applied with amount 1 to zero payoffs
    one_hot = [[1 if k == a else 0 for k in range(m)] for a, m in zip(idx, shape)]
    owners = [_amount_name(inst) for inst in instruments]
    units = [_unit(game, [inst for inst, o in zip(instruments, owners) if o == u or isinstance(inst, Standard)],
                   symbols[u], one_hot) for u in names]
    arrays = []
    for p in range(n):
        stack = np.empty(shape + (k + 1,), dtype=object)
        stack[..., 0] = np.asarray(base.payoffs[p], dtype=object)
        for j, (unit_payoffs, _) in enumerate(units):
            stack[..., j + 1] = unit_payoffs[p]
        flat = stack.reshape(-1)
        for t in range(flat.size):
            flat[t] = _as_plain(flat[t])
        arrays.append(stack)
    lin = _Linear(arrays, shape)
    labels: list[str] = []
    owner: list[int] = []
    diffs: list[Any] = []
    players, actions = base.players, base.actions
    if concept in ("nash", "strict", "unique"):
        diffs = nash_differences(lin, idx)  # type: ignore[arg-type]
        for p, a in enumerate(idx):
            labels += [f"{players[p]}: {actions[p][a]} rather than {actions[p][alt]}"
                       for alt in range(shape[p]) if alt != a]
            owner += [p] * (shape[p] - 1)
    else:
        for p, a in enumerate(idx):
            diffs += dominance_differences(lin, p, a)  # type: ignore[arg-type]
            others = [range(m) if q != p else [None] for q, m in enumerate(shape)]
            for prof in itertools.product(*others):
                vs = ", ".join(actions[q][s] for q, s in enumerate(prof) if s is not None)
                labels += [f"{players[p]}: {actions[p][a]} rather than {actions[p][alt]} against ({vs})"
                           for alt in range(shape[p]) if alt != a]
                owner += [p] * (shape[p] - 1)
    rows, rhs, labels = _distinct([list(d[1:]) for d in diffs], [-d[0] for d in diffs], labels, owner)
    strict = list(range(len(rows))) if concept in ("strict", "strictly_dominant") else []
    cost0 = instrument_cost(base, idx).total
    c = [_as_plain(unit_cost) for _, unit_cost in units]
    target_labels = tuple(actions[p][a] for p, a in enumerate(idx))
    return _Problem(names, symbols, rows, rhs, labels, strict, c, _as_plain(cost0), idx, target_labels, base)


def _distinct(rows: list[list[Any]], rhs: list[Any], labels: list[str],
              players: list[int]) -> tuple[list[list[Any]], list[Any], list[str]]:
    """Each player's constraints without repeats (dominance repeats one condition against many profiles of the others)."""
    seen: dict[Any, int] = {}
    count: list[int] = []
    out_rows: list[list[Any]] = []
    out_rhs: list[Any] = []
    out_labels: list[str] = []
    for row, b, label, p in zip(rows, rhs, labels, players):
        key: Any = (p, tuple(row), b)
        try:
            hash(key)
        except TypeError:  # pragma: no cover - sympy and Fractions hash; kept apart if something does not
            key = (id(row), label)
        if key in seen:
            count[seen[key]] += 1
            continue
        seen[key] = len(out_rows)
        count.append(0)
        out_rows.append(row)
        out_rhs.append(b)
        out_labels.append(label)
    out_labels = [lab if n == 0 else f"{lab} (and {n} more alike)" for lab, n in zip(out_labels, count)]
    return out_rows, out_rhs, out_labels


def _add_bounds(prob: _Problem, bounds: dict[str, tuple[Any, Any]], budget: Any) -> None:
    k = len(prob.names)
    for j, name in enumerate(prob.names):
        lo, hi = bounds[name]
        e = [0] * k
        if lo is not None:
            e[j] = 1
            prob.rows.append(list(e))
            prob.rhs.append(lo)
            prob.labels.append(f"{name} >= {_text(lo)}")
        if hi is not None:
            e[j] = -1
            prob.rows.append(list(e))
            prob.rhs.append(-hi)
            prob.labels.append(f"the cap {name} <= {_text(hi)}")
    if budget is not None:
        prob.rows.append([-v for v in prob.c])
        prob.rhs.append(prob.c0 - budget)
        prob.labels.append(f"the budget (cost <= {_text(budget)})")


def _is_exact(values: Sequence[Any]) -> bool:
    return all(isinstance(v, (Fraction, int)) for v in values)


# ----------------------------------------------------------------------------------------------- solving


def _solve(c: list[Any], G: list[list[Any]], h: list[Any], exact: bool) -> LPSolution:
    if exact:
        return solve_exact(c, G, h)
    return solve_float([float(v) for v in c], np.asarray([[float(v) for v in r] for r in G], dtype=float).reshape(len(G), len(c)),
                       [float(v) for v in h])


def _scale(G: list[list[Any]], h: list[Any]) -> float:
    vals = [abs(float(v)) for r in G for v in r] + [abs(float(v)) for v in h]
    return max([1.0, *vals])


def _finish(game: GameBase, instruments: list[Any], prob: _Problem, sol: LPSolution, G: list[list[Any]],
            h: list[Any], c: list[Any], exact: bool, concept: str, method: str, *, attained: bool = True,
            note: str = "") -> Design:
    """The result for a solved programme (``c``, ``G``, ``h`` may carry an extra epigraph or margin column)."""
    k = len(prob.names)
    tol = 0 if exact else LP_TOLERANCE * _scale(G, h)
    verified = check_certificate(c, G, h, sol, tol)
    if sol.status == "infeasible":
        support = [j for j, v in enumerate(sol.y or ()) if (v > 0 if exact else v > LP_TOLERANCE)]
        names = [prob.labels[j] for j in support]
        reason = "these constraints cannot hold together: " + "; ".join(names) if names else "no mix satisfies the constraints"
        cert = DesignCertificate(method, "infeasible", tuple((prob.labels[j], sol.y[j]) for j in support),  # type: ignore[index]
                                 None, verified)
        return Design(Amounts(), None, None, (), cert, exact, False, reason, concept, prob.target_labels,
                      method=method, instruments=tuple(instruments))
    assert sol.x is not None
    x = [v if exact else float(v) + 0.0 for v in sol.x[:k]]  # + 0.0: no negative zero
    values = Amounts({prob.symbols[n]: v for n, v in zip(prob.names, x)})
    designed = _apply(game, instruments, {prob.symbols[n]: v for n, v in zip(prob.names, x)})
    cost = instrument_cost(designed, prob.target).total
    cost = _as_plain(cost) if not isinstance(cost, sympy.Basic) or cost.is_number else cost
    slack_tol = 0 if exact else LP_TOLERANCE * _scale(G, h)
    slack = residuals(G, h, sol.x)
    binding = tuple(prob.labels[j] for j in range(len(prob.labels)) if abs(slack[j]) <= slack_tol)
    if sol.status == "unbounded":
        cert = DesignCertificate(method, "unbounded", (), None, verified)
        return Design(values, cost, designed, binding, cert, exact, True,
                      "the cost has no lower bound: cheaper mixes exist without end (add caps with bounds=)",
                      concept, prob.target_labels, attained, method=method, instruments=tuple(instruments))
    duals = tuple((prob.labels[j], v) for j, v in enumerate(sol.y or ()) if j < len(prob.labels) and (
        v != 0 if exact else v > LP_TOLERANCE))
    lower = sol.value + prob.c0 if sol.value is not None and not isinstance(prob.c0, sympy.Basic) else None
    cert = DesignCertificate(method, "optimal", duals, lower, verified)
    return Design(values, cost, designed, binding, cert, exact, True, note, concept, prob.target_labels, attained,
                  method=method, instruments=tuple(instruments))


def _solve_problem(game: GameBase, instruments: list[Any], prob: _Problem, concept: str, margin: Any,
                   exact: bool) -> Design:
    """Solve the (numeric) programme of ``prob`` under ``concept`` (strict concepts with a margin or as an infimum)."""
    method = "exact simplex (Fractions)" if exact else "HiGHS"
    G, h, c = prob.rows, list(prob.rhs), list(prob.c)
    if prob.strict_rows and margin is not None:
        for j in prob.strict_rows:
            h[j] = h[j] + margin
    sol = _solve(c, G, h, exact)
    if not prob.strict_rows or margin is not None or sol.status != "optimal":
        return _finish(game, instruments, prob, sol, G, h, c, exact, concept, method)
    # strict concept without a margin: is the least cost attained with every strict row slack?
    # maximise t subject to the constraints, cost <= optimum, strict rows >= t, t <= 1
    k = len(prob.names)
    one = Fraction(1) if exact else 1.0
    G2 = [list(r) + [-one if j in set(prob.strict_rows) else 0 * one] for j, r in enumerate(G)]
    G2.append([-v for v in c] + [0 * one])
    h2 = list(h) + [-sol.value]
    G2.append([0 * one] * k + [-one])
    h2.append(-one)
    c2 = [0 * one] * k + [-one]
    sol2 = _solve(c2, G2, h2, exact)
    tol = 0 if exact else LP_TOLERANCE * _scale(G, h)
    if sol2.status == "optimal" and sol2.x is not None and sol2.x[k] > tol:
        x = tuple(sol2.x[:k])
        attained_sol = LPSolution("optimal", x, sol.y, sol.value, sol.basis)
        return _finish(game, instruments, prob, attained_sol, G, h, c, exact, concept, method)
    # is there any strictly implementing mix at all?
    G3 = [list(r) + [-one if j in set(prob.strict_rows) else 0 * one] for j, r in enumerate(G)] + [[0 * one] * k + [-one]]
    sol3 = _solve(c2, G3, h + [-one], exact)
    if sol3.status != "optimal" or sol3.x is None or sol3.x[k] <= tol:
        tight = [prob.labels[j] for j in prob.strict_rows]
        res = _finish(game, instruments, prob, sol, G, h, c, exact, concept, method)
        reason = ("no mix makes every deviation strictly worse: the constraints allow the target only with some "
                  "deviation exactly as good (" + "; ".join(t for t in tight if t in res.binding) + ")")
        return Design(Amounts(), None, None, (), DesignCertificate(method, "infeasible", (), None, res.certificate.verified),
                      exact, False, reason, concept, prob.target_labels, method=method, instruments=tuple(instruments))
    closure = _least_ties(prob, sol, G, h, c, exact, one)
    return _finish(game, instruments, prob, closure, G, h, c, exact, concept, method, attained=False,
                   note="the least cost is an infimum: at these amounts some deviation is exactly as good as the target "
                        "(see binding); any amounts slightly beyond them, in the direction of a strictly "
                        "implementing mix, cost slightly more and implement it (or pass margin=)")


#: Largest number of strict constraints for which the boundary point of a strict infimum is chosen to leave as
#: few deviations tied as possible (one extra unknown per constraint).
_MAX_TIE_ROWS = 60


def _least_ties(prob: _Problem, sol: LPSolution, G: list[list[Any]], h: list[Any], c: list[Any], exact: bool,
                one: Any) -> LPSolution:
    """Among the cheapest (boundary) mixes, one where as many strict constraints as possible hold strictly.

    Maximises the sum of the strict constraints' slacks, each counted up to 1,
    at the least cost; the constraints left tied are those every cheapest mix
    ties (or nearly so), which :attr:`Design.binding` then lists.
    """
    strict = prob.strict_rows
    if not strict or len(strict) > _MAX_TIE_ROWS or sol.x is None:
        return sol
    k, ns = len(prob.names), len(strict)
    zero = 0 * one
    col = {j: t for t, j in enumerate(strict)}
    rows = [list(r) + [(-one if t == col.get(j) else zero) for t in range(ns)] for j, r in enumerate(G)]
    rhs = list(h)
    rows.append([-v for v in c] + [zero] * ns)  # cost <= the least cost
    rhs.append(-sol.value)
    for t in range(ns):
        rows.append([zero] * k + [(-one if u == t else zero) for u in range(ns)])  # slack counted up to 1
        rhs.append(-one)
        rows.append([zero] * k + [(one if u == t else zero) for u in range(ns)])
        rhs.append(zero)
    best = _solve([zero] * k + [-one] * ns, rows, rhs, exact)
    if best.status != "optimal" or best.x is None:  # pragma: no cover - the least-cost point is feasible
        return sol
    return LPSolution("optimal", tuple(best.x[:k]), sol.y, sol.value, sol.basis)


# ----------------------------------------------------------------------------------------------- unique


def _only_equilibrium(game: NormalFormGame, idx: tuple[int, ...]) -> bool | None:
    """True when ``idx`` is the game's only equilibrium (mixed ones included), False when not, None when undecided."""
    res = iterated_elimination(game)
    if res.is_solved:
        return res.remaining == tuple((k,) for k in idx)
    if game.num_players == 2:
        eqs = mixed_equilibria(game)
        return len(eqs) == 1 and eqs[0].is_pure and eqs[0].support == tuple((k,) for k in idx)
    return None


def _unique(game: GameBase, instruments: list[Any], prob: _Problem, bounds: dict[str, tuple[Any, Any]], budget: Any,
            exact: bool, rebuild: Callable[[str], _Problem]) -> Design:
    k = len(prob.names)
    if k > 1:
        relaxed = _solve_problem(game, instruments, prob, "nash", None, exact)
        relaxed = _relabel(relaxed, "unique")
        if not relaxed.feasible:
            return _relabel(relaxed, "unique", reason=relaxed.reason + " (already as a Nash equilibrium)")
        verdict = _only_equilibrium(as_normal_form(relaxed.game, _WHERE), prob.target)
        if verdict:
            return _relabel(relaxed, "unique", note="the cheapest Nash mix leaves the target the only equilibrium, so it "
                                                    "is the cheapest unique one (the Nash programme is a relaxation)")
        # strict dominance is sufficient for uniqueness: when its least cost meets the Nash bound, that is the answer
        dom = _solve_problem(game, instruments, rebuild("strictly_dominant"), "strictly_dominant", None, exact)
        tol = 0 if exact else LP_TOLERANCE * max(1.0, abs(float(relaxed.cost)))
        if dom.feasible and abs(dom.cost - relaxed.cost) <= tol:
            return _relabel(dom, "unique", note=(
                "strictly dominant mixes (sufficient for uniqueness) reach the least cost of a Nash mix (necessary), "
                "so this is the least cost of a unique implementation" + ("" if dom.attained else
                                                                          " (an infimum, not attained)")))
        raise NotSupportedError(
            f"{_WHERE}: concept='unique' with {k} free amounts is solved exactly when the cheapest Nash mix leaves "
            "the target the only equilibrium, or when strictly dominant mixes cost no more than Nash ones; here "
            f"neither holds (Nash: {_text(relaxed.cost)}, strictly dominant: "
            f"{_text(dom.cost) if dom.feasible else 'impossible'}). Use concept='strictly_dominant' (an upper "
            "bound on the least cost), or give all amounts but one a value")
    name = prob.names[0]
    lo, hi = bounds[name]
    sym = sympy.Symbol(f"_{name}_amount", nonnegative=True) if lo is not None and lo >= 0 else sympy.Symbol(f"_{name}_amount", real=True)
    g = _apply(game, instruments, {prob.symbols[name]: sym})
    if not isinstance(g, SymbolicGame):  # pragma: no cover - the amount is free, so the game is symbolic
        raise NotSupportedError(f"{_WHERE}: the amount {name} does not change the payoffs")
    try:
        found = unique_threshold(g, prob.target, sym)
    except CoopgameError as err:
        raise type(err)(f"{_WHERE}: {err}") from None
    method = "scan of the values where the equilibrium set changes (threshold, concept='unique')"
    cert_fail = DesignCertificate(method, "infeasible", (), None, True)
    if found["value"] is None:
        return Design(Amounts(), None, None, (), cert_fail, exact, False,
                      f"no value of {name} makes the target the only equilibrium for large values", "unique",
                      prob.target_labels, method=method, instruments=tuple(instruments))
    v = sympy.sympify(found["value"])
    attained = bool(found.get("attained", True))
    if v == -sympy.oo:
        v, attained = sympy.sympify(lo if lo is not None else 0), True
    value: Any = Fraction(int(v.p), int(v.q)) if v.is_Rational else float(v)
    if lo is not None and value < lo:
        value, attained = lo, True
    c1 = prob.c[0]
    if c1 < 0:
        if hi is None:
            return Design(Amounts(), None, None, (), DesignCertificate(method, "unbounded", (), None, True), exact,
                          False, f"the cost falls without bound as {name} grows (give it a cap in bounds=)", "unique",
                          prob.target_labels, method=method, instruments=tuple(instruments))
        value, attained = hi, True
    if hi is not None and (value > hi or (value == hi and not attained)):
        return Design(Amounts(), None, None, (), cert_fail, exact, False,
                      f"the cap {name} <= {_text(hi)} is below the least value that makes the target the only "
                      f"equilibrium ({name} {'>=' if attained else '>'} {_text(value)})", "unique",
                      prob.target_labels, method=method, instruments=tuple(instruments))
    cost = prob.c0 + c1 * value
    if budget is not None and cost > budget:
        return Design(Amounts(), None, None, (), cert_fail, exact, False,
                      f"the budget (cost <= {_text(budget)}) is below the least cost {_text(cost)} of a unique "
                      f"implementation ({name} {'>=' if attained else '>'} {_text(value)})", "unique",
                      prob.target_labels, method=method, instruments=tuple(instruments))
    designed = _apply(game, instruments, {prob.symbols[name]: value})
    verdict = _only_equilibrium(as_normal_form(designed, _WHERE), prob.target) if attained else None
    cert = DesignCertificate(method, "optimal", (), cost, bool(verdict) if attained else False)
    is_exact = exact and isinstance(value, Fraction)
    return Design(Amounts({prob.symbols[name]: value}), instrument_cost(designed, prob.target).total, designed,
                  (f"{name} = {_text(value)}: the least value from which the target stays the only equilibrium",),
                  cert, is_exact, True, "" if attained else "the least cost is an infimum, not attained", "unique",
                  prob.target_labels, attained, method=method, instruments=tuple(instruments))


def _relabel(d: Design, concept: str, *, reason: str | None = None, note: str | None = None) -> Design:
    from dataclasses import replace

    changes: dict[str, Any] = {"concept": concept}
    if reason is not None:
        changes["reason"] = reason
    if note is not None:
        changes["reason"] = note
    return replace(d, **changes)


# ----------------------------------------------------------------------------------------------- parameters


def _free(prob: _Problem) -> list[sympy.Symbol]:
    syms: set[sympy.Symbol] = set()
    for v in [*(x for r in prob.rows for x in r), *prob.rhs, *prob.c, prob.c0]:
        if isinstance(v, sympy.Basic):
            syms |= {s for s in v.free_symbols if isinstance(s, sympy.Symbol)}
    return sorted(syms, key=lambda s: s.name)


def _at_point(v: Any, sub: Mapping[sympy.Symbol, Any]) -> Any:
    if isinstance(v, sympy.Basic):
        return _as_plain(v.xreplace(sub))
    return v


def _numeric(prob: _Problem, point: Mapping[str, Any], params: Sequence[sympy.Symbol]) -> _Problem:
    sub = {s: sympy.sympify(point[s.name]) for s in params if s.name in point}
    return _Problem(prob.names, prob.symbols, [[_at_point(v, sub) for v in r] for r in prob.rows],
                    [_at_point(v, sub) for v in prob.rhs], list(prob.labels), list(prob.strict_rows),
                    [_at_point(v, sub) for v in prob.c], _at_point(prob.c0, sub), prob.target, prob.target_labels,
                    prob.base)


def _point_text(point: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={_text(v)}" for k, v in point.items())


def _robust(game: GameBase, instruments: list[Any], prob: _Problem, params: Sequence[sympy.Symbol],
            points: list[dict[str, Any]], bounds: dict[str, tuple[Any, Any]], budget: Any, concept: str,
            margin: Any, is_box: bool, max_constraints: int) -> Design:
    cost_varies = any(isinstance(v, sympy.Basic) and v.free_symbols for v in [*prob.c, prob.c0])
    if is_box:
        for v in [*(x for r in prob.rows for x in r), *prob.rhs, *prob.c, prob.c0]:
            if isinstance(v, sympy.Basic):
                for s in params:
                    if v.has(s) and (not v.is_polynomial(s) or sympy.degree(v, s) > 1):
                        raise NotSupportedError(
                            f"{_WHERE}: box= checks the box's vertices, which suffices when every condition is "
                            f"affine in each parameter separately; {v} is not affine in {s}. Use scenarios= with a "
                            "grid of values instead")
    check_size(_WHERE, len(prob.rows) * len(points), max_constraints,
               what="the number of equilibrium constraints over all scenarios", limit_name="max_constraints")
    rows: list[list[Any]] = []
    rhs: list[Any] = []
    labels: list[str] = []
    strict: list[int] = []
    for point in points:
        num = _numeric(prob, point, params)
        offset = len(rows)
        rows += num.rows
        rhs += num.rhs
        labels += [f"{lab} [at {_point_text(point)}]" for lab in num.labels]
        strict += [offset + j for j in num.strict_rows]
    if not cost_varies:
        stacked = _Problem(prob.names, prob.symbols, rows, rhs, labels, strict, list(prob.c), prob.c0, prob.target,
                           prob.target_labels, prob.base)
        _add_bounds(stacked, bounds, budget)
    else:
        # the cost differs between scenarios: minimise the worst case z, with z >= the cost in every scenario
        worst = "worst-case cost"
        k = len(prob.names)
        rows = [list(r) + [0] for r in rows]
        for point in points:
            num = _numeric(prob, point, params)
            rows.append([-v for v in num.c] + [1])
            rhs.append(num.c0)
            labels.append(f"the worst-case cost bounds the cost [at {_point_text(point)}]")
        stacked = _Problem([*prob.names, worst], {**prob.symbols, worst: sympy.Dummy("worst")}, rows, rhs, labels,
                           strict, [0] * k + [1], 0, prob.target, prob.target_labels, prob.base)
        _add_bounds(stacked, {**bounds, worst: (None, None)}, None)
        if budget is not None:
            stacked.rows.append([0] * k + [-1])
            stacked.rhs.append(-budget)
            stacked.labels.append(f"the budget (cost <= {_text(budget)} in every scenario)")
    exact = _is_exact([*(x for r in stacked.rows for x in r), *stacked.rhs, *stacked.c, stacked.c0]) and _exact_game(game)
    if margin is not None and not isinstance(margin, Fraction):
        exact = False
    result = _solve_problem(game, instruments, stacked, concept, margin, exact)
    kind = "the vertices of the box" if is_box else "every scenario"
    from dataclasses import replace

    values = Amounts({sym: v for sym, v in result.values.items() if sym in prob.symbols.values()})
    return replace(result, values=values, method=f"{result.method}; robust over {kind} ({len(points)} points)"
                   + ("; the worst-case cost is minimised (certificate.lower_bound)" if cost_varies else ""))


def _complete_basis(G: list[list[Any]], h: list[Any], x: Sequence[Any], basis: Sequence[int], k: int) -> list[int] | None:
    """``k`` independent rows, starting with the dual basis and completed by other tight rows."""
    chosen: list[int] = []
    tight = [j for j in range(len(G)) if sum((g * v for g, v in zip(G[j], x)), 0) == h[j]]
    for j in [*basis, *[t for t in tight if t not in basis]]:
        trial = chosen + [j]
        if sympy.Matrix([G[t] for t in trial]).rank() == len(trial):
            chosen = trial
        if len(chosen) == k:
            return chosen
    return None


def _parametric(game: GameBase, instruments: list[Any], prob: _Problem, params: Sequence[sympy.Symbol],
                points: list[dict[str, Any]], bounds: dict[str, tuple[Any, Any]], budget: Any, concept: str,
                margin: Any) -> Design:
    """Cost and amounts as functions of the parameters, basis by basis (one basis per point of ``at=``)."""
    sym_prob = _Problem(prob.names, prob.symbols, [list(r) for r in prob.rows], list(prob.rhs), list(prob.labels),
                        list(prob.strict_rows), list(prob.c), prob.c0, prob.target, prob.target_labels, prob.base)
    _add_bounds(sym_prob, bounds, budget)
    if margin is not None:
        for j in sym_prob.strict_rows:
            sym_prob.rhs[j] = sym_prob.rhs[j] + margin
    k = len(prob.names)
    pieces: dict[tuple[int, ...], tuple[list[Any], Any, Any, list[Any]]] = {}
    last_fail: Design | None = None
    for point in points:
        exact_point = {n: to_fraction(v) for n, v in point.items()}
        num = _numeric(sym_prob, exact_point, params)
        if not _is_exact([*(x for r in num.rows for x in r), *num.rhs, *num.c]):
            raise NotSupportedError(f"{_WHERE}: a parametric design needs exact numbers (no floats) in the game "
                                    "and the bounds; use Fractions or integers")
        sol = solve_exact(num.c, num.rows, num.rhs)
        if sol.status != "optimal":
            last_fail = _finish(game, instruments, num, sol, num.rows, num.rhs, num.c, True, concept,
                                "exact simplex (Fractions)")
            continue
        assert sol.x is not None
        basis = _complete_basis(num.rows, num.rhs, sol.x, sol.basis, k)
        if basis is None:
            raise NotSupportedError(f"{_WHERE}: at {_point_text(point)} the cheapest amounts are not unique, so they "
                                    "are not a function of the parameters; give numbers with game.subs(...)")
        key = tuple(basis)
        if key in pieces:
            continue
        GB = sympy.Matrix([[sympy.sympify(v) for v in sym_prob.rows[j]] for j in basis])
        hB = sympy.Matrix([sympy.sympify(sym_prob.rhs[j]) for j in basis])
        x = [sympy.simplify(v) for v in GB.LUsolve(hB)]
        y = [sympy.simplify(v) for v in GB.T.LUsolve(sympy.Matrix([sympy.sympify(v) for v in sym_prob.c]))]
        conds = [_relation(v, False) for v in y]
        for j, row in enumerate(sym_prob.rows):
            if j not in basis:
                slack = sympy.simplify(sum((sympy.sympify(g) * v for g, v in zip(row, x)), sympy.Integer(0))
                                       - sympy.sympify(sym_prob.rhs[j]))
                conds.append(_relation(slack, False))
        region = _conjunction(conds)
        cost = sympy.simplify(sympy.sympify(prob.c0) + sum((sympy.sympify(a) * b for a, b in zip(prob.c, x)),
                                                           sympy.Integer(0)))
        pieces[key] = (x, cost, region, y)
    if not pieces:
        assert last_fail is not None
        from dataclasses import replace

        return replace(last_fail, reason=last_fail.reason + " (at every point of at=)")
    items = list(pieces.items())
    if len(items) == 1:
        only, (x, cost, region, y) = items[0]
        values = Amounts({prob.symbols[n]: v for n, v in zip(prob.names, x)})
        binding = tuple(sym_prob.labels[j] for j in only)
        duals = tuple((sym_prob.labels[j], v) for j, v in zip(only, y) if v != 0)
    else:
        values = Amounts({prob.symbols[n]: sympy.Piecewise(*[(piece[0][i], piece[2]) for _, piece in items],
                                                           )
                          for i, n in enumerate(prob.names)})
        cost = sympy.Piecewise(*[(piece[1], piece[2]) for _, piece in items])
        region = sympy.Or(*[piece[2] for _, piece in items])
        binding = tuple(dict.fromkeys(sym_prob.labels[j] for basis, _ in items for j in basis))
        duals = ()
    designed = _apply(game, instruments, {prob.symbols[n]: v for n, v in zip(prob.names, values.values())})
    cert = DesignCertificate("exact simplex at each point of at=, optimal basis solved symbolically", "optimal",
                             duals, cost, True)
    attained = not (sym_prob.strict_rows and margin is None)
    note = "" if attained else "strict concept without margin=: the amounts are the infimum (boundary) values"
    return Design(values, cost, designed, binding, cert, True, True, note, concept, prob.target_labels, attained,
                  region, "parametric: optimal bases", tuple(instruments))


# ----------------------------------------------------------------------------------------------- front door


def _game(game: Any) -> GameBase:
    if isinstance(game, (NormalFormGame, SymbolicGame)):
        return game
    if isinstance(game, GameBase):
        raise InvalidGameTypeError(f"{_WHERE}: expected a NormalFormGame or SymbolicGame, got {type(game).__name__}")
    return as_normal_form(game, _WHERE)


def _exact_game(game: GameBase) -> bool:
    """A float NormalFormGame stays float (its integral payoffs included); exact and symbolic games are exact."""
    return not isinstance(game, NormalFormGame) or game.is_exact


def _points(at: Any) -> list[dict[str, Any]]:
    if isinstance(at, Mapping):
        at = [at]
    if not isinstance(at, (list, tuple)) or not at or not all(isinstance(a, Mapping) for a in at):
        raise InvalidArgumentTypeError(f"{_WHERE}: expected at= as a mapping from parameters to numbers, or a list "
                                       f"of them, got {describe(at)}")
    return [{(k.name if isinstance(k, sympy.Symbol) else k): _number(v, f"the value of {k}") for k, v in a.items()}
            for a in at]


@public
def design(game: GameLike, target: Sequence[Any], instruments: Any, concept: str = "nash",
           bounds: Mapping[Any, Any] | None = None, budget: Any = None, *, margin: Any = None,
           at: Any = None, scenarios: Any = None, box: Mapping[Any, Any] | None = None,
           max_constraints: int = MAX_CONSTRAINTS, max_scenarios: int = MAX_SCENARIOS) -> Design:
    """The cheapest amounts of the instruments that make ``target`` an equilibrium of the given kind.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or payoff arrays
    target : sequence
        The pure profile to implement (labels or indices of the designed
        game, after any :class:`~coopgame.Standard`).
    instruments : sequence of Subsidy, Penalty, Transfer, Standard
        Their amounts (a subsidy's ``amount``, a penalty's ``fine``, a
        transfer's ``amount``) are numbers (fixed) or one free symbol each
        (the unknowns; one symbol may serve several instruments). A penalty's
        detection probability is a number or a parameter of the game.
    concept : {"nash", "strict", "dominant", "strictly_dominant", "unique"}
        As in :func:`~coopgame.threshold`. ``"unique"``: the target is the
        game's only equilibrium, mixed ones included; solved exactly for one
        free amount (scanning the values where the equilibrium set changes)
        and, with several, when the cheapest Nash mix already leaves the
        target the only equilibrium or when strictly dominant mixes cost no
        more than Nash ones (otherwise :class:`~coopgame.NotSupportedError`).
    bounds : mapping, optional
        ``{amount: cap}`` or ``{amount: (lower, upper)}`` (either may be
        None). Amounts are non-negative unless a lower bound says otherwise.
    budget : number, optional
        The coordinator's outlay at the target may not exceed it.
    margin : number, optional
        For strict concepts: every deviation must lose at least this much.
        Without it the least cost of a strict implementation is an infimum;
        when no cheapest mix attains it, ``attained`` is False and the values
        are the boundary ones.
    at : mapping or list of mappings, optional
        For a game with parameters: the cost and the amounts as functions of
        the parameters, from the optimal basis at each point given, each
        with its region of validity (``region``; a ``Piecewise`` when the
        points need several bases).
    scenarios : list of mappings, or mapping from parameters to lists of values, optional
        Robust design: one mix that implements the target in every scenario
        (a grid when a mapping of lists is given). When the cost at the
        target differs between scenarios, the worst case is minimised (and
        the budget holds in every scenario).
    box : mapping from parameters to (low, high), optional
        Robust design over a box, through its vertices (exact when every
        condition is affine in each parameter separately; otherwise refused).
    max_constraints : int, default :data:`MAX_CONSTRAINTS`
        Limit on the number of equilibrium constraints, checked before they
        are built.
    max_scenarios : int, default :data:`MAX_SCENARIOS`
        Limit on the number of scenarios (grid points, box vertices).

    Returns
    -------
    Design
        ``.values``, ``.cost`` (equal to :func:`~coopgame.instrument_cost`
        of ``.game`` at the target), ``.game``, ``.binding``,
        ``.certificate``; ``bool(result)`` is False, with ``.reason`` naming
        the conflicting constraints and caps, when no mix works.

    Examples
    --------
    Two regions in a prisoner's dilemma; the coordinator can subsidise
    governing (paid on the path) or fine free-riding, detected half the
    time, with a legal cap of 2 on the fine:

    >>> import coopgame as cg
    >>> from coopgame.mechanisms import design
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True,
    ...                        actions=[["Govern", "Free-ride"]] * 2)
    >>> mix = [cg.Subsidy(p, "Govern", "s") for p in (0, 1)] + [
    ...        cg.Penalty(p, "Free-ride", "F", detection="1/2") for p in (0, 1)]
    >>> d = design(pd, ("Govern", "Govern"), mix, bounds={"F": 2})
    >>> d.values["s"], d.values["F"], d.cost
    (Fraction(1, 1), Fraction(2, 1), Fraction(2, 1))
    >>> d.binding
    ('Player 1: Govern rather than Free-ride', 'Player 2: Govern rather than Free-ride', 'the cap F <= 2')
    >>> broke = design(pd, ("Govern", "Govern"), mix, bounds={"F": 2}, budget=1)
    >>> bool(broke), broke.reason
    (False, 'these constraints cannot hold together: Player 1: Govern rather than Free-ride; the cap F <= 2; the budget (cost <= 1)')
    """
    concept = check_choice(concept, "concept", _WHERE, DESIGN_CONCEPTS)
    insts = _instrument_list(instruments)
    g = _game(game)
    game_names = {s.name for s in g.parameters} if isinstance(g, SymbolicGame) else set()
    symbols = _unknowns(insts, game_names)
    bnds = _bounds(bounds, list(symbols))
    budget = _number(budget, "the budget")
    max_constraints = check_int(max_constraints, "max_constraints", _WHERE, minimum=1)
    max_scenarios = check_int(max_scenarios, "max_scenarios", _WHERE, minimum=1)
    if margin is not None:
        if concept not in ("strict", "strictly_dominant"):
            raise InvalidArgumentError(f"{_WHERE}: margin= applies to concept='strict' or 'strictly_dominant', "
                                       f"got concept={concept!r}")
        margin = _number(margin, "margin")
        if margin <= 0:
            raise InvalidArgumentError(f"{_WHERE}: expected margin to be a positive number, got {margin}")
    prob = _build(g, insts, target, concept, symbols, max_constraints)
    params = _free(prob)
    if not params:
        if at is not None or scenarios is not None or box is not None:
            given = "at=" if at is not None else ("scenarios=" if scenarios is not None else "box=")
            raise InvalidArgumentError(f"{_WHERE}: {given} needs a game with parameters; this one has none")
        _add_bounds(prob, bnds, budget)
        exact = _is_exact([*(x for r in prob.rows for x in r), *prob.rhs, *prob.c, prob.c0]) and _exact_game(g)
        if isinstance(margin, float):
            exact = False
        if concept == "unique":
            def rebuild(other: str) -> _Problem:
                again = _build(g, insts, target, other, symbols, max_constraints)
                _add_bounds(again, bnds, budget)
                return again

            return _unique(g, insts, prob, bnds, budget, exact, rebuild)
        return _solve_problem(g, insts, prob, concept, margin, exact)
    if concept == "unique":
        raise NotSupportedError(f"{_WHERE}: concept='unique' needs numbers for the game's parameters "
                                f"({', '.join(s.name for s in params)}); use game.subs(...)")
    accepted = {s.name for s in params} | (
        {s.name for s in prob.base.parameters} if isinstance(prob.base, SymbolicGame) else set())
    points = _scenario_list(scenarios, box, params, accepted, max_scenarios)
    if points is not None:
        if at is not None:
            raise InvalidArgumentError(f"{_WHERE}: expected at= (parametric) or scenarios=/box= (robust), not both")
        return _robust(g, insts, prob, params, points, bnds, budget, concept, margin, box is not None,
                       max_constraints)
    if at is not None:
        pts = _points(at)
        names = {s.name for s in params}
        for p in pts:
            check_options(_WHERE, p, accepted, what="parameter")
            missing = names - set(p)
            if missing:
                raise UnresolvedParameterError(f"{_WHERE}: expected at= to give every parameter a value, missing "
                                               f"{', '.join(sorted(missing))}")
        return _parametric(g, insts, prob, params, pts, bnds, budget, concept, margin)
    raise UnresolvedParameterError(
        f"{_WHERE}: the game has free parameters ({', '.join(s.name for s in params)}): give numbers with "
        "game.subs(...), a reference point with at= (cost as a function of the parameters), or scenarios=/box= "
        "(one mix for every scenario)")
