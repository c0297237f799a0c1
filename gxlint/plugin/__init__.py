"""What plugin authors import: the ``hookimpl`` marker and the rule/reader/reporter types."""

import pluggy

from gxlint.plugin.api import Context, Reader, Reporter, Rule, rule

hookimpl = pluggy.HookimplMarker("gxlint")

ENTRY_POINT_GROUP = "gxlint"

__all__ = ["ENTRY_POINT_GROUP", "Context", "Reader", "Reporter", "Rule", "hookimpl", "rule"]
