"""Following a conversation: pronouns, "and X?", "tell me more", "who said that?", and "yes" to a spoiler.

The state a conversation keeps is small, bounded and JSON-safe (``to_dict`` and
``Conversation(bot, state)``), so a bot can store one per user between messages.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import StateError
from .persona import Voice
from .reply import Citation, Reply
from .understand import Question

if TYPE_CHECKING:
    from .bot import Samantha

STATE_VERSION = 1
MAX_SHOWN = 40
MAX_CITATIONS = 8
MAX_PEOPLE = 4
# "he" and "she" are people; an outlet or a company is "it".
PERSON_KINDS = ("character", "actor", "crew", "reviewer")

_PERSONAL = re.compile(r"\b(he|him|his|she|hers)\b")
_REFERRING = re.compile(r"\b(he|him|his|she|hers|they|them|their|theirs|that (person|actor|actress|character|guy|woman|man|one|date|critic|reviewer|role|part|performance|(bit of )?casting|choice)"
                        r"|the (guy|blogger|reviewer|critic|reader|writer|commenter))\b")
_LOWER_HER = re.compile(r"(?<![A-Za-z])her(?![A-Za-z])")
_ELLIPSIS = re.compile(r"^(and|or|what about|how about|and what about|what of|also|same for|same question for)\b")
# "And what did Time Out say?" is a question of its own; "and Scarlett Johansson?" is not.
_FULL_QUESTION = re.compile(r"^(and|or|also),? (?!what about|how about|what of)(who|what|when|where|why|how|which|did|does|do|is|was|were|has|have|can|could)\b \w+")
_ASKING_START = re.compile(r"^\W*(who|whom|whose|what|which|when|where|why|how|is|was|are|were|do|does|did|can|could|would|has|have)\b", re.I)
# "Same question for Hunter's blog", "same for Amy Adams": the last question, asked of someone else.
_SAME_QUESTION = re.compile(r"^\W*((ok|okay|and|now|so),? )?(the )?same (question|thing|again)?\s*(for|about|with|but for|of)\b")
_CARRIED_INTENTS = ("fact", "opinion", "person", "rating", "author")
# "What else does it compare him to?" after talking about a review: "it" is that review.
_REVIEW_SAYS = re.compile(r"\b(does|did|do|would) (it|they|the review|that review) (say|compare|mention|think|call|describe|rate|like|praise|complain|talk)"
                          r"|\b(was|is) (it|that|the review|that review) ((first|originally|actually|initially) )?(published|written|posted|dated|printed)"
                          r"|\bwhen did (it|that|the review|that review|the piece) (run|appear|come out)\b"
                          r"|\bwho wrote (that|this|the) (review|piece|post|one)\b|\b(which|what) (issue|edition|month)\b")
# "The city", "that scene": something the last answer was about.
_POINTS_BACK = re.compile(r"\b(the|that|this|those|these) (city|cities|place|places|scene|scenes|part|parts|bit|moment|line|"
                          r"date|review|comment|song|game|job|district|districts|area|areas|country)\b|\bthere\b"
                          # "Why though?", "why might that throw viewers off?": the reason for the last answer.
                          r"|^(but |and |so )?why\b")
# "Why that one?", "so why did they think it didn't work?": the reason for what was just quoted.
_WHY = re.compile(r"^\W*((but|and|so|ok|okay|then|hmm|wait),? )?(why|how come)\b")
# A guess offered for checking: "…, wasn't it?", "…, right?", "wasn't it shot by…".
_CLAIM_TAG = re.compile(r",?\s*\b((is|was|did|does|are|were)n'?t (it|he|she|they|that|there)|right|correct|yeah|no|i think|i thought|"
                        r"i believe|or something|innit|yes)\W*$", re.I)
# ("was it shot by Emmanuel Lubezki?" offers a guess too, asked plainly)
_CLAIM_START = re.compile(r"^(?:is|was|did|does|are|were)(?:n'?t)? (?P<subject>it|he|she|they|the \w+)\b", re.I)
# "What year's that one from?": the year of a film just talked about.
_YEAR_OF_THAT = re.compile(r"\b(what|which) year('?s| is| was)? (that|it|this)( one| film| movie)?\b|\b(that|this) one\b.*\byear\b"
                           r"|\bwhen (was|did) (that|it)( one| film| movie)? (made|released|come out|out)\b|\byear'?s that\b")
# What a credit's work is called when people talk about it ("who directed it?" then "it" is still the film).
_CREDIT_TOPICS = {"music": "the music", "cinematographer": "the cinematography", "costume designer": "the costumes",
                  "editor": "the editing", "production designer": "the production design", "song": "the song",
                  "release date": "the release"}
_THAT_DATE = re.compile(r"\b(that|this|the) (date|day)\b|(?<=\bwas )(that|it)\b(?=\W*$)", re.I)
_ABOUT_IT = re.compile(r"\b(about|of|on|like|hate|love|praise|criticise|criticize|mention)\s+(it|that|them|this)\b(?!\s+\w+ing\b)", re.I)
# "Anything else?", "another one": but "more like" and "more than" ask no such thing.
_ASKS_FOR_MORE = re.compile(r"\b(else|more(?! like| than| about| of (a|an|the)\b)|another|other things?)\b")


@dataclass
class ConversationState:
    """What a conversation remembers between questions."""

    subject: str = ""
    people: list[str] = field(default_factory=list)
    intent: str = ""
    relation: str = ""
    question: str = ""
    shown: list[str] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    pending_spoiler: str = ""
    spoilers: bool = False
    persona: bool = True
    turns: int = 0

    def to_dict(self) -> dict:
        return {"version": STATE_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: object) -> "ConversationState":
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise StateError("This saved conversation is not one samantha can resume (unknown format or version).")
        try:
            state = cls(**{k: v for k, v in data.items() if k != "version"})
        except TypeError as exc:
            raise StateError(f"This saved conversation has fields samantha does not know: {exc}") from None
        _check_types(state)
        return state


def _check_types(state: ConversationState) -> None:
    expected = {"subject": str, "people": list, "intent": str, "relation": str, "question": str, "pending_spoiler": str,
                "spoilers": bool, "persona": bool, "turns": int, "shown": list, "citations": list}
    for name, kind in expected.items():
        if not isinstance(getattr(state, name), kind):
            raise StateError(f"This saved conversation's '{name}' should be a {kind.__name__}.")
    state.shown = [s for s in state.shown if isinstance(s, str)][-MAX_SHOWN:]
    state.people = [p for p in state.people if isinstance(p, str)][:MAX_PEOPLE]
    state.citations = [c for c in state.citations if isinstance(c, dict)][:MAX_CITATIONS]


class Conversation:
    """A conversation with Samantha that remembers what was said. Not shared between threads."""

    def __init__(self, bot: "Samantha", state: ConversationState) -> None:
        self._bot = bot
        self.state = state
        self._lock = threading.Lock()

    @property
    def spoilers(self) -> bool:
        return self.state.spoilers

    @spoilers.setter
    def spoilers(self, value: bool) -> None:
        self.state.spoilers = bool(value)

    @property
    def persona(self) -> bool:
        return self.state.persona

    @persona.setter
    def persona(self, value: bool) -> None:
        self.state.persona = bool(value)

    def to_dict(self) -> dict:
        """The conversation's state, JSON-safe, to resume later with ``bot.conversation(state)``."""
        return self.state.to_dict()

    def reset(self) -> None:
        """Forget what was said, keeping the spoiler and persona settings."""
        self.state = ConversationState(spoilers=self.state.spoilers, persona=self.state.persona)

    def ask(self, text: str) -> Reply:
        """Answer ``text`` in the light of what was said before."""
        with self._lock:
            reply, question = self._answer(text)
            self._remember(reply, question)
            return reply

    # -- the steps of a turn ---------------------------------------------------------

    def _answer(self, text: str) -> tuple[Reply, Question | None]:
        bot, state = self._bot, self.state
        voice = Voice(state.persona)
        question = bot._understand(text)
        if question.intent == "consent" and state.pending_spoiler:
            pending = self._resolve(bot._understand(state.pending_spoiler))
            return bot._answer(pending, spoilers=True, voice=voice), pending
        if question.intent == "more":
            return self._more(voice), None
        if question.intent == "source_of_last":
            return self._source_of_last(question, voice), None
        if _YEAR_OF_THAT.search(question.clean.lower()) and state.intent in ("compare", "recommend", "filmography", "opinion"):
            dated = self._year_of_last(question, voice)
            if dated is not None:
                return dated, None
        if _SAME_QUESTION.match(question.clean.lower()) and question.people and state.question:
            # "What films does Nick James compare it to?" "Same question for Hunter's blog.": asked again of Hunter.
            reading = self._resolve(bot._understand(self._asked_of(state.question, question.people)))
            return bot._answer(reading, spoilers=state.spoilers, voice=voice), reading
        guess, asked = _guess_after(question)
        if asked:
            # "Who did the score — Jonny Greenwood?": the question without a guess no review knows.
            reading = self._resolve(bot._understand(asked))
            reply = bot._answer(reading, spoilers=state.spoilers, voice=voice)
            if reply.found and reply.citations:
                return replace(reply, question=question.clean, text=_unmentioned(guess) + reply.text), reading
        described = bot._described_review(question)
        if described is not None:
            # The review is known, and so is what is asked of it: no other reading is needed.
            resolved = self._resolve(described)
            return bot._answer(resolved, spoilers=state.spoilers, voice=voice), resolved
        if state.citations and not question.people and _POINTS_BACK.search(question.clean.lower()) \
                and not _WHY.match(question.clean.lower()):
            # "Where was it shot?" then "which parts of that city?": the quote just given may hold it.
            detail = bot._detail_in([Citation(**c) for c in state.citations], question, spoilers=state.spoilers, voice=voice)
            if detail is not None:
                return detail, question
        resolved = self._resolve(question)
        skip = frozenset(state.shown) if _ASKS_FOR_MORE.search(resolved.clean.lower()) else frozenset()
        reply = bot._answer(resolved, spoilers=state.spoilers, voice=voice, skip=skip)
        if _WHY.match(question.clean.lower()) and state.citations and self._names_nobody_new(question):
            reason = bot._reason_near([Citation(**c) for c in state.citations], resolved, reply.citations if reply.found else [],
                                      spoilers=state.spoilers, voice=voice)
            if reason is not None:
                return reason, None
        if reply.found or question.intent in ("smalltalk", "empty"):
            return reply, resolved
        for reading, skipping, note in self._second_readings(question, skip):
            retry = bot._answer(reading, spoilers=state.spoilers, voice=voice, skip=skipping)
            if retry.found and retry.citations:
                return replace(retry, question=question.clean, text=note + retry.text), reading
        return reply, resolved

    def _asked_of(self, text: str, people: tuple) -> str:
        """The last question with the people it named swapped for ``people``."""
        names = self._bot._names
        before = [e for e in (names.get(n) for n in self.state.people) if e is not None and e not in people]
        new = " and ".join(p.name for p in people)
        aliases = sorted((" ".join(a) for e in before for a in e.aliases), key=len, reverse=True)
        for alias in aliases:
            swapped = re.sub(rf"\b{re.escape(alias)}('s)?\b", new, text, count=1, flags=re.I)
            if swapped != text:
                return swapped
        return f"{text} ({new})"

    def _names_nobody_new(self, question: Question) -> bool:
        talked_about = set(self.state.people) | {self.state.subject}
        return all(p.name in talked_about for p in question.people)

    def _second_readings(self, question: Question, skip: frozenset[str]):
        """Other ways to read a question the reviews did not answer as put, each with what to skip."""
        # "What's it about? No spoilers pls": the talk around a question can hide it; ask the question alone.
        for part in _question_parts(question.clean):
            yield self._resolve(self._bot._understand(part)), skip, ""
        # "Paul was Seth Rogen, wasn't it?": the reviews never name the guess, so ask what they do say.
        guess, readings = _claim_readings(question)
        for reading in readings:
            yield self._resolve(self._bot._understand(reading)), skip, _unmentioned(guess)
        if self.state.question and not question.people and _POINTS_BACK.search(question.clean.lower()):
            # "Where was it shot?" then "which parts of the city do you see?": the city just talked about.
            yield self._resolve(self._bot._understand(f"{self.state.question} {question.clean}")), frozenset(), ""

    def _resolve(self, question: Question) -> Question:
        """Fill in who "he", "her" or "and X?" mean from what was talked about last."""
        state = self.state
        subject = self._referent(question)
        if question.intent in ("smalltalk", "empty", "consent"):
            return question
        if subject is not None and subject not in question.people and self._refers_back(question):
            text = _replace_pronoun(question.clean, subject.name)
            partner = self._bot._names.partner(subject)
            resolved = self._bot._understand(text + (f" ({partner.name})" if partner is not None else ""))
            people = resolved.people if subject in resolved.people else (subject,) + resolved.people
            question = replace(resolved, people=people, text=question.text)
        if _ELLIPSIS.match(question.clean.lower()) and not _FULL_QUESTION.match(question.clean.lower()) \
                and state.intent in _CARRIED_INTENTS:
            question = self._carry(question)
        question = self._credit_talked_about(question)
        hero = self._bot._names.hero
        if subject is None and hero is not None and not question.people and question.intent == "plot" \
                and re.search(r"\b(he|him|his)\b", question.clean.lower()):
            # "What's his actual job?" with no one talked about yet: in a film chat, "he" is its hero.
            question = replace(question, people=(hero,))
        return self._with_last_review(question)

    def _credit_talked_about(self, question: Question) -> Question:
        """'Who composed the music?' then 'did any reviewer complain about it?': the music.
        'When did it come out in the UK?' then 'why was that date fitting?': the release date."""
        topic = _CREDIT_TOPICS.get(self.state.relation) if self.state.intent == "fact" else None
        if topic is None or question.intent not in ("opinion", "who_said", "plot"):
            return question
        if self.state.relation == "release date":
            text = _THAT_DATE.sub(topic, question.clean, count=1)
        else:
            text = _ABOUT_IT.sub(rf"\1 {topic}", question.clean, count=1)
        if text == question.clean:
            return question
        return replace(self._bot._understand(text), text=question.text)

    def _with_last_review(self, question: Question) -> Question:
        if question.intent == "who_said" or not _REVIEW_SAYS.search(question.clean.lower()):
            return question
        if any(p.kind in ("reviewer", "outlet") for p in question.people):
            return question
        review = next(iter(self._reviews_talked_about()), None)
        if review is None:
            return question
        # Read again with the review named, so that "when was it published?" asks about the review.
        named = self._bot._understand(f"{question.clean} ({review.name})")
        return replace(named, text=question.text, people=tuple(dict.fromkeys(question.people + named.people)))

    def _referent(self, question: Question):
        """Who a pronoun means: the last subject, or for "he"/"she" the last person talked about."""
        names = self._bot._names
        subject = names.get(self.state.subject) if self.state.subject else None
        if _PERSONAL.search(question.clean.lower()) or _LOWER_HER.search(question.clean):
            if subject is None or subject.kind not in PERSON_KINDS:
                people = [names.get(n) for n in self.state.people]
                subject = next((p for p in people if p is not None and p.kind in PERSON_KINDS), subject)
        return subject

    def _refers_back(self, question: Question) -> bool:
        """A pronoun that points outside the question: none of the people it names comes before it."""
        text = question.clean
        match = _REFERRING.search(text.lower()) or _LOWER_HER.search(text)
        if match is None:
            return False
        lowered = text.lower()
        # "What did Time Out say about her?": a review is not who "her" means.
        antecedents = [p for p in question.people if p.kind not in ("reviewer", "outlet")]
        first_name = min(
            (lowered.find(" ".join(alias)) for p in antecedents for alias in p.aliases if " ".join(alias) in lowered),
            default=len(text),
        )
        return match.start() < first_name

    def _carry(self, question: Question) -> Question:
        """'And Scarlett Johansson?' asks the last question again about someone else."""
        state = self.state
        reviews = self._reviews_talked_about()
        if question.intent == "fact" and question.relation and not question.people:
            if state.intent == "opinion" and reviews:
                # "What did the blog say about Phoenix?" "And the music?": the blog on the music.
                return replace(question, intent="opinion", people=tuple(reviews))
            return question
        if not question.people and question.intent not in ("plot", "person"):
            return question
        if state.intent == "fact" and question.people:
            return replace(question, intent="fact", relation=state.relation or "cast")
        if state.intent in ("opinion", "rating", "person", "author"):
            # "What did Hunter think of Phoenix?" "And Scarlett Johansson?": still Hunter.
            kept = tuple(p for p in reviews if p not in question.people)
            # ("and what about the readers, what's their average?" asks a rating of its own)
            intent = question.intent if question.intent in ("rating", "author") else state.intent
            return replace(question, intent=intent, relation=state.relation, people=question.people + kept)
        return question

    def _reviews_talked_about(self) -> list:
        """The reviewers and outlets among the people last talked about, latest first."""
        found = [self._bot._names.get(n) for n in self.state.people]
        return [p for p in found if p is not None and p.kind in ("reviewer", "outlet")]

    def _more(self, voice: Voice) -> Reply:
        state = self.state
        if not state.question:
            return self._bot._smalltalk("abilities", state.question, voice)
        question = self._bot._understand(state.question)
        subject = self._bot._names.get(state.subject) if state.subject else None
        if subject is not None and not question.people:
            question = replace(question, people=(subject,))
        if state.intent in ("fact",) and subject is not None:
            question = replace(question, intent="opinion", people=(subject,))
        elif state.intent:
            question = replace(question, intent=state.intent, relation=state.relation)
        skip = frozenset(state.shown)
        reply = self._bot._answer(question, spoilers=state.spoilers, voice=voice, skip=skip)
        return replace(reply, intent="more") if reply.citations else reply

    def _source_of_last(self, question: Question, voice: Voice) -> Reply:
        citations = [Citation(**c) for c in self.state.citations]
        if not citations:
            return Reply(voice.no_last_quote(), False, (), "source_of_last", question.clean)
        renumbered = tuple(replace(c, number=n) for n, c in enumerate(citations, start=1))
        # The words themselves, with who wrote them: "prove it" and "quote it" want the quote.
        said = [f"{c.label}: “{c.excerpt}” [{c.number}]" for c in renumbered]
        lead = "That was" if not voice.persona else "That came from"
        text = f"{lead} {said[0]}" if len(said) == 1 else f"{lead}:\n" + "\n".join(said)
        return Reply(text, True, renumbered, "source_of_last", question.clean, subject=self.state.subject)

    def _year_of_last(self, question: Question, voice: Voice) -> Reply | None:
        """'What year's that one from?' after a film was recommended: the year the quote gives it
        ("the 2007 'Lars and the Real Girl'"), not the year of Her."""
        own = {y for f in self._bot.knowledge.facts for y in re.findall(r"\b(?:19|20)\d\d\b", f.value)}
        for citation in (Citation(**c) for c in self.state.citations):
            # The whole sentence: an excerpt cut short may have left the year out.
            sentence = self._bot._sentence_of(citation)
            if sentence is None:
                continue
            years = [y for y in re.findall(r"\b(?:19|20)\d\d\b", sentence.text) if y not in own]
            if years:
                cited = replace(citation, number=1, excerpt=sentence.text, start=sentence.start, end=sentence.end)
                text = f"{voice.opener('plot', question.clean)}\nThat one is from {years[0]}, going by {cited.label}: “{cited.excerpt}” [1]"
                return Reply(text.strip(), True, (cited,), "fact", question.clean, subject=self.state.subject)
        return None

    def _remember(self, reply: Reply, question: Question | None) -> None:
        state = self.state
        state.turns += 1
        if reply.intent in ("smalltalk", "empty"):
            return
        if reply.spoiler_withheld and not reply.citations and question is not None:
            state.pending_spoiler = question.text
        elif reply.intent != "source_of_last":
            state.pending_spoiler = ""
        if reply.subject:
            state.subject = reply.subject
        elif question is not None and question.people:
            state.subject = question.people[0].name
        if question is not None and (question.people or reply.subject):
            named = ([reply.subject] if reply.subject else []) + [p.name for p in question.people]
            state.people = list(dict.fromkeys(named))[:MAX_PEOPLE]
        if question is not None and reply.found:
            state.intent = question.intent
            state.relation = question.relation
            state.question = question.clean
            state.shown = []
        if reply.citations and reply.intent != "source_of_last":
            state.citations = [c.to_dict() for c in reply.citations][:MAX_CITATIONS]
            keys = [self._bot._sentence_key(c) for c in reply.citations]
            state.shown = (state.shown + [k for k in keys if k])[-MAX_SHOWN:]


