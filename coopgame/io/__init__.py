"""Reading and writing games: Gambit strategic-form (``.nfg``) files and a JSON/YAML game format.

Examples
--------
>>> import coopgame as cg
>>> from coopgame.io import read_nfg, write_nfg
>>> game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
>>> read_nfg(write_nfg(game)) == game
True
"""

from coopgame.io.gamefile import GameFile, game_from_dict, game_to_dict, parse_game, read_game, write_game_json
from coopgame.io.nfg import NfgContents, parse_nfg, read_nfg, write_nfg

__all__ = [
    "read_nfg", "write_nfg", "parse_nfg", "NfgContents",
    "read_game", "parse_game", "write_game_json", "game_from_dict", "game_to_dict", "GameFile",
]
