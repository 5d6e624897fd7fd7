"""The entry shapes of widely used awesome lists, each on a small list written for the test
(``tests/fixtures/import``), and each loss the importer used to suffer on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_vlmcatalog.importer.markdown import read_list
from sphinx_vlmcatalog.importer.records import RawRecord
from sphinx_vlmcatalog.importer.state import ParseState

FIX = Path(__file__).parent / "fixtures" / "import"


def read(name: str) -> ParseState:
    return read_list((FIX / name).read_text(encoding="utf-8"), name, "fixture")


def by_arxiv(st: ParseState) -> dict[str, RawRecord]:
    return {r.arxiv: r for r in st.records if r.arxiv}


# --- tables ------------------------------------------------------------------------------------


def test_rows_without_the_leading_pipe_stay_in_their_table() -> None:
    st = read("mllm-tables.md")
    recs = by_arxiv(st)
    assert {"2401.01003", "2401.01004"} <= recs.keys()
    row = recs["2401.01003"]
    assert row.title == "Pipeless Row One: A Row Written Without The Leading Pipe"
    assert (row.venue, row.year, row.line) == ("ICLR", 2024, 9)
    assert row.links["code"] == "https://github.com/example-lab/pipeless-one"
    assert not [p for p in st.problems if p.severity == "error"]


def test_star_badges_and_br_in_the_title_cell() -> None:
    vista = by_arxiv(read("mllm-tables.md"))["2401.01001"]
    assert vista.title == "VistaChat: Talking About Pictures at Length"
    assert vista.date == "2024-01-03" and vista.venue == "arXiv"
    assert vista.links == {
        "paper": "https://arxiv.org/pdf/2401.01001.pdf",
        "code": "https://github.com/example-lab/vistachat",
        "webpage": "https://huggingface.co/spaces/example-lab/vistachat",
    }


def test_escaped_pipe_and_extra_cells() -> None:
    st = read("mllm-tables.md")
    recs = by_arxiv(st)
    assert recs["2401.01005"].title == "Escaped | Pipe: A Title With A Bar In It"
    extra = recs["2401.01006"]
    assert "stray cell" in extra.fields["notes"]
    assert any(p.line == 12 and "6 cells, header has 5" in p.message for p in st.problems)


def test_a_paper_column_beside_a_title_column_keeps_its_arxiv_links() -> None:
    recs = by_arxiv(read("mllm-tables.md"))
    lumen, glint = recs["2402.02001"], recs["2402.02002"]
    assert (lumen.title, lumen.venue, lumen.year) == ("LumenLM", "ACL", 2024)
    assert lumen.links == {
        "paper": "https://arxiv.org/abs/2402.02001",
        "code": "https://github.com/lumen/lumenlm",
    }
    assert glint.title == "Glint"  # the <img> logo is not part of the name


def test_dataset_table_with_a_paper_column() -> None:
    """``| **Name** | [Paper title](arxiv) | Type | Modalities |``: the paper link is kept,
    the paper title becomes the title, the name the short name, unknown columns go to notes,
    and audio-text pairs are a size, not image-text pairs."""
    echo = by_arxiv(read("mllm-tables.md"))["2403.03001"]
    assert (echo.short, echo.title) == (
        "EchoCaps",
        "EchoCaps: A Corpus of Captioned Everyday Sounds",
    )
    assert echo.links == {"paper": "https://arxiv.org/pdf/2403.03001.pdf"}
    assert echo.fields["notes"] == "Type: Caption"
    assert echo.fields["modalities"] == ["Audio", "Text"]
    assert echo.fields["size"] == "1.2M audio-text pairs"
    assert "image_text_pairs" not in echo.fields


# --- bullets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arxiv", "venue", "year"),
    [
        ("2404.04001", "ICLR", 2024),  # - [Title](url) - Venue Year
        ("2404.04002", "CVPR", 2023),  # , Venue Year
        ("2404.04004", "ECCV", 2024),  # [Venue'YY]
        ("2404.04005", "CVPR", 2024),  # — Venue Year (Highlight)
        ("2404.04009", "AAAI", 2024),  # `Name` Title. Venue Year. + link line
        ("2404.04010", "INTERSPEECH", 2023),  # Title. Venue Year. [[Paper](..)]
        ("2404.04013", "ACL", 2024),  # nested under a grouping bullet
        ("2404.04015", "ICML", 2024),  # a title link spread over two lines
    ],
)
def test_title_link_bullets_keep_their_venue(arxiv: str, venue: str, year: int) -> None:
    rec = by_arxiv(read("bullet-variants.md"))[arxiv]
    assert (rec.venue, rec.year) == (venue, year)


def test_venue_in_parentheses_and_the_rest_of_it() -> None:
    st = read("bullet-variants.md")
    quiet = next(r for r in st.records if r.title.startswith("Quiet Transformers"))
    assert (quiet.venue, quiet.year) == ("NeurIPS", 2023)
    assert quiet.links == {"paper": "https://openreview.net/forum?id=QuietTx01"}
    frame = by_arxiv(st)["2404.04005"]
    assert frame.fields["venue_extra"] == "(Highlight)"
    plain = next(r for r in st.records if r.title.startswith("Plain Link"))
    assert (plain.venue, plain.year) == (None, None)
    assert not [p for p in st.problems if p.severity != "note"]


def test_bold_name_colon_title_and_paper_links() -> None:
    """``**LTA**: Title [[Paper](..)]`` is LTA with its title, never an entry called Paper."""
    recs = by_arxiv(read("bullet-variants.md"))
    lta = recs["2404.04007"]
    assert (lta.short, lta.title) == ("LTA", "Listen, Think, and Answer Questions About Sounds")
    assert lta.links["code"] == "https://github.com/made-up/lta"
    chorus = recs["2404.04008"]
    assert (chorus.short, chorus.title) == ("Chorus", "Chorus: Many Voices, One Audio Encoder")
    drum = recs["2404.04012"]  # the same shape as a paragraph
    assert (drum.short, drum.title) == ("Drumroll", "Predicting Beats from Video Frames")
    assert all(r.title.lower() != "paper" for r in recs.values())


def test_nested_bullets_group_entries_and_add_links() -> None:
    st = read("bullet-variants.md")
    whisper = by_arxiv(st)["2404.04013"]
    assert whisper.section_path[-2:] == ("Nested", "Speech")
    assert whisper.links["code"] == "https://github.com/made-up/whisper-lite"
    assert whisper.links["project"] == "https://whisper-lite.example.org"
    assert by_arxiv(st)["2404.04014"].section == "Speech"
    # a table of contents is not a list of works
    assert not [r for r in st.records if r.title in ("Papers", "Nested")]
    assert len(st.records) == 15


# --- heading per entry -------------------------------------------------------------------------


def test_heading_per_entry_with_badges_and_details() -> None:
    st = read("heading-badges.md")
    assert [r.title for r in st.records] == [
        "Murmur: Whispered Speech Understanding With Language Models",
        "Tempo: Rhythm-Aware Audio Captioning",
        "Loudness Is All You Need",
        "Silent Film: Video Without Sound, Captioned",
    ]
    murmur, tempo, loud, silent = st.records
    assert murmur.links == {
        "paper": "https://arxiv.org/abs/2405.05001",
        "code": "https://github.com/made-up/murmur",
        "model": "https://huggingface.co/made-up/murmur-7b",
    }
    assert murmur.authors == ["Ada Example", "Bo Sample"]
    assert (murmur.venue, murmur.year) == ("ACL", 2024)
    assert (
        murmur.fields["summary"] == "Murmur reads whispered speech and answers questions about it."
    )
    assert murmur.section == "2024"
    assert tempo.links["dataset"] == "https://huggingface.co/datasets/made-up/tempo-captions"
    assert tempo.fields["summary"] == "Tempo writes captions that follow the beat."
    assert loud.arxiv == "2405.05003" and loud.links["code"] == "https://github.com/made-up/loud"
    assert silent.arxiv == "2306.06001" and silent.section == "2023"
    # the licence and "awesome" badges decorate the list; they are not a work
    assert all("awesome.re" not in u and "opensource" not in u for u in murmur.links.values())


def test_a_section_heading_with_works_is_not_a_work() -> None:
    text = (
        "# L\n\n## Group\n\n### [Only A Link](https://arxiv.org/abs/2401.00009)\n\n"
        "## Papers\n\n- [A Paper About Things](https://arxiv.org/abs/2401.00010) - CVPR 2024\n"
    )
    st = read_list(text, "t.md", "t")
    assert [(r.title, r.fmt, r.section) for r in st.records] == [
        ("Only A Link", "heading-entry", "Group"),
        ("A Paper About Things", "title-link", "Papers"),
    ]


def test_stars_dataset_and_demo_columns() -> None:
    text = (
        "## Models\n\n"
        "| Model | Stars | Dataset | Demo | Released |\n|---|---|---|---|---|\n"
        "| [Wren-7B](https://huggingface.co/made-up/wren-7b) "
        "| ![Star](https://img.shields.io/github/stars/made-up/wren?style=social) "
        "| [Wren-Data](https://huggingface.co/datasets/made-up/wren-data) "
        "| [Try it](https://wren.example.org) | 2024 |\n"
    )
    st = read_list(text, "t.md", "t")
    [wren] = st.records
    assert (wren.title, wren.kind) == ("Wren-7B", "model")  # a Model column names models
    assert wren.links == {
        "model": "https://huggingface.co/made-up/wren-7b",
        "code": "https://github.com/made-up/wren",
        "dataset": "https://huggingface.co/datasets/made-up/wren-data",
        "webpage": "https://wren.example.org",
    }
    assert wren.fields == {"notes": "Released: 2024"}  # an unknown column, kept as written


def test_a_table_without_a_name_column_still_gives_its_rows() -> None:
    text = "| Venue | Code |\n|---|---|\n| CVPR 2024 | [Code](https://github.com/a/b) |\n"
    st = read_list(text, "t.md", "t")
    assert [r.title for r in st.records] == ["CVPR 2024"]
    assert "first column 'venue' names the works" in st.problems[0].message
