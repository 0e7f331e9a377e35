"""Survey platform adapters. Each module registers its reader with ``tila.responses.readers``
when imported; list new modules here so they load with the package. Order matters only for
detection: each detector looks for its platform's own layout, so none claims another's file."""

from tila.responses.platforms import (
    google_forms,  # noqa: F401
    limesurvey,  # noqa: F401
    ms_forms,  # noqa: F401
    qualtrics,  # noqa: F401
    redcap,  # noqa: F401
    surveymonkey,  # noqa: F401
)
