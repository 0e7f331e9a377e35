"""What a cell of the answers can be: answered, left blank, or a non-scored option."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

#: status codes: answered, left blank, or the j-th non-scored option of the item's scale (2 + j)
ANSWERED = 0
SKIPPED = 1
NON_SCORED_BASE = 2

FloatMatrix = npt.NDArray[np.floating]
StatusMatrix = npt.NDArray[np.int8]
