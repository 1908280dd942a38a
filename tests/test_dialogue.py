"""Conversations: follow-ups as a person means them, and a state a bot can store and resume."""

from __future__ import annotations

import json
import re

import pytest

from samantha import StateError


def test_a_pronoun_means_the_person_last_talked_about(bot):
    conversation = bot.conversation()
    conversation.ask("Who plays Amy?")
    reply = conversation.ask("What did critics say about her?")
    assert reply.intent == "opinion"
    assert any("Amy" in c.excerpt or "female pal" in c.excerpt for c in reply.citations)


def test_and_someone_else_carries_the_question_over(bot):
    conversation = bot.conversation()
    conversation.ask("Who plays Theodore?")
    reply = conversation.ask("And Scarlett Johansson?")
    assert "Scarlett Johansson plays Samantha" in reply.text


def test_what_about_carries_an_opinion_question(bot):
    conversation = bot.conversation()
    conversation.ask("What did critics think of Joaquin Phoenix?")
    reply = conversation.ask("what about Amy Adams?")
    assert reply.intent == "opinion"
    assert any("Amy Adams" in c.excerpt for c in reply.citations)


def test_her_after_a_review_is_still_the_actress(bot):
    conversation = bot.conversation()
    first = conversation.ask("who plays Theodore's ex-wife?")
    assert "Rooney Mara plays Catherine" in first.text
    reply = conversation.ask("what did Time Out say about casting her?")
    assert "frosty ex" in reply.text


def test_and_with_a_question_of_its_own_is_not_carried_over(bot):
    conversation = bot.conversation()
    conversation.ask("Who voices the OS?")
    reply = conversation.ask("And what did Time Out say about her voice?")
    assert reply.intent == "opinion"
    assert "husky" in reply.text


def test_it_after_a_review_is_that_review(bot):
    conversation = bot.conversation()
    conversation.ask("What did Nick James think of it?")
    reply = conversation.ask("what does it compare it to?")
    assert reply.citations
    assert {c.source for c in reply.citations} == {"sight-and-sound"}


def test_more_like_is_not_a_request_for_more(bot):
    conversation = bot.conversation()
    conversation.ask("what did sonia Claris think of Her?")
    reply = conversation.ask("and which older film did she wish it were more like?")
    assert reply.intent != "more"
    assert "Purple Rose of Cairo" in reply.text


def test_when_was_it_published_after_a_review_is_its_date(bot):
    conversation = bot.conversation()
    conversation.ask("Who wrote the Sight and Sound review?")
    reply = conversation.ask("when was it published?")
    assert "January 2014" in reply.text
    assert {c.source for c in reply.citations} == {"sight-and-sound"}


def test_he_after_a_director_question(bot):
    conversation = bot.conversation()
    conversation.ask("Who directed Her?")
    reply = conversation.ask("What else has he made?")
    assert "Being John Malkovich" in reply.text or "Adaptation" in reply.text


def test_her_the_film_is_not_a_pronoun(bot):
    conversation = bot.conversation()
    conversation.ask("Who plays Amy?")
    reply = conversation.ask("Who directed Her?")
    assert "Spike Jonze" in reply.text


def test_who_said_that_names_the_last_quote(bot):
    conversation = bot.conversation()
    first = conversation.ask("Did anyone say it would make a good radio play?")
    reply = conversation.ask("who said that?")
    assert "sonia Claris" in reply.text
    assert [c.excerpt for c in reply.citations] == [c.excerpt for c in first.citations]


@pytest.mark.parametrize(
    ("first", "challenge"),
    [
        ("who voices samantha", "prove it. which review actually says that?"),
        ("was rooney mara any good?", "which review says so? quote it"),
        ("did any of the readers actually hate Her?", "names. who exactly?"),
    ],
)
def test_a_challenge_after_an_answer_quotes_its_sources(bot, first, challenge):
    conversation = bot.conversation()
    earlier = conversation.ask(first)
    reply = conversation.ask(challenge)
    assert reply.intent == "source_of_last"
    assert [c.excerpt for c in reply.citations] == [c.excerpt for c in earlier.citations]
    assert all(f"{c.label}: “{c.excerpt}”" in reply.text for c in reply.citations)


