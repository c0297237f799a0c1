"""Loading plugins from the ``gxlint`` entry-point group and collecting what they offer."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import FunctionType, MethodType, ModuleType
from typing import Any, Iterable

import pluggy

import gxlint.builtin as builtin
from gxlint.plugin import ENTRY_POINT_GROUP, hookspecs
from gxlint.plugin.api import Reader, Reporter, Rule
from gxlint.plugin.crossreport import MultiReportRule
from gxlint.plugin.discovery import FoundEntryPoint, find_entry_points


class PluginError(Exception):
    """A plugin failed to load, misspelt a hook, or collides with another plugin."""


@dataclass
class PluginInfo:
    """A loaded plugin as ``--version`` lists it: its name, module and distribution version."""
    name: str
    module: str
    version: str = ""


@dataclass
class Registry:
    """Everything the loaded plugins registered: rules, multi-report rules, readers and reporters, by name."""
    rules: dict[str, Rule] = field(default_factory=dict)
    multi_report_rules: dict[str, MultiReportRule] = field(default_factory=dict)
    readers: dict[str, Reader] = field(default_factory=dict)
    reporters: dict[str, Reporter] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    rule_owner: dict[str, str] = field(default_factory=dict)
    manager: pluggy.PluginManager | None = None

    def reader_for_extension(self, suffix: str) -> Reader | None:
        suffix = suffix.lower()
        for reader in self.readers.values():
            if suffix in reader.extensions:
                return reader
        return None


def _check_unknown_hooks(plugin: object, name: str) -> None:
    """Fail on ``gxlint_*`` functions that are not hooks (a typo would be ignored)."""
    known = {n for n in dir(hookspecs) if n.startswith("gxlint_")}
    for attr in dir(plugin):
        if attr.startswith("gxlint_") and attr not in known and callable(getattr(plugin, attr, None)):
            raise PluginError(
                f"plugin {name!r} defines {attr}(), which is not a gxlint hook "
                f"(known hooks: {', '.join(sorted(known))})"
            )


# what pluggy can take as a hook implementation (anything else it passes over)
_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)
_ABSENT = object()


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, passing over a plugin module's attributes that cannot be hooks
    before pluggy's careful look-up (``inspect.getattr_static`` on each of the few hundred
    names of the built-in rule modules: about 2 ms of every start-up).  For a module's
    own attribute that is not a function or method, pluggy's look-up finds nothing either;
    everything else still goes through it."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if type(plugin) is ModuleType:
            value = plugin.__dict__.get(name, _ABSENT)
            if value is not _ABSENT and not isinstance(value, _HOOKABLE):
                return None
        return super().parse_hookimpl_opts(plugin, name)


def installed_entry_points(group: str = ENTRY_POINT_GROUP) -> list:
    """The group's entry points (``.name``, ``.value``, ``.load()``): read from the
    installed distributions' directories, or through importlib.metadata where only it
    can tell (see :mod:`gxlint.plugin.discovery`)."""
    found = find_entry_points(group)
    if found is not None:
        return found
    from importlib.metadata import entry_points  # lazy: only where the folders cannot tell (about 10 ms)

    return list(entry_points(group=group))


def _dist_version(ep, cache: dict) -> str:
    """``"Name version"`` of the distribution behind an entry point.

    Reading a distribution's metadata parses its METADATA file; plugins shipped by one
    distribution (gxlint's own five) share it, so it is read once per distribution."""
    if isinstance(ep, FoundEntryPoint):
        if ep.info not in cache:
            cache[ep.info] = ep.dist_version()
        return cache[ep.info]
    dist = ep.dist
    if dist is None:
        return ""
    key = getattr(dist, "_path", None)
    key = str(key) if key is not None else id(dist)
    if key not in cache:
        metadata = dist.metadata
        cache[key] = f"{metadata['Name']} {metadata['Version']}"
    return cache[key]


def _hook_result(impl, hook: str) -> list:
    """What a plugin's ``hook()`` returned, as a list; PluginError naming the plugin if
    the hook raised or returned something that is not a list."""
    try:
        value = impl.function()
    except Exception as error:
        raise PluginError(f"plugin {impl.plugin_name!r}: {hook}() raised {type(error).__name__}: {error}") from error
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise PluginError(f"plugin {impl.plugin_name!r}: {hook}() returned {type(value).__name__} {value!r:.60}, "
                          "not a list")
    return list(value)


def load_plugins(disabled: Iterable[str] = (), extra: Iterable[tuple[str, object]] = ()) -> Registry:
    """Load every plugin of the entry-point group except those named in ``disabled``.

    ``extra`` registers in-process plugins (name, module-or-object); tests use it.
    """
    disabled = set(disabled)
    manager = PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    registry = Registry(manager=manager)
    # The core's readers and reporters; the built-in *rules* come through entry points.
    candidates: list[tuple[str, object, str]] = [("gxlint", builtin, "")]
    versions: dict[object, str] = {}
    for ep in sorted(installed_entry_points(), key=lambda e: e.name):
        if ep.name in disabled or any(ep.name == c[0] for c in candidates):
            continue
        try:
            plugin = ep.load()
        except Exception as error:  # any import error of a plugin is the plugin's fault
            raise PluginError(
                f"plugin {ep.name!r} ({ep.value}) failed to load: {type(error).__name__}: {error}"
            ) from error
        candidates.append((ep.name, plugin, _dist_version(ep, versions)))
    for name, plugin in extra:
        if name not in disabled:
            candidates.append((name, plugin, ""))
    for name, plugin, version in candidates:
        _check_unknown_hooks(plugin, name)
        try:
            manager.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as error:
            raise PluginError(f"plugin {name!r} could not be registered: {error}") from error
        registry.plugins.append(PluginInfo(name=name, module=getattr(plugin, "__name__", repr(plugin)), version=version))
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(str(error)) from error

    rule_hooks = [(impl, "gxlint_rules", Rule, registry.rules) for impl in manager.hook.gxlint_rules.get_hookimpls()]
    rule_hooks += [(impl, "gxlint_multi_report_rules", MultiReportRule, registry.multi_report_rules)
                   for impl in manager.hook.gxlint_multi_report_rules.get_hookimpls()]
    for impl, hook, kind, rules in rule_hooks:
        for rule in _hook_result(impl, hook):
            if not isinstance(rule, kind):
                raise PluginError(f"plugin {impl.plugin_name!r} returned {rule!r} from {hook}(), not a {kind.__name__}")
            owner = registry.rule_owner.get(rule.code)
            if owner is not None:
                raise PluginError(
                    f"rule code {rule.code} is defined by both plugin {owner!r} and plugin "
                    f"{impl.plugin_name!r}; a plugin must use a code prefix of its own"
                )
            if rule.code.startswith("GX") and rule.meta.plugin != "gxlint":
                raise PluginError(f"plugin {impl.plugin_name!r} uses the reserved prefix GX for {rule.code}")
            rules[rule.code] = rule
            registry.rule_owner[rule.code] = impl.plugin_name
    for impl in manager.hook.gxlint_readers.get_hookimpls():
        for reader in _hook_result(impl, "gxlint_readers"):
            if not isinstance(reader, Reader):
                raise PluginError(f"plugin {impl.plugin_name!r} returned {reader!r} from gxlint_readers()")
            registry.readers.setdefault(reader.format, reader)
    for impl in manager.hook.gxlint_reporters.get_hookimpls():
        for reporter in _hook_result(impl, "gxlint_reporters"):
            if not isinstance(reporter, Reporter):
                raise PluginError(f"plugin {impl.plugin_name!r} returned {reporter!r} from gxlint_reporters()")
            registry.reporters.setdefault(reporter.name, reporter)
    return registry
