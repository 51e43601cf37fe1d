"""Prompt memes through the web: prompts, claims, fills shown on the prompt and the work, and
the prompt listing filtered by tag and by claimed or filled state."""

import pytest

from fanfold.challenges.models import Claim, Prompt
from fanfold.challenges.signups import PromptInput, save_signup
from tests.factories import UserFactory, WorkFactory


def post_prompt(challenge, user, fandom: str, title: str, anonymous: bool = False) -> Prompt:
    prompt = PromptInput(
        kind="request", tag_names={"Fandom": [fandom]}, title=title, anonymous=anonymous
    )
    return save_signup(challenge, user.default_pseud, [prompt]).prompts.get()


@pytest.fixture
def prompter(db):
    return UserFactory(username="prompter")


def test_prompts_are_posted_through_the_signup_form(prompt_meme, author_client, author):
    data = {
        "request-1-fandom": "Moth Island (Comics)",
        "request-1-title": "A moth finds a lamp",
        "request-1-anonymous": "on",
    }
    author_client.post("/collections/Tiny_Prompts/signups/new", data)
    prompt = Prompt.objects.get(signup__pseud__user=author)
    assert prompt.anonymous
    page = author_client.get("/collections/Tiny_Prompts/prompts").content.decode()
    assert "A moth finds a lamp by Anonymous" in page


def test_claiming_filling_and_the_fill_shown_on_prompt_and_work(
    prompt_meme, prompter, author, author_client
):
    prompt = post_prompt(prompt_meme, prompter, "Moth Island (Comics)", "A moth finds a lamp")
    author_client.post(f"/collections/Tiny_Prompts/prompts/{prompt.pk}/claim")
    claim = Claim.objects.get(prompt=prompt)
    assert claim.pseud == author.default_pseud
    work = WorkFactory(author=author, title="Moth and Lamp")
    author_client.post(f"/collections/Tiny_Prompts/claims/{claim.pk}/fill", {"work": work.pk})
    prompt_page = author_client.get(prompt.get_absolute_url()).content.decode()
    assert "filled by" in prompt_page and "Moth and Lamp" in prompt_page
    work_page = author_client.get(work.get_absolute_url()).content.decode()
    assert "In response to" in work_page and "a prompt by prompter in Tiny Prompts" in work_page
    assert (
        "/users/author/claims"
        and "Moth and Lamp" in author_client.get("/users/author/claims").content.decode()
    )


def test_claiming_twice_is_refused_and_unclaiming_frees_it(prompt_meme, prompter, author_client):
    prompt = post_prompt(prompt_meme, prompter, "Moth Island (Comics)", "Lamp")
    author_client.post(f"/collections/Tiny_Prompts/prompts/{prompt.pk}/claim")
    page = author_client.post(
        f"/collections/Tiny_Prompts/prompts/{prompt.pk}/claim", follow=True
    ).content.decode()
    assert "You have already claimed this prompt." in page
    claim = Claim.objects.get()
    author_client.post(f"/collections/Tiny_Prompts/claims/{claim.pk}/delete")
    assert not Claim.objects.exists()


def test_outsider_cannot_drop_or_fill_someone_elses_claim(
    prompt_meme, prompter, author_client, outsider_client, outsider
):
    prompt = post_prompt(prompt_meme, prompter, "Moth Island (Comics)", "Lamp")
    author_client.post(f"/collections/Tiny_Prompts/prompts/{prompt.pk}/claim")
    claim = Claim.objects.get()
    assert (
        outsider_client.post(f"/collections/Tiny_Prompts/claims/{claim.pk}/delete").status_code
        == 403
    )
    work = WorkFactory(author=outsider)
    assert (
        outsider_client.post(
            f"/collections/Tiny_Prompts/claims/{claim.pk}/fill", {"work": work.pk}
        ).status_code
        == 403
    )
    assert Claim.objects.get().work is None


def test_prompt_listing_filters_by_tag_and_by_state(prompt_meme, prompter, author, author_client):
    moth = post_prompt(prompt_meme, prompter, "Moth Island (Comics)", "Moth prompt")
    boats = post_prompt(prompt_meme, UserFactory(), "Paper Boats (Film)", "Boat prompt")
    lamps = post_prompt(prompt_meme, UserFactory(), "Lighthouse Keepers (Radio)", "Lamp prompt")
    author_client.post(f"/collections/Tiny_Prompts/prompts/{boats.pk}/claim")
    author_client.post(f"/collections/Tiny_Prompts/prompts/{lamps.pk}/claim")
    claim = Claim.objects.get(prompt=lamps)
    author_client.post(
        f"/collections/Tiny_Prompts/claims/{claim.pk}/fill", {"work": WorkFactory(author=author).pk}
    )

    def titles(query: str) -> set[str]:
        page = author_client.get(f"/collections/Tiny_Prompts/prompts?{query}").content.decode()
        return {p.title for p in (moth, boats, lamps) if p.title in page}

    assert titles("tag=paper boats (film)") == {"Boat prompt"}
    assert titles("state=unclaimed") == {"Moth prompt"}
    assert titles("state=claimed") == {"Boat prompt", "Lamp prompt"}
    assert titles("state=filled") == {"Lamp prompt"}
    assert titles("state=unfilled") == {"Moth prompt", "Boat prompt"}
    assert (
        "No prompts match these filters."
        in author_client.get("/collections/Tiny_Prompts/prompts?tag=Nothing").content.decode()
    )


def test_an_anonymous_prompts_signup_page_is_not_public(prompt_meme, prompter, outsider_client):
    prompt = post_prompt(prompt_meme, prompter, "Moth Island (Comics)", "Secret", anonymous=True)
    assert outsider_client.get(prompt.signup.get_absolute_url()).status_code == 403
    assert outsider_client.get("/collections/Tiny_Prompts/signups").status_code == 403
    assert "prompter" not in outsider_client.get(prompt.get_absolute_url()).content.decode()
