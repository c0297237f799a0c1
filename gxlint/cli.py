"""The ``gxlint`` command.

``gxlint [OPTIONS] PATH...`` lints files (``.html .htm .shtml`` HTML, ``.md .markdown``
Markdown, ``.txt`` text, plus whatever plugin readers claim), directories (walked in
sorted order, hidden directories skipped) and ``-`` (standard input, named with
``--stdin-filename``).

Exit codes: 0 no finding of error severity; 1 at least one (or more warnings than
``--max-warnings``); 2 usage, configuration or input errors (a file that could not be
linted), plugin load failures and internal errors.  Never a traceback.

Everything heavy is imported only when needed, so a pre-commit run on one file starts
fast; ``rich`` is imported only by the ``full`` reporter and ``--show-tables``.  The
session (plugins, engine) loads after the arguments were parsed, so ``--help`` and usage
errors answer at once; each option's own machinery loads when the option is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from unicodedata import east_asian_width

from gxlint.collector import frozen_for_exit, paused_for_start_up, start_up_done
from gxlint.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.result_stream import ResultStream

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


class _MetavarCheckFormatter(argparse.HelpFormatter):
    """The formatter argparse makes to check an argument's metavar as it is added: any
    width does for that, so the terminal is not asked (asking imports ``shutil``, 2 ms of
    a run's start-up).  Help, usage and errors use argparse's own formatter."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gxlint",
        description="Lint government information-disclosure annual reports (政府信息公开工作年度报告).",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage/input/internal error.",
        allow_abbrev=False,
        formatter_class=_MetavarCheckFormatter,
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
    scale = parser.add_argument_group("scale")
    scale.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="lint in N processes (default: all cores; 1: in this process); the output is the same")
    scale.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache of results (also GXLINT_NO_CACHE=1)")
    scale.add_argument("--cache-dir", metavar="DIR",
                       help="where the cache lives (default: cache-dir of the configuration, else .gxlint_cache "
                            "beside the nearest configuration or in the working directory)")
    scale.add_argument("--dask-scheduler", metavar="ADDRESS",
                       help="lint on a Dask cluster (needs gxlint[dask]): tcp://host:8786, or the path of a scheduler file")
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
    parser.formatter_class = argparse.HelpFormatter  # help and errors as wide as the terminal
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never raises, always returns an exit code.

    Without ``argv`` it is the ``gxlint`` command, and the process ends when it returns:
    see :func:`gxlint.collector.frozen_for_exit`."""
    try:
        with paused_for_start_up():
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
        import traceback  # lazy: only an internal error needs it (2 ms off --help)

        frames = traceback.extract_tb(error.__traceback__)
        where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
        _err(f"gxlint: internal error: {type(error).__name__}: {error}{where}\n{BUG_HINT}")
        return 2
    finally:
        if argv is None:
            frozen_for_exit()


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
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if args.dask_scheduler and (args.fix or args.diff or args.show_tables or args.show_text):
        raise UsageError("--dask-scheduler lints only: it cannot be combined with --fix, --diff, --show-tables "
                         "or --show-text")

    # lazy: --help and usage errors answer before these
    from gxlint.dataclass_cache import cached_dataclass_code
    from gxlint.regex_cache import cached_re_compile

    # the byte code of the session's ~75 dataclasses' methods, and the patterns modules
    # compile as they are imported (markdown-it's ~60), from the caches of earlier runs
    with cached_dataclass_code(), cached_re_compile():
        return _run_session(args, extra_plugins)


def _run_session(args: argparse.Namespace, extra_plugins: Iterable[tuple[str, object]]) -> int:
    from gxlint.session import Session, SessionSpec, SetupError  # lazy: --help and usage errors answer before it

    spec = SessionSpec(
        plugins=tuple(args.plugins), config_file=args.config, isolated=args.isolated,
        select=None if args.select is None else tuple(args.select),
        extend_select=tuple(args.extend_select), ignore=tuple(args.ignore),
    )
    try:
        session = Session(spec, extra_plugins=extra_plugins)
        start_up_done()  # the collector, paused by main(), runs again while files are linted
        if args.version:
            return _print_version(session.registry, args)
        lang = args.lang or session.settings_for("-").lang or default_lang()
    except SetupError as error:
        raise UsageError(str(error)) from None
    registry, universe, resolver = session.registry, session.universe, session.resolver

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
        walked: set[str] = set()
        inputs = session.collect(args.paths or ["."], walked)
        if not args.no_cache:
            session.use_cache(args.cache_dir)
    except SetupError as error:
        raise UsageError(str(error)) from None
    if not inputs:
        if not args.quiet:
            _err("gxlint: warning: no report files (.html .htm .shtml .md .markdown .txt .pdf .docx) found under "
                 + ", ".join(args.paths or ["."]))
        return 0
    if args.stdin_filename and "-" not in inputs:
        raise UsageError("--stdin-filename is only used with - (standard input) as PATH")
    if args.dask_scheduler and "-" in inputs:
        raise UsageError("--dask-scheduler cannot read standard input (-)")

    try:
        return _lint(args, session, inputs, lang, fmt, walked)
    except SetupError as error:
        raise UsageError(str(error)) from None


# --- linting -----------------------------------------------------------------------------------


def _read_stdin(args) -> bytes:
    """Standard input, read to one byte past the size limit: it may never end (the engine
    reports GX005 for more); --fix refuses it, since it would write back a truncated copy."""
    from gxlint.engine import MAX_BYTES  # lazy: part of the session (see run)

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES and (getattr(args, "fix", False) or getattr(args, "diff", False)):
        raise UsageError(f"standard input is larger than the {MAX_BYTES}-byte limit: nothing was fixed or written")
    return data


def _linted(args, session, inputs, stdin: bytes | None, then: Any = None) -> Iterable[Any]:
    """Each file's slim result, in input order: here, in worker processes or on Dask
    (``then``, when given, is done to each where it was linted)."""
    from gxlint.session import FixMode  # lazy: see run

    fix = FixMode(diff=args.diff, unsafe=args.unsafe_fixes) if (args.fix or args.diff) else None
    if args.dask_scheduler:
        # lazy: Dask only with --dask-scheduler
        from gxlint.batch import lint_paths
        from gxlint.results import Linted

        return (Linted(result) for result in lint_paths(inputs, scheduler=args.dask_scheduler, session=session))
    # lazy: a lint run's machinery, which --version and --list-rules do not load
    from gxlint.display_path import with_display_paths
    from gxlint.parallel import default_jobs

    jobs = default_jobs() if args.jobs is None else args.jobs

    # names that are not UTF-8 are shown escaped (bad\xff.txt) in every output format
    # a Prepare that packs (gxlint.result_stream) takes cache hits as the cache keeps them
    packing = getattr(then, "packing", None)
    return with_display_paths(session.lint_many(inputs, jobs=jobs, fix=fix, stdin=stdin, stdin_name=args.stdin_filename,
                                                then=then, packing=packing))


def _cross_report_rules_on(session, inputs, args) -> bool:
    """Whether any multi-report rule is enabled for any input (then the report waits)."""
    codes = set(session.registry.multi_report_rules)
    if not codes:
        return False
    seen = set()
    for path in inputs:
        settings = session.settings_for(args.stdin_filename or "-" if path == "-" else path)
        if id(settings) not in seen:
            seen.add(id(settings))
            if codes & settings.enabled:
                return True
    return False


def _lint(args, session, inputs, lang, fmt, walked: Any = frozenset()) -> int:
    registry, universe = session.registry, session.universe
    if args.show_tables:
        return _show_tables(session, inputs, fmt, args)
    if args.show_text:
        return _show_text(session, inputs, args)

    hidden = [0]
    finish = None
    if args.baseline and not args.write_baseline:
        from gxlint import baseline  # lazy: only with --baseline

        try:
            data = baseline.load(args.baseline)
        except baseline.BaselineError as error:
            raise UsageError(str(error)) from None
        finisher = session.baseline_finisher()

        def apply_baseline(result):
            hidden[0] += baseline.apply([result], data, args.baseline, universe.metas["GX012"], finish=finisher)

        finish = apply_baseline

    stdin = _read_stdin(args) if "-" in inputs else None
    multi = _cross_report_rules_on(session, inputs, args)
    # lazy: a lint run's machinery (see _linted)
    from gxlint.result_stream import COMPACT_FACT_FORMATS, PACKED_FORMATS, Prepare, ResultStream

    # kept packed until the report when the format reads only findings (gxlint.result_stream);
    # one file's result is not kept among others: packing it would only cost (pickle's
    # import alone is 2 ms of a pre-commit hook's run)
    packed = fmt in PACKED_FORMATS and not args.show_tables and len(inputs) > 1
    prepare = Prepare(walked, None if multi else finish, metas=universe.metas if packed else None,
                      keep_facts=multi or fmt in COMPACT_FACT_FORMATS)
    writer = diff_output = None
    if args.fix:
        from gxlint.fixes import FixWriter  # lazy: only with --fix

        writer = FixWriter(_err, stdin)  # each file written as soon as it is fixed
    elif args.diff:
        from gxlint.fixes import DiffWriter  # lazy: only with --diff

        diff_output = _open_output(args)
        writer = DiffWriter(diff_output[0], _err)  # each file's diff printed as soon as it is made
    results = ResultStream(_linted(args, session, inputs, stdin, prepare.in_workers), prepare=prepare,
                           on_fix=writer)
    if diff_output is not None:
        return _report_diff(results, writer, *diff_output, args)
    if multi:
        # rules over all the reports: every file's facts first, then the report
        from gxlint.multireport import find  # lazy: only for several reports

        late = find(results.facts(), registry, lambda path: session.linter_for(session.settings_for(path)))
        results.add_late(late, read=session.source)
        if finish is not None:  # the baseline covers the multi-report findings too
            results.update(finish)
    stdin_fixed: bytes | None = None
    if writer is not None:
        results.consume()  # every file is fixed before the report, which describes the fixed files
        stdin_fixed = writer.stdin_fixed
        args.unwritten_fixes = writer.unwritten
        if not args.quiet and writer.applied:
            _err(f"gxlint: fixed {writer.applied} finding(s) in {writer.files} file(s)")

    if args.write_baseline:
        from gxlint import baseline  # lazy: only with --write-baseline

        try:
            data = baseline.write(results.consume(), args.write_baseline)
        except baseline.BaselineError as error:
            raise UsageError(str(error)) from None
        count = sum(e["count"] for codes in data["files"].values() for e in codes.values())
        if not args.quiet:
            _err(f"gxlint: wrote {count} finding(s) in {len(data['files'])} file(s) to {args.write_baseline}")
        results.update(_baselined)

    options = {
        "lang": lang,
        "quiet": args.quiet,
        "unsafe_fixes": args.unsafe_fixes,
        "show_source": not args.no_source,
        "version": parser_version(),
        "rules": [universe.metas[c] for c in sorted(universe.metas)],
        "baseline_hidden": 0,
    }
    out_stream = sys.stderr if stdin_fixed is not None else None
    _emit(results, registry, fmt, options, args, out_stream)
    options["baseline_hidden"] = hidden[0]
    if stdin_fixed is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_fixed)
        sys.stdout.buffer.flush()
    if getattr(args, "unwritten_fixes", 0):  # a fix that could not be written is a failure
        return 2
    return exit_code(results, args)


def parser_version() -> str:
    return __version__


def exit_code(results: ResultStream, args: argparse.Namespace) -> int:
    fatal, errors, warnings = results.tally()
    if fatal:
        return 2
    if args.exit_zero:
        return 0
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
            from gxlint.output_file import AtomicOutput  # lazy: only with --output-file

            return AtomicOutput(args.output_file), True  # renamed into place when complete
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
    except BaseException:
        if close:
            stream.close()  # a half-written --output-file is thrown away, the old one kept
        raise
    if close:
        stream.commit()


def _write_statistics(results, stream, fmt, options) -> None:
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
        import json  # lazy: only for JSON output of --statistics

        data = [{"code": c, "name": metas[c].name, "count": n, "fixable": c in fixable} for c, n in rows]
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    code_width = max((len(c) for c, _ in rows), default=5)
    for code, n in rows:
        marker = "[*]" if code in fixable else "   "
        stream.write(f"{n:>{width}}  {code:<{code_width}}  {marker} {metas[code].name}\n")


def _baselined(result: Any) -> None:
    """A file's findings once written to a new baseline: none left to report."""
    if not result.fatal:
        result.diagnostics = []


