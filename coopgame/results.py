"""The one result vocabulary: what every result object of coopgame shares.

* Results are frozen dataclasses that derive from :class:`Result`: they
  convert to plain Python (:meth:`Result.to_dict`) and show as a table in a
  notebook (``_repr_html_``).
* A result whose substance is one number or expression (a threshold, a
  critical discount factor) derives from :class:`ValueResult` and converts
  to that value: ``float(result)``, ``sympy.sympify(result)`` (compare
  ``result.value``, or the converted value).
* Solvers that find several objects (equilibria, rest points, networks)
  return a :class:`Solutions`: a list that also records the method that ran,
  whether the arithmetic was exact (``is_exact``), and whether the list is
  the whole set (``is_complete``) or part of it (one equilibrium from a
  path-following method, or isolated points without the continua).
  ``to_frame()`` gives a pandas DataFrame with one row per item.

The words are the same everywhere: ``is_exact``; ``support`` as action
indices (labels through ``support_labels``); ``payoffs`` as one value per
player.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from coopgame._checks import public

__all__ = ["Result", "ArrayResult", "ValueResult", "Solutions", "html_table"]

T = TypeVar("T")


def _plain(value: Any) -> Any:
    """Plain-Python form of a field: arrays to lists, results to dicts, exact numbers kept."""
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()] if value.dtype == object else value.tolist()
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value) if isinstance(value, list) else tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _cell(value: Any) -> str:
    from coopgame._numeric import format_number

    if isinstance(value, (Fraction, float, int, np.number)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.size <= 12:
        return "(" + ", ".join(_cell(v) for v in value) + ")"
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."


def html_table(rows: Iterable[Iterable[Any]], header: Iterable[Any] | None = None, caption: str | None = None) -> str:
    """A small HTML table (for ``_repr_html_``); cells are escaped."""
    out = ["<table>"]
    if caption:
        # on one line above the table: a caption wrapped to the width of a narrow payoff table is hard to read
        out.append(f'<caption style="caption-side: top; text-align: left; white-space: nowrap">'
                   f"{html.escape(caption)}</caption>")
    if header is not None:
        out.append("<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape(_cell(c))}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


class Result:
    """Base of coopgame's result dataclasses: ``to_dict()`` and a notebook table."""

    @public
    def to_dict(self) -> dict[str, Any]:
        """The public fields as plain Python (numpy arrays become lists; exact numbers stay exact)."""
        if not dataclasses.is_dataclass(self):  # pragma: no cover - every subclass is a dataclass
            raise TypeError(f"{type(self).__name__} is not a dataclass")
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self) if not f.name.startswith("_")}

    def _repr_html_(self) -> str:
        fields = self.to_dict()
        return html_table(((k, v) for k, v in fields.items()), caption=type(self).__name__)


def _key(value: Any) -> Any:
    """A hashable stand-in for a field: arrays by dtype kind, shape and entries."""
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.kind == "O", value.shape, tuple(_key(v) for v in value.reshape(-1).tolist()))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):  # order-free, and keys need not be sortable (sympy symbols)
        return ("dict", frozenset((k, _key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and not _hashable(value):
        return (type(value).__name__, _compared_key(value))  # a nested record holding arrays: by its fields
    return value


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _compared_key(obj: Any) -> tuple[Any, ...]:
    """The hashable stand-ins of a dataclass's compared fields (``field(compare=False)`` left out, as a cache)."""
    return tuple(_key(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.compare)


class ArrayResult(Result):
    """A result dataclass with array fields: equality and hash compare the arrays' entries.

    Subclasses are declared ``@dataclass(frozen=True, eq=False)`` so that
    these hand-written ``__eq__`` and ``__hash__`` stand (the generated ones
    fail on arrays).
    """

    def _fields_key(self) -> tuple[Any, ...]:
        return _compared_key(self)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, ArrayResult)
        return self._fields_key() == other._fields_key()

    def __hash__(self) -> int:
        return hash(self._fields_key())


class ValueResult(Result):
    """A result whose substance is one value (``.value``): ``float()`` and ``sympy.sympify()`` give that value."""

    value: Any

    def __float__(self) -> float:
        return float(self.value)

    def _sympy_(self) -> Any:
        import sympy

        return sympy.sympify(self.value)

    def _repr_latex_(self) -> str | None:
        import sympy

        expr = sympy.sympify(self.value)
        return f"${sympy.latex(expr)}$"


class Solutions(list[T]):
    """A list of solutions that also says how it was found.

    Attributes
    ----------
    method : str
        The algorithm that ran.
    is_exact : bool
        True when the arithmetic was exact rational arithmetic.
    is_complete : bool
        True when the list is the whole set the method looks for; False when
        it is part of it (one equilibrium from Lemke-Howson, or the isolated
        equilibria without the continua of a degenerate game). ``note`` says
        which part.
    note : str
        What the list leaves out, when it is partial.

    Examples
    --------
    >>> import coopgame as cg
    >>> eqs = cg.mixed_equilibria(cg.models.prisoners_dilemma().numeric())
    >>> eqs.method, eqs.is_exact, eqs.is_complete
    ('vertex_enumeration', True, True)
    """

    method: str
    is_exact: bool
    is_complete: bool
    note: str

    def __init__(self, items: Iterable[T] = (), *, method: str = "", is_exact: bool = False,
                 is_complete: bool = True, note: str = "") -> None:
        super().__init__(items)
        self.method = method
        self.is_exact = is_exact
        self.is_complete = is_complete
        self.note = note

    def __reduce__(self) -> Any:
        return (_rebuild_solutions, (list(self), self.method, self.is_exact, self.is_complete, self.note))

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per item (each item's ``_frame_row()``)."""
        import pandas as pd

        rows = [item._frame_row() if hasattr(item, "_frame_row") else {"value": item} for item in self]
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        status = "complete" if self.is_complete else "partial" + (f" ({self.note})" if self.note else "")
        caption = f"{len(self)} found by {self.method or 'coopgame'}; {'exact' if self.is_exact else 'floats'}; {status}"
        if not self:
            return html_table([], caption=caption)
        frame = self.to_frame()
        return html_table(frame.itertuples(index=False), header=frame.columns, caption=caption)


def _rebuild_solutions(items: list[Any], method: str, is_exact: bool, is_complete: bool, note: str) -> Solutions[Any]:
    return Solutions(items, method=method, is_exact=is_exact, is_complete=is_complete, note=note)
