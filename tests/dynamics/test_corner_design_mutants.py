"""The notebook table of a stabilising design (mutation testing, sampled run)."""

from __future__ import annotations

import html

from coopgame.dynamics import stabilising_design
from tests.dynamics.test_corner_design import LOCAL_FIRM, MIX


def test_notebook_table_names_its_rows_and_caption():
    res = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX, margin=1)
    text = res._repr_html_()
    assert ">StabilisingDesign</caption>" in text
    assert f"<tr><td>design</td><td>{html.escape(repr(res.design))}</td></tr>" in text
    assert "<tr><td>classification</td><td>stable</td></tr>" in text
    assert f"<tr><td>eigenvalues</td><td>{html.escape(str(res.eigenvalues))}</td></tr>" in text
