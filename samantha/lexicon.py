"""The words and patterns the answerer reads questions and sentences with.

Lists of words and regular expressions only, kept apart from the logic so that a
reader can see (and a maintainer can extend) what counts as praise, as a question
about an age, or as a sentence that compares one film with another.
"""

from __future__ import annotations

import re

from .tokenizer import stem

# Words that say nothing about what is asked: every review is about the film.
GENERIC = {stem(w) for w in "film films movie movies her review reviews reviewer reviewers critic critics story plot piece article writeup".split()}
# The frame of a question rather than its topic: "what exactly", "roughly what year",
# "where does it take place". Keyword search ignores them; answer shapes use them.
FILLER = {
    w
    for w in """exactly actually really roughly basically just supposed kind sort type whole partway
    through happen happens happened year years take takes taking place places going go goes gone
    went stuff deal guy guys person name names called like though anyway whether yet still already officially
    technically truly final overall actual far right correct yeah innit roughly approximately approx meant
    um umm uh uhh er erm hmm hm ever nah nope according""".split()
}

# Phrases that say when, not what: "at first", "when the film starts".
TIME_FRAMES = re.compile(
    r"\b(at first|for the first time|the first time|in the beginning|at the (start|beginning)"
    r"|when the (film|movie|story) (starts|begins|opens)|at the start of the (film|movie)"
    r"|before (\w+ ){1,2}(comes along|arrives|shows up|appears)|before (he|she|they|\w+) (gets|buys|meets|installs|finds) (the |a |his |her )?(new )?\w+"
    r"|before (the|his|her) (os|ai|computer|operating system|samantha)"
    r"|(it )?turns out|turned out|in the first place|end(s|ed)? up|when (he|she|they|\w+) first)\b", re.I)

# Phrases that say how long the answer should be, not what it is about: "in a couple of words".
ANSWER_FRAMES = re.compile(
    r"\b(in (just |like |about |only )?(a|one|two|three|four|five|a few|a couple( of)?|\d) (words?|sentences?|lines?)|in (short|brief|a nutshell)|briefly"
    r"|(quick|short) (answer|version|summary)( please)?|keep it (short|brief)|tl;? ?dr|(one|two|three|\d) words?(?=\W*$)"
    # "the auteur behind Her", "the mind behind it": who made it, not what is behind something
    r"|(man|woman|mind|minds|person|people|auteur|brains?|genius|team|guy|one|talent) behind)\b", re.I)

# Words that ask for an opinion or a source rather than name a topic: the shape of the
# answer takes care of them, so they do not count as what the question is about.
ASKING = GENERIC | {
    stem(w)
    for w in """think thought say said says people anyone anybody someone somebody tell know happen happens
    happened does did do make made get got one thing things way watch watched see saw like liked likes feel felt
    opinion opinions view views sure also really could would called call describe described mention mentioned
    write wrote written other others complain complained complaint complaints praise praised dislike disliked hate
    hated love loved enjoy enjoyed good bad best worst positive negative anything something everything reader
    readers viewer viewers audience audiences user users fan fans reviewed criticism criticisms criticise
    criticize performance performances acting acted act acts role upset blog blogger bloggers wordpress any all at
    well rate rates rated impressed impress unimpressed earlier previous prior contrast contrasts contrasted
    compare compares compared remember recall mock mocks mocked mocking commenter commenters laugh laughs laughed
    laughing give gives gave given giving list explain summarise summarize outline show recount""".split()
}

POSITIVE = set(
    """great brilliant beautiful beautifully superb stunning dazzling perfect perfectly favourite favorites favourites
    best keeper touching heartfelt ingenious sincere authentic sharp admirable fabulous innovative unique funny fun
    sweet believable captivating heartwarming genuine uplifting worth natural fine good moving emotional intimate
    loved enjoy enjoyed recommend compliment infectious transcendent irresistible sophistication marvelling
    breathtakingly breathtaking magnificent highest praise stylish interesting thought provoking
    intriguing relatable sympathetic courage expertly powerful clever smart wonderful lovely
    gorgeous tender witty excellent impressive hopeful appreciated glad sexy favorite amazing awesome masterpiece
    terrific outstanding remarkable poignant charming delightful compelling convincing memorable nuanced subtle
    engaging superior dazzling husky stunning heartfelt""".split()
)
NEGATIVE = set(
    """empty emty dull overlong sickly drags bland static lacks lack boring slush embarrassing cringeworthy maudlin
    rubbish crap trash garbage naff
    ridiculous daft juvenile stupid dud difficult detachment worst weird disappointing sloppy repetitive goofy
    unfortunately fault problem problems suffers weighs heavily pathetic scary frosty
    distracting killingly creepy tad awful terrible tedious slow pretentious weak flat unconvincing annoying
    irritating mediocre forgettable overrated disappointed mess fails failed lacking hollow shallow predictable
    awkward""".split()
)
EVALUATIVE_PHRASES = {
    "top notch": 1, "well executed": 1, "thought provoking": 1, "one of the best": 1, "number one": 1,
    "steals many of the scenes": 1, "star of the show": 1, "worth the price": 1,
    "not a movie": -1, "too much": -1, "too long": -1, "drags": -1, "in a minority": -1, "taken too far": -1, "doesn’t quite work": -1, "feels empty": -1,
}
COMPARE_CUE = re.compile(
    r"(?i:remind|relate it to|companion piece|sort of like|links with|thematic|if you like|looks? like|version of|replica|opposite|unlike|in contrast|compared (to|with))|\((?:19|20)\d\d\)"
    r"|\b[Ll]ike [A-Z][a-z]+ [A-Z][a-z]+ in [A-Z]|(?i:\b(made|makes|shot|directed|filmed|wrote|written)\s+(this|it)\s+like\b)",
)
RECOMMEND_CUE = re.compile(r"if you like|should definitely|consider|queue|date movie|worth the price", re.I)
SHORT_FILM_CUE = re.compile(r"\bshort films?\b|\bshorts\b", re.I)
# A film's title: quoted, dated, listed in brackets, or "The Master" capitalised mid-sentence.
TITLE_CUE = re.compile(r"‘[A-Z]|“[A-Z]|\((?:[A-Z][\w’' ]*, )+[A-Z][\w’' ]*\)|\((?:19|20)\d\d\)|the man behind|own [A-Z]|short film"
                       r"|(?<=[a-z] )The [A-Z][a-z]+", re.M)
