"""The argument-checking layer's own refusals (coopgame._checks)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from coopgame._checks import check_int, check_mapping, check_real, check_size
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, SolverLimitError


@pytest.mark.parametrize("limit", [None, "junk", b"\x00", 1 + 2j, float("nan"), float("inf"), 2.5, -1, [3],
                                   np.full((2, 2), np.nan), True])
def test_check_size_refuses_a_limit_that_is_not_a_count(limit):
    with pytest.raises(InvalidArgumentError, match="f: expected max_size to be an integer >= 0"):
        check_size("f", 10, limit, what="the number of cells", limit_name="max_size")


def test_check_size_compares_python_integers():
    check_size("f", 10**30, 10**30, what="the work", limit_name="max_work")
    with pytest.raises(SolverLimitError, match="max_work=1,000"):
        check_size("f", 10**30, 1000.0, what="the work", limit_name="max_work")


@pytest.mark.parametrize("value", [3, [("a", 1)], "a", float("nan"), np.full((2, 2), np.nan), object()])
def test_check_mapping_refuses_what_is_not_a_mapping(value):
    with pytest.raises(InvalidArgumentTypeError, match="f: expected values as a mapping"):
        check_mapping(value, "values", "f")


def test_check_mapping_copies_and_reads_none_as_empty():
    given = {"a": 1}
    out = check_mapping(given, "values", "f")
    assert out == given and out is not given
    assert check_mapping(None, "values", "f") == {}


def test_check_int_names_both_bounds():
    with pytest.raises(InvalidArgumentError, match="expected n to be an integer >= 1 and <= 5, got 6"):
        check_int(6, "n", "f", minimum=1, maximum=5)


@pytest.mark.parametrize(("value", "exact", "expected"), [
    (3, False, 3.0), (3, True, 3), (2.5, False, 2.5), (np.float64(2.0), False, 2.0), (np.array(4.0), False, 4.0),
    (np.int64(4), True, 4), (Fraction(1, 3), True, Fraction(1, 3)), (Fraction(1, 4), False, 0.25),
    pytest.param(10 ** 299, True, 10 ** 299, id="299-digits")])
def test_check_real_accepts_numbers_and_keeps_exact_ones_exact(value, exact, expected):
    out = check_real(value, "x", "f", minimum=0, exact=exact)
    assert out == expected and type(out) is type(expected)


@pytest.mark.parametrize(("value", "kind", "text"), [
    (True, InvalidArgumentTypeError, "got True"), ("3", InvalidArgumentTypeError, "got '3'"),
    (float("nan"), InvalidArgumentError, "got nan"), (float("inf"), InvalidArgumentError, "got inf"),
    (-1, InvalidArgumentError, "got -1"), (np.array(-2.0), InvalidArgumentError, "got -2.0"),
    pytest.param(10 ** 400, InvalidArgumentError, "at most 300 digits, got 'an integer of about 401 digits'", id="401-digits"),
    # beyond the 4,300 digits str() converts: the count comes from the bits
    pytest.param(10 ** 5000, InvalidArgumentError, "an integer of about 5001 digits", id="5001-digits")])
def test_check_real_refuses_with_typed_errors(value, kind, text):
    with pytest.raises(kind, match=f"f: expected x to be a finite real number >= 0.*{text}"):
        check_real(value, "x", "f", minimum=0)


def test_probability_vector_reports_the_sum_as_given_and_clips_only_accepted_vectors():
    from coopgame._checks import probability_vector
    from coopgame.errors import InvalidProfileError

    with pytest.raises(InvalidProfileError, match=r"\(sum 1\)"):   # [1.5, -0.5] sums to 1; an entry is negative
        probability_vector([1.5, -0.5], 2, "x", "f")
    out = probability_vector([1.0 + 1e-12, -1e-12], 2, "x", "f")
    assert out.tolist() == [1.0 + 1e-12, 0.0] and not out.flags.writeable


@pytest.mark.parametrize("call, text", [
    (lambda g: g.apply(mechanisms=1), "GameBase.apply: got an unknown keyword argument 'mechanisms'; it takes no"),
    (lambda g: g.permute_players(ordr=[1, 0]), "permute_players: got an unknown keyword argument 'ordr' (did you mean"),
    (lambda g: g.to_latex(bogus=1), "to_latex: got an unknown keyword argument 'bogus'"),
])
def test_game_methods_refuse_unknown_keywords_with_a_typed_error(call, text):
    import coopgame as cg

    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    with pytest.raises(InvalidArgumentTypeError) as caught:
        call(game)
    assert text in str(caught.value)
