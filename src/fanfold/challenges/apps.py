"""Challenges run by a collection: gift exchanges (sign-ups, matching, assignments) and prompt
memes (prompts, claims, fills)."""

from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "fanfold.challenges"

    def ready(self) -> None:
        from fanfold.challenges.claims import prompt_links
        from fanfold.works.preface import register_preface_links

        # The work page shows "In response to a prompt by …" for the prompts it fills.
        register_preface_links("prompts", prompt_links)
