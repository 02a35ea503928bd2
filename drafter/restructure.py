"""Where sections go when the clerk adds or moves one in the outline.

The draft lists its sections in report order, each with a level (1 for 一、 … 4 for （1）, 0 for
a paragraph without a heading); numbers are computed from that order, never stored.  A section
moves with the sections under it, as in any outliner: its *block* runs from its heading to the
next heading of the same or a higher level (unnumbered paragraphs in between belong to it).
These functions see only the levels, by position, and return positions.
"""

from __future__ import annotations

from collections.abc import Sequence


def block_end(levels: Sequence[int], index: int) -> int:
    """The position just past the block of the section at ``index``."""
    level = levels[index]
    end = index + 1
    if level == 0:
        return end
    while end < len(levels) and not 0 < levels[end] <= level:
        end += 1
    return end


def insertion_point(levels: Sequence[int], after: int | None) -> int:
    """Where a section added after the one at ``after`` goes: behind everything under it, so
    it takes none of that section's subsections; at the end when ``after`` is None."""
    if after is None:
        return len(levels)
    return block_end(levels, after)


def moved(levels: Sequence[int], index: int, offset: int) -> list[int] | None:
    """The new order (old positions) after moving the section at ``index`` one step up
    (``offset`` -1) or down (+1) with its block; None when it cannot go further.

    Up, a block changes place with the block of its previous sibling; the first child of a
    section goes before its parent and so becomes the last child of the parent's previous
    sibling.  Down, a block changes place with its next sibling's; the last child goes into
    the next section of its parent's level as its first child.  A block never goes where no
    heading of a higher level would hold it (a （一） above the first 一、).
    """
    if offset not in (-1, 1):
        raise ValueError(f"a section moves one step at a time, not {offset}")
    count = len(levels)
    level = levels[index]
    end = block_end(levels, index)
    block = list(range(index, end))
    if level == 0:  # an unnumbered paragraph moves one section at a time
        other = index + offset
        if not 0 <= other < count:
            return None
        order = list(range(count))
        order[index], order[other] = order[other], order[index]
        return order
    if offset < 0:
        previous = next((k for k in range(index - 1, -1, -1) if 0 < levels[k] <= level), None)
        if previous is None:
            return None
        if levels[previous] < level and not any(0 < levels[k] < level for k in range(previous)):
            return None  # no section above the parent to take it in
        return [*range(previous), *block, *range(previous, index), *range(end, count)]
    if end == count:
        return None
    following = end
    if levels[following] == level:
        after = block_end(levels, following)
    else:  # the last child: into the next section of a higher level, before its own children
        after = following + 1
        while after < count and levels[after] == 0:
            after += 1  # that section's own paragraphs stay with its heading
    return [*range(index), *range(end, after), *block, *range(after, count)]
