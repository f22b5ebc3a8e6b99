"""Writes labels.json from the hand labels in labels/*.yaml, one file per batch (README.md says how each batch
was found and labelled). A batch is data, not code: adding one is adding a file, and the json the benchmark and the
tests read stays a single file in a fixed order (the files' order, then the pages' order inside each)."""

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PIECE_KEYS = ("author", "post", "first", "last", "headline")


def load_batches(folder: Path = HERE / "labels") -> list[dict]:
    """Every page of every batch file, in file order, as the entries labels.json holds."""
    pages = []
    for path in sorted(folder.glob("*.yaml")):
        batch = yaml.safe_load(path.read_text(encoding="utf-8"))
        for page in batch["pages"]:
            pages.append(
                {
                    "file": page["file"],
                    "url": page["url"],
                    "shape": page["shape"],
                    "cut": page["cut"],
                    "note": page["note"],
                    "source": batch["source"],
                    "batch": batch["batch"],
                    "pieces": [{key: piece.get(key) for key in PIECE_KEYS} for piece in page["pieces"]],
                }
            )
    return pages


if __name__ == "__main__":
    with open(HERE / "labels.json", "w", encoding="utf-8") as out:
        json.dump({"pages": load_batches()}, out, ensure_ascii=False, indent=1)
        out.write("\n")
