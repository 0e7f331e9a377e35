"""Types of the compiled byte gram kernel (_bytegram.c)."""

from typing import Any

SIMD: bool

def add_gram(block: Any, rows: int, width: int, out: Any, /) -> bool: ...
