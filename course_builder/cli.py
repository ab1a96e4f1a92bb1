"""The ``course-builder`` command. Thin: parses arguments and calls the core."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from importlib import import_module
from pathlib import Path

from course_builder import __version__
from course_builder.issues import report, summary
from course_builder.project import project_root

EPILOG = """\
examples:
  course-builder check                 check every page, quiz and scenario; list all problems
  course-builder build                 check, then build site/ (kept as it was if anything fails)
  course-builder serve                 preview at http://127.0.0.1:8000, rebuilt on every save
  python -m course_builder check       the same as course-builder check

Every problem is printed as  path:line: [code] message, followed by a hint.
The codes are explained in CONTRIBUTING.md ("Error codes").
"""


def cmd_check(args: argparse.Namespace) -> int:
    from course_builder.pipeline import load_and_check
    root = project_root(args)
    start = time.monotonic()
    course, issues = load_and_check(root)
    report(issues, sys.stdout, root)
    elapsed = time.monotonic() - start
    print(f"{summary(issues, course.files_read)} in {elapsed:.2f} s")
    errors = any(i.is_error for i in issues)
    return 1 if errors or (args.strict and issues) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from course_builder.build import BuildFailed, build_site
    root = project_root(args)
    try:
        stages = []
        if args.offline:
            from course_builder.journey.offline import offline_stage
            stages.append(offline_stage(root))
        build_site(root, sys.stdout, link_check=not args.no_link_check, pdfs=not args.no_pdfs,
                   paper=args.paper, extra_stages=stages,
                   site=Path(args.site_dir).resolve() if args.site_dir else None)
    except BuildFailed as exc:
        print(f"✗ build failed: {exc}", file=sys.stdout)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from course_builder.plugin import enable_dirty_preview
    root = project_root(args)
    os.environ["COURSE_BUILDER_PREVIEW"] = "1"  # report content problems, keep serving
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    print(f"Previewing {root} at http://{args.dev_addr}/ (Ctrl+C to stop). "
          "Saving any file in docs/, docs_es/, quizzes/, scenarios/, workshop/, data/ or "
          "course.yml rebuilds the site.")
    # Dirty rebuilds: only the pages whose assembled file changed are rendered again, and
    # every page when the navigation or a title changed (plugin.py). static-i18n builds the
    # Spanish site dirty only when it finds --dirty on the command line.
    if "--dirty" not in sys.argv:
        sys.argv.append("--dirty")
    enable_dirty_preview()
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True,
          build_type="dirty", strict=False)
    return 0


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that navigation may be stale; ours is not."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


# Modules that add their own subcommands: each defines ``register(add)`` where ``add(name,
# help, examples)`` returns an argparse parser to fill, with ``set_defaults(func=...)``; the
# func takes the parsed args, finds the project with ``project_root(args)`` and returns an
# exit code.
COMMAND_MODULES: tuple[str, ...] = ("course_builder.translations", "course_builder.scaffold",
                                     "course_builder.export")


def cmd_stats(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from course_builder.project import load_course
    from course_builder.stats import course_stats, stats_table
    course, _ = load_course(project_root(args))
    rows = course_stats(course)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
    else:
        print(stats_table(rows))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course-builder", description="Check and build the bilingual course site.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-C", "--project", metavar="DIR",
                        help="the project folder (default: the nearest folder with course.yml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, examples: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_,
                           epilog="examples:\n" + examples,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("-C", "--project", metavar="DIR", default=argparse.SUPPRESS,
                       help="the project folder (default: the nearest folder with course.yml)")
        return p

    p = add("check", "Load and validate all content; print every problem with file and line.",
            "  course-builder check\n  course-builder check --strict   # warnings fail too\n"
            "  GITHUB_ACTIONS=true course-builder check   # also prints ::error annotations\n")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings as well")
    p.set_defaults(func=cmd_check)

    p = add("build", "Check, assemble, build with MkDocs, check links; replace site/ only "
                     "if every stage passed.",
            "  course-builder build\n"
            "  course-builder build --no-link-check   # faster, for drafts\n"
            "  course-builder build --site-dir /tmp/preview\n"
            "  course-builder build --paper a4       # PDFs on A4 instead of US Letter\n"
            "  course-builder build --offline        # also site/downloads/course-offline.zip\n")
    p.add_argument("--no-link-check", action="store_true", help="skip the LinkChecker stage")
    p.add_argument("--no-pdfs", action="store_true", help="skip the printable PDFs")
    p.add_argument("--paper", choices=("letter", "a4"), default="letter",
                   help="paper size of the PDFs (default: letter)")
    p.add_argument("--offline", action="store_true",
                   help="also build the offline copy (a zip that opens from disk)")
    p.add_argument("--site-dir", metavar="DIR", help="where to write the site (default: site/)")
    p.set_defaults(func=cmd_build)

    p = add("serve", "Live preview that rebuilds when any source changes.",
            "  course-builder serve\n  course-builder serve --dev-addr 127.0.0.1:8010\n")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    p.set_defaults(func=cmd_serve)

    p = add("stats", "Words, objectives, checks and activities per module.",
            "  course-builder stats\n  course-builder stats --json > stats.json\n")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_stats)

    for name in COMMAND_MODULES:
        import_module(name).register(add)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    if not hasattr(args, "project"):
        args.project = None
    from course_builder.project import ProjectNotFound
    try:
        return int(args.func(args))
    except ProjectNotFound as exc:
        print(f"course-builder: {exc}. Run it inside the course project, or pass -C DIR.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
