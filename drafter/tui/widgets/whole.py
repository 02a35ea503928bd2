"""Wide characters drawn whole where an overlay crosses the edges of the widgets below it.

Textual composes each screen line from pieces cut at every widget's edge; a widget drawn on top
(a drop-down's list, a toast) is cut at the edges of the widgets below it too, and a wide
character lying across such an edge is replaced by two spaces (Textualize/textual#6357): the
phrasing list showed "一句话写明学  成效" for "一句话写明学法成效".

Here a line of a widget is not cut inside one of its own wide characters where the widget wins
the cells on both sides: the piece up to the next edge takes the whole character, and the piece
it spans into is left empty (so no widget below shows through).  Everything else is as
Textual composes it.  Textual has no hook for this, so its compositor's ``_render_chops`` is
replaced, once, by this copy of it with that one change (from Textual 8.2; applied only where
the compositor still has the parts it uses).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


def _inside_wide_characters(strip: Strip) -> set[int]:
    """The cell offsets of ``strip`` that fall in the middle of a wide character."""
    inside = set()
    position = 0
    for segment in strip:
        text = segment.text
        if text.isascii():
            position += len(text)
            continue
        for character in text:
            width = cell_len(character)
            if width == 2:
                inside.add(position + 1)
            position += width
    return inside


def _wins_two_in_a_row(cuts: list[int], get: Callable[[int], Strip | None]) -> bool:
    """Whether two neighbouring pieces between ``cuts`` are both still free."""
    free = get(cuts[0]) is None
    for cut in cuts[1:-1]:
        now = get(cut) is None
        if now and free:
            return True
        free = now
    return False


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    intersection = Region.intersection
    for region, clip, strips in self._get_renders(crop):
        render_region = intersection(region, clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            chops_line = chops[y]
            get = chops_line.get
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            # Only a piece this line wins on both sides can keep a character across an edge.
            if len(final_cuts) > 2 and _wins_two_in_a_row(final_cuts, get):
                inside = _inside_wide_characters(strip)
                kept = [final_cuts[0]]
                for cut in final_cuts[1:]:
                    if cut - render_x in inside and get(cut) is None and get(kept[-1]) is None:
                        chops_line[cut] = _EMPTY  # the piece before holds its character whole
                    else:
                        kept.append(cut)
                final_cuts = kept
            pieces = strip.divide([cut - render_x for cut in final_cuts[1:]])
            # Painting front to back: the first piece for a cut wins.
            for cut, piece in zip(final_cuts, pieces):  # noqa: B905 (Textual's own loop)
                if get(cut) is None:
                    chops_line[cut] = piece
    return chops  # type: ignore[return-value]


def draw_wide_characters_whole() -> None:
    """Replace the compositor's cutting of lines (see the module's docstring)."""
    needed = ("cuts", "_get_renders", "_render_chops")
    if all(hasattr(Compositor, name) for name in needed):
        compositor: Any = Compositor
        compositor._render_chops = _render_chops
