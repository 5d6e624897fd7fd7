"""Catalog records: the entry kinds, their fields, and where each value came from.

Entries are frozen dataclasses, one class per kind. Every field carries its documentation and its
value type in ``metadata``; the JSON Schema (:mod:`.schema`), the validator (:mod:`.validate`), the
query language and the docs all read that one declaration, so a field is described exactly once.
This module imports neither Sphinx nor docutils.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from .result_values import Result

#: Value types a field may declare; :mod:`.validate` checks them and :mod:`.schema` exports them.
ValueType = Literal[
    "id",
    "str",
    "text",
    "int",
    "number",
    "bool",
    "year",
    "date",
    "url",
    "str_list",
    "id_list",
    "links",
    "sources",
    "relations",
    "results",
    "metrics",
]


class EntryKind(enum.StrEnum):
    """The kinds of catalog entry."""

    PAPER = "paper"  #: a method paper
    MODEL = "model"  #: a released (foundation or large) vision-language model
    DATASET = "dataset"  #: a dataset used for pretraining or evaluation
    BENCHMARK = "benchmark"  #: an evaluation benchmark
    RESOURCE = "resource"  #: a survey, book, presentation or tutorial
    TOPIC = "topic"  #: a research direction, challenge, emerging area or ethics practice


#: Keys allowed under ``links``, in display order.
LINK_KINDS = ("paper", "code", "project", "dataset", "model", "webpage", "video", "slides")

#: Relation names allowed under ``relations``; each maps to a list of entry ids.
RELATION_KINDS: dict[str, str] = {
    "vision_encoder": "uses as its vision encoder",
    "language_backbone": "uses as its language backbone",
    "trained_on": "was trained on",
    "evaluated_on": "was evaluated on",
    "builds_on": "builds on",
    "distills_from": "distils knowledge from",
    "extends": "is a new version of",
    "related": "is related to",
}

#: Headings of the kinds, in order: entry index sections and ``:group-by: kind`` groups.
KIND_TITLES = {
    EntryKind.PAPER: "Papers",
    EntryKind.MODEL: "Models",
    EntryKind.DATASET: "Datasets",
    EntryKind.BENCHMARK: "Benchmarks",
    EntryKind.RESOURCE: "Surveys, books and talks",
    EntryKind.TOPIC: "Topics",
}

RESOURCE_TYPES = ("survey", "book", "presentation", "tutorial", "course", "toolkit", "leaderboard")
TOPIC_TYPES = ("research-direction", "challenge", "emerging-area", "ethics-practice")
#: The awesome-list section heading of each topic type (export writes them, import reads them).
TOPIC_HEADINGS = {
    "research-direction": "Research Directions",
    "challenge": "Current Challenges",
    "emerging-area": "Emerging Areas",
    "ethics-practice": "Ethics & Best Practices",
}
ARCHITECTURES = (
    "dual-encoder",
    "fusion-encoder",
    "encoder-decoder",
    "decoder-only",
    "multi-encoder",
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A place in a catalog file: the path as the user gave it and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class SourceMention:
    """One awesome list that mentions an entry, and the section it appears under."""

    #: slug of the list (for example ``awesome-vlm-survey``)
    list: str
    #: heading the entry was listed under, if any
    section: str = ""


def spec(
    doc: str,
    vtype: ValueType,
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
    match: Literal["exact", "text"] = "exact",
) -> dict[str, Any]:
    """Field metadata: documentation, value type and how queries compare it.

    :param match: ``exact`` compares whole values (case-insensitively); ``text`` matches substrings.
    """
    return {"doc": doc, "type": vtype, "required": required, "choices": choices, "match": match}


def _none(doc: str, vtype: ValueType, **kw: Any) -> Any:
    return field(default=None, metadata=spec(doc, vtype, **kw))


def _empty(doc: str, vtype: ValueType, factory: Any, **kw: Any) -> Any:
    return field(default_factory=factory, metadata=spec(doc, vtype, **kw))


#: What :meth:`Entry.get` finds for a field its kind does not have.
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Entry:
    """Fields every entry has. Subclasses add the fields of one kind."""

    kind_name: ClassVar[EntryKind]

    id: str = field(
        metadata=spec(
            "Stable identifier: lowercase letters, digits and ``-``, ``_`` or ``.`` between them; "
            "unique across the whole catalog.",
            "id",
            required=True,
        )
    )
    kind: str = field(
        metadata=spec(
            "Entry kind.", "str", required=True, choices=tuple(k.value for k in EntryKind)
        )
    )
    title: str = field(metadata=spec("Full title of the work.", "str", required=True, match="text"))
    short: str | None = _none("Short name, for example ``CLIP``.", "str", match="text")
    authors: tuple[str, ...] = _empty("Authors, one string each.", "str_list", tuple, match="text")
    venue: str | None = _none("Where it appeared: ``CVPR``, ``NeurIPS``, ``arXiv``...", "str")
    year: int | None = _none("Year of publication or release.", "year")
    date: str | None = _none("Date as ``YYYY-MM-DD`` or ``YYYY-MM``.", "date")
    arxiv: str | None = _none(
        "arXiv identifier without version, for example ``2103.00020``.", "str"
    )
    doi: str | None = _none("Digital Object Identifier.", "str")
    links: Mapping[str, str] = _empty(
        "Links by kind: " + ", ".join(f"``{k}``" for k in LINK_KINDS) + "; http(s) only.",
        "links",
        dict,
    )
    categories: tuple[str, ...] = _empty("Taxonomy keys this entry belongs to.", "id_list", tuple)
    tags: tuple[str, ...] = _empty("Free keywords.", "str_list", tuple)
    summary: str | None = _none("One or two sentences on what the work does.", "text", match="text")
    notes: str | None = _none(
        "Editorial notes: caveats, and how conflicting sources were resolved.", "text", match="text"
    )
    relations: Mapping[str, tuple[str, ...]] = _empty(
        "Links to other entries by relation: "
        + ", ".join(f"``{k}``" for k in RELATION_KINDS)
        + "; each a list of entry ids.",
        "relations",
        dict,
    )
    checked: tuple[str, ...] = _empty(
        "Where the facts were confirmed: each item a primary source's URL (arXiv abstract, "
        "proceedings or OpenReview page, official repository or model card), a space and the "
        "date it was read, ``https://arxiv.org/abs/2103.00020 2026-12-04``. An entry nobody "
        "could confirm carries the tag ``unverified`` and says why in ``notes``.",
        "str_list",
        tuple,
    )
    sources: tuple[SourceMention, ...] = _empty(
        "The awesome lists that mention this entry: each a mapping with ``list`` and ``section``.",
        "sources",
        tuple,
    )

    #: where the entry starts (not a YAML field)
    source: SourceRef = field(
        default=SourceRef("<memory>", 0), compare=False, metadata={"internal": True}
    )
    #: line of each field that was given (not a YAML field)
    lines: Mapping[str, int] = field(
        default_factory=dict, compare=False, metadata={"internal": True}
    )
    #: values of the catalog's own fields, declared in its ``schema.yaml`` (:mod:`.custom`)
    extra: Mapping[str, Any] = field(default_factory=dict, metadata={"internal": True})

    def get(self, name: str) -> Any:
        """Return field ``name``, built-in or custom (None when the entry does not have it)."""
        value = getattr(self, name, _ABSENT)
        return self.extra.get(name) if value is _ABSENT else value

    def line_of(self, name: str) -> SourceRef:
        """Where field ``name`` was written, falling back to the entry's first line."""
        return SourceRef(self.source.path, self.lines.get(name, self.source.line))

    @property
    def label(self) -> str:
        """Short name if there is one, else the title."""
        return self.short or self.title