def test_a_review_described_alone_is_then_it(bot):
    conversation = bot.conversation()
    first = conversation.ask("the critic who called theodore the sensitive metrosexual advertisers would love")
    assert "Nick James" in first.text
    assert "superb" in conversation.ask("what did they think of johansson's voice work?").text


def test_tell_me_more_gives_new_excerpts(bot):
    conversation = bot.conversation()
    first = conversation.ask("What did Desmond F think of it?")
    more = conversation.ask("tell me more")
    assert more.citations
    assert not {c.excerpt for c in more.citations} & {c.excerpt for c in first.citations}
    assert all(c.source == "timeout-reader-desmond-f" for c in more.citations)


def test_yes_after_a_spoiler_offer_reveals_it(bot):
    conversation = bot.conversation()
    offer = conversation.ask("Does Samantha leave Theodore in the end?")
    assert "spoil" in offer.text and not offer.citations
    reveal = conversation.ask("yes")
    assert reveal.citations
    spoilers = {s.text for s in bot.knowledge.sentences if s.spoiler}
    parts = [part.strip() for c in reveal.citations for part in c.excerpt.split("…") if part.strip()]
    assert any(part in text or text in part for part in parts for text in spoilers)


def test_yes_without_an_offer_is_just_small_talk(bot):
    reply = bot.conversation().ask("yes")
    assert reply.citations == ()


def test_a_saved_conversation_resumes_where_it_left_off(bot):
    conversation = bot.conversation()
    conversation.ask("Who plays Catherine?")
    saved = json.loads(json.dumps(conversation.to_dict()))
    resumed = bot.conversation(saved)
    reply = resumed.ask("What did critics think of her performance?")
    fresh = bot.conversation()
    fresh.ask("Who plays Catherine?")
    assert reply.to_dict() == fresh.ask("What did critics think of her performance?").to_dict()


def test_the_state_stays_small_however_long_the_conversation(bot):
    conversation = bot.conversation()
    for _ in range(30):
        conversation.ask("What did the critics think?")
        conversation.ask("tell me more")
    assert len(json.dumps(conversation.to_dict())) < 8000


def test_settings_travel_with_the_state(bot):
    conversation = bot.conversation(spoilers=True, persona=False)
    restored = bot.conversation(conversation.to_dict())
    assert restored.spoilers is True and restored.persona is False


@pytest.mark.parametrize("state", [{}, {"version": 99}, {"version": 1, "subject": 3}, {"version": 1, "bogus": 1}, "x"])
def test_a_broken_state_is_a_clear_error(bot, state):
    with pytest.raises(StateError) as error:
        bot.conversation(state)
    assert "conversation" in str(error.value)


def test_reset_forgets_the_subject(bot):
    conversation = bot.conversation()
    conversation.ask("Who plays Amy?")
    conversation.reset()
    assert conversation.to_dict()["subject"] == ""


def test_ask_has_no_memory_between_calls(bot):
    bot.ask("Who plays Amy?")
    reply = bot.ask("who said that?")
    assert reply.citations == ()


def test_and_someone_else_after_a_reviewers_opinion_keeps_the_reviewer(bot):
    conversation = bot.conversation()
    conversation.ask("What did Hunter think of Joaquin Phoenix?")
    reply = conversation.ask("and Scarlett Johansson?")
    assert {c.source for c in reply.citations} == {"blog-hunter-review"}
    assert "Johansson" in reply.text


