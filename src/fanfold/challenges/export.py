"""A user's sign-ups, prompts, assignments and claims, for their data export (pages.accounts.export)."""

from typing import Any

from fanfold.accounts.models import User
from fanfold.challenges.models import Assignment, Claim, Signup


def challenges_of(user: User) -> dict[str, Any]:
    signups = Signup.objects.filter(pseud__user=user).prefetch_related("prompts__tags")
    return {
        "signups": [
            {
                "collection": signup.challenge.collection.name,
                "pseud": signup.pseud.name,
                "created_at": signup.created_at,
                "prompts": [
                    {
                        "kind": prompt.kind,
                        "title": prompt.title,
                        "description": prompt.description,
                        "url": prompt.url,
                        "anonymous": prompt.anonymous,
                        "tags": [tag.name for tag in prompt.tags.all()],
                        "any": prompt.any_types,
                    }
                    for prompt in signup.prompts.all()
                ],
            }
            for signup in signups.select_related("challenge__collection", "pseud")
        ],
        # Only what the user was sent: assignments stay secret from recipients.
        "assignments": list(
            Assignment.objects.filter(offer_signup__pseud__user=user, sent_at__isnull=False).values(
                "challenge__collection__name",
                "request_signup__pseud__name",
                "work_id",
                "sent_at",
                "defaulted_at",
            )
        ),
        "claims": list(
            Claim.objects.filter(pseud__user=user).values(
                "challenge__collection__name", "prompt__title", "work_id", "created_at"
            )
        ),
    }
