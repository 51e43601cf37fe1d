"""Background work for challenges: matching, reminders before the due date, scheduled reveals."""

from django_tasks import task

from fanfold.accounts.models import User
from fanfold.challenges.assignments import reveal_due, send_reminders
from fanfold.challenges.generation import generate_matches
from fanfold.challenges.models import Challenge


@task()
def generate_matches_task(challenge_id: int, actor_id: int) -> int:
    """Safe to run twice: each run replaces the unsent matches with fresh ones."""
    return generate_matches(Challenge.objects.get(pk=challenge_id), User.objects.get(pk=actor_id))


@task()
def send_reminders_task() -> int:
    """Each reminder is claimed before it is sent, so overlapping runs send it once."""
    return send_reminders()


@task()
def reveal_due_task() -> list[str]:
    """Each reveal is claimed before it runs, so overlapping runs reveal once."""
    return reveal_due()
