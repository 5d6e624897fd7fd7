"""The data the filter box's script queries: field metadata and entries, from the pure layer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.query_data import entry_data, query_meta


def test_query_data_imports_no_sphinx():
    code = (
        "import sys, sphinx_vlmcatalog.catalog.query_data, sphinx_vlmcatalog.catalog.query\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils'}))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_entry_data():
    catalog = load_catalog([Path(__file__).parent / "fixtures" / "catalog"]).catalog
    clip = entry_data(catalog.entries["clip"])
    assert clip["links"] == ["paper", "code"]
    assert clip["relations"] == {"trained_on": ["webimagetext"]}
    assert clip["sources"] == ["awesome-a", "awesome-b"]
    assert clip["authors"] == ["Alec Radford", "Jong Wook Kim"]
    assert clip["label"] == "CLIP"
    assert clip["top_category"] == ["pretraining"]
    assert clip["year"] == 2021
    assert "notes" not in clip  # empty fields are left out
    cifar = entry_data(catalog.entries["cifar-10"])
    assert cifar["label"] == "CIFAR-10"
    assert "links" not in cifar
    json.dumps([query_meta(), clip, cifar])  # all of it is JSON


def test_query_meta():
    meta = query_meta()
    assert meta["aliases"]["category"] == "categories"
    assert "id" in meta["text"]
    assert "label" in meta["substring"]
    assert "venue" not in meta["substring"]
    assert meta["fields"][-2:] == ["label", "top_category"]
