"""Composing a reply: from an understood question to text with cited, verbatim excerpts.

Facts come from the facts table and cite the credit line that states them; plot,
opinions, comparisons and "who said" answers quote the sentences retrieval finds.
When nothing relevant is found the reply says so and cites nothing. Sentences
marked as spoilers are held back unless spoilers are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Sequence

import numpy as np

from .excerpts import Excerpt, excerpt_of
from .knowledge import Fact, Knowledge, Sentence
from .lexicon import (
    ANAPHORIC_START,
    ANSWER_FRAMES,
    ANSWER_TYPES,
    CAUSE,
    WHEN_SET,
    AWARD_CHECKS,
    ASKING,
    BLOG_KINDS,
    COMPARE_CUE,
    CREDIT_KINDS,
    REASONING,
    CRITIC_KINDS,
    ENDING_WORDS,
    EVALUATIVE_PHRASES,
    EVERYDAY_WORDS,
    FACT_TOPIC_CHECKS,
    FILLER,
    GENERIC,
    JOB_SHAPE,
    MARRIAGE,
    NEGATIVE,
    NUMBER_WORDS,
    POSITIVE,
    RATING_RELATIONS,
    READER_KINDS,
    RECOMMEND_CUE,
    RELATED,
    RELATION_PHRASES,
    SHAPE_WORDS,
    SHORT_FILM_CUE,
    TIME_FRAMES,
    TITLE_CUE,
    TOPIC_CHECKS,
)
from .names import Entity, NameIndex
from .persona import Voice
from .reply import Draft, Reply
from .search import Retriever
from .tokenizer import STOPWORDS, stem, tokens, words
from .understand import HERO, QUESTION_KEYWORDS, VALUE_RELATIONS, Question

# How retrieval evidence is blended for a sentence; chosen on benchmarks/questions.json.
# Words after a name's "'s" that are about that person, not someone else.
NOT_ROLES = {"performance", "voice", "acting", "character", "role", "part", "name", "surname", "job", "work", "called", "named",
             "life", "face", "look", "looks", "clothes", "pants", "trousers", "outfit", "age", "feelings",
             "relationship", "story", "films", "movies", "film", "movie", "career", "best", "last", "first"}
# How reviewers sum a film up: "Her is the story of a man who falls in love with...".
PREMISE_CUE = re.compile(r"\b(story of|is about|falls? in love|follows|in the (near|not so distant|very near) future)\b", re.I)
# Sentences that say they are about the end: "in their final conversation".
SPEAKS_OF_THE_END = re.compile(r"\b(final|finally|end|ending|ends|last|eventually)\b", re.I)
# A question with no topic words can still be about the film itself ("What is it about?").
ABOUT_THE_FILM = re.compile(r"\b(her|film\w*|movie|story|plot|about|happens?|ending|end)\b")
# "Who else is in it apart from Joaquin Phoenix?"
OTHERS = re.compile(r"\b(who else|anyone else|apart from|besides|other than|except|aside from|as well as)\b")
# "Who plays the woman who...": someone described, whoever else the description names.
DESCRIBED_PERSON = re.compile(r"\b(the|a|an) (\w+ ){0,2}(woman|man|girl|guy|person|lady|one|character|actress|actor)"
                              # ("the actress who plays Isabella" only asks who plays her)
                              r" (who|that|whose|with|\w+ (was|is|were|had|has|gets|got|goes|went)\b)(?! (plays?|played|voices?|voiced|portray\w*) (?!(the|a|an|his|her|that|this)\b))"
                              # "the girl samantha sends over", "the woman he was married to"
                              r"|\b(the|a|an) (\w+ ){0,2}(woman|man|girl|guy|lady|character) (he|she|they|samantha|sam|theodore|theo) \w+"
                              # "Who voices the philosopher AI that Samantha hangs out with?"
                              r"|\b(plays?|played|voices?|voiced) (the|a|an) (\w+ ){1,3}(who|that|whose|\w+ing)\b")
# Words for someone's work on the film: "her voice work", "his acting", "the performance".
WORK_STEMS = {stem(w) for w in "voice work acting performance role turn portrayal job part carry hear".split()}
# "Time Out's description of Phoenix, in their words": how someone was described, not a topic.
DESCRIBING = {stem(w) for w in "description describe described words word adjective phrase line term casting".split()}
# Someone who played a part other than the actor the credits give: "someone else at first", "on set".
NOT_THE_CREDITED = re.compile(r"\b(someone|somebody|anyone|anybody) else\b|\bbefore (her|she|him|he|scarlett|johansson)\b"
                              r"|\boriginal(ly)?\b|\bat first\b|\bon (the )?set\b|\breplac\w*|\brecast\b")
CAST_FRAME_WORDS = frozenset({"actor", "actors", "actress", "actresses", "play", "plays", "played", "playing",
                              "portrays", "portrayed", "cast"})
# "Main cast?", "the full cast", "which actresses are in the cast?": the whole list, not one part.
CAST_LIST = re.compile(r"\b(main|full|whole|entire|complete|principal|lead|leading|rest of the) cast\b|\bcast list\b|^\W*(the )?cast( please| pls)?\W*$"
                       r"|^\W*((please|pls|can you|could you) )?(list|name|give|tell|show)( me| us)?( all)?( of)? (the|its) (cast|actors|stars)\b"
                       r"|\b(two|the) leads\b|\bmain (actors|stars)\b"
                       r"|\bin the cast\b|\b(which|what) (actors|actresses|people|stars) (are|were) in\b")
# Questions about what someone thought or said, answered by judgements.
PRONOUN = re.compile(r"\b(he|his|him|she|her|hers)\b", re.I)
JUDGING = re.compile(r"\b(think|thought|thinks|felt|feel|found|called|call|said|say|says|complain\w*)\b")

WEIGHTS = {"lexical": 0.4, "passage": 0.3, "name": 0.15, "focus": 0.3, "shape": 0.15}


@dataclass(frozen=True)
class Candidate:
    """A sentence that might answer, with how well it matches."""

    sentence: Sentence
    score: float
    lexical: float
    dense: float


class Answerer:
    """Writes replies for one knowledge base."""

    def __init__(self, knowledge: Knowledge, retriever: Retriever, names: NameIndex) -> None:
        self.knowledge = knowledge
        self.retriever = retriever
        self.names = names
        self._sentence_word_lists = [words(s.text) for s in knowledge.sentences]
        # Who each sentence names, found as forgivingly as in questions ("Johannson's" is Johansson).
        self._named = [{m.entity.name for m in names.find(w)} for w in self._sentence_word_lists]
        self._sentence_stems = [set(tokens(s.text)) for s in knowledge.sentences]
        self._pair_counts: dict[tuple[str, str], int] = {}
        for sentence_words in self._sentence_word_lists:
            for pair in set(zip(sentence_words, sentence_words[1:])):
                self._pair_counts[pair] = self._pair_counts.get(pair, 0) + 1
        counts: dict[str, int] = {}
        for stems in self._sentence_stems:
            for stem_ in stems:
                counts[stem_] = counts.get(stem_, 0) + 1
        total = len(self._sentence_stems) or 1
        self._idf = {w: float(np.log(1 + total / n)) for w, n in counts.items()}
        self._max_idf = float(np.log(1 + total))
        self._polarity = np.array([_polarity(s.text) for s in knowledge.sentences], dtype=np.float32)
        # A penalty for fragments like "Theodore?" that match everything and say nothing.
        lengths = np.array([len(w) for w in self._sentence_word_lists], dtype=np.float32)
        self._shortness = np.clip((6 - lengths) * 0.08, 0, 0.4)
        self._common_cache: dict[str, bool] = {}
        self._first_of_source = {s.index for s in knowledge.sentences if s.start == 0}
        self._source_kind = {s.id: s.kind for s in knowledge.sources}
        # The marks reviews give ("8 / 10"): sentences of their own, but not opinions to quote.
        self._marks = {f.quote for f in knowledge.facts if f.relation in ("rating", "user rating")}

    # -- entry point -----------------------------------------------------------------

    def answer(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str] = frozenset()) -> Reply:
        if self._unstated_topic(question) or self._names_a_stranger(question) or _about_another_film(question):
            return self.not_found(question, voice)
        handler = {
            "fact": self._fact,
            "person": self._person,
            "rating": self._rating,
            "opinion": self._opinion,
            "who_said": self._who_said,
            "author": self._author,
            "filmography": self._filmography,
            "compare": self._compare,
            "recommend": self._recommend,
            "premise": self._premise,
            "review_end": self._review_end,
        }.get(question.intent, self._plot)
        reply = handler(question, spoilers, voice, skip)
        if skip and reply.citations:
            reply = replace(reply, text=_continued(reply.text, voice, question.clean))
        return reply

    def _unstated_topic(self, question: Question) -> bool:
        """An age, a budget, an award: answerable only by a sentence that states one outright."""
        return bool(self._topic_checks(question)) and not self._topic_evidence(question)

    def _names_a_stranger(self, question: Question) -> bool:
        """'What did Roger Ebert give it?', 'Is Tom Hanks in it?': a full name no review mentions
        (its surname unknown, or only "known" by taking it for a typo of another word); and
        "Empire magazine", a publication no review is from."""
        # "Is 'The Moon Song' on the soundtrack?": a title in quotes that no review holds.
        for title in re.findall(r"(?:^|\s)['‘\"“]([A-Z][^'’\"”]{2,60})['’\"”]", question.clean):
            if title.lower().replace("’", "'") not in self._all_text:
                return True
        for name in re.findall(r"\b([A-Z][a-z]+) (?:magazine|newspaper|website|critic|reviewer|review)\b", question.clean):
            if name.lower() in question.unknown_words and not self.names.find([name.lower()]):
                return True
        # "The United States" is a place; people are seldom "the".
        # "Jarman's Blue" says Jarman; "Ebert's website" an unknown Ebert.
        said = {w[:-2] if w.endswith("'s") else w for w in question.words}
        unknown = {w[:-2] if w.endswith("'s") else w for w in question.unknown_words}
        # Every pair of capitalised words, overlapping: "Which Derek Jarman film" holds "Derek Jarman".
        for first, last in re.findall(r"(?<![Tt]he )\b(?=([A-Z][a-z]+) ([A-Z][a-z]+)\b)", question.clean):
            pair = [first.lower(), last.lower()]
            if pair[0] in STOPWORDS:
                continue  # "Which Derek": a question word, capitalised to start the sentence
            if self.names.find(pair) or self.names.find(pair[1:]):
                continue  # someone the reviews name
            if pair[1] in unknown or pair[1] not in said:
                return True
        return False

    @cached_property
    def _all_text(self) -> str:
        """Every page's text in lower case, to look a quoted title up in (joined on first need)."""
        return "\n".join(source.text.lower() for source in self.knowledge.sources).replace("’", "'")

    def _topic_checks(self, question: Question) -> list[re.Pattern]:
        if question.intent == "smalltalk":
            return []
        # "Me and my husband": the asker's life, not a topic the reviews must state.
        lowered = re.sub(r"\b(my|our) (husband|wife|partner|girlfriend|boyfriend|spouse|kids?|children|son|daughter|sister|brother"
                         r"|mum|mom|dad|nan|gran|friend|mate)\b", " ",
                         question.clean.lower())
        checks = FACT_TOPIC_CHECKS if question.intent == "fact" else TOPIC_CHECKS
        if question.intent == "rating":
            checks = [c for c in checks if c not in AWARD_CHECKS]  # "what score did he award it?" asks for a mark
        found = [evidence for asked, evidence in checks if asked.search(lowered)]
        if (question.intent == "person" or question.relation == "cast") and re.search(
                r"\bthe (ex[- ]?)?(wife|husband|girlfriend|boyfriend)\b", lowered):
            found = [e for e in found if e is not MARRIAGE]  # "is Olivia Wilde the ex-wife?": a part, not her marriage
        return found

    def _topic_evidence(self, question: Question) -> list[Candidate]:
        """Candidates that state the asked-for kind of thing (an age, a sum) about whoever is asked about."""
        checks = self._topic_checks(question)
        named = [p for p in question.people if p.kind not in ("reviewer", "outlet")]
        about = {e.name for p in named for e in self._aliases(p)}
        # An actor's age is not their character's: "a middle aged man" is Theodore, not Phoenix.
        characters = {p.partner for p in named if p.kind == "actor" and p.partner}
        # An actor's marriage is told where the actor is named, not where "he" may be his character.
        direct = characters and MARRIAGE in checks
        named_in = (lambda sentence: self._named[sentence.index]) if direct else self._named_here
        return [
            c for c in self._retrieve(question, True, frozenset())
            if all(e.search(c.sentence.text) for e in checks)
            and (not about or about & named_in(c.sentence))
            and not characters & self._named[c.sentence.index]
        ]

    def _named_here(self, sentence: Sentence) -> set[str]:
        """Who a sentence names, and, when it says "his" or "she", who its paragraph named before it."""
        named = set(self._named[sentence.index])
        if PRONOUN.search(sentence.text):
            index = sentence.index - 1
            while index >= 0 and self.knowledge.sentences[index].paragraph == sentence.paragraph \
                    and self.knowledge.sentences[index].source_id == sentence.source_id:
                named |= self._named[index]
                index -= 1
        return named

    def _job_belongs(self, sentence: Sentence, people: set[str]) -> bool:
        """Whether a job in a sentence is said of ``people``, not of someone named nearer to it.

        "Theodore … writes letters … while his wife Catherine files for divorce" names Catherine,
        but the job is his: a job belongs to the person named last before it.
        """
        sentence_words = self._sentence_word_lists[sentence.index]
        mentions = [m for m in self.names.find(sentence_words) if m.entity.kind in ("character", "actor")]
        if not mentions:
            return True  # "she works as…" after a sentence that named her
        joined = " ".join(sentence_words)
        for match in JOB_SHAPE.finditer(joined):
            position = joined[:match.start()].count(" ")
            before = [m for m in mentions if m.end <= position]
            owner = before[-1] if before else mentions[0]
            if owner.entity.name in people:
                return True
        return False

    # -- replies of every kind -------------------------------------------------------

    def not_found(self, question: Question, voice: Voice) -> Reply:
        return Reply(voice.not_found(question.clean), False, (), question.intent, question.clean)

    def spoiler_reply(self, question: Question, voice: Voice) -> Reply:
        return Reply(voice.spoiler_offer(question.clean), True, (), question.intent, question.clean, spoiler_withheld=True)

    def _finish(self, draft: Draft, question: Question, voice: Voice, intent: str = "", subject: str = "",
                withheld: bool = False) -> Reply:
        opener = voice.opener(intent or question.intent, question.clean)
        body = "\n".join(draft.lines)
        text = f"{opener}\n{body}" if opener else body
        if withheld:
            text += "\n" + ("(I've left out a part that would spoil the ending.)" if voice.persona
                            else "(A spoiler was left out.)")
        return Reply(text.strip(), True, draft.citations(), question.intent, question.clean, withheld, subject)

    def _nothing_more(self, question: Question, voice: Voice) -> Reply:
        return Reply(voice.nothing_more(question.clean), True, (), "more", question.clean)

    # -- facts -----------------------------------------------------------------------

    def facts_for(self, relation: str) -> list[Fact]:
        return [f for f in self.knowledge.facts if f.relation == relation]

    def _fact(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        if question.relation == "cast":
            return self._cast(question, spoilers, voice, skip)
        if question.relation == "full name":
            return self._full_name(question, spoilers, voice, skip)
        for person in question.people:
            if _describes_someone_else(question, person):
                # "Spike Jonze's old writing partner" is someone else, not Spike Jonze.
                return self._someone_else(question, person, spoilers, voice, skip)
        facts = [f for r in RELATED.get(question.relation, (question.relation,)) for f in self.facts_for(r)]
        if not facts:
            return self._plot(question, spoilers, voice, skip)
        draft = Draft(self.knowledge)
        if question.relation in VALUE_RELATIONS:
            self._value_lines(draft, question.relation, facts)
        else:
            self._credit_line(draft, question.relation, facts)
        for person in question.people:
            if person.kind == "crew" and person.name not in {f.value for f in facts}:
                # "Was Eduard Grau one of the cinematographers?": the credit asked for, and his own.
                for fact in [f for f in self.knowledge.facts if f.value == person.name][:2]:
                    excerpt = self._fact_excerpt(fact)
                    draft.lines.append(f"{fact.value}: {fact.relation} — “{excerpt.shown}” {draft.cite(excerpt)}.")
        self._supporting_quote(draft, question, spoilers, skip)
        values = list(dict.fromkeys(f.value for f in facts))
        subject = values[0] if len(values) == 1 and self.names.get(values[0]) else ""
        return self._finish(draft, question, voice, "fact", subject)

    def _credit_line(self, draft: Draft, relation: str, facts: list[Fact]) -> None:
        if len({f.relation for f in facts}) > 1:
            for each in dict.fromkeys(f.relation for f in facts):
                self._credit_line(draft, each, [f for f in facts if f.relation == each])
            return
        values = list(dict.fromkeys(f.value for f in facts))
        phrase = RELATION_PHRASES.get(relation)
        quotes = self._credit_quotes(draft, facts)
        if phrase and len(values) <= 4:
            draft.lines.append(f"{phrase.format(v=_join(values))} — {quotes}.")
        elif len(values) <= 2:
            draft.lines.append(f"{relation[:1].upper()}{relation[1:]}: {_join(values)} — {quotes}.")
        else:
            # A long list is clearer in the credits' own words than said twice.
            draft.lines.append(f"{relation[:1].upper()}{relation[1:]}, as the credits give it: {quotes}.")

    def _credit_quotes(self, draft: Draft, facts: list[Fact]) -> str:
        """The credit lines themselves, each once, with its citation: “Directed by: Spike Jonze” [1]."""
        quoted = {}
        for fact in facts:
            excerpt = self._fact_excerpt(fact)
            quoted.setdefault(excerpt.shown, draft.cite(excerpt))
        return ", ".join(f"“{quote}” {marker}" for quote, marker in quoted.items())

    def _value_lines(self, draft: Draft, relation: str, facts: list[Fact]) -> None:
        """Release facts in the words of each listing, so the reader sees exactly what each page says."""
        draft.lines.append(f"The {relation}, as the pages give it:")
        for fact in facts:
            excerpt = self._fact_excerpt(fact)
            if any(e.shown == excerpt.shown for e in draft.cited):
                continue
            draft.quote(excerpt)

    def _headed_excerpt(self, fact: Fact) -> Excerpt:
        """A mark two pages share ("8 / 10"), with the heading above it where there is one
        ("Overall Rating … 8 / 10"), so that each page's citation is its own."""
        excerpt = self._fact_excerpt(fact)
        text = self.knowledge.source(fact.source_id).text
        before = [line.strip() for line in text[: excerpt.start].split("\n") if line.strip()]
        if not before or len(before[-1].split()) > 4:
            return excerpt
        start = text.rfind(before[-1], 0, excerpt.start)
        return replace(excerpt, start=start, text=text[start: excerpt.end], shown=f"{before[-1]} … {fact.quote}")

    def _fact_excerpt(self, fact: Fact) -> Excerpt:
        source = self.knowledge.source(fact.source_id)
        start = source.text.find(fact.quote)
        return Excerpt(source.id, start, start + len(fact.quote), fact.quote, fact.quote)

    def _supporting_quote(self, draft: Draft, question: Question, spoilers: bool, skip: frozenset[str]) -> None:
        """A fact question with more in it ("the first film he wrote alone?") also gets the review that says more."""
        leftover = [w for w in _focus(question) if not _relation_word(w)]
        # The reviewers' own word for what is asked ("on his own": "sole") comes next.
        lent = [t for t in tokens(" ".join(_lent_words(question))) if not _relation_word(t)]
        if not leftover and not lent:
            return
        candidates = self._retrieve(question, spoilers, skip)
        # "The first screenplay he wrote alone?": "first" says what more is asked, as well as "alone",
        # but a sentence with the words beyond the credit ("feature") says it best.
        for asked, depth, close_enough in ((leftover, 3, 0.6), (lent, 10, 1.0), (_focus(question), 3, 0.6)):
            if not asked:
                continue
            for candidate in candidates[:depth]:
                has_word = any(w in self._sentence_stems[candidate.sentence.index] for w in asked)
                if (has_word and candidate.dense >= 0.3) or candidate.dense >= close_enough:
                    draft.quote(self._excerpt(candidate.sentence, question.clean), "In the reviews, ")
                    return

    def _cast(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        cast = self.facts_for("cast")
        wanted = [p for p in question.people if p.kind in ("character", "actor")]
        described = self._described_roles(question, cast)
        # "Isabella, the surrogate date": the named one, not every part described as a date.
        named = {p.name for p in wanted}
        described = [r for r in described if named & {r.value, r.character}] or described
        if described:
            draft = Draft(self.knowledge)
            for row in described:
                draft.lines.append(f"{row.value} {_role_phrase(row)} — “{row.quote}” {draft.cite(self._fact_excerpt(row))}.")
            return self._finish(draft, question, voice, "fact", described[0].value)
        lowered = question.clean.lower()
        # "The woman he was married to": understanding already knew her as Catherine, though unnamed.
        described_as = [p for p in wanted if not any(re.search(rf"\b{re.escape(' '.join(a))}\b", lowered) for a in p.aliases)]
        if DESCRIBED_PERSON.search(lowered) and not HERO.search(question.clean) and not described_as:
            # ("the lead, the sad guy with the moustache" is the hero, however described)
            # "Who plays the woman who stands in as Samantha's body?" names Samantha in passing:
            # find who the reviews describe that way, then whoever plays them.
            return self._cast_by_description(question, cast, spoilers, voice, skip, passing=set(wanted))
        if wanted and NOT_THE_CREDITED.search(question.clean.lower()):
            # "Who voiced Samantha on set before Scarlett?": the credit can't say; only a review can.
            return self._from_retrieval(question, spoilers, voice, skip, "plot", cue=None, total=2, margin=0.3)
        if wanted and _describes_someone_else(question, wanted[0]):
            return self._someone_else(question, wanted[0], spoilers, voice, skip)
        described_by = [w for w in _focus(question) if not _relation_word(w)]
        if not wanted and described_by and not CAST_LIST.search(question.clean.lower()):
            # "Who plays the surrogate?": the same, with no one named.
            return self._cast_by_description(question, cast, spoilers, voice, skip)
        # ("Matt Letscher is in the cast: what character?" asks for his part, not the list)
        # ("in the cast list, who plays Paul?" asks for his line)
        part_asked = wanted and re.search(r"\b(what|which|his|her|their) (character|part|role)\b|\bwho (does|did) (he|she) play\b"
                                          r"|\bwho (plays|played|voices|voiced|is)\b(?! (in|else)\b)", lowered)
        others = OTHERS.search(lowered)
        if not wanted or others or (CAST_LIST.search(lowered) and not part_asked):
            return self._cast_list(question, cast, voice, leave_out={_actor_of(p) for p in wanted} if others else set())
        # "Johansson's Samantha": an actor and their character are one cast line.
        wanted = [p for n, p in enumerate(wanted) if not any(p.partner == q.name for q in wanted[:n])]
        draft = Draft(self.knowledge)
        for entity in wanted:
            self._cast_line(draft, entity, cast)
        if not draft.lines:
            return self.not_found(question, voice)
        if len(wanted) == 1:
            self._describe(draft, wanted[0], question, spoilers)
        self._supporting_quote(draft, question, spoilers, skip)
        return self._finish(draft, question, voice, "fact", _actor_of(wanted[0]))

    def _cast_by_description(self, question: Question, cast: list[Fact], spoilers: bool, voice: Voice,
                             skip: frozenset[str], passing: set[Entity] = frozenset()) -> Reply:
        if _names_unknown_thing(question):
            return self.not_found(question, voice)
        named_in_passing = {e.name for p in passing for e in self._aliases(p)}
        characters = {f.character for f in cast if f.character} - named_in_passing
        if passing:
            # Someone described is not the hero, who would have been asked about by name.
            characters = {c for c in characters if not self._is_common(self.names.get(c))}
        candidates = self._retrieve(question, spoilers, skip)[:5 if passing else 3]
        # A description that names no one ("a sympathetic woman to act as her physical avatar")
        # vouches for a close neighbour that does ("that thing with Isabella").
        described = bool(passing) and bool(candidates) and self._relevant(question, candidates[0])
        for candidate in candidates:
            named = self._characters_named(candidate.sentence, characters)
            named.sort(key=self._is_common)  # "Theodore's ex-wife Catherine" describes Catherine
            close = described and candidate.score >= candidates[0].score - 0.5
            if named and (close or self._relevant(question, candidate)):
                draft = Draft(self.knowledge)
                self._cast_line(draft, named[0], cast)
                draft.quote(self._excerpt(candidate.sentence, question.clean), "In the reviews, ")
                return self._finish(draft, question, voice, "fact", _actor_of(named[0]))
        minor = [p for p in passing if p.kind == "character" and not self._is_common(p)]
        if minor:
            # "the woman he goes on the blind date with": the one named is the one described
            return self._cast(replace(question, clean=minor[0].name, people=(minor[0],)), spoilers, voice, skip)
        if passing:
            return self.not_found(question, voice)  # someone the reviews never describe that way
        return self._cast_list(question, cast, voice)

    def _naming_someone_else(self, question: Question, candidates: list[Candidate]) -> list[Candidate]:
        """'Who sets Theodore up on the blind date?' is answered by a sentence naming a third person
        ("encouraged by his old friend Amy"), not the hero or the date asked about."""
        asked = {e.name for p in question.people for e in self._aliases(p)}
        characters = {e.name for e in map(self.names.get, self.names.names())
                      if e.kind == "character" and e.name not in asked and not self._is_common(e)}
        return _shifted(candidates, 0.35, lambda rank, c: rank < 5 and bool(self._characters_named(c.sentence, characters))
                        and self._relevant(question, c))

    def _about_who_was_named(self, question: Question, candidates: list[Candidate]) -> list[Candidate]:
        """'Does Amy get an OS too?' is about Amy: a sentence naming her beats one about OSes in general."""
        asked = [{e.name for e in self._aliases(p)} for p in question.people
                 if p.kind in ("character", "actor") and not self._is_common(p)]
        if not asked:
            return candidates
        return _shifted(candidates, 0.55, lambda rank, c: rank < 30 and all(names & self._named[c.sentence.index] for names in asked))

    def _beyond_the_credit(self, question: Question, candidates: list[Candidate]) -> list[Candidate]:
        """'Was Samantha voiced by someone else at first?': a sentence naming the credited actor
        ("voiced by Scarlett Johansson") is what the asker already knows."""
        credited = {p.partner for p in question.people if p.kind == "character" and p.partner}
        if not credited:
            return candidates
        return _shifted(candidates, -0.35, lambda _rank, c: bool(credited & self._named[c.sentence.index]))

    def _characters_named(self, sentence: Sentence, characters: set[str]) -> list[Entity]:
        """The characters a sentence names, by their own names or their actors' ("Joaquin is on screen alone")."""
        found = {}
        for name in sorted(self._named[sentence.index]):
            entity = self.names.get(name)
            if entity is not None and entity.kind == "actor" and entity.partner in characters:
                entity = self.names.get(entity.partner)
            if entity is not None and entity.name in characters:
                found[entity.name] = entity
        return list(found.values())

    def _describe(self, draft: Draft, entity: Entity, question: Question, spoilers: bool) -> None:
        """Who the character is, in a reviewer's words ("Theodore’s geeky-cool best friend")."""
        mentions = [s for s in self._mentioning(self._aliases(entity), spoilers)
                    if self._source_kind[s.source_id] not in CREDIT_KINDS]
        both = [s for s in mentions if {e.name for e in self._aliases(entity)} <= self._named[s.index]]
        ranked = self._ranked_descriptions(question, entity, both or mentions)
        if ranked and not any(e.sentence == ranked[0].sentence.index for e in draft.cited):
            draft.quote(self._excerpt(ranked[0].sentence, question.clean), "In the reviews, ")

    def _ranked_descriptions(self, question: Question, entity: Entity, pool: Sequence[Sentence]) -> list[Candidate]:
        """Sentences about someone, best first; asked who or what they are, one that says what they
        are ("Sam is the new operating system", "his OS is called Samantha") comes first."""
        ranked = self._rank(question, pool)
        if not re.search(r"\b(who|what)\b", question.clean.lower()):
            return ranked
        defines = _defining(entity)
        return sorted(ranked, key=lambda c: -(c.score + (0.4 if defines.search(c.sentence.text) else 0.0)))

    def _someone_else(self, question: Question, entity: Entity, spoilers: bool, voice: Voice,
                      skip: frozenset[str]) -> Reply:
        """'Theodore's best friend': only a sentence that names the relation can say who that is."""
        role = _role_after(question, entity)
        if question.relation == "cast":
            found = self._cast_of_role(question, entity, role, spoilers, voice, skip)
            if found is not None:
                return found
        return self._from_retrieval(question, spoilers, voice, skip, "plot", cue=None, total=2, margin=0.3, must=role)

    def _cast_of_role(self, question: Question, entity: Entity, role: str, spoilers: bool, voice: Voice,
                      skip: frozenset[str]) -> Reply | None:
        """'Who plays Theodore's ex-wife?': the character a review names in that role, then who plays them."""
        cast = self.facts_for("cast")
        characters = {f.character for f in cast if f.character}
        own = {e.name for e in self._aliases(entity)}
        for candidate in self._retrieve(question, spoilers, skip)[:5]:
            if stem(role) not in self._sentence_stems[candidate.sentence.index]:
                continue
            others = [self.names.get(n) for n in sorted(self._named[candidate.sentence.index] - own) if n in characters]
            if others:
                draft = Draft(self.knowledge)
                self._cast_line(draft, others[0], cast)
                draft.quote(self._excerpt(candidate.sentence, question.clean), "In the reviews, ")
                return self._finish(draft, question, voice, "fact", _actor_of(others[0]))
        return None

    def _described_roles(self, question: Question, cast: list[Fact]) -> list[Fact]:
        """'Who plays the surrogate?': cast lines whose description holds the question's words."""
        focus = [w for w in _focus(question) if not _relation_word(w)]
        if not focus:
            return []
        described = [set(tokens(row.quote)) - set(tokens(row.value)) for row in cast]
        # The reviewers' word for an everyday one ("stand-in": "surrogate") counts when only
        # one part is described by it; "date" describes two.
        lent = [w for w in tokens(" ".join(_lent_words(question)))
                if not _relation_word(w) and sum(w in d for d in described) == 1]
        return [row for row, words_of in zip(cast, described) if any(w in words_of for w in focus + lent)]

    def _cast_line(self, draft: Draft, entity: Entity, cast: list[Fact]) -> None:
        if entity.kind == "character":
            rows = [f for f in cast if f.character == entity.name]
        else:
            rows = [f for f in cast if f.value == entity.name and f.character] or [f for f in cast if f.value == entity.name]
        for row in rows[:1]:
            quotes = self._credit_quotes(draft, rows)
            draft.lines.append(f"{row.value} {_role_phrase(row)} — {quotes}.")

    def _cast_list(self, question: Question, cast: list[Fact], voice: Voice, leave_out: set[str] = frozenset()) -> Reply:
        draft = Draft(self.knowledge)
        # "Which cast names does Time Out list?": that page's own list.
        named = {s for p in question.people if p.kind in ("outlet", "reviewer") for s in p.sources}
        cast = [f for f in cast if f.source_id in named] or cast
        rows = [f for f in cast if f.character and f.value not in leave_out] or cast
        by_source: dict[str, list[Fact]] = {}
        for row in rows:
            by_source.setdefault(row.source_id, []).append(row)
        for source_id, group in by_source.items():
            parts = [f.quote for f in group]
            source = self.knowledge.source(source_id)
            start = source.text.find(parts[0])
            excerpt = Excerpt(source_id, start, start + len(parts[0]), parts[0], " … ".join(parts))
            listed = ", ".join(f"{f.value} ({f.character})" if f.character else f.value for f in group)
            draft.lines.append(f"The cast: {listed} {draft.cite(excerpt)}.")
        return self._finish(draft, question, voice, "fact")

    def _full_name(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        characters = [p for p in question.people if p.kind == "character"] or [
            self.names.partner(p) for p in question.people if p.kind == "actor" and self.names.partner(p)
        ]
        rows = [f for f in self.facts_for("cast") if characters and f.character == characters[0].name]
        if not rows:
            return self._plot(question, spoilers, voice, skip)
        draft = Draft(self.knowledge)
        row = rows[0]
        draft.lines.append(f"The credits list the character as {row.character} {draft.cite(self._fact_excerpt(row))}.")
        character = self.names.get(row.character)
        for sentence in (self._mentioning([character], spoilers) if character else [])[:2]:
            if self._source_kind[sentence.source_id] not in CREDIT_KINDS:
                draft.quote(self._excerpt(sentence, row.character), "In the reviews, ")
        return self._finish(draft, question, voice, "fact", row.value)

    def _person(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        entity = question.people[0]
        if entity.kind in ("reviewer", "outlet"):
            return self._opinion(question, spoilers, voice, skip)
        if re.search(r"\b(have|has|had|got)\b", question.clean.lower()) and _names_unknown_thing(question):
            return self.not_found(question, voice)  # "Does Theodore have any kids?"
        draft = Draft(self.knowledge)
        if entity.kind in ("character", "actor"):
            self._cast_line(draft, entity, self.facts_for("cast"))
        else:
            for fact in [f for f in self.knowledge.facts if f.value == entity.name][:4]:
                excerpt = self._fact_excerpt(fact)
                draft.lines.append(f"{fact.value}: {fact.relation} — “{excerpt.shown}” {draft.cite(excerpt)}.")
        mentions = [s for s in self._mentioning(self._aliases(entity), spoilers)
                    if self._source_kind[s.source_id] not in CREDIT_KINDS and _key_of(s) not in skip]
        for candidate in self._ranked_descriptions(question, entity, mentions)[:1]:
            draft.quote(self._excerpt(candidate.sentence, question.clean), "In the reviews, ")
        if not draft.lines:
            return self.not_found(question, voice)
        return self._finish(draft, question, voice, "person", _actor_of(entity))

    # -- ratings ---------------------------------------------------------------------

    def _rating(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        rated = [f for f in self.knowledge.facts if f.relation in RATING_RELATIONS]
        named = {s for p in question.people if p.kind in ("reviewer", "outlet") for s in p.sources}
        if named:
            rated = [f for f in rated if f.source_id in named]
            if not rated:
                return self._opinion(question, spoilers, voice, skip)
        if not rated:
            return self.not_found(question, voice)
        wanted = {NUMBER_WORDS.get(w, w) for w in words(question.clean)}
        overlap = {id(f): len(wanted & set(words(f.value + " " + f.relation))) for f in rated}
        best = max(overlap.values())
        breakdown = [f for f in rated if f.relation == "user rating breakdown"]
        # "How many gave it 5 stars?" asks the breakdown; "the average, to one decimal place" does not.
        by_stars = re.search(r"\bstars?\b|\bbreakdown\b|\bspread\b|\bhow many\b", question.clean.lower())
        if best > 0 and by_stars and any(overlap[id(f)] == best for f in breakdown):
            rated = [f for f in rated if overlap[id(f)] == best]
        else:
            rated = [f for f in rated if f.relation != "user rating breakdown"]
        draft = Draft(self.knowledge)
        shared = {f.quote for f in rated if sum(g.quote == f.quote for g in rated) > 1}
        for fact in rated:
            label = self.knowledge.source(fact.source_id).label
            what = {"user rating": "average user rating", "user rating breakdown": "users' stars"}.get(fact.relation, fact.relation)
            excerpt = self._headed_excerpt(fact) if fact.quote in shared else self._fact_excerpt(fact)
            draft.lines.append(f"{label}: {what} {fact.value} {draft.cite(excerpt)}")
        return self._finish(draft, question, voice, "rating")

    # -- opinions --------------------------------------------------------------------

    def _opinion(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        voices = [p for p in question.people if p.kind in ("reviewer", "outlet")]
        subjects = [p for p in question.people if p.kind not in ("reviewer", "outlet")]
        if voices:
            return self._opinion_of(voices, question, spoilers, voice, skip)
        if subjects:
            return self._opinion_about(subjects[0], question, spoilers, voice, skip)
        return self._opinion_general(question, spoilers, voice, skip)

    def _opinion_of(self, voices: list[Entity], question: Question, spoilers: bool, voice: Voice,
                    skip: frozenset[str]) -> Reply:
        # "A Time Out reader called kp" is kp: a named reviewer narrows their outlet.
        named = {s for v in voices if v.kind == "reviewer" for s in v.sources}
        voices = [v for v in voices if v.kind == "reviewer" or not set(v.sources) & named]
        sources = list(dict.fromkeys(s for v in voices for s in self._voice_sources(v, question.audience)))
        # The mark itself is given once, after the quotes, not quoted as an opinion.
        pool = [s for s in self.knowledge.sentences if s.source_id in sources and (spoilers or not s.spoiler)
                and s.text.strip() not in self._marks]
        subjects = [p for p in question.people if p.kind not in ("reviewer", "outlet")]
        silent = self._silent_on(pool, subjects)
        if subjects and all(w in WORK_STEMS or w in DESCRIBING for w in _focus(question)):
            # "What did Time Out make of Phoenix?", "Nick James on Scarlett's voice work": answered
            # where that review names them, as the actor if it does, else as the character.
            actor = {_actor_of(subjects[0])}
            both = {e.name for e in self._aliases(subjects[0])}
            pool = ([s for s in pool if actor & self._named_here(s)]
                    or [s for s in pool if both & self._named_here(s)] or pool)
        checks = self._topic_checks(question)
        if checks:
            # "Did Hunter think Phoenix deserved a nomination?": where that review speaks of one.
            pool = [s for s in pool if all(e.search(s.text) for e in checks)] or pool
        # "Who did Hunter watch it with?" has no topic word, but the reviewers' words for it ("saw") are one.
        topical = bool(_focus(question) or _lent_words(question))
        focused = topical or bool(subjects)
        if topical:
            # "Which short film does Sight and Sound mention?" asks about a topic in that review.
            ranked = self._rank(question, pool, evaluative=0.5)
        elif subjects:
            ranked = self._rank(question, pool, evaluative=1.0)
        else:
            ranked = self._rank(question, pool, evaluative=1.0, opening=0.35)
        fresh = [c for c in ranked if _key(c) not in skip]
        wanted = {"negative": -1, "positive": 1}.get(question.sentiment)
        if wanted:
            # "Did the blogger have any criticisms?" asks for the complaints only.
            leaning = [c for c in fresh if np.sign(self._polarity[c.sentence.index]) == wanted]
            fresh = leaning or fresh
            focused = focused or bool(leaning)
        if not focused and len(sources) == 1:
            # A review's opening line is usually its verdict ("stunning movie."): lead with it.
            opening = [c for c in fresh if c.sentence.index in self._first_of_source]
            fresh = opening + [c for c in fresh if c not in opening]
        per_source = 3 if len(sources) <= 2 else 1
        chosen = _spread(fresh, per_source=per_source, total=3)
        if not chosen:
            return self.not_found(question, voice) if not ranked else self._nothing_more(question, voice)
        draft = Draft(self.knowledge)
        if silent:
            # "What did Hunter think of Chris Pratt?": he never names him, and the quotes must not seem to.
            draft.lines.append(f"{voices[0].name} doesn't mention {subjects[0].name}; here's what they thought overall.")
        for candidate in sorted(chosen, key=lambda c: c.sentence.index):
            draft.quote(self._excerpt(candidate.sentence, question.clean, judging=True))
            self._quote_list(draft, candidate.sentence, question, spoilers)
        for source_id in sources:
            self._add_rating(draft, source_id)
        subject = voices[0].name if voices[0].kind == "reviewer" else self._author_name(sources[0])
        return self._finish(draft, question, voice, "opinion", subject)

    def _quote_list(self, draft: Draft, sentence: Sentence, question: Question, spoilers: bool) -> None:
        """'There are four Hers.' is answered by the sentences that go on to name them."""
        for item in self._listed_after(sentence, spoilers):
            if not any(e.sentence == item.index for e in draft.cited):
                draft.quote(self._excerpt(item, question.clean))

    def _listed_after(self, sentence: Sentence, spoilers: bool) -> list[Sentence]:
        """The sentences that go through what ``sentence`` counts ("There are four Hers. First is…"),
        up to the first spoiler when spoilers are off."""
        if not ANNOUNCES_A_LIST.search(sentence.text):
            return []
        listed = []
        for following in self.knowledge.sentences[sentence.index + 1:sentence.index + 5]:
            if following.source_id != sentence.source_id or not LIST_ITEM.match(following.text) \
                    or (following.spoiler and not spoilers):
                break
            listed.append(following)
        return listed

    def _silent_on(self, pool: list[Sentence], subjects: list[Entity]) -> bool:
        """Whether a review never names the person asked about, by either of their names.
        (A topic can't be told missing so surely: "costumes" may be "dressed smart-casual".)"""
        names = {e.name for p in subjects for e in self._aliases(p)}
        return bool(pool and names) and not any(names & self._named_here(s) for s in pool)

    def source_of_claim(self, claim: Question) -> str:
        """The source that says what ``claim`` describes ("phoenix wears dad trousers"), or "" when no
        sentence says it clearly enough to tell which review is meant."""
        if len(_focus(claim)) < 2:
            return ""
        coverage = self._coverage(claim)
        candidates = [c for c in self._retrieve(claim, True, frozenset())[:8]
                      if self._source_kind[c.sentence.source_id] not in CREDIT_KINDS]
        best = max(candidates, key=lambda c: (coverage[c.sentence.index], c.score), default=None)
        return best.sentence.source_id if best is not None and coverage[best.sentence.index] >= 0.5 else ""

    def voice_of(self, source_id: str) -> Entity | None:
        """The reviewer or outlet that speaks for a source: "kp" for kp's review, "Time Out" for its critic."""
        voices = sorted((e for e in self.names.entities if e.kind in ("reviewer", "outlet") and source_id in e.sources),
                        key=lambda e: (e.kind != "reviewer", len(e.sources)))
        return next((e for e in voices if source_id in self._voice_sources(e)), None)

    def _voice_sources(self, entity: Entity, audience: str = "") -> list[str]:
        """The sources that speak for a reviewer or an outlet; with audience "reader", the
        readers and commenters of that outlet ("the Time Out readers", "people commenting
        on Hunter's review")."""
        sources = list(entity.sources)
        own_readers = all(self._source_kind[s] in READER_KINDS for s in sources)
        if audience == "reader" and not own_readers:  # "the reader kp" is kp, not every reader
            outlets = {self.knowledge.source(s).outlet for s in sources} - {""}
            readers = [s.id for s in self.knowledge.sources if s.outlet in outlets and s.kind in READER_KINDS]
            if readers:
                return readers
        if entity.kind == "reviewer":
            return sources
        main = [s for s in sources if self._source_kind[s] in CRITIC_KINDS]
        return main or [s for s in sources if self._source_kind[s] not in CREDIT_KINDS] or sources

    def _speaker(self, source_id: str) -> str:
        """Who "it" or "she" means after a quote: its author, or the outlet of an unsigned review."""
        voice = self.voice_of(source_id)
        return self._author_name(source_id) or (voice.name if voice is not None else "")

    def _author_name(self, source_id: str) -> str:
        author = self.knowledge.source(source_id).author
        return author if author and self.names.get(author) else ""

    def _add_rating(self, draft: Draft, source_id: str) -> None:
        for fact in self.knowledge.facts:
            if fact.source_id == source_id and fact.relation in ("rating", "user rating"):
                label = self.knowledge.source(source_id).label
                draft.lines.append(f"{label} gave it {fact.value} {draft.cite(self._fact_excerpt(fact))}.")
                return

    def _opinion_about(self, entity: Entity, question: Question, spoilers: bool, voice: Voice,
                       skip: frozenset[str]) -> Reply:
        focus = _focus(question)
        # "Is Phoenix good in it, or is it one of his weird ones?", "can she carry it with only her voice?":
        # a judgement of their work, not a remark about them.
        if focus and not all(w in POSITIVE or w in NEGATIVE or w in WORK_STEMS for w in focus):
            # "Someone said Phoenix looks like Magnum PI": about a remark, wherever it is.
            return self._from_retrieval(question, spoilers, voice, skip, "opinion", cue=None, total=2, margin=0.1,
                                        judged=True)
        pool = [s for s in self._mentioning(self._aliases(entity), spoilers)
                if self._source_kind[s.source_id] not in CREDIT_KINDS]
        pool = self._audience(pool, question.audience)
        ranked = [c for c in self._rank(question, pool, evaluative=1.0) if _key(c) not in skip]
        # An opinion of an actor's work names the actor; a sentence naming only the
        # character is more likely about the story.
        actor = self.names.get(_actor_of(entity))
        if actor is not None:
            naming = [c for c in ranked if actor.name in self._named[c.sentence.index]]
            about_acting = re.search(r"\b(act\w*|performance|portray\w*|plays?|played)\b", question.clean.lower())
            if sum(1 for c in naming if self._polarity[c.sentence.index] != 0) >= (1 if about_acting else 2):
                ranked = naming
        evaluative = [c for c in ranked if self._polarity[c.sentence.index] != 0]
        chosen = _spread(evaluative if len(evaluative) >= 2 else ranked, per_source=1, total=3)
        if not chosen:
            return self.not_found(question, voice) if not pool else self._nothing_more(question, voice)
        draft = Draft(self.knowledge)
        for candidate in chosen:
            draft.quote(self._excerpt(candidate.sentence, question.clean, judging=True))
            self._quote_list(draft, candidate.sentence, question, spoilers)
        return self._finish(draft, question, voice, "opinion", _actor_of(entity))

    def _opinion_general(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        candidates = [c for c in self._retrieve(question, spoilers, skip)
                      if self._source_kind[c.sentence.source_id] not in CREDIT_KINDS]
        focus = _focus(question)
        if focus:
            # "What did the critics think of the music?" is about the music first: narrow to
            # who was asked for only among the sentences that talk about it.
            covered = self._coverage(question)  # the reviewers' words count: "too long" is "overlong"
            on_topic = [c for c in candidates if covered[c.sentence.index] > 0]
            judged = [c for c in on_topic if self._polarity[c.sentence.index] != 0]
            if not on_topic and (question.audience or question.sentiment):
                focus = []  # "the blog guy who gave it full marks": who, not what
            candidates = judged or on_topic or candidates
        candidates = self._audience(candidates, question.audience, key=lambda c: c.sentence)
        if not candidates or (focus and not self._relevant(question, candidates[0], loose=True)):
            return self.not_found(question, voice)
        if focus:
            ranked = self._rank(question, [c.sentence for c in candidates[:15]], evaluative=1.0)
        else:
            pool = [s for s in self.knowledge.sentences if self._source_kind[s.source_id] not in CREDIT_KINDS
                    and (spoilers or not s.spoiler) and _key_of(s) not in skip]
            ranked = self._rank(question, self._audience(pool, question.audience), evaluative=2.0)
        positive = [c for c in ranked if self._polarity[c.sentence.index] > 0]
        negative = [c for c in ranked if self._polarity[c.sentence.index] < 0]
        draft = Draft(self.knowledge)
        if question.sentiment != "negative" and positive:
            lead = "Praise — " if question.sentiment != "positive" and negative else ""
            for candidate in _spread(positive, per_source=1, total=2 if question.sentiment == "" else 3):
                draft.quote(self._excerpt(candidate.sentence, question.clean, judging=True), lead)
                self._quote_list(draft, candidate.sentence, question, spoilers)
        if question.sentiment != "positive" and negative:
            lead = "Complaints — " if question.sentiment != "negative" and positive else ""
            for candidate in _spread(negative, per_source=1, total=2 if question.sentiment == "" else 3):
                draft.quote(self._excerpt(candidate.sentence, question.clean, judging=True), lead)
                self._quote_list(draft, candidate.sentence, question, spoilers)
        if not draft.lines:
            for candidate in _spread(ranked, per_source=1, total=3):
                draft.quote(self._excerpt(candidate.sentence, question.clean, judging=True))
                self._quote_list(draft, candidate.sentence, question, spoilers)
        if not draft.lines:
            return self.not_found(question, voice)
        return self._finish(draft, question, voice, "opinion")

    # -- who wrote which review --------------------------------------------------------

    def _review_end(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        """How a review signs off: its last sentences, quoted."""
        voices = [p for p in question.people if p.kind in ("reviewer", "outlet")]
        reviews = CRITIC_KINDS | {"reader review"}
        if voices:
            sources = self._voice_sources(voices[0], question.audience)
            sources = [s for s in sources if self._source_kind[s] in reviews][:1] or sources[:1]
        else:  # "the blog review": each review of that kind
            kinds = {"blog": BLOG_KINDS, "critic": CRITIC_KINDS}.get(question.audience, reviews)
            sources = [s.id for s in self.knowledge.sources if s.kind in kinds]
        last = [s for source_id in sources
                for s in [t for t in self.knowledge.sentences if t.source_id == source_id and _key_of(t) not in skip
                          and t.text.strip() not in self._marks][-2 if len(sources) == 1 else -1:]]
        if not last:
            return self._nothing_more(question, voice)
        if not spoilers and any(s.spoiler for s in last):
            return self.spoiler_reply(question, voice)
        draft = Draft(self.knowledge)
        for sentence in last:
            draft.quote(self._excerpt(sentence, question.clean))
        return self._finish(draft, question, voice, "opinion", self._author_name(sources[0]))

    def _author(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        draft = Draft(self.knowledge)
        subject = ""
        surname_asked = re.search(r"\b(surname|last name|family name|full name)\b", question.clean.lower())
        for entity in [p for p in question.people if p.kind in ("reviewer", "outlet")]:
            sources = self._voice_sources(entity)
            if re.search(r"\breview\b", question.clean.lower()):
                # "Who wrote the 4-star review?": the review, not the blogger's replies under it.
                sources = [s for s in sources if self._source_kind[s] != "comment"] or sources
            for source_id in sources:
                source = self.knowledge.source(source_id)
                own = [s for s in self.knowledge.sentences if s.source_id == source_id]
                # A byline with its date ("Nick James, Sight and Sound, January 2014") says both.
                dated = next((s for s in own if source.date and source.date in s.text), None)
                byline = dated or next((s for s in own if source.author and source.author in s.text), None)
                first = own[0]
                if not source.author and not dated:
                    continue  # no byline and no date: the page does not say, and neither will she
                if surname_asked and len(source.author.split()) < 2:
                    continue  # "what's his surname?" of a review signed "Hunter": the page does not say
                who = source.author or "no one by name: the page gives no byline"
                when = f", dated {source.date}" if dated else ""
                draft.lines.append(f"{source.label} is by {who}{when}.")
                draft.quote(self._excerpt(byline or first, question.clean))
                subject = subject or self._author_name(source_id)
        if not draft.lines:
            return self.not_found(question, voice)
        return self._finish(draft, question, voice, "who_said", subject)

    # -- retrieval-led replies ---------------------------------------------------------

    def _who_said(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        if not _focus(question) and question.sentiment:
            return self._opinion_general(question, spoilers, voice, skip)
        judged = JUDGING.search(question.clean.lower()) is not None
        return self._from_retrieval(question, spoilers, voice, skip, "who_said", cue=None, total=3, margin=0.12,
                                    judged=judged)

    def _compare(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        return self._from_retrieval(question, spoilers, voice, skip, "compare", cue=COMPARE_CUE, total=3, margin=0.8)

    def _recommend(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        return self._from_retrieval(question, spoilers, voice, skip, "recommend", cue=RECOMMEND_CUE, total=2, margin=0.4)

    def _filmography(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        # "Which of his shorts...": only a sentence about a short film will do.
        cue = SHORT_FILM_CUE if re.search(r"\bshorts?\b", question.clean.lower()) else TITLE_CUE
        # Only a sentence about that person can list their other work ("Amy Adams" has none in the reviews).
        makers = {p.name for p in question.people if p.kind in ("actor", "crew")}
        return self._from_retrieval(question, spoilers, voice, skip, "compare", cue=cue, total=3, margin=0.6,
                                    naming=frozenset(makers))

    def _premise(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        """What the film is about: the reviewers' own one-line summaries, from their opening paragraphs."""
        reviews = CRITIC_KINDS | {"reader review"}
        # However it was asked ("give me the gist"), it is the same question.
        canonical = replace(question, clean="What is the film about?", corrected="")
        candidates = [c for c in self._retrieve(canonical, spoilers, skip)
                      if c.sentence.paragraph == 0 and self._source_kind[c.sentence.source_id] in reviews]
        summaries = [c for c in candidates if PREMISE_CUE.search(c.sentence.text)]
        chosen = _spread(summaries or candidates, per_source=1, total=2)
        if not chosen:
            return self._plot(question, spoilers, voice, skip)
        draft = Draft(self.knowledge)
        for candidate in chosen:
            draft.quote(self._excerpt(candidate.sentence, question.clean, context=True))
        return self._finish(draft, question, voice, "plot")

    def _plot(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str]) -> Reply:
        return self._from_retrieval(question, spoilers, voice, skip, "plot", cue=None, total=3, margin=0.08)

    def _from_retrieval(self, question: Question, spoilers: bool, voice: Voice, skip: frozenset[str], intent: str,
                        cue: re.Pattern | None, total: int, margin: float, judged: bool = False,
                        must: str = "", naming: frozenset[str] = frozenset()) -> Reply:
        shape_only = not _focus(question) and any(q.search(_shape_text(question)) for q, _ in ANSWER_TYPES)
        voices = [p for p in question.people if p.kind in ("reviewer", "outlet")] if intent != "who_said" else []
        # With no topic words ("what year is it set in?") the shape is all there is to go on, and
        # "what does Time Out compare it to?" has only that review to go on: look everywhere.
        everywhere = shape_only or voices or naming or (question.about_ending and spoilers) or WHEN_SET.search(_shape_text(question))
        candidates = self._retrieve(question, True, skip, limit=len(self.knowledge.sentences) if everywhere else 60)
        if voices:
            sources = {s for v in voices for s in self._voice_sources(v, question.audience)}
            candidates = [c for c in candidates if c.sentence.source_id in sources]
        elif intent == "compare":
            # "Why did reviewers compare it to Lost in Translation?": whoever names that film;
            # "which role did the blog contrast him with?": that kind of review, if it has one.
            candidates = _naming_title(question, candidates) or self._audience(candidates, question.audience, key=lambda c: c.sentence)
        if naming:
            # A film of theirs is named in a sentence about them.
            candidates = [c for c in candidates if naming & self._named_here(c.sentence)
                          and (cue is None or cue.search(c.sentence.text))]
        if must:
            # Only a sentence that names the relation ("partner") can say who it is; "dad-slacks" names no dad.
            candidates = [c for c in candidates if _names_role(c.sentence.text, must)]
        if judged:
            # "Did anybody think it was too long?" is answered by a judgement, not a mention.
            candidates = sorted(
                (replace(c, score=c.score + 0.2 * min(abs(float(self._polarity[c.sentence.index])), 2)) for c in candidates),
                key=lambda c: -c.score,
            )
        if self._topic_checks(question):
            candidates = [c for c in self._topic_evidence(question) if _key(c) not in skip]
        if cue is not None:
            candidates = _boost(candidates, cue, 0.5)
        if intent == "plot" and re.match(r"^\W*(why|how come)\b", question.clean.lower()):
            # "Why is he so lonely at the start?": the sentence that gives a cause ("after his marriage falls apart")
            candidates = _shifted(candidates, 0.25, lambda rank, c: rank < 8 and bool(CAUSE.search(c.sentence.text))
                                  and self._relevant(question, c))
        # "Who…?", or a long preamble and then "…; who was she?"
        asks_who = intent == "plot" and bool(re.search(r"(^|[;,.?!]\s*)(who|whom|which (actress|actor|person|woman|man))\b",
                                                      question.clean.lower()))
        # "Who is she supposed to be?" asks who the one described is, not for someone else.
        if asks_who and not re.search(r"\bwho(?: is|'s) (she|he|that|this|it)\b", question.clean.lower()):
            candidates = self._naming_someone_else(question, candidates)
        if intent == "plot" and NOT_THE_CREDITED.search(question.clean.lower()):
            candidates = self._beyond_the_credit(question, candidates)
        used_shape = None
        minor = {e.name for p in question.people if p.kind not in ("reviewer", "outlet") and not self._is_common(p)
                 for e in self._aliases(p)}
        if intent == "plot" and not asks_who:
            candidates = self._about_who_was_named(question, candidates)
        shape_asked = False
        for asked, answer_shape in ANSWER_TYPES:
            if asked.search(_shape_text(question)):
                shape_asked = True
                # "Where", "when", "what job": only a sentence of that shape can answer.
                # An ending asked about with spoilers on may lie deep: the spoilers hold it.
                depth = len(candidates) if shape_only or (question.about_ending and spoilers) or asked is WHEN_SET else 30
                shaped = [c for c in candidates[:depth] if answer_shape.search(c.sentence.text)]
                if minor:
                    # "What does Catherine do for a living?": a job, and hers.
                    # A job is said of whoever was named just before it; a line of speech may follow "she".
                    shaped = [c for c in shaped if minor & self._named_here(c.sentence)
                              and (answer_shape is not JOB_SHAPE or self._job_belongs(c.sentence, minor))]
                if shaped:
                    candidates = _boost(shaped, answer_shape, WEIGHTS["shape"])
                    used_shape = answer_shape
                    break  # the most specific shape asked for, not every one
        if shape_asked and minor and used_shape is None and not skip:
            return self.not_found(question, voice)  # no review says what Catherine does for a living
        if question.about_ending:
            if not spoilers and any(s.spoiler for s in self.knowledge.sentences):
                return self.spoiler_reply(question, voice)
            candidates = _boost(_boost(candidates, None, 0.5), SPEAKS_OF_THE_END, 0.2)
            margin = max(margin, 1.0)
        if not candidates:
            return self._nothing_more(question, voice) if skip else self.not_found(question, voice)
        ending = question.about_ending and spoilers
        # "What does Nick James compare it to?": a comparison in his review is the answer, however worded.
        vouched = bool(voices) and cue is not None and bool(cue.search(candidates[0].sentence.text))
        if not skip and not ending and not vouched and not self._relevant(question, candidates[0], loose=cue is not None):
            # ("what does he do at night, in his free time, when he's alone?": the runner-up says it outright)
            close = [c for c in candidates[1:3] if c.score >= candidates[0].score - 0.35 and c.dense > candidates[0].dense + 0.1
                     and self._relevant(question, c, loose=cue is not None)]
            if not close:
                return self.not_found(question, voice)
            candidates = close[:1] + [c for c in candidates if c is not close[0]]
        if not spoilers:
            allowed = [c for c in candidates if not c.sentence.spoiler]
            spoiled = candidates[0].sentence.spoiler or (question.about_ending and _any_spoiler(candidates[:3]))
            if spoiled and (question.about_ending or not allowed or not self._relevant(question, allowed[0], cue is not None)):
                return self.spoiler_reply(question, voice)
            withheld = any(c.sentence.spoiler and c.score >= candidates[0].score - margin for c in candidates[:3])
            candidates = allowed
        else:
            withheld = False
        if not candidates:
            return self.spoiler_reply(question, voice)
        top = candidates[0].score
        close = [c for c in candidates if c.score >= top - margin]
        cued = [c for c in candidates if cue is not None and cue.search(c.sentence.text)]
        if ending:
            # Spoiler marks are exactly the sentences about how it ends.
            cued = [c for c in candidates if c.sentence.spoiler] or cued
        if cued:
            # A comparison question is answered by sentences that compare, however well others match.
            close = [c for c in cued if c.score >= cued[0].score - margin]
        per_source = total if voices else 2 if intent == "plot" and not ending else 1
        chosen = _spread(close, per_source=per_source, total=total)
        draft = Draft(self.knowledge)
        # A long sentence is cut around the question's words, and the reviewers' words for them.
        lent = " ".join(_lent_words(question))
        for candidate in chosen:
            # ...and around what makes it an answer: "letter writer" to "what does he do for work?"
            shape = " ".join(m.group(0) for m in used_shape.finditer(candidate.sentence.text)) if used_shape else ""
            # "Who performed her on set?" answered by "her voice was replaced…" needs the sentence naming her.
            lead_in = asks_who and bool(re.search(r"\b(her|his|she|he|they|their)\b", candidate.sentence.text, re.I))
            excerpt = self._excerpt(candidate.sentence, f"{question.clean} {lent} {shape}", context=True, lead_in=lead_in)
            if not any(e.source_id == excerpt.source_id and e.start < excerpt.end and excerpt.start < e.end
                       for e in draft.cited):
                draft.quote(excerpt)
            self._quote_list(draft, candidate.sentence, question, spoilers)
        subject = self._speaker(chosen[0].sentence.source_id) if intent == "who_said" else ""
        if must or any(_role_after(question, p) for p in question.people):
            # "Theodore's best friend" is Amy: whom the answer names is who "her" means next.
            others = [n for n in sorted(self._named[chosen[0].sentence.index])
                      if self.names.get(n).kind in ("character", "actor") and not self._is_common(self.names.get(n))]
            subject = others[0] if others else subject
        return self._finish(draft, question, voice, intent, subject, withheld=withheld)

    # -- reasons for the last answer ----------------------------------------------------

    def detail_in(self, cited: Sequence[Sentence], question: Question, spoilers: bool, voice: Voice) -> Reply | None:
        """'Which parts of that city?' after a quote that names them: the quoted sentence again, when
        it has the kind of answer asked for."""
        asked = _shape_text(question)
        for sentence in cited:
            if (spoilers or not sentence.spoiler) and self._source_kind[sentence.source_id] not in CREDIT_KINDS and any(
                    q.search(asked) and shape.search(sentence.text) for q, shape in ANSWER_TYPES):
                draft = Draft(self.knowledge)
                draft.quote(self._excerpt(sentence, question.clean))
                return self._finish(draft, question, voice, "plot")
        return None

    def reason_near(self, cited: Sequence[Sentence], question: Question, rival: Sequence[Sentence], spoilers: bool,
                    voice: Voice) -> Reply | None:
        """'Why that one?' after a quote: reviewers give their reasons beside a claim, so the answer is
        looked for in the quoted sentences and the ones around them, unless the ``rival`` sentences,
        found in all the reviews, hold more of what the question asks about."""
        # A credit line or a mark out of ten gives no reasons around it.
        cited = [s for s in cited if self._source_kind[s.source_id] not in CREDIT_KINDS and s.text.strip() not in self._marks]
        cited = self._claims_asked_about(cited, _focus(question))
        around = self._around(cited, spoilers)
        # "Why did they think it didn't work?": the words of the quote are the claim; the rest asks for the reason.
        claim = set().union(*(self._sentence_stems[s.index] for s in cited)) if cited else set()
        focus = [f for f in _focus(question) if f not in claim]
        coverage = self._coverage(question, focus)
        # A quote already shown answers again only when it holds what the question asks about.
        pool = list(around) + [s for s in cited if focus and coverage[s.index] > 0 and (spoilers or not s.spoiler)]
        if not pool:
            return None
        place = {1: 0.3, 2: 0.1, -1: 0.15, THREAD: 0.05}
        # Ranked by the words left once the claim is set aside, not by the claim they all share;
        # a bare "why that one?" has no words left, and its meaning is noise.
        closeness = 0.3 if focus else 0.0
        scored = [(coverage[c.sentence.index] + closeness * c.dense + (0.5 if REASONING.search(c.sentence.text) else 0.0)
                   + place.get(around.get(c.sentence), 0.0), c) for c in self._rank(question, pool)]
        best = max(scored, key=lambda pair: pair[0])[1]
        if focus and self._reason_weight(best.sentence, coverage) <= max((self._reason_weight(s, coverage) for s in rival), default=0.0):
            return None  # the reason asked about is not here, or better found elsewhere
        draft = Draft(self.knowledge)
        draft.quote(self._excerpt(best.sentence, question.clean, context=True))
        return self._finish(draft, question, voice, "plot")

    def _claims_asked_about(self, cited: Sequence[Sentence], focus: list[str]) -> list[Sentence]:
        """'Why Close Encounters?' after three comparisons: the quote that names it."""
        overlap = {s: len(set(focus) & self._sentence_stems[s.index]) for s in cited}
        most = max(overlap.values(), default=0)
        return [s for s in cited if overlap[s] == most] if most else list(cited)

    @staticmethod
    def _reason_weight(sentence: Sentence, coverage: np.ndarray) -> float:
        return float(coverage[sentence.index]) + (0.25 if REASONING.search(sentence.text) else 0.0)

    def _around(self, cited: Sequence[Sentence], spoilers: bool) -> dict[Sentence, int]:
        """The sentences just after and just before each quoted one in its review, and the rest of
        its comment thread, with how far away they are."""
        sentences = self.knowledge.sentences
        quoted = {s.index for s in cited}
        around: dict[Sentence, int] = {}
        for sentence in cited:
            for step in (1, 2, -1):
                i = sentence.index + step
                if 0 <= i < len(sentences) and sentences[i].source_id == sentence.source_id:
                    # Next to one quoted sentence and two after another is next to it.
                    around[sentences[i]] = min(around.get(sentences[i], step), step, key=lambda d: (abs(d), -d))
            thread = set(self.knowledge.thread(sentence.source_id)) - {sentence.source_id}
            for other in sentences:
                if other.source_id in thread:
                    around.setdefault(other, THREAD)
        return {s: step for s, step in around.items() if s.index not in quoted and (spoilers or not s.spoiler)}

    # -- retrieval helpers -------------------------------------------------------------

    def _retrieve(self, question: Question, spoilers: bool, skip: frozenset[str], limit: int = 60) -> list[Candidate]:
        query = question.search_text
        lexical_query = self._lexical_query(question)
        vector = self._query_vector(question)
        hits = self.retriever.search(query, k=12, query_vector=vector, lexical_query=lexical_query)
        lexical, dense_scores = self.retriever.sentence_scores(lexical_query, vector)
        top_lexical = float(lexical.max()) if lexical.size and lexical.max() > 0 else 1.0
        passage_bonus = np.zeros(len(lexical), dtype=np.float32)
        if hits:
            best = hits[0].score
            for hit in hits:
                for index in self.retriever.passages[hit.index].sentences:
                    passage_bonus[index] = max(passage_bonus[index], hit.score / best)
        scores = WEIGHTS["lexical"] * lexical / top_lexical + dense_scores + WEIGHTS["passage"] * passage_bonus
        scores = scores + self._name_bonus(question) + self._phrase_bonus(query) - self._shortness
        scores = scores + WEIGHTS["focus"] * self._coverage(question)
        order = np.argsort(-scores, kind="stable")[:limit]
        out = []
        for index in order:
            sentence = self.knowledge.sentences[int(index)]
            if self._source_kind[sentence.source_id] in CREDIT_KINDS and len(sentence.text.split()) < 10:
                continue  # a credit line; a listing's synopsis is prose and may answer
            if (not spoilers and sentence.spoiler) or _key_of(sentence) in skip:
                continue
            out.append(Candidate(sentence, float(scores[index]), float(lexical[index]), float(dense_scores[index])))
        return out

    def _query_vector(self, question: Question) -> np.ndarray | None:
        """The question's embedding, with the hero's name damped: it is in half the reviews and
        otherwise pulls every sentence that names him above the one that answers."""
        vector = self.retriever.encode_query(question.search_text)
        common = [p for p in question.people if self._is_common(p)]
        if vector is None or not common:
            return vector
        denamed = question.search_text
        for entity in common:
            for alias in sorted((a for e in self._aliases(entity) for a in e.aliases), key=len, reverse=True):
                denamed = re.sub(rf"\b{re.escape(' '.join(alias))}(['’]s)?\b", " ", denamed, flags=re.I)
        if not words(denamed):
            return vector
        blended = vector + self.retriever.encode_query(denamed)
        return blended / np.linalg.norm(blended)

    def _lexical_query(self, question: Question) -> str:
        """The words keyword search should weigh: not "film", and not the hero's name."""
        common = {w for p in question.people if self._is_common(p) for e in self._aliases(p) for a in e.aliases for w in a}
        # Who said it chooses the sources; their names are not words to look for.
        common |= {w for p in question.people if p.kind in ("reviewer", "outlet") for a in p.aliases for w in a}
        if question.about_ending:
            # "In the end" asks about the ending; it is not a word the answer must contain.
            common |= ENDING_WORDS
        if any(asked.search(_shape_text(question)) for asked, _ in ANSWER_TYPES):
            common |= SHAPE_WORDS  # the kind of answer asked for, not words the answer holds
        if question.relation == "cast":
            # "the actress who plays the girl…": the description is what to look for
            common |= CAST_FRAME_WORDS
        kept = [w for w in words(_topic_text(question)) if stem(w) not in GENERIC and w.split("'")[0] not in common]
        kept += _lent_words(question)
        return " ".join(w for w in kept if w not in FILLER and w not in STOPWORDS)

    def _is_common(self, entity: Entity) -> bool:
        """Named in more than 8% of sentences (the hero): filled in lazily, a name at a time."""
        if entity.name not in self._common_cache:
            share = len(self._mentioning(self._aliases(entity), True)) / max(1, len(self.knowledge.sentences))
            self._common_cache[entity.name] = share > 0.08
        return self._common_cache[entity.name]

    def _coverage(self, question: Question, focus: list[str] | None = None) -> np.ndarray:
        """The share of the question's topic words (or of ``focus``) that each sentence holds."""
        focus = _focus(question) if focus is None else focus
        coverage = np.zeros(len(self.knowledge.sentences), dtype=np.float32)
        if not focus:
            return coverage
        # Rare words count for more: "dating" says more about a sentence than "try".
        weights = {f: self._idf.get(f, self._max_idf) for f in focus}
        total = sum(weights.values())
        alternatives, extra = _everyday_alternatives(question, focus)
        groups = [(weights[f], {f} | alternatives[f]) for f in focus]
        # "The only guy": a phrase of frame words still says what to look for ("others", "everyone").
        groups += [(total / len(focus), lent) for lent in extra]
        total = sum(weight for weight, _ in groups)
        for index, stems in enumerate(self._sentence_stems):
            coverage[index] = sum(weight for weight, wanted in groups if wanted & stems) / total
        return coverage

    def _phrase_bonus(self, query: str) -> np.ndarray:
        """Sentences that share a two-word phrase with the question ("free time", "named after")."""
        bonus = np.zeros(len(self.knowledge.sentences), dtype=np.float32)
        found = words(query)
        pairs = {(a, b) for a, b in zip(found, found[1:]) if not (a in STOPWORDS and b in STOPWORDS)}
        pairs = {p for p in pairs if stem(p[0]) not in ASKING or stem(p[1]) not in ASKING}
        if not pairs:
            return bonus
        for index, sentence_words in enumerate(self._sentence_word_lists):
            shared = pairs & set(zip(sentence_words, sentence_words[1:]))
            # A phrase in one or two sentences ("computer dating") points at them; a common one less so.
            bonus[index] = sum(0.3 if self._pair_counts.get(p, 0) <= 2 else 0.12 for p in shared)
        return bonus

    def _name_bonus(self, question: Question) -> np.ndarray:
        bonus = np.zeros(len(self.knowledge.sentences), dtype=np.float32)
        for entity in question.people:
            if entity.kind in ("reviewer", "outlet"):
                continue
            mentions = self._mentioning(self._aliases(entity), True)
            # A name in most sentences (the hero's) says little about which one answers.
            weight = WEIGHTS["name"] * max(0.0, 1.0 - 6.0 * len(mentions) / len(self.knowledge.sentences))
            for sentence in mentions:
                bonus[sentence.index] = max(bonus[sentence.index], weight)
        return bonus

    def _relevant(self, question: Question, best: Candidate, loose: bool = False) -> bool:
        """Whether the best sentence really answers, or the reviews are silent on the question."""
        focus = _focus(question)
        matched = float(self._coverage(question)[best.sentence.index]) if focus else 1.0
        named = [p for p in question.people if p.kind not in ("reviewer", "outlet")]
        asked = question.clean.lower()
        reviewed = any(p.kind in ("reviewer", "outlet") for p in question.people)
        # ("what did critics compare it to?" asks about the film, however bare)
        about = focus or named or reviewed or question.intent in ("compare", "recommend") or ABOUT_THE_FILM.search(asked)
        if not (about or any(q.search(_shape_text(question)) for q, _ in ANSWER_TYPES)):
            return False  # "the", "is it": nothing to answer about
        if named and best.sentence in self._mentioning(self._aliases(named[0]), True):
            matched = max(matched, 0.5)
        if question.aside and focus:
            aside = {t for w in words(question.aside) for t in tokens(w)}
            own = [f for f in focus if f not in aside and f not in POSITIVE and f not in NEGATIVE]
            theirs = [f for f in focus if f in aside]
            if own and theirs and self._coverage(question, own)[best.sentence.index] == 0 \
                    and self._coverage(question, theirs)[best.sentence.index] > 0:
                return False  # only the asker's own story matches: "…after my divorce"
        if loose and matched > 0 and self._polarity[best.sentence.index] != 0:
            return True  # "Is it funny, or a downer?": a judgement on the asked-about thing
        unknown = [w for w in question.unknown_words if stem(w) not in ASKING and w not in FILLER]
        # "A reference to anyone?" is a word no review uses, but "named after" answers it.
        alternatives, _ = _everyday_alternatives(question, [stem(w) for w in unknown])
        held = self._sentence_stems[best.sentence.index]
        unknown = [w for w in unknown if not alternatives.get(stem(w), set()) & held]
        shaped = self._has_answer_shape(question, best)
        stated = self._states_topic(question, best)
        if shaped or stated:
            unknown = []  # "which city", "what age": the word names what the answer looks like, not a topic
        # Words no review uses ("capital", "cup") mean another topic, unless the question is
        # about someone the reviews know, when they are just other words for what they say.
        if unknown and not named and len(unknown) * 2 >= max(1, len(focus)) and best.dense < 0.55:
            return False
        if not self.retriever.uses_dense:
            # Keyword search alone: the question's own words must be there.
            return (matched >= 0.5 and not (unknown and len(unknown) >= len(focus))) or (loose and matched > 0)
        # Only words no review uses ("Theodore's dog"): "puppy-doggish" is close in sound, not in sense.
        if unknown and len(unknown) >= len(focus) and best.dense < 0.55:
            return False
        if loose or shaped:
            return best.dense >= 0.25 or matched > 0
        if stated:
            # An age or a nomination is stated, but a song in a simile is not a soundtrack.
            # Stated of the person asked about ("his lack of best actor nomination"), it needs less.
            # ("got snubbed", said in the reviewers' words, "nomination": every topic word held)
            return best.dense >= (0.22 if named else 0.3) or (named and matched >= 1.0 and best.dense >= 0.1)
        return best.dense >= 0.42 or (matched >= 0.5 and best.dense >= 0.1)

    def _states_topic(self, question: Question, candidate: Candidate) -> bool:
        """An age asked for and a sentence that states one ("if you are over 30")."""
        checks = self._topic_checks(question)
        return bool(checks) and all(e.search(candidate.sentence.text) for e in checks)

    def _has_answer_shape(self, question: Question, candidate: Candidate) -> bool:
        """A "where" question answered by a sentence that names a place, and the like."""
        asked = _shape_text(question)
        return any(q.search(asked) and shape.search(candidate.sentence.text) for q, shape in ANSWER_TYPES)

    def _rank(self, question: Question, pool: Sequence[Sentence], evaluative: float = 0.0,
              opening: float = 0.0) -> list[Candidate]:
        if not pool:
            return []
        vector = self._query_vector(question)
        lexical, dense_scores = self.retriever.sentence_scores(self._lexical_query(question), vector)
        top = float(lexical.max()) if lexical.size and lexical.max() > 0 else 1.0
        coverage = self._coverage(question)
        ranked = []
        for sentence in pool:
            i = sentence.index
            score = 0.4 * lexical[i] / top + dense_scores[i] + evaluative * 0.25 * min(abs(self._polarity[i]), 2)
            score += WEIGHTS["focus"] * coverage[i]
            score += opening if i in self._first_of_source else 0.0
            score -= self._shortness[i] * (0 if opening else 1)
            ranked.append(Candidate(sentence, float(score), float(lexical[i]), float(dense_scores[i])))
        ranked.sort(key=lambda c: -c.score)
        return ranked

    def _aliases(self, entity: Entity) -> list[Entity]:
        """The entity and its other half: a character and the actor who plays them."""
        partner = self.names.partner(entity)
        return [entity] if partner is None else [entity, partner]

    def _mentioning(self, entities: Iterable[Entity], spoilers: bool) -> list[Sentence]:
        wanted = {e.name for e in entities}
        return [
            sentence
            for sentence in self.knowledge.sentences
            if (spoilers or not sentence.spoiler) and wanted & self._named[sentence.index]
        ]

    def _audience(self, items: list, audience: str, key=lambda s: s) -> list:
        if not audience or audience == "any":
            return items
        kinds = {"critic": CRITIC_KINDS, "blog": BLOG_KINDS}.get(audience, READER_KINDS)
        narrowed = [i for i in items if self._source_kind[key(i).source_id] in kinds]
        return narrowed or items

    def _excerpt(self, sentence: Sentence, query: str, context: bool = False, judging: bool = False,
                 lead_in: bool = False) -> Excerpt:
        source = self.knowledge.source(sentence.source_id)
        start = sentence.start
        if judging:
            # Keep the clause that judges ("funny, innovative and unique"), not just the one that matches.
            query = " ".join([query] + [w for w in self._sentence_word_lists[sentence.index] if w in POSITIVE or w in NEGATIVE])
        if context and (lead_in or ANAPHORIC_START.match(sentence.text)) and sentence.index > 0:
            previous = self.knowledge.sentences[sentence.index - 1]
            joined = len(previous.text.split()) + len(sentence.text.split())
            # (a spoiler before a sentence that is none stays out: the sentence is quoted with spoilers off)
            if previous.source_id == sentence.source_id and previous.paragraph == sentence.paragraph and joined <= 60 \
                    and (sentence.spoiler or not previous.spoiler):
                start = previous.start
        max_words = 42 if start == sentence.start else 64
        topic = frozenset(t for w in words(query) if w not in FILLER for t in tokens(w)) - ASKING
        topic -= {stem(w) for e in self.names.find(words(query)) for a in e.entity.aliases for w in a}
        return excerpt_of(source.text, source.id, start, sentence.end, query, sentence.index, sentence.spoiler, max_words,
                          topic)


# "There are four Hers.": a count the next sentences go through ("First is…", "Next is…").
ANNOUNCES_A_LIST = re.compile(r"\bthere (are|were) (two|three|four|five|six|several|\d+) \w+\W*$", re.I)
LIST_ITEM = re.compile(r"^\W*(first|second|third|fourth|next|then|finally|last|lastly|and|also|in the background)\b", re.I)

# How far a sentence of the same comment thread is from a quoted one: further than any in the quote's own review.
THREAD = 3


@lru_cache(maxsize=256)
def _shape_text(question: Question) -> str:
    """The question in lower case without the names of reviews: "Which Time Out reader…" asks no time."""
    text = f" {question.clean.lower()} "
    for person in question.people:
        if person.kind in ("reviewer", "outlet"):
            for alias in sorted(person.aliases, key=len, reverse=True):
                text = re.sub(rf"\b{re.escape(' '.join(alias))}\b", " ", text)
    return text.strip()


def _focus(question: Question) -> list[str]:
    """The stems of what the question is about: not its frame ("what exactly"), not who it names."""
    names = {stem(w) for p in question.people for alias in p.aliases for w in alias}
    frame = SHAPE_WORDS if any(q.search(_shape_text(question)) for q, _ in ANSWER_TYPES) else set()
    found = [t for w in words(_topic_text(question)) if w not in FILLER and w not in frame for t in tokens(w)]
    return [t for t in dict.fromkeys(found) if t not in ASKING and t not in names]


def _topic_text(question: Question) -> str:
    """The question without the phrases that only say when ("at first") or how briefly ("in a few words"),
    or name the hero ("the main guy")."""
    return HERO.sub(" ", ANSWER_FRAMES.sub(" ", TIME_FRAMES.sub(" ", question.search_text)))


@lru_cache(maxsize=256)
def _everyday_phrases(asked: str) -> tuple[tuple[int, str, str], ...]:
    """Each everyday phrase of a question ("go cold on her"), with its row and the reviewers' words for it ("withdraws").

    Asked for several times a question (search, coverage, relevance, excerpts): worked out once.
    """
    return tuple((row, match.group(0), lent) for row, (pattern, lent) in enumerate(EVERYDAY_WORDS)
                 for match in pattern.finditer(asked))


def _everyday(question: Question) -> tuple[tuple[int, str, str], ...]:
    return _everyday_phrases(_topic_text(question).lower())


def _lent_words(question: Question) -> list[str]:
    """The reviewers' words for the everyday words of the question ("evenings": "night"), once per row."""
    rows = dict.fromkeys((row, lent) for row, _, lent in _everyday(question))
    return [w for _, lent in rows for w in lent.split()]


def _everyday_alternatives(question: Question, focus: list[str]) -> tuple[dict[str, set[str]], list[set[str]]]:
    """For each topic word, the reviewers' words for what the question says in everyday words;
    and the reviewers' words for everyday phrases that hold no topic word at all."""
    alternatives: dict[str, set[str]] = {f: set() for f in focus}
    extra: list[set[str]] = []
    for _, phrase, lent in _everyday(question):
        found = [w for w in tokens(phrase) if w in alternatives]
        for word in found:
            alternatives[word] |= set(tokens(lent))
        if not found:
            extra.append(set(tokens(lent)))
    return alternatives, extra


def _defining(entity: Entity) -> re.Pattern:
    """Sentences that say what someone is: "Sam is the new operating system", "an OS called Samantha"."""
    names = "|".join(re.escape(" ".join(a)) for a in sorted(entity.aliases, key=len, reverse=True))
    role = r"(os|operating system|system|ai|computer|program|friend|wife|ex-wife|ex|husband|girlfriend|boyfriend|date|lover|neighbou?r|boss|woman|girl|writer)"
    return re.compile(rf"\b({names})\b,? (is|was) (a|an|the|his|her) (\w+ ){{0,3}}{role}\b|\b(called|named) ({names})\b"
                      rf"|\b{role}('s)? ({names})\b|\b({names}),? (his|her|theodore's|theodore’s) (\w+ ){{0,2}}{role}\b", re.I)


def _role_phrase(row: Fact) -> str:
    """'plays Isabella', 'plays the blind date', or 'is in the cast' for a line that names no part."""
    if not row.character:
        return "is in the cast"
    return f"plays {row.character}" if row.character[:1].isupper() else f"plays the {row.character}"


def _relation_word(token: str) -> bool:
    return token in QUESTION_KEYWORDS


def _polarity(text: str) -> float:
    found = words(text)
    score = sum(1 for w in found if w in POSITIVE) - sum(1.2 for w in found if w in NEGATIVE)
    lowered = text.lower()
    score += sum(weight for phrase, weight in EVALUATIVE_PHRASES.items() if phrase in lowered)
    return float(score)


def _shifted(candidates: list[Candidate], amount: float, when) -> list[Candidate]:
    """The candidates re-ranked with ``amount`` added to those ``when(rank, candidate)`` picks."""
    moved = [replace(c, score=c.score + amount) if when(rank, c) else c for rank, c in enumerate(candidates)]
    return sorted(moved, key=lambda c: -c.score)


def _naming_title(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The sentences that name a title the question names ("Lost in Translation"): a run of at
    least two of its words, with two that are not stopwords, and not someone's name."""
    names = {" ".join(alias) for p in question.people for alias in p.aliases}
    asked = words(question.clean)
    runs = {" ".join(asked[i:j]) for i in range(len(asked)) for j in range(i + 2, min(len(asked), i + 6) + 1)
            if sum(w not in STOPWORDS for w in asked[i:j]) >= 2 and asked[i] not in STOPWORDS and asked[j - 1] not in STOPWORDS}
    runs = {r for r in runs if not any(r in n or n in r for n in names)}
    return [c for c in candidates if any(_titled(c.sentence.text, r) for r in runs)]


def _titled(text: str, run: str) -> bool:
    """Whether ``text`` names ``run`` as a title does, its words capitalised ("Lost In Translation")."""
    pattern = r"\W+".join(re.escape(w) for w in run.split())
    for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I):
        if all(w[0].isupper() for w in re.findall(r"[^\W\d_]+", match.group(0)) if w.lower() not in STOPWORDS):
            return True
    return False


def _boost(candidates: list[Candidate], cue: re.Pattern | None, amount: float) -> list[Candidate]:
    """Raise the candidates the cue matches (or, with no cue, the spoilers: they hold the ending)."""
    def hit(c: Candidate) -> bool:
        return bool(cue.search(c.sentence.text)) if cue is not None else c.sentence.spoiler

    boosted = [replace(c, score=c.score + (amount if hit(c) else 0.0)) for c in candidates]
    boosted.sort(key=lambda c: -c.score)
    return boosted


def _spread(candidates: Sequence[Candidate], per_source: int, total: int) -> list[Candidate]:
    """The best candidates, no more than ``per_source`` from one source, no near-repeats."""
    chosen: list[Candidate] = []
    counts: dict[str, int] = {}
    seen_text: list[set[str]] = []
    for candidate in candidates:
        source = candidate.sentence.source_id
        if counts.get(source, 0) >= per_source:
            continue
        bag = set(tokens(candidate.sentence.text))
        if any(len(bag & other) >= 0.8 * max(1, min(len(bag), len(other))) for other in seen_text):
            continue
        chosen.append(candidate)
        counts[source] = counts.get(source, 0) + 1
        seen_text.append(bag)
        if len(chosen) >= total:
            break
    return chosen


def _any_spoiler(candidates: Sequence[Candidate]) -> bool:
    return any(c.sentence.spoiler for c in candidates)


def _key(candidate: Candidate) -> str:
    return _key_of(candidate.sentence)


def _key_of(sentence: Sentence) -> str:
    return f"{sentence.source_id}:{sentence.start}"


def _contains(sequence: list[str], alias: tuple[str, ...]) -> bool:
    n = len(alias)
    return any(tuple(sequence[i : i + n]) == alias for i in range(len(sequence) - n + 1))


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _actor_of(entity: Entity) -> str:
    if entity.kind == "character" and entity.partner:
        return entity.partner
    return entity.name


def _continued(text: str, voice: Voice, key: str) -> str:
    """A reply that goes on from the last one opens like it ("There's more, of course.")."""
    body = text.partition("\n")[2] if voice.persona and "\n" in text else text
    return f"{voice.opener('more', key)}\n{body}"


def _describes_someone_else(question: Question, entity: Entity) -> bool:
    """'Who plays Theodore's best friend?' asks about the friend, not about Theodore."""
    return bool(_role_after(question, entity))


def _role_after(question: Question, entity: Entity) -> str:
    """The noun after "Theodore's" in the question ("friend" in "Theodore's best friend"), if any."""
    lowered = question.clean.lower().replace("’", "'")
    for alias in entity.aliases:
        # "Theodore's ex", or typed fast, "theos ex".
        pattern = rf"\b{re.escape(' '.join(alias))}'?s\s+((?:\w+\s+){{0,2}}\w+)"
        match = re.search(pattern, lowered)
        if match and match.group(1).split()[0] not in STOPWORDS:  # "Wilde's in it" is "Wilde is"
            nouns = [w for w in match.group(1).split() if w not in STOPWORDS]
            if nouns and nouns[-1] not in NOT_ROLES:
                return nouns[-1]
    return ""


def _names_role(text: str, role: str) -> bool:
    wanted = stem(role)
    return any(stem(word) == wanted for word in re.findall(r"[\w’'-]+", text.lower()) if "-" in role or "-" not in word.strip("-"))


def _about_another_film(question: Question) -> bool:
    """'Who wrote the screenplay for Lars and the Real Girl?': a credit of a film that isn't Her;
    'who wrote the novel Never Let Me Go?': a work that isn't a film at all; 'what year did the
    first iphone come out?': the release of something else."""
    if question.intent != "fact":
        return False
    released = re.search(r"\b(did|does|was|is|were) (the|a|an|his|her) ((?:\w+ ){0,2}?)(\w+) (come out|released|launched|get released)\b",
                         question.clean.lower())
    if question.relation in ("release date", "year") and released and released.group(4) not in ("film", "movie", "picture", "her"):
        return True
    # ("the play Hamlet" is a play; "did Rooney Mara play Catherine" is not)
    if re.search(r"\b(novel|book|(?:the|a) play|poem|album|song|series|show) [A-Z][\w']*", question.clean):
        return True
    # "…for Lars and the Real Girl?", "who directed the original Blade Runner?"
    title = re.search(r"\b(?:for|of|directed|wrote|made|scored|shot|edited) (?:the (?:original |first )?)?((?:[A-Z][a-z][\w’']*(?: (?:and|the|of|a|in) )?)+)",
                      question.clean)
    return bool(title) and title.group(1).strip() not in ("Her", "Her's") and not question.people


def _names_unknown_thing(question: Question) -> bool:
    """'Who plays the dog?': the question names something no review mentions (a stray unknown
    word in a long, rambling question does not count)."""
    lent = _everyday_phrase_words(question)
    unknown = [w for w in question.unknown_words if stem(w) not in ASKING and w not in lent]
    return bool(unknown) and len(unknown) * 2 >= len(_focus(question))


def _everyday_phrase_words(question: Question) -> set[str]:
    """Words of the question's everyday phrases ("carries it by himself"), which the reviews say in their own words."""
    return {w for _, phrase, _ in _everyday(question) for w in words(phrase)}
