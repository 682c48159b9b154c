"""Excel in and out: a departments workbook (template, read, split, join) and findings as a workbook.

openpyxl is imported only when a workbook is read or written, so `import selfeval.excel` stays cheap.
"""
from __future__ import annotations

from .convert import SplitError, is_workbook, join, load_sources, split, split_workbook, template
from .findings import write_findings
from .read import DepartmentError, read_workbook
from .write import write_workbook

__all__ = ["DepartmentError", "SplitError", "is_workbook", "join", "load_sources", "read_workbook", "split",
           "split_workbook", "template", "write_findings", "write_workbook"]
