"""User configuration: finding it, validating it, and resolving it for one file.

Where configuration comes from (nearest wins, like ruff):

* ``.gxlint.toml`` or ``gxlint.toml`` (top-level keys), or ``pyproject.toml`` with a
  ``[tool.gxlint]`` table, searched from each linted file's directory upward; in one
  directory ``.gxlint.toml`` beats ``gxlint.toml`` beats ``pyproject.toml``; a
  ``pyproject.toml`` without ``[tool.gxlint]`` is passed over;
* ``extend = "../base.toml"`` inherits another file explicitly (the child wins key by
  key; ``rules`` and ``plugins`` merge per rule / per plugin);
* ``--config FILE`` uses one file for every input; ``--isolated`` uses none;
* the command line (``--select``, ``--extend-select``, ``--ignore``) is applied last.

Rule selection follows ruff: ``select`` / ``extend-select`` / ``ignore`` take rule
codes (``GX201``), code prefixes (``GX2``, ``GX``), rule names (``column-balance``) or
``ALL``.  For each rule the most specific matching selector decides; on a tie ``ignore``
wins.  A layer that sets ``select`` starts again from nothing; one that does not
extends the layers before it.  Then ``[rules.X] enabled = true|false`` and
``per-file-ignores`` (glob → selectors, relative to the configuration file) apply.

Every mistake (unknown key, unknown rule, wrong type) raises :class:`ConfigError`
naming the file and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic, RuleMeta, Severity
from gxlint.errors import InputError
from gxlint.engine import with_severity

CONFIG_NAMES = (".gxlint.toml", "gxlint.toml", "pyproject.toml")
CONFIG_MAX_BYTES = 4 * 1024 * 1024

TOP_LEVEL_KEYS = {
    "extend": "str",
    "select": "list",
    "extend-select": "list",
    "ignore": "list",
    "per-file-ignores": "table",
    "exclude": "list",
    "lang": "str",
    "rules": "table",
    "plugins": "table",
    "cache-dir": "str",
    "rule-timeout": "number",
}
RULE_KEYS = ("severity", "enabled", "options")


class ConfigError(ValueError):
    """A configuration problem the user must fix (exit code 2)."""


# --- the rules a selector can name ----------------------------------------------------------


@dataclass
class Universe:
    """Every rule code a selector may name: registered rules and the catalogue's own codes."""

    metas: dict[str, RuleMeta]
    options: dict[str, Mapping[str, Any]]
    by_name: dict[str, str]

    @classmethod
    def from_registry(cls, registry: Any) -> "Universe":
        metas: dict[str, RuleMeta] = {}
        options: dict[str, Mapping[str, Any]] = {}
        for code, entry in builtin_catalog().items():
            metas[code] = entry.meta
            options[code] = entry.options
        registered = dict(registry.rules) if registry is not None else {}
        registered.update(getattr(registry, "multi_report_rules", None) or {})
        for code, rule in registered.items():
            metas[code] = rule.meta
            options[code] = rule.options
        # a rule's former names first, so that a current name always wins a clash
        by_name = {former: code for code, meta in metas.items() for former in meta.former_names}
        by_name.update({meta.name: code for code, meta in metas.items()})
        return cls(metas=metas, options=options, by_name=by_name)

    def resolve(self, selector: str) -> tuple[frozenset[str], int]:
        """The codes a selector names and its specificity; raises ``KeyError`` if none."""
        if not isinstance(selector, str) or not selector.strip():
            raise KeyError(selector)
        text = selector.strip()
        if text.upper() == "ALL":
            return frozenset(self.metas), 0
        upper = text.upper()
        if upper in self.metas:
            return frozenset([upper]), 1000
        if text.lower() in self.by_name:
            return frozenset([self.by_name[text.lower()]]), 1000
        if re.fullmatch(r"[A-Z]+[0-9]*", upper):
            codes = frozenset(c for c in self.metas if c.startswith(upper))
            if codes:
                return codes, len(upper)
        raise KeyError(selector)

    def code_for(self, key: str) -> str | None:
        if key.upper() in self.metas:
            return key.upper()
        return self.by_name.get(key.lower())


# --- raw configuration files ------------------------------------------------------------------


@dataclass
class Layer:
    """One place that selects rules: a configuration file or the command line."""

    origin: str
    select: list[tuple[str, frozenset[str], int]] | None = None
    extend_select: list[tuple[str, frozenset[str], int]] = field(default_factory=list)
    ignore: list[tuple[str, frozenset[str], int]] = field(default_factory=list)


