"""Survey platform adapters. Each module registers its reader with ``tila.responses.readers``
when imported; list new modules here so they load with the package."""
