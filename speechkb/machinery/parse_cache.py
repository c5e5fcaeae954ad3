"""Read and parse a corpus without redoing work: a cache of parsed speeches, and two cores for the rest.

A live preview or a nightly build re-reads an archive in which one speech changed. Each parsed speech is
kept in ``.speechkb-cache/parsed/`` (see :mod:`speechkb.machinery.cache`) under a hash of everything its parse
depends on: the file's path and bytes, its sidecar's bytes, the program that converts it if any (LibreOffice
for a ``.doc``), the rule files the parser reads (chrome patterns and metadata rules, see
:mod:`speechkb.stages.text_rules`) and the source code of the reading and parsing modules (and of the slug
a title makes, with pypinyin's version). An edit to a speech, to
those rules or to the parser therefore misses the cache; the sector and term vocabularies do not take part
in parsing (they are applied in the extract stage), so editing them keeps the cache. Entries no build used
are removed, so the cache holds one entry per speech.

A large cold build parses in a pool of processes, one per core: parsing is pure Python and CPU-bound.
Starting the workers costs more than parsing a small corpus, which stays in this process.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from speechkb import model
from speechkb.machinery import yaml_data
from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.cores import imap_forked
from speechkb.machinery.progress import Advance, counted, uncounted
from speechkb.model import Diagnostic, Severity, Speech
from speechkb.outputs import slug
from speechkb.outputs.slug import pinyin_slug
from speechkb.stages import chrome, duplicates, infer, layout, normalize, numbering, parse, readers, text_rules
from speechkb.stages.readers import ReadError, read_source, reading_environment
from speechkb.stages.text_rules import RULE_FILES, TextRules

PARSED_DIR = "parsed"
PARALLEL_FROM = 200  # speeches to parse; below this the pool costs more than it saves


def source_of(module: ModuleType) -> bytes:
    """The source a module's results depend on: its file, or for a package every ``.py`` file under its folder.

    A package's ``__file__`` is only its ``__init__.py``; the code that does the work is in its other modules.
    Each file's path within the package is hashed with it, in sorted order, so the hash does not depend on the
    order the file system lists them in.
    """
    path = Path(str(module.__file__))
    if not hasattr(module, "__path__"):
        return path.read_bytes()
    return b"".join(
        file.relative_to(path.parent).as_posix().encode() + b"\0" + file.read_bytes()
        for file in sorted(path.parent.rglob("*.py"))
    )


_CODE = hashlib.sha256(
    b"".join(
        source_of(module)
        for module in (
            chrome,
            duplicates,
            infer,
            layout,
            model,
            normalize,
            numbering,
            parse,
            readers,
            slug,
            text_rules,
            yaml_data,
        )
    )
    + f"pypinyin {version('pypinyin')}".encode()  # the slug a title makes
).digest()

Outcome = Speech | Diagnostic  # a parsed speech, or why the file is not a speech
# What a file gives: its speeches (most files hold one; a 范文 page's 精选3篇 several), or why it holds none.
FileOutcome = tuple[Speech, ...] | Diagnostic


def read_and_parse(path: Path, rules: TextRules) -> FileOutcome:
    """The file's parsed speeches, or why it is not one. A file the parser fails on is reported, not fatal: one
    speech in an archive of thousands must never stop the others from being built.

    A speech without a sidecar ``slug`` gets the one its title makes (:func:`~speechkb.outputs.slug.assign_slugs`
    settles clashes later): made here, it is made on every core and kept with the parse, where pypinyin took
    4 s of every build at 10,000 speeches. So is the digest that tells copies of a speech apart
    (:mod:`speechkb.stages.duplicates`).
    """
    try:
        speeches = parse.parse_all(read_source(path), rules)
        return tuple(
            replace(speech, slug=speech.slug or pinyin_slug(speech.title), words_key=duplicates.words_key(speech))
            for speech in speeches
        )
    except ReadError as error:
        return error.diagnostic
    except Exception as error:  # a defect of speechkb's, met on this file only
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = (
            f"speechkb could not parse this file ({type(error).__name__}: {error} at "
            f"{Path(where.filename).name}:{where.lineno}); please report it with the file"
        )
        return Diagnostic(path, None, message, Severity.ERROR)


@dataclass(frozen=True)
class ParseCount:
    parsed: int
    cached: int

    def __str__(self) -> str:
        return f"parsed {self.parsed} of {self.parsed + self.cached} files ({self.cached} cached)"


class ParseCache(ResultCache[FileOutcome]):
    """Outcomes of :func:`read_and_parse`, one per speech file, in ``.speechkb-cache/parsed/``.

    A file's speeches are one entry under the file's key: an edit to any of them parses the file again, and
    :class:`~speechkb.machinery.tags_cache.TagsCache` tells them apart by their slugs.
    """

    def __init__(self, project: Path, rules_folder: Path) -> None:
        super().__init__(project / CACHE_DIR / PARSED_DIR, (tuple, Diagnostic))
        self._rules_folder = rules_folder
        self.keys: dict[Path, str] = {}  # each path's key, for the caches of later stages to build on

    @cached_property
    def _code_and_rules(self) -> bytes:
        # Read when the first key is made: after the build has checked the rule files, not before.
        rules = hashlib.sha256(_CODE)
        for name in RULE_FILES:
            rules.update((self._rules_folder / name).read_bytes())
        return rules.digest()

    def key(self, path: Path) -> str:
        environment = reading_environment(path)  # LibreOffice, for a .doc: installing it is seen
        # A process that remembers (a live preview's) hashes again only a file or sidecar whose identity changed
        # since it last did: at 10,000 speeches, reading and hashing every file was half a second of each edit.
        seen = None
        if self._memory is not None:
            seen = (self._code_and_rules, environment, *map(_identity, (path, path.with_suffix(".yml"))))
            if (known := _KEYS_SEEN.get(path)) and known[0] == seen:
                self.keys[path] = known[1]
                return known[1]
        digest = hashlib.sha256(self._code_and_rules)
        # The path as given, not resolved: the outcome records it (a speech's source, its diagnostics' paths), and
        # the tags cache finds a speech's key by it. A folder named another way (../seeds, /abs/seeds) is parsed anew.
        digest.update(str(path).encode())
        for part in (path, path.with_suffix(".yml")):
            digest.update(part.read_bytes() if part.is_file() else b"\0")
        digest.update(environment.encode())
        self.keys[path] = key = digest.hexdigest()
        if seen is not None:
            _KEYS_SEEN[path] = (seen, key)
        return key


# What a process that remembers saw of each file when it made its key: the code and rules, the reading environment
# and the identities of the file and its sidecar (see _identity), with the key.
_KEYS_SEEN: dict[Path, tuple[tuple[object, ...], str]] = {}


def _identity(path: Path) -> tuple[int, int, int, int, int] | None:
    """What changes whenever a file's bytes may have: its device, inode, size, and modification and change times (the
    change time cannot be set back, as the modification time can); None for no file."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def read_and_parse_all(
    paths: Sequence[Path], rules: TextRules, cache: ParseCache | None, advance: Advance = uncounted
) -> tuple[list[Outcome], ParseCount]:
    """The outcomes of the paths, in order (each speech of a file that holds several), parsing only what the cache
    does not hold. The count is of files.

    ``advance`` counts the files done: those the cache holds at once, then each one parsed.
    """
    keys = [cache.key(path) for path in paths] if cache else []
    outcomes: list[FileOutcome | None] = [cache.get(key) for key in keys] if cache else [None] * len(paths)
    missing = [index for index, outcome in enumerate(outcomes) if outcome is None]
    advance(len(paths) - len(missing))

    def parse_and_keep(index: int) -> FileOutcome:
        # In the worker that parsed it: the builder would otherwise pickle every speech a second time.
        outcome = read_and_parse(paths[index], rules)
        if cache:
            cache.put(keys[index], outcome)
        return outcome

    fresh = counted(imap_forked(parse_and_keep, missing, parallel_from=PARALLEL_FROM), advance)
    for index, outcome in zip(missing, fresh, strict=True):
        outcomes[index] = outcome
        if cache:
            cache.remember(keys[index], outcome)
    if cache:
        cache.keep_only(set(keys))
    flat = [
        one
        for outcome in outcomes
        if outcome is not None
        for one in (outcome if isinstance(outcome, tuple) else (outcome,))
    ]
    return flat, ParseCount(len(missing), len(paths) - len(missing))
