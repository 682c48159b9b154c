"""A crop of a PDF page with figures boxed, as a PNG data: URI an offline HTML report can embed.

pypdfium2 renders the page; the boxes are the PDF's own character boxes, kept by the reader
(selfeval.extract.reading.PageBox) and staged in the sources sidecar, in points from the page's top-left.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path

Box = tuple[float, float, float, float]
SCALE = 2.0          # pixels per point: small print stays legible in the crop
MARGIN = 36.0        # points of the page kept around the boxed figures (half an inch)
PEN = (200, 30, 30)  # the box colour: the red of a marked-up proof


def union(boxes: list[Box]) -> Box:
    """The smallest box holding all of them."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def crop_png(pdf: Path, page: int, boxes: list[Box]) -> bytes:
    """PNG bytes of the part of page `page` (1-based) around `boxes`, each boxed in red; the full width kept."""
    import pypdfium2  # noqa: PLC0415 - only PDF inputs with failing findings pay for it
    from PIL import ImageDraw  # noqa: PLC0415

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[page - 1].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    draw = ImageDraw.Draw(image)
    for x0, top, x1, bottom in boxes:
        pad = 1.5
        draw.rectangle([(x0 - pad) * SCALE, (top - pad) * SCALE, (x1 + pad) * SCALE, (bottom + pad) * SCALE],
                       outline=PEN, width=3)
    around = union(boxes)
    upper = max(0.0, around[1] - MARGIN) * SCALE
    lower = min(image.height, (around[3] + MARGIN) * SCALE)
    out = io.BytesIO()
    image.crop((0, int(upper), image.width, int(lower))).save(out, format="PNG", optimize=True)
    return out.getvalue()


def data_uri(png: bytes) -> str:
    """A PNG as a data: URI (the report stays one offline file)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