ANAPHORIC_START = re.compile(r"^(so|this|that|these|those|it|its|it’s|he|she|they|but|and|which|there|here)\b", re.I)
CREDIT_KINDS = {"credits"}
CRITIC_KINDS = {"critic review", "blog post"}
BLOG_KINDS = {"blog post"}
READER_KINDS = {"reader review", "comment", "member quote"}

# Awards and ages are checked even in a question about a credit: "did the screenplay win a
# Golden Globe?", "how old was he when it came out?"
# Winning needs a win; being passed over is answered by a missed nomination.
# Being upset that an actor missed out on an award is being upset about a nomination.
_MISSED = r"(disappoint\w*|upset|bother\w*|annoy\w*|angry|mad|robbed|didn'?t get|did not get|never got|missed out|nod)"
AWARD_CHECKS = (
    # (asked of a win: "did it win any Oscars?", not "what did Hunter say about the Oscars?")
    (re.compile(r"^(?!.*\b(nominat|snub|overlooked|passed over|awards?[- ]season|" + _MISSED[1:-1] + r"))"
                r"(?=.*\b(win|wins|won|winning|winner|get|gets|got|take|took|bag|bagged|receive|received|awarded|how many|any|pick(ed)? up)\b)"
                r"(.*\boscars?\b|.*\bacademy awards?|.*\bawards?\b|.*\bgolden globes?|.*\bbaftas?\b|.*\bwin\b|.*\bwon\b)"),
     re.compile(r"\boscar|\bacademy|\baward|\bglobe|\bbafta|\bwon\b|\bwin\b", re.I)),
    (re.compile(r"\bnominat\w*|\bsnub\w*|\boverlooked\b|\bpassed over\b|\bawards?[- ]season"
                r"|\b" + _MISSED + r"\b.*\b(awards?|oscars?)\b|\b(awards?|oscars?)\b.*\b" + _MISSED + r"\b"),
     re.compile(r"\bnominat", re.I)),
)
MARRIAGE = re.compile(r"\bmarri|\bwife\b|\bex-wife|\bwives\b|\bhusband|\bspouse|\bgirlfriend|\bboyfriend|\bpartner|\bdivorc", re.I)
# A sequel, or a release to watch at home: facts about the film no credit line states.
SEQUEL_CHECK = (re.compile(r"\bsequel|\bprequel|\bremake|\bher (2|two|ii)\b|\bpart (2|two)\b"), re.compile(r"\bsequel|\bprequel|\bremake", re.I))
# How explicit the sex is: only a sentence that speaks of sex answers.
SEX_CHECK = (re.compile(r"\b(explicit|raunchy|steamy|sexual content|sex stuff|how much sex)\b"), re.compile(r"\bsex\b", re.I))
# A dub, or a count of nominations: the credit for the original voice, or one nomination missed, is not it.
DUB_CHECK = (re.compile(r"\bdub\b(?! in)|\bdubs\b|\bdubbing\b|\bdubbed (into|in) (german|french|spanish|italian|japanese|chinese|hindi"
                        r"|portuguese|russian|korean|polish|dutch|other languages?|another language)\b"),
             re.compile(r"\bdub(s|bed|bing)?\b", re.I))
NOMINATION_COUNT_CHECK = (re.compile(r"\bhow many\b.*\bnominat\w*|\bnumber of\b.*\bnominat\w*"),
                          re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) (\w+ ){0,2}nominations\b", re.I))
HOME_RELEASE_CHECK = (re.compile(r"\bstream\w*|\bnetflix|\bdvd|\bblu-?ray|\bwhere can i watch|\bhome (video|release)"),
                      re.compile(r"\bstream\w*|\bdvd|\bblu-?ray|available on", re.I))
