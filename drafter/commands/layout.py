"""``drafter layout``: print the default layout profile, with its Chinese comments, for a clerk
to copy, edit and use with ``--layout FILE``."""

from __future__ import annotations

import argparse
import sys

from drafter.errors import EXIT_OK
from drafter.layout import default_layout_text, load_layout


def run(args: argparse.Namespace) -> int:
    if args.layout:
        # Check an edited copy: a bad value is reported with its line like any input error.
        profile = load_layout(args.layout)
        print(
            f"{args.layout}：版式无误。行距 {profile.line_pitch_pt:g} 磅，"
            f"字距 {profile.char_spacing_twentieths / 20:+g} 磅，"
            f"版心 {profile.type_area_width_mm:g} × {profile.type_area_height_mm:g} 毫米。"
        )
        return EXIT_OK
    sys.stdout.write(default_layout_text())
    return EXIT_OK
