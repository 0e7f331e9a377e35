"""Survey platform adapters. Each module registers its reader with ``tila.responses.readers``
when imported; list new modules here so they load with the package. Order matters only for
detection: each detector looks for its platform's own layout, so none claims another's file."""

from tila.responses.platforms import qualtrics  # noqa: F401
from tila.responses.platforms import redcap  # noqa: F401
from tila.responses.platforms import surveymonkey  # noqa: F401
from tila.responses.platforms import ms_forms  # noqa: F401
from tila.responses.platforms import google_forms  # noqa: F401
from tila.responses.platforms import limesurvey  # noqa: F401