# Topics whose answer must be stated outright: a sentence that does not mention
# the topic cannot answer them, however close it seems.
TOPIC_CHECKS = (
    (re.compile(r"\bhow old\b|\bage\b(?! (rating|certificate|limit|restriction|group))|\bborn\b|\bbirthday"
                r"|\bin my (teens|20s|30s|40s|50s|60s|70s|twenties|thirties|forties|fifties|sixties|seventies)\b"
                r"|\b(young|younger|older) (people|person|viewers?|audiences?)|\bmy age\b"),
     re.compile(r"\b\d+ years? old|\bborn\b|\baged? \d|middle[- ]aged|\b(teens?|twenties|thirties|forties|fifties)\b|\b(over|under) \d\d\b", re.I)),
    (re.compile(r"\b(birth|real|given|legal) name\b"), re.compile(r"\bborn\b|\breal name\b|\bbirth name\b", re.I)),
    (re.compile(r"\bhow tall\b|\bheight\b"), re.compile(r"\b(tall|height|feet|ft|cm|metres?|meters?)\b", re.I)),
    (re.compile(r"\bin real life\b|\boff ?screen\b|\bpersonal life"), re.compile(r"real life|off ?screen|personal life", re.I)),
    (re.compile(r"\bvegan\b|\bvegetarian\b|\breligio\w*|\bpolitic\w*|\bdiet\b"),
     re.compile(r"\bvegan|\bvegetarian|\breligio|\bpolitic|\bdiet\b", re.I)),
    # A song named, not a song in a simile ("lives like a jackson brown song sounds").
    (re.compile(r"\bsongs?\b|\btrack ?list|\btracks?\b|\bsoundtrack album|\balbum\b"),
     re.compile(r"\bsongs? (called|titled|named)\b|[‘“\"][A-Z][^’”\"]+[’”\"],? (song|track)|\b(song|track),? [‘“\"][A-Z]|\balbum\b|\btracks\b", re.I)),
    (re.compile(r"\bbudget|\bcost\b|\bbox office|\bgross\w*|\bearn\w*|\bmoney|\brevenue|\bprofit|\bpaid\b(?! to)|\bpay\b|\bsalary|\bfee\b"),
     re.compile(r"[$£€]|\bbudget|\bmillion|\bbox office|\bgross", re.I)),
    *AWARD_CHECKS,
    # How long the shoot took: only a sentence giving its days or weeks answers.
    (re.compile(r"\bhow long\b.*\b(take|took|takes|to (film|shoot|make))\b.*\b(film|shoot|make|made|shot)\w*|\b(shoot|shooting|filming) (days|schedule)\b"
                r"|\bhow many (days|weeks|months)\b.*\b(film|shoot|shot|make|made)\w*"),
     re.compile(r"\b(days|weeks|months) (of )?(shoot|shooting|filming)|\b(shot|filmed) (in|over) (\d+|a few|several|two|three|four|five|six) (days|weeks|months)", re.I)),
    (re.compile(r"^(when|what year)\b.*\b(filming|shooting|shot|filmed)\b|\bfilming (start|began|begin|end)"),
     re.compile(r"\b(19|20)\d\d\b.*\b(shot|filmed|filming)|\b(shot|filmed|filming)\b.*\b(19|20)\d\d\b", re.I)),
    # A marriage said of the actor, not of the character: "is Scarlett Johansson married?"
    (re.compile(r"\b(married|marry|spouse|husband|wife|girlfriend|boyfriend)\b"), MARRIAGE),
    (re.compile(r"\bhow many (kids|children)\b|\b(have|has) (any )?(kids|children)\b"),
     re.compile(r"\b(kids|children|sons?|daughters?)\b", re.I)),
    (re.compile(r"\bschool\b|\bcollege\b|\buniversity\b|\bstudied\b|\bdegree\b"),
     re.compile(r"\bschool\b|\bcollege\b|\buniversity\b|\bstudied\b|\bdegree\b", re.I)),
    SEQUEL_CHECK,
    HOME_RELEASE_CHECK,
    (re.compile(r"\brotten tomatoes|\bimdb|\bmetacritic|\bletterboxd"), re.compile(r"rotten tomatoes|imdb|metacritic|letterboxd", re.I)),
    (re.compile(r"\b(after|post)[- ]?(the )?credits?\b|\bend[- ]credits? scene|\bstinger\b|\bmid[- ]credits?\b"),
     re.compile(r"\bafter the credits|\bpost-credits|\bstinger|\bmid-credits", re.I)),
)

# What a certificate does not say: how much swearing, nudity or violence there is.
# ("my sister swears it's Rooney Mara" asserts; it does not ask about swearing)
CONTENT_CHECK = (re.compile(r"\b(swearing|swear ?words?|sweary|swear (in it|a lot|much|at)|curs(e|es|ing)|profanity|bad language|strong language|f-?words?|nudity|naked|violen\w*|gore|gory|drugs?)\b"),
                 re.compile(r"\b(swear\w*|curs(e|es|ing)|profan\w*|language|f-?words?|nud\w*|naked|violen\w*|gor(e|y)|drugs?)\b", re.I))
# What someone made after Her: pages written when it came out can't say.
NEXT_WORK_CHECK = (re.compile(r"\b(direct|directed|make|made|do|did|film|shoot|star|starred|work|working)\b.{0,40}\b((right|straight|just) after|since) (her|this|that|it)\b"
                              r"|\b(direct|directed|make|made|do|did)\b.{0,30}\bafter (her|this|that|it)( one| film| movie)?\W*$"
                              r"|\bnext (film|movie|project|picture|role)\b|\b(doing|direct|directing|make|making|film|do) next\b"),
                   re.compile(r"\bnext (film|movie|project|picture)|\bsince then\b|\bwent on to\b|\bupcoming\b", re.I))
