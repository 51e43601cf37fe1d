"""The reader's buttons on a work page say what a click will do, and each is one click."""

from django.urls import reverse
from lxml import html


def buttons(client, url: str) -> list[str]:
    """What each button in the work's action bar says: a button's text, a submit input's value."""
    page = html.fromstring(client.get(url).content)
    actions = page.xpath("//ul[@aria-label='Work']//*[self::button or @type='submit']")
    return [(action.get("value") or action.text_content()).strip() for action in actions]


def test_subscribe_turns_into_unsubscribe_and_back(outsider_client, work):
    url = work.get_absolute_url()
    assert "Subscribe" in buttons(outsider_client, url)
    outsider_client.post(
        reverse("feedback:subscribe"), {"type": "work", "id": work.pk, "next": url}
    )
    assert "Unsubscribe" in buttons(outsider_client, url)
    assert "Subscribe" not in buttons(outsider_client, url)
    page = html.fromstring(outsider_client.get(url).content)
    # AO3's submit input: FanFicFare reads a subscription from input[value=Unsubscribe].
    form = page.xpath("//li[@class='subscribe']/form[input[@value='Unsubscribe']]")[0]
    fields = {field.name: field.value for field in form.inputs if field.name}
    response = outsider_client.post(form.action, fields)
    assert response.url == url
    assert "Subscribe" in buttons(outsider_client, url)


def test_mark_for_later_is_one_click_and_turns_into_mark_as_read(outsider_client, outsider, work):
    url = work.get_absolute_url()
    page = html.fromstring(outsider_client.get(url).content)
    form = page.xpath("//li[@class='mark']/form[button='Mark for Later']")[0]
    assert form.action == f"/works/{work.pk}/mark_for_later"  # AO3's addresses
    outsider_client.post(form.action, dict(form.form_values()))
    shelf = reverse("feedback:shelf", args=[outsider.username, "want"])
    assert work.title in outsider_client.get(shelf).content.decode()
    page = html.fromstring(outsider_client.get(url).content)
    # FanFicFare reads "marked for later" from a form whose address ends in /mark_as_read.
    form = page.xpath("//li[@class='mark']/form[button='Mark as Read']")[0]
    assert form.action == f"/works/{work.pk}/mark_as_read"
    outsider_client.post(form.action, dict(form.form_values()), follow=True)  # shows the message
    assert work.title not in outsider_client.get(shelf).content.decode()
    assert "Mark for Later" in buttons(outsider_client, url)


def test_the_action_bar_marks_for_later_in_one_button_and_other_shelves_sit_below_the_text(
    outsider_client, outsider, work
):
    url = work.get_absolute_url()
    page = html.fromstring(outsider_client.get(url).content)
    assert not page.xpath("//ul[@aria-label='Work']//select")
    assert [b for b in buttons(outsider_client, url) if "Later" in b or "Shelve" in b] == [
        "Mark for Later"
    ]
    (shelf_form,) = page.xpath("//form[@id='shelf']")
    assert page.xpath("//div[@id='chapters']/following::form[@id='shelf']")
    outsider_client.post(shelf_form.action, {"shelf": "finished"})
    finished = reverse("feedback:shelf", args=[outsider.username, "finished"])
    assert work.title in outsider_client.get(finished).content.decode()


def test_a_shelf_that_does_not_exist_is_not_found(outsider_client, outsider):
    response = outsider_client.get(reverse("feedback:shelf", args=[outsider.username, "nope"]))
    assert response.status_code == 404
