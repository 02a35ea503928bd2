"""``drafter edit``: the terminal walk-through.  The only package that imports Textual."""
