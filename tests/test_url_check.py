"""``values.check_url`` finds unsafe characters with a regular expression; it must accept and
refuse exactly what the plain definition below does."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vlmcatalog.catalog import values


def reference_check_url(value: Any) -> str:
    """The definition, with the unsafe characters spelled out."""
    text = values.as_str(value)
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise values.BadValue(
            f"'{text[:80]}' is not a valid URL ({exc})", unsafe_url=True
        ) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise values.BadValue(f"'{text[:80]}' is not an absolute http(s) URL", unsafe_url=True)
    if any(c.isspace() or ord(c) < 32 or c in '<>"' for c in text):
        raise values.BadValue(
            f"'{text[:80]}' contains spaces, quotes or control characters", unsafe_url=True
        )
    return text


def outcome(check: Any, text: str) -> str:
    try:
        return "ok " + check(text)
    except values.BadValue as exc:
        return f"bad unsafe={exc.unsafe_url} {exc}"


def same_as_reference(text: str) -> None:
    assert outcome(values.check_url, text) == outcome(reference_check_url, text)


def test_unsafe_characters_are_exactly_the_defined_ones() -> None:
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        defined = c.isspace() or code < 32 or c in '<>"'
        assert (values.URL_UNSAFE_RE.search(c) is not None) == defined, hex(code)


@pytest.mark.parametrize(
    "text",
    [
        "https://arxiv.org/abs/2103.00020",
        "HTTP://Example.ORG",
        "https://x.org:8080/a?b=1&c#frag",
        "https://pan.baidu.com/s/1mifR6tU?_at_=1679281159364#list/path=%2F",
        "https://x.org/a b",
        "https://x.org/\u00a0",
        "https://x.org/<script>",
        'https://x.org/"',
        "https://x.org/\x7f",
        "https://ex\u00e4mple.org/",
        "https://[::1]/",
        "https://[::1/",
        "https:///path",
        "https:x.org",
        "https://",
        "ftp://x.org",
        "javascript:alert(1)",
        "//x.org",
        "https://user:pw@x.org/",
        "https://x.org:port/",
        "https://x.org?",
        "https://-.org",
        "  https://x.org  ",
        "https://x.org/\u2028",
    ],
)
def test_examples(text: str) -> None:
    same_as_reference(text)


URL_PARTS = st.sampled_from(
    [
        "http",
        "https",
        "HTTPS",
        "ftp",
        ":",
        "//",
        "/",
        "?",
        "#",
        "[",
        "]",
        "@",
        ".",
        "-",
        "a",
        "Z",
        "0",
        "8080",
        " ",
        "\t",
        "\n",
        "<",
        '"',
        "%2F",
        "\u00e4",
        "\u00a0",
        "\u2028",
        "\x00",
        "\x7f",
    ]
)


@settings(max_examples=500, derandomize=True, database=None, deadline=None)
@given(st.lists(URL_PARTS, max_size=12).map("".join))
def test_generated(text: str) -> None:
    same_as_reference(text)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTP://"]),
    st.text(st.sampled_from("abz09.-:[]@\u00e4"), max_size=10),
    st.text(st.sampled_from("/?#=&%a0 <\"'\u00a0\x1f\u3000"), max_size=10),
)
def test_generated_hosts_and_paths(scheme: str, host: str, path: str) -> None:
    same_as_reference(scheme + host + path)


def test_malformed_host_is_a_problem_not_a_crash(tmp_path) -> None:
    from sphinx_vlmcatalog.catalog.loader import load_catalog

    (tmp_path / "a.yaml").write_text(
        "entries:\n  - id: a\n    kind: paper\n    title: A\n    links:\n"
        '      paper: "https://[::1/x"\n',
        encoding="utf-8",
    )
    result = load_catalog([tmp_path])
    assert [str(i.subtype) for i in result.issues] == ["unsafe_url"]
    assert result.issues[0].where.line == 6
    assert "is not a valid URL (Invalid IPv6 URL)" in result.issues[0].message
    assert "a" in result.catalog.entries  # the entry stays, without the bad link
