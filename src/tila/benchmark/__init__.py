"""Benchmarks across organizations: the distribution of many organizations' scores, stored so
that no organization can be picked out of it (build.py), and where one organization falls in
it (position.py). docs/sites-and-benchmarks.md states the rules.
"""
