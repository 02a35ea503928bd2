"""The report's language, defined once: characters, numerals, heading numbers, dates and words.

Import, check, ``--fix``, compose and the TUI all read the report through this package, so they
cannot disagree about what a Chinese character, a numeral, a date or a unit is.  Word lists are
data (``words.yaml``, shipped in the wheel); the modules hold only what must be code.
"""
