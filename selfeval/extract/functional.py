"""The 类 (classes) of the 支出功能分类 (政府收支分类科目), as data: a table by function that lists its 款 and 项 rows
under each 类 without their codes (一般公共服务支出, then 其他一般公共服务支出…) breaks the same money down twice.

When such a table's lines add up to more than its total and its 类 rows alone add up to it, the 类 rows are its
lines: the checks' own arithmetic tells the levels apart where the layout no longer shows them.
"""
from __future__ import annotations

from ..money import add_intervals, interval, meet
from ..sources_file import where_zh
from .result import Extraction, Item

# The classes of the 2024 支出功能分类科目 (201 … 234) and the names earlier years gave some of them.
CLASSES = frozenset((
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出",
    "债务还本支出", "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出",
    # earlier years' names
    "文化体育与传媒支出", "医疗卫生与计划生育支出", "医疗卫生支出", "资源勘探信息等支出", "资源勘探电力信息等支出",
    "国土海洋气象等支出", "商业服务业等事务支出", "城乡社区事务支出", "农林水事务支出"))


def _adds_up(items: list[Item], total: object) -> bool:
    return meet(add_intervals([i.amount for i in items], floor_at_zero=True), interval(total))  # type: ignore[arg-type]


def classes_only(items: list[Item], total: object, ex: Extraction) -> list[Item]:
    """The lines of a functional table: its 类 rows alone when all its rows over-add its total and those do not."""
    if total is None or _adds_up(items, total):
        return items
    classes = [i for i in items if i.name in CLASSES]
    if not classes or len(classes) == len(items) or not _adds_up(classes, total):
        return items
    below = "、".join(i.name for i in items if i not in classes)
    ex.note(f"{where_zh(items[0].source.where)}：支出表中{below}不是功能分类的类，各类之和才等于合计："
            "这几行按类下的款、项细分看待，按类检查")
    return classes
