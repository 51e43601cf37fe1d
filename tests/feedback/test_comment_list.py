"""Comments under a work: names link to pseuds, Reply links, Report only on others' comments,
well-formed lists and headings, and a blocked reader told so instead of shown the box."""

import itertools

from django.urls import reverse
from lxml import html

from fanfold.feedback import comments


def work_page(client, work):
    return html.fromstring(client.get(work.get_absolute_url()).content)


def test_comment_names_link_to_pseuds_and_every_comment_offers_reply(
    work, author, outsider, outsider_client
):
    first = comments.post_comment(work, outsider, "<p>Lovely lamps.</p>", ip="")
    comments.post_comment(work, author, "<p>Thank you!</p>", ip="", parent=first)
    page = work_page(outsider_client, work)
    names = page.xpath("//ol[@class='thread']/li//h4[contains(@class, 'byline')]/a")
    assert [(a.text, a.get("href")) for a in names] == [
        ("outsider", "/users/outsider/pseuds/outsider"),
        ("author", "/users/author/pseuds/author"),
    ]
    replies = page.xpath("//ol[@class='thread']/li//a[.='Reply']/@href")
    assert replies == [
        reverse("feedback:reply", args=[c.pk]) + "#add_comment_reply"
        for c in work.comments.order_by("pk")
    ]


def test_following_reply_opens_the_thread_with_a_box_that_replies_to_that_comment(
    work, outsider, author_client
):
    first = comments.post_comment(work, outsider, "<p>Lovely lamps.</p>", ip="")
    reply_link = work_page(author_client, work).xpath(
        "//ol[@class='thread']/li//a[.='Reply']/@href"
    )[0]
    path, anchor = reply_link.split("#")
    response = author_client.get(path)
    assert response.status_code == 200
    page = html.fromstring(response.content)
    assert "Lovely lamps." in page.xpath("//ol[@class='thread']")[0].text_content()
    (form,) = page.xpath(f"//form[@id='{anchor}']")
    author_client.post(form.get("action"), {"body": "Thank you kindly."})
    assert first.replies.get().body == "<p>Thank you kindly.</p>"


def test_comment_lists_hold_only_list_items_and_headings_do_not_skip(work, outsider, guest):
    comments.post_comment(work, outsider, "<p>Lovely lamps.</p>", ip="")
    for url in (work.get_absolute_url(), work.comments.get().get_absolute_url()):
        page = html.fromstring(guest.get(url).content)
        thread = page.xpath("//ol[@class='thread']")[0]
        assert {child.tag for child in thread} == {"li"}
        assert not page.xpath("//li[@role]")
        levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_authors_are_not_offered_report_on_their_own_comments(
    work, outsider, outsider_client, author_client
):
    comments.post_comment(work, outsider, "<p>Lovely lamps.</p>", ip="")
    assert not work_page(outsider_client, work).xpath("//ol[@class='thread']//a[.='Report']")
    assert work_page(author_client, work).xpath("//ol[@class='thread']//a[.='Report']")


def test_blocking_asks_first_and_the_blocked_reader_sees_why_instead_of_the_box(
    work, author, author_client, outsider, outsider_client
):
    profile = html.fromstring(
        author_client.get(reverse("accounts:profile", args=["outsider"])).content
    )
    confirm_url = profile.xpath("//a[.='Block']/@href")[0]
    confirm = author_client.get(confirm_url).content.decode()
    assert "Block outsider?" in confirm
    assert not author.blocks.exists()
    author_client.post(confirm_url)
    assert author.blocks.filter(blocked=outsider).exists()
    page = work_page(outsider_client, work)
    assert not page.xpath("//form[contains(@class, 'comment-form')]")
    assert "blocked from commenting" in page.xpath("//div[@id='comments']")[0].text_content()
