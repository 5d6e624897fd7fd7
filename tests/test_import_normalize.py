"""Unit tests for arXiv ids, venue splitting, mojibake repair and model descriptions."""

from __future__ import annotations

import pytest

from sphinx_vlmcatalog.importer.normalize import (
    arxiv_id,
    fix_text,
    parse_date,
    parse_int,
    parse_model_description,
    slugify,
    split_venue,
)


@pytest.mark.parametrize(
    "text",
    [
        "https://arxiv.org/abs/2103.00020",
        "https://arxiv.org/pdf/2103.00020.pdf",
        "https://arxiv.org/pdf/2103.00020v2.pdf",
        "https://www.arxiv.org/abs/2103.00020v3",
        "http://arxiv.org/html/2103.00020v1",
        "arXiv:2103.00020",
        "2103.00020v2",
    ],
)
def test_arxiv_variants(text: str) -> None:
    assert arxiv_id(text) == "2103.00020"


def test_arxiv_none() -> None:
    assert arxiv_id("https://github.com/openai/CLIP") is None
    assert arxiv_id(None) is None


@pytest.mark.parametrize(
    ("text", "venue", "year"),
    [
        ("ICML 2021", "ICML", 2021),
        ("arxiv 24", "arXiv", 2024),
        ("[NeurIPS 2024]", "NeurIPS", 2024),
        ("ECCV 24", "ECCV", 2024),
        ("arxiv", "arXiv", None),
        ("ICLR W 2023", "ICLRW", 2023),
        (
            "IEEE Transactions on Pattern Analysis and Machine Intelligence (TPAMI), 2024",
            "TPAMI",
            2024,
        ),
    ],
)
def test_split_venue(text: str, venue: str, year: int | None) -> None:
    assert split_venue(text)[:2] == (venue, year)


def test_split_venue_keeps_rest() -> None:
    assert split_venue("CVPR 2023 Tutorial") == ("CVPR", 2023, "Tutorial")


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Exploring CLIPâ€™s Dense Knowledge", "Exploring CLIP’s Dense Knowledge"),
        ("Flamingo ðŸ¦©: A Visual", "Flamingo 🦩: A Visual"),
        ("Gerhard PaaÃŸ", "Gerhard Paaß"),
        ("## \uf8ffüìö Seminal Papers", "## 📚 Seminal Papers"),
        ("(images ‚Üî literature)", "(images ↔ literature)"),
        ("Google‚Äôs terms", "Google’s terms"),
        ("Café", "Café"),
    ],
)
def test_mojibake(broken: str, fixed: str) -> None:
    assert fix_text(broken) == fixed


def test_numbers_dates_slugs() -> None:
    assert parse_int("1,281,167") == 1281167
    assert parse_int("-") is None
    assert parse_date("21 November 2022") == "2022-11-21"
    assert parse_date("4 Sep 2019") == "2019-09-04"
    assert slugify("LLaVa-1.5") == "llava-1.5"
    assert slugify("Red Caps") == "red-caps"


def test_model_description() -> None:
    got = parse_model_description(
        "Decoder-only architecture with 7B parameters, using CLIP ViT-L/14 for vision encoder "
        "and Vicuna as pretrained backbone"
    )
    assert got == {
        "architecture": "decoder-only",
        "parameters": "7B",
        "vision_encoder": "CLIP ViT-L/14",
        "language_backbone": "Vicuna",
    }
    gemma = parse_model_description(
        "Decoder-only architecture with 1B/4B/12B/27B parameters, supporting multimodality and "
        "140+ languages, featuring a 128k-token context window"
    )
    assert gemma["languages"] == "140+" and gemma["context_length"] == "128k"
