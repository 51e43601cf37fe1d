"""Signing up for a challenge: AO3's limits on prompts and on the tags of each type."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext

from fanfold.accounts.models import Pseud, User
from fanfold.challenges.models import PROMPT_TAG_TYPES, Challenge, Prompt, PromptKind, Signup
from fanfold.collections.membership import is_maintainer
from fanfold.tags.models import Tag
from fanfold.tags.phrases import count_of_tags, tags_of_type
from fanfold.works.visibility import Viewer


class SignupRefused(Exception):
    """A sign-up the challenge's rules refuse; `errors` are sentences for the user."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = list(errors)


@dataclass
class PromptInput:
    """What the sign-up form collected for one request, offer or prompt."""

    kind: str
    tag_names: dict[str, list[str]] = field(default_factory=dict)
    any_types: set[str] = field(default_factory=set)
    title: str = ""
    description: str = ""
    url: str = ""
    anonymous: bool = False

    @property
    def is_blank(self) -> bool:
        """AO3 drops prompts with nothing in them rather than counting them."""
        has_tags = any(self.tag_names.values()) or self.any_types
        return not (has_tags or self.title or self.description or self.url)


def _prompt_name(kind: str, number: int) -> str:
    if kind == PromptKind.OFFER:
        return gettext("Offer %(number)s") % {"number": number}
    return gettext("Request %(number)s") % {"number": number}


def _count_errors(challenge: Challenge, prompt: PromptInput, number: int) -> list[str]:
    errors = []
    name = _prompt_name(prompt.kind, number)
    limits = challenge.limits_for(prompt.kind)
    for tag_type in PROMPT_TAG_TYPES:
        rule = limits.get(tag_type, {"required": 0, "allowed": 0, "any": False})
        count = len(prompt.tag_names.get(tag_type, []))
        tags = tags_of_type(tag_type)
        if tag_type in prompt.any_types:
            if not rule.get("any"):
                errors.append(
                    gettext("%(prompt)s: this challenge does not allow “Any” for %(tags)s.")
                    % {"prompt": name, "tags": tags}
                )
            elif count:
                errors.append(
                    gettext(
                        "%(prompt)s: you have specified %(tags)s but also chose “Any”, which "
                        "would override them. Please only choose one or the other."
                    )
                    % {"prompt": name, "tags": tags}
                )
            continue
        required, allowed = rule.get("required", 0), rule.get("allowed", 0)
        if required <= count <= allowed:
            continue
        if allowed == 0:
            errors.append(
                gettext("%(prompt)s cannot include any %(tags)s.") % {"prompt": name, "tags": tags}
            )
        elif required == allowed:
            errors.append(
                gettext(
                    "%(prompt)s must include exactly %(tags)s, but you have included %(count)s."
                )
                % {"prompt": name, "tags": count_of_tags(tag_type, required), "count": count}
            )
        else:
            errors.append(
                gettext(
                    "%(prompt)s must include between %(required)s and %(allowed)s "
                    "%(tags)s, but you have included %(count)s."
                )
                % {
                    "prompt": name,
                    "required": required,
                    "allowed": allowed,
                    "tags": tags,
                    "count": count,
                }
            )
    return errors


def _resolve_tags(
    challenge: Challenge, prompt: PromptInput, number: int
) -> tuple[list[Tag], list[str]]:
    """The prompt's tags: existing tags only, and from the challenge's tag sets for the types
    those sets hold (AO3 refuses tags outside the sets)."""
    tags: list[Tag] = []
    errors: list[str] = []
    name = _prompt_name(prompt.kind, number)
    for tag_type, names in prompt.tag_names.items():
        if not names:
            continue
        wanted = Q()
        for tag_name in names:
            wanted |= Q(name__iexact=tag_name)
        found = {t.name.lower(): t for t in Tag.objects.filter(wanted, type=tag_type)}
        missing = [n for n in names if n.lower() not in found]
        if missing:
            errors.append(
                gettext("%(prompt)s: these %(tags)s do not exist: %(names)s.")
                % {"prompt": name, "tags": tags_of_type(tag_type), "names": ", ".join(missing)}
            )
        allowed_ids = _tag_set_ids(challenge, tag_type)
        outside = [
            t.name for t in found.values() if allowed_ids is not None and t.pk not in allowed_ids
        ]
        if outside:
            errors.append(
                gettext("%(prompt)s: these %(tags)s are not allowed in this challenge: %(names)s.")
                % {"prompt": name, "tags": tags_of_type(tag_type), "names": ", ".join(outside)}
            )
        tags += found.values()
    return tags, errors


