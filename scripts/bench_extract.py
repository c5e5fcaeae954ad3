"""Time the extract stage on the seed corpus, and the matcher it uses against a regular expression.

    .venv/bin/python scripts/bench_extract.py [ROUNDS]

Prints medians over ROUNDS runs (default 7): extraction of the seed speeches with the shipped vocabulary,
then leftmost-longest matching of the vocabulary's names in 20 copies of the seed text by the Aho–Corasick
automaton speechkb uses and by one compiled regular expression alternation (longest names first), with
the shipped vocabulary and with 2,000 more synthetic names, as a province's vocabulary might grow.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from speechkb.build import load_corpus
from speechkb.outputs.render import newest_first
from speechkb.stages.extract import _Matcher, extract_corpus
from speechkb.stages.normalize import simplified
from speechkb.stages.text_rules import load_text_rules
from speechkb.stages.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
TEXT_RULES = load_text_rules(ROOT / "vocabularies")


def median_seconds(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    vocabulary = load_vocabulary(ROOT / "vocabularies")
    speeches, _, _ = load_corpus(ROOT / "seeds", TEXT_RULES)
    ordered = newest_first(speeches)
    knowledge = extract_corpus(ordered, vocabulary)
    paragraphs = sum(len(s.paragraphs()) for s in speeches)
    seconds = median_seconds(lambda: extract_corpus(ordered, vocabulary), rounds)
    print(
        f"extract: {len(speeches)} speeches, {paragraphs} paragraphs, {len(vocabulary.sectors)} sectors, "
        f"{len(vocabulary.terms)} terms -> {sum(len(t.tags.paragraphs) for t in knowledge.speeches)} tagged "
        f"paragraphs, {sum(len(t.tags.definitions) for t in knowledge.speeches)} definitions, "
        f"{len(knowledge.candidates())} candidate terms; median {seconds * 1000:.1f} ms"
    )

    text = "".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))) * 20
    names = [simplified(form) for entry in (*vocabulary.sectors, *vocabulary.terms) for form in entry.forms]
    random.seed(0)
    characters = sorted(set(text) - set("，。、；：“”（）\n"))
    synthetic = ["".join(random.choices(characters, k=random.randint(2, 6))) for _ in range(2000)]
    for label, vocabulary_names in (("shipped vocabulary", names), ("+ 2,000 synthetic names", names + synthetic)):
        matcher = _Matcher((name, name) for name in vocabulary_names)
        pattern = re.compile("|".join(map(re.escape, sorted(vocabulary_names, key=len, reverse=True))))
        automaton = [(m.start, m.end) for m in matcher.find(text)]
        alternation = [m.span() for m in pattern.finditer(text)]
        assert automaton == alternation, "the two matchers disagree"
        ac = median_seconds(lambda: matcher.find(text), rounds)  # noqa: B023 (timed at once)
        rx = median_seconds(lambda: list(pattern.finditer(text)), rounds)  # noqa: B023
        print(
            f"match {label} ({len(vocabulary_names)} names) in {len(text):,} characters: "
            f"Aho-Corasick {ac * 1000:.0f} ms, regex alternation {rx * 1000:.0f} ms, regex/AC {rx / ac:.1f}x"
        )


if __name__ == "__main__":
    main()