def _report_diff(results, writer, stream, close: bool, args) -> int:
    """--diff: ``writer`` (a :class:`gxlint.fixes.DiffWriter` on ``stream``) prints each
    file's diff as the file is linted; every file is linted here."""
    try:
        results.consume()
        stream.flush()
    except BaseException:
        if close:
            stream.close()  # a half-written --output-file is thrown away, the old one kept
        raise
    if close:
        stream.commit()
    changed = writer.applied
    if not args.quiet:
        _err(f"gxlint: would fix {changed} finding(s)" if changed else "gxlint: nothing to fix")
    if results.tally()[0]:  # a file could not be read
        return 2
    return 1 if changed else 0


# --- information ---------------------------------------------------------------------------------


def _print_version(registry, args) -> int:
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
        import json  # lazy: only for JSON output of --list-rules

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
    from gxlint.docs import explain_text  # lazy: only with --explain

    text = explain_text(meta, lang)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _show_settings(resolver, universe, path: str, fmt: str) -> int:
    from gxlint.config import ConfigError  # lazy: part of the session (see run)

    try:
        settings = resolver.settings_for(path)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    info = settings.describe(path, universe)
    if fmt in ("json", "json-lines"):
        import json  # lazy: only for JSON output of --show-settings

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


def _read_inputs(session, inputs, args) -> Iterable[Any]:
    """Each input read (no rules run), document kept, in order."""
    stdin = _read_stdin(args) if "-" in inputs else None
    for path in inputs:
        if path == "-":
            yield session.read(raw=stdin or b"", name=args.stdin_filename or "-")
        else:
            yield session.read(path)


