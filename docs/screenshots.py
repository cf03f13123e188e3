"""Open the built documentation site in headless Chromium and save screenshots.

Usage (after ``make docs``)::

    python docs/screenshots.py [--site docs/_build/html] [--out docs/_build/screenshots]
        [--page index.html --page tutorials/free_riding.html ...]

For each page this saves ``<out>/<page>.png`` (a tall window, so that a
tutorial's figures and formulas are in the picture) and prints the files. It
also checks what a reader would notice first: that the page and every local
link and image it references exist in the built site, and that the page
loads MathJax when it shows formulas. Look at the screenshots: figures
render, the navigation bar is there, formulas are typeset.

Needs a Chromium binary (Debian: ``apt install chromium``); the path can be
given with ``--chromium``. Exit status 0 when every page was captured and
every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
DEFAULT_PAGES = ["index.html", "tutorials/free_riding.html", "auto_examples/index.html"]


class _Links(HTMLParser):
    """Collect href and src attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def check_page(site: Path, page: str) -> list[str]:
    """Problems a reader would see on ``page``: missing local links or images, formulas without MathJax."""
    path = site / page
    if not path.exists():
        return [f"{page}: not in the built site"]
    html = path.read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    problems = []
    for target in parser.targets:
        url = urlparse(target)
        if url.scheme or target.startswith(("#", "mailto:", "//")):
            continue
        local = url.path
        if local and not (path.parent / unquote(local)).resolve().exists():
            problems.append(f"{page}: broken local link or image {target!r}")
    if re.search(r'class="math', html) and "mathjax" not in html.lower():
        problems.append(f"{page}: shows formulas but does not load MathJax")
    return problems


def screenshot(chromium: str, site: Path, page: str, out: Path, width: int, height: int) -> Path:
    target = out / (page.replace("/", "__").removesuffix(".html") + ".png")
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--virtual-time-budget=8000", f"--window-size={width},{height}",
         f"--screenshot={target}", (site / page).resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=HERE / "_build" / "html")
    parser.add_argument("--out", type=Path, default=HERE / "_build" / "screenshots")
    parser.add_argument("--page", action="append", dest="pages", help="a page of the site (repeat)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args(argv)
    pages = args.pages or DEFAULT_PAGES
    if not args.chromium:
        print("screenshots: no chromium found (apt install chromium, or pass --chromium PATH)", file=sys.stderr)
        return 1
    if not (args.site / "index.html").exists():
        print(f"screenshots: no built site in {args.site} (run make docs first)", file=sys.stderr)
        return 1
    problems = [p for page in pages for p in check_page(args.site, page)]
    for page in pages:
        if (args.site / page).exists():
            print(screenshot(args.chromium, args.site, page, args.out, args.width, args.height))
    for problem in problems:
        print(f"screenshots: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
