"""Search pages, feeds and saved filters."""

from django.urls import path
from django.views.generic import TemplateView

from fanfold.search import views
from fanfold.search.feeds import FilteredWorksFeed

app_name = "search"
urlpatterns = [
    path("people/search", views.people_search, name="people"),
    path("tags/search", views.tag_search, name="tags"),
    path("bookmarks/search", views.bookmark_search, name="bookmarks"),
    path("works/search/help", TemplateView.as_view(template_name="search/help.html"), name="help"),
    path("works/feed.atom", FilteredWorksFeed(), name="works_feed"),
    path("tags/<tagname:name>/feed.atom", FilteredWorksFeed(), name="tag_feed"),
    path("saved_filters", views.saved_filters, name="saved_filters"),
    path("saved_filters/new", views.save_filter, name="save_filter"),
    path("saved_filters/<int:filter_id>/default", views.make_default, name="default_filter"),
    path(
        "saved_filters/<int:filter_id>/delete",
        views.delete_saved_filter,
        name="delete_saved_filter",
    ),
]
