"""``drafter schema``: the draft's JSON Schema, for editors that complete and check YAML."""

from __future__ import annotations

import argparse
import json

from drafter.errors import EXIT_OK
from drafter.model import Draft


def run(args: argparse.Namespace) -> int:
    print(json.dumps(Draft.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK
