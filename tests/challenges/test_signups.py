"""Signing up through the web: AO3's limits, closed sign-ups, tag sets, who sees sign-ups."""

import datetime

from django.utils import timezone

from fanfold.challenges.models import PromptKind, Signup
from fanfold.tagsets.nominating import add_tags, create_tag_set
from tests.challenges.conftest import signup_data


def new_signup_url(challenge) -> str:
    return f"/collections/{challenge.collection.name}/signups/new"


def test_signup_saves_requests_and_offers_with_their_tags(gift_exchange, author_client, author):
    data = signup_data(
        "Moth Island (Comics)",
        "Paper Boats (Film), Moth Island (Comics)",
        request__1__character="Moss the Moth",
    )
    response = author_client.post(new_signup_url(gift_exchange), data)
    signup = Signup.objects.get(challenge=gift_exchange, pseud__user=author)
    assert response.status_code == 302
    assert response.url == signup.get_absolute_url()
    request, offer = (
        signup.prompts_of(PromptKind.REQUEST)[0],
        signup.prompts_of(PromptKind.OFFER)[0],
    )
    assert sorted(t.name for t in request.tags.all()) == ["Moss the Moth", "Moth Island (Comics)"]
    assert sorted(t.name for t in offer.tags.all()) == [
        "Moth Island (Comics)",
        "Paper Boats (Film)",
    ]
    page = author_client.get(signup.get_absolute_url()).content.decode()
    assert "Moss the Moth" in page and "Paper Boats (Film)" in page