def _show_text(session, inputs, args) -> int:
    from gxlint.show_text import write_text  # lazy: only with --show-text

    unreadable = 0
    stream, close = _open_output(args)
    try:
        for result in _read_inputs(session, inputs, args):
            if result.source is None or (result.fatal and not result.source.text):
                unreadable += 1
                for d in result.diagnostics:
                    _err(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message('en')}")
                continue
            if len(inputs) > 1:
                stream.write(f"==> {result.path} <==\n")
            write_text([result], stream)
            stream.flush()
    except BaseException:
        if close:
            stream.close()  # a half-written --output-file is thrown away, the old one kept
        raise
    if close:
        stream.commit()
    return 2 if unreadable else 0


def _show_tables(session, inputs, fmt: str, args) -> int:
    """Read each input (no rules run) and print its tables as soon as it is read."""
    try:
        from gxlint.tables.show import render_tables, tables_to_json  # lazy: only with --show-tables
    except ImportError as error:
        raise UsageError(f"--show-tables is not available in this build: {error}") from None
    fatal = False
    data: list[Any] = []
    facts: list[Any] = []
    stream, close = _open_output(args)
    try:
        console = None
        if fmt not in ("json", "json-lines", "csv", "jsonl"):
            from rich.console import Console  # lazy: rich only for the console tables

            color = _color(args, stream)
            console = Console(file=stream, force_terminal=color, no_color=not color,
                              color_system="auto" if color else None, highlight=False)
        for result in _read_inputs(session, inputs, args):
            if result.fatal or result.document is None:
                fatal = True
                for d in result.diagnostics:
                    _err(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message('en')}")
                continue
            if console is not None:
                render_tables(result.document, console)
                stream.flush()
                continue
            if fmt in ("csv", "jsonl"):
                if result.facts is not None:
                    facts.append(result.facts)
                continue
            item = tables_to_json(result.document)
            data.extend(item if isinstance(item, list) else [item])
        if fmt in ("csv", "jsonl"):  # the table dataset: one row per cell of every file
            from gxlint.tables import dataset  # lazy: only for --show-tables --format csv/jsonl

            (dataset.write_csv if fmt == "csv" else dataset.write_jsonl)(facts, stream)
        elif console is None:
            import json  # lazy: only for JSON output of --show-tables

            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        stream.flush()
    except BaseException:
        if close:
            stream.close()  # a half-written --output-file is thrown away, the old one kept
        raise
    if close:
        stream.commit()
    return 2 if fatal else 0
