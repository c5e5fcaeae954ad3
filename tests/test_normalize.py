from pathlib import Path

import pytest

from speechkb.stages.normalize import simplified
from speechkb.stages.readers import read_source
from tests.conftest import SEED_FILES


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        ("非煤礦山", "非煤矿山"),
        ("煙花爆竹", "烟花爆竹"),
        ("隱患排查治理", "隐患排查治理"),
        ("黨政同責、一崗雙責", "党政同责、一岗双责"),
        ("乾燥", "干燥"),
    ],
)
def test_traditional_text_matches_its_simplified_form(traditional: str, expected: str) -> None:
    assert simplified(traditional) == expected


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name[:3])
def test_simplified_seed_text_is_unchanged_and_keeps_offsets(seed: Path) -> None:
    text = "\n".join(line.text for line in read_source(seed).lines)
    normalised = simplified(text)
    assert len(normalised) == len(text)
    changed = [(old, new) for old, new in zip(text, normalised, strict=True) if old != new]
    # The seeds are written in simplified characters; the few a converter may touch must stay put.
    assert changed == []
