"""Several waves of one survey over time: aligning them, the change between them, and JSON.

Core code: no typer, no rich. ``tila trend`` (cli/trend.py) and the trend report
(report/trend_report.py) are front ends over this package.
"""
