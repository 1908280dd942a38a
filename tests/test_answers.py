"""What a person sees when they ask one question: facts, quotes, opinions, honesty, spoilers, voice."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import scoring  # noqa: E402

FURNITURE = ("Leave a Reply", "WordPress.com", "BFI Southbank", "Subscribe", "stackedit", "people listening", "Log Out")


def verbatim(bot, citation) -> bool:
    text = bot.knowledge.source(citation.source).text
    return all(part.strip() in text for part in citation.excerpt.split("…") if part.strip())


def check_citations(bot, reply) -> None:
    excerpts = [c.excerpt for c in reply.citations]
    assert len(excerpts) == len(set(excerpts)), "a reply never repeats an excerpt"
    for citation in reply.citations:
        assert verbatim(bot, citation), citation.excerpt
        assert not any(f in citation.excerpt for f in FURNITURE)
        assert citation.label == bot.knowledge.source(citation.source).label
        assert f"[{citation.number}]" in reply.text


@pytest.mark.parametrize(
    ("question", "expected", "source"),
    [
        ("Who directed Her?", "Spike Jonze", "bfi-credits"),
        ("who directd her", "Spike Jonze", "bfi-credits"),
        ("Who plays Theodore?", "Joaquin Phoenix", "bfi-credits"),
        ("who plays catherine", "Rooney Mara", "bfi-credits"),
        ("Who voices Samantha? 🤖", "Scarlett Johansson", "bfi-credits"),
        ("Who designed the costumes?", "Casey Storm", "bfi-credits"),
        ("who did the music", "Arcade Fire", "bfi-credits"),
        ("Who shot it?", "Hoyte van Hoytema", "bfi-credits"),
        ("How long is it?", "126", "timeout-details"),
        ("When was it released in the UK?", "February 14 2014", "timeout-details"),
        ("What is it rated?", "15", "timeout-details"),
        ("who found the filming locations", "Rick Schuler", "bfi-credits"),
        ("who kept track of continuity on set, like making sure each take matched the script", "Tracy Lynn Scott", "bfi-credits"),
        ("who recorded the sound on set during filming?", "Drew Kunin", "bfi-credits"),
        ("And who did the final sound mix after shooting? the mixing in post", "David Parker", "bfi-credits"),
        ("Who designed the whole world of the film, like the sets and overall look of future LA?", "K.K. Barrett", "bfi-credits"),
    ],
)
def test_credits_answer_from_the_line_that_states_them(bot, question, expected, source):
    reply = bot.ask(question)
    assert reply.found
    assert expected in reply.text
    assert source in {c.source for c in reply.citations}
    check_citations(bot, reply)


def test_an_actor_is_found_by_a_misspelt_surname(bot):
    reply = bot.ask("what role does johanson play")
    assert "Samantha" in reply.text and "Scarlett Johansson" in reply.text


def test_an_everyday_word_is_not_read_as_a_reviewers_name(bot):
    reply = bot.ask("loved it. other spike jonze stuff i should check out?")
    assert "Being John Malkovich" in reply.text
    assert "Mainstream Chick" not in reply.text


def test_a_name_spelt_like_another_english_name_still_finds_the_character(bot):
    assert "Portia Doubleday" in bot.ask("who plays isabel").text


@pytest.mark.parametrize(
    "question",
    [
        "how would you describe theodore as a guy? personality wise",
        "describe theodore as a person in a couple words",
        "theodore state of mind at start",
        "what do his friends think of how he's doing after the breakup",
    ],
)
def test_what_the_hero_is_like_is_told_in_the_reviews_words(bot, question):
    # Not in the fans' table, which asks with spoilers on: "at the start" is asked with them off.
    reply = bot.ask(question)
    assert re.search(r"mopey|puppy-doggish|lonely writer", reply.text)
    check_citations(bot, reply)


@pytest.mark.parametrize("question", ["does amy get an OS too?", "Does Amy get involved with an OS too?"])
def test_a_story_question_about_a_minor_character_is_answered_about_them(bot, question):
    reply = bot.ask(question)
    assert "Amy" in reply.citations[0].excerpt
    assert "friends with hers" in reply.text


def test_people_in_her_are_its_characters_not_its_audience(bot):
    reply = bot.ask("the way people in Her accept the OSs peacefully remind one reviewer of a Spielberg film, which?")
    assert "Close Encounters" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "did the blogger think joaquin phoenix deserved an oscar nom",
        "Does the blogger Hunter think Phoenix should've got a best actor nomination?",
        "did any reviewer think phoenix got snubbed",
    ],
)
def test_a_nomination_asked_about_is_answered_where_a_review_speaks_of_one(bot, question):
    reply = bot.ask(question)
    assert "lack of best actor nomination" in reply.citations[0].excerpt


@pytest.mark.parametrize(
    "question",
    ["was this the first script spike jonze wrote on his own", "Is this the first film Jonze wrote on his own?"],
)
def test_a_credit_asked_with_more_in_it_quotes_the_review_that_says_more(bot, question):
    reply = bot.ask(question)
    assert "Spike Jonze wrote it" in reply.text
    assert "first sole feature screenplay credit" in reply.text


@pytest.mark.parametrize("question", ["are u a real person or an AI like samantha lol", "r u a real person or another samantha 😂"])
def test_an_ai_like_samantha_asking_about_me_is_small_talk(bot, question):
    reply = bot.ask(question)
    assert reply.intent == "smalltalk" and reply.citations == ()


def test_a_reviewer_on_an_actors_work_is_quoted_where_they_name_the_actor(bot):
    reply = bot.ask("nick james on scarlett's voice work - good or bad?")
    assert "voice performance is superb" in reply.text


def test_the_critics_of_it_are_whoever_criticised_it(bot):
    reply = bot.ask("For a school essay on the film's reception: was it universally praised, or did some viewers "
                    "dislike it? Who were the critics of it and what were their complaints?")
    assert re.search(r"overlong|lacks humour|dud", reply.text)


def test_setting_something_up_is_not_asking_when_the_film_is_set(bot):
    reply = bot.ask("how does he set samantha up when he first installs it, does it quiz him?")
    assert "a few questions about himself" in reply.text


def test_the_scene_where_names_a_scene_and_does_not_ask_where(bot):
    reply = bot.ask("the lunch with his ex where she lays into him about samantha, what's the line she says?")
    assert "without the challenges of someone real" in reply.text
    check_citations(bot, reply)


def test_plot_questions_quote_the_sentence_that_answers(bot):
    reply = bot.ask("What is Theodore's job?")
    assert reply.found
    assert re.search(r"letter|writer|writes", reply.text)
    check_citations(bot, reply)


def test_who_said_names_the_reviewer(bot):
    reply = bot.ask("Who said it would make a good radio play?")
    assert "sonia Claris" in reply.text
    assert reply.citations[0].source == "timeout-reader-sonia-claris"


def test_a_reviewers_opinion_is_theirs_with_their_name(bot):
    reply = bot.ask("What did Desmond F think of it?")
    assert {c.source for c in reply.citations} == {"timeout-reader-desmond-f"}
    assert "Desmond F" in reply.text


def test_opinions_give_praise_and_complaints_with_attribution(bot):
    reply = bot.ask("What did people think of the film?")
    assert "Praise" in reply.text and "Complaints" in reply.text
    assert len({c.source for c in reply.citations}) >= 3
    for citation in reply.citations:
        assert citation.label in reply.text
    check_citations(bot, reply)


def test_ratings_give_the_pages_figures(bot):
    reply = bot.ask("What's the average user rating?")
    assert "3.4 / 5" in reply.text
    reply = bot.ask("How many stars did the blog give it?")
    assert "4/4 stars" in reply.text


@pytest.mark.parametrize(
    "question",
    ["What is the capital of France?", "What was the film's budget?", "How much did it make at the box office?",
     "Who plays Theodore's sister?", "Who won the 2014 World Cup?", "How old is Scarlett Johansson?",
     "What rating did Roger Ebert give Her?"],
)
def test_questions_the_reviews_do_not_answer_get_an_honest_no(bot, question):
    reply = bot.ask(question)
    assert reply.found is False
    assert reply.citations == ()
    assert "review" in reply.text.lower()
    assert "cast" in reply.text  # she suggests what she can talk about


@pytest.mark.parametrize("question", ["hello", "thanks!", "Who are you?", "bye", "what can you do? are you a person or a program",
                                      "ok thank u so much, that helped a ton for tonights club meeting!!"])
def test_small_talk_is_in_her_voice_with_no_citations(bot, question):
    reply = bot.ask(question)
    assert reply.citations == ()
    assert reply.text


def test_spoilers_are_held_back_unless_asked_for(bot):
    hidden = bot.ask("How does it end?")
    assert "spoil" in hidden.text
    assert hidden.spoiler_withheld and hidden.citations == ()
    shown = bot.ask("How does it end?", spoilers=True)
    assert shown.citations and not shown.spoiler_withheld
    spoilers = {s.text for s in bot.knowledge.sentences if s.spoiler}
    parts = [part.strip() for c in shown.citations for part in c.excerpt.split("…") if part.strip()]
    assert any(part in text or text in part for part in parts for text in spoilers)


@pytest.mark.parametrize(
    "question",
    ["What's the name of the website Theodore writes for? I think it ends in .com",
     "What does his date call him at the end of the blind date?",
     "how does theodore end up getting the OS in the first place"],
)
def test_an_end_that_is_not_the_films_is_not_a_spoiler(bot, question):
    reply = bot.ask(question)
    assert not reply.spoiler_withheld
    assert reply.citations


def test_no_spoiler_is_quoted_by_default(bot):
    spoilers = [s for s in bot.knowledge.sentences if s.spoiler]
    # ("This evolution reminds me of 2001" follows a spoiler: it is quoted without it)
    for question in ["What happens between Theodore and Samantha?", "What did jimbo g think?", "Tell me about Samantha",
                     "what films does hunter compare her to"]:
        for citation in bot.ask(question).citations:
            assert not any(citation.excerpt.strip("…") in s.text for s in spoilers), citation.excerpt
            assert not any(s.source_id == citation.source and s.start < citation.end and citation.start < s.end
                           for s in spoilers), citation.excerpt


def test_plain_voice_gives_the_same_facts(bot):
    warm = bot.ask("Who directed Her?")
    plain = bot.ask("Who directed Her?", persona=False)
    assert warm.citations == plain.citations
    assert plain.text != warm.text
    assert "Spike Jonze directed Her" in plain.text


def test_the_same_question_gets_the_same_reply(bot):
    assert bot.ask("What did the critics think?").to_dict() == bot.ask("What did the critics think?").to_dict()


def test_different_questions_get_different_voice_lines(bot):
    openers = {bot.ask(q).text.split("\n")[0] for q in
               ["Who directed Her?", "Who wrote Her?", "Who edited Her?", "Who shot Her?", "Who did the casting?",
                "Who designed the costumes?", "Who produced it?", "Who did the sound design?"]}
    assert len(openers) >= 3


def test_long_sentences_are_cut_with_an_ellipsis_and_stay_verbatim(bot):
    reply = bot.ask("What is Theodore's employer compared to?")
    long_cuts = [c for c in reply.citations if "…" in c.excerpt]
    for citation in long_cuts:
        assert verbatim(bot, citation)
    check_citations(bot, reply)


def test_keyword_only_mode_still_answers(keyword_bot):
    reply = keyword_bot.ask("Who said it would make a good radio play?")
    assert "sonia Claris" in reply.text


def test_empty_question_is_a_gentle_nudge_not_an_error(bot):
    for question in ["", "   ", "\n\t"]:
        reply = bot.ask(question)
        assert reply.found is False and reply.citations == ()
        assert reply.text


def test_reply_is_json_safe(bot):
    data = bot.ask("Who plays Amy?").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data["citations"][0]) >= {"number", "source", "label", "excerpt"}


def test_the_question_set_passes(bot):
    """The project's own question set: at least 90% pass and every citation verbatim."""
    cases = json.loads((ROOT / "benchmarks" / "questions.json").read_text(encoding="utf-8"))
    pages = scoring.load_pages(ROOT / "knowledge" / "pages")
    passed = 0
    for case in cases:
        conversation = bot.conversation(spoilers=bool(case.get("flags", {}).get("spoilers")))
        for turn in case["turns"]:
            reply = conversation.ask(turn)
        result = scoring.score_case(case, reply.to_dict(), pages)
        passed += result.passed
        for citation in reply.citations:
            assert verbatim(bot, citation), (case["id"], citation.excerpt)
    assert passed / len(cases) >= 0.9


def test_an_actor_and_their_character_make_one_cast_line(bot):
    reply = bot.ask("does scarlett johansson play samantha")
    assert reply.text.count("Scarlett Johansson plays Samantha") == 1


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("the actress who plays Isabella, what is her name?", "Portia Doubleday plays Isabella"),
        ("the actress who plays the girl samantha sends over as a stand in, who is she", "Portia Doubleday plays Isabella"),
        ("who plays the woman samantha hires to be her body", "Portia Doubleday plays Isabella"),
        ("who plays the blind date", "Olivia Wilde plays the blind date"),
        ("Who took the part of Isabella, the surrogate?", "Portia Doubleday plays Isabella"),
        ("Who is credited as Isabella, the surrogate date?", "Portia Doubleday plays Isabella"),
        ("in the cast list on the bfi page, who plays Paul", "Chris Pratt plays Paul"),
        ("the bfi cast list has Olivia Wilde in it - what's her character called?", "Olivia Wilde plays the blind date"),
        ("rooney mara's character name?", "Rooney Mara plays Catherine"),
        ("lead actor", "Joaquin Phoenix plays Theodore"),
        ("😍😍😍 scarlet johanson voice is sooo good!!! who does she play in it??? 🙏", "Scarlett Johansson plays Samantha"),
        ("the blogger said the Isabella scene weirded him out - who played Isabella?", "Portia Doubleday plays Isabella"),
        ("Which actress plays the woman he goes on the blind date with?", "Olivia Wilde plays the blind date"),
        ("cn u tell me wat the ais name is lol 🤖💕💕 thx", "Scarlett Johansson plays Samantha"),
    ],
)
def test_a_part_asked_for_by_name_or_description_gets_its_actor(bot, question, expected):
    reply = bot.ask(question)
    assert expected in reply.text
    check_citations(bot, reply)


@pytest.mark.parametrize("question", ["give me a quick summary of the plot", "what is it about?", "whats the movie about"])
def test_what_it_is_about_quotes_a_reviewers_summary(bot, question):
    reply = bot.ask(question)
    assert reply.found and reply.citations
    assert re.search(r"falls in love|story of|near future", reply.text)


def test_a_review_word_is_not_taken_for_a_name(bot):
    reply = bot.ask("who is Paul")
    assert "Chris Pratt plays Paul" in reply.text
    assert "bioplasm" not in reply.text  # "chips" is not "Chris"


@pytest.mark.parametrize(
    ("question", "expected", "source"),
    [
        # a question that only says what kind of answer it wants is answered by that kind
        ("What's the name of the site Theodore writes letters for?", "beautifulhandwrittenletters.com", "blog-hunter-review"),
        ("Roughly what year does the story take place in?", "2025", "timeout-review"),
        ("wat year is it set in 🤖", "2025", "timeout-review"),
        # an age or a missed nomination stated outright, not the words of the question
        ("Did any reviewer say your age decides whether you'll like it?", "under 30", "timeout-reader-david-glowacki"),
        ("Did anyone think Joaquin got snubbed for awards?", "best actor nomination", "blog-hunter-review"),
    ],
)
def test_questions_of_a_kind_get_a_sentence_of_that_kind(bot, question, expected, source):
    reply = bot.ask(question)
    assert reply.found
    assert expected in reply.text
    assert source in {c.source for c in reply.citations}
    check_citations(bot, reply)


def test_what_a_review_says_of_an_actor_is_where_it_names_him(bot):
    reply = bot.ask("How did the Time Out critic describe Joaquin Phoenix?")
    assert "puppy-doggish" in reply.text or "dad-slacks" in reply.text
    assert {c.source for c in reply.citations} == {"timeout-review"}


def test_a_comparison_asked_of_one_review_comes_from_that_review(bot):
    reply = bot.ask("What does the Time Out critic compare Her to?")
    assert reply.citations
    assert {c.source for c in reply.citations} == {"timeout-review"}


def test_a_short_film_asked_about_is_named(bot):
    reply = bot.ask("Which Spike Jonze short film gets mentioned in the reviews?")
    assert "I’m Here" in reply.text


def test_a_reviewer_can_be_picked_out_by_the_mark_they_gave(bot):
    reply = bot.ask("did the blogger who gave it 4 stars have any complaints at all?")
    assert reply.intent == "opinion"
    assert {c.source for c in reply.citations} == {"blog-hunter-review"}
    assert "fault" in reply.text


def test_a_mark_two_pages_share_is_cited_once_for_each(bot):
    reply = bot.ask("what scores did it get? just the numbers pls")
    by_source = {c.source: c.excerpt for c in reply.citations}
    assert "8 / 10" in by_source["review-site-barneynuttall"]
    assert by_source["review-site-listing"] != by_source["review-site-barneynuttall"]
    check_citations(bot, reply)


def test_someone_described_is_not_the_hero_named_in_passing(bot):
    reply = bot.ask("Who plays the ex-wife?")
    assert "Rooney Mara plays Catherine" in reply.text
    reply = bot.ask("Who plays the woman who stands in as Samantha's body?")
    assert "Joaquin Phoenix plays" not in reply.text


@pytest.mark.parametrize("question", ["Main cast?", "Who is in the cast?", "list the cast", "give me the actors"])
def test_the_cast_asked_for_as_a_whole_is_listed(bot, question):
    reply = bot.ask(question)
    assert "The cast:" in reply.text
    assert "Scarlett Johansson" in reply.text


def test_a_papers_cast_list_is_the_one_it_prints(bot):
    reply = bot.ask("Hi, which cast names does Time Out list? Just the main ones please")
    assert "The cast: Scarlett Johansson, Amy Adams, Olivia Wilde, Joaquin Phoenix" in reply.text
    assert "Chris Pratt" not in reply.text
    check_citations(bot, reply)


def test_asking_about_one_actor_in_the_cast_list_keeps_them_in_it(bot):
    assert "Chris Pratt (Paul)" in bot.ask("is Chris Pratt in the cast list").text


def test_a_crew_member_by_name_gets_the_credit_line(bot):
    reply = bot.ask("hoyte van hoytema?")
    assert "Director of Photography" in reply.text


def test_how_a_review_ends_is_its_last_lines(bot):
    reply = bot.ask("What line from the film does the four-star blog review end on?", spoilers=True)
    assert "come find me" in reply.text
    assert {c.source for c in reply.citations} == {"blog-hunter-review"}
    assert bot.ask("What line from the film does the four-star blog review end on?").spoiler_withheld


@pytest.mark.parametrize(
    "question",
    ["What did the reader who signs as kp think of it?",
     "I only read one reader review on the Time Out page, from someone called kp. Were they a fan?"],
)
def test_a_reader_named_is_that_reader_not_every_reader(bot, question):
    reply = bot.ask(question)
    assert {c.source for c in reply.citations} == {"timeout-reader-kp"}


def test_a_short_clause_is_shown_with_what_it_belongs_to(bot):
    conversation = bot.conversation()
    conversation.ask("Which old Hollywood comedies does the Sight and Sound piece bring up?")
    reply = conversation.ask("and the one from 1950?")
    assert "James Stewart" in reply.text


# Questions put the way fans put them, and what a right reply must say (a regular expression).
FANS_WORDS = [
    # how people talk: preambles, chat words, capitals, a long ramble
    ("remind me, roughly when is Her supposed to take place?", r"2025"),
    ("I'm curious who wrote the score", r"Arcade Fire"),
    ("Who plays Theo's best mate?", r"Amy Adams"),
    ("WHO DOES THE VOICE OF THE COMPUTER LADY IN HER", r"Johansson"),
    ("ok so i only saw the trailer and its basically a guy talking to his phone the whole time and i was wondering "
     "is the girl voice a real actress or like a computer voice because it sounds super real and who is it", r"Scarlett Johansson"),
    # everyday words for what the reviews put their own way
    ("How does Theodore spend his evenings before he meets Samantha?", r"computer games|video games"),
    ("Does Theodore ever back off from Samantha for a bit?", r"withdraws"),
    ("Who pushes Theodore to try online dating?", r"Amy"),
    ("Who talked Theodore into that set-up date?", r"Amy"),
    ("Wasn't Samantha voiced by a different actress during filming?", r"Morton"),
    ("wasn't it someone else doing samantha's voice when they were actually filming", r"Morton"),
    ("What is Theodore dragging his feet on when it comes to ending his marriage?", r"signing the papers"),
    ("What paperwork keeps Theodore stalling?", r"papers"),
    ("Which real phone assistant do the reviews mention alongside Samantha?", r"Siri"),
    ("Why does Theodore's blind date suddenly turn nasty on him?", r"vitriol|commit"),
    ("Is Theodore Twombly's name a nod to anyone?", r"Cy Twombly"),
    ("Does Samantha change during the film?", r"grow|evolve"),
    ("Do the other people in the film think Theodore is weird for dating his OS?", r"judge|people get it|not the only one|accept"),
    ("so what does the main guy actually do for work in this movie?", r"letter writer"),
    ("is Twombly a reference to anyone?", r"Cy Twombly"),
    ("which actor carries most of the film basically by himself", r"Joaquin Phoenix"),
    ("Was there any Chinese involvement in producing it?", r"China Film Co-production Corporation"),
    ("is it an american film?", r"USA-China"),
    ("who sets theodore up on the blind date", r"Amy"),
    ("what does the blind date say to him when it goes wrong", r"creepy person"),
    ("what happens when he first switches on the OS? does he have to set it up", r"few questions"),
    ("what's samantha like when she first comes on, personality wise", r"perky"),
    ("which blogger was upset phoenix didnt get an oscar nod", r"best actor nomination"),
    ("how does the time out critic describe the way it looks", r"honeyed glow"),
    ("is the pacing slow?", r"drags"),
    ("who pushes him to go on that blind date", r"Amy"),
    ("how does the OS get set up, does he have to do anything before it starts talking", r"few questions"),
    ("The soundtrack is so good, which band did the score?", r"Arcade Fire"),
    ("which actress plays the girl who stands in as samantha's body", r"Portia Doubleday"),
    ("who's the lead actor, the sad guy with the moustache", r"Joaquin Phoenix"),
    ("can samantha actually feel stuff or is she just pretending", r"emote|emotions|sentient"),
    ("sum up the story for me quick", r"falls in love|operating system"),
    ("chris pratt's in it too right, what part", r"Paul"),
    ("who were the exec producers", r"Daniel Lupi"),
    ("what's rooney mara's character called", r"Catherine"),
    ("wait what is his job exactly", r"letter writer|letters|ghost writer"),
    ("Why does Theo go cold on Samantha for a bit in the middle of the film?", r"withdraws|creeps"),
    ("do they actually show the sex scene between him and the OS or not", r"blank"),
    ("the blind date ends badly right? what does she say to him as she leaves", r"creepy person"),
    ("fun fact request: wasn't Spike Jonze part of some prank TV show?", r"Jackass"),
    ("how does theo take it when sam brings in a body double", r"creeps|withdraws|comfortable"),
    ("How does Theodore talk to Samantha when he's out and about, like what gadget does he wear?", r"earpiece"),
    ("What kinds of things does Samantha start getting into as she gets smarter?", r"quantum physics|music"),
    ("what kind of company does he work at, how would you describe it", r"florist without flowers"),
    ("The Sight and Sound guy links it to some old Hollywood comedies with voice-only characters - which ones?", r"Harvey"),
    ("how does he end up going on that blind date, who sets it up", r"Amy"),
    ("did the 4 star blogger have any criticism at all? anything he didn't like", r"explain things|spell out"),
    ("Which studio presented/released it?", r"Warner Bros"),
    ("where did they actually film the futuristic LA scenes", r"Shanghai"),
    ("does he actually perk up once he's with Samantha", r"back to life|feel better|shell"),
    ("who did the music? pretty sure it's one of my favourite bands", r"Arcade Fire"),
    ("what's the computer system he buys actually called", r"OS1"),
    ("who is Isabella meant to be", r"surrogate|avatar"),
    ("what year does the story happen in", r"2025|near future"),
    ("What's the average user rating on the Time Out page, to one decimal place?", r"3\.4"),
    ("What is the exact web address of the company Theodore writes letters for?", r"beautifulhandwrittenletters"),
    ("someone compared it to Derek Jarman's Blue, who was that", r"sonia"),
    ("wat does theo do at nite when hes on his own b4 he gets the os", r"games|sex"),
    ("how does he even get samantha, does someone give her to him", r"buys|purchases"),
    ("Which actress originally performed Samantha on set before the voice was replaced?", r"Morton"),
    ("when he first turns on the operating system does it ask him stuff before samantha shows up?", r"few questions"),
    ("I'm comparing the reviews' arguments - what's the Sight & Sound writer's point about social media and the blind date?",
     r"social media"),
    ("how do the people around him react when they find out hes dating a computer program?", r"judge|people get it|accept"),
    ("what kind of state is theodore in emotionally at the beginning", r"mopey|withdrawn|lonely|melancholy"),
    ("Who supervised the visual effects?", r"Janelle Croshaw"),
    ("whats the AI thing called that he buys, like the product name", r"OS1"),
    ("the chinese friends blog compared phoenix being alone on screen to a couple of other films, which ones", r"Gravity"),
    ("there's apparently a real-life breakup connected to this movie? whose breakup is behind it?", r"Coppola"),
    ("whos teh prodution designr?? askin 4 a frend ok thx", r"K\.K\. Barrett"),
    ("the blog that gave it full marks - did they have any criticism at all?", r"explain things|spell out"),
    ("what's his actual job", r"letter writer|letters"),
    ("A Time Out reader likened the way Jonze made this to a famous painter's method. Which painter?", r"pollock"),
    ("Is there any suggestion in the reviews as to where Theodore's surname might have come from?", r"Cy Twombly"),
    ("Fact-checking a piece that calls Theodore a greeting-card writer. What is his job according to the reviews?",
     r"letter writer|letters"),
    ("I recall Samantha arranges for a woman to stand in for her physically; remind me how the reviews describe it?",
     r"avatar|surrogate"),
    ("Who performed Samantha's voice on set before Scarlett Johansson replaced her?", r"Morton"),
    ("I have read that a different actress performed Samantha on set before her voice was substituted in post-production; who was she?",
     r"Morton"),
    ("whats the name of the operating system product he buys", r"OS1"),
    ("how do his friends feel about the state hes in at the start", r"mopey|withdrawn"),
    ("who sets theodore up w the blind date lol", r"Amy"),
    ("What score did BarneyNuttall award the picture in his user review?", r"8 / 10"),
    ("what's up with theodore's trousers, i remember a review mocking them", r"dad-slacks"),
    ("What's the cutting thing Catherine says to Theodore when she hears he's dating his OS?", r"someone real"),
    ("did the blog reviewer really cry at the end", r"laughed and cried|crying and laughing"),
    ("which earlier joaquin phoenix role did the blog contrast his theodore with", r"The Master"),
    ("Which earlier Phoenix role did the blogger set against this one?", r"The Master"),
    ("Did Jonze draw on his own breakup for this one?", r"Sofia Coppola"),
    ("Does the Sight and Sound review bring up any of Jonze's short films?", r"I’m Here"),
    ("WHAT EXACTLY IS SAMANTHA??? IS SHE A ROBOT???", r"operating system|artificial intelligence"),
    ("were critics impressed by Scarlett Johansson?", r"superb|sexy voice|steals"),
    ("Is Theodore married?", r"marriage|wife|divorce"),
    # opinions, and who said them
    ("I'm in my 50s, will I get anything out of this or is it a young person's film?", r"over 30|under 30"),
    ("Is Her funny at all or is it a pure weepie?", r"funny|humour|comedic"),
    ("Do the reviewers rate Joaquin Phoenix's acting?", r"transcendent|favorite actors|top notch"),
    ("What does Time Out make fun of about Phoenix's wardrobe?", r"dad-slacks"),
    ("What did Time Out poke fun at about Theodore's clothes?", r"dad-slacks"),
    ("What awards-season disappointment did the blogger mention?", r"best actor nomination"),
    ("Did the blogger who gave it full marks find any flaw at all?", r"explain things"),
    ("I'm comparing reviews - how are the Time Out reader ratings spread across the star levels?", r"5 star"),
    # credits and cast, however asked
    ("Was Her a Warner Bros. release?", r"Presented by: Warner Bros\. Pictures"),
    ("Is it ok for my 13 year old to watch?", r"\b15\b"),
    ("what was the name of the woman Theodore was married to", r"Catherine"),
    ("Who's the actress playing the woman who stands in as Samantha's body?", r"Portia Doubleday plays Isabella"),
    ("For a class handout: which actresses are in the cast?", r"The cast: .*Rooney Mara"),
    ("When did the Sight and Sound review first come out?", r"January 2014"),
    ("When the movie starts, is Theodore's divorce already final?", r"divorce"),
    ("How does Theodore spend his evenings before he gets the new OS?", r"computer games|video games"),
    # the ending, asked for with spoilers on
    ("what does Samantha tell Theodore in their last conversation?", r"spaces between them"),
    ("How many other people turns out Samantha is talking to?", r"8000"),
    ("Which line from the film closes Hunter's review?", r"tear us apart"),
    # a claim, then who made it
    ("Someone compared Jonze to Jackson Pollock in the comments. Who was it?", r"jimbo"),
    ("Who compared Jonze to Jackson Pollock?", r"jimbo"),
    ("I heard Her is connected to Lost in Translation somehow. Which review says that?", r"companion piece"),
    # who someone plays, checked
    ("olivia wilde's in it isn't she, what part", "Olivia Wilde plays the blind date"),
    ("is olivia wilde the ex-wife or someone else", "Olivia Wilde plays the blind date"),
    ("is rooney mara the one from the disaster date?", "Rooney Mara plays Catherine"),
    ("who is isabella supposed to be in the story", "Portia Doubleday plays Isabella"),
    # praise or a story around the question
    ("Scarlett Johansson is my favourite actress!! which character does she play in Her", "Scarlett Johansson plays Samantha"),
    ("Jim from Swansea loved the soundtrack and wants to know who did the music", "Arcade Fire"),
    ("Sarah from Leeds asks: what does the main guy in Her actually do for a living?", "ghost writer"),
    # everyday ways of asking
    ("Did Rooney Mara play Catherine or Amy? I always mix them up", "Rooney Mara plays Catherine"),
    ("the lonely guy with the moustache who writes letters - that's joaquin phoenix right?", "Joaquin Phoenix plays Theodore"),
    ("Good afternoon. Could you possibly tell me which of the big studios presented the film? I'd be very grateful",
     "Warner Bros. Pictures"),
    ("what cert did it get in the uk", "15"),
    ("whr did they shoot it?? 🏙️🏙️ i heard chinaaa??? #her #spikejonze", "Shanghai"),
    ("I have always admired the opening and closing titles of this picture, who designed them?", "Geoff McFetridge"),
    ("what were the trousers everyone was laughing at lol", "dad-slacks"),
    # the story in everyday words
    ("whats his ex wifes name again", "Catherine"),
    ("do people think he's a weirdo for going out with a computer?", r"not the only one|judge|people get it"),
    ("In the world of the film, do people think it's strange that he's in love with an OS? Or is everyone fine with it",
     r"judge|accept|people get it"),
    ("Sorry if this is basic but who or what actually is Samantha?", r"operating system"),
    ("😂😂 wait hes in love w his COMPUTER?? whats the computers name 🤖🤖", "Samantha"),
    # someone named by their role; the asker's own life in passing
    ("what's the nasty thing his ex says to him when she finds out he's dating his computer?", "without the challenges"),
    ("What does Theodore's ex make of him being in a relationship with his operating system?", "devastating"),
    ("who plays his best friend", "Amy Adams plays Amy"),
    ("Who cut the picture? The editing is remarkably unhurried.", "Eric Zumbrunnen"),
    ("Would this be OK as a date night film for me and my husband, or is it too odd?", "date movie"),
    # the cast and crew asked for in other ways
    ("whats the name of the girl who comes over to be samantha's body?? that scene was so awkward", "Portia Doubleday"),
    ("joaquin was in something right before this where he was a totally different kind of character, what was it",
     "The Master"),
    ("were there any other cinematographers on it?", "Wyatt Troll"),
    # an argument to settle around the question
    ("ok my sister swears olivia wilde plays the ex wife and i'm like no it's rooney mara, who's right?",
     "Rooney Mara plays Catherine"),
    ("wat iz the runtym of her movie pls 🍿🍿🍿 asap!!!", "126"),
    ("ok so the future UI stuff looked so good, which companies did the visual effects", "Digital Domain"),
    ("So my flatmate swears by Time Out and won't watch anything they don't rate. What did the actual Time Out "
     "critic (not the readers) think of Her?", "Time Out — critic's review"),
    # who played a part besides the credited actor
    ("who voiced samantha on set before scarlett", r"performed by Morton"),
    ("wasnt samantha voiced by someone else at first?", r"performed by Morton"),
    # when the story happens, wherever a review says it
    ("roughly what year is it meant to be in the film", r"2025"),
    ("Could you remind me roughly what year the story is supposed to take place in?", r"2025"),
    ("What year is the film supposed to take place in? It felt like only a few years from now.", r"2025"),
    # a pairing with another film, from any review
    ("someone said it's a companion piece to another film because of a breakup?? which film", r"Lost In Translation"),
    ("why does one reviewer say it goes with lost in translation", r"Lost In Translation"),
    ("a reviewer says Her is like a companion piece of another film by a director, which film is it?", r"Lost In Translation"),
    # gadgets, games and reviews asked about in plain words
    ("how does he actually talk to her, is it through his phone or an earbud or what", "earpiece"),
    ("what's the game he plays called, with the little foul-mouthed character", "Perfect Mom"),
    # people and jobs described in plain words
    ("which actress plays the woman he's splitting up with", "Rooney Mara plays Catherine"),
    ("what was the name of the woman he was married to", "Catherine"),
    ("who did the closing credits sequence", "Scarlet Letters"),
    ("who came up with the designs for the future-y computer screens and gadgets", "Geoff McFetridge"),
    ("which earlier part of Joaquin's does the blog say is basically the opposite of this one", "The Master"),
    # praise or a judgement around the question
    ("the soundtrack is soooo good, who did the music??", r"The music is by Arcade Fire"),
    ("is joaquin phoenix actually good in it or is it one of his weird ones", r"Phoenix's performance|Joaquin Phoenix is|Phoenix meanwhile"),
    ("did any reviewer burst into tears?", r"\bcr(y|ied|ying)\b"),
    ("And what did Time Out make of the fashions?", r"dad-slacks"),
    ("There's a Time Out reader who claims whether you like it depends on your age. What's the dividing line?", r"under 30"),
    ("Does any review pin down the exact year the story is set in? I know it's 'near future' but I want a date", r"2025"),
    # a job asked for in other words, or set against another
    ("Who's the auteur behind Her?", r"Spike Jonze directed Her"),
    ("who was the art director, as opposed to the production designer", r"Art director: Austin Gorg"),
    # a bot's name before the question, a length asked for, a guess after it
    ("@herbot who is amy to theodore", r"best friend"),
    ("describe theo in like 3 words", r"mopey|withdrawn"),
    ("jimbo g's take? keep it short", r"stunning movie"),
    ("what was the name of the website he writes the love letters for, i swear it was something ridiculous like handwritten "
     "letters dot com", r"beautifulhandwrittenletters\.com"),
    ("when did it come out in the uk? I think it was Valentine's Day, which feels cruel for a film like this", r"February 14 2014"),
    ("anyone say anything about the music? soundtrack good or nah", r"piano music"),
    ("🎙️🎙️ ok ok WHO did the musc??? 🎵🎵 (the band not the extra guy lol) !!!", r"Arcade Fire"),
    ("How do Theo's friends see him at the start, before the OS? (we're trying to describe his headspace)", r"mopey"),
    ("ok quick one before we press play, what does the main guy actually do for a job?", r"letters|ghost writer"),
    ("Hunter gave it top marks but did he have ANY complaints at all? feels like every review has one niggle", r"explain things"),
    ("can scarlett johansson really carry it when you only hear her voice", r"superb"),
    ("one of the time out punters compared Jonze to a famous painter, which painter?", r"jackson pollock"),
    ("wots it about then in a nutshell, the missus wants to watch it tonight", r"operating system"),
    ("is theodore's surname a reference to anything? twombly is such a weird name", r"Cy Twombly"),
    ("do they ever go out socially, like with another couple?", r"another couple|double date"),
    ("heads up my parents might be watching with us - how explicit is the sex stuff in it?", r"virtual sex"),
    ("why's Theodore so down in the dumps at the start of it", r"marriage falls apart"),
    ("the blind date goes south dunno why, what does she end up calling him", r"creepy person"),
    ("I need the exact line the blind date throws at Theodore when it goes wrong, word for word", r"creepy person"),
    ("how's theodore at the beginning of the film, mentally i mean", r"broken heart"),
    ("How is Samantha's voice described at the moment she first introduces herself?", r"perky"),
    # a review's name that reads like a question word, a credit set against another, a band half-remembered
    ("Which Time Out reader said it would work better as a radio play?", r"sonia Claris"),
    ("Which Time Out reader compared Jonze to Jackson Pollock?", r"jimbo g"),
    ("who's credited for the music (not the additional music)", r"The music is by Arcade Fire"),
    ("the band that did the soundtrack, who was it again? some indie band i think", r"Arcade Fire"),
    ("Matt Letscher is in the cast — what character?", r"Matt Letscher plays Charles"),
    # how a review put something about someone
    ("What adjective did Time Out use for Scarlett Johansson's voice?", r"husky"),
    ("time out's description of joaquin phoenix in the part, in their words?", r"puppy-doggish"),
    # plain questions from someone who never saw it
    ("what even is this movie about? never heard of it", r"operating system"),
    ("who's the guy on the poster, the main guy", r"Joaquin Phoenix plays Theodore"),
    ("quick q: who was the stunt co-ordinator? also steadicam op if you have it", r"Scott Rogers"),
    ("FYI a friend said Her is like a sister film to another movie because of the directors' breakup. Which film?", r"Lost In Translation"),
    ("what did hunter say about phoenix and the oscars", r"best actor nomination"),
    ("FYI one review mentioned the website he works for, something dot com? whats the name of it", r"beautifulhandwrittenletters\.com"),
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("the review that said phoenix wears dad trousers, what year does it say the story is set in?", r"2025"),
        ("the guy who cried with his friend at the end, what rating did he give it?", r"4/4"),
        ("the review that compared it to a radio play - what else did she not like about it?", r"drags|lacks humour|bland"),
        ("that review that compared Joaquin being alone on screen to Gravity, how good did it think he was", r"price of admission"),
        ("One blogger says Theodore's friends are worried about him. What word do they use for him?", r"mopey"),
        ("one reviewer said the peaceful way people accept the AIs reminded them of a spielberg movie — which one?", r"Close Encounters"),
        ("there was a reader who mentioned jonze used to be in some stunt show, which one?", r"Jackass"),
        ("the critic who said amy adams barely seems to be acting - overall did they like the movie?", r"keeper|quietly dazzling"),
    ],
)
def test_a_review_known_by_what_it_said_is_asked_about(bot, question, expected):
    reply = bot.ask(question)
    assert reply.found and re.search(expected, reply.text)
    check_citations(bot, reply)


@pytest.mark.parametrize(
    "question",
    [
        "the review that said phoenix wears dad trousers - what's the critic's name?",  # the page has no byline
        "the blogger who cried with his friend, what's his surname?",  # signed "Hunter", nothing more
        "the blog that warned about shanghai standing in for LA - who wrote it?",
    ],
)
def test_what_a_described_review_does_not_say_is_not_guessed(bot, question):
    reply = bot.ask(question)
    assert reply.found is False and reply.citations == ()


def test_a_described_review_does_not_unlock_the_ending(bot):
    reply = bot.ask("the guy who cried with his friend at the end - what happens at the end that got them? do theo and samantha stay together?")
    assert reply.spoiler_withheld and "spoil" in reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("if we end up liking it, what other spike jonze films should we try next", r"Being John Malkovich"),
        ("Did the blogger who went with a friend end up in tears?", r"\bcr(y|ied|ying)\b"),
    ],
)
def test_the_viewers_end_is_not_the_storys(bot, question, expected):
    reply = bot.ask(question)
    assert reply.found and re.search(expected, reply.text)


@pytest.mark.parametrize(("question", "expected"), FANS_WORDS)
def test_a_fan_asking_in_their_own_words_gets_the_answer(bot, question, expected):
    reply = bot.ask(question, spoilers=True)
    assert reply.found
    assert re.search(expected, reply.text)
    check_citations(bot, reply)


