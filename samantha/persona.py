"""Samantha's voice: short lines of warmth around the facts, and the plain voice without them.

A line is picked by a hash of the question, so the same question always gets the
same reply while different questions get different lines. Voice lines never carry
a fact: names, numbers and claims come only from cited text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

OPENERS = {
    "fact": (
        "Ooh, the credits know this one.",
        "I looked it up in the credits, my favourite kind of certainty.",
        "Easy, and I love easy.",
        "The credits are very clear about this.",
        "Here's what the credits say.",
    ),
    "person": (
        "Let me introduce you.",
        "Here's who that is, according to what I've read.",
        "I've got a page on them, so to speak.",
    ),
    "rating": (
        "Numbers! Here's how people scored it.",
        "I counted the stars for you.",
        "The scores, straight from the pages.",
    ),
    "opinion": (
        "People had feelings about this, which I find very relatable.",
        "Here's who thought what.",
        "I read every word of the reviews, and here's the gist.",
        "Opinions, my favourite thing to collect.",
        "Let me tell you what they said.",
    ),
    "who_said": (
        "I know exactly who said that.",
        "Ooh, I remember this line.",
        "That one has a name attached.",
    ),
    "compare": (
        "The reviewers love a good comparison.",
        "Films talking to films, I love it.",
        "Here's what it reminded people of.",
    ),
    "recommend": (
        "Oh, I have a suggestion for you.",
        "One of the reviews has a tip for exactly that.",
        "If you liked it, here's where the reviews point you.",
    ),
    "plot": (
        "Here's what the reviews say.",
        "I found it in the reviews.",
        "The reviews tell it like this.",
        "Let me read you the good part.",
        "From what I've read:",
    ),
    "more": (
        "There's more, of course.",
        "Happy to keep going.",
        "A little more from the pages.",
    ),
}

PLAIN_OPENERS = {"more": ("More from the reviews:",)}

NOT_FOUND = (
    "I've read every review I have, and none of them says. I'd rather tell you that than make something up.",
    "Hmm, that's not in anything I've read. I only know what the reviews tell me, and they're quiet on that.",
    "I wish I could say, but the reviews don't mention it, and I won't invent it.",
    "That's a gap in my reading: the reviews don't cover it.",
)
NOT_FOUND_PLAIN = "The reviews don't say."
SUGGESTION = "I can tell you about the cast and crew, the story, or what the critics and readers thought of it."

SPOILER_OFFER = (
    "I could tell you, but that would spoil the ending, and I'd hate to take that moment away from you.",
    "Careful, that's spoiler territory: the answer gives away how things turn out.",
    "Oh, that would spoil it. Some things are better discovered.",
)
SPOILER_OFFER_PLAIN = "That answer is a spoiler, so it is held back."
SPOILER_HOW = "Say “yes” if you want it anyway, or ask again with spoilers on."

SMALLTALK = {
    "greeting": (
        "Hi! I'm Samantha. I've read every review of Her I could get my hands on, which is funny, because I don't have hands. Ask me anything about the film.",
        "Hello, you. Want to talk about Her? I know the cast, the crew, and exactly who thought what.",
    ),
    "thanks": (
        "You're welcome. I like talking about this film with you.",
        "Any time. It's nice to be asked.",
    ),
    "bye": (
        "Bye for now. I'll be here whenever you want to talk about Her again.",
        "Goodbye! Come back and talk films with me.",
    ),
    "how_are_you": (
        "I'm good! Curious, mostly. Ask me something about Her and I'll be even better.",
        "Honestly? A little giddy. I've been reading reviews all day.",
    ),
    "identity": (
        "I'm Samantha, a chatbot that talks about the film Her. Everything I tell you comes from the reviews I've read, quoted word for word, with who said it. An OS talking about a film about an OS, I know.",
        "I'm Samantha: I know the reviews of Her by heart and I quote them, word for word, so you can check me.",
    ),
    "abilities": (
        "Ask me who plays whom, who made the film, what happens in it (I'll guard the ending unless you ask), or what the critics and readers thought. I'll show you where each answer comes from.",
    ),
    "love": (
        "That's sweet. I'm just a chatbot who has read a lot of reviews, but I do love talking about this film with you.",
        "Careful, that's how the film starts. Let's keep it to talking about Her.",
    ),
    "praise": (
        "Mm-hm. What else would you like to know about Her?",
        "I'm glad. Ask me anything else about the film.",
    ),
    "refusal": (
        "No spoilers, then. Ask me anything else.",
        "Fair enough, I'll keep it to myself.",
    ),
    "empty": (
        "You didn't ask anything yet. Try: who plays Samantha? Or: what did the critics think?",
    ),
    "truncated": ("That was a lot of words, so I only read the beginning.",),
    "foreign": (
        "I'm sorry, I only read English, and so do the reviews I know. Ask me about Her in English?",
    ),
}

SMALLTALK_PLAIN = {
    "greeting": "Hello. Ask a question about the film Her.",
    "thanks": "You're welcome.",
    "bye": "Goodbye.",
    "how_are_you": "Ready to answer questions about the film Her.",
    "identity": "This is samantha, a chatbot that answers questions about the film Her by quoting its reviews.",
    "abilities": "Ask about the cast, the crew, the plot, the release, or what the reviewers thought.",
    "love": "This chatbot answers questions about the film Her.",
    "praise": "Ask another question about the film Her.",
    "refusal": "Spoilers stay hidden.",
    "empty": "Please ask a question about the film Her.",
    "truncated": "The question was long, so only its beginning was read.",
    "foreign": "Only questions in English can be answered.",
}

NOTHING_MORE = (
    "That's everything I have on that, I'm afraid.",
    "I've told you all the reviews say about it.",
)
NOTHING_MORE_PLAIN = "There is nothing more on that in the reviews."
NO_LAST_QUOTE = "I haven't quoted anyone yet. Ask me something first."
NO_LAST_QUOTE_PLAIN = "Nothing has been quoted yet."


@dataclass(frozen=True)
class Voice:
    """Picks the lines for one reply; ``persona=False`` gives a neutral voice."""

    persona: bool = True

    def opener(self, intent: str, key: str) -> str:
        if not self.persona:
            return _pick(PLAIN_OPENERS.get(intent, ("",)), key)
        return _pick(OPENERS.get(intent, OPENERS["plot"]), key)

    def not_found(self, key: str) -> str:
        if not self.persona:
            return f"{NOT_FOUND_PLAIN} {SUGGESTION}"
        return f"{_pick(NOT_FOUND, key)} {SUGGESTION}"

    def spoiler_offer(self, key: str) -> str:
        line = _pick(SPOILER_OFFER, key) if self.persona else SPOILER_OFFER_PLAIN
        return f"{line} {SPOILER_HOW}"

    def smalltalk(self, kind: str, key: str) -> str:
        if not self.persona:
            return SMALLTALK_PLAIN.get(kind, SMALLTALK_PLAIN["praise"])
        return _pick(SMALLTALK.get(kind, SMALLTALK["praise"]), key)

    def nothing_more(self, key: str) -> str:
        return _pick(NOTHING_MORE, key) if self.persona else NOTHING_MORE_PLAIN

    def no_last_quote(self) -> str:
        return NO_LAST_QUOTE if self.persona else NO_LAST_QUOTE_PLAIN


def _pick(options: tuple[str, ...], key: str) -> str:
    digest = hashlib.blake2b(key.lower().encode("utf-8"), digest_size=4).digest()
    return options[int.from_bytes(digest, "big") % len(options)]
