"""Scoring: per-respondent scores (engine.py) and organization aggregates (aggregate.py)."""