_RESULTS_DOC = (
    "Numbers a source reports: each a mapping of ``benchmark`` (the id of a dataset or "
    "benchmark that declares the metric), ``metric``, ``value`` (as printed), ``setting``, "
    "optional ``variant`` and ``source`` (the URL of the text stating the number)."
)
_METRICS_DOC = "Metrics results on this entry use: each name mapped to ``[low, high]``."


@dataclass(frozen=True, slots=True)
class Paper(Entry):
    """A method paper."""

    kind_name: ClassVar[EntryKind] = EntryKind.PAPER

    results: tuple[Result, ...] = _empty(_RESULTS_DOC, "results", tuple)


@dataclass(frozen=True, slots=True)
class Model(Entry):
    """A released vision-language model."""

    kind_name: ClassVar[EntryKind] = EntryKind.MODEL

    architecture: str | None = _none("Overall design.", "str", choices=ARCHITECTURES)
    parameters: str | None = _none(
        "Parameter count as the source gives it: ``7B``, ``3B/7B/72B``, ``~400M``.", "str"
    )
    vision_encoder: str | None = _none(
        "Vision encoder as the source names it; link it with ``relations.vision_encoder``.",
        "str",
        match="text",
    )
    language_backbone: str | None = _none(
        "Language model backbone as the source names it; link it with "
        "``relations.language_backbone``.",
        "str",
        match="text",
    )
    modalities: tuple[str, ...] = _empty(
        "Input modalities, e.g. image, video, audio.", "str_list", tuple
    )
    context_length: str | None = _none("Context window, e.g. ``128k`` tokens.", "str")
    languages: str | None = _none("Languages supported, e.g. ``140+``.", "str")
    results: tuple[Result, ...] = _empty(_RESULTS_DOC, "results", tuple)


