"""Exceptions raised by coopgame.

Every exception coopgame raises on purpose is a :class:`CoopgameError`, so
``except CoopgameError`` catches them all. Each subclass also inherits the
built-in exception it stands for, so code that already catches
``ValueError`` or ``NotImplementedError`` keeps working.

Messages name the function that refused, what it expected and what it got.

Examples
--------
>>> import coopgame as cg
>>> try:
...     cg.NormalFormGame([[[1, 2], [3, 4]]])
... except cg.InvalidGameError as err:
...     print(type(err).__mro__[1].__name__, isinstance(err, ValueError))
CoopgameError True
"""

from __future__ import annotations

__all__ = [
    "CoopgameError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidArgumentError",
    "InvalidFileError",
    "UnresolvedParameterError",
    "InvalidTypeError",
    "InvalidGameTypeError",
    "InvalidArgumentTypeError",
    "NotSupportedError",
    "SolverLimitError",
    "SolverError",
    "CallbackError",
    "DegenerateGameWarning",
]


class CoopgameError(Exception):
    """Base class of every error raised by coopgame."""


class InvalidGameError(CoopgameError, ValueError):
    """The payoffs or labels given for a game are not a valid game."""


class InvalidProfileError(CoopgameError, ValueError):
    """A pure or mixed strategy profile does not fit the game."""


class InvalidArgumentError(CoopgameError, ValueError):
    """An option has a value the function does not accept (an unknown method or concept name)."""


class InvalidFileError(CoopgameError, ValueError):
    """A game file is malformed; the message names the line."""


class UnresolvedParameterError(CoopgameError, ValueError):
    """A numeric operation met a game whose payoffs still hold free symbols."""


class InvalidTypeError(CoopgameError, TypeError):
    """An argument is an object of the wrong kind (not a game, not a callable, not an integer).

    Raised as one of the two subclasses below, which are also the ValueError
    subclasses coopgame raised for these cases before, so ``except TypeError``,
    ``except ValueError`` and ``except InvalidGameError`` all catch them.
    """


class InvalidGameTypeError(InvalidTypeError, InvalidGameError):
    """Something that is not a game (of a kind the function accepts) was given where a game was expected."""


class InvalidArgumentTypeError(InvalidTypeError, InvalidArgumentError):
    """An option or argument is of the wrong type (a number where a function was expected, ...)."""


class CallbackError(InvalidArgumentError):
    """A function the user passed in (a payoff function, a value function, a strategy) raised.

    The message names the coopgame function, the callback's arguments and the
    original error, which is kept as ``__cause__``.
    """


class NotSupportedError(CoopgameError, NotImplementedError):
    """The operation is not available for this kind of game; the message says what is."""


class SolverLimitError(CoopgameError, ValueError):
    """The game is larger than an exponential algorithm accepts.

    The message names the limit that was hit and a method to use instead.
    """


class SolverError(CoopgameError, RuntimeError):
    """A solver failed to reach a verified answer (for example numerical trouble)."""


class DegenerateGameWarning(UserWarning):
    """A method that assumes a non-degenerate game met a degenerate one."""
