"""Reports: responses -> AssembledReport (assemble.py) -> ReportContext (context.py) -> HTML
(html.py) -> PDF (pdf.py).

``assemble_report`` (assemble.py) scores the responses a report may show: it owns the rules
about whose answers appear (one leader, with the anonymity threshold; their self-rating; a
baseline of the same questionnaire version). ``render_report`` (render.py) writes the file; it is
also exported as ``tila.render_report``. Nothing here imports WeasyPrint until a PDF is made.
"""
