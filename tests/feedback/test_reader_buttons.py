"""The reader's buttons on a work page say what a click will do, and each is one click."""

from django.urls import reverse
from lxml import html


def buttons(client, url: str) -> list[str]:
    page = html.fromstring(client.get(url).content)
    return [
        button.text_content().strip() for button in page.xpath("//ul[@aria-label='Work']//button")
    ]


def test_subscribe_turns_into_unsubscribe_and_back(outsider_client, work):
    url = work.get_absolute_url()
    assert "Subscribe" in buttons(outsider_client, url)
    outsider_client.post(
        reverse("feedback:subscribe"), {"type": "work", "id": work.pk, "next": url}
    )
    assert "Unsubscribe" in buttons(outsider_client, url)
    assert "Subscribe" not in buttons(outsider_client, url)
    page = html.fromstring(outsider_client.get(url).content)
    form = page.xpath("//button[.='Unsubscribe']/ancestor::form")[0]
    fields = {field.name: field.value for field in form.inputs if field.name}
    response = outsider_client.post(form.action, fields)
    assert response.url == url
    assert "Subscribe" in buttons(outsider_client, url)


def test_mark_for_later_is_one_click_and_turns_into_mark_as_read(outsider_client, outsider, work):
    url = work.get_absolute_url()
    page = html.fromstring(outsider_client.get(url).content)
    form = page.xpath("//button[.='Mark for Later']/ancestor::form")[0]
    outsider_client.post(
        form.action, {field.name: field.value for field in form.inputs if field.name}
    )
    shelf = reverse("feedback:shelf", args=[outsider.username, "want"])
    assert work.title in outsider_client.get(shelf).content.decode()
    assert "Mark as Read" in buttons(outsider_client, url)


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