def test_her_after_someone_described_is_the_one_described(bot):
    conversation = bot.conversation()
    conversation.ask("Who's Theodore's best pal in the film?")
    reply = conversation.ask("and who plays her?")
    assert "Amy Adams plays Amy" in reply.text


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("thinking of watching Her tonight, what's it actually about? no spoilers pls", r"falls in love"),
        ("Is there sex in it? Watching with my flatmate tonight and want to know what I'm in for", r"virtual sex"),
        ("how good is joaquin phoenix in it according to reviewers", r"top notch|transcendent|favorite actors"),
        ("who left the comment under the china blog review and what did they say", r"Mainstream Chick"),
    ],
)
def test_the_question_inside_a_chatty_message_is_answered(bot, message, expected):
    reply = bot.ask(message)
    assert reply.found and reply.citations
    assert re.search(expected, reply.text)


def test_a_chatty_message_the_reviews_cannot_answer_is_still_a_no(bot):
    reply = bot.ask("Is Joaquin Phoenix married? who is his partner")
    assert reply.found is False and reply.citations == ()


def test_the_city_means_the_city_just_talked_about(bot):
    conversation = bot.conversation()
    conversation.ask("where was it shot")
    reply = conversation.ask("which parts of the city do you see")
    assert reply.found
    assert "Xujiahui" in reply.text


def test_other_credits_of_a_crew_member_are_all_of_theirs(bot):
    conversation = bot.conversation()
    conversation.ask("who did the sound design on Her?")
    reply = conversation.ask("did that person have any other credit on the film?")
    assert "Re-recording" in reply.text


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["what did BarneyNuttall give it", "he says its a companion to another film, which one", "why though"], "break up"),
        # the reason stands beside the claim, or in the replies to a comment
        (["which spielberg film did hunter say it reminded him of?", "why that one?"], "hopeful view"),
        (["what other films did the wordpress reviewer compare it to", "why close encounters though?"], "hopeful view"),
        (["anyone in the comments on hunter's blog talk about the isabella scene", "why did they find it weird?"], "getting paid"),
        (["When did it come out in the UK?", "why that date, was it on purpose?"], "Valentines day"),
        # a reason the last quotes do not give is looked for in all the reviews
        (["tell me a bit about samantha", "why does she want a body so badly then?"], "physical avatar"),
        (["what did BarneyNuttall rate it?", "and why did he like it so much?"], "pastel|heartwarming"),
    ],
)
def test_why_asks_for_the_reason_behind_the_last_answer(bot, turns, expected):
    conversation = bot.conversation()
    for turn in turns:
        reply = conversation.ask(turn)
    assert reply.found
    assert re.search(expected, reply.text)


@pytest.mark.parametrize(
    ("message", "expected", "guess"),
    [
        ("paul was seth rogen wasnt it", "Chris Pratt plays Paul", "Seth Rogen"),
        ("theodore was jake gyllenhaal i think", "Joaquin Phoenix plays Theodore", "Jake Gyllenhaal"),
        ("it's set in san francisco isn't it", "Los Angeles", "San Francisco"),
        # a guess after the question
        ("who did the score — Jonny Greenwood?", "Arcade Fire", "Jonny Greenwood"),
        ("who was Catherine, the ex? Carey Mulligan?", "Rooney Mara", "Carey Mulligan"),
        ("I read that Her is a companion piece to another film, was it Eternal Sunshine?", "Lost In Translation", "Eternal Sunshine"),
    ],
)
def test_a_wrong_guess_is_answered_with_what_the_reviews_say(bot, message, expected, guess):
    reply = bot.ask(message)
    assert reply.found and expected in reply.text
    assert f"None of the reviews mentions {guess}." in reply.text


def test_a_guess_at_a_credit_gets_the_credit(bot):
    assert "Warner Bros. Pictures" in bot.ask("Universal put it out, didn't they?").text
    assert "Hoyte van Hoytema" in bot.ask("wasnt it shot by roger deakins").text


def test_a_guess_about_something_the_reviews_never_cover_is_still_a_no(bot):
    reply = bot.ask("his dog was called rufus, right?")
    assert reply.found is False and reply.citations == ()


def test_it_after_a_credit_is_that_credits_work(bot):
    conversation = bot.conversation()
    conversation.ask("who composed the music")
    reply = conversation.ask("did any reviewer complain about it?")
    assert "piano music" in reply.text


