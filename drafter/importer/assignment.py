"""A one-to-one best assignment of rows to columns (Hungarian method), for small problems.

Used to match imported headings to the profile's sections, and lifted numbers to the
profile's figures: each row gets at most one column, each column at most one row, and the
total weight of the chosen pairs is the largest possible.  A row may stay unassigned; a pair
whose weight is ``None`` is never chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

Weights = Sequence[Sequence[int | None]]


def best_assignment(weights: Weights) -> list[int | None]:
    """For each row, the column it is given (or None), maximising the sum of the weights.

    ``weights[r][c]`` is the gain of giving column ``c`` to row ``r``: a positive integer,
    or None where the pair is not allowed.  Integers keep the optimum exact; ties between
    optima are broken by the order of the rows and columns, so a caller that wants a result
    independent of its input order passes them in a canonical order.
    """
    rows = len(weights)
    if not rows:
        return []
    columns = len(weights[0])
    if any(len(row) != columns for row in weights):
        raise ValueError("every row needs one weight per column")
    if any(w is not None and w <= 0 for row in weights for w in row):
        raise ValueError("weights must be positive (None for a pair that is not allowed)")
    # Minimise cost over a rows × (columns + rows) matrix: the extra columns are "unassigned"
    # at cost 0; a forbidden pair costs more than any assignment could gain.
    top = max((w for row in weights for w in row if w is not None), default=0)
    forbidden = top * (rows + 1) + 1
    width = columns + rows
    cost = [[-w if w is not None else forbidden for w in row] + [0] * rows for row in weights]
    assigned = _hungarian(cost, rows, width)
    return [
        c if c < columns and weights[r][c] is not None else None for r, c in enumerate(assigned)
    ]


def _hungarian(cost: list[list[int]], rows: int, width: int) -> list[int]:
    """The minimum-cost assignment of every row to a distinct column (rows <= width).

    The classic O(rows² · width) method with potentials, 1-based internally.
    """
    infinity = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (width + 1)
    owner = [0] * (width + 1)  # owner[column] = the row holding it (0: free)
    way = [0] * (width + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = [infinity] * (width + 1)
        used = [False] * (width + 1)
        while True:
            used[column] = True
            current = owner[column]
            delta = infinity
            next_column = 0
            for j in range(1, width + 1):
                if used[j]:
                    continue
                reduced = cost[current - 1][j - 1] - u[current] - v[j]
                if reduced < slack[j]:
                    slack[j] = reduced
                    way[j] = column
                if slack[j] < delta:
                    delta = slack[j]
                    next_column = j
            for j in range(width + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    result = [0] * rows
    for j in range(1, width + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result
