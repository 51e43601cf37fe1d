"""Account URLs, shaped like AO3's (/users/<login>, /users/<login>/pseuds/<pseud>)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from fanfold.accounts import two_factor_views
from fanfold.pages.accounts import (
    creatorship_views,
    invitation_views,
    leaving_views,
    reading_views,
    views,
)

app_name = "accounts"
urlpatterns = [
    path("signup", views.sign_up, name="signup"),
    path("reader_settings", reading_views.reader_settings, name="reader_settings"),
    path("signup/<str:token>", views.sign_up, name="signup_invited"),
    path("invite_requests", invitation_views.request_invitation, name="request_invitation"),
    path("users/<str:login_name>/invitations", invitation_views.my_invitations, name="invitations"),
    path("users/confirm/<str:uidb64>/<str:token>", views.confirm_email, name="confirm"),
    path("users/login", views.SignInView.as_view(), name="login"),
    path("users/login/code", two_factor_views.login_code, name="login_code"),
    path("users/logout", views.SignOutView.as_view(), name="logout"),
    path("token_dispenser.json", views.token_dispenser, name="token_dispenser"),
    path(
        "users/password/new",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "users/password/sent",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "users/password/reset/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "users/password/done",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path("users/<str:login_name>", views.profile, name="profile"),
    path("users/<str:login_name>/profile", views.about, name="about"),
    path("users/<str:login_name>/works", views.user_works, name="user_works"),
    path("users/<str:login_name>/works/drafts", views.drafts, name="drafts"),
    path("users/<str:login_name>/series", views.user_series, name="user_series"),
    path("users/<str:login_name>/pseuds", views.pseud_list, name="pseuds"),
    path("users/<str:login_name>/pseuds/new", views.new_pseud, name="new_pseud"),
    path("users/<str:login_name>/pseuds/<str:pseud_name>", views.pseud_page, name="pseud"),
    path(
        "users/<str:login_name>/pseuds/<str:pseud_name>/works",
        views.pseud_works,
        name="pseud_works",
    ),
    path(
        "users/<str:login_name>/pseuds/<str:pseud_name>/edit",
        views.edit_pseud,
        name="edit_pseud",
    ),
    path("users/<str:login_name>/preferences", views.preferences, name="preferences"),
    path("users/<str:login_name>/relation/<str:action>", views.change_relation, name="relation"),
    path("users/<str:login_name>/people/<str:kind>", views.relation_list, name="relations"),
    path("users/<str:login_name>/change_username", views.change_username, name="change_username"),
    path("users/<str:login_name>/change_email", views.change_email, name="change_email"),
    path("users/<str:login_name>/change_password", views.change_password, name="change_password"),
    path("users/<str:login_name>/two_factor", two_factor_views.settings_page, name="two_factor"),
    path(
        "users/<str:login_name>/creatorships",
        creatorship_views.creatorships,
        name="creatorships",
    ),
    path("users/<str:login_name>/delete", leaving_views.delete, name="delete_account"),
    path("users/<str:login_name>/export", leaving_views.export, name="export"),
]