def test_too_many_fandoms_are_refused_and_what_was_typed_stays(gift_exchange, author_client):
    typed = "Moth Island (Comics), Paper Boats (Film), Lighthouse Keepers (Radio)"
    response = author_client.post(
        new_signup_url(gift_exchange), signup_data(typed, "Paper Boats (Film)")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "must include between 1 and 2 fandom tags, but you have included 3" in page
    assert f'value="{typed}"' in page
    assert not Signup.objects.exists()


def test_any_and_tags_of_the_same_type_together_are_refused(gift_exchange, author_client):
    data = signup_data(
        "Moth Island (Comics)",
        "Moth Island (Comics)",
        offer__1__character="Ada Lamp",
        offer__1__any_character="on",
    )
    page = author_client.post(new_signup_url(gift_exchange), data).content.decode()
    assert "but also chose “Any”" in page
    assert not Signup.objects.exists()


def test_any_is_saved_when_the_challenge_allows_it(gift_exchange, author_client, author):
    data = signup_data("Moth Island (Comics)", "Moth Island (Comics)", offer__1__any_character="on")
    author_client.post(new_signup_url(gift_exchange), data)
    offer = Signup.objects.get(pseud__user=author).prompts_of(PromptKind.OFFER)[0]
    assert offer.any_types == ["Character"]


def test_closed_signups_refuse_and_keep_what_was_typed(gift_exchange, author_client):
    gift_exchange.signups_close_at = timezone.now() - datetime.timedelta(minutes=1)
    gift_exchange.save()
    response = author_client.post(
        new_signup_url(gift_exchange), signup_data("Moth Island (Comics)", "Paper Boats (Film)")
    )
    page = response.content.decode()
    assert "Sign-up is currently closed" in page
    assert 'value="Paper Boats (Film)"' in page
    assert not Signup.objects.exists()


def test_signups_have_not_opened_before_their_date(gift_exchange, author_client):
    gift_exchange.signups_open_at = timezone.now() + datetime.timedelta(hours=1)
    gift_exchange.save()
    page = author_client.get(new_signup_url(gift_exchange)).content.decode()
    assert "Sign-up is currently closed" in page


def test_tags_outside_the_challenges_tag_set_are_refused(gift_exchange, author_client, author):
    tag_set = create_tag_set(author.default_pseud, title="Small Fandoms 2026")
    add_tags(tag_set, "Fandom", ["Moth Island (Comics)"])
    gift_exchange.tag_sets.add(tag_set)
    page = author_client.post(
        new_signup_url(gift_exchange), signup_data("Paper Boats (Film)", "Moth Island (Comics)")
    ).content.decode()
    assert "these fandom tags are not allowed in this challenge: Paper Boats (Film)" in page
    assert not Signup.objects.exists()


def test_unknown_tags_are_refused(gift_exchange, author_client):
    page = author_client.post(
        new_signup_url(gift_exchange), signup_data("No Such Fandom", "Moth Island (Comics)")
    ).content.decode()
    assert "these fandom tags do not exist: No Such Fandom" in page


def test_a_second_signup_goes_to_editing_the_first(gift_exchange, author_client, author):
    author_client.post(
        new_signup_url(gift_exchange), signup_data("Moth Island (Comics)", "Paper Boats (Film)")
    )
    response = author_client.get(new_signup_url(gift_exchange))
    signup = Signup.objects.get(pseud__user=author)
    assert response.url == f"/collections/Winter_Swap/signups/{signup.pk}/edit"


def test_outsider_cannot_see_someone_elses_gift_exchange_signup(
    gift_exchange, author_client, author, outsider_client
):
    author_client.post(
        new_signup_url(gift_exchange), signup_data("Moth Island (Comics)", "Paper Boats (Film)")
    )
    signup = Signup.objects.get(pseud__user=author)
    assert outsider_client.get(signup.get_absolute_url()).status_code == 403
    assert outsider_client.get("/collections/Winter_Swap/signups").status_code == 403


def test_maintainer_lists_signups_and_dates_show_in_the_challenges_time_zone(
    gift_exchange, author_client, maintainer_client, outsider_client
):
    gift_exchange.signups_close_at = datetime.datetime(2026, 12, 24, 23, 59, tzinfo=datetime.UTC)
    gift_exchange.save()
    author_client.post(
        new_signup_url(gift_exchange), signup_data("Moth Island (Comics)", "Paper Boats (Film)")
    )
    page = maintainer_client.get("/collections/Winter_Swap/signups").content.decode()
    assert "Sign-ups (1)" in page and "Moth Island (Comics)" in page
    form = outsider_client.get(new_signup_url(gift_exchange)).content.decode()
    assert (
        'Sign-ups close <time datetime="2026-12-24T18:59:00-05:00">24 Dec 2026, 18:59</time> (America/New_York).'
        in form
    )


def test_settings_dates_are_read_in_the_challenges_time_zone(gift_exchange, maintainer_client):
    form = maintainer_client.get("/collections/Winter_Swap/gift_exchange/edit").content.decode()
    assert 'name="time_zone"' in form
    data = {
        "signup_open": "on",
        "time_zone": "Asia/Tokyo",
        "signups_close_at": "2026-12-25T09:00",
        "requests_num_required": "1",
        "requests_num_allowed": "1",
        "offers_num_required": "1",
        "offers_num_allowed": "1",
        "request_fandom_required": "1",
        "request_fandom_allowed": "2",
        "offer_fandom_required": "1",
        "offer_fandom_allowed": "2",
        "match_fandom": "1",
        "match_prompts": "1",
    }
    for kind in ("request", "offer"):
        for tag_type in (
            "character",
            "relationship",
            "rating",
            "category",
            "archivewarning",
            "freeform",
        ):
            data[f"{kind}_{tag_type}_required"] = "0"
            data[f"{kind}_{tag_type}_allowed"] = "0"
    for tag_type in (
        "character",
        "relationship",
        "rating",
        "category",
        "archivewarning",
        "freeform",
    ):
        data[f"match_{tag_type}"] = "0"
    response = maintainer_client.post("/collections/Winter_Swap/gift_exchange/edit", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    gift_exchange.refresh_from_db()
    assert gift_exchange.signups_close_at == datetime.datetime(
        2026, 12, 25, 0, 0, tzinfo=datetime.UTC
    )
    assert gift_exchange.match_tags == {"Fandom": 1}