def _replace_pronoun(text: str, name: str) -> str:
    """Put the name in place of the first pronoun that refers back; later ones may mean someone else."""
    match = re.search(r"\b(he|she|they|him|them|his|their|hers)\b|(?<![A-Za-z])her(?![A-Za-z])", text)
    if match is None:
        return f"{text} {name}"
    word = match.group(0)
    replacement = f"{name}'s" if word.lower() in ("his", "their", "hers") else name
    return text[: match.start()] + replacement + text[match.end():]


_TRAILING_FRAME = re.compile(r",?\s*\b(according to|in the eyes of) (the |most )?(reviewers?|reviews?|critics?|readers?|people)\W*$", re.I)
_THEN_ASKS = re.compile(r"\s+and (what|how|why|who|where|when|which)\b.*$", re.I)


def _claim_readings(question: Question) -> tuple[str, list[str]]:
    """A guess to check ("universal put it out, didn't they?"), and the question asked again with
    the guess left open: "who put it out", "Paul was who", "it's set in where", "who shot it"."""
    lowered = question.clean.lower()
    if not (_CLAIM_TAG.search(lowered) or _CLAIM_START.search(lowered)):
        return "", []
    text = _CLAIM_START.sub(r"\g<subject>", _CLAIM_TAG.sub("", question.clean)).strip()
    tokens = text.split()
    unknown = set(question.unknown_words)
    span = [i for i, t in enumerate(tokens) if re.sub(r"[^\w']", "", t.lower()) in unknown]
    if not span or span != list(range(span[0], span[-1] + 1)):
        return "", []  # nothing the reviews don't know, or more than one guess
    guess = re.sub(r"[^\w' .-]", "", " ".join(tokens[span[0]:span[-1] + 1]))
    tokens = [t.lower() for t in tokens]
    before, after = tokens[:span[0]], tokens[span[-1] + 1:]
    if before and before[-1] in ("in", "at", "near", "from"):
        readings = [" ".join(["where"] + before[:-1] + after)]  # "it's set in X" → "where it's set"
    else:
        readings = [" ".join(before + ["who"] + after)]
    if before[-1:] == ["by"] and not after:
        # "it was shot by X" → "who shot it"; "catherine was played by X" → "who played catherine"
        head = [t for t in before[:-1] if t not in ("was", "is", "were", "it's")]
        if len(head) >= 2:
            readings.append(" ".join(["who", head[-1]] + head[:-1]))
    return (guess.title() if guess.islower() else guess), readings


