"""The README's glossary: one table of English terms and their Korean renderings, used consistently in the notebooks."""

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMON = ["토크나이저", "학습률", "에폭", "손실", "어텐션", "패딩", "빔 서치", "정밀도", "재현율", "윈도우", "퍼플렉서티"]
# Renderings the glossary replaced; the notebooks must not use them any more.
RETIRED = ["(창)", "혼란도", "사전 토큰화기"]


def glossary() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8").split("## Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    return {en.strip(): ko.strip() for en, ko, _ in rows[1:]}


def test_glossary_has_the_common_renderings():
    table = glossary()
    assert len(table) >= 40
    joined = " ".join(table.values())
    assert [term for term in COMMON if term not in joined] == []
    assert all(re.search("[가-힣]", ko) for ko in table.values()), "every row gives a Korean rendering"


def test_notebooks_use_the_glossary_renderings():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        text = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert [r for r in RETIRED if r in text] == [], path.name
