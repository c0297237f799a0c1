"""Text-quality checks of the report's own prose (sections family, GX12x).

Registered by :mod:`gxlint_plugins.sections`; kept in their own module because they read
sentences rather than the section structure.
"""

RULES: list = []
