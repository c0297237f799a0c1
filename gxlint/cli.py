"""The ``gxlint`` command.

``gxlint [OPTIONS] PATH...`` lints files (``.html .htm .shtml`` HTML, ``.md .markdown``
Markdown, ``.txt`` text, plus whatever plugin readers claim), directories (walked in
sorted order, hidden directories skipped) and ``-`` (standard input, named with
``--stdin-filename``).

Exit codes: 0 no finding of error severity; 1 at least one (or more warnings than
``--max-warnings``); 2 usage, configuration or input errors (a file that could not be
linted), plugin load failures and internal errors.  Never a traceback.

Everything heavy is imported only when needed, so a pre-commit run on one file starts
fast; ``rich`` is imported only by the ``full`` reporter and ``--show-tables``.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterable, Sequence

BUG_HINT = "this is a bug in gxlint; please report it with the command line and the input file"

# environment variables read for the default language, in order of precedence
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


class UsageError(Exception):
    """A problem with the command line, the configuration or a plugin: exit code 2."""


def default_lang(environ: dict | None = None) -> str:
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARS:
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def build_parser():
    import argparse

    from gxlint import __version__

    parser = argparse.ArgumentParser(
        prog="gxlint",
        description="Lint government information-disclosure annual reports (政府信息公开工作年度报告).",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage/input/internal error.",
        allow_abbrev=False,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint; - reads standard input")
    out = parser.add_argument_group("output")
    out.add_argument("-f", "--format", "--output-format", dest="format", default=None, metavar="NAME",
                     help="output format: full (default), concise, json, json-lines, github, sarif, gitlab, junit, "
                          "summary, summary-json, html, or one a plugin adds")
    out.add_argument("--lang", choices=("zh", "en"), default=None,
                     help="language of messages (default: from LC_ALL/LC_MESSAGES/LANG: zh_* is Chinese)")
    out.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only: no summary, no progress notes")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the full format (auto: on a terminal unless NO_COLOR is set)")
    out.add_argument("--no-source", action="store_true", help="full format: no code frames")
    status = parser.add_argument_group("exit status")
    status.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found (2 still means trouble)")
    status.add_argument("--max-warnings", type=int, default=None, metavar="N",
                        help="exit 1 when there are more than N warnings")
    sel = parser.add_argument_group("rule selection and configuration")
    sel.add_argument("--select", action="append", default=None, metavar="RULES",
                     help="only these rules (codes, prefixes, names or ALL; comma-separated)")
    sel.add_argument("--extend-select", action="append", default=[], metavar="RULES", help="add rules to the selection")
    sel.add_argument("--ignore", action="append", default=[], metavar="RULES", help="do not run these rules")
    sel.add_argument("--config", metavar="FILE", help="use this configuration file for every input")
    sel.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    sel.add_argument("--show-settings", metavar="FILE", help="print the resolved configuration for FILE and exit")
    sel.add_argument("-p", dest="plugins", action="append", default=[], metavar="PLUGIN",
                     help="-p no:NAME disables the plugin NAME; -p MODULE loads MODULE as an extra plugin")
    work = parser.add_argument_group("workflow")
    work.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    work.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    work.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    work.add_argument("--baseline", metavar="FILE", help="do not report findings recorded in this baseline")
    work.add_argument("--write-baseline", metavar="FILE", help="record the current findings in a baseline file")
    work.add_argument("--stdin-filename", metavar="NAME", help="the name (and so the format) of standard input")
    info = parser.add_argument_group("information")
    info.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    info.add_argument("--explain", metavar="RULE", help="explain a rule (code or name) and exit")
    info.add_argument("--show-text", action="store_true",
                      help="print the text gxlint read (extracted from PDF and Word files), with line numbers")
    info.add_argument("--show-tables", action="store_true",
                      help="print the recognised statistics tables instead of findings (JSON with --format json; "
                           "every cell of every file, one row each, with --format csv or jsonl)")
    info.add_argument("--version", action="store_true", help="print the version and the loaded plugins")
    parser.set_defaults(_version=__version__)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never raises, always returns an exit code."""
    try:
        return run(argv)
    except UsageError as error:
        _err(f"gxlint: error: {error}")
        return 2
    except KeyboardInterrupt:
        _err("gxlint: interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 2
    except SystemExit as exit_:  # argparse's --help and usage errors
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except Exception as error:  # never a traceback
        import traceback

        frames = traceback.extract_tb(error.__traceback__)
        where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
        _err(f"gxlint: internal error: {type(error).__name__}: {error}{where}\n{BUG_HINT}")
        return 2


def _err(message: str) -> None:
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _plugin_args(values: Iterable[str]) -> tuple[list[str], list[tuple[str, object]]]:
    from importlib import import_module
    from importlib.metadata import entry_points

    from gxlint.plugin import ENTRY_POINT_GROUP

    disabled: list[str] = []
    extra: list[tuple[str, object]] = []
    known = None
    for value in values:
        if value.startswith("no:"):
            name = value[3:]
            if name == "gxlint":
                raise UsageError("-p no:gxlint: the core plugin (readers and reporters) cannot be disabled")
            if known is None:
                known = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
            if name not in known:
                raise UsageError(f"-p no:{name}: no plugin named {name!r} (installed: {', '.join(known) or 'none'})")
            disabled.append(name)
        else:
            try:
                module = import_module(value)
            except Exception as error:
                raise UsageError(f"-p {value}: cannot import plugin module: {type(error).__name__}: {error}") from None
            extra.append((value, module))
    return disabled, extra


def run(argv: Sequence[str] | None = None, *, extra_plugins: Iterable[tuple[str, object]] = ()) -> int:
    """Run the command; raises :class:`UsageError` for problems the user must fix.

    ``extra_plugins`` registers in-process plugins (name, module) as ``-p MODULE`` does.
    """
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.max_warnings is not None and args.max_warnings < 0:
        raise UsageError("--max-warnings must be 0 or more")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be combined: --diff only shows what --fix would write")
    if args.write_baseline and (args.fix or args.diff):
        raise UsageError("--write-baseline cannot be combined with --fix or --diff")
    if args.config and args.isolated:
        raise UsageError("--config and --isolated cannot be combined")

    from gxlint.plugin.manager import PluginError, load_plugins

    disabled, extra = _plugin_args(args.plugins)
    extra = list(extra_plugins) + extra
    try:
        registry = load_plugins(disabled=disabled, extra=extra)
    except PluginError as error:
        raise UsageError(f"plugin error: {error}") from None

    if args.version:
        return _print_version(registry, args)

    from gxlint.config import ConfigError, Resolver, Universe, cli_layer

    universe = Universe.from_registry(registry)
    try:
        layer = cli_layer(args.select, args.extend_select, args.ignore, universe)
        resolver = Resolver(universe, config_file=args.config, isolated=args.isolated, cli_layer=layer)
        lang = args.lang or resolver.settings_for(os.path.join(os.getcwd(), "-")).lang or default_lang()
    except ConfigError as error:
        raise UsageError(str(error)) from None

    fmt = args.format or "full"
    if args.list_rules:
        return _list_rules(universe, registry, lang, fmt)
    if args.explain:
        return _explain(universe, args.explain, lang)
    if args.show_settings:
        return _show_settings(resolver, universe, args.show_settings, fmt)
    if fmt not in registry.reporters and not (args.show_tables or args.show_text):
        raise UsageError(f"unknown format {fmt!r} (available: {', '.join(sorted(registry.reporters))})")

    try:
        inputs = collect_inputs(args.paths or ["."], registry, resolver)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    if not inputs:
        if not args.quiet:
            _err("gxlint: warning: no report files (.html .htm .shtml .md .markdown .txt .pdf .docx) found under "
                 + ", ".join(args.paths or ["."]))
        return 0
    if args.stdin_filename and "-" not in inputs:
        raise UsageError("--stdin-filename is only used with - (standard input) as PATH")

    return _lint(args, registry, universe, resolver, inputs, lang, fmt)


# --- inputs -----------------------------------------------------------------------------------


def _extensions(registry: Any) -> set[str]:
    from gxlint.engine import EXTENSIONS

    extensions = set(EXTENSIONS)
    for reader in registry.readers.values():
        extensions.update(e.lower() for e in reader.extensions)
    return extensions


def collect_inputs(paths: Sequence[str], registry: Any, resolver: Any) -> list[str]:
    """Files to lint, in order, without duplicates.  Files named explicitly are linted
    whatever their extension (a missing one becomes an input error finding); directories
    contribute the files with a known extension, hidden entries and ``exclude``d ones
    skipped."""
    from pathlib import Path

    from gxlint.config import excluded

    extensions = _extensions(registry)
    seen: set[str] = set()
    out: list[str] = []

    def add(path: str) -> None:
        key = path if path == "-" else os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.append(path)

    for path in paths:
        if path == "-":
            add("-")
            continue
        if not os.path.isdir(path):
            add(path)
            continue
        found: list[str] = []
        for root, dirs, files in os.walk(path):
            config = resolver.config(resolver.config_path_for(Path(root) / "x"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(Path(root) / d, config))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if os.path.splitext(name)[1].lower() not in extensions:
                    continue
                full = os.path.normpath(os.path.join(root, name))
                if excluded(Path(full), config):
                    continue
                found.append(full)
        for full in sorted(found, key=lambda p: Path(p).parts):
            add(full)
    return out


# --- linting -----------------------------------------------------------------------------------


def _lint(args, registry, universe, resolver, inputs, lang, fmt) -> int:
    from gxlint.config import ConfigError, ConfiguredLinter

    linters: dict[int, Any] = {}
    linter_of: dict[int, Any] = {}  # id(result) -> the linter (settings) of its file
    results = []
    outcomes = []
    stdin_fixed: bytes | None = None
    fixing = args.fix or args.diff
    for path in inputs:
        name = args.stdin_filename or "-" if path == "-" else path
        try:
            settings = resolver.settings_for(os.path.join(os.getcwd(), name) if path == "-" else path)
        except ConfigError as error:
            raise UsageError(str(error)) from None
        linter = linters.get(id(settings))
        if linter is None:
            try:
                linter = linters[id(settings)] = ConfiguredLinter(registry, settings, universe)
            except Exception as error:  # raised by a plugin's gxlint_configure hook
                raise UsageError(f"a plugin rejected the configuration: {type(error).__name__}: {error}") from None
        if path == "-":
            raw = sys.stdin.buffer.read()
            result = linter.lint_bytes(raw, name)
        else:
            result = linter.lint_path(path)
        if fixing:
            from gxlint.fixes import fix_result

            result, outcome = fix_result(linter, result, unsafe=args.unsafe_fixes)
            outcomes.append(outcome)
            if path == "-":
                outcome.stdin = True
                stdin_fixed = outcome.data if outcome.changed else raw
        results.append(result)
        linter_of[id(result)] = linter

    if args.show_tables:
        return _show_tables(results, fmt, args)
    if args.show_text:
        return _show_text(results, args)
    from gxlint.multireport import apply as apply_multi_report_rules

    apply_multi_report_rules(results, registry, lambda result: linter_of[id(result)])

    if args.diff:
        return _report_diff(outcomes, results, args)
    if args.fix:
        _write_fixes(outcomes, args, quiet=args.quiet)

    hidden = 0
    if args.write_baseline:
        from gxlint import baseline

        try:
            data = baseline.write(results, args.write_baseline)
        except baseline.BaselineError as error:
            raise UsageError(str(error)) from None
        count = sum(e["count"] for codes in data["files"].values() for e in codes.values())
        if not args.quiet:
            _err(f"gxlint: wrote {count} finding(s) in {len(data['files'])} file(s) to {args.write_baseline}")
        for result in results:
            if not result.fatal:
                result.diagnostics = []
    elif args.baseline:
        from gxlint import baseline

        try:
            data = baseline.load(args.baseline)
        except baseline.BaselineError as error:
            raise UsageError(str(error)) from None

        def finish(result, diagnostic):
            settings = resolver.settings_for(result.path)
            if not settings.is_enabled(diagnostic.code, result.path):
                return None
            level = settings.severity.get(diagnostic.code)
            if level:
                from dataclasses import replace

                from gxlint.diagnostics import Severity

                diagnostic = replace(diagnostic, severity=Severity.parse(level))
            return diagnostic

        hidden = baseline.apply(results, data, args.baseline, universe.metas["GX012"], finish=finish)

    options = {
        "lang": lang,
        "quiet": args.quiet,
        "unsafe_fixes": args.unsafe_fixes,
        "show_source": not args.no_source,
        "version": parser_version(),
        "rules": [universe.metas[c] for c in sorted(universe.metas)],
        "baseline_hidden": hidden,
    }
    out_stream = sys.stderr if stdin_fixed is not None else None
    _emit(results, registry, fmt, options, args, out_stream)
    if stdin_fixed is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_fixed)
        sys.stdout.buffer.flush()
    return exit_code(results, args)


def parser_version() -> str:
    from gxlint import __version__

    return __version__


def exit_code(results, args) -> int:
    if any(r.fatal for r in results):
        return 2
    if args.exit_zero:
        return 0
    errors = warnings = 0
    for result in results:
        for d in result.diagnostics:
            level = d.effective_severity.value
            errors += level == "error"
            warnings += level == "warning"
    if errors:
        return 1
    if args.max_warnings is not None and warnings > args.max_warnings:
        if not args.quiet:
            _err(f"gxlint: {warnings} warnings, more than --max-warnings {args.max_warnings}")
        return 1
    return 0


def _open_output(args, default=None):
    if args.output_file:
        try:
            return open(args.output_file, "w", encoding="utf-8", newline="\n"), True
        except OSError as error:
            raise UsageError(f"--output-file {args.output_file}: {error.strerror or error}") from None
    return (default or sys.stdout), False


def _color(args, stream) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or args.output_file:
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _emit(results, registry, fmt, options, args, default_stream=None) -> None:
    stream, close = _open_output(args, default_stream)
    try:
        options["color"] = _color(args, stream)
        if args.statistics:
            _write_statistics(results, stream, fmt, options)
        else:
            registry.reporters[fmt].write(results, stream, options)
        stream.flush()
    finally:
        if close:
            stream.close()


def _write_statistics(results, stream, fmt, options) -> None:
    from collections import Counter

    counts: Counter = Counter()
    metas = {}
    fixable: set[str] = set()
    for result in results:
        for d in result.diagnostics:
            counts[d.code] += 1
            metas[d.code] = d.rule
            if d.fix is not None and (d.fix.safe or options.get("unsafe_fixes")):
                fixable.add(d.code)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt in ("json", "json-lines"):
        import json

        data = [{"code": c, "name": metas[c].name, "count": n, "fixable": c in fixable} for c, n in rows]
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    code_width = max((len(c) for c, _ in rows), default=5)
    for code, n in rows:
        marker = "[*]" if code in fixable else "   "
        stream.write(f"{n:>{width}}  {code:<{code_width}}  {marker} {metas[code].name}\n")


def _write_fixes(outcomes, args, quiet: bool) -> None:
    from gxlint.fixes import write_outcome

    fixed = files = 0
    for outcome in outcomes:
        if outcome.problem:
            _err(f"gxlint: {outcome.path}: {outcome.problem}")
            continue
        if outcome.stdin:
            continue  # standard input: the fixed text goes to standard output
        if outcome.changed:
            try:
                write_outcome(outcome)
            except OSError as error:
                _err(f"gxlint: {outcome.path}: not fixed: cannot write: {error.strerror or error}")
                continue
            fixed += outcome.applied
            files += 1
    if not quiet and fixed:
        _err(f"gxlint: fixed {fixed} finding(s) in {files} file(s)")


def _report_diff(outcomes, results, args) -> int:
    stream, close = _open_output(args)
    changed = 0
    try:
        from gxlint.fixes import unified_diff

        for outcome in outcomes:
            if outcome.problem:
                _err(f"gxlint: {outcome.path}: {outcome.problem}")
            diff = unified_diff(outcome)
            if diff:
                stream.write(diff)
                changed += outcome.applied
        stream.flush()
    finally:
        if close:
            stream.close()
    if not args.quiet:
        _err(f"gxlint: would fix {changed} finding(s)" if changed else "gxlint: nothing to fix")
    if any(r.fatal for r in results):
        return 2
    return 1 if changed else 0


# --- information ---------------------------------------------------------------------------------


def _print_version(registry, args) -> int:
    from gxlint import __version__

    lines = [f"gxlint {__version__}"]
    plugins = [p for p in registry.plugins]
    if plugins:
        lines.append("plugins:")
        width = max(len(p.name) for p in plugins)
        for plugin in plugins:
            version = plugin.version or (f"gxlint {__version__} (core)" if plugin.name == "gxlint" else "(not installed: -p)")
            rules = sum(1 for owner in registry.rule_owner.values() if owner == plugin.name)
            lines.append(f"  {plugin.name:<{width}}  {version}  [{rules} rule{'s' if rules != 1 else ''}]")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _list_rules(universe, registry, lang: str, fmt: str) -> int:
    rows = []
    for code in sorted(universe.metas):
        meta = universe.metas[code]
        summary = meta.summary_zh if lang == "zh" and meta.summary_zh else meta.summary
        rows.append({"code": code, "name": meta.name, "family": meta.family, "severity": meta.severity.value,
                     "fixable": bool(meta.fixable), "summary": summary, "plugin": meta.plugin})
    if fmt in ("json", "json-lines"):
        import json

        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    labels = {"zh": ("代码", "名称", "类别", "级别", "修复", "说明"),
              "en": ("CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "SUMMARY")}[lang]
    severity_names = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}.get(lang)
    table = [labels] + [
        (r["code"], r["name"], r["family"], severity_names[r["severity"]] if severity_names else r["severity"],
         "yes" if r["fixable"] and lang == "en" else ("是" if r["fixable"] else ""), r["summary"])
        for r in rows
    ]
    from unicodedata import east_asian_width

    def cells(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(cells(row[i]) for row in table) for i in range(5)]
    out = []
    for row in table:
        parts = [row[i] + " " * (widths[i] - cells(row[i])) for i in range(5)]
        out.append("  ".join(parts) + "  " + row[5])
    sys.stdout.write("\n".join(line.rstrip() for line in out) + "\n")
    return 0


def _explain(universe, which: str, lang: str) -> int:
    code = universe.code_for(which)
    if code is None:
        raise UsageError(f"--explain: unknown rule {which!r} (see gxlint --list-rules)")
    meta = universe.metas[code]
    from gxlint.docs import explain_text

    text = explain_text(meta, lang)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _show_settings(resolver, universe, path: str, fmt: str) -> int:
    from gxlint.config import ConfigError

    try:
        settings = resolver.settings_for(path)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    info = settings.describe(path, universe)
    if fmt in ("json", "json-lines"):
        import json

        sys.stdout.write(json.dumps(info, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"file: {info['path']}",
             "configuration: " + (" <- ".join(reversed(info["config_files"])) or "(none: defaults)"),
             f"lang: {info['lang'] or '(from the locale)'}",
             f"enabled ({len(info['enabled'])}): {', '.join(info['enabled'])}",
             f"disabled ({len(info['disabled'])}): {', '.join(info['disabled']) or '-'}"]
    for entry in info["per_file_ignores"]:
        lines.append(f"per-file-ignores: {entry['pattern']} = {entry['selectors']}"
                     f" ({'matches' if entry['matches'] else 'does not match'} this file)")
    for code, level in info["severity"].items():
        lines.append(f"rules.{code}.severity = {level}")
    for code, options in info["rule_options"].items():
        for key, value in options.items():
            lines.append(f"rules.{code}.options.{key} = {value!r}")
    for name, spec in info["plugins"].items():
        lines.append(f"plugins.{name} = {spec!r}")
    if info["exclude"]:
        lines.append(f"exclude = {info['exclude']}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _show_text(results, args) -> int:
    from gxlint.show_text import write_text

    readable = [r for r in results if r.source is not None and (r.source.text or not r.fatal)]
    for result in results:
        if result not in readable:
            for d in result.diagnostics:
                _err(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message('en')}")
    stream, close = _open_output(args)
    try:
        write_text(readable, stream)
        stream.flush()
    finally:
        if close:
            stream.close()
    return 2 if len(readable) < len(results) else 0


def _show_tables(results, fmt: str, args) -> int:
    try:
        from gxlint.tables.show import render_tables, tables_to_json
    except ImportError as error:
        raise UsageError(f"--show-tables is not available in this build: {error}") from None
    fatal = [r for r in results if r.fatal or r.document is None]
    for result in fatal:
        for d in result.diagnostics:
            _err(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message('en')}")
    good = [r for r in results if r not in fatal]
    stream, close = _open_output(args)
    try:
        if fmt in ("csv", "jsonl"):  # the table dataset: one row per cell of every file
            from gxlint.tables import dataset

            writer = dataset.write_csv if fmt == "csv" else dataset.write_jsonl
            writer([r.facts for r in good if r.facts is not None], stream)
        elif fmt in ("json", "json-lines"):
            import json

            data = []
            for result in good:
                item = tables_to_json(result.document)
                if isinstance(item, list):
                    data.extend(item)
                else:
                    data.append(item)
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            from rich.console import Console

            color = _color(args, stream)
            console = Console(file=stream, force_terminal=color, no_color=not color,
                              color_system="auto" if color else None, highlight=False)
            for result in good:
                render_tables(result.document, console)
        stream.flush()
    finally:
        if close:
            stream.close()
    return 2 if fatal else 0
