"""The Markdown parser on one small fixture per list format, plus a hand-written list."""

from __future__ import annotations

from pathlib import Path

from sphinx_vlmcatalog.importer.markdown import parse_markdown, read_list
from sphinx_vlmcatalog.importer.records import RawRecord

FIX = Path(__file__).parent / "fixtures" / "import"


def parse(name: str) -> tuple[list[RawRecord], list]:
    path = FIX / name
    return parse_markdown(path.read_text(encoding="utf-8"), name, "fixture")


def test_tick_bullets() -> None:
    recs, probs = parse("tick.md")
    assert [r.short for r in recs] == ["CLIP", "VoCo"]
    clip, voco = recs
    assert clip.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert (clip.venue, clip.year, clip.arxiv, clip.line) == ("ICML", 2021, "2103.00020", 5)
    assert clip.links["code"] == "https://github.com/openai/CLIP"
    assert (voco.venue, voco.year, voco.arxiv) == ("arXiv", 2024, "2406.12275")
    assert voco.section == "Foundation Models"
    assert not [p for p in probs if p.severity == "error"]


def test_venue_bullets() -> None:
    recs, _ = parse("venue.md")
    assert [(r.venue, r.year) for r in recs] == [("NeurIPS", 2024), ("ECCV", 2024)]
    assert recs[0].title.startswith("PLIP:")
    assert recs[0].links["paper"].startswith("https://papers.nips.cc/")
    assert recs[1].arxiv == "2401.00001"


def test_bold_bullets_and_topics() -> None:
    recs, _ = parse("bold.md")
    llava, nvlm, t1, t2 = recs
    assert llava.fields["vision_encoder"] == "CLIP ViT-L/14"
    assert llava.fields["summary"].startswith("Decoder-only architecture")
    assert llava.arxiv == "2310.03744" and llava.year == 2023
    assert nvlm.arxiv == "2409.11402"  # URL split over two lines
    assert (t1.kind, t1.title, t1.points) == (
        "topic",
        "Alignment Improvement",
        ["Better attention", "Hierarchical fusion"],
    )
    assert t1.fields["topic_type"] == "research-direction"
    assert t2.points == ["Parameter ratio studies"]


def test_tables() -> None:
    recs, probs = parse("tables.md")
    laion, imagenet, coop, bpl1, bpl2, sqa = recs
    assert laion.kind == "dataset" and laion.fields["image_text_pairs"] == "5B"
    assert laion.fields["languages"] == "Over 100 Languages" and laion.arxiv == "2210.08402"
    assert imagenet.fields == {
        "classes": 1000,
        "train_size": 1281167,
        "test_size": 50000,
        "metric": "Accuracy",
    }
    assert coop.kind == "paper" and (coop.venue, coop.year) == ("IJCV", 2022)
    assert bpl1.arxiv == bpl2.arxiv == "2210.02390"
    assert sqa.kind == "benchmark" and sqa.title == "ScienceQA" and sqa.year == 2022
    assert not probs


def test_bold_blocks() -> None:
    recs, _ = parse("blocks.md")
    talk, okvqa = recs
    assert talk.title == "Flamingo 🦩: A Visual Language Model for Few-Shot Learning"
    assert talk.authors == ["Andrea Wynn", "Xindi Wu"]
    assert talk.date == "2022-11-21" and "slides" in talk.links
    assert (okvqa.venue, okvqa.year, okvqa.arxiv) == ("CVPR", 2019, "1906.00067")
    assert okvqa.fields["summary"] == "questions requiring knowledge"
    assert okvqa.links["webpage"] == "https://okvqa.allenai.org/"


def test_handwritten_list_keeps_every_entry_and_says_what_is_missing() -> None:
    recs, probs = parse("handwritten.md")
    # nothing is lost: an entry without a link is still an entry, with a warning at its line
    assert not [p for p in probs if p.severity == "error"]
    warned = sorted(p.line for p in probs if p.severity == "warning")
    assert warned == [7, 8, 17, 19, 21]
    assert all(str(p).startswith("handwritten.md:") for p in probs)
    titles = [r.title for r in recs]
    assert "A Bullet Whose Link Line Is Missing" in titles
    assert "OpenVLA" in titles and "Broken" in titles and "EmbodiedBench" in titles
    openvla = next(r for r in recs if r.title == "OpenVLA")
    assert (openvla.year, openvla.fields["summary"]) == (2024, "no link here")
    assert recs[0].section == "Robotics Agents" and recs[0].venue == "CoRL"


