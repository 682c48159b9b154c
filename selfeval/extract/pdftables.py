"""Ruled tables on a PDF page: pdfplumber's table finder, fed with the ruling lines PDFium reads.

pdfplumber finds tables from the page's edges (its "lines" strategy: ruling lines and the sides of
rectangles, snapped and joined, their crossings made into cells). Its own page model parses every
character with pdfminer first, about 0.1 s a page; the finder needs only the edges, so they are
taken from PDFium's path objects (milliseconds) and handed to pdfplumber's TableFinder.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from .reading import Box

Edge = dict[str, Any]
# A segment this close to level (points) is a ruling line; anything more slanted is a drawing.
_LEVEL = 0.5
# Paths inside form XObjects nested deeper than this are not searched for rulings.
_MAX_DEPTH = 3
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Frame:
    """Page space (PDF points, origin bottom-left, unrotated) → the page as shown, origin top-left."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # clockwise degrees the viewer turns the page: 0, 90, 180 or 270

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) of a page-space point on the page as shown."""
        u, v = x - self.left, self.top - y
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return height - v, u
        if self.rotation == 180:
            return width - u, height - v
        if self.rotation == 270:
            return v, width - u
        return u, v

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        """A page-space rectangle as (x0, top, x1, bottom) on the page as shown."""
        (xa, ya), (xb, yb) = self.point(left, bottom), self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


@dataclass(frozen=True)
class Table:
    """One ruled table: its box and its rows, each row its cells' boxes (None where a merged cell spans)."""

    bbox: Box
    rows: list[list[Box | None]]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner`, then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 - the usual names of the second matrix
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj: Any) -> Matrix:
    """A page object's own transformation matrix."""
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _edge(p: tuple[float, float], q: tuple[float, float]) -> Edge | None:
    """A pdfplumber edge between two shown-page points, or None when the segment is neither level nor plumb."""
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _LEVEL and abs(x0 - x1) > _LEVEL:
        top, orientation = (y0 + y1) / 2, "h"
        x0, x1, bottom = min(x0, x1), max(x0, x1), (y0 + y1) / 2
    elif abs(x0 - x1) <= _LEVEL and abs(y0 - y1) > _LEVEL:
        x0 = x1 = (x0 + x1) / 2
        top, bottom, orientation = min(y0, y1), max(y0, y1), "v"
    else:
        return None
    return {"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top}


def _path_edges(obj: Any, matrix: Matrix, frame: Frame) -> list[Edge]:
    """The level and plumb segments of one drawn path (its closing segments included)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
        return []  # a clipping path draws nothing
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[Edge] = []
    start = here = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and here is not None:
            edges.append(_edge(here, point))
        here = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edges.append(_edge(point, start))
            here = start
    return [edge for edge in edges if edge is not None]


def _objects(parent: Any, count: Any, get: Any, matrix: Matrix, frame: Frame, depth: int) -> list[Edge]:
    """The edges of every path among `parent`'s objects, forms searched `depth` levels down."""
    edges: list[Edge] = []
    for j in range(count(parent)):
        obj = get(parent, j)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges += _path_edges(obj, _compose(_matrix(obj), matrix), frame)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0:
            edges += _objects(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                              _compose(_matrix(obj), matrix), frame, depth - 1)
    return edges


def page_edges(page: Any, frame: Frame) -> list[Edge]:
    """The ruling-line candidates of a pypdfium2 page, as pdfplumber edges on the page as shown."""
    return _objects(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY, frame,
                    _MAX_DEPTH)


class _EdgesOnly:
    """The part of a pdfplumber Page that TableFinder's "lines" strategy reads: its edges and box."""

    def __init__(self, edges: list[Edge], bbox: Box):
        """The edges to search and the page's box."""
        self.edges = edges
        self.bbox = bbox


def find_tables(edges: list[Edge], bbox: Box) -> list[Table]:
    """pdfplumber's ruled tables among these edges, top to bottom; a lone framed box is not a table."""
    # A table needs at least two rulings each way; most text pages have none, and skip the finder.
    if sum(e["orientation"] == "h" for e in edges) < 2 or sum(e["orientation"] == "v" for e in edges) < 2:
        return []
    from pdfplumber.table import TableFinder  # noqa: PLC0415 - only pages with rulings need pdfplumber

    finder = TableFinder(_EdgesOnly(edges, bbox), {"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    tables = []
    for found in finder.tables:
        rows = [list(row.cells) for row in found.rows]
        if len(found.cells) >= 2:
            tables.append(Table(found.bbox, rows))
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))