@dataclass
class FileIgnore:
    """A ``per-file-ignores`` entry: the rules it turns off for the files its pattern matches."""
    pattern: str
    base: Path
    selectors: list[str]
    codes: frozenset[str]
    origin: str

    def matches(self, path: Path) -> bool:
        return glob_matches(self.pattern, path, self.base)


@dataclass
class RuleSetting:
    """What a configuration sets for one rule: severity, on or off, options."""
    severity: Severity | None = None
    enabled: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    """A configuration file with everything it ``extend``s merged in."""

    path: Path | None = None
    files: list[Path] = field(default_factory=list)  # the chain, base first
    layers: list[Layer] = field(default_factory=list)
    per_file_ignores: list[FileIgnore] = field(default_factory=list)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)
    exclude: list[tuple[str, Path]] = field(default_factory=list)
    lang: str | None = None
    cache_dir: Path | None = None  # ``cache-dir``, relative to the file that sets it
    rule_timeout: float | None = None  # ``rule-timeout``: seconds per rule and file, 0 = none

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _toml():
    import tomllib  # lazy: only a configuration file is parsed (rules.toml comes from its cache)

    return tomllib


def read_table(path: Path) -> dict[str, Any] | None:
    """The gxlint table of a configuration file; ``None`` for a pyproject.toml without one."""
    tomllib = _toml()
    from gxlint.reading import read_file  # lazy: --version and most runs read no configuration file

    try:  # capped, and only a regular file: --config /dev/zero must not hang
        data = tomllib.loads(read_file(str(path), CONFIG_MAX_BYTES).decode("utf-8"))
    except InputError as error:
        what = f"is {error.details['kind']}, not a file" if error.code == "GX016" else f"is larger than {CONFIG_MAX_BYTES} bytes"
        raise ConfigError(f"{path}: {what}") from None
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:  # GBK, UTF-16, random bytes
        raise ConfigError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}); "
                          "TOML files are UTF-8: save it as UTF-8") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("gxlint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.gxlint] must be a table")
        return table
    return data


def _where(path: Path, key: str) -> str:
    prefix = "tool.gxlint." if path.name == "pyproject.toml" else ""
    return f"{path}: {prefix}{key}"


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


def _selectors(value: Any, path: Path, key: str, universe: Universe) -> list[tuple[str, frozenset[str], int]]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)}: must be a list of rule codes, prefixes or names")
    out = []
    for selector in value:
        try:
            codes, specificity = universe.resolve(selector)
        except KeyError:
            raise ConfigError(
                f"{_where(path, key)}: unknown rule code, prefix or name {selector!r}"
                " (see gxlint --list-rules)"
            ) from None
        out.append((selector, codes, specificity))
    return out


def _check_option(code: str, name: str, value: Any, default: Any, where: str) -> None:
    if default is None:
        return
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list):
        ok = isinstance(value, list)
        if ok and default:
            kind = type(default[0])
            ok = all(isinstance(v, kind) and not (kind is int and isinstance(v, bool)) for v in value)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    else:
        ok = True
    if not ok:
        raise ConfigError(f"{where}: must be {_type_name(default)} like the default {default!r}, not {value!r}")
    if not code.startswith("GX"):
        return  # a plugin's own options: only their types are known here
    # gxlint's own options: lists hold strings, numbers are counts or shares, files exist
    if isinstance(default, list) and not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: must be a list of strings, not {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"{where}: must not be negative, not {value!r}")
    if name in FILE_LIST_OPTIONS:
        for entry in value:
            _check_text_file(entry, where)


# Built-in options that name files (read by the rule, relative to the working directory).
FILE_LIST_OPTIONS = {"extra_lexicons"}


def _check_text_file(entry: str, where: str) -> None:
    """A file an option names must be a UTF-8 text file under 4 MiB (not a directory, a
    device or a binary file): a rule reading it later would crash or never end."""
    from gxlint.reading import read_file  # lazy: see read_table

    path = os.path.expanduser(entry)
    try:
        data = read_file(path, CONFIG_MAX_BYTES)
    except InputError as error:
        what = f"is {error.details['kind']}" if error.code == "GX016" else f"is larger than {CONFIG_MAX_BYTES} bytes"
        raise ConfigError(f"{where}: {entry!r} {what}, not a text file") from None
    except OSError as error:
        raise ConfigError(f"{where}: cannot read {entry!r}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: {entry!r} is not UTF-8 text") from None
    if "\x00" in text:
        raise ConfigError(f"{where}: {entry!r} is a binary file, not a text file")