@dataclass(frozen=True, slots=True)
class Dataset(Entry):
    """A dataset."""

    kind_name: ClassVar[EntryKind] = EntryKind.DATASET

    task: str | None = _none("Task the dataset serves, e.g. image classification.", "str")
    size: str | None = _none(
        "Size as the source states it, e.g. ``328K images``.", "str", match="text"
    )
    image_text_pairs: str | None = _none("Number of image-text pairs, e.g. ``400M``.", "str")
    languages: str | None = _none("Language(s) of the text.", "str")
    classes: int | None = _none("Number of classes.", "int")
    train_size: int | None = _none("Number of training samples.", "int")
    test_size: int | None = _none("Number of test samples.", "int")
    metric: str | None = _none("Evaluation metric.", "str")
    modalities: tuple[str, ...] = _empty("Modalities, e.g. image, text, video.", "str_list", tuple)
    license: str | None = _none("Licence or terms of use.", "str")
    metrics: Mapping[str, tuple[float, float]] = _empty(_METRICS_DOC, "metrics", dict)


@dataclass(frozen=True, slots=True)
class Benchmark(Entry):
    """An evaluation benchmark."""

    kind_name: ClassVar[EntryKind] = EntryKind.BENCHMARK

    task: str | None = _none("What the benchmark evaluates.", "str", match="text")
    metric: str | None = _none("Evaluation metric.", "str")
    size: str | None = _none("Size, e.g. ``21K questions``.", "str", match="text")
    metrics: Mapping[str, tuple[float, float]] = _empty(_METRICS_DOC, "metrics", dict)


@dataclass(frozen=True, slots=True)
class Resource(Entry):
    """A survey, book, presentation or tutorial."""

    kind_name: ClassVar[EntryKind] = EntryKind.RESOURCE

    resource_type: str | None = _none("What sort of resource.", "str", choices=RESOURCE_TYPES)
    publisher: str | None = _none("Publisher, institution or event.", "str", match="text")


@dataclass(frozen=True, slots=True)
class Topic(Entry):
    """A research direction, challenge, emerging area or ethics practice."""

    kind_name: ClassVar[EntryKind] = EntryKind.TOPIC

    topic_type: str | None = _none("What sort of topic.", "str", choices=TOPIC_TYPES)
    points: tuple[str, ...] = _empty(
        "The points the topic covers.", "str_list", tuple, match="text"
    )


KIND_CLASSES: dict[str, type[Entry]] = {
    cls.kind_name.value: cls for cls in (Paper, Model, Dataset, Benchmark, Resource, Topic)
}


_DATA_FIELDS: dict[type, Mapping[str, dataclasses.Field[Any]]] = {}


def data_fields(cls: type[Entry]) -> Mapping[str, dataclasses.Field[Any]]:
    """The YAML-facing fields of an entry class, in declaration order.

    Made once a class (callers such as the digests of every entry ask again and again), and
    read-only, since every caller shares it.
    """
    found = _DATA_FIELDS.get(cls)
    if found is None:
        found = _DATA_FIELDS[cls] = MappingProxyType(
            {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
        )
    return found


#: Every YAML field of any kind, with the kinds that have it.
ALL_FIELDS: dict[str, tuple[str, ...]] = {}
for _kind, _cls in KIND_CLASSES.items():
    for _name in data_fields(_cls):
        ALL_FIELDS[_name] = (*ALL_FIELDS.get(_name, ()), _kind)
del _kind, _cls, _name

#: Field names common to all kinds.
COMMON_FIELDS = tuple(data_fields(Entry))


def field_meta(name: str) -> dict[str, Any]:
    """Metadata of field ``name`` from the first kind that declares it."""
    for cls in KIND_CLASSES.values():
        f = data_fields(cls).get(name)
        if f is not None:
            return dict(f.metadata)
    raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Category:
    """A node of the taxonomy tree."""

    #: dotted key, e.g. ``transfer.prompt.text``
    key: str
    title: str
    description: str = ""
    #: key of the parent category, or None at the top level
    parent: str | None = None
    source: SourceRef = field(default=SourceRef("<memory>", 0), compare=False)

    @property
    def depth(self) -> int:
        """0 for top-level categories."""
        return self.key.count(".")

    @property
    def top(self) -> str:
        """Key of the top-level ancestor."""
        return self.key.split(".", 1)[0]