# A premiere asked for at a festival is not the release date.
FESTIVAL_CHECK = (re.compile(r"\bfestivals?\b"), re.compile(r"\bfestival", re.I))
FACT_TOPIC_CHECKS = (TOPIC_CHECKS[0], *AWARD_CHECKS, CONTENT_CHECK, SEX_CHECK, FESTIVAL_CHECK, SEQUEL_CHECK, HOME_RELEASE_CHECK,
                     DUB_CHECK, NOMINATION_COUNT_CHECK, NEXT_WORK_CHECK)
TOPIC_CHECKS = (*TOPIC_CHECKS, CONTENT_CHECK, SEX_CHECK, FESTIVAL_CHECK, DUB_CHECK, NOMINATION_COUNT_CHECK, NEXT_WORK_CHECK)

RELATION_PHRASES = {
    "director": "{v} directed Her",
    "writer": "{v} wrote it",
    "producer": "It was produced by {v}",
    "executive producer": "The executive producers are {v}",
    "music": "The music is by {v}",
    "additional music": "Additional music is by {v}",
    "cinematographer": "The director of photography is {v}",
    "editor": "It was edited by {v}",
    "costume designer": "The costumes were designed by {v}",
    "production designer": "The production designer is {v}",
    "casting": "Casting was by {v}",
    "sound design": "The sound design is by {v}",
    "video game animation": "The Perfect Mom video game animation is by {v}",
    "title design": "The title design is by {v}",
}

# A question about "the company" is answered with every company the credits name.
RELATED = {
    "production company": ("production company", "co-production", "presenter", "copyright"),
    "release date": ("release date", "year"),
    "year": ("year", "release date"),
}
# A job as the reviews state one: "a letter writer", "makes a living writing".
JOB_SHAPE = re.compile(r"\b(job|writer|writes letters|(a|his|her|their) living|works as|profession|career|employ\w*)\b", re.I)
# "What year is it set in?", "when is it supposed to be happening?": when the story happens, which a
# review may say anywhere, in passing ("It's sometime around 2025").
WHEN_SET = re.compile(r"\b(when|(what|which|exact|the) year|what time|what era|time period)\b.*\b(set(?! (it|him|her|them|up|things)\b| \w+ up\b)|take place|takes place"
                      r"|taking place|happening|(meant|supposed) to be)\b|\b(set(?! (it|him|her|them|up|things)\b| \w+ up\b)|takes? place|happening)\b.*\b(when|what year)\b")
# Words someone says, quoted: "what does she call him?" is answered by them.
QUOTED_WORDS = re.compile(r"[‘“][^’”]{3,}[’”]")
# "How many?", "how much?": a figure, or a number word.
FIGURE = re.compile(r"\b\d+\b")
AMOUNT = re.compile(r"\b\d+\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?)\b", re.I)
SPEECH = re.compile(r"[:,] ?[‘“'\"]\w|[‘“][A-Z][^’”]{10,}[’”]|\b(tells?|told|says?|said)\b[^.]{0,40}\bthat\b")

