"""Reading responses: native tables and JSON, and the reader interface platform adapters use."""
