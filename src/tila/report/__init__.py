"""Reports: ScoreResult -> ReportContext (context.py) -> HTML (html.py) -> PDF (pdf.py).

``render_report`` (render.py) is the one call most users need; it is also exported as
``tila.render_report``. Nothing here imports WeasyPrint until a PDF is made.
"""
