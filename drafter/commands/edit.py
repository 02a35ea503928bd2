"""``drafter edit``: fill a draft section by section in the terminal.

The only module outside ``drafter/tui/`` that may import it, and only inside :func:`run`, so
every other command starts without Textual.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.errors import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from drafter.layout import load_layout
    from drafter.tui.app import DrafterApp
    from drafter.tui.session import DraftSession

    path = Path(args.draft)
    DraftSession.layout = load_layout(args.layout, args.plain_fonts)
    # A draft that exists is read before the screen starts: a broken file is reported like
    # any other command's input error, with its line, and no screen flashes up.
    session = DraftSession.load(path) if path.exists() else None
    app = DrafterApp(path, session)
    app.run()
    return int(app.return_code or EXIT_OK)
