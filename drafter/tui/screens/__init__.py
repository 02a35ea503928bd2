"""Textual screens of ``drafter edit``."""
