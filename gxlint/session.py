"""A lint session: plugins and settings loaded once, then paths → results, fixes, baseline.

No user interface here: nothing is printed and no exit code is chosen.  The command line
(:mod:`gxlint.cli`), the Python API (:mod:`gxlint.api`), worker processes
(:mod:`gxlint.parallel`) and Dask workers (:mod:`gxlint.batch`) all lint through a
:class:`Session`, so they give the same results.

A session is described by a :class:`SessionSpec`, plain data that pickles, so a worker
on another machine builds the same session from it (plugins loaded once per worker).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import gxlint.version
from gxlint.config import ConfigError, Resolver, Universe, cli_layer, excluded
from gxlint.engine import EXTENSIONS, MAX_BYTES, ConfiguredLinter, FileResult, Linter
from gxlint.errors import InputError, SetupError
from gxlint.plugin.manager import PluginError, installed_entry_points, load_plugins
from gxlint.results import FileFix, FixMode, Linted, Packing, slim

__all__ = ["FileFix", "FixMode", "Linted", "Session", "SessionSpec", "SetupError"]


@dataclass(frozen=True)
class SessionSpec:
    """Everything that decides a session's results, as picklable data.

    ``plugins`` holds ``-p`` values (``no:NAME`` disables a plugin, ``MODULE`` loads
    one); ``select`` / ``extend_select`` / ``ignore`` are the command line's selectors,
    applied after the configuration files; ``cache_dir`` None means no cache; ``cwd`` is
    the directory relative paths (and the configuration search) start from.
    """

    plugins: tuple[str, ...] = ()
    config_file: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    cache_dir: str | None = None
    cwd: str = field(default_factory=os.getcwd)


def _plugin_args(values: Iterable[str]) -> tuple[list[str], list[tuple[str, object]]]:
    disabled: list[str] = []
    extra: list[tuple[str, object]] = []
    known = None
    for value in values:
        if value.startswith("no:"):
            name = value[3:]
            if name == "gxlint":
                raise SetupError("-p no:gxlint: the core plugin (readers and reporters) cannot be disabled")
            if known is None:
                known = sorted(ep.name for ep in installed_entry_points())
            if name not in known:
                raise SetupError(f"-p no:{name}: no plugin named {name!r} (installed: {', '.join(known) or 'none'})")
            disabled.append(name)
        else:
            try:
                module = import_module(value)
            except Exception as error:
                raise SetupError(f"-p {value}: cannot import plugin module: {type(error).__name__}: {error}") from None
            extra.append((value, module))
    return disabled, extra


class Session:
    """Plugins, configuration and (optionally) the cache, loaded once."""

    def __init__(self, spec: SessionSpec | None = None, *, extra_plugins: Iterable[tuple[str, object]] = ()) -> None:
        self.spec = spec = spec or SessionSpec()
        self.in_process_plugins = list(extra_plugins)
        disabled, extra = _plugin_args(spec.plugins)
        try:
            self.registry = load_plugins(disabled=disabled, extra=self.in_process_plugins + extra)
        except PluginError as error:
            raise SetupError(f"plugin error: {error}") from None
        self.universe = Universe.from_registry(self.registry)
        try:
            layer = cli_layer(spec.select, spec.extend_select, spec.ignore, self.universe)
            config_file = None if spec.config_file is None else os.path.join(spec.cwd, spec.config_file)
            self.resolver = Resolver(self.universe, config_file=config_file, isolated=spec.isolated, cli_layer=layer)
        except ConfigError as error:
            raise SetupError(str(error)) from None
        self._linters: dict[int, Any] = {}
        self.cache = self._open_cache()

    def use_cache(self, directory: str | None = None) -> None:
        """Turn the cache on, in ``directory`` or where :func:`gxlint.cache.default_directory` says."""
        from gxlint.cache import default_directory  # lazy: only a run with the cache loads it

        if directory is None:
            try:
                directory = str(default_directory(self.resolver, self.spec.cwd))
            except Exception as error:  # a broken configuration file: ConfigError
                raise SetupError(str(error)) from None
        self.spec = replace(self.spec, cache_dir=os.path.abspath(self.absolute(directory)))
        self.cache = self._open_cache()

    # --- settings -----------------------------------------------------------------------
    def absolute(self, path: str) -> str:
        """``path`` as this process can open it (the spec's ``cwd`` may not be ours)."""
        if os.path.isabs(path) or self.spec.cwd == os.getcwd():
            return path
        return os.path.join(self.spec.cwd, path)

    def settings_for(self, name: str) -> Any:
        try:
            return self.resolver.settings_for(self.absolute(name))
        except ConfigError as error:
            raise SetupError(str(error)) from None

    def linter_for(self, settings: Any) -> Any:
        linter = self._linters.get(id(settings))
        if linter is None:
            try:
                linter = self._linters[id(settings)] = ConfiguredLinter(self.registry, settings, self.universe)
            except Exception as error:  # raised by a plugin's gxlint_configure hook
                raise SetupError(f"a plugin rejected the configuration: {type(error).__name__}: {error}") from None
        return linter

    # --- the cache ----------------------------------------------------------------------
    def _open_cache(self) -> Any:
        if self.spec.cache_dir is None or os.environ.get("GXLINT_NO_CACHE"):
            return None
        from gxlint.cache import Cache, code_fingerprint, plugin_identity  # lazy: see use_cache

        identities = [plugin_identity(p.name, p.module, p.version) for p in self.registry.plugins if p.name != "gxlint"]
        if not all(identities):
            return None  # a plugin object registered in-process: its behaviour has no key
        import gxlint_plugins  # lazy: the built-in rules' folder, for the cache key only

        package = os.path.dirname(gxlint.version.__file__)
        key = "\n".join([f"gxlint {gxlint.version.__version__}",
                         code_fingerprint([package, *gxlint_plugins.__path__]), *identities])
        modules = [p.module for p in self.registry.plugins]
        return Cache(self.absolute(self.spec.cache_dir), key, plugin_modules=modules)

    # --- inputs -------------------------------------------------------------------------
    def collect(self, paths: Sequence[str], walked: set[str] | None = None) -> list[str]:
        """Files to lint, in order, without duplicates.  Files named explicitly are linted
        whatever their extension (a missing one becomes an input error finding);
        directories contribute the files with a known extension, and the pages a mirror
        saves without one (no extension, or a server's such as ``.jsp``) that open as an
        HTML document, hidden entries and ``exclude``d ones skipped.  Files met only on a walk are added to ``walked``
        (one that is not a report is then skipped, not an error)."""
        from gxlint.reading import is_regular_file  # lazy: --version reads no file
        from gxlint.readers.sniff import SERVER_PAGE_EXTENSIONS  # lazy: --version reads no file

        extensions = set(EXTENSIONS)
        for reader in self.registry.readers.values():
            extensions.update(e.lower() for e in reader.extensions)
        resolver = self.resolver
        seen: set[str] = set()
        out: list[str] = []

        def key_of(path: str) -> str:
            return path if path == "-" else os.path.normcase(os.path.abspath(self.absolute(path)))

        def add(path: str) -> bool:
            key = key_of(path)
            if key in seen:
                return False
            seen.add(key)
            out.append(path)
            return True

        explicit = {key_of(p) for p in paths if p != "-" and not os.path.isdir(self.absolute(p))}

        try:
            for path in paths:
                if path == "-" or not os.path.isdir(self.absolute(path)):
                    add(path)
                    continue
                found: list[str] = []
                top = self.absolute(path)
                for root, dirs, files in os.walk(top):
                    shown = path + root[len(top):]  # as the user wrote it
                    config = resolver.config(resolver.config_path_for(Path(root) / "x"))
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(Path(root) / d, config))
                    for name in sorted(files):
                        if name.startswith("."):
                            continue
                        extension = os.path.splitext(name)[1].lower()
                        mirrored = extension not in extensions and (not extension or extension in SERVER_PAGE_EXTENSIONS)
                        if extension not in extensions and not mirrored:
                            continue
                        if excluded(Path(root) / name, config) or not is_regular_file(os.path.join(root, name)):
                            continue  # excluded, or a FIFO or device (reading it would never end)
                        if mirrored and not _opens_as_page(os.path.join(root, name)):
                            continue  # a README, a Makefile: no extension, and no page
                        found.append(os.path.normpath(os.path.join(shown, name)))
                for full in sorted(found, key=lambda p: Path(p).parts):
                    if add(full) and walked is not None and key_of(full) not in explicit:
                        walked.add(full)
        except ConfigError as error:
            raise SetupError(str(error)) from None
        return out

    # --- one file -----------------------------------------------------------------------
    def lint(self, path: str, raw: bytes | None = None, *, name: str | None = None,
             fix: FixMode | None = None, keep_document: bool = False, packing: Packing | None = None) -> Linted:
        """Lint one file (``raw``: its bytes, already read, e.g. standard input; ``name``:
        the name to report and to resolve settings for).  The result is slim unless
        ``keep_document``; a fix is computed when ``fix`` is given (nothing is written).
        With ``packing``, a result served by or stored in the cache comes as a
        :class:`~gxlint.results.PackedResult` (as the cache holds it: nothing is unpacked
        and packed again); other results are slim as ever."""
        name = name or path
        settings = self.settings_for(name)
        linter = self.linter_for(settings)
        if raw is None:
            from gxlint.reading import read_file  # lazy: --version reads no file

            try:  # capped, regular files only (a device or FIFO never ends)
                raw = read_file(self.absolute(path), MAX_BYTES)
            except (OSError, InputError):
                raw = None
            if raw is None:  # unreadable or too big: the engine says which, as a finding
                return Linted(_renamed(linter.lint_path(self.absolute(path)), name))

        cache = self.cache if not keep_document else None
        if cache is not None:
            from gxlint.cache_entry import live, packed, stored  # lazy: see use_cache

            metas, loads = self.universe.metas, cache.loads
            key = cache.key(raw, name, cache.settings_key(settings, self.absolute(name)))
            if packing is not None and fix is None:
                hit = cache.get(key, lambda entry: packed(entry, loads, metas, name, packing.keep_facts))
                if hit is not None:
                    return Linted(hit)
            else:
                cached = cache.get(key, lambda entry: live(entry, loads, metas, name))
                if cached is not None and (fix is None or not _wants_fix(cached, fix)):
                    return Linted(cached, FileFix(name, stdin=path == "-") if fix is not None else None)

        # per-file ignores match the path as this process can open it; report the given name
        # (unnamed standard input, "-", has no extension: the engine sniffs its format)
        result = _renamed(linter.lint_bytes(raw, self.absolute(name), format=None, keep_document=keep_document), name)
        outcome = None
        if fix is not None:
            from gxlint.fixes import fix_result, unified_diff  # lazy: only with --fix or --diff

            result, fixed = fix_result(linter, result, unsafe=fix.unsafe)
            outcome = FileFix(name, applied=fixed.applied, problem=fixed.problem,
                              # --diff writes nothing: only the diff goes on
                              data=fixed.data if fixed.changed and not fix.diff else None,
                              diff=unified_diff(fixed) if fix.diff else "", stdin=path == "-")
            if fixed.changed and fixed.data is not None:
                raw = fixed.data  # the result now describes the fixed bytes
        if cache is not None and not any(d.code.startswith("GX9") for d in result.diagnostics):
            kept = stored(result, keep_facts=packing is not None and packing.keep_facts)
            if kept is not None:
                entry, as_packed = kept
                cache.put(cache.key(raw, name, cache.settings_key(settings, self.absolute(name))), entry)
                if packing is not None and fix is None:
                    return Linted(as_packed)
        return Linted(result if keep_document else slim(result), outcome)

    # --- many files -----------------------------------------------------------------------
    def lint_many(self, paths: Sequence[str], *, jobs: int = 1, fix: FixMode | None = None,
                  stdin: bytes | None = None, stdin_name: str | None = None,
                  then: Callable[[Linted], Any] | None = None, packing: Packing | None = None) -> Iterator[Any]:
        """Lint ``paths`` in order, yielding each file's slim result as soon as it (and
        every file before it) is done.  ``jobs`` > 1 lints in up to that many worker
        processes (see :mod:`gxlint.parallel`); the results are the same as with one.
        ``-`` stands for standard input, whose bytes are ``stdin``.  ``then`` is done to
        each :class:`Linted` where it was linted (in the worker; what it returns is sent
        back and yielded instead); ``packing`` is passed to :meth:`lint`."""
        tasks = [(path, stdin or b"", stdin_name or "-") if path == "-" else (path, None, path) for path in paths]
        from gxlint.parallel import lint_parallel, worker_count  # lazy: a lint run's, not --version's

        if worker_count(jobs, len(tasks)) > 1:
            yield from lint_parallel(self, tasks, jobs=jobs, fix=fix, then=then, packing=packing)
        else:
            for path, raw, name in tasks:
                linted = self.lint(path, raw, name=name, fix=fix, packing=packing)
                yield linted if then is None else then(linted)

    # --- documents without rules ------------------------------------------------------------
    def read(self, path: str | None = None, raw: bytes | None = None, *, text: str | None = None,
             name: str | None = None, format: str | None = None) -> FileResult:
        """Read and structure one input exactly as linting does, running no rule: the
        result holds the document (None when it could not be read) and only the input
        findings (GX0xx)."""
        reader = Linter(self.registry, rule_filter=lambda _path, _rule: False)
        name = name or path or "<string>"
        if text is not None:
            fmt = format or reader.format_for(name) or "text"
            return reader.lint_text(text, name, format=fmt)
        if raw is not None:
            return reader.lint_bytes(raw, name, format=format)
        if path is None:
            raise TypeError("read() needs a path, bytes or text")
        return _renamed(reader.lint_path(self.absolute(path), format=format), name)

    def source(self, path: str, format: str | None = None) -> Any:
        """The text of one file as linting reads it (decoded; PDF and .docx extracted),
        without its document, or None when it cannot be read now: for the lines of
        findings made after the file's document was dropped (:mod:`gxlint.multireport`)."""
        from gxlint.reading import read_file  # lazy: --version reads no file

        try:
            raw = read_file(self.absolute(path), MAX_BYTES)
        except (OSError, InputError):
            return None
        reader = Linter(self.registry, rule_filter=lambda _path, _rule: False)
        return reader.source_of(raw, path, format=format)

    # --- baseline -------------------------------------------------------------------------
    def baseline_finisher(self) -> Any:
        """What a stale-baseline finding (GX012) goes through: the file's selection and
        severity, as for any other finding."""

        def finish(result: FileResult, diagnostic: Any) -> Any:
            return self.settings_for(result.path).finish(diagnostic, self.absolute(result.path))

        return finish


def _wants_fix(result: FileResult, fix: FixMode) -> bool:
    from gxlint.fixes import wanted  # lazy: only with --fix or --diff

    return any(wanted(d, fix.unsafe) for d in result.diagnostics)


def _renamed(result: FileResult, name: str) -> FileResult:
    """Report under the name the user gave, not the absolute path opened."""
    if result.path == name:
        return result
    result.diagnostics = [replace(d, path=name) for d in result.diagnostics]
    result.path = name
    if result.source is not None:
        result.source.path = name
    if result.facts is not None:
        result.facts.path = name
    return result


def _opens_as_page(path: str) -> bool:
    """Whether the file at ``path`` opens as an HTML document (its first KiB is read)."""
    from gxlint.readers.sniff import opens_as_html_document  # lazy: only a walk meets such files

    try:
        with open(path, "rb") as file:
            return opens_as_html_document(file.read(1024))
    except OSError:
        return False