@pytest.mark.parametrize(
    "question",
    [
        "How many Oscars did Her win?",  # a missed nomination is not a win
        "What songs are on the Her soundtrack album?",  # a song in a simile is not the soundtrack
        "Did Her win the Golden Globe for best screenplay?",  # not answered by the writing credit
        "How old was Joaquin Phoenix when Her came out?",  # not answered by the release date
        "What score did Empire magazine give Her?",
        "Who wrote the screenplay for Lars and the Real Girl?",
        "What is Spike Jonze's real birth name?",
        "Does Theodore have any kids in the film?",
        "How tall is Joaquin Phoenix?",
        "Which Arcade Fire track plays over the end credits?",  # not the end-titles credit
        "What's the title of the song Samantha and Theodore sing together?",
        "What does Catherine do for a living?",  # the sentence naming her gives Theodore's job
        "what's the name of theodore's dog",  # "puppy-doggish" is not a dog
        "is scarlett johansson married",  # Theodore's marriage is not hers
        "what other roles has Amy Adams played?",  # no review names another film of hers
        "who voices the philosopher AI that samantha hangs out with",  # no review describes one
        "who plays the police detective investigating samantha",
        "how much swearing is there?",  # a certificate is not a count of swear words
        "is there a scene after the credits",
        "how many kids does scarlett johansson have",
        "whats the rotten tomatoes score for her",
        "Which film festival did it premiere at?",
        "Unrelated, but who wrote the novel Never Let Me Go?",
        "What's the name of the Time Out critic who wrote the main review?",  # the page has no byline
        "can you give me a good carbonara recipe",  # not "the highest compliment I can give"
        "Is 'The Moon Song' on the soundtrack, and who sings it?",  # a title no page holds
        "when did it come out on blu-ray",  # the cinema date is not a home release
        "how long did it take them to film it",  # the runtime is not the length of the shoot
        "who plays theodores dad",  # "dad-slacks" names no dad
        "does Theodore's mum ever call him in the film? mine called me every night after my divorce",  # the asker's divorce
        "who voices samantha in the german dub",  # the original voice is not the dub's
        "random one from a listener: is Joaquin Phoenix vegan?",
        "how many Oscar nominations did it end up getting in total?",  # one missed nomination is not a count
        "what year did the first iphone come out",  # not the film's release
    ],
)
def test_what_the_reviews_do_not_say_is_not_guessed_from_what_they_do(bot, question):
    reply = bot.ask(question)
    assert reply.found is False
    assert reply.citations == ()


