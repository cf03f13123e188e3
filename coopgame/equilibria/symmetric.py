"""Equilibria of symmetric (anonymous) N-player games, computed on count vectors.

Two solvers, both reached through the front doors
:func:`~coopgame.pure_equilibria` and :func:`~coopgame.mixed_equilibria` when
they are given a :class:`~coopgame.games.symmetric.SymmetricGame`:

* :func:`symmetric_pure_equilibria` -- every pure count profile (how many
  players choose each action) at which no player gains by switching. Any
  number of actions; vectorised over the profiles.
* :func:`symmetric_mixed_equilibria` -- every symmetric equilibrium (all
  players use the same mixed strategy), the pure symmetric ones included, for
  two actions. With ``p`` the probability of the first action, the others'
  number of first-action players is Binomial(N - 1, p) and the expected
  payoff difference of the two actions is the Bernstein polynomial
  ``D(p) = sum_k C(N-1, k) p^k (1-p)^(N-1-k) d_k``, where ``d_k`` is the payoff
  difference when ``k`` others play the first action. The interior equilibria
  are the roots of ``D`` in ``(0, 1)``; ``p = 1`` is an equilibrium when
  ``D(1) >= 0`` and ``p = 0`` when ``D(0) <= 0``.

How the roots are found
-----------------------
``D`` is evaluated with binomial probabilities in log space (log binomial
coefficients from exact integers up to N = 30,000; each evaluation
sums only the terms within 12 standard deviations of the mean, neglecting a
relative mass below 1e-19), on a grid uniform in ``arcsin(sqrt(p))`` -- the
scale on which the binomial's spread is constant -- with ``16 sqrt(N) + 400``
points, so that roots within ``1 / N`` of 0 or 1 are resolved. Each sign
change is refined with Brent's method. The number of roots in ``(0, 1)``,
counted with multiplicity, is at most the number ``V`` of sign changes of the
coefficients ``d_k`` (Descartes' rule for the Bernstein basis); while fewer
than ``V`` roots are found, every grid point where ``|D|`` has a local minimum
without a sign change is examined by a bounded minimisation: a dip across
zero by more than ``game.tolerance`` gives two roots, and an extremum within
the tolerance of zero a tangential root (two roots between which ``|D|``
stays within the tolerance are merged into one). Every equilibrium returned has regret within tolerance.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame._numeric import format_number
from coopgame.equilibria.result import Equilibrium, payoff_column
from coopgame.errors import DegenerateGameWarning, InvalidGameError, NotSupportedError
from coopgame.games.symmetric import SymmetricGame, composition_rank, compositions
from coopgame.results import Result, Solutions

__all__ = ["SymmetricEquilibrium", "symmetric_mixed_equilibria", "symmetric_pure_equilibria"]


@public
@dataclass(frozen=True)
class SymmetricEquilibrium(Result):
    """An equilibrium of a :class:`~coopgame.games.symmetric.SymmetricGame`.

    A pure equilibrium is a *count profile*: how many players choose each
    action (which players do so does not matter). A symmetric equilibrium is
    a mixed strategy used by every player. A pure profile with everyone on
    one action is both, and then both attributes are set.

    Attributes
    ----------
    game : SymmetricGame
    counts : tuple of int or None
        Number of players on each action (pure equilibria), else None.
    strategy : tuple or None
        The common probability vector (symmetric equilibria), else None.
    action_payoffs : tuple
        Payoff of a player on each action: for a pure profile, that of the
        players choosing it (None for unused actions); for a mixed strategy,
        the expected payoff of each action against the others.
    method : str
        ``"symmetric_pure"`` or ``"symmetric_mixed"``.
    payoffs : tuple
        Each player's payoff, one per player as for every equilibrium (players
        ordered as in :attr:`strategies`).

    Examples
    --------
    >>> from coopgame.games.symmetric import SymmetricGame
    >>> from coopgame.equilibria.symmetric import symmetric_pure_equilibria
    >>> def payoff(own, counts):  # volunteer's dilemma, b = 2, c = 1
    ...     return (2 if counts[0] + (own == 0) else 0) - (own == 0)
    >>> game = SymmetricGame(3, ["Volunteer", "Abstain"], payoff, exact=True)
    >>> eq = symmetric_pure_equilibria(game)[0]
    >>> eq
    SymmetricEquilibrium(Volunteer 1, Abstain 2; payoffs Volunteer 1, Abstain 2)
    >>> eq.counts, eq.payoff, eq.max_regret()
    ((1, 2), Fraction(5, 3), Fraction(0, 1))
    >>> eq.payoffs, eq.action_payoffs
    ((Fraction(1, 1), Fraction(2, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(2, 1)))
    """

    game: SymmetricGame = field(repr=False)
    counts: tuple[int, ...] | None
    strategy: tuple[Any, ...] | None
    action_payoffs: tuple[Any, ...]
    method: str = ""

    @property
    def is_pure(self) -> bool:
        """True for a pure count profile."""
        return self.counts is not None

    @property
    def is_symmetric(self) -> bool:
        """True when every player uses the same (possibly mixed) strategy."""
        return self.strategy is not None

    @property
    def is_exact(self) -> bool:
        """True when the strategies and payoffs are exact Fractions."""
        if self.strategy is not None:
            return all(isinstance(v, Fraction) for v in self.strategy)
        return self.game.is_exact

    def _player_actions(self) -> list[int] | None:
        """The action of each player of a count profile (first ``counts[0]`` on the first action, ...)."""
        if self.counts is None:
            return None
        return [a for a, c in enumerate(self.counts) for _ in range(c)]

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Each player's payoff, in the order of :attr:`strategies` (one per player, like every equilibrium)."""
        actions = self._player_actions()
        if actions is not None:
            return tuple(self.action_payoffs[a] for a in actions)
        return (self.payoff,) * self.game.num_players

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the actions each player uses (in the order of :attr:`strategies`)."""
        actions = self._player_actions()
        if actions is not None:
            return tuple((a,) for a in actions)
        assert self.strategy is not None
        used = tuple(a for a, p in enumerate(self.strategy) if p > 0)
        return (used,) * self.game.num_players

    @property
    def support_labels(self) -> tuple[tuple[str, ...], ...]:
        """Labels of the actions each player uses."""
        return tuple(tuple(self.game.actions[a] for a in s) for s in self.support)

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """One probability vector per player, as :attr:`Equilibrium.strategies <coopgame.Equilibrium.strategies>`.

        A symmetric equilibrium gives every player :attr:`strategy`; a pure
        count profile puts the first ``counts[0]`` players on the first action,
        the next ``counts[1]`` on the second, and so on (as :meth:`to_equilibrium`).
        Exact games give Fractions.

        >>> from coopgame.games.symmetric import SymmetricGame
        >>> from coopgame.equilibria.symmetric import symmetric_pure_equilibria
        >>> game = SymmetricGame(3, ["Volunteer", "Abstain"],
        ...                      lambda own, counts: (2 if counts[0] + (own == 0) else 0) - (own == 0), exact=True)
        >>> [list(map(str, s)) for s in symmetric_pure_equilibria(game)[0].strategies]
        [['1', '0'], ['0', '1'], ['0', '1']]
        """
        m, n = self.game.num_actions, self.game.num_players
        exact = self.game.is_exact
        if self.strategy is not None and (self.counts is None or max(self.counts) == n):
            values = list(self.strategy)  # Fractions, or floats (also for irrational roots of exact games)
            rational = all(isinstance(v, Fraction) for v in values)
            vec = np.array(values, dtype=object) if rational else np.array([float(v) for v in values])
            return tuple(vec.copy() for _ in range(n))
        out = []
        for a in self._player_actions() or ():
            vec = np.array([Fraction(0)] * m, dtype=object) if exact else np.zeros(m)
            vec[a] = Fraction(1) if exact else 1.0
            out.append(vec)
        return tuple(out)

    @property
    def payoff(self) -> Any:
        """Average payoff per player (the common expected payoff for a symmetric equilibrium)."""
        if self.counts is not None:
            n = self.game.num_players
            total = sum((c * v for c, v in zip(self.counts, self.action_payoffs) if c),
                        Fraction(0) if self.game.is_exact else 0.0)
            return total / n if self.game.is_exact else float(total) / n
        assert self.strategy is not None
        return sum(p * v for p, v in zip(self.strategy, self.action_payoffs))

    @public
    def max_regret(self) -> Any:
        """Largest gain of a player from deviating (exactly 0 for exact pure equilibria; within ``game.tolerance`` otherwise)."""
        if self.counts is not None:
            return self.game.count_regret(self.counts)
        assert self.strategy is not None
        return self.game.regret(np.array(self.strategy, dtype=object if isinstance(self.strategy[0], Fraction) else float))

    @public
    def is_verified(self) -> bool:
        """True when :meth:`max_regret` is within the game's tolerance (float tolerance for float strategies)."""
        r = self.max_regret()
        return bool(r <= (0 if isinstance(r, Fraction) else self.game.float_tolerance))

    @public
    def to_equilibrium(self) -> Equilibrium:
        """This equilibrium as an :class:`~coopgame.Equilibrium` of ``game.to_normal_form()`` (small games).

        For a pure count profile the first ``counts[0]`` players take the first
        action, the next ``counts[1]`` the second, and so on.
        """
        nf = self.game.to_normal_form()
        if self.counts is not None:
            return Equilibrium(nf, tuple(self._player_actions() or ()), method=self.method)
        assert self.strategy is not None
        return Equilibrium(nf, (list(self.strategy),) * self.game.num_players, method=self.method)

    @public
    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, actions by label."""
        labels = self.game.actions
        return {
            "counts": None if self.counts is None else dict(zip(labels, self.counts)),
            "strategy": None if self.strategy is None else dict(zip(labels, self.strategy)),
            "action_payoffs": dict(zip(labels, self.action_payoffs)),
            "payoff": self.payoff,
            "method": self.method,
        }

    def _describe(self) -> str:
        labels = self.game.actions
        if self.counts is not None:
            return ", ".join(f"{labels[a]} {c}" for a, c in enumerate(self.counts) if c)
        assert self.strategy is not None
        return "everyone " + " + ".join(f"{format_number(p)} {labels[a]}" for a, p in enumerate(self.strategy) if p > 0)

    def _frame_row(self) -> dict[str, Any]:
        """One table row: the profile in words, the payoff of the players on each action, the average payoff."""
        row: dict[str, Any] = {"profile": self._describe()}
        for label, v in zip(self.game.actions, self.action_payoffs):
            row[payoff_column(f"{label} players")] = v
        row[payoff_column("average")] = self.payoff
        row["method"] = self.method
        return row

    def __repr__(self) -> str:
        labels = self.game.actions
        if self.counts is not None:
            pays = ", ".join(f"{labels[a]} {format_number(v)}" for a, v in enumerate(self.action_payoffs) if v is not None)
            return f"SymmetricEquilibrium({self._describe()}; payoffs {pays})"
        return f"SymmetricEquilibrium({self._describe()}; payoff {format_number(self.payoff)})"


def _require(game: Any, func: str) -> SymmetricGame:
    if not isinstance(game, SymmetricGame):
        raise InvalidGameError(f"{func}: expected a SymmetricGame, got {type(game).__name__}")
    return game


# ---------------------------------------------------------------------- pure
@public
def symmetric_pure_equilibria(game: SymmetricGame) -> Solutions[SymmetricEquilibrium]:
    """All pure equilibria of a symmetric game, as count profiles.

    A count profile ``n`` (``n[a]`` players on action ``a``, summing to ``N``)
    is an equilibrium when a player on any used action ``a``, who sees the
    others' counts ``n - e_a``, gains nothing by switching to any action
    ``b``: ``payoff(a, n - e_a) >= payoff(b, n - e_a)`` (exactly for exact
    games, within ``game.tolerance`` otherwise).

    Parameters
    ----------
    game : SymmetricGame

    Returns
    -------
    Solutions of SymmetricEquilibrium
        All of them (``is_complete``), in the order of :func:`~coopgame.games.symmetric.compositions` (most
        players on the first action first).

    Examples
    --------
    A threshold public good: 5 regions, the good (worth 3 to each) exists when
    at least 3 govern at cost 2.

    >>> from coopgame.games.symmetric import SymmetricGame
    >>> from coopgame.equilibria.symmetric import symmetric_pure_equilibria
    >>> game = SymmetricGame(5, ["Govern", "Free-ride"],
    ...                      lambda own, c: 3 * (c[0] + (own == 0) >= 3) - 2 * (own == 0))
    >>> symmetric_pure_equilibria(game)
    [SymmetricEquilibrium(Govern 3, Free-ride 2; payoffs Govern 1, Free-ride 3),
     SymmetricEquilibrium(Free-ride 5; payoffs Free-ride 0)]
    """
    game = _require(game, "symmetric_pure_equilibria")
    n, m = game.num_players, game.num_actions
    table = game.table
    tol = game.tolerance
    best = table.max(axis=0)
    if game.is_exact:
        br = np.array(table == best[None, :], dtype=bool)
    else:
        br = table >= best[None, :] - tol
    if m == 2:
        j = np.arange(n + 1)  # players on the second action
        ok = np.ones(n + 1, dtype=bool)
        ok[: n] &= br[0, j[: n]]  # a player on action 0 sees j others on action 1
        ok[1:] &= br[1, j[1:] - 1]
        full = np.stack([n - j, j], axis=1)
    else:
        full = compositions(n, m)
        ok = np.ones(len(full), dtype=bool)
        for a in range(m):
            rows = np.flatnonzero(full[:, a] > 0)
            others = full[rows].copy()
            others[:, a] -= 1
            ok[rows] &= br[a, composition_rank(others, n - 1)]
    out = []
    for row in full[ok]:
        counts = tuple(int(c) for c in row)
        strategy = None
        if max(counts) == n:
            one, zero = (Fraction(1), Fraction(0)) if game.is_exact else (1.0, 0.0)
            strategy = tuple(one if c else zero for c in counts)
        out.append(SymmetricEquilibrium(game, counts, strategy, game.profile_payoffs(counts), "symmetric_pure"))
    return Solutions(out, method="symmetric_pure", is_exact=game.is_exact, is_complete=True)


# ---------------------------------------------------------------------- mixed, two actions
def _log_binomials(n: int) -> np.ndarray:
    """``log C(n, k)`` for ``k = 0..n``: correctly rounded from exact integers up to ``n = 30000``, else by gammaln."""
    if n > 30000:
        from scipy.special import gammaln

        lg = gammaln(np.arange(n + 1) + 1.0)
        return gammaln(n + 1.0) - lg - lg[::-1]
    out = np.empty(n + 1)
    half, c = n // 2, 1
    for k in range(half + 1):
        out[k] = math.log(c)
        c = c * (n - k) // (k + 1)
    out[n - half:] = out[: half + 1][::-1]
    return out


class _Bernstein:
    """``D(p) = sum_k C(n, k) p^k q^(n - k) d[k]`` (``q = 1 - p``) evaluated in log space near the mean.

    Points are given as pairs ``(p, q)`` so that both stay accurate near 0 and 1.
    """

    def __init__(self, d: np.ndarray) -> None:
        self.d = d
        self.n = n = len(d) - 1
        self.log_c = _log_binomials(n)

    def values(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """D at the points ``(p[i], q[i])``, vectorised in chunks."""
        p = np.asarray(p, dtype=float)
        q = np.asarray(q, dtype=float)
        out = np.empty(p.shape)
        d, n = self.d, self.n
        edge0, edge1 = p <= 0, q <= 0
        out[edge0] = d[0]
        out[edge1] = d[n]
        inner = np.flatnonzero(~(edge0 | edge1))
        if inner.size == 0:
            return out
        pi, qi = p[inner], q[inner]
        with np.errstate(divide="ignore", invalid="ignore"):
            lp = np.where(pi < 0.5, np.log(pi), np.log1p(-qi))
            lq = np.where(qi < 0.5, np.log(qi), np.log1p(-pi))
        half = np.ceil(12 * np.sqrt(n * pi * qi) + 25).astype(np.int64)
        mu = np.floor(n * pi).astype(np.int64)
        lo, hi = np.maximum(mu - half, 0), np.minimum(mu + half, n)
        width = int((hi - lo).max()) + 1
        chunk = max(1, 4_000_000 // width)
        offsets = np.arange(width)
        for s in range(0, inner.size, chunk):
            sl = slice(s, s + chunk)
            k = lo[sl, None] + offsets[None, :]
            valid = k <= hi[sl, None]
            k = np.minimum(k, n)
            logpmf = self.log_c[k] + k * lp[sl, None] + (n - k) * lq[sl, None]
            w = np.where(valid, np.exp(logpmf), 0.0)
            out[inner[sl]] = (w * d[k]).sum(axis=1)
        return out

    @staticmethod
    def point(side: int, angle: float) -> tuple[float, float]:
        """``(p, q)`` of an angle: ``p = sin^2`` on side 0, ``q = sin^2`` on side 1 (accurate near 0 and 1)."""
        s, c = math.sin(angle) ** 2, math.cos(angle) ** 2
        return (s, c) if side == 0 else (c, s)

    def at(self, side: int, angle: float) -> float:
        p, q = self.point(side, angle)
        return float(self.values(np.array([p]), np.array([q]))[0])


def _sign_changes(d: np.ndarray) -> int:
    s = np.sign(d)
    s = s[s != 0]
    return int(np.count_nonzero(s[1:] != s[:-1]))


def _interior_roots(d: np.ndarray, tol: float) -> list[tuple[float, float]]:
    """Every root ``(p, 1 - p)`` of the Bernstein polynomial with coefficients ``d`` with ``0 < p < 1``.

    The grid is uniform in ``arcsin(sqrt(p))``: angles ``a`` in ``[0, pi/4]``
    give ``p = sin(a)^2`` (side 0) and then ``1 - p = sin(a)^2`` (side 1).
    """
    from scipy.optimize import brentq, minimize_scalar

    bound = _sign_changes(d)
    if bound == 0:
        return []
    D = _Bernstein(d)
    n = D.n
    h = (int(16 * math.sqrt(n + 1)) + 400) // 2
    angles = np.linspace(0.0, math.pi / 4, h)
    side = np.concatenate([np.zeros(h, dtype=int), np.ones(h - 1, dtype=int)])
    ang = np.concatenate([angles, angles[-2::-1]])
    sin2 = np.sin(ang) ** 2
    cos2 = np.cos(ang) ** 2
    p = np.where(side == 0, sin2, cos2)
    q = np.where(side == 0, cos2, sin2)
    p[0], q[0], p[-1], q[-1] = 0.0, 1.0, 1.0, 0.0
    size = len(p)
    vals = D.values(p, q)
    sign = np.sign(vals)
    eps = np.finfo(float).eps

    def interval(i: int, j: int) -> tuple[int, float, float]:
        """Side and angle bracket covering grid points ``i < j``."""
        if side[i] == 1 and side[j] == 1:
            return 1, float(ang[j]), float(ang[i])
        def to0(k):
            return float(ang[k]) if side[k] == 0 else math.pi / 2 - float(ang[k])
        return 0, to0(i), to0(j)

    def root(sd: int, a: float, b: float) -> tuple[float, float]:
        # root to machine precision in the angle (xtol: no absolute floor, so roots near 0 or 1 keep
        # their relative accuracy); not the payoff tolerance, which judges the regret afterwards
        x = brentq(lambda t: D.at(sd, t), a, b, xtol=1e-300, rtol=4 * eps, maxiter=200)
        return D.point(sd, x)

    roots: list[tuple[float, float]] = []
    i = 1
    while i < size - 1:  # exact zeros at interior grid points: one root per run of zeros
        if sign[i] == 0:
            j = i
            while j + 1 < size - 1 and sign[j + 1] == 0:
                j += 1
            mid = (i + j) // 2
            roots.append((float(p[mid]), float(q[mid])))
            i = j + 1
        else:
            i += 1
    for a in range(size - 1):
        if sign[a] * sign[a + 1] < 0:
            roots.append(root(*interval(a, a + 1)))
    if len(roots) < bound - 1:
        absval = np.abs(vals)
        inner = np.arange(1, size - 1)
        cand = inner[(sign[inner - 1] == sign[inner]) & (sign[inner] == sign[inner + 1]) & (sign[inner] != 0)
                     & (absval[inner] <= absval[inner - 1]) & (absval[inner] <= absval[inner + 1])]
        cand = cand[np.argsort(absval[cand])][:400]
        for i in cand:
            s = float(sign[i])
            sd, lo, hi = interval(int(i) - 1, int(i) + 1)
            res = minimize_scalar(lambda t, s=s, sd=sd: s * D.at(sd, t), bounds=(lo, hi), method="bounded",
                                  # locate the extremum to a relative 1e-12 of the bracket (an angle, not a payoff)
                                  options={"xatol": 1e-12 * (hi - lo)})
            x, lowest = float(res.x), float(res.fun)  # lowest = s * D at x
            if lowest < -tol:
                roots.append(root(sd, lo, x))
                roots.append(root(sd, x, hi))
            elif lowest <= tol:
                roots.append(D.point(sd, x))
            if len(roots) >= bound:
                break
    roots = sorted(r for r in roots if r[0] > 0 and r[1] > 0)
    out: list[tuple[float, float]] = []
    for r in roots:
        if out:  # a double root split by rounding: D stays within tolerance between the two
            merged = ((r[0] + out[-1][0]) / 2, (r[1] + out[-1][1]) / 2)
            if abs(D.values(np.array([merged[0]]), np.array([merged[1]]))[0]) <= tol:
                out[-1] = merged
                continue
        out.append(r)
    return out


def _exact_root(d: list[Fraction], p: float) -> Fraction | None:
    """A rational root of the Bernstein polynomial near ``p``, if a small-denominator one exists."""
    n = len(d) - 1
    if n == 1:
        return d[0] / (d[0] - d[1])
    q = Fraction(p).limit_denominator(10**6)
    if not 0 < q < 1:
        return None
    value = sum(math.comb(n, k) * q**k * (1 - q) ** (n - k) * dk for k, dk in enumerate(d))
    return q if value == 0 else None


@public
def symmetric_mixed_equilibria(game: SymmetricGame) -> Solutions[SymmetricEquilibrium]:
    """All symmetric equilibria (the pure symmetric ones included) of a two-action symmetric game.

    Parameters
    ----------
    game : SymmetricGame
        With two actions (one action: the single strategy).

    Returns
    -------
    Solutions of SymmetricEquilibrium
        Ordered by decreasing probability of the first action. Interior
        equilibria have float strategies (exact Fractions when the game is
        exact and the root is a small-denominator rational, checked exactly,
        for up to 200 players).

    Raises
    ------
    NotSupportedError
        For more than two actions (use :func:`symmetric_pure_equilibria`).

    Warns
    -----
    DegenerateGameWarning
        When the two actions always pay the same (within tolerance): then
        every strategy is an equilibrium, and only the two pure ones are
        returned.

    Notes
    -----
    See the module documentation for the root finder. Cost: about
    ``(16 sqrt(N) + 400) * 24 sqrt(N)`` term evaluations; 10,000 players take
    well under a second.

    Examples
    --------
    The volunteer's dilemma (Diekmann 1985) with benefit 2 and cost 1: every
    player abstains with probability ``(c / b) ** (1 / (N - 1))``.

    >>> from coopgame.games.symmetric import SymmetricGame
    >>> from coopgame.equilibria.symmetric import symmetric_mixed_equilibria
    >>> def payoff(own, counts):
    ...     return (2 if counts[0] + (own == 0) else 0) - (own == 0)
    >>> game = SymmetricGame(3, ["Volunteer", "Abstain"], payoff)
    >>> [eq] = symmetric_mixed_equilibria(game)
    >>> eq
    SymmetricEquilibrium(everyone 0.2929 Volunteer + 0.7071 Abstain; payoff 1)
    >>> abs(eq.strategy[1] - 0.5 ** 0.5) < 1e-12
    True
    """
    game = _require(game, "symmetric_mixed_equilibria")
    m, n = game.num_actions, game.num_players
    if m > 2:
        raise NotSupportedError(
            f"symmetric_mixed_equilibria: expected a symmetric game with at most two actions, got {m}; "
            "use pure_equilibria(game) (symmetric_pure_equilibria) for all pure count profiles of any symmetric game"
        )
    exact = game.is_exact
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    if m == 1:
        only = SymmetricEquilibrium(game, (n,), (one,), (game.table[0, 0] if exact else float(game.table[0, 0]),),
                                    "symmetric_mixed")
        return Solutions([only], method="symmetric_mixed", is_exact=exact, is_complete=True)
    tol = game.tolerance
    # d[k]: payoff difference (first minus second action) when k others play the first action;
    # count vector number j has j others on the second action, so k = N - 1 - j.
    d_exact = (game.table[0] - game.table[1])[::-1]
    d = np.array(d_exact, dtype=float)
    note = ""
    if (np.all(d_exact == 0) if exact else bool(np.all(np.abs(d) <= tol))):
        note = ("the two actions pay the same against every count vector, so every symmetric strategy is an "
                "equilibrium; returning the two pure ones")
        warnings.warn(f"symmetric_mixed_equilibria: {note}", DegenerateGameWarning, stacklevel=2)
    points: list[Any] = []
    if (d_exact[n - 1] >= 0) if exact else (d[n - 1] >= -tol):
        points.append(one)
    # the root search runs in floating point, also for exact games (whose tolerance is 0): a
    # tangential root such as the double root of (3p - 2)**2 is only found within a float tolerance,
    # and is then confirmed exactly by _exact_root
    for r in reversed(_interior_roots(d, game.float_tolerance)):
        q = _exact_root(list(d_exact), r[0]) if exact and n <= 200 else None
        points.append((q, 1 - q) if q is not None else r)
    if (d_exact[0] <= 0) if exact else (d[0] <= tol):
        points.append(zero)
    out = []
    for point in points:
        strategy = point if isinstance(point, tuple) else (point, 1 - point)
        p = strategy[0]
        vec = np.array(strategy, dtype=object if isinstance(p, Fraction) else float)
        values = game.action_values(vec)
        payoffs = tuple(values.tolist()) if values.dtype == object else tuple(float(v) for v in values)
        counts = (n, 0) if p == 1 else (0, n) if p == 0 else None
        out.append(SymmetricEquilibrium(game, counts, strategy, payoffs, "symmetric_mixed"))
    exact_all = all(eq.is_exact for eq in out)
    return Solutions(out, method="symmetric_mixed", is_exact=exact_all, is_complete=not note, note=note)
