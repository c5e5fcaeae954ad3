"""The ``speechkb`` command: ``build`` a site from a folder of speeches, ``serve`` a live preview, print a ``briefing``."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import NoReturn

from speechkb.build import (
    BuildError,
    BuildResult,
    build,
    build_offline,
    load_knowledge,
    load_project,
    load_speeches,
)
from speechkb.machinery import source_date
from speechkb.machinery.lock import BuildBusyError
from speechkb.machinery.progress import Reporter
from speechkb.machinery.timings import Stopwatch
from speechkb.mkdocs.serve import EditsObserver, live_preview
from speechkb.model import LEVELS
from speechkb.outputs.briefing import UnknownSectorError, find_sector
from speechkb.outputs.printing import print_briefing
from speechkb.regeneration import Regeneration


def run() -> NoReturn:
    """The ``speechkb`` command: :func:`main`, then exit without tearing the interpreter down.

    A build leaves millions of small objects behind (the parsed speeches, their pages, MkDocs' site), and
    Python frees them one by one at exit: 0.7 s at 1,000 speeches, after all the work is done. Nothing of
    the command's runs at exit (pools and background processes are joined where they are used), so once its
    output is flushed the process can end at once, as mypy's does.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="speechkb", description="A knowledge base site from work-safety speeches.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('speechkb')}")
    commands = parser.add_subparsers(dest="command", required=True)

    build_parser = commands.add_parser("build", help="build the site from a folder of speeches")
    _common_options(build_parser)
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site/)")
    build_parser.add_argument(
        "--strict", action="store_true", help="exit non-zero on any warning (numbering gaps, unreadable files …)"
    )
    build_parser.add_argument(
        "--offline",
        type=Path,
        nargs="?",
        const=Path("dist/speechkb-offline.zip"),
        metavar="ZIP",
        help="instead of the site, a zip of it that works opened from the file system (default: %(const)s)",
    )
    build_parser.add_argument(
        "--timings", action="store_true", help="print the wall time and peak memory of each stage"
    )
    build_parser.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="when another build of the project is running, exit with status 2 instead of waiting for it",
    )

    date_parser = commands.add_parser(
        "source-date", help="print the date builds are stamped with (SOURCE_DATE_EPOCH), from the newest speech"
    )
    _common_options(date_parser)

    serve_parser = commands.add_parser("serve", help="live preview that regenerates when a speech changes")
    _common_options(serve_parser)
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")

    briefing_parser = commands.add_parser("briefing", help="print one sector's briefing to PDF")
    briefing_parser.add_argument(
        "sector", help="the sector's name, an alias or its slug (道路交通, 危化品, dao-lu-jiao-tong)"
    )
    briefing_parser.add_argument("-o", "--output", type=Path, help="PDF file to write (default: SLUG.pdf)")
    briefing_parser.add_argument("--since", type=int, metavar="YEAR", help="only speeches given in YEAR or later")
    briefing_parser.add_argument("--level", choices=LEVELS, help="only speeches at this level (县, 市, 省 …)")
    _common_options(briefing_parser)

    args = parser.parse_args(argv)
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    # Every condition a user can meet ends in one line saying what happened, never a traceback.
    try:
        if args.command == "build":
            return _build(args, reporter)
        if args.command == "briefing":
            return _briefing(args, reporter)
        if args.command == "source-date":
            if not args.seeds.is_dir():
                raise BuildError(f"{args.seeds}: no such folder of speeches")
            _, speeches, _, _ = load_speeches(args.seeds, load_project(args.config), Stopwatch())
            print(source_date.source_date_epoch(speeches, os.environ))
            return 0
        return _serve(args, reporter)
    # OSError: a folder that cannot be written, a full disk, a worker killed for want of memory.
    except (BuildError, UnknownSectorError, BuildBusyError, OSError) as error:
        print(f"speechkb: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Staged folders (speechkb.machinery.staging) are swapped in only at the end: nothing half-written is left.
        print("speechkb: stopped; site/ and docs/ are as the last finished build left them", file=sys.stderr)
        return 130


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of speeches (default: seeds/)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration")
    said = parser.add_mutually_exclusive_group()
    said.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems (and why a build waits), for scripts"
    )
    said.add_argument("-v", "--verbose", action="store_true", help="print details too, such as every candidate term")


def _build(args: argparse.Namespace, reporter: Reporter) -> int:
    options = {"strict": args.strict, "wait": args.wait, "progress": reporter}
    if args.offline:
        result = build_offline(args.seeds, args.offline, args.config, **options)
    else:
        result = build(args.seeds, args.site_dir, args.config, **options)
    _report(result, reporter)
    if args.timings:
        for stage in result.stages:
            print(f"speechkb: {stage}", file=sys.stderr)
    problems = result.errors or (args.strict and result.warnings)
    return 1 if problems else 0