def parse_config(path: Path, universe: Universe, _seen: tuple[Path, ...] = ()) -> Config:
    """Read, validate and merge one configuration file and its ``extend`` chain.

    The file keeps its path as written, made absolute without following symbolic links
    (see :class:`Resolver`), so that its patterns match the files beside it by those
    files' paths; the ``extend`` chain is checked for cycles by real paths."""
    real = path.resolve()
    path = Path(os.path.abspath(path))
    if real in _seen:
        chain = " -> ".join(str(p) for p in (*_seen, real))
        raise ConfigError(f"{path}: circular extend: {chain}")
    table = read_table(path)
    if table is None:
        table = {}
    for key, value in table.items():
        kind = TOP_LEVEL_KEYS.get(key)
        if kind is None:
            raise ConfigError(
                f"{_where(path, key)}: unknown key (known keys: {', '.join(sorted(TOP_LEVEL_KEYS))})"
            )
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ConfigError(f"{_where(path, key)}: must be a number of seconds, 0 or more, not {value!r}")
            continue
        expected = {"str": str, "list": (list, str), "table": dict}[kind]
        if not isinstance(value, expected):
            raise ConfigError(f"{_where(path, key)}: must be {'a string' if kind == 'str' else 'an array' if kind == 'list' else 'a table'}, not {_type_name(value)}")

    if "extend" in table:
        base_path = Path(os.path.abspath(path.parent / os.path.expanduser(table["extend"])))
        if not base_path.is_file():
            raise ConfigError(f"{_where(path, 'extend')}: {base_path} does not exist")
        config = parse_config(base_path, universe, (*_seen, real))
    else:
        config = Config()
    config.path = path
    config.files.append(path)

    layer = Layer(origin=str(path))
    if "select" in table:
        layer.select = _selectors(table["select"], path, "select", universe)
    if "extend-select" in table:
        layer.extend_select = _selectors(table["extend-select"], path, "extend-select", universe)
    if "ignore" in table:
        layer.ignore = _selectors(table["ignore"], path, "ignore", universe)
    config.layers.append(layer)

    if "per-file-ignores" in table:
        ignores = [fi for fi in config.per_file_ignores]
        for pattern, selectors in table["per-file-ignores"].items():
            key = f"per-file-ignores.{pattern!r}" if not re.fullmatch(r"[A-Za-z0-9_-]+", pattern) else f"per-file-ignores.{pattern}"
            resolved = _selectors(selectors, path, key, universe)
            codes = frozenset().union(*(c for _, c, _ in resolved)) if resolved else frozenset()
            ignores = [fi for fi in ignores if fi.pattern != pattern]
            ignores.append(FileIgnore(pattern, path.parent, [s for s, _, _ in resolved], codes, str(path)))
        config.per_file_ignores = ignores

    if "exclude" in table:
        patterns = table["exclude"]
        if isinstance(patterns, str):
            patterns = [patterns]
        if not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{_where(path, 'exclude')}: must be a list of glob patterns")
        config.exclude = [(p, path.parent) for p in patterns]

    if "lang" in table:
        if table["lang"] not in ("zh", "en"):
            raise ConfigError(f"{_where(path, 'lang')}: must be \"zh\" or \"en\", not {table['lang']!r}")
        config.lang = table["lang"]

    if "rule-timeout" in table:
        config.rule_timeout = float(table["rule-timeout"])
    if "cache-dir" in table:
        config.cache_dir = path.parent / os.path.expanduser(table["cache-dir"])

    for key, spec in table.get("rules", {}).items():
        where = _where(path, f"rules.{key}")
        code = universe.code_for(key)
        if code is None:
            raise ConfigError(f"{where}: unknown rule code or name {key!r} (see gxlint --list-rules)")
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: must be a table like {{ severity = \"warning\" }}")
        setting = config.rules.setdefault(code, RuleSetting())
        for name, value in spec.items():
            if name not in RULE_KEYS:
                raise ConfigError(f"{where}.{name}: unknown key (known keys: {', '.join(RULE_KEYS)})")
            if name == "severity":
                try:
                    if not isinstance(value, str):
                        raise ValueError(value)
                    setting.severity = Severity.parse(value)
                except ValueError:
                    raise ConfigError(f"{where}.severity: must be \"error\", \"warning\" or \"info\", not {value!r}") from None
            elif name == "enabled":
                if not isinstance(value, bool):
                    raise ConfigError(f"{where}.enabled: must be true or false, not {value!r}")
                setting.enabled = value
            else:
                if not isinstance(value, dict):
                    raise ConfigError(f"{where}.options: must be a table, not {_type_name(value)}")
                defaults = universe.options.get(code, {})
                for option, option_value in value.items():
                    if option not in defaults:
                        known = ", ".join(sorted(defaults)) or "none"
                        raise ConfigError(f"{where}.options.{option}: rule {code} has no option {option!r} (its options: {known})")
                    _check_option(code, option, option_value, defaults[option], f"{where}.options.{option}")
                setting.options.update(value)

    for name, spec in table.get("plugins", {}).items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{_where(path, f'plugins.{name}')}: must be a table")
        config.plugins.setdefault(name, {}).update(spec)
    return config


# --- finding the configuration of a file -----------------------------------------------------


def find_config_file(directory: Path) -> Path | None:
    """The nearest configuration file at or above ``directory`` (as written: see
    :class:`Resolver`)."""
    directory = Path(os.path.abspath(directory))
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_dir():  # silently skipping it would lint with other settings
                raise ConfigError(f"{candidate}: is a directory, not a configuration file; rename or remove it")
            if candidate.is_file():
                if name == "pyproject.toml" and read_table(candidate) is None:
                    continue
                return candidate
    return None


class Resolver:
    """Maps each input to its resolved settings; caches per directory and per file.

    A file's configuration is the nearest one above the file's path as written, made
    absolute without following symbolic links, as ruff does: a report reached through a
    symbolically linked folder gets the settings of the place the link is in (and a
    pattern of that configuration matches it by that path), not those of the place the
    link points to."""

    def __init__(
        self,
        universe: Universe,
        *,
        config_file: str | None = None,
        isolated: bool = False,
        cli_layer: Layer | None = None,
    ) -> None:
        self.universe = universe
        self.isolated = isolated
        self.cli_layer = cli_layer
        self._fixed: Config | None = None
        if config_file is not None:
            path = Path(config_file)
            # only a missing path is "not found"; a directory or a device is refused as what it is
            if not path.exists():
                raise ConfigError(f"{config_file}: configuration file not found")
            if path.is_dir():
                raise ConfigError(f"{config_file}: is a directory, not a file")
            self._fixed = parse_config(path, universe)
        self._by_dir: dict[Path, Path | None] = {}
        self._configs: dict[Path | None, Config] = {}
        self._settings: dict[Path | None, "Settings"] = {}

    def config_path_for(self, file: str | Path) -> Path | None:
        if self._fixed is not None:
            return self._fixed.path
        if self.isolated:
            return None
        file = Path(file)
        directory = Path(os.path.abspath(file if file.is_dir() else file.parent))  # links not followed
        if directory not in self._by_dir:
            self._by_dir[directory] = find_config_file(directory)
        return self._by_dir[directory]

    def config(self, path: Path | None) -> Config:
        if self._fixed is not None:
            return self._fixed
        if path not in self._configs:
            self._configs[path] = parse_config(path, self.universe) if path else Config()
        return self._configs[path]

    def settings_for(self, file: str | Path) -> "Settings":
        key = self.config_path_for(file)
        if key not in self._settings:
            self._settings[key] = Settings.build(self.config(key), self.universe, self.cli_layer)
        return self._settings[key]


def cli_layer(select: Iterable[str] | None, extend_select: Iterable[str], ignore: Iterable[str],
              universe: Universe) -> Layer:
    def parse(values: Iterable[str], option: str):
        out = []
        for value in values:
            for selector in (s.strip() for s in value.split(",")):
                if not selector:
                    continue
                try:
                    codes, specificity = universe.resolve(selector)
                except KeyError:
                    raise ConfigError(f"{option}: unknown rule code, prefix or name {selector!r} (see gxlint --list-rules)") from None
                out.append((selector, codes, specificity))
        return out

    return Layer(
        origin="command line",
        select=parse(select, "--select") if select is not None else None,
        extend_select=parse(extend_select, "--extend-select"),
        ignore=parse(ignore, "--ignore"),
    )


def _apply_layer(layer: Layer, state: dict[str, bool], universe: Universe) -> None:
    """ruff's rule: the most specific matching selector decides; ``ignore`` wins ties;
    a layer with ``select`` starts from nothing."""
    positives = (layer.select or []) + layer.extend_select
    for code in universe.metas:
        pos = max((spec for _, codes, spec in positives if code in codes), default=-1)
        neg = max((spec for _, codes, spec in layer.ignore if code in codes), default=-1)
        if neg >= 0 and neg >= pos:
            state[code] = False
        elif pos >= 0:
            state[code] = True
        elif layer.select is not None:
            state[code] = False


# --- resolved settings -------------------------------------------------------------------------


@dataclass
class Settings:
    """The resolved settings of the files one configuration covers (its chain and the command line merged)."""
    config: Config
    enabled: frozenset[str]
    severity: dict[str, str]
    rule_options: dict[str, dict[str, Any]]
    plugins: dict[str, dict[str, Any]]
    per_file_ignores: list[FileIgnore]
    lang: str | None
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, config: Config, universe: Universe, cli: Layer | None = None) -> "Settings":
        state = {code: True for code in universe.metas}
        for layer in config.layers:
            _apply_layer(layer, state, universe)
        for code, setting in config.rules.items():
            if setting.enabled is not None:
                state[code] = setting.enabled
        # the command line comes last: it names what the user wants right now
        if cli is not None:
            _apply_layer(cli, state, universe)
        return cls(
            config=config,
            enabled=frozenset(code for code, on in state.items() if on),
            severity={code: s.severity.value for code, s in config.rules.items() if s.severity},
            rule_options={code: dict(s.options) for code, s in config.rules.items() if s.options},
            plugins={name: dict(spec) for name, spec in config.plugins.items()},
            per_file_ignores=list(config.per_file_ignores),
            lang=config.lang,
        )

    def ignored_for(self, path: str | Path) -> frozenset[str]:
        key = str(path)
        if key not in self._cache:
            target = Path(path)
            codes: set[str] = set()
            for entry in self.per_file_ignores:
                if entry.matches(target):
                    codes |= entry.codes
            self._cache[key] = frozenset(codes)
        return self._cache[key]

    def is_enabled(self, code: str, path: str | Path) -> bool:
        return code in self.enabled and code not in self.ignored_for(path)

    def selects(self, diagnostic: Diagnostic, path: str | Path) -> bool:
        """Is this finding reported for ``path``?  Internal errors (GX9xx) always are."""
        return diagnostic.code.startswith("GX9") or self.is_enabled(diagnostic.code, path)

    def finish(self, diagnostic: Diagnostic, path: str | Path) -> Diagnostic | None:
        """A finding made outside a linter's own pass (a stale-baseline GX012): selected
        and given its configured severity like any other, or None when not selected."""
        if not self.selects(diagnostic, path):
            return None
        return with_severity(diagnostic, self.severity)

    def engine_settings(self) -> dict[str, Any]:
        out = {"severity": dict(self.severity), "rule_options": dict(self.rule_options),
               "plugins": dict(self.plugins)}
        if self.config.rule_timeout is not None:
            out["rule_timeout"] = self.config.rule_timeout
        return out

    def describe(self, path: str | Path, universe: Universe) -> dict[str, Any]:
        """The resolved configuration of one file, for ``--show-settings``."""
        ignored = self.ignored_for(path)
        return {
            "path": str(path),
            "config_files": [str(p) for p in self.config.files],
            "lang": self.lang,
            "enabled": sorted(c for c in self.enabled if c not in ignored),
            "disabled": sorted(c for c in universe.metas if c not in self.enabled or c in ignored),
            "per_file_ignores": [
                {"pattern": e.pattern, "selectors": e.selectors, "matches": e.matches(Path(path)), "from": e.origin}
                for e in self.per_file_ignores
            ],
            "severity": dict(sorted(self.severity.items())),
            "rule_options": {c: dict(o) for c, o in sorted(self.rule_options.items())},
            "plugins": self.plugins,
            "exclude": [p for p, _ in self.config.exclude],
        }


