"""``python -m coopgame``: the same as the ``coopgame`` command."""

from coopgame.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
