"""What the posting and sign-up forms tell a new user: help, terms, checkbox layout."""

from django.urls import reverse
from lxml import html


def test_sign_up_links_the_terms_of_service_page(db, guest):
    page = html.fromstring(guest.get(reverse("accounts:signup")).content)
    link = page.xpath("//label[contains(., 'Terms of Service')]/a")[0]
    assert link.text == "Terms of Service"
    terms = guest.get(link.get("href")).content.decode()
    assert '<h2 class="heading">Terms of Service</h2>' in terms
    assert "at least 13 years old" in terms


def test_work_text_help_names_the_allowed_html(author_client):
    page = html.fromstring(author_client.get(reverse("works:new")).content)
    help_text = page.get_element_by_id("id_chapter-body_helptext").text_content()
    assert "Stored sanitised" not in help_text
    assert "blockquote" in help_text and "strong" in help_text


def test_single_checkboxes_come_before_their_labels(author_client):
    page = html.fromstring(author_client.get(reverse("works:new")).content)
    field = page.xpath("//div[contains(@class, 'field-restricted')]")[0]
    assert [child.tag for child in field][:2] == ["input", "label"]