def test_a_reviewer_who_never_names_someone_says_so_before_their_overall_view(bot):
    reply = bot.ask("what did Hunter think of Chris Pratt")
    assert reply.text.splitlines()[1] == "Hunter doesn't mention Chris Pratt; here's what they thought overall."
    assert "Hunter doesn't mention" not in bot.ask("what did Hunter think of phoenix").text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("glowacki moaned about the endless piano music haha, who actually did the music for this?", "Arcade Fire"),
        ("when did it come out in the UK? Linda Popcorn Royles said something about valentines", "February"),
        ("the time out reviewer opens by saying theodore is in love with his computer, but what does the guy actually do for work?",
         "letter writer"),
        ("who is in the thank you part of the credits", "Dave Eggers"),
        ("roughly what year does the Time Out critic say the film takes place", "2025"),
    ],
)
def test_a_review_named_in_passing_does_not_make_a_film_question_an_opinion(bot, question, expected):
    reply = bot.ask(question)
    assert reply.intent in ("fact", "plot") and expected in reply.text
    check_citations(bot, reply)


@pytest.mark.parametrize(
    "question",
    ["Hunter says the ending went somewhere he never would have guessed. so how does it end, do they stay together?",
     "jimbo g goes on about their final conversation - what does samantha actually say to theodore at the end?"],
)
def test_the_ending_asked_after_a_review_is_still_guarded(bot, question):
    reply = bot.ask(question)
    assert "spoil" in reply.text and not reply.citations


@pytest.mark.parametrize(
    ("question", "review"),
    [
        ("I only read one reader review on the Time Out page, from someone called kp. Were they a fan?", "kp"),
        ("The Time Out review says there are four 'Hers' in the film. Who are the four?", "Time Out — critic's review"),
        ("that blog review by hunter, what did he end up giving it", "Hunter"),
    ],
)
def test_a_question_that_leans_on_the_review_before_it_stays_with_that_review(bot, question, review):
    reply = bot.ask(question)
    assert reply.citations and all(review in c.label for c in reply.citations)
    assert "spoil" not in reply.text


def test_an_actors_private_life_is_not_in_the_reviews(bot):
    reply = bot.ask("who's scarlett johansson dating irl rn")
    assert not reply.found and not reply.citations


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("Who's the star of Her?", "Joaquin Phoenix plays Theodore", "user rating"),
        ("Besides Joaquin Phoenix, who are the main stars? Listing them for the handout.", "Amy Adams (Amy)", "user rating"),
        ("I'm comparing reviews - how are the Time Out reader ratings spread across the star levels?", "5 star", "The cast"),
    ],
)
def test_stars_in_a_cast_and_stars_in_a_rating_are_told_apart(bot, question, expected, absent):
    reply = bot.ask(question)
    assert expected in reply.text and absent not in reply.text


