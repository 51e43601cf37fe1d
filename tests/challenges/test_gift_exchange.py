"""A gift exchange after sign-ups: matching, moderators' edits, sending, defaulting, pinch hits,
fulfilling with a posted work, reminders and the scheduled reveal."""

import datetime
import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from fanfold.challenges import assignments as assigning
from fanfold.challenges.models import Assignment, PotentialMatch, Signup
from fanfold.challenges.signups import PromptInput, save_signup
from fanfold.collections.models import CollectionItem
from fanfold.moderation.models import AuditEntry
from fanfold.works.models import Work
from tests.factories import UserFactory, WorkFactory


def sign_up(challenge, user, requested: str, offered: str) -> Signup:
    prompts = [
        PromptInput(kind="request", tag_names={"Fandom": [requested]}),
        PromptInput(kind="offer", tag_names={"Fandom": [offered]}),
    ]
    return save_signup(challenge, user.default_pseud, prompts)


@pytest.fixture
def three_signups(gift_exchange):
    """A ring: ana offers what bo wants, bo what cy wants, cy what ana wants."""
    ana, bo, cy = (UserFactory(username=name) for name in ("ana", "bo", "cy"))
    return {
        "ana": sign_up(gift_exchange, ana, "Moth Island (Comics)", "Paper Boats (Film)"),
        "bo": sign_up(gift_exchange, bo, "Paper Boats (Film)", "Lighthouse Keepers (Radio)"),
        "cy": sign_up(gift_exchange, cy, "Lighthouse Keepers (Radio)", "Moth Island (Comics)"),
    }


def giver_names(challenge) -> dict[str, str | None]:
    return {
        str(a.recipient.name): (a.giver.name if a.giver else None)
        for a in challenge.assignments.filter(request_signup__isnull=False)
    }


def test_generating_matches_gives_everyone_the_one_giver_who_matches(
    gift_exchange, three_signups, maintainer_client
):
    response = maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    assert response.url == "/collections/Winter_Swap/assignments"
    assert giver_names(gift_exchange) == {"ana": "cy", "bo": "ana", "cy": "bo"}
    page = maintainer_client.get("/collections/Winter_Swap/potential_matches").content.decode()
    assert page.count("<tr>") == 1 + 3
    assert AuditEntry.objects.filter(action="generated matches").exists()


def test_outsider_and_participants_cannot_see_matching_or_all_assignments(
    gift_exchange, three_signups, outsider_client, author_client
):
    for url in ("potential_matches", "assignments", "signups"):
        assert outsider_client.get(f"/collections/Winter_Swap/{url}").status_code == 403
    assert (
        outsider_client.post("/collections/Winter_Swap/potential_matches/generate").status_code
        == 403
    )
    assert not Assignment.objects.exists()


