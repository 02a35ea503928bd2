"""Textual widgets of ``drafter edit``."""
