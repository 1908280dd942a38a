"""samantha: a chatbot about Spike Jonze's film *Her* that answers from reviews, quoting them word for word.

    from samantha import Samantha
    bot = Samantha()
    reply = bot.ask("Who directed Her?")
    reply.text, reply.citations

The public names are listed in ``__all__``; everything else is private.
"""

from .bot import Samantha
from .dialogue import Conversation
from .errors import KnowledgeError, ModelError, SamanthaError, StateError
from .reply import Citation, Reply

__version__ = "0.1.0"

__all__ = [
    "Samantha",
    "Conversation",
    "Reply",
    "Citation",
    "SamanthaError",
    "KnowledgeError",
    "ModelError",
    "StateError",
    "__version__",
]