def test_every_entry_like_line_is_a_record_or_an_error() -> None:
    """The safety net: a line that looks like an entry and that no shape read is an error."""
    text = (
        "## S\n\n- [[Paper](https://arxiv.org/abs/2401.00001)] [[Code](https://github.com/a/b)]\n"
    )
    st = read_list(text, "t.md", "t")
    assert st.records == []
    assert [(p.line, p.severity) for p in st.problems] == [(3, "error")]
    assert "without a title" in st.problems[0].message
    assert st.entry_like == {3}


def test_bold_prose_is_not_an_entry_but_a_bold_item_is() -> None:
    text = (
        "## S\n\n**Note:** this list is updated every week.\n\n**Vision**\n\n"
        "- **OpenVLA**: An Open Vision-Language-Action Model\n"
    )
    st = read_list(text, "t.md", "t")
    assert [(r.line, r.short, r.title, r.section) for r in st.records] == [
        (7, "OpenVLA", "An Open Vision-Language-Action Model", "Vision")
    ]
    # the bold line alone heads what follows, like a heading
    assert st.records[0].section_path == ("S", "Vision")
    assert [p.line for p in st.problems] == [7]  # no link: a warning, not a loss


def test_the_account_reports_lines_no_shape_claimed() -> None:
    from sphinx_vlmcatalog.importer.state import ParseState

    st = ParseState("t.md", "t", {})
    st.entry_like.update({3, 5, 8})
    st.record(3, "x", "A Work")
    st.lost(5, "links without a title")
    st.account()
    assert [(p.line, p.severity) for p in st.problems] == [(5, "error"), (8, "error")]
    assert "looks like an entry but was not read" in st.problems[1].message


def test_an_unusable_data_comment_is_reported_and_the_text_is_read() -> None:
    text = (
        "## S\n\n- `X` A Work. CVPR 2020.\n  [[Paper](https://e.org/x)]\n"
        '  <!-- vlmcatalog {"id":"x","kind":"paper","title":"A Work","links":["oops"]} -->\n'
    )
    st = read_list(text, "t.md", "t")
    [rec] = st.records
    assert rec.data is None and (rec.short, rec.venue, rec.year) == ("X", "CVPR", 2020)
    [problem] = st.problems
    assert problem.severity == "warning"
    assert "unusable data comment (links must be a mapping)" in problem.message


def test_with_a_data_comment_an_entry_without_venue_or_year_is_no_warning() -> None:
    # the export writes an entry that has neither as a tick bullet without them; its data
    # comment gives the entry, so what the text lacks is not worth a warning
    text = (
        "## S\n\n- `X` A Work.\n  [[Paper](https://e.org/x)]\n"
        '  <!-- vlmcatalog {"id":"x","kind":"paper","title":"A Work",'
        '"links":{"paper":"https://e.org/x"}} -->\n'
    )
    st = read_list(text, "t.md", "t")
    [rec] = st.records
    assert rec.data is not None and rec.data["id"] == "x"
    assert st.problems == []
    without = read_list(text.partition("  <!--")[0], "t.md", "t")
    assert [p.message for p in without.problems] == ["no venue/year found in 'A Work.'"]


def test_works_listed_under_a_topic_section_are_entries_not_points() -> None:
    text = (
        "## Research Directions\n\n### Efficient Models\n\n- Smaller encoders\n"
        "- [Tiny Tokens: Fewer Visual Tokens](https://arxiv.org/abs/2404.04004) - ECCV 2024\n"
    )
    st = read_list(text, "t.md", "t")
    topic, paper = st.records
    assert (topic.kind, topic.title, topic.points) == (
        "topic",
        "Efficient Models",
        ["Smaller encoders"],
    )
    assert (paper.kind, paper.arxiv, paper.venue, paper.section) == (
        "paper",
        "2404.04004",
        "ECCV",
        "Efficient Models",
    )