def _briefing(args: argparse.Namespace, reporter: Reporter) -> int:
    project = load_project(args.config)
    knowledge, _ = load_knowledge(args.seeds, project)
    sector = find_sector(knowledge.vocabulary, args.sector)
    printed = print_briefing(knowledge, sector, project, since=args.since, level=args.level)
    output: Path = args.output or Path(f"{sector.slug}.pdf")
    output.write_bytes(printed.document.pdf)
    reporter.message(
        f"wrote {output}: {sector.name}, {len(printed.briefing.speeches)} speeches, "
        f"{printed.briefing.passage_count} passages, {printed.document.pages} pages, {printed.seconds:.1f} s"
    )
    return 0


def _report(result: BuildResult, reporter: Reporter) -> None:
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    paragraphs = sum(speech.paragraph_count for speech in result.speeches)
    vocabulary = result.knowledge.vocabulary
    counts = (
        (len(result.speeches), "speech", "speeches"),
        (paragraphs, "paragraph", "paragraphs"),
        (len(vocabulary.sectors), "sector", "sectors"),
        (len(vocabulary.terms), "term", "terms"),
        (len(result.knowledge.candidates()), "candidate term", "candidate terms"),
        (len(result.errors), "error", "errors"),
        (len(result.warnings), "warning", "warnings"),
        (result.pages_written, "page", "pages"),
    )
    said = ", ".join(f"{count} {one if count == 1 else many}" for count, one, many in counts)
    reporter.message(f"{said}, {result.seconds:.1f} s")


def _serve(args: argparse.Namespace, reporter: Reporter) -> int:
    """A live preview: the pages regenerated into ``docs/`` when a speech, a vocabulary or a template changes.

    MkDocs' server (:func:`speechkb.mkdocs.serve.live_preview`) rebuilds the site when ``docs/`` changes;
    this watches the sources of ``docs/`` beside it, with its own watchdog observer, and has them regenerated
    (:func:`speechkb.build.generate`, in a process of its own: :mod:`speechkb.regeneration`) a moment after the
    last change, which MkDocs then sees.

    MkDocs' own hooks cannot do this job (MkDocs 1.6.1, read in ``mkdocs/commands/serve.py`` and
    ``mkdocs/livereload``). ``server.watch(path, func)`` no longer takes a function: it raises
    ``TypeError`` for any but the builder, and every watched path triggers the same thing, a full site
    build, without saying which path changed. So a plugin's ``on_serve`` can watch ``seeds/`` but can
    only regenerate inside the build (in ``on_pre_build``, or by wrapping ``server.builder``), on every
    rebuild. And MkDocs watches all of ``docs_dir`` (by polling, or as :mod:`speechkb.mkdocs.serve` has it, by
    the platform's notifications), so the regeneration's own
    writes, the staging folders beside the generated ones (:mod:`speechkb.machinery.writer`) even when not one page
    changed, schedule another build: tried with a hook, one saved seed speech set off a rebuild every 0.8 s,
    without end. Regenerating only when the sources changed stops the loop but still builds twice and
    reloads the browser twice per saved speech (the second build stalls page loads until done), where
    the observer here costs one build; avoiding that means clearing the server's private
    ``_want_rebuild`` or no longer watching ``docs/`` as a whole (unwatching it and watching its
    hand-written parts one by one, blind to a page added beside them).
    """
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    project = load_project(args.config)
    regeneration = Regeneration(args.seeds, project.config_file, quiet=args.quiet, verbose=args.verbose)
    pending = threading.Event()

    class OnChange(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                pending.set()

    def regenerate_when_changed() -> None:
        while True:
            pending.wait()
            time.sleep(0.2)  # an editor's save is several events: let them settle
            pending.clear()
            regeneration.changed()

    observer = EditsObserver()  # a file read, as regenerating reads every speech, is no edit
    try:
        regeneration.regenerate()
        observer.schedule(OnChange(), str(args.seeds), recursive=True)  # an archive filed in sub-folders
        for folder in (project.templates, project.vocabularies):
            if folder.is_dir():
                observer.schedule(OnChange(), str(folder), recursive=True)
        observer.start()
        threading.Thread(target=regenerate_when_changed, daemon=True).start()
        live_preview(project.config_file, args.dev_addr)
    finally:
        if observer.is_alive():
            observer.stop()
        regeneration.stop()
    return 0