# --- globs ---------------------------------------------------------------------------------------

_GLOB_CACHE: dict[str, re.Pattern[str]] = {}


def glob_regex(pattern: str) -> re.Pattern[str]:
    """``*`` within a path segment, ``**`` across segments, ``?``, ``[...]``."""
    if pattern in _GLOB_CACHE:
        return _GLOB_CACHE[pattern]
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    compiled = re.compile("".join(out) + r"\Z")
    _GLOB_CACHE[pattern] = compiled
    return compiled


def glob_matches(pattern: str, path: Path, base: Path) -> bool:
    """Match against the path relative to ``base``; a pattern without ``/`` also matches
    the file name alone, and a pattern naming a directory matches everything below it."""
    target = Path(os.path.abspath(path))
    try:
        relative = target.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        relative = target.as_posix()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    regex = glob_regex(pattern.rstrip("/"))
    if regex.match(relative):
        return True
    parts = relative.split("/")
    for i in range(1, len(parts)):
        if regex.match("/".join(parts[:i])):
            return True
    if "/" not in pattern and regex.match(target.name):
        return True
    return False


# --- the linter with configuration, suppressions applied -----------------------------------


def excluded(path: Path, config: Config) -> bool:
    return any(glob_matches(pattern, path, base) for pattern, base in config.exclude)