# "Who did the score — Jonny Greenwood?", "…a companion piece to another film, was it Eternal Sunshine?"
_GUESS_FRAGMENT = re.compile(r"^(?P<asked>.{8,}?)(?:[?,;:.!—–]+|\s-+\s)\s*(?:(?:[Ww]as|[Ii]s) it |maybe |perhaps |or (?:was it )?|like )?"
                             r"(?P<guess>[A-Z][^?,;:.!]{1,40}?)\?*\s*(?:maybe|surely not|perhaps|i think|i guess|right)?\W*$")


def _unmentioned(guess: str) -> str:
    return f"None of the reviews mentions {guess}. "


def _guess_after(question: Question) -> tuple[str, str]:
    """A guess put after the question ("The Shining?? surely not") that no review knows, and the
    question without it."""
    match = _GUESS_FRAGMENT.match(question.clean)
    if match is None:
        return "", ""
    guess = match["guess"].strip()
    guessed = {w.lower() for w in re.findall(r"[\w']+", guess)}
    if len(guessed) > 4 or not guessed & set(question.unknown_words) or not re.search(r"[a-z]{3}", match["asked"].lower()):
        return "", ""
    return guess, match["asked"].strip() + "?"


def _question_parts(text: str) -> list[str]:
    """The question inside a longer message: the one sentence that asks, or the message without
    a trailing frame ("…according to reviewers") or a second question ("…and what did they say")."""
    parts = []
    # ("…after the credits rolled — what year is it set in?": a dash ends a sentence too)
    pieces = [d for s in re.findall(r"[^.!?;]+[.!?;]*", text) for d in re.split(r"\s+[-—–]+\s+", s)]
    sentences = [s.strip() for s in pieces if re.search(r"[A-Za-z]", s)]
    # ("i fell asleep lol. did anyone complain about the music": a last sentence that asks, unmarked)
    asking = [s for s in sentences if s.endswith("?")] or [s for s in sentences[-1:] if _ASKING_START.match(s)]
    if len(sentences) > 1 and len(asking) == 1:
        parts.append(asking[0])
    for pattern in (_TRAILING_FRAME, _THEN_ASKS):
        cut = pattern.sub("", text).strip()
        if cut and cut != text.strip() and re.search(r"[A-Za-z]{3}", cut):
            parts.append(cut)
    return list(dict.fromkeys(parts))
