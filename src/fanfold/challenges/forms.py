"""Forms for a challenge's settings, sign-ups and the moderators' assignment edits."""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.forms import optional_pseud_named
from fanfold.accounts.models import Pseud, known_time_zone
from fanfold.challenges.matching import ALL
from fanfold.challenges.models import PROMPT_TAG_TYPES, Challenge, Prompt, PromptKind, Signup
from fanfold.challenges.signups import PromptInput
from fanfold.tags.models import FIXED_TAGS, TagType
from fanfold.tags.naming import split_tag_list
from fanfold.tags.phrases import tags_of_type
from fanfold.tagsets.models import OwnedTagSet
from fanfold.works.models import Work

MATCH_CHOICES = [(ALL, _("All")), *((n, str(n)) for n in range(6))]
PROMPT_MATCH_CHOICES = [(ALL, _("All")), *((n, str(n)) for n in range(1, 6))]
PROMPTS_OF_KIND = {PromptKind.REQUEST: _("Requests"), PromptKind.OFFER: _("Offers")}
DATE_FIELDS = (
    "signups_open_at",
    "signups_close_at",
    "assignments_due_at",
    "works_reveal_at",
    "creators_reveal_at",
)


def _slug(tag_type: str) -> str:
    return tag_type.lower()


class ChallengeForm(forms.ModelForm):
    """AO3's challenge settings page. Dates are typed and shown in the challenge's time zone."""

    class Meta:
        model = Challenge
        fields = [
            "signup_open",
            "time_zone",
            *DATE_FIELDS,
            "signup_instructions",
            "requests_num_required",
            "requests_num_allowed",
            "offers_num_required",
            "offers_num_allowed",
            "tag_sets",
            "requests_summary_visible",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in DATE_FIELDS
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        challenge = self.instance
        tag_sets = self.fields["tag_sets"]
        assert isinstance(tag_sets, forms.ModelMultipleChoiceField)
        tag_sets.queryset = OwnedTagSet.objects.filter(usable=True)
        tag_sets.required = False
        self.fields["time_zone"].help_text = _("Dates below are in this zone, e.g. Europe/Berlin.")
        for name in DATE_FIELDS:
            value = getattr(challenge, name)
            if value:
                self.initial[name] = timezone.localtime(value, challenge.zone).replace(tzinfo=None)
        kinds = (
            [PromptKind.REQUEST, PromptKind.OFFER]
            if challenge.is_gift_exchange
            else [PromptKind.REQUEST]
        )
        if not challenge.is_gift_exchange:
            for name in ("offers_num_required", "offers_num_allowed"):
                del self.fields[name]
        for kind in kinds:
            limits = challenge.limits_for(kind)
            for tag_type in PROMPT_TAG_TYPES:
                rule = limits.get(tag_type, {})
                label = _("%(prompts)s: %(type)s") % {
                    "prompts": PROMPTS_OF_KIND[kind],
                    "type": TagType(tag_type).label,
                }
                prefix = f"{kind}_{_slug(tag_type)}"
                self.fields[f"{prefix}_required"] = forms.IntegerField(
                    label=_("%(label)s, required") % {"label": label},
                    min_value=0,
                    max_value=10,
                    initial=rule.get("required", 0),
                )
                self.fields[f"{prefix}_allowed"] = forms.IntegerField(
                    label=_("%(label)s, allowed") % {"label": label},
                    min_value=0,
                    max_value=10,
                    initial=rule.get("allowed", 0),
                )
                self.fields[f"{prefix}_any"] = forms.BooleanField(
                    label=_("%(label)s: allow “Any”") % {"label": label},
                    required=False,
                    initial=rule.get("any", False),
                )
        if challenge.is_gift_exchange:
            for tag_type in PROMPT_TAG_TYPES:
                self.fields[f"match_{_slug(tag_type)}"] = forms.TypedChoiceField(
                    label=capfirst(
                        _("%(tags)s that must match") % {"tags": tags_of_type(tag_type)}
                    ),
                    choices=MATCH_CHOICES,
                    coerce=int,
                    initial=challenge.match_tags.get(tag_type, 0),
                )
            self.fields["match_prompts"] = forms.TypedChoiceField(
                label=_("Requests that must match an offer"),
                choices=PROMPT_MATCH_CHOICES,
                coerce=int,
                initial=challenge.match_prompts,
            )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        zone_name = cleaned.get("time_zone") or self.instance.time_zone
        try:
            known_time_zone(zone_name)
        except ValidationError:
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in DATE_FIELDS:
            value = cleaned.get(name)
            if value:
                typed = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned[name] = timezone.make_aware(typed, zone)
        opens, closes = cleaned.get("signups_open_at"), cleaned.get("signups_close_at")
        if opens and closes and closes <= opens:
            self.add_error("signups_close_at", _("Sign-ups must close after they open."))
        return cleaned

    def save(self, commit: bool = True) -> Challenge:
        challenge = super().save(commit=False)
        for kind in (PromptKind.REQUEST, PromptKind.OFFER):
            if f"{kind}_fandom_required" not in self.cleaned_data:
                continue
            limits = {}
            for tag_type in PROMPT_TAG_TYPES:
                prefix = f"{kind}_{_slug(tag_type)}"
                required = self.cleaned_data[f"{prefix}_required"]
                # AO3: whatever is required is also allowed.
                allowed = max(required, self.cleaned_data[f"{prefix}_allowed"])
                limits[tag_type] = {
                    "required": required,
                    "allowed": allowed,
                    "any": self.cleaned_data[f"{prefix}_any"],
                }
            setattr(challenge, f"{kind}_limits", limits)
        for count in ("requests", "offers"):
            required = getattr(challenge, f"{count}_num_required")
            setattr(
                challenge,
                f"{count}_num_allowed",
                max(required, getattr(challenge, f"{count}_num_allowed")),
            )
        if challenge.is_gift_exchange:
            challenge.match_tags = {
                tag_type: self.cleaned_data[f"match_{_slug(tag_type)}"]
                for tag_type in PROMPT_TAG_TYPES
                if self.cleaned_data[f"match_{_slug(tag_type)}"] != 0
            }
            challenge.match_prompts = self.cleaned_data["match_prompts"]
        if commit:
            challenge.save()
            self.save_m2m()
        return challenge


class PromptForm(forms.Form):
    """One request, offer or prompt: tags of each type the challenge allows, "Any", and text."""

    def __init__(self, challenge: Challenge, kind: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.tag_types = []
        for tag_type, rule in challenge.limits_for(kind).items():
            if not (rule.get("allowed") or rule.get("any")):
                continue
            self.tag_types.append(tag_type)
            label = TagType(tag_type).label
            hint = _("%(required)s to %(allowed)s") % {
                "required": rule.get("required", 0),
                "allowed": rule.get("allowed", 0),
            }
            if tag_type in FIXED_TAGS:
                self.fields[_slug(tag_type)] = forms.MultipleChoiceField(
                    label=_("%(label)s (%(hint)s)") % {"label": label, "hint": hint},
                    choices=[(name, name) for name in FIXED_TAGS[TagType(tag_type)]],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            else:
                self.fields[_slug(tag_type)] = forms.CharField(
                    label=_("%(label)s (%(hint)s)") % {"label": label, "hint": hint},
                    required=False,
                    help_text=_("Comma-separated tag names."),
                )
            if rule.get("any"):
                self.fields[f"any_{_slug(tag_type)}"] = forms.BooleanField(
                    label=_("Any %(label)s") % {"label": label}, required=False
                )
        self.fields["title"] = forms.CharField(required=False, max_length=255)
        self.fields["description"] = forms.CharField(
            required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["url"] = forms.URLField(
            label=_("Prompt URL"), required=False, max_length=500, assume_scheme="https"
        )
        if not challenge.is_gift_exchange:
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Semi-anonymous prompt"), required=False
            )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for tag_type in self.tag_types:
            name = _slug(tag_type)
            if tag_type not in FIXED_TAGS and name in cleaned:
                try:
                    cleaned[name] = split_tag_list(cleaned[name] or "")
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def prompt_input(self) -> PromptInput:
        data = self.cleaned_data
        return PromptInput(
            kind=self.kind,
            tag_names={t: list(data.get(_slug(t)) or []) for t in self.tag_types},
            any_types={t for t in self.tag_types if data.get(f"any_{_slug(t)}")},
            title=data.get("title", ""),
            description=data.get("description", ""),
            url=data.get("url", ""),
            anonymous=data.get("anonymous", False),
        )


def _initial_for(prompt: Prompt) -> dict:
    initial: dict = {
        "title": prompt.title,
        "description": prompt.description,
        "url": prompt.url,
        "anonymous": prompt.anonymous,
    }
    for tag_type in PROMPT_TAG_TYPES:
        names = [tag.name for tag in prompt.tags_of(tag_type)]
        initial[_slug(tag_type)] = names if tag_type in FIXED_TAGS else ", ".join(names)
        initial[f"any_{_slug(tag_type)}"] = tag_type in prompt.any_types
    return initial


def prompt_forms(challenge: Challenge, data=None, signup: Signup | None = None) -> list[PromptForm]:
    """As many request (and offer) forms as the challenge allows, filled from the sign-up."""
    kinds = (
        [PromptKind.REQUEST, PromptKind.OFFER]
        if challenge.is_gift_exchange
        else [PromptKind.REQUEST]
    )
    forms_ = []
    for kind in kinds:
        existing = signup.prompts_of(kind) if signup else []
        for number in range(1, challenge.prompt_range(kind)[1] + 1):
            initial = _initial_for(existing[number - 1]) if number <= len(existing) else None
            forms_.append(
                PromptForm(challenge, kind, data, prefix=f"{kind}-{number}", initial=initial)
            )
    return forms_


class PseudChoiceForm(forms.Form):
    pseud = forms.ModelChoiceField(
        queryset=Pseud.objects.none(), empty_label=None, label=_("Sign up as"), required=False
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["pseud"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = user.pseuds.all()
        field.initial = user.default_pseud

    def chosen_pseud(self) -> Pseud:
        return self.cleaned_data.get("pseud") or self.user.default_pseud


class GiverForm(forms.Form):
    """A moderator's edit of one assignment: a giver from the sign-ups, or a pinch hitter."""

    giver = forms.ModelChoiceField(queryset=Signup.objects.none(), required=False, label=_("Giver"))
    pinch_hitter = forms.CharField(
        required=False, help_text=_("A pseud name, to cover the assignment.")
    )

    def __init__(self, challenge: Challenge, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["giver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = challenge.signups.select_related("pseud")

    def clean_pinch_hitter(self) -> Pseud | None:
        return optional_pseud_named(self.cleaned_data["pinch_hitter"])


class WorkChoiceForm(forms.Form):
    """The user's own posted works, to fulfil an assignment or fill a claim with."""

    work = forms.ModelChoiceField(queryset=Work.objects.none(), label=_("Your work"))

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["work"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Work.objects.filter(creatorships__pseud__user=user, posted=True).order_by(
            "-created_at", "-id"
        )
