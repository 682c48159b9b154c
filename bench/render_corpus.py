"""Render the labelled corpus as the formats published reports come in: .html, .docx and .pdf.

Usage: python bench/render_corpus.py SRC OUT [--formats html,docx,pdf]

Each SRC/NAME.txt that has a NAME.labels.yaml beside it becomes OUT/NAME.html (the text escaped, one
<p> per line, inside web-page chrome the reader must drop: a site <header>, a <nav> menu, a <script>
and a <footer>, all holding digits of their own), OUT/NAME.docx (python-docx, one paragraph per line)
and OUT/NAME.pdf (that HTML printed by Debian's Chromium through selfeval.pdf.Printer; a print style
sheet hides the chrome, as a site's own would). Score them with
`python bench/corpus.py SRC --format pdf --rendered OUT`.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's selfeval, not another install

from selfeval.pdf import Printer  # noqa: E402

FORMATS = ("html", "docx", "pdf")
# Chrome with numbers in it, so a reader that keeps it would read figures that are not the report's.
HEADER = ('<header class="site"><h1>××县人民政府门户网站</h1><p>政府信息公开 | 2024年12月31日 星期二</p>'
          '<form><input name="q" placeholder="搜索"></form></header>')
NAV = ('<nav><ul><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">财政预决算'
       '（128）</a></li><li><a href="#">办事服务</a></li><li><a href="#">互动交流 12345</a></li></ul></nav>')
SCRIPT = ('<script>var _hmt = _hmt || []; var visits = 100.00; '
          'document.write("<p>访问量：" + 35871 + "</p>");</script>')
FOOTER = ('<footer class="site"><p>主办：××县人民政府办公室 联系电话：0851-28812345</p>'
          '<p>网站标识码 5203230001 备案号：黔ICP备05001234号-1 公安备案 52032302000123号</p></footer>')
STYLE = ("<style>body{font-family:'Noto Sans CJK SC',sans-serif;font-size:12pt}"
         "@media print{body>header,body>nav,body>footer{display:none}}</style>")


def labelled(src: Path) -> list[Path]:
    """The texts of SRC that have labels beside them."""
    return [p for p in sorted(src.glob("*.txt")) if p.with_name(f"{p.stem}.labels.yaml").is_file()]


def text_lines(path: Path) -> list[str]:
    """The text's lines, as stored (the '# source:' line included, as the .txt reader sees it)."""
    return path.read_text(encoding="utf-8").splitlines()


def to_html(lines: list[str], title: str) -> str:
    """A web page holding the text, one <p> per line, among site chrome."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html>\n<html lang="zh">\n<head><meta charset="utf-8"><title>{html.escape(title)}'
            f"</title>{STYLE}</head>\n<body>\n{HEADER}\n{NAV}\n<main><article>\n{body}\n</article></main>\n"
            f"{FOOTER}\n{SCRIPT}\n</body>\n</html>\n")


def write_docx(lines: list[str], out: Path) -> None:
    """A Word document with one paragraph per line."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(out))


def render(src: Path, out: Path, formats: tuple[str, ...]) -> int:
    """Render every labelled text; the number of files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    printer = Printer() if "pdf" in formats else None
    try:
        for path in labelled(src):
            lines = text_lines(path)
            page = to_html(lines, path.stem)
            if "html" in formats:
                (out / f"{path.stem}.html").write_text(page, encoding="utf-8")
                written += 1
            if "docx" in formats:
                write_docx(lines, out / f"{path.stem}.docx")
                written += 1
            if printer is not None:
                (out / f"{path.stem}.pdf").write_bytes(printer.pdf(page))
                written += 1
    finally:
        if printer is not None:
            printer.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Render SRC's labelled texts into OUT."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path, help="folder of NAME.txt with NAME.labels.yaml")
    ap.add_argument("out", type=Path, help="folder for NAME.html, NAME.docx, NAME.pdf")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset of html,docx,pdf")
    args = ap.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        ap.error(f"unknown format(s): {', '.join(unknown)}")
    written = render(args.src, args.out, formats)
    print(f"{written} files written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
