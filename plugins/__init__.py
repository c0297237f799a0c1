"""gxlint's built-in rule modules, one per family.

Installed as the package ``gxlint_plugins`` and registered through the ``gxlint``
entry-point group, exactly as a third-party plugin would be.
"""
