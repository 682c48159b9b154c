"""nbconvert exporters for the selfeval report: one template, HTML and the same HTML printed to PDF."""
from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import HTMLExporter
from traitlets import Any, default

from .pdf import Printer

TEMPLATES = Path(__file__).resolve().parent / "templates" / "nbconvert"


class SelfevalHTMLExporter(HTMLExporter):
    """The report as one offline HTML page: no inputs, no prompts, lang="zh", images embedded."""

    export_from_notebook = "selfeval report (HTML)"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "selfeval"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("language_code")
    def _language_code_default(self) -> str:
        return "zh"  # Chromium draws Han characters in Japanese forms under lang="en"

    @default("embed_images")
    def _embed_images_default(self) -> bool:
        return True

    @default("optimistic_validation")
    def _optimistic_validation_default(self) -> bool:
        # The notebook validated once, after its preprocessors, not after each of the dozen (most of them
        # disabled): a fifth of an export's time. The page is the same; an invalid notebook still fails.
        return True


class SelfevalPDFExporter(SelfevalHTMLExporter):
    """The same HTML printed to A4 by Chromium (never LaTeX), so the two never drift apart."""

    export_from_notebook = "selfeval report (PDF)"
    output_mimetype = "application/pdf"
    printer = Any(None, allow_none=True, help="a selfeval.pdf.Printer to reuse; one per call if None")

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # the HTML template, not an index.pdf.j2

    def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001, ANN201 - nbconvert's signature
        """Render the HTML, then print it."""
        html, resources = super().from_notebook_node(nb, resources=resources, **kw)
        if self.printer is not None:
            data = self.printer.pdf(html)
        else:
            with Printer() as printer:
                data = printer.pdf(html)
        resources["output_extension"] = ".pdf"
        return data, resources
