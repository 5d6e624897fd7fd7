"""Markdown and JSON export, and the export -> import round trip on the real catalog."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.serialize import entry_to_dict
from sphinx_vlmcatalog.export.json import export_json
from sphinx_vlmcatalog.export.markdown import export_markdown
from sphinx_vlmcatalog.importer.pipeline import run_import

CATALOG = Path(__file__).resolve().parents[1] / "catalog"


def read_entries(root: Path, *, strict: bool = True) -> tuple[list, list]:
    result = load_catalog([root])
    assert result.ok or not strict, [str(i) for i in result.issues]
    return list(result.catalog), list(result.catalog.categories.values())


def test_json_uses_yaml_field_names() -> None:
    entries, cats = read_entries(CATALOG)
    doc = json.loads(export_json(entries, cats))
    clip = next(e for e in doc["entries"] if e["id"] == "clip")
    assert clip["arxiv"] == "2103.00020" and clip["kind"] == "model"
    assert clip["relations"]["trained_on"] == ["clip-data"]
    assert clip["sources"][0]["list"] == "awesome-vlm-models"
    assert doc["taxonomy"][0]["key"] == "datasets"


def test_markdown_round_trip(tmp_path: Path) -> None:
    """Export, then import with no mapping: the same entries, field by field, and the same
    taxonomy (the export carries both in data comments)."""
    entries, cats = read_entries(CATALOG)
    md = tmp_path / "README.md"
    md.write_text(export_markdown(entries, cats), encoding="utf-8")
    report = run_import([md], tmp_path / "out", None, progress=None)
    back, back_cats = read_entries(tmp_path / "out")  # and the result validates
    n = len(entries)
    assert report.summary() == f"{n} entry-like lines: {n} entries, 0 merged, 0 problems"
    assert [p for p in report.problems if p.severity != "note"] == []
    before = {e.id: entry_to_dict(e) for e in entries}
    after = {e.id: entry_to_dict(e) for e in back}
    assert after.keys() == before.keys()
    differ = [
        (eid, name, fields.get(name), after[eid].get(name))
        for eid, fields in before.items()
        for name in fields.keys() | after[eid].keys()
        if fields.get(name) != after[eid].get(name)
    ]
    assert differ == []
    assert [(c.key, c.title, c.description, c.parent) for c in back_cats] == [
        (c.key, c.title, c.description, c.parent) for c in cats
    ]
    # and the file layout of the catalog comes back too (entries beyond the seeds, kept apart
    # in curated/, come back in the files of their categories)
    written = {p.relative_to(tmp_path / "out").as_posix() for p in report.written}
    assert written >= {
        p.relative_to(CATALOG).as_posix()
        for p in CATALOG.rglob("*.yaml")
        if p.name != "schema.yaml"  # the catalog's rules, not exported
        and p.relative_to(CATALOG).parts[0] != "curated"
    }


def test_markdown_is_still_an_awesome_list_without_its_comments(tmp_path: Path) -> None:
    """Readers see the bullets; with the data comments removed, the visible text alone still
    gives each work's title, short name, venue, year and links (a bullet with neither a link
    nor a short name reads as prose, as in any awesome list)."""
    entries, cats = read_entries(CATALOG)
    # (entries that share a link, such as a benchmark defined in a method's paper, read as one
    # work listed twice without their comments, and are merged: that case is the importer's)
    shared = Counter(url for e in entries for url in set(e.links.values()))
    works = [
        e
        for e in entries
        if e.kind != "topic" and e.links and all(shared[u] == 1 for u in e.links.values())
    ]
    text = re.sub(r"\n *<!-- vlmcatalog.*?-->", "", export_markdown(works, cats), flags=re.DOTALL)
    assert "vlmcatalog {" not in text
    md = tmp_path / "README.md"
    md.write_text(text, encoding="utf-8")
    report = run_import([md], tmp_path / "out", None, progress=None)
    assert report.errors == []
    back = {
        (e.title.rstrip("."), e.year): e for e in read_entries(tmp_path / "out", strict=False)[0]
    }
    for e in works:
        again = back[(e.title.rstrip("."), e.year)]
        assert (again.short or "", again.venue) == (e.short or "", e.venue), e.id
        assert set(again.links.values()) == set(e.links.values()), e.id


def test_an_edited_bullet_with_a_stale_comment_is_reported(tmp_path: Path) -> None:
    from sphinx_vlmcatalog.catalog.entries import Paper

    paper = Paper(id="p", kind="paper", title="Old Title", links={"paper": "https://e.org/p"})
    md = tmp_path / "README.md"
    md.write_text(export_markdown([paper]).replace("Old Title.", "New Title."), encoding="utf-8")
    report = run_import([md], tmp_path / "out", None, progress=None)
    [warning] = report.warnings
    assert "title differ from its data comment" in warning.message
    [back] = read_entries(tmp_path / "out")[0]
    assert back.title == "Old Title"


def test_data_comments_cannot_be_closed_early() -> None:
    from markdown_it import MarkdownIt

    from sphinx_vlmcatalog.catalog.entries import Paper

    nasty = "a --> b --!> c <!-- d --- e > f"
    paper = Paper(id="p", kind="paper", title=nasty, summary=nasty, notes="-" * 7)
    text = export_markdown([paper])
    tokens = MarkdownIt("commonmark").parse(text)
    inline = [c for t in tokens for c in (t.children or [])]
    html = [t.content.strip() for t in [*tokens, *inline] if t.type.startswith("html")]
    assert len(html) == 1 and html[0].startswith("<!-- vlmcatalog {")
    assert html[0].count("-->") == 1 and html[0].endswith("-->")
    assert text.isascii() or "\\u" in html[0]


HOSTILE_TITLES = [
    "<script>alert(1)</script> Vision",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:alert(1)) and ![img](x.png)",
    "&lt;b&gt; &amp; <!-- a comment --> ]]>",
    r"% & # _ ^ ~ $ { } \ 100% $x^2$ a_b",
    "`code` **bold** *em* __u__ ~~s~~ | pipe |",
    "# not a heading",
    "abc\u202edcba\u202c \u200fرؤية\u200f Zero\u200dWidth",
    "Flamingo 🦩 視覚言語モデル",
]


def test_markdown_round_trip_hostile(tmp_path: Path) -> None:
    """Hostile titles and short names are literal text in the README and survive a re-import."""
    from sphinx_vlmcatalog.catalog.entries import Paper

    entries = [
        Paper(
            id=f"h{i}",
            kind="paper",
            title=title,
            short=f"<b>S{i}</b>&",
            venue="CVPR",
            year=2021,
            links={"paper": f"https://example.org/{i}"},
        )
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    text = export_markdown(entries)
    assert "<script>" not in text.replace("`<b>", "")  # only inside code spans
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # an escaped \] makes no link
    md = tmp_path / "README.md"
    md.write_text(text, encoding="utf-8")
    run_import([md], tmp_path / "out", None, progress=None)
    back = {e.id: e for e in read_entries(tmp_path / "out", strict=False)[0]}
    for e in entries:
        again = back[e.id]
        assert (again.title, again.short, again.venue, again.year) == (
            e.title,
            e.short,
            e.venue,
            e.year,
        )
        assert dict(again.links) == dict(e.links)


def test_markdown_topics_hostile(tmp_path: Path) -> None:
    """Topic titles (headings) and points are escaped too, and come back unchanged."""
    from sphinx_vlmcatalog.catalog.entries import Topic

    topic = Topic(
        id="t",
        kind="topic",
        title="<script>x</script> & [a](javascript:b) {c} $d$",
        topic_type="challenge",
        points=("<img src=x onerror=alert(1)>", "*not em* and `not code`", "50% & #1"),
    )
    text = export_markdown([topic])
    assert not re.search(r"(?<!\\)<(script|img)", text)  # \< is a literal <
    md = tmp_path / "README.md"
    md.write_text(text, encoding="utf-8")
    run_import([md], tmp_path / "out", None, progress=None)
    [back] = read_entries(tmp_path / "out", strict=False)[0]
    assert (back.title, back.points) == (topic.title, topic.points)


def test_markdown_export_is_inert_for_a_real_parser() -> None:
    """Headings and links as a CommonMark parser reads them: no HTML, no extra link."""
    from markdown_it import MarkdownIt

    from sphinx_vlmcatalog.catalog.entries import Category, Paper

    hostile = '<img src=x onerror="alert(1)"> [a](javascript:b)'
    urls = [
        "https://example.org/a)[click](javascript:alert(1))",
        "https://example.org/w(i)ki",
        "https://example.org/back\\)slash",
    ]
    entries = [
        Paper(id=f"p{i}", kind="paper", title="T", links={"paper": url}, categories=("c",))
        for i, url in enumerate(urls)
    ]
    text = export_markdown(entries, [Category("c", hostile)])
    tokens = MarkdownIt("commonmark").parse(text)
    inline = [child for t in tokens for child in (t.children or [])]
    assert not [t for t in [*tokens, *inline] if t.type.startswith("html") and "<img" in t.content]
    heading = next(t for t in tokens if t.type == "inline" and "img" in t.content)
    assert "".join(c.content for c in heading.children if c.type == "text") == hostile
    hrefs = [t.attrs["href"] for t in inline if t.type == "link_open"]
    # markdown-it percent-encodes what a browser would; compared after decoding, one link each
    from urllib.parse import unquote

    assert [unquote(h) for h in hrefs] == urls


def test_markdown_links_with_parentheses_round_trip(tmp_path: Path) -> None:
    from sphinx_vlmcatalog.catalog.entries import Paper

    url = "https://example.org/a)[click](javascript:alert(1))\\x"
    paper = Paper(id="p", kind="paper", title="T", year=2020, links={"paper": url})
    md = tmp_path / "README.md"
    md.write_text(export_markdown([paper]), encoding="utf-8")
    run_import([md], tmp_path / "out", None, progress=None)
    [back] = read_entries(tmp_path / "out", strict=False)[0]
    assert dict(back.links) == {"paper": url}


def test_markdown_round_trip_keeps_a_catalogs_own_fields(tmp_path: Path) -> None:
    """The data comments carry custom fields and relations; the importer keeps them, and with
    the catalog's ``schema.yaml`` beside them they validate as they did before."""
    source = Path(__file__).parent / "roots" / "test-custom-fields" / "catalog"
    entries, cats = read_entries(source)
    assert any(e.extra for e in entries)
    md = tmp_path / "README.md"
    md.write_text(export_markdown(entries, cats), encoding="utf-8")
    out = tmp_path / "out"
    report = run_import([md], out, None, progress=None)
    assert [p for p in report.problems if p.severity != "note"] == []
    (out / "schema.yaml").write_text((source / "schema.yaml").read_text("utf-8"), "utf-8")
    back, _cats = read_entries(out)
    assert {e.id: entry_to_dict(e) for e in back} == {e.id: entry_to_dict(e) for e in entries}
    # without the schema, nothing is dropped unseen: validation names each unknown field
    (out / "schema.yaml").unlink()
    result = load_catalog([out])
    unknown = {i.message.split("'")[3] for i in result.issues if "unknown field" in i.message}
    assert "audio_hours" in unknown
