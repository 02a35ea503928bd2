"""`drafter schema` speaks Chinese: every title and description an editor shows."""

from __future__ import annotations

import json
import re

from drafter.cli import main

# Words a draft spells as they are (values, the file's own keys, program names).
SPELLED = {
    "department", "county", "custom", "none", "template", "count", "amount", "percentage",
    "text", "drafter", "fill", "Jinja", "yoy",
}  # fmt: skip


def _texts(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_texts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_texts(item))
    return found


def test_every_title_and_description_of_the_schema_is_chinese(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    texts = _texts(schema)
    assert len(texts) > 40
    for text in texts:
        english = set(re.findall(r"[A-Za-z]{2,}", text)) - SPELLED
        assert not english, text
        assert re.search(r"[\u4e00-\u9fff]", text), text
    assert schema["title"] == "年度报告草稿"
    assert schema["$defs"]["Meta"]["properties"]["addressee"]["title"] == "主送机关"