def _tag_set_ids(challenge: Challenge, tag_type: str) -> set[int] | None:
    """The allowed tag ids of a type, or None when the challenge's sets hold none of it."""
    ids = set(
        Tag.objects.filter(owned_tag_sets__challenges=challenge, type=tag_type).values_list(
            "pk", flat=True
        )
    )
    return ids or None


def _number_errors(challenge: Challenge, prompts: list[PromptInput]) -> list[str]:
    errors = []
    kinds = [PromptKind.REQUEST]
    if challenge.is_gift_exchange:
        kinds.append(PromptKind.OFFER)
    for kind in kinds:
        required, allowed = challenge.prompt_range(kind)
        count = sum(prompt.kind == kind for prompt in prompts)
        if not required <= count <= allowed:
            errors.append(
                _number_error(challenge, kind)
                % {"required": required, "allowed": allowed, "count": count}
            )
    return errors


def _number_error(challenge: Challenge, kind: str) -> str:
    if not challenge.is_gift_exchange:
        return gettext(
            "You must submit between %(required)s and %(allowed)s prompts to sign up for this "
            "challenge. You currently have %(count)s."
        )
    if kind == PromptKind.OFFER:
        return gettext(
            "You must submit between %(required)s and %(allowed)s offers to sign up for this "
            "challenge. You currently have %(count)s."
        )
    return gettext(
        "You must submit between %(required)s and %(allowed)s requests to sign up for this "
        "challenge. You currently have %(count)s."
    )


def save_signup(
    challenge: Challenge,
    pseud: Pseud,
    prompts: Sequence[PromptInput],
    signup: Signup | None = None,
    actor: Viewer | None = None,
) -> Signup:
    """Creates or replaces a sign-up and its prompts; refuses it whole if any rule fails.
    Maintainers may still change sign-ups after sign-ups close."""
    actor = actor or pseud.user
    if not challenge.signups_are_open() and not is_maintainer(actor, challenge.collection):
        raise SignupRefused(
            [gettext("Sign-up is currently closed: please contact a moderator for help.")]
        )
    filled = [prompt for prompt in prompts if not prompt.is_blank]
    errors = _number_errors(challenge, filled)
    resolved = []
    numbers: dict[str, int] = {}
    for prompt in filled:
        numbers[prompt.kind] = numbers.get(prompt.kind, 0) + 1
        errors += _count_errors(challenge, prompt, numbers[prompt.kind])
        tags, tag_errors = _resolve_tags(challenge, prompt, numbers[prompt.kind])
        errors += tag_errors
        resolved.append((prompt, tags, numbers[prompt.kind]))
    if errors:
        raise SignupRefused(errors)
    try:
        with transaction.atomic():
            return _write(challenge, pseud, signup, resolved)
    except IntegrityError as error:
        raise SignupRefused(
            [gettext("You seem to already have signed up for this challenge.")]
        ) from error


def _write(challenge, pseud, signup, resolved) -> Signup:
    if signup is None:
        signup = Signup.objects.create(challenge=challenge, pseud=pseud)
    else:
        signup.prompts.all().delete()
        signup.save(update_fields=["updated_at"])
    for prompt, tags, position in resolved:
        row = Prompt.objects.create(
            challenge=challenge,
            signup=signup,
            kind=prompt.kind,
            position=position,
            title=prompt.title,
            description=prompt.description,
            url=prompt.url,
            anonymous=prompt.anonymous,
            any_types=sorted(prompt.any_types),
        )
        row.tags.set(tags)
    return signup


def may_see_signup(user: Viewer, signup: Signup) -> bool:
    """The sign-up's own user and the maintainers: a sign-up page names its pseud, which would
    unmask a prompt meme's anonymous prompts (the public sees prompts on the prompts page)."""
    return user.is_authenticated and (
        signup.pseud.user_id == user.pk or is_maintainer(user, signup.challenge.collection)
    )


def delete_signup(signup: Signup, user: User) -> None:
    if not (signup.pseud.user_id == user.pk or is_maintainer(user, signup.challenge.collection)):
        raise SignupRefused([gettext("You can only delete your own sign-up.")])
    signup.delete()
