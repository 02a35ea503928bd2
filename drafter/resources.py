"""Where the data folders are: inside the installed package, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """``sections`` or ``templates``: shipped as drafter/<name> in the wheel, top level in git."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter 安装不完整：找不到数据目录 {name}/")