def test_a_moan_is_a_complaint(bot):
    assert "piano music" in bot.ask("anyone moan about the soundtrack").text


def test_the_year_of_a_film_just_recommended_comes_from_the_quote(bot):
    conversation = bot.conversation()
    conversation.ask("what film did Mainstream Chick recommend")
    reply = conversation.ask("what year's that one from")
    assert "2007" in reply.text and "Lars and the Real Girl" in reply.citations[0].excerpt
    source = bot.knowledge.source(reply.citations[0].source).text
    assert source[reply.citations[0].start:reply.citations[0].end] == reply.citations[0].excerpt


def test_the_review_picked_out_by_its_stars_is_followed_by_he(bot):
    conversation = bot.conversation()
    first = conversation.ask("who wrote the 4 star wordpress review")
    assert "Film blog — Hunter is by Hunter" in first.text and "Film blog reply" not in first.text
    reply = conversation.ask("what sci-fi movies did he compare it with")
    assert re.search(r"Close Encounters|Blade Runner|2001", reply.text)


def test_who_wrote_that_review_names_the_review_just_talked_about(bot):
    conversation = bot.conversation()
    conversation.ask("Which films does the Sight and Sound review compare Her to?")
    assert "Nick James" in conversation.ask("who wrote that review?").text


# A follow-up read with what was just said: the first question, the follow-up, and what its reply must say.
FOLLOW_UPS = [
    ("who plays the ex-wife?", "and how does Time Out describe that bit of casting?", re.escape("go-to actress for a frosty ex")),
    ("Who's the auteur behind Her?", "Which of his other films do the reviews bring up?", re.escape("Being John Malkovich")),
    ("what did david glowacki think", "did he like any of the actors tho", re.escape("fine performances")),
    ("uk release date?", "what day of the week was that", re.escape("Friday")),
    ("who's isabella played by", "did hunter and the people commenting on his blog rate that scene or nah", r"doesn’t quite work|killingly weird"),
    ("Who wrote the Sight and Sound review of Her?", "and which issue — month and year?", re.escape("January 2014")),
    ("Which Time Out reader said it would work better as a radio play?", "how much did she want cut?", re.escape("20 minutes")),
    ("what did time out's critic make of it", "and what about the readers, whats their average", re.escape("3.4 / 5")),
    ("who shot the film, like the DP?", "and who cut it?", re.escape("Eric Zumbrunnen")),
    ("who wrote the BFI review", "when was it first published?", re.escape("January 2014")),
    ("who directed it", "list his other films the reviews mention", re.escape("Being John Malkovich")),
    ("what did the blog that gave it 4/4 say about joaquin phoenix?", "and the other actresses?", re.escape("good work")),
    ("where did they actually film it?", "which parts of that city?", r"Xujiahui|Pudong"),
    ("what did nick james think of the movie", "where was his review published?", re.escape("Sight and Sound")),
    ("who plays theodore", "what other role of his did the blogger compare it to", re.escape("The Master")),
    ("who played Isabella?", "whats her role in the story, I never saw it", re.escape("surrogate")),
    ("What films does Nick James compare Her to?", "same question for hunter's blog", re.escape("Close Encounters")),
    ("um who is theodores best friend in it", "and who plays her", re.escape("Amy Adams plays Amy")),
]


@pytest.mark.parametrize(("first", "follow_up", "expected"), FOLLOW_UPS)
def test_a_follow_up_is_read_with_what_was_just_said(bot, first, follow_up, expected):
    conversation = bot.conversation()
    conversation.ask(first)
    assert re.search(expected, conversation.ask(follow_up).text)


def test_the_ex_wife_named_is_who_comes_next(bot):
    conversation = bot.conversation()
    conversation.ask("what's the ex-wife called again")
    assert "Rooney Mara plays Catherine" in conversation.ask("who plays her?").text
    assert "frosty ex" in conversation.ask("what did time out say about that casting").text
