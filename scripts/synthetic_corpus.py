#!/usr/bin/env python3
"""A deterministic synthetic corpus of speeches, recombined from the seed speeches' own paragraphs.

Benchmarks need archives of 1,000 and 5,000 speeches that read like the real ones to a parser and a
search index: the same parts and sections, the same paragraph lengths, the same vocabulary. Each
synthetic speech is a seed speech's skeleton (salutation, numbered parts with sections, closing)
filled with paragraphs drawn from all the seeds, with a unique dated title and a sidecar. The same
``--seed`` gives byte-identical files, so figures measured on it can be compared across runs.

    python scripts/synthetic_corpus.py --count 1000 --out /tmp/corpus-1000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from speechkb.build import load_corpus
from speechkb.model import Paragraph, Section, Speech
from speechkb.stages.text_rules import load_text_rules

ROOT = Path(__file__).resolve().parent.parent
TEXT_RULES = load_text_rules(ROOT / "vocabularies")
_CN_NUMBERS = "一二三四五六七八九十"
# Any numbering a line may open with: a drawn paragraph that opens with one would break its new speech's numbering.
_NUMBER_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+[，,、：:]|[①-⑳])"
)
_LEVELS = ("县", "市", "县", "乡镇", "省")
_SEASONS = ("春", "夏", "秋", "冬")


@dataclass(frozen=True)
class Material:
    """What the seeds offer for recombination."""

    cores: tuple[str, ...]  # meeting names from the seed titles: 全县安委会会议 in 在全县安委会会议上的讲话
    salutations: tuple[str, ...]
    openings: tuple[str, ...]  # paragraphs before the first part
    part_headings: tuple[str, ...]  # without their number
    section_headings: tuple[str, ...]
    paragraphs: tuple[str, ...]
    closings: tuple[str, ...]


def gather(speeches: list[Speech]) -> Material:
    cores, salutations, openings, parts, sections, paragraphs, closings = (set[str]() for _ in range(7))
    for speech in speeches:
        core = re.fullmatch(r"在(.+?)上的讲话", speech.title)
        if core:
            cores.add(core.group(1))
        if speech.salutation:
            salutations.add(speech.salutation.text)
        if speech.closing:
            closings.add(speech.closing.text)
        for block in speech.body:
            if isinstance(block, Paragraph) and not _NUMBER_PREFIX.match(block.text):
                openings.add(block.text)
        for section in speech.sections():
            heading = _NUMBER_PREFIX.sub("", section.heading).strip()
            if section.number and heading:
                (parts if section.level == 2 else sections).add(heading)
        paragraphs.update(p.text for p in _body_paragraphs(speech) if not _NUMBER_PREFIX.match(p.text))
    return Material(
        *(tuple(sorted(group)) for group in (cores, salutations, openings, parts, sections, paragraphs, closings))
    )


def _body_paragraphs(speech: Speech) -> list[Paragraph]:
    found: list[Paragraph] = []

    def walk(blocks: tuple[Paragraph | Section, ...]) -> None:
        for block in blocks:
            if isinstance(block, Section):
                walk(block.children)
            else:
                found.append(block)

    for part in speech.body:
        if isinstance(part, Section):
            walk(part.children)
    return found


def speech_text(material: Material, rng: random.Random, title: str) -> str:
    """One speech: title, salutation, an opening, three to five parts with sections, a closing.

    Paragraphs and section headings are drawn without replacement: a real speech does not repeat itself.
    """
    paragraphs = rng.sample(material.paragraphs, len(material.paragraphs))
    section_headings = rng.sample(material.section_headings, len(material.section_headings))
    lines = [title, rng.choice(material.salutations or ("同志们：",))]
    lines += rng.sample(material.openings, min(len(material.openings), rng.randint(1, 2)))
    part_count = rng.randint(3, 5)
    for part_number, heading in enumerate(rng.sample(material.part_headings, part_count)):
        lines.append(f"{_CN_NUMBERS[part_number]}、{heading}")
        section_count = min(rng.choice((0, 2, 3, 4)), len(section_headings))
        if section_count == 0:
            lines += [paragraphs.pop() for _ in range(rng.randint(2, 4)) if paragraphs]
            continue
        for section_number in range(section_count):
            lines.append(f"（{_CN_NUMBERS[section_number]}）{section_headings.pop()}")
            lines += [paragraphs.pop() for _ in range(rng.randint(1, 2)) if paragraphs]
    lines.append(rng.choice(material.closings or ("同志们，让我们共同努力，确保全年安全生产形势稳定。",)))
    return "\n".join(lines) + "\n"


def sidecar(rng: random.Random, number: int) -> tuple[str, str]:
    """The title and sidecar YAML of speech ``number``: a unique dated title, a level and a date."""
    year = 2012 + rng.randrange(13)
    month = rng.randint(1, 12)
    level = rng.choice(_LEVELS)
    yaml = f'date: "{year}-{month:02d}"\nlevel: {level}\nseason: {_SEASONS[(month % 12) // 3]}\n'
    return f"{year}年{month}月第{number}次", yaml


def write_corpus(count: int, out: Path, seed: int, seeds: Path = ROOT / "seeds") -> list[Path]:
    speeches, _, _ = load_corpus(seeds, TEXT_RULES)
    material = gather(speeches)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for number in range(1, count + 1):
        when, yaml = sidecar(rng, number)
        core = rng.choice(material.cores or ("安全生产工作会议",))
        title = f"在{when}{core}上的讲话"
        path = out / f"synthetic-{number:05d}.txt"
        path.write_text(speech_text(material, rng, title), encoding="utf-8")
        path.with_suffix(".yml").write_text(yaml, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many speeches to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed writes the same corpus")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of real speeches to recombine")
    args = parser.parse_args(argv)
    written = write_corpus(args.count, args.out, args.seed, args.seeds)
    print(f"wrote {len(written)} speeches to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