def test_a_song_nobody_names_is_not_answered_with_the_cast(bot):
    reply = bot.ask("what's the name of the song samantha plays on the ukulele")
    assert not reply.found and not reply.citations


def test_a_reviewer_who_had_seen_films_before_is_not_a_filmography(bot):
    conversation = bot.conversation()
    conversation.ask("What rating did Hunter give it?")
    assert "first Spike Jonze film" in conversation.ask("Had he seen any Spike Jonze films before this one?").text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("was it shot by Emmanuel Lubezki", ["None of the reviews mentions Emmanuel Lubezki", "Hoyte van Hoytema"]),
        ("was it filmed in Tokyo?", ["None of the reviews mentions Tokyo", "Shanghai"]),
        ("it's set in like 2050 right?", ["None of the reviews mentions 2050", "near future"]),
        ("was Eduard Grau one of the cinematographers?", ["Hoyte van Hoytema", "Eduard Grau: second unit cinematographer"]),
        ("Humberto Leon worked on Her? doing what", ["graphical futurist designer"]),
    ],
)
def test_a_guess_put_as_a_yes_or_no_question_is_checked_against_the_credits(bot, question, expected):
    reply = bot.ask(question)
    assert reply.found and all(e in reply.text for e in expected)
    check_citations(bot, reply)


def test_thousands_of_others_is_the_ending_and_is_guarded(bot):
    reply = bot.ask("i heard samantha is talking to thousands of other people at once, is that true?")
    assert "spoil" in reply.text and not reply.citations


@pytest.mark.parametrize(
    "question",
    ["what did spike jonze direct after Her?", "what's Scarlett Johansson doing next? i'd listen to her read the phone book",
     "what movie did scarlett johansson do right after this one", "Who directed the original Blade Runner?"],
)
def test_later_work_and_other_films_credits_are_not_in_the_reviews(bot, question):
    reply = bot.ask(question)
    assert not reply.found and not reply.citations


def test_what_happens_next_is_still_the_story(bot):
    assert bot.ask("what does theodore do after the blind date").found


def test_a_count_announced_is_followed_by_what_it_counts(bot):
    reply = bot.ask("I read a review that said there are 'four Hers' in the film. Who are the four women it meant?")
    assert "There are four Hers." in reply.text
    assert all(name in reply.text for name in ("Catherine", "Olivia Wilde", "Amy Adams"))
    check_citations(bot, reply)


# Questions worded as people type them, each answered from the reviews and quoted word for word;
# grouped by what the wording tests.
WORDINGS = [
    # a comparison is found however bare or by the film named
    ('explain why reviewers compared it to Lost in Translation', 'companion piece to Sofia Coppola'),
    ('what did the critics compare it to', 'Blade Runner'),
    # a review is known by its everyday name
    ('what rating did the wordpress guy give it', '4/4'),
    ("give me the blogger's take on joaquin's performance, the one who wrote for chinese "
     'friends', 'price of admission'),
    ('so the guy who wrote the wordpress review, did he think phoenix got robbed at the oscars '
     'or what', 'best actor nomination'),
    # a request put as a command is answered
    ('explain who Isabella is', 'surrogate'),
    ("list Spike Jonze's other films the reviews mention", 'Being John Malkovich'),
    # a question of a kind finds the sentence of that kind
    ('why is he called Twombly', 'named after the late painter Cy Twombly'),
    ('Tell me what the woman on the blind date calls him at the end of the night.', 'very creepy person'),
    ('Explain what the OS is meant to do for its user.', 'every need'),
    ("what's the name of the operating system product", 'OS1'),
    # everyday wording finds what the reviews say
    ('basic plot pls', 'falls in love'),
    ("My partner and I couldn't agree on this after the credits rolled — what year is the film "
     "supposed to be set in, or is it just vaguely 'the future'?", '2025'),
    ('any downsides in hunters review', 'explain things'),
    ('did the blogger think phoenix got snubbed', 'best actor nomination'),
    ('ngl the ending wrecked me 😭 did any reviewers feel the same', 'cried'),
    ('what did the sight n sound guy think the big idea of the film was', 'social media'),
    ("I'm a camera op myself and loved the floating shots — who was the Steadicam operator?", 'Chris Haarhoff'),
    ("nick james on scarlett's voice work", 'superb'),
    ('did any reviewer say what kind of occasion Her is good to watch for?', 'date movie'),
    ('did the wordpress reviewer get emotional watching it', 'cried'),
    ('Why is Theodore so lonely and low at the beginning of the film?', 'breaking up with his wife'),
    ("Barney's review was really moving. Does he connect Her to any other director's work?", 'Lost In Translation'),
    ('did the blogger cry watching it', 'laughed and cried'),
    ("Honestly the clothes in this film are so weird lol. Did any reviewer mention Theodore's trousers?", 'dad-slacks'),
    # the askers own story around a question does not change it
    ("My daughter still writes me handwritten notes so this detail stuck with me - what's the "
     'name of the website Theodore writes letters for?', 'beautifulhandwrittenletters'),
    ('As someone who leans on a voice assistant a lot I wondered this: how do the other people '
     'in the film react to Theodore dating an OS?', 'judge'),
    ("At the start of the film, where is Theodore with his divorce? I'm still dragging my feet "
     'on mine', 'signing the papers'),
    ('how good is Joaquin Phoenix in it according to the reviews? he was the reason we picked '
     'it for date night', 'Phoenix'),
    ('i fell asleep on my break during it lol. did anyone complain about the music', 'piano music'),
    # spoken and sloppy questions are read as meant
    ('what does theodore do at night like in his free time when hes alone', 'computer games'),
    ('um so whats the main guys name like his whole name first and last', 'Theodore Twombly'),
    ('whos in it like the main cast', 'The cast:'),
    ('how do like other people in the movie react to him dating his computer do they think its weird', 'judge'),
    ('What role did Phoenix play before this that the blogger mentions?', 'The Master'),
    # a feeling before the question does not turn it into another
    ('Just watched Her and loved all the tech in it. When exactly is it supposed to be set?', '2025'),
    ('The dialogue in this is so good, it felt really personal. Did Spike Jonze write the '
     'script himself or was it someone else?', 'Spike Jonze wrote it'),
    ('Did any of the Time Out readers have a problem with the music?', 'piano music'),
]


@pytest.mark.parametrize(("question", "expected"), WORDINGS)
def test_a_question_in_everyday_wording_is_answered_from_the_reviews(bot, question, expected):
    reply = bot.ask(question)
    assert reply.found and expected in reply.text
    check_citations(bot, reply)
