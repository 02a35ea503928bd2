"""The command palette's commands: go to a section, save, check, export, reload, and add,
remove, move or re-level a section.

The draft's screen registers the provider (``MainScreen.COMMANDS``); the provider knows the
screen only by what it offers (:class:`CommandTarget`), so nothing here imports it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from drafter.tui.session import DraftSession


@runtime_checkable
class CommandTarget(Protocol):
    """What the palette's commands act on: the draft's screen."""

    session: DraftSession

    def action_save(self) -> None: ...
    def action_review(self) -> None: ...
    def action_export(self) -> None: ...
    def action_export_to(self) -> None: ...
    def action_reload(self) -> None: ...
    def goto(self, section_id: str) -> None: ...
    def add_section(self, after: str | None = None) -> None: ...
    def remove_section(self, section_id: str | None = None) -> None: ...
    def move_section(self, offset: int, section_id: str | None = None) -> None: ...
    def change_level(self, offset: int, section_id: str | None = None) -> None: ...
    def restore_section(self) -> None: ...


Command = tuple[str, str, Callable[[], object]]
NO_MATCH = "没有找到匹配的命令或部分"


def _nothing() -> None:
    return None


class DrafterCommands(Provider):
    """Every command the clerk can reach with ctrl+p, in Chinese."""

    def _commands(self) -> Iterator[Command]:
        screen = self.screen
        if not isinstance(screen, CommandTarget):
            return
        yield "保存", "立即保存草稿（改动也会在 2 秒内自动保存）", screen.action_save
        yield "检查", "列出待填的数字、错误和待核对事项", screen.action_review
        yield "导出 DOCX", "生成公文格式的报告，保存在草稿旁边", screen.action_export
        yield "导出到其他位置", "选择导出文件的路径（.docx/.txt/.md）", screen.action_export_to
        yield "重新载入", "重新读取磁盘上的草稿（F5）；有未保存的改动时先确认", screen.action_reload
        yield "添加部分", "在当前部分之后添加一个部分，输入标题（大纲中按 n）", screen.add_section
        yield "删除当前部分", "删除自行添加的部分，可恢复（大纲中按 del）", screen.remove_section
        yield (
            "上移当前部分",
            "连同其下各部分上移一位（大纲中按 ⇧↑）",
            partial(screen.move_section, -1),
        )
        yield (
            "下移当前部分",
            "连同其下各部分下移一位（大纲中按 ⇧↓）",
            partial(screen.move_section, 1),
        )
        yield (
            "当前部分升一级",
            "如（一）改为一、，编号自动重排（大纲中按 ⇧←）",
            partial(screen.change_level, -1),
        )
        yield (
            "当前部分降一级",
            "如一、改为（一），编号自动重排（大纲中按 ⇧→）",
            partial(screen.change_level, 1),
        )
        if screen.session.removed:
            last = screen.session.removed[-1]
            yield (
                "恢复删除的部分",
                f"把“{last.label}”放回原处（大纲中按 u）",
                screen.restore_section,
            )
        for entry in screen.session.outline():
            yield f"跳到 {entry.label}", entry.mark.describe, partial(screen.goto, entry.id)

    async def discover(self) -> Hits:
        for text, help_text, command in self._commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for text, help_text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
        if not found and query.strip():
            # Said here, in Chinese, so the palette does not fall back to its English notice.
            yield Hit(
                0.01, NO_MATCH, _nothing, text=NO_MATCH, help="试试部分标题中的几个字，如“执法”"
            )