# What kind of words an answer to "when", "where" or "how many" holds, most specific first:
# the answerer takes the first kind asked for that some candidate has.
ANSWER_TYPES = (
    # "What year is it set in?" is best answered by a year; "the near future" comes next.
    (WHEN_SET, re.compile(r"\b20[2-9]\d\b")),
    (re.compile(r"\b(web ?site|url|web address|domain)\b|\b(what|which)('?s| is)? (the )?(name of (the|his|a) )?site\b"),
     re.compile(r"\w\.(com|net|org)\b|\bwww\.|\bwebsite\b", re.I)),
    (WHEN_SET,
     re.compile(r"\bfuture\b|\b20[2-9]\d\b|\bcentury\b|\bera\b|\bperiod\b", re.I)),
    # "When is it set?" asks when; "when he first turns it on, does it…?" only says when.
    (re.compile(r"^when (is|was|does|did|will|do|are|were|has|had|can|could)\b|\b(what|which) (year|time|decade|century)\b"), re.compile(r"\b(19|20)\d\d\b|\bfuture\b|\bcentury\b|\byears?\b|\bdays?\b|\bnights?\b|\bsoon\b|\btime\b", re.I)),
    # "Where…?", "and where", "know where"; not "the scene where she…", which only says which scene.
    (re.compile(r"(?:^|[,;:.?!(-]\s*|\b(?:and|but|so|or|know|tell me|wonder|ask|idea|sure|remember|say|says|said|mention|mentions|exactly|then)\s+)where\b(?! (things|it|he|she|they|we|matters) (stand|stands|stood|left|leaves|goes|went|is going|are going))(?! (is|was|are) \w+ (at )?(with|on) (his|her|their|the)\b)(?!.*\b(end(s|ed)? up|heading|headed|(come|comes|came|coming) from)\b)|\b(which|what) (city|country|place|town|location|parts?|areas?|districts?|neighbou?rhoods?) of (the|that|this) (city|town|place)\b|\b(which|what) (city|country|place|town|location)\b|\btakes? place\b"
                r"|\b(filmed|shot|made)\b.*\b(outside|abroad|overseas|in another country|elsewhere)\b"),
     re.compile(r"\b(LA|NYC)\b|\b(city|cities|town|backdrop|streets?|skyline|cityscapes?|set in|standing in|stands in|filmed in|shot in)\b"
                r"|\b(Los Angeles|New York|London|Paris|Shanghai|Tokyo|California\w*|China|America)\b")),
    # "What does she end up calling him?": words she says, quoted.
    (re.compile(r"\bwhat\b.*\b(call|calls|called|calling) (him|her|theodore|theo)(\W*$|\s+(at|on|in|after|before|during|when|as)\b)|\bcalling (him|her) (something|names|an? )"
                r"|\bwhat (word|name|insult)s? does (she|he)\b"),
     QUOTED_WORDS),
    # "Why is he called Twombly?": where a name comes from.
    (re.compile(r"\bwhy\b.{0,25}\b(called|named)\b|\bwhere (does|did) (his|her|the|its|that) (\w+ )?name come from|\bnamed after\b"
                r"|\b(origin|source|meaning) of (his|her|the|that) (\w+ )?name\b"),
     re.compile(r"\bnamed (after|for)\b|\bname (comes|came) from\b", re.I)),
    # "What's the product called?": a name the sentence gives ("OS1", "called beautifulhandwrittenletters.com").
    (re.compile(r"\bname of (the|his|her|that|this) (\w+ ){0,3}(product|system|software|program|os|ai|app|game)\b"
                r"|\bwhat('?s| is) (the|his|her) (\w+ ){0,3}(product|system|software|program|os|ai|app|game|thing)( \w+){0,3} called\b|\bproduct name\b"
                r"|\b(the|his|its) (computer|os|ai|system|operating system|software)'?s name\b"),
     re.compile(r"\b(called|named|titled)\b|\b[A-Z]{2,}\d+\b|: [A-Z]")),
    # "How many?" is answered by a figure before a number word ("8000" before "two people").
    (re.compile(r"\bhow many\b"), FIGURE),
    (re.compile(r"(^|[.?!] )how (many|much)\b"), AMOUNT),
    (re.compile(r"\bwhat (exactly |actually )?(do|does|did) (\w+ ){1,4}(say|tell|call)\b|\bwhat (is|was|'s) (said|the (quote|line))\b"
                r"|\b(thing|line|words?|remark|quote|insult)\b.*\b(say|says|said|tells?|told|throws?|threw|hurls?|spits?|snaps?)\b"), SPEECH),
    (re.compile(r"\b(do|does|did) for (a living|work|money)|\bpaid to\b|\b(job|jobs|profession|occupation|career|work as)\b"),
     JOB_SHAPE),
    (re.compile(r"\b(what|what's)\b.*\b(his|her) work\b|\b(his|her) work\b.*\bwhat\b"),
     JOB_SHAPE),
)
# The kinds of answer that are facts of the story, not words someone says or a count: asked of a
# review ("what year does Time Out say it's set in?"), they are the story as it tells it; "how much
# would she have cut?" is still her view.
STORY_TYPES = tuple((asked, shape) for asked, shape in ANSWER_TYPES if shape not in (QUOTED_WORDS, SPEECH, FIGURE, AMOUNT))
# Words that only say which kind of answer is wanted ("where was it set", "what does he do for
# work"): keyword search must not look for them, or "on the set of Her" answers "when is it set".
SHAPE_WORDS = {
    "set", "take", "takes", "place", "city", "town", "location", "located", "work", "works", "working",
    "job", "living", "paid", "career", "profession", "outside", "abroad",
}

ENDING_WORDS = {"end", "ends", "ending", "ended", "finale", "final", "finally", "last", "eventually"}

RATING_RELATIONS = ("user rating", "rating", "verdict", "user rating breakdown")
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "ten": "10"}


