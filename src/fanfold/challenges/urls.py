"""Challenge URLs in AO3's shapes, under the collection that runs the challenge."""

from django.urls import path

from fanfold.challenges import assignment_views, views

app_name = "challenges"

C = "collections/<str:name>"
urlpatterns = [
    path(
        f"{C}/gift_exchange/edit",
        views.edit_challenge,
        {"kind": "gift_exchange"},
        name="edit_gift_exchange",
    ),
    path(
        f"{C}/prompt_meme/edit",
        views.edit_challenge,
        {"kind": "prompt_meme"},
        name="edit_prompt_meme",
    ),
    path(f"{C}/signups", views.signups, name="signups"),
    path(f"{C}/signups/new", views.new_signup, name="new_signup"),
    path(f"{C}/signups/<int:signup_id>", views.show_signup, name="signup"),
    path(f"{C}/signups/<int:signup_id>/edit", views.edit_signup, name="edit_signup"),
    path(f"{C}/signups/<int:signup_id>/delete", views.remove_signup, name="delete_signup"),
    path(f"{C}/requests", views.requests_summary, name="requests"),
    path(f"{C}/prompts", views.prompts, name="prompts"),
    path(f"{C}/prompts/<int:prompt_id>", views.show_prompt, name="prompt"),
    path(f"{C}/prompts/<int:prompt_id>/claim", views.claim_prompt, name="claim"),
    path(f"{C}/claims", views.claims, name="claims"),
    path(f"{C}/claims/<int:claim_id>/delete", views.unclaim, name="unclaim"),
    path(f"{C}/claims/<int:claim_id>/fill", views.fill_claim, name="fill"),
    path(f"{C}/potential_matches", assignment_views.potential_matches, name="potential_matches"),
    path(f"{C}/potential_matches/generate", assignment_views.generate, name="generate"),
    path(f"{C}/assignments", assignment_views.assignments, name="assignments"),
    path(f"{C}/assignments/send_out", assignment_views.send_out, name="send_out"),
    path(
        f"{C}/assignments/<int:assignment_id>", assignment_views.show_assignment, name="assignment"
    ),
    path(
        f"{C}/assignments/<int:assignment_id>/edit",
        assignment_views.edit_assignment,
        name="edit_assignment",
    ),
    path(
        f"{C}/assignments/<int:assignment_id>/default",
        assignment_views.default_assignment,
        name="default",
    ),
    path(
        f"{C}/assignments/<int:assignment_id>/fulfill",
        assignment_views.fulfill_assignment,
        name="fulfill",
    ),
    path("users/<str:login_name>/signups", views.user_signups, name="user_signups"),
    path(
        "users/<str:login_name>/assignments",
        assignment_views.user_assignments,
        name="user_assignments",
    ),
    path("users/<str:login_name>/claims", views.user_claims, name="user_claims"),
]
