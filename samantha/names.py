"""The people and voices the knowledge names, and finding them in a question forgivingly.

Characters and the actors who play them are linked ("Catherine" and "Rooney
Mara" are one person in the story); reviewers and outlets point at their sources.
Matching forgives case, accents, typos ("johanson", "pheonix") and first or last
names alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .knowledge import Knowledge
from .tokenizer import STOPWORDS, words

# Roles a reader names by surname alone; other crew are matched by full name.
PERSON_RELATIONS_WITH_SURNAMES = {"cast", "director", "writer"}
# Facts whose values are not people or companies.
VALUE_RELATIONS = {
    "certificate", "release date", "runtime", "year", "country", "genre", "format",
    "rating", "user rating", "verdict", "user rating breakdown",
}
COMPANY_RELATIONS = {
    "production company", "co-production", "presenter", "copyright", "visual effects",
    "video game animation", "end titles",
}


@dataclass(frozen=True)
class Entity:
    """Someone or something a question can be about."""

    name: str
    kind: str  # "character", "actor", "crew", "reviewer", "outlet", "company"
    aliases: tuple[tuple[str, ...], ...]
    partner: str = ""  # the actor of a character, the character of an actor
    sources: tuple[str, ...] = ()  # for reviewers and outlets

    def all_names(self) -> tuple[str, ...]:
        return tuple(" ".join(a) for a in self.aliases)


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int  # word positions in the question
    end: int
    exact: bool


_KIND_PRIORITY = {"character": 0, "actor": 1, "reviewer": 2, "outlet": 3, "crew": 4, "company": 5}


class NameIndex:
    """Every entity of a knowledge base, and a forgiving finder of them in text."""

    def __init__(self, knowledge: Knowledge) -> None:
        capitalised = {w.lower() for s in knowledge.sentences for w in re.findall(r"\b[A-Z][a-z]+\b", s.text)}
        self.entities = _build_entities(knowledge, capitalised)
        self._by_name = {e.name: e for e in self.entities}
        self._aliases = _alias_table(self.entities)
        self._by_first_word: dict[str, list[tuple[tuple[str, ...], Entity]]] = {}
        for alias, entity in self._aliases:
            self._by_first_word.setdefault(alias[0], []).append((alias, entity))
        self._name_words = {w for alias, _ in self._aliases for w in alias}
        self._name_words_by_letter: dict[str, list[str]] = {}
        for name_word in self._name_words:
            self._name_words_by_letter.setdefault(name_word[0], []).append(name_word)
        self._fuzzy: dict[str, dict[str, bool]] = {}
        self._rated = _rated_by(knowledge, self.entities)
        counts: dict[str, int] = {}
        for sentence in knowledge.sentences:
            for name in {m.entity.name for m in self.find(words(sentence.text)) if m.entity.kind == "character"}:
                counts[name] = counts.get(name, 0) + 1
        # The hero is the character the reviews name most ("the main guy" is Theodore).
        self.hero = self._by_name[max(counts, key=counts.get)] if counts else None
        self._role_holders = self._roles_in(knowledge)
        self._credited: dict[str, str] = {}
        for fact in knowledge.facts:
            self._credited.setdefault(fact.value, fact.relation)

    def _roles_in(self, knowledge: Knowledge) -> dict[str, Entity]:
        """Who the reviews call "his ex-wife", "his friend"…: the character named right after the role
        most often ("Theodore's ex-wife Catherine", "His friend Amy")."""
        counts: dict[str, dict[str, int]] = {}
        for sentence in knowledge.sentences:
            named = [("os", name) for name in _NAMED_SYSTEM.findall(sentence.text)]
            for role, name in _ROLE_THEN_NAME.findall(sentence.text) + named:
                entity = next((m.entity for m in self.find([name.lower()]) if m.entity.kind == "character"), None)
                if entity is not None and entity is not self.hero:
                    held = counts.setdefault(_ROLE_WORDS.get(role.lower(), role.lower()), {})
                    held[entity.name] = held.get(entity.name, 0) + 1
        return {role: self._by_name[max(held, key=held.get)] for role, held in counts.items()}

    def role_holder(self, role: str) -> Entity | None:
        """The character the reviews call by this role ("ex-wife": Catherine), if they do."""
        return self._role_holders.get(_ROLE_WORDS.get(role, role))

    def relation_of(self, entity: Entity) -> str:
        """The credit that names this person or company first ("presenter" for Warner Bros.)."""
        return self._credited.get(entity.name, "")

    def rated(self, mark: str) -> tuple[Entity, ...]:
        """Who gave the film this mark ("4" finds the blogger who gave it 4/4 stars)."""
        return self._rated.get(mark, ())

    def get(self, name: str) -> Entity | None:
        return self._by_name.get(name)

    def partner(self, entity: Entity) -> Entity | None:
        return self._by_name.get(entity.partner) if entity.partner else None

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_name))

    def find(self, question_words: list[str], known: set[str] | frozenset[str] = frozenset(),
             common: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
        """Entities mentioned in normalised words, longest match first.

        A word in ``known`` (a real word of the reviews, like "while") is never taken
        for a misspelt name ("Wilde"). A word in ``common`` (an English word, like
        "check") alone is read as a misspelt name only when the name is long and belongs to
        someone in the film ("johnson" for Johansson), not a reviewer, outlet or company
        ("check out" is not Mainstream Chick), nor a short name one slip away ("spoke").
        """
        readings = [self._readings(word, known) for word in question_words]
        candidates = []
        for start, reading in enumerate(readings):
            for first, exact in reading.items():
                for alias, entity in self._by_first_word.get(first, ()):
                    end = start + len(alias)
                    if end > len(readings) or any(alias[k] not in readings[start + k] for k in range(1, len(alias))):
                        continue
                    if len(alias) == 1 and not exact and question_words[start] in common and (
                            len(first) <= 6 or entity.kind not in ("actor", "character", "crew")):
                        continue
                    exact_all = exact and all(readings[start + k][alias[k]] for k in range(1, len(alias)))
                    candidates.append((alias, entity, start, end, exact_all))
        candidates.sort(key=lambda c: (-len(c[0]), -sum(len(w) for w in c[0]), c[2]))
        taken: set[int] = set()
        found: list[Mention] = []
        for _alias, entity, start, end, exact in candidates:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            found.append(Mention(entity, start, end, exact))
        found.sort(key=lambda m: m.start)
        return found

    def _readings(self, word: str, known: set[str] | frozenset[str]) -> dict[str, bool]:
        """The name words ``word`` can stand for, each with whether it is spelt exactly."""
        base = word[:-2] if word.endswith("'s") else word
        if base in self._name_words:
            return {base: True}
        if base in known or base in STOPWORDS or len(base) < 4:
            return {}
        cached = self._fuzzy.get(base)
        if cached is None:
            cached = {w: False for w in self._name_words_by_letter.get(base[0], ()) if _close(base, w)}
            self._fuzzy[base] = cached
        return cached


# "ex-wife Catherine", "friend Amy", "wife Catherine (Rooney Mara)": a role and the name it belongs to.
_ROLE_THEN_NAME = re.compile(r"\b(ex-wife|wife|ex|friend|girlfriend|boss|neighbou?r)\s+\(?([A-Z][a-z]+)\b")
# "His OS is called Samantha", "an operating system named Samantha": the OS is a role too.
_NAMED_SYSTEM = re.compile(r"\b(?:OS|operating system|AI)\b (?:is |was )?(?:called|named) ([A-Z][a-z]+)\b")
# Roles that are one role: his ex is his ex-wife, and so is his wife in a story of their divorce.
_ROLE_WORDS = {"ex": "ex-wife", "wife": "ex-wife", "exwife": "ex-wife", "neighbour": "neighbor",
               "ai": "os", "operating system": "os", "computer": "os"}


def _close(word: str, target: str) -> bool:
    """A typo of ``target``: long enough to judge, and nearly the same letters.

    Short names allow one slip ("jonez"); longer ones a few ("johanson", "pheonix"). A
    looser rule reads "chips" as "Chris".
    """
    if len(target) < 5 or len(word) < 4 or abs(len(word) - len(target)) > 2:
        return False
    if len(target) <= 6:
        return word[0] == target[0] and _one_slip(word, target)
    matcher = SequenceMatcher(None, word, target)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _one_slip(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = (diffs + [0, 0])[:2]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _build_entities(knowledge: Knowledge, capitalised: set[str]) -> tuple[Entity, ...]:
    people: dict[str, dict] = {}

    def add(name: str, kind: str, partner: str = "", sources: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> None:
        entry = people.setdefault(name, {"kind": kind, "partner": partner, "sources": (), "roles": set(), "extra": ()})
        if _KIND_PRIORITY[kind] < _KIND_PRIORITY[entry["kind"]]:
            entry["kind"] = kind
        entry["partner"] = entry["partner"] or partner
        entry["sources"] = tuple(dict.fromkeys(entry["sources"] + sources))
        entry["extra"] = tuple(dict.fromkeys(entry["extra"] + extra))

    for fact in knowledge.facts:
        if fact.relation == "cast":
            add(fact.value, "actor", fact.character)
            if fact.character:
                add(fact.character, "character", fact.value)
            people[fact.value]["roles"].add("cast")
        elif fact.relation not in VALUE_RELATIONS:
            add(fact.value, "company" if fact.relation in COMPANY_RELATIONS else "crew")
            people[fact.value]["roles"].add(fact.relation)
    for source in knowledge.sources:
        # A source's own aliases ("china blog") name its author if it has one, else its outlet.
        if source.author:
            add(source.author, "reviewer", sources=(source.id,), extra=source.aliases)
        if source.outlet:
            add(source.outlet, "outlet", sources=(source.id,), extra=() if source.author else source.aliases)
    entities = []
    for name, entry in people.items():
        aliases = _aliases_for(name, entry["kind"], entry["roles"])
        aliases += tuple(tuple(words(a)) for a in entry["extra"] if words(a))
        entities.append(Entity(name, entry["kind"], tuple(dict.fromkeys(aliases)), entry["partner"], entry["sources"]))
    return tuple(_with_shortenings(e, capitalised) for e in entities)


def _rated_by(knowledge: Knowledge, entities: tuple[Entity, ...]) -> dict[str, tuple[Entity, ...]]:
    """The reviewers (or, with no byline, the outlets) behind each mark the pages give."""
    by_source: dict[str, Entity] = {}
    for kind in ("outlet", "reviewer"):  # a reviewer wins over their outlet
        for entity in entities:
            if entity.kind == kind:
                by_source.update({source: entity for source in entity.sources})
    rated: dict[str, tuple[Entity, ...]] = {}
    for fact in knowledge.facts:
        mark = re.match(r"\s*(\d+(?:\.\d+)?)", fact.value)
        if fact.relation == "rating" and mark and fact.source_id in by_source:
            entity = by_source[fact.source_id]
            out_of = re.match(r"\s*(\d+)\s*/\s*(\d+)", fact.value)
            # "Full marks", "a perfect score": a mark out of itself, like 4/4.
            keys = [mark.group(1)] + (["full", "top", "perfect"] if out_of and out_of.group(1) == out_of.group(2) else [])
            for key in keys:
                rated[key] = tuple(dict.fromkeys(rated.get(key, ()) + (entity,)))
    return rated


def _with_shortenings(entity: Entity, capitalised: set[str]) -> Entity:
    """Reviews shorten names ("Sam", "Theo"); a shortening they use as a name is an alias."""
    if entity.kind != "character":
        return entity
    first = entity.aliases[0][0]
    short = [(first[:cut],) for cut in range(3, len(first)) if first[:cut] in capitalised and first[:cut] not in STOPWORDS]
    return replace(entity, aliases=entity.aliases + tuple(short)) if short else entity


COMPANY_WORDS = {"pictures", "picture", "films", "film", "company", "llc", "inc", "ltd", "productions", "production", "entertainment"}


def _aliases_for(name: str, kind: str, roles: set[str]) -> tuple[tuple[str, ...], ...]:
    full = tuple(words(name))
    aliases = [full]
    if kind == "character" and len(full) > 1 and full[-1] not in ("date",):
        aliases.append(full[:1])
        aliases.append(full[-1:])
    if kind == "character" and name.islower():
        # A part credited by what she is ("blind date") is "his date" in the reviews.
        aliases.append(("his", full[-1]))
    if len(full) > 1 and (kind in ("reviewer", "actor") or roles & PERSON_RELATIONS_WITH_SURNAMES):
        aliases.append(full[-1:])
        if kind == "reviewer" or kind == "actor":
            aliases.append(full[:1])
    if kind == "outlet":
        aliases.append(tuple(w for w in full if w not in ("programme", "notes", "southbank")))
    if kind == "company":
        # "Warner Bros." for "Warner Bros. Pictures", "Annapurna" for "Annapurna Pictures".
        aliases.append(tuple(w for w in full if w not in COMPANY_WORDS))
    return tuple(dict.fromkeys(a for a in aliases if a and (len(a) > 1 or len(a[0]) > 1)))


def _alias_table(entities: tuple[Entity, ...]) -> list[tuple[tuple[str, ...], Entity]]:
    """All aliases, longest first; a single word shared by two people names neither."""
    owners: dict[tuple[str, ...], list[Entity]] = {}
    for entity in entities:
        for alias in entity.aliases:
            owners.setdefault(alias, []).append(entity)
    table = []
    for alias, candidates in owners.items():
        linked = {c.name for c in candidates} | {c.partner for c in candidates if c.partner}
        best = min(candidates, key=lambda e: _KIND_PRIORITY[e.kind])
        if len(alias) == 1 and len(candidates) > 1 and not all(c.name in linked and c.partner in linked for c in candidates):
            # "Catherine" is the character, not Catherine Keener who is thanked.
            if sum(1 for c in candidates if c.kind == best.kind) > 1:
                continue
        table.append((alias, best))
    table.sort(key=lambda item: (-len(item[0]), -sum(len(w) for w in item[0])))
    return table