# Everyday ways of saying what the reviews say in their own words: "his evenings" are the
# nights they describe, "backing off" is withdrawing. Each pattern lends the question the
# reviewers' words, as alternatives to the words it matched.
EVERYDAY_WORDS = (
    (re.compile(r"\bevenings?\b|\bafter work\b"), "night nights"),
    (re.compile(r"\bspare time\b|\bdowntime\b|\bpass(es)? the time\b|\bhobb(y|ies)\b|\bwhen (he|she)('s| is)n'?t working\b|\boff work\b"),
     "free time night"),
    (re.compile(r"\b(so|feeling|very|really) down\b(?! in the dumps)|\bupset\b|\bmiserable\b|\bunhappy\b|\bdepressed\b|\bdown in the dumps\b|\bmentally\b|\bemotionally\b|\bstate of mind\b|\bheadspace\b|\bframe of mind\b|\bgloomy\b|\bsad\b"
                r"|\bheart-?broken\b|\bbroken-?hearted\b|\bheartbreak\b"),
     "sad lonely melancholy loneliness mopey heart"),
    (re.compile(r"\binstall(s|ed|ing)?\b|\b(switch|turn)(s|es|ed|ing)? (\w+ ){0,3}on\b|\bboots? up\b|\bset(s|ting)? up\b"),
     "activates questions introduces"),
    (re.compile(r"\b(the|an|his|her|new) (os|ai)\b|\bos1\b"), "operating system"),
    (re.compile(r"\b(meant|supposed|made|built|there) to (do|be for)\b|\b(its|the) (purpose|point)\b|\bwhat (is|'s) it for\b"), "designed need"),
    (re.compile(r"\bfilming\b|\bthe shoot\b|\bshooting\b|\bduring production\b"), "set performed"),
    (re.compile(r"\b(a different|another) (actress|actor)\b|\bsome(one|body) else\b|\boriginally\b|\balways\b|\brecast\w*"),
     "replaced performed role"),
    (re.compile(r"\bback(s|ed|ing)? (off|away)\b|\bpull(s|ed|ing)? (back|away)\b|\bdistance[sd]? himself\b|\bkeeps? (his|her) distance\b"
                r"|\b(go|goes|went|going|turns?|turned) cold\b|\bcold on (her|samantha|him)\b"),
     "withdraws withdrawn"),
    (re.compile(r"\bpush(es|ed|ing)?\b|\bnudge[sd]?\b|\burge[sd]?\b|\bset(s)? (him|theodore|theo|it|that|the date) up\b|\barranged? (it|the date)\b|\bget(s)? (him|theodore|theo) to\b|\btalk(s|ed)? (him|theodore|theo) into\b"),
     "encouraged help"),
    (re.compile(r"\bfall(s|ing)? for\b|\bfell for\b|\battract(s|ed|ive|ion)?\b|\bsees? in (her|him)\b"),
     "attractive appreciate intimacy"),
    (re.compile(r"\bgo(es|ing)? out with\b|\bwent out with\b|\bgo(es|ing)? steady\b"), "dating relationship"),
    (re.compile(r"\bonline dating\b|\bdating (apps?|sites?)\b|\bdating online\b"), "computer dating"),
    (re.compile(r"\bbody[- ]?doubles?\b|\bstand[- ]?ins?\b|\bstand(s|ing)? in (as|for)\b|\bsurrogates?\b|\bbe (her|samantha'?s|sam'?s) body\b|\bphysical (body|form)\b"),
     "avatar surrogate isabella"),
    (re.compile(r"\bwear(s|ing)?\b|\bput(s)? on\b"), "dons dressed"),
    (re.compile(r"\bproduct( name)?\b|\bbrand\b|\bmodel\b"), "os1 called"),
    (re.compile(r"\bnasty\b|(?<!i )(?<!you )\bmean\b(?! (by|to say|that))|\bturns? on him\b|\bangry\b|\bhostile\b|\bsour\b"), "vitriol creepy switches"),
    (re.compile(r"\bnamed? (after|for)\b|\bname\b.*\b(nod|reference|homage|tribute)\b"
                r"|\b(nod|reference|homage|tribute) to (any|some)(one|body|thing)\b|\b(name|surname)\b.*\b(comes?|came) from\b"), "named painter after"),
    (re.compile(r"\bsurname\b|\blast name\b"), "twombly named"),
    (re.compile(r"\breact(s|ed|ion)?\b|\btake (it|the whole)\b|\bthink of (him|them) dating\b"), "judge reaction"),
    # "Do people think it's strange that he's in love with an OS, or is everyone fine with it?"
    (re.compile(r"\b(think|thinks|find|finds)\b.*\b(strange|weird|odd|freaky|a freak|a weirdo)\b.*\b(dating|in love|going out|relationship)\b"
                r"|\b(fine|okay|ok|cool) with (it|that|him)\b"), "judge accept"),
    (re.compile(r"\bthe only (one|guy|person|man|people)\b|\banyone else\b.*\b(dating|in love)|\bother people\b.*\b(dating|os|computers?)"),
     "everyone others more people"),
    (re.compile(r"\bthrows? (\w+ )?(at|in) (him|his face)|\blash(es)? out|\binsults?\b|\bhave a go at|\btears? into"),
     "devastating bitter vitriol"),
    (re.compile(r"\b(in|into|to|up in|burst into) tears\b|\btear(ed|ing)? up\b|\bweep\w*|\bsobb?\w*|\bbawl\w*|\bblub\w*"
                r"|\b(wrecked|destroyed|gutted|floored|ruined) me\b|\bin (bits|pieces)\b"
                r"|\b(get|gets|got|getting|make|makes|made) (\w+ )?emotional\b|\bteary\b|\bwaterworks\b"), "crying cry cried heartbreaking"),
    (re.compile(r"\btrousers\b|\bpants\b|\bslacks\b"), "dad-slacks high-waisted slacks"),
    (re.compile(r"\boccasions?\b|\bnight in\b|\bdate night\b|\bgood (to watch )?for a date\b|\bwho to watch it with\b"), "date movie night"),
    (re.compile(r"\bsnub(bed|s)?\b|\b(got |was )?robbed\b|\boverlooked\b|\bpassed over\b"), "nomination disappointing"),
    (re.compile(r"\b(the|its|a|uk|us|british|american) release\b|\breleased\b|\b(came|come|comes|coming) out\b"), "launch"),
    (re.compile(r"\bfeelings?\b|\bfeel (things|stuff|anything)\b|\bfak(e|es|ing)\b|\bpretend\w*|\bimitat\w*"), "emotions emote experience"),
    (re.compile(r"\boriginal\b|\bunoriginal\b|\bfresh\b|\bclich\w*|\bformulaic\b"), "run mill novel unique idea"),
    (re.compile(r"\bchange[sd]?\b|\bchanging\b|\bstay(s)? the same\b|\bdevelop(s|ed|ing)?\b|\bthe same\b.*\bwhole time\b"),
     "grows growing evolves learns"),
    (re.compile(r"\b(want|wants|wanted|wanting|get|gets|getting|crave|craves|longs? for|wish(es)? for) (a|an|her own|a real|a physical|a human) (body|form)\b"),
     "physical avatar"),
    (re.compile(r"\banother woman\b|\ba third person\b|\bsome(one|body) else'?s body\b"), "avatar surrogate sympathetic woman"),
    (re.compile(r"\bhandle[sd]?\b|\bcope[sd]?\b|\bdeal(s|t)? with\b"), "withdraws comfortable creeps"),
    (re.compile(r"\bdrag(s|ging)? (his|her) feet\b|\bput(s|ting)? (\w+ )?off\b|\bstall\w*|\bprocrastinat\w*"), "delaying"),
    (re.compile(r"\b(phone|voice|virtual|digital|smart) assistants?\b|\balexa\b|\bcortana\b"), "siri"),
    # "Did he like any of the actors?": the reviews speak of performances
    (re.compile(r"\b(the|any of the|which) (actors?|actresses|cast)\b"), "performances performance"),
    (re.compile(r"\bsoundtrack\b(?! album)|\bthe score\b"), "music"),
    (re.compile(r"\boscars?\b|\bacademy awards?\b"), "nomination"),
    (re.compile(r"\bsister (film|movie|piece)\b|\btwin (film|movie)\b|\bpaired with\b"), "companion piece"),
    (re.compile(r"\bbor(ing|ed|es)\b|\btedious\b|\bsnooze\w*|\bsleep(y|ing)\b"), "dull drags static bland"),
    (re.compile(r"\bwardrobe\b|\boutfits?\b|\bclothes\b|\bclothing\b|\bfashions?\b"), "wears dressed slacks fashions clothes"),
    (re.compile(r"\btrousers\b|\bpants\b|\bslacks\b|\bjeans\b"), "slacks waisted wears"),
    (re.compile(r"\b(speaks?|talks?)\b.*\bfirst time\b|\bfirst words\b|\bcomes? to life\b|\bwakes? up\b|\bcomes? on\b|\bstarts? (talking|speaking)\b"),
     "activates introduces questions"),
    (re.compile(r"\bon (the )?set\b|\boriginal(ly)?\b.*\b(voice[sd]?|play\w*|role|cast)\b|\b(someone|somebody) else\b.*\b(voice[sd]?|play\w*|role|doing)\b"
                r"|\breplac\w*\b.*\b(voice|actress|role)\b|\brecast\b"), "performed set barrier role"),
    (re.compile(r"\bask(s|ed|ing)? (him|her|you|them) (stuff|things|anything|questions|about)\b|\bquiz\w*\b"), "questions answering"),
    # "How does he talk to her, through his phone or an earbud?"
    (re.compile(r"\b(ear ?buds?|ear ?phones?|head ?phones?|headset|airpods?)\b"
                r"|\bhow (does|do) (he|they|theodore|theo) (\w+ )?(talk|speak|communicate)\b|\bcarr(y|ies|ied) (her|samantha|sam|it) (around|about|with)\b"),
     "earpiece dot camera"),
    (re.compile(r"\b(her|samantha'?s|sam'?s|the os'?s?|the ai'?s?) personality\b|\bwhat('?s| is) (she|samantha|sam) like\b"), "perky curious voice"),
    (re.compile(r"\b(last|final) (talk|chat|conversation)\b"), "final conversation"),
    (re.compile(r"\bcolou?rs?\b|\bpalette\b|\bshades?\b"), "tones pastel yellow peach colours"),
    (re.compile(r"\bset-?up date\b|\bdate (they|she|he) (set|arranged)\b"), "blind date"),
    (re.compile(r"\bpaperwork\b|\bforms?\b"), "papers signing"),
    (re.compile(r"\bpainters?\b|\bpaint(s|ed|ing)?\b"), "paintings painted"),
    (re.compile(r"\b(show|shows|shown|see|depict\w*)\b.*\bsex\b|\bsex scenes?\b"), "screen blank virtual"),
    (re.compile(r"\b(live|lives|living) in\b|\bhome ?town\b"), "set city backdrop"),
    (re.compile(r"\b(prank|stunt|reality|tv|television|skateboard\w*) (show|series|programme|program|crew)\b"), "jackass member interim"),
    (re.compile(r"\bhow (does|did|do) (he|theo|theodore) (take|handle|feel about|react to|cope with)\b"), "creeps withdraws comfortable"),
    (re.compile(r"\bhelp(s|ed)? (him|theodore|theo) (with|out)\b|\bwhat does (she|samantha|sam) do for (him|theodore|theo)\b"),
     "emails organises proofreads"),
    (re.compile(r"\bgetting into\b|\bget(s)? into\b|\bsmarter\b|\binterests?\b|\btakes? up\b"), "quantum physics music learning"),
    (re.compile(r"\bgadgets?\b|\bdevices?\b|\bear ?phones?\b|\bhead ?phones?\b|\bear ?buds?\b|\bheadsets?\b"), "earpiece camera dons"),
    (re.compile(r"\bcompany (he|theodore|theo) works?\b|\bwhere (he|theodore|theo) works\b|\b(his|theodore'?s) (workplace|office|employer|firm)\b"
                r"|\bkind of company\b"), "company florist employers"),
    (re.compile(r"\bsplit(s|ting)? up\b|\bseparat\w+\b"), "divorce break-up"),
    (re.compile(r"\bperk(s|ed)? up\b|\bcheer(s|ed)? up\b|\bhappier\b|\bcomes? alive\b|\bout of his shell\b"), "back life feel better shell"),
    (re.compile(r"\bsoppy\b|\bsappy\b|\bcheesy\b|\bmushy\b|\bschmaltz\w*|\bsentimental\b"), "slush maudlin sentiments cringeworthy"),
    (re.compile(r"\bjokes?\b|\bfunny\b|\bhumou?r\w*|\blaughs?\b"), "humour comedic funny"),
    (re.compile(r"\bvalentine'?s?\b"), "valentines date movie"),
    (re.compile(r"\b(go|goes|going|went|gone) (wrong|south|sour|badly)\b"), "disastrous switches vitriol"),
    (re.compile(r"\b(asked|asks|wanted|wants|pushed|initiated|started) (for )?(the |a )?divorce\b"), "filed"),
    (re.compile(r"\b(go|goes|went|going) out together\b|\b(another|other) couple\b|\bgroup date\b"), "double date"),
    (re.compile(r"\bthe state (he'?s|he is|theodore'?s|theodore is) in\b|\bframe of mind\b|\b(his|theodore'?s) (mood|mental state|state of mind)\b"
                r"|\bwhat (kind of |sort of )?state\b|\bemotionally\b|\bhow('?s| is) (he|theodore|theo) doing\b|\bis (he|theodore|theo) happy\b"
                # what the hero is like: "theodore as a guy", "his personality", "state of mind at the start"
                r"|\bstate of mind\b|\b(his|theodore'?s|theo'?s) personality\b|\b(he|theodore|theo)\b.*\b(personality|as a (person|guy|man))\b"
                r"|\bwhat (kind|sort) of (a )?(guy|person|man|character) is (he|theodore|theo)\b|\bdescribe (him|theodore|theo)\b"),
     "withdrawn mopey lonely heart"),
    (re.compile(r"\bfriends?\b.*\b(feel|see|think|view|react)\b|\b(feel|see|think|view)\b.*\bfriends?\b"), "worry withdrawn mopey"),
    (re.compile(r"\b(watch|watched|see|saw|seen|went to see) (it|the film|the movie|her) with\b"), "saw friend"),
    (re.compile(r"\bdate[- ]night\b|\b(a )?date (film|movie|watch)\b|\b(watch|see) (it |this )?with (my )?(husband|wife|partner|boyfriend|girlfriend|date)\b"),
     "date movie"),
    (re.compile(r"\b(in|over) (one|a single) (night|evening|date)\b|\b(so|really|very|too) (fast|quick\w*)\b"),
     "single cram whole cycle"),
    (re.compile(r"\btoo long\b|\bdrag(s|ged|ging)?\b|\bslow\b|\blength\b|\bpacing\b|\bgo(es)? on (too long|forever)\b"),
     "overlong drags minutes static repetitive"),
    (re.compile(r"\b(the )?way (it|the film|the movie|her) looks\b|\bhow (it|the film|the movie) looks\b|\bthe look of\b|\bvisual(s|ly)?\b|\blooks? (great|good|beautiful|gorgeous|stunning)\b"),
     "shot glow colours tones pastel"),
    (re.compile(r"\b(have|has|got|without) (a |any )?(\w+ )?(body|physical form|face)\b|\bbodiless\b|\bdisembodied\b|\bsee (her|samantha)\b"),
     "body invisible never seen voice"),
    (re.compile(r"\bchange[sd]? (his|her|theodore'?s?|theo'?s?) life\b|\b(effect|impact) on (him|theodore|theo)\b|\bhelp(s|ed)? (him|theodore|theo)\b"),
     "back life feel better shell"),
    (re.compile(r"\b(get|gets|getting|got|acquire[sd]?|obtain(s|ed)?) (the|an|his|her|a|this) (new )?(os|ai|operating system|software)\b"
                r"|\b(get|gets|getting|got) samantha\b|\bgives? her to him\b"),
     "buys purchases"),
    (re.compile(r"\brobots?\b|\bandroids?\b|\bcyborgs?\b|\b(a|just a|computer) program\b|\bcomputer thing\b|\bsoftware\b|\bchat ?bot\b"),
     "operating system artificial intelligence"),
    (re.compile(r"\bby (him|her)self\b|\bon (his|her) own\b|\bsingle-?handed\w*|\bcarr(y|ies|ied|ying) (\w+ ){0,3}(film|movie)\b"),
     "alone sole"),
    (re.compile(r"\bmarried\b|\bmarriage\b|\bex-?wife\b|\bhis ex\b"), "divorce wife marriage"),
)

# Words that give a reason: "because she isn't getting paid", "since the two went through a break up".
REASONING = re.compile(r"\b(because|since|as a result|that's why|that’s why|which is why|so that|due to|thanks to|the reason)\b", re.I)
# What a story gives as the cause of a state: "nursing a broken heart after his marriage falls apart".
CAUSE = re.compile(REASONING.pattern + r"|\bafter (his|her|their|a|an|the)\b|\brecovering from\b|\bin the wake of\b", re.I)
