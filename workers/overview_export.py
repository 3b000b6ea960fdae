"""The periodic overview as a file: CSV (for a spreadsheet), HTML (with charts) and PDF.

CSV: UTF-8 with a byte-order mark and `;` between fields — what a Dutch spreadsheet opens
without asking; one row per figure (`deel;sleutel;aantal`), a hidden small count written as
`<5` (or whatever the threshold is). HTML: Jinja2, with the trend per month and the cases per
law as SVG charts drawn by matplotlib, laid out as the VNG's Stand van de Uitvoering does
(themes by level × element). PDF: that HTML through WeasyPrint.

Runs in the command line (and could in the worker), never in the API process: matplotlib
brings numpy.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from domain.labels import DOMAIN_LABELS_NL, domain_label
from domain.overview import ELEMENTS, LEVELS, Figures, Table

TEMPLATES = Path(__file__).parent / "overview_templates"


@dataclass(frozen=True)
class OverviewDocument:
    start: date
    end: date
    threshold: int
    scope: Figures
    national: Figures


def _shown(value: int | None, threshold: int) -> str:
    return f"<{threshold}" if value is None else str(value)


def _tables(figures: Figures) -> Iterator[tuple[str, Table]]:
    yield "per wet", figures.by_law
    yield "per probleem", figures.by_problem_type
    if figures.by_municipality is not None:
        yield "per gemeente", figures.by_municipality
    yield "per kanaal", figures.by_channel
    yield "per melder", figures.by_reporter_role
    yield "per maand", figures.monthly_cases
    yield "eerste antwoord", figures.first_answer
    yield "vragenlijst", figures.survey


def to_csv(document: OverviewDocument) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["gebied", "deel", "sleutel", "aantal"])
    t = document.threshold
    for figures in (document.scope, document.national):
        area = figures.municipality or "Nederland"
        for key, value in (("meldingen", figures.reports), ("zaken", figures.cases),
                           ("melders", figures.reporters)):  # fmt: skip
            writer.writerow([area, "totaal", key, _shown(value, t)])
        for part, table in _tables(figures):
            writer.writerow([area, part, "totaal", _shown(table.total, t)])
            for key, value in sorted(table.cells.items()):
                writer.writerow([area, part, key, _shown(value, t)])
        for level, cells in figures.themes_by_level.items():
            for element, count in sorted(cells.items()):
                writer.writerow([area, "thema's per niveau", f"{level}/{element or '-'}", count])
        for stage, count in figures.referrals.items():
            writer.writerow([area, "doorverwijzingen", stage, count])
        if figures.median_days_to_answer is not None:
            writer.writerow([area, "doorverwijzingen", "mediaan dagen tot antwoord",
                             str(figures.median_days_to_answer).replace(".", ",")])  # fmt: skip
        if document.scope is document.national:
            break
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _svg_bars(labels: list[str], values: list[int | None], title: str) -> str:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    figure, axis = pyplot.subplots(figsize=(7, 2.6))
    heights = [v or 0 for v in values]
    bars = axis.bar(labels, heights, color="#154273")
    for bar, value in zip(bars, values, strict=True):
        if value is None:  # hidden: drawn hatched at zero height, labelled
            bar.set_hatch("//")
    axis.set_title(title, fontsize=10, loc="left")
    axis.tick_params(axis="x", labelrotation=45, labelsize=7)
    axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    pyplot.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def to_html(document: OverviewDocument) -> str:
    scope = document.scope
    months = sorted(scope.monthly_cases.cells)
    laws = sorted(scope.by_law.cells)
    charts = {
        "monthly": _svg_bars(
            months, [scope.monthly_cases.cells[m] for m in months], "Zaken per maand"
        ),
        "laws": _svg_bars(
            [domain_label(k) for k in laws],
            [scope.by_law.cells[k] for k in laws],
            "Zaken per wet",
        ),
    }
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["shown"] = lambda value: _shown(value, document.threshold)
    return env.get_template("overview.html").render(
        doc=document, charts=charts, levels=LEVELS, elements=ELEMENTS, laws=DOMAIN_LABELS_NL
    )


def to_pdf(document: OverviewDocument) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=to_html(document)).write_pdf()
    assert pdf is not None
    return pdf


def write(document: OverviewDocument, fmt: str, out: Path) -> None:
    if fmt == "csv":
        out.write_bytes(to_csv(document))
    elif fmt == "html":
        out.write_text(to_html(document), encoding="utf-8")
    elif fmt == "pdf":
        out.write_bytes(to_pdf(document))
    else:
        raise ValueError(f"unknown format {fmt!r}")