def test_moderator_cannot_set_a_giver_who_does_not_match(
    gift_exchange, three_signups, maintainer, maintainer_client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    ana_receives = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    response = maintainer_client.post(
        f"/collections/Winter_Swap/assignments/{ana_receives.pk}/edit",
        {"giver": three_signups["bo"].pk},
        follow=True,
    )
    assert "bo does not match ana" in response.content.decode()
    ana_receives.refresh_from_db()
    assert ana_receives.offer_signup == three_signups["cy"]


def test_sending_mails_each_giver_once_and_clears_potential_matches(
    gift_exchange, three_signups, maintainer_client, django_capture_on_commit_callbacks
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    with django_capture_on_commit_callbacks(execute=True):
        maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
        maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [to for to, _ in subjects] == ["ana@example.org", "bo@example.org", "cy@example.org"]
    assert all("Your assignment for Winter Swap" in subject for _, subject in subjects)
    cy_mail = next(m for m in mail.outbox if m.to == ["cy@example.org"])
    assert "a gift for ana" in cy_mail.body
    assert not PotentialMatch.objects.exists()
    assert not gift_exchange.assignments.filter(request_signup__isnull=False, sent_at=None).exists()


def test_giver_sees_their_assignment_and_others_do_not(
    gift_exchange, three_signups, maintainer_client, client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    client.force_login(three_signups["cy"].pseud.user)
    page = client.get("/users/cy/assignments").content.decode()
    assert for_ana.get_absolute_url() in page
    assert "Moth Island (Comics)" in client.get(for_ana.get_absolute_url()).content.decode()
    client.force_login(three_signups["bo"].pseud.user)
    assert client.get(for_ana.get_absolute_url()).status_code == 403
    assert client.get("/users/cy/assignments").status_code == 403


def test_posting_a_work_for_the_assignment_fulfils_it_as_a_gift_in_the_collection(
    gift_exchange, three_signups, maintainer_client, client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    cy = three_signups["cy"].pseud.user
    work = WorkFactory(author=cy, title="Wings at the Window", fandoms=("Moth Island (Comics)",))
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    client.force_login(cy)
    client.post(f"/collections/Winter_Swap/assignments/{for_ana.pk}/fulfill", {"work": work.pk})
    for_ana.refresh_from_db()
    assert for_ana.is_fulfilled
    assert CollectionItem.objects.get(work=work).collection == gift_exchange.collection
    assert work.gifts.get().pseud == three_signups["ana"].pseud
    assert Work.objects.get(pk=work.pk).unrevealed


def test_someone_elses_work_cannot_fulfil_an_assignment(
    gift_exchange, three_signups, maintainer_client, client, author
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    client.force_login(three_signups["cy"].pseud.user)
    client.post(
        f"/collections/Winter_Swap/assignments/{for_ana.pk}/fulfill",
        {"work": WorkFactory(author=author).pk},
    )
    for_ana.refresh_from_db()
    assert for_ana.work is None


def test_default_tells_the_maintainers_and_a_pinch_hitter_covers(
    gift_exchange, three_signups, maintainer_client, client, django_capture_on_commit_callbacks
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    mail.outbox.clear()
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    client.force_login(three_signups["cy"].pseud.user)
    client.post(f"/collections/Winter_Swap/assignments/{for_ana.pk}/default")
    assert [m.to for m in mail.outbox] == [["maintainer@example.org"]]
    helper = UserFactory(username="helper")
    with django_capture_on_commit_callbacks(execute=True):
        maintainer_client.post(
            f"/collections/Winter_Swap/assignments/{for_ana.pk}/edit", {"pinch_hitter": "helper"}
        )
    covering = gift_exchange.assignments.get(pinch_hitter=helper.default_pseud)
    assert covering.recipient == three_signups["ana"].pseud and covering.sent_at
    assert mail.outbox[-1].to == ["helper@example.org"]
    assert AuditEntry.objects.filter(action="pinch hit").exists()


def test_an_unknown_pinch_hitter_is_refused_with_the_name_and_nothing_changes(
    gift_exchange, three_signups, maintainer_client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    page = maintainer_client.post(
        f"/collections/Winter_Swap/assignments/{for_ana.pk}/edit",
        {"pinch_hitter": "Nobody Here"},
        follow=True,
    ).content.decode()
    assert "There is no pseud named “Nobody Here”." in page
    for_ana.refresh_from_db()
    assert for_ana.pinch_hitter is None


def test_reminders_go_once_to_unfulfilled_givers_shortly_before_the_due_date(
    gift_exchange, three_signups, maintainer_client, time_machine
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    cy = three_signups["cy"].pseud.user
    for_ana = gift_exchange.assignments.get(request_signup=three_signups["ana"])
    assigning.fulfill(for_ana, WorkFactory(author=cy), cy)
    mail.outbox.clear()
    call_command("challenge_reminders")
    assert mail.outbox == []  # a month before the due date
    time_machine.move_to(gift_exchange.assignments_due_at - datetime.timedelta(days=2))
    call_command("challenge_reminders")
    call_command("challenge_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bo@example.org"]
    assert "is due soon" in mail.outbox[0].subject


def test_scheduled_reveal_shows_works_and_then_creators_at_their_dates(
    gift_exchange, three_signups, maintainer_client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    cy = three_signups["cy"].pseud.user
    work = WorkFactory(author=cy)
    assigning.fulfill(gift_exchange.assignments.get(request_signup=three_signups["ana"]), work, cy)
    now = timezone.now()
    gift_exchange.works_reveal_at = now - datetime.timedelta(minutes=1)
    gift_exchange.creators_reveal_at = now + datetime.timedelta(days=1)
    gift_exchange.save()
    call_command("challenge_reveals")
    call_command("challenge_reveals")
    work.refresh_from_db()
    assert not work.unrevealed and work.anonymous
    assert AuditEntry.objects.filter(action="revealed works").count() == 1
    gift_exchange.creators_reveal_at = now - datetime.timedelta(seconds=1)
    gift_exchange.save()
    call_command("challenge_reveals")
    work.refresh_from_db()
    assert not work.anonymous


def test_data_export_holds_the_users_signups_and_sent_assignments(
    gift_exchange, three_signups, maintainer_client, client
):
    maintainer_client.post("/collections/Winter_Swap/potential_matches/generate")
    maintainer_client.post("/collections/Winter_Swap/assignments/send_out")
    client.force_login(three_signups["cy"].pseud.user)
    response = client.get("/users/cy/export")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        data = json.loads(archive.read("challenges.json"))
    assert data["signups"][0]["collection"] == "Winter_Swap"
    prompts = {p["kind"]: p["tags"] for p in data["signups"][0]["prompts"]}
    assert prompts == {"request": ["Lighthouse Keepers (Radio)"], "offer": ["Moth Island (Comics)"]}
    assert [a["request_signup__pseud__name"] for a in data["assignments"]] == ["ana"]
