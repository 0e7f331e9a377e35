"""Types of the compiled byte kernel (_bytegram.c)."""

from typing import Any

SIMD: bool

def add_gram(block: Any, rows: int, width: int, out: Any, /) -> bool: ...
def add_cross(a: Any, b: Any, rows: int, wa: int, wb: int, out: Any, /) -> bool: ...
def column_sums(block: Any, rows: int, width: int, index: Any, offsets: Any, cols: Any,
                out: Any, out_width: int, /) -> bool: ...
