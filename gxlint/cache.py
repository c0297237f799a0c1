"""The on-disk cache of lint results, as ruff keeps one.

Where: ``--cache-dir``, else ``cache-dir`` of the configuration nearest the working
directory (relative to that file), else ``.gxlint_cache/`` beside that configuration,
else in the working directory.  ``--no-cache`` (or ``GXLINT_NO_CACHE=1``) turns it off.

An entry is what :mod:`gxlint.cache_entry` keeps of one file's result (plain data and
bytes), stored under a key that hashes everything the result depends on:

* the file's bytes (SHA-256) and its path (rules see the file name);
* gxlint's version and a fingerprint of its installed code (so an edited checkout never
  reads results of the code it replaced);
* every loaded plugin's name and version (a plugin without a distribution: its module
  file's contents);
* the settings resolved for that file: the rules enabled for it after per-file ignores,
  severity overrides, rule options and plugin settings.

Change any of them and the key changes.  Entries are written atomically (a temporary
file, then ``os.replace``) with a checksum of their body; an entry that is truncated,
corrupt, from another format or names unknown rules is ignored and rebuilt, never
trusted.  Results with an internal error (GX9xx) are not stored.

The body is a pickle (the per-file facts hold the dataclasses multi-report rules
collect), read back, with every pickle nested in it (:meth:`Cache.loads`), by an
unpickler that builds only containers, scalars, dataclasses of modules already imported
from gxlint or a loaded plugin, and packed table cells: never a call of anything else, so
a planted cache file cannot run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

CACHE_DIR_NAME = ".gxlint_cache"
FORMAT = b"gxlint-cache 3"  # first line of every entry, with the body's SHA-256

_README = "This directory is gxlint's cache of lint results; it is safe to delete.\n"


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)  # non-UTF-8 file names
        h.update(b"\0")
    return h.hexdigest()


def code_fingerprint(directories: Iterable[str]) -> str:
    """Names, sizes and modification times of the files under ``directories`` (the
    installed packages): an edited checkout (an editable install) changes it without a
    version change."""
    entries = []
    for directory in directories:
        for root, dirs, files in os.walk(directory):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                try:
                    stat = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                entries.append(f"{os.path.relpath(os.path.join(root, name), directory)}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest(*entries)


def plugin_identity(name: str, module: str, version: str) -> str:
    """``name version``; a plugin with no distribution is known by its module's source."""
    if version:
        return f"{name} {version}"
    mod = sys.modules.get(module)
    file = getattr(mod, "__file__", None)
    try:
        with open(file, "rb") as handle:  # type: ignore[arg-type]
            return f"{name} {module} sha256:{hashlib.sha256(handle.read()).hexdigest()}"
    except (OSError, TypeError):
        return ""  # an object registered in-process: nothing to key on


def settings_key(settings: Any, path: str) -> str:
    """What of the resolved settings can change a file's result, as one string."""
    ignored = settings.ignored_for(path)
    return json.dumps({
        "enabled": sorted(c for c in settings.enabled if c not in ignored),
        "severity": settings.severity,
        "rule_options": settings.rule_options,
        "plugins": settings.plugins,
    }, sort_keys=True, ensure_ascii=False, default=repr)


_BUILTINS = {"set", "frozenset", "tuple", "list", "dict", "bytes", "bytearray", "complex"}
# functions that build data and nothing else: the packed cells of compact facts
_CONSTRUCTORS = {("gxlint.report_facts", "_unpickle_cells")}


class _DataUnpickler(pickle.Unpickler):
    """Builds containers, scalars and dataclass instances only (see the module's notes).
    ``allowed`` remembers the classes found allowed, for the next entry."""

    def __init__(self, blob: bytes, modules: frozenset[str], allowed: dict[tuple[str, str], Any]) -> None:
        super().__init__(io.BytesIO(blob))
        self.modules = modules
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is not None:
            return found
        if module == "builtins" and name in _BUILTINS or (module, name) in _CONSTRUCTORS:
            found = super().find_class(module, name)
        else:
            root = module.split(".")[0]
            loaded = sys.modules.get(module)
            if loaded is not None and (root in ("gxlint", "gxlint_plugins") or module in self.modules):
                candidate = getattr(loaded, name, None)
                if isinstance(candidate, type) and dataclasses.is_dataclass(candidate):
                    found = candidate
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not cacheable data")
        self.allowed[(module, name)] = found
        return found


