"""Reading and writing games: Gambit strategic-form (``.nfg``) files.

Examples
--------
>>> import coopgame as cg
>>> from coopgame.io import read_nfg, write_nfg
>>> game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
>>> read_nfg(write_nfg(game)) == game
True
"""

from coopgame.io.nfg import NfgContents, parse_nfg, read_nfg, write_nfg

__all__ = ["read_nfg", "write_nfg", "parse_nfg", "NfgContents"]
