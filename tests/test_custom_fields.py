"""A catalog's own fields and relations (``schema.yaml``): the catalog layer and the CLI.

The Sphinx builds of ``tests/roots/test-custom-fields`` are in ``test_custom_fields_build.py``;
bad schemas are in the corpus (``tests/corpus/custom-schema``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.custom import BUILTIN
from sphinx_vlmcatalog.catalog.fields import QueryError
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.ordering import group_entries, parse_sort, sort_entries
from sphinx_vlmcatalog.catalog.query import parse_query, select
from sphinx_vlmcatalog.catalog.schema import catalog_schema, export_schema
from sphinx_vlmcatalog.cli import main
from sphinx_vlmcatalog.export.bibtex import export_bibtex
from sphinx_vlmcatalog.export.json import export_json

ROOT = Path(__file__).parent / "roots" / "test-custom-fields"
CATALOG = ROOT / "catalog"


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog([CATALOG])
    assert result.ok, result.issues
    return result.catalog


def ids(entries) -> list[str]:
    return [e.id for e in entries]


def test_values_are_typed(catalog) -> None:
    assert catalog.get("librispeech").get("audio_hours") == 1000
    assert catalog.get("musiccaps").get("audio_hours") == 15.3
    assert catalog.get("librispeech").get("sample_rate") == "16 kHz"
    assert catalog.get("whisper").get("open_weights") is True
    assert catalog.get("qwen-audio").get("open_weights") is False
    assert catalog.get("whisper").get("languages_spoken") == ("English", "German", "Japanese")
    assert catalog.get("whisper").get("released") == "2022-09-21"
    # a field the kind does not have, built-in or custom
    assert catalog.get("audio-survey").get("audio_hours") is None


def test_custom_relation_and_reverse_index(catalog) -> None:
    assert catalog.get("qwen-audio").relations["audio_encoder"] == ("whisper",)
    assert ("audio_encoder", "qwen-audio") in catalog.used_by["whisper"]
    assert catalog.schema.relation_kinds["audio_encoder"] == "Audio encoder"
    assert catalog.schema.relation_inverse("audio_encoder") == "Audio encoder of"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audio_hours:>=1000", ["librispeech", "audioset", "whisper"]),
        ("audio_hours:1000..6000 kind:dataset", ["librispeech", "audioset"]),
        ("audio_hours:15.3", ["musiccaps"]),
        ("audio_domain:speech,music", ["librispeech", "musiccaps"]),
        ("open_weights:true", ["beats", "whisper"]),
        ("-open_weights:true kind:model", ["qwen-audio"]),
        ("sample_rate:16*", ["librispeech", "whisper"]),
        ("languages_spoken:german", ["whisper"]),
        ("has:audio_encoder", ["qwen-audio"]),
        ("relations:audio_encoder", ["qwen-audio"]),
        ("uses:whisper", ["qwen-audio"]),
        ("has:demo", ["whisper"]),
    ],
)
def test_queries(catalog, query, expected) -> None:
    assert ids(select(catalog, parse_query(query, catalog.schema))) == expected


def test_sort_and_group(catalog) -> None:
    keys = parse_sort("-audio_hours", catalog.schema)
    assert ids(sort_entries(catalog, keys))[:4] == [
        "whisper",
        "audioset",
        "librispeech",
        "musiccaps",
    ]
    groups = group_entries(list(catalog), "audio_hours", catalog)
    # numbers ascend, entries without a value last
    assert [g.key for g in groups] == ["15.3", "1000", "5800", "680000", ""]
    groups = group_entries([e for e in catalog if e.kind == "model"], "open_weights", catalog)
    assert [(g.title, ids(g.entries)) for g in groups] == [
        ("no", ["qwen-audio"]),
        ("yes", ["beats", "whisper"]),
        ("Other", []),
    ][: len(groups)]


def test_fields_belong_to_their_catalog(catalog) -> None:
    # another catalog in the same process (the built-in schema) knows nothing of them
    with pytest.raises(QueryError, match="unknown field 'audio_hours'"):
        parse_query("audio_hours:>=1000")
    with pytest.raises(QueryError, match="unknown sort field"):
        parse_sort("audio_hours", BUILTIN)
    fixture = load_catalog([Path(__file__).parent / "fixtures" / "catalog"]).catalog
    assert fixture.schema is BUILTIN
    with pytest.raises(QueryError):
        parse_query("audio_hours:1", fixture.schema)


def test_json_schema_describes_them(catalog) -> None:
    schema = catalog_schema(catalog.schema)
    entry = schema["$defs"]["entry"]
    assert entry["properties"]["audio_hours"]["type"] == "number"
    assert entry["properties"]["open_weights"] == {"type": "boolean", "description": "Open weights"}
    assert entry["properties"]["audio_domain"]["enum"] == ["speech", "music", "sound"]
    assert "audio_encoder" in entry["properties"]["relations"]["properties"]
    per_kind = {
        rule["if"]["properties"]["kind"]["const"]: rule["then"]["propertyNames"]["enum"]
        for rule in entry["allOf"]
    }
    assert "audio_hours" in per_kind["dataset"] and "audio_hours" not in per_kind["paper"]
    assert "open_weights" in per_kind["model"] and "open_weights" not in per_kind["dataset"]
    normalized = export_schema(catalog.schema)["$defs"]["entry"]["properties"]
    assert normalized["languages_spoken"]["type"] == "array"
    # the built-in schema is unchanged
    assert "audio_hours" not in catalog_schema()["$defs"]["entry"]["properties"]


def test_exports(catalog) -> None:
    data = json.loads(export_json(list(catalog)))
    first = data["entries"][0]
    assert first["audio_hours"] == 1000 and first["languages_spoken"] == ["English"]
    assert list(first).index("audio_hours") < list(first).index("categories")
    bib = export_bibtex(list(catalog), schema=catalog.schema)
    assert "note = {{LibriSpeech}; Audio hours: 1000; Sample rate: 16 kHz;" in bib
    assert "Open weights: no" in bib


def test_required_fields(tmp_path) -> None:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    path = tmp_path / "catalog" / "entries.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    venue: arXiv\n", ""), encoding="utf-8"
    )
    result = load_catalog([tmp_path / "catalog"], base=tmp_path)
    assert [str(i) for i in result.issues] == [
        (
            "catalog/entries.yaml:58: entry 'audio-survey': missing field 'venue' "
            "(schema.yaml requires it of every paper)"
        )
    ]
    assert "audio-survey" in result.catalog  # reported, not dropped
    # an entry with the schema's exempt tag need not give them: nobody could confirm it
    schema = tmp_path / "catalog" / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8") + "exempt_tag: unverified\n", "utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - id: audio-survey\n", "  - id: audio-survey\n    tags: [unverified]\n"
        ),
        encoding="utf-8",
    )
    assert load_catalog([tmp_path / "catalog"], base=tmp_path).ok


def test_cache_follows_the_schema(tmp_path) -> None:
    # the same entry file, cached, then validated under another schema.yaml
    shutil.copytree(CATALOG, tmp_path / "catalog")
    cache = tmp_path / "cache"
    first = load_catalog([tmp_path / "catalog"], cache_dir=cache)
    assert first.ok and any(cache.iterdir())
    schema = tmp_path / "catalog" / "schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("name: speakers", "name: voices"),
        encoding="utf-8",
    )
    second = load_catalog([tmp_path / "catalog"], cache_dir=cache)
    assert [i.message for i in second.issues] == [
        "entry 'librispeech': unknown field 'speakers' for kind 'dataset'; ignored"
    ]
    assert second.catalog.get("librispeech").get("speakers") is None
    # and back: the first result is taken from the cache again, equal to a fresh load
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("name: voices", "name: speakers"),
        encoding="utf-8",
    )
    third = load_catalog([tmp_path / "catalog"], cache_dir=cache)
    fresh = load_catalog([tmp_path / "catalog"])
    assert third.ok
    assert list(third.catalog) == list(fresh.catalog)
    assert third.catalog.get("librispeech").extra == fresh.catalog.get("librispeech").extra


# --------------------------------------------------------------------------- the CLI


def test_cli_validate(capsys) -> None:
    assert main(["validate", str(CATALOG)]) == 0
    assert "2 file(s), 7 entries" in capsys.readouterr().out


def test_cli_query(capsys) -> None:
    code = main(
        [
            "query",
            "audio_hours:>=1000",
            str(CATALOG),
            "--sort=-audio_hours",
            "--columns",
            "id,audio_hours,open_weights",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "audio_hours", "open_weights"]
    assert [line.split()[0] for line in lines[2:]] == ["whisper", "audioset", "librispeech"]
    assert lines[2].split() == ["whisper", "680000", "true"]


def test_cli_query_unknown_custom_field_elsewhere(capsys) -> None:
    fixture = Path(__file__).parent / "fixtures" / "catalog"
    assert main(["query", "audio_hours:>=1", str(fixture)]) == 2
    assert "unknown field 'audio_hours'" in capsys.readouterr().err


def test_cli_schema(capsys) -> None:
    assert main(["schema", str(CATALOG)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "audio_hours" in schema["$defs"]["entry"]["properties"]


@pytest.mark.parametrize(
    ("fmt", "wanted"),
    [
        ("json", '"audio_hours": 680000'),
        ("bibtex", "Audio hours: 680000"),
        ("markdown", '"audio_hours":680000'),
    ],
)
def test_cli_export(capsys, fmt, wanted) -> None:
    assert main(["export", "--format", fmt, str(CATALOG)]) == 0
    assert wanted in capsys.readouterr().out


def test_cli_reports_a_bad_schema_and_loads_the_rest(tmp_path, capsys) -> None:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    schema = tmp_path / "catalog" / "schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("type: boolean", "type: yes-no"),
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path / "catalog")]) == 1
    err = capsys.readouterr().err
    assert (
        f"{tmp_path / 'catalog' / 'schema.yaml'}:10: field 'open_weights': type 'yes-no' is not "
        "one of string, text, integer, number, boolean, url, date, list, choice"
    ) in err
    # the field is unknown now, so each entry that gives it says so; nothing else is lost
    assert err.count("unknown field 'open_weights'") == 3
    assert "7 entries" in err
    assert "Traceback" not in err