class Cache:
    """Entries under ``directory/v1/ab/abcdef…``; ``session_key`` covers version and plugins."""

    def __init__(self, directory: str | Path, session_key: str, plugin_modules: Iterable[str] = ()) -> None:
        self.directory = Path(directory)
        self._entries = os.path.join(directory, "v1")
        self.session_key = session_key
        self._session_hash = hashlib.sha256(session_key.encode("utf-8", "surrogatepass") + b"\0")
        self.plugin_modules = frozenset(plugin_modules)
        self._prepared = False
        self.hits = self.misses = 0
        # (id of the settings, their per-file ignores) -> (the settings, kept alive, their key)
        self._settings_keys: dict[tuple[int, frozenset[str]], tuple[Any, str]] = {}
        self._allowed: dict[tuple[str, str], Any] = {}  # classes the unpickler found allowed

    def settings_key(self, settings: Any, path: str) -> str:
        """:func:`settings_key`, computed once per settings and per-file ignores (the files
        under one configuration mostly share them)."""
        memo = (id(settings), settings.ignored_for(path))
        known = self._settings_keys.get(memo)
        if known is None or known[0] is not settings:
            known = self._settings_keys[memo] = (settings, settings_key(settings, path))
        return known[1]

    def key(self, raw: bytes, path: str, settings: str) -> str:
        h = self._session_hash.copy()  # the session's part hashed once per run
        for part in (path, settings):
            h.update(part.encode("utf-8", "surrogatepass"))  # non-UTF-8 file names
            h.update(b"\0")
        h.update(hashlib.sha256(raw).digest())
        return h.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], key)

    def loads(self, blob: bytes) -> Any:
        """A pickle of this cache (an entry's body, or one nested in it) read back by the
        restricted unpickler: any damage or refused class raises ValueError."""
        try:
            return _DataUnpickler(blob, self.plugin_modules, self._allowed).load()
        except Exception as error:  # any damage or refused class: not to be trusted
            raise ValueError(f"not cacheable data: {type(error).__name__}: {error}") from None

    def get(self, key: str, decode: Callable[[Mapping[str, Any]], Any] = lambda entry: entry) -> Any:
        """``decode`` of the stored entry (a dict), or None when absent or not to be
        trusted (``decode`` raising LookupError, TypeError or ValueError counts as untrusted)."""
        try:
            with open(self._entry(key), "rb") as handle:
                blob = handle.read()
        except OSError:
            self.misses += 1
            return None
        header, _, body = blob.partition(b"\n")
        data = None
        if header == FORMAT + b" " + hashlib.sha256(body).hexdigest().encode("ascii"):
            try:
                data = self.loads(body)
            except ValueError:
                data = None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("entry"), dict):
            self.misses += 1
            return None
        try:
            value = decode(data["entry"])
        except (LookupError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, entry: Mapping[str, Any]) -> None:
        """Store atomically; a cache that cannot be written is silently skipped."""
        try:
            body = pickle.dumps({"key": key, "entry": entry}, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a plugin's value that does not pickle: not cached
            return
        blob = FORMAT + b" " + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
        target = self._entry(key)
        try:
            self._prepare()
            folder = os.path.dirname(target)
            os.makedirs(folder, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(blob)
                os.replace(temp, target)
            except BaseException:
                try:
                    os.unlink(temp)
                except OSError:
                    pass
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        """Like ruff: a .gitignore that ignores the directory, and CACHEDIR.TAG."""
        if self._prepared:
            return
        self._prepared = True
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Automatically created by gxlint.\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# This file is a cache directory tag created by gxlint.\n"),
                           ("README", _README)):
            path = self.directory / name
            if not path.exists():
                try:
                    path.write_text(text, encoding="utf-8")
                except OSError:
                    pass


def default_directory(resolver: Any, cwd: str) -> Path:
    """``cache-dir`` of the configuration nearest ``cwd``, else beside it, else ``cwd``."""
    config_path = resolver.config_path_for(Path(cwd) / "-")
    config = resolver.config(config_path)
    if config.cache_dir is not None:
        return Path(config.cache_dir)
    if config_path is not None:
        return Path(config_path).parent / CACHE_DIR_NAME
    return Path(cwd) / CACHE_DIR_NAME
