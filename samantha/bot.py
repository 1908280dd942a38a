"""The bot: one knowledge base, its retriever and its answerer, shared by any number of conversations."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from .answer import Answerer
from .cache import default_cache_dir, key_of
from .dialogue import Conversation, ConversationState
from .knowledge import Knowledge, load_knowledge
from .lexicon import ANSWER_TYPES
from .names import NameIndex
from .persona import Voice
from .reply import Citation, Reply
from .search import MODES, Retriever, SearchSettings
from .tokenizer import words
from .understand import Question, Understander, described_review

log = logging.getLogger("samantha")

Progress = Callable[[str, int, int], None]


class Samantha:
    """A chatbot about the film *Her* that answers from reviews, quoting them word for word.

    ``knowledge`` is a folder of review files (the bundled reviews by default);
    ``spoilers`` and ``persona`` are the defaults for :meth:`ask` and new
    conversations; ``retrieval`` is ``"hybrid"`` (keyword and dense search
    fused), ``"bm25"`` (keywords only, no model) or ``"dense"``; ``model`` is a
    local sentence-transformers folder or model name (the packaged
    all-MiniLM-L6-v2 by default). ``progress(stage, done, total)`` is called
    while the index is first built.

    One instance may be shared by many threads and conversations.
    """

    def __init__(
        self,
        knowledge: str | os.PathLike | None = None,
        *,
        spoilers: bool = False,
        persona: bool = True,
        retrieval: str = "hybrid",
        model: str | os.PathLike | None = None,
        cache_dir: str | os.PathLike | None = None,
        progress: Progress | None = None,
        _settings: SearchSettings | None = None,
    ) -> None:
        # ``_settings`` (private: tests and benchmarks) replaces the retrieval settings whole,
        # e.g. SearchSettings(fast_queries=False) to encode questions with sentence-transformers.
        if retrieval not in MODES:
            raise ValueError(f"retrieval must be one of {', '.join(MODES)}, not {retrieval!r}")
        self.spoilers = spoilers
        self.persona = persona
        self._knowledge = load_knowledge(knowledge)
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        store = folder / key_of(self._knowledge.fingerprint)[:16]
        settings = SearchSettings(mode=retrieval) if _settings is None else _settings
        self._retriever = Retriever(self._knowledge, settings, model=str(model) if model else None,
                                    cache_dir=store, progress=progress, lexical_cache_dir=store / "bm25")
        self._names = NameIndex(self._knowledge)
        vocabulary = {w for s in self._knowledge.sentences for w in words(s.text)}
        vocabulary |= {w for e in self._names.entities for alias in e.aliases for w in alias}
        self._understander = Understander(self._names, vocabulary)
        self._answerer = Answerer(self._knowledge, self._retriever, self._names)
        self._sentence_starts = {}
        for sentence in self._knowledge.sentences:
            self._sentence_starts.setdefault(sentence.source_id, []).append(sentence)

    # -- public ----------------------------------------------------------------------

    @property
    def knowledge(self) -> Knowledge:
        """The sources, sentences and facts this bot answers from."""
        return self._knowledge

    def ask(self, question: str, *, spoilers: bool | None = None, persona: bool | None = None) -> Reply:
        """Answer one question, with no memory of earlier ones."""
        return self.conversation(spoilers=spoilers, persona=persona).ask(question)

    def conversation(self, state: dict | None = None, *, spoilers: bool | None = None,
                     persona: bool | None = None) -> Conversation:
        """A new conversation, or one resumed from ``state`` (a ``Conversation.to_dict()``)."""
        restored = ConversationState.from_dict(state) if state is not None else ConversationState(
            spoilers=self.spoilers, persona=self.persona
        )
        if spoilers is not None:
            restored.spoilers = spoilers
        if persona is not None:
            restored.persona = persona
        return Conversation(self, restored)

    def names(self) -> tuple[str, ...]:
        """Every character, actor, crew member, reviewer and outlet the knowledge names."""
        return self._names.names()

    def passage_for(self, citation: Citation) -> str:
        """The whole paragraph a citation was quoted from."""
        source = self._knowledge.source(citation.source)
        for sentence in self._sentence_starts.get(source.id, []):
            if sentence.start <= citation.start < max(sentence.end, sentence.start + 1):
                paragraph = [s for s in self._sentence_starts[source.id] if s.paragraph == sentence.paragraph]
                return source.text[paragraph[0].start : paragraph[-1].end]
        return citation.excerpt

    # -- used by conversations -------------------------------------------------------

    def _understand(self, text: str) -> Question:
        return self._understander.understand(text)

    def _answer(self, question: Question, *, spoilers: bool, voice: Voice, skip: frozenset[str] = frozenset()) -> Reply:
        if question.intent == "empty":
            return Reply(voice.smalltalk("empty", ""), False, (), "empty", question.clean)
        if question.intent in ("smalltalk", "consent", "more", "source_of_last"):
            kind = question.smalltalk or "praise"
            return self._smalltalk(kind, question.clean, voice)
        reply = self._answerer.answer(question, spoilers, voice, skip)
        if question.truncated:
            reply = _with_note(reply, voice.smalltalk("truncated", ""))
        return reply

    def _smalltalk(self, kind: str, key: str, voice: Voice) -> Reply:
        return Reply(voice.smalltalk(kind, key), True, (), "smalltalk", key)

    def _described_review(self, question: Question) -> Question | None:
        """'The review that said Phoenix wears dad trousers, what year is it set in?' asked of that review."""
        found = described_review(question.clean)
        if found is None:
            return None
        claim, rest = found
        voice = self._answerer.voice_of(self._answerer.source_of_claim(self._understand(claim)))
        if voice is None:
            return None
        if not rest:
            # "the critic who called Theodore the sensitive metrosexual": which review that is
            return replace(self._understand(f"which review {claim}?"), text=question.text)
        return replace(self._reading_of(claim, rest, voice), text=question.text)

    def _reading_of(self, claim: str, rest: str, voice) -> Question:
        """What is asked of a review known by what it said: of the review itself ("what's his surname?"),
        of the film whoever said it ("so who wrote Her?"), or of what that review says."""
        if _ABOUT_THE_REVIEW.search(rest):
            # "…, who wrote it?", "…, what's his surname?": who wrote that review
            return replace(self._understand(f"{rest} ({voice.name})"), intent="author")
        alone = self._understand(rest)
        if alone.intent == "fact" and alone.people and not _LEANS_ON_CLAIM.search(rest) \
                and self._understand(f"{rest} ({voice.name})").intent != "opinion":
            return alone  # "…, who played Isabella?" names whom it asks about
        if len(rest.split()) <= 3 or _LEANS_ON_CLAIM.search(rest):
            rest = f"{claim}, {rest}"  # "…was in some stunt show, which one?", "…what did he say back to that?"
        asked = self._understand(rest)
        # ("the peaceful way people accept the AIs" speaks of people, not of the readers)
        voiced = replace(self._understand(f"{rest} ({voice.name})"), audience="")
        if voiced.intent == "rating":
            return voiced  # "…, how many stars did he give it?"
        if (asked.intent == "fact" and voiced.intent != "opinion") or asked.about_ending:
            return asked  # "…, so who wrote Her?", "…, do they stay together?": the credit or the story, whoever said it
        if voiced.intent == "opinion" and asked.intent == "plot" and any(q.search(rest.lower()) for q, _ in ANSWER_TYPES):
            return replace(voiced, intent="plot")  # "…, what year does it say it's set in?": the story as that review tells it
        return voiced

    def _reason_near(self, citations: Sequence[Citation], question: Question, rival: Sequence[Citation], *, spoilers: bool,
                     voice: Voice) -> Reply | None:
        """'Why that one?': the reason around the last quotes, if it answers better than the ``rival`` quotes."""
        cited, others = ([s for c in group for s in self._sentences_of(c)] for group in (citations, rival))
        return self._answerer.reason_near(cited, question, others, spoilers, voice)

    def _detail_in(self, citations: Sequence[Citation], question: Question, *, spoilers: bool, voice: Voice) -> Reply | None:
        """'Which parts of that city?': the last quotes, if one holds that kind of answer."""
        cited = [s for c in citations for s in self._sentences_of(c)]
        return self._answerer.detail_in(cited, question, spoilers, voice)

    def _sentence_key(self, citation: Citation) -> str:
        sentence = self._sentence_of(citation)
        return f"{sentence.source_id}:{sentence.start}" if sentence is not None else ""

    def _sentences_of(self, citation: Citation) -> list:
        """Every review sentence a citation quotes from: an excerpt may run over two."""
        return [s for s in self._sentence_starts.get(citation.source, []) if s.start < citation.end and citation.start < s.end]

    def _sentence_of(self, citation: Citation):
        """The review sentence a citation quotes from."""
        for sentence in self._sentence_starts.get(citation.source, []):
            if sentence.start <= citation.start < max(sentence.end, sentence.start + 1):
                return sentence
        return None


# "…, who wrote it?", "…, what's his surname?" after a review described: its author, not the screenplay's.
_ABOUT_THE_REVIEW = re.compile(r"^((so|and) )?who (wrote|posted|penned|authored) (it|that|this)\b|\b(his|her|their) (surname|last name|full name|real name|name)\b"
                               r"|\b(critic|reviewer|blogger|writer|author)'?s (sur|last |full |real )?name\b", re.I)


# "…, which movies did they mean?", "…, who's that?": a question about the claim itself.
_LEANS_ON_CLAIM = re.compile(r"\b(that|this|those|these)\W*$|\b(name|title) of (it|them)\W*$|\b(which ones?|who'?s that|did (they|he|she) mean|what word|which word"
                             r"|back to (that|it))\b", re.I)


def _with_note(reply: Reply, note: str) -> Reply:
    return replace(reply, text=f"{note}\n{reply.text}")
