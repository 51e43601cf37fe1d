"""Work and chapter URLs, shaped like AO3's."""

from django.urls import path

from fanfold.pages.works import views

app_name = "works"
urlpatterns = [
    path("works", views.work_list, name="list"),
    path("works/search", views.works_search, name="search"),
    path("works/new", views.new_work, name="new"),
    path("works/<int:work_id>", views.show_work, name="show"),
    path("works/<int:work_id>/edit", views.edit_work, name="edit"),
    path("works/<int:work_id>/post", views.post_draft, name="post"),
    path("works/<int:work_id>/delete", views.delete_work, name="delete"),
    path("works/<int:work_id>/orphan", views.orphan_work, name="orphan"),
    path("works/<int:work_id>/navigate", views.navigate, name="navigate"),
    path("works/<int:work_id>/chapters/new", views.new_chapter, name="new_chapter"),
    path("works/<int:work_id>/chapters/manage", views.manage_chapters, name="manage_chapters"),
    path("works/<int:work_id>/chapters/<int:chapter_id>", views.show_chapter, name="chapter"),
    path("chapters/<int:chapter_id>", views.chapter_by_id, name="chapter_by_id"),
    path(
        "works/<int:work_id>/chapters/<int:chapter_id>/edit",
        views.edit_chapter,
        name="edit_chapter",
    ),
    path(
        "works/<int:work_id>/chapters/<int:chapter_id>/delete",
        views.delete_chapter,
        name="delete_chapter",
    ),
]
