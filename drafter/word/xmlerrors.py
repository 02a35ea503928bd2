"""libxml2's parse errors, said in Chinese.

A broken part is reported to the clerk as where and what is wrong ("第 3 行第 15 列：开始标签
与结束标签不匹配"), never as libxml2's English sentence.
"""

from __future__ import annotations

from typing import Any

# lxml.etree.ErrorTypes names of the errors a damaged or hand-edited part gives, in Chinese.
REASONS = {
    "ERR_DOCUMENT_EMPTY": "内容为空",
    "ERR_DOCUMENT_END": "文档末尾有多余的内容",
    "ERR_TAG_NAME_MISMATCH": "开始标签与结束标签不匹配",
    "ERR_TAG_NOT_FINISHED": "标签没有结束",
    "ERR_GT_REQUIRED": "标签缺少结尾的“>”",
    "ERR_LT_IN_ATTRIBUTE": "属性值中有“<”",
    "ERR_ATTRIBUTE_NOT_STARTED": "属性值缺少引号",
    "ERR_ATTRIBUTE_WITHOUT_VALUE": "属性没有值",
    "ERR_ATTRIBUTE_REDEFINED": "同一属性出现了两次",
    "ERR_UNDECLARED_ENTITY": "引用了没有声明的实体",
    "WAR_UNDECLARED_ENTITY": "引用了没有声明的实体",
    "ERR_ENTITY_LOOP": "实体循环引用",
    "ERR_INVALID_CHAR": "含有 XML 不允许的字符",
    "ERR_INVALID_CHARREF": "含有无效的字符引用",
    "ERR_INVALID_ENCODING": "编码无效",
    "ERR_UNSUPPORTED_ENCODING": "编码不受支持",
    "ERR_NAME_REQUIRED": "缺少标签或属性的名称",
    "ERR_LTSLASH_REQUIRED": "缺少结束标签",
    "ERR_EXT_SUBSET_NOT_FINISHED": "文档类型声明没有结束",
    "NS_ERR_UNDEFINED_NAMESPACE": "使用了没有声明的命名空间前缀",
}


def xml_problem(error: Any) -> str:
    """Where and what is wrong, from an ``lxml.etree.XMLSyntaxError``."""
    from lxml import etree

    name = next((key for key, value in vars(etree.ErrorTypes).items() if value == error.code), "")
    reason = REASONS.get(name, "不是合乎规范的 XML")
    line, column = getattr(error, "position", None) or (getattr(error, "lineno", None), None)
    if line and column:
        return f"第 {line} 行第 {column} 列：{reason}"
    if line:
        return f"第 {line} 行：{reason}"
    return reason
