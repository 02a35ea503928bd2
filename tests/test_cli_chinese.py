"""Usage errors on the command line are said in Chinese, whatever argparse would say."""

from __future__ import annotations

import argparse
import re

import pytest

from drafter.cli import build_parser, main

COMMANDS = next(
    action.choices
    for action in build_parser()._actions
    if isinstance(action, argparse._SubParsersAction)
)


@pytest.mark.parametrize(
    "argv",
    [
        ["bulid", "d.yaml"],  # a command that does not exist
        ["build"],  # a required argument left out
        ["build", "d.yaml", "-o", "r.docx", "--format", "pdf2"],  # a choice not offered
        ["new", "-o", "d.yaml", "--year", "二〇二四"],  # not an integer
        ["build", "d.yaml", "-o"],  # an option without its value
        ["edit", "d.yaml", "--frobnicate"],  # an option nobody knows
    ],
)
def test_a_usage_error_is_said_in_chinese(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "用法" in said
    # Only the program's own names are spelled in Latin letters: commands, options, metavars.
    words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"--?[a-z][a-z-]*", "", said)))
    allowed = {"drafter", "bulid", "DRAFT", "yaml", "docx", "txt", "md", "pdf", "pdf2",
               "frobnicate", "json", "xlsx", "department", "county", *COMMANDS}  # fmt: skip
    assert words <= allowed, words - allowed
