"""Forms for posting and editing works and chapters; they keep what the user typed on error."""

from typing import Protocol, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud, User
from fanfold.collections.workform import CollectionsPart
from fanfold.gifts.workform import GiftsPart
from fanfold.lib.sanitize import ALLOWED_HTML_HELP
from fanfold.series.models import Series
from fanfold.series.placement import SeriesPlacement, series_of
from fanfold.tags.models import CATEGORIES, RATINGS, WARNINGS, TagType
from fanfold.tags.naming import MAX_USER_DEFINED_TAGS, split_tag_list
from fanfold.works import cocreators
from fanfold.works.models import Chapter, Work
from fanfold.works.posting import TagChoices

TAG_LIST_HELP = "Separate tags with commas."


def _tag_list_field(label: str, tag_type: str, required: bool = False) -> forms.CharField:
    # data-* attributes are read by static/js/tag-autocomplete.js, when scripts run.
    attrs = {
        "autocomplete": "off",
        "data-autocomplete": reverse_lazy("tags:autocomplete"),
        "data-tag-type": tag_type,
    }
    return forms.CharField(
        label=label, required=required, help_text=TAG_LIST_HELP, widget=forms.TextInput(attrs)
    )


def _choices_from(field: forms.Field, queryset: QuerySet) -> None:
    """Limits a model choice field to what this user may choose."""
    cast(forms.ModelChoiceField, field).queryset = queryset


class CoCreatorsField(forms.CharField):
    """Comma-separated user names or “pseud (user name)”, cleaned to pseuds."""

    def __init__(self, label: str = "Invite co-creators") -> None:
        super().__init__(
            label=label,
            required=False,
            help_text=_(
                "User names, or “pseud (user name)”, comma-separated. They are credited "
                "once they accept, and can then edit the work too."
            ),
        )

    def clean(self, value) -> list[Pseud]:  # type: ignore[override]
        names = [name for name in super().clean(value).split(",") if name.strip()]
        try:
            return [cocreators.find_pseud(name) for name in names]
        except cocreators.InvitationRefused as refused:
            raise ValidationError(str(refused)) from None


class WorkFormPart(Protocol):
    """Fields of the posting form that a domain app owns (collections, gifts): each part adds
    its fields to one section, cleans them, and saves them once the work is saved."""

    section: str

    def add_fields(self, form: forms.ModelForm, user: User) -> None: ...

    def clean(self, form: forms.ModelForm, user: User) -> None: ...

    def save(self, form: forms.ModelForm, work: Work, user: User) -> None: ...


# In this order: a gift in an unrevealed collection must already be unrevealed when its
# recipients would be e-mailed (they hear of it at the reveal instead).
WORK_FORM_PARTS: tuple[WorkFormPart, ...] = (CollectionsPart(), GiftsPart())


class WorkForm(forms.ModelForm):
    """Everything AO3's "Post New Work" form asks about the work itself."""

    pseuds = forms.ModelMultipleChoiceField(
        label=_("Creator/Pseud(s)"),
        queryset=Pseud.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    co_creators = CoCreatorsField()
    rating = forms.ChoiceField(
        label=_("Rating"), choices=[("", _("Select a rating"))] + [(r, r) for r in RATINGS]
    )
    warnings = forms.MultipleChoiceField(
        label=_("Archive Warnings"),
        choices=[(w, w) for w in WARNINGS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one archive warning."},
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        required=False,
        choices=[(c, c) for c in CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
    )
    fandoms = _tag_list_field("Fandoms", TagType.FANDOM, required=True)
    relationships = _tag_list_field("Relationships", TagType.RELATIONSHIP)
    characters = _tag_list_field("Characters", TagType.CHARACTER)
    freeforms = _tag_list_field("Additional Tags", TagType.FREEFORM)
    series = forms.ModelChoiceField(
        label=_("Add to series"),
        queryset=Series.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    new_series_title = forms.CharField(
        label=_("Or create a new series"), max_length=255, required=False
    )
    series_position = forms.IntegerField(
        label=_("Part number"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to add at the end."),
    )
    leave_series = forms.ModelMultipleChoiceField(
        label=_("Remove from series"),
        queryset=Series.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    backdate = forms.DateField(
        label=_("Set a different publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to publish with today's date."),
    )

    class Meta:
        model = Work
        fields = [
            "title",
            "summary",
            "notes",
            "end_notes",
            "language",
            "expected_chapters",
            "restricted",
            "comment_permission",
            "moderated_comments",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "end_notes": forms.Textarea(attrs={"rows": 5}),
            "comment_permission": forms.RadioSelect,
        }
        labels = {"expected_chapters": "Chapters expected"}

    # The sections of AO3's posting form, in its order.
    SECTIONS = (
        ("Tags", ("rating", "warnings", "categories", "fandoms", "relationships", "characters", "freeforms")),
        ("Preface", ("title", "pseuds", "co_creators", "summary", "notes", "end_notes")),
        (
            "Associations",
            ("series", "new_series_title", "series_position", "leave_series", "language",
             "expected_chapters", "backdate"),
        ),
        (
            "Privacy and comments",
            ("restricted", "comment_permission", "moderated_comments"),
        ),
    )  # fmt: skip

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                legend,
                [self[name] for name in (*names, *self.part_fields[legend]) if name in self.fields],
            )
            for legend, names in self.SECTIONS
        ]

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.part_fields: dict[str, list[str]] = {legend: [] for legend, _ in self.SECTIONS}
        for part in WORK_FORM_PARTS:
            before = set(self.fields)
            part.add_fields(self, user)
            self.part_fields[part.section] += [name for name in self.fields if name not in before]
        _choices_from(self.fields["pseuds"], user.pseuds.all())
        _choices_from(self.fields["series"], series_of(user))
        work = self.instance
        if work.pk:
            _choices_from(
                self.fields["leave_series"], Series.objects.filter(memberships__work=work)
            )
            self.initial.update(self._initial_from(work))
        else:
            self.initial.setdefault("pseuds", [user.default_pseud])
            self.initial.setdefault("expected_chapters", 1)
            del self.fields["leave_series"]

    @staticmethod
    def _initial_from(work: Work) -> dict:
        def names(tag_type: str) -> list[str]:
            return [tag.name for tag in work.tags_of(tag_type)]

        rating = names(TagType.RATING)
        first_chapter = work.chapters.order_by("position").first()
        return {
            "pseuds": work.creator_pseuds,
            "rating": rating[0] if rating else "",
            "warnings": names(TagType.WARNING),
            "categories": names(TagType.CATEGORY),
            "fandoms": ", ".join(names(TagType.FANDOM)),
            "relationships": ", ".join(names(TagType.RELATIONSHIP)),
            "characters": ", ".join(names(TagType.CHARACTER)),
            "freeforms": ", ".join(names(TagType.FREEFORM)),
            "backdate": first_chapter.published_on if first_chapter else None,
        }

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        user_defined = 0
        for name in ("fandoms", "relationships", "characters", "freeforms"):
            try:
                data[name] = split_tag_list(data.get(name) or "")
            except ValidationError as error:
                self.add_error(name, error)
                data[name] = []
            user_defined += len(data[name])
        if "fandoms" not in self.errors and self.fields["fandoms"].required and not data["fandoms"]:
            self.add_error("fandoms", _("Add at least one fandom."))
        if user_defined > MAX_USER_DEFINED_TAGS:
            raise ValidationError(
                _(
                    "You have %(user_defined)s fandom, relationship, character and additional tags; "
                    "a work can have at most %(most)s."
                )
                % {"user_defined": user_defined, "most": MAX_USER_DEFINED_TAGS}
            )
        if data.get("series") and data.get("new_series_title"):
            self.add_error(
                "new_series_title", "Choose an existing series or a new title, not both."
            )
        for part in WORK_FORM_PARTS:
            part.clean(self, self.user)
        return data

    def save_parts(self, work: Work) -> None:
        """Saves what the registered parts asked (collections, gifts) for the saved work."""
        for part in WORK_FORM_PARTS:
            part.save(self, work, self.user)

    def tag_choices(self) -> TagChoices:
        data = self.cleaned_data
        return TagChoices(
            rating=data["rating"],
            warnings=data["warnings"],
            categories=data["categories"],
            fandoms=data["fandoms"],
            relationships=data["relationships"],
            characters=data["characters"],
            freeforms=data["freeforms"],
        )

    def series_placement(self) -> SeriesPlacement | None:
        data = self.cleaned_data
        if not data.get("series") and not data.get("new_series_title"):
            return None
        return SeriesPlacement(
            series=data.get("series"),
            new_title=data.get("new_series_title", ""),
            position=data.get("series_position"),
        )


class ChapterForm(forms.ModelForm):
    co_creators = CoCreatorsField("Invite co-creators for this chapter")

    class Meta:
        model = Chapter
        fields = ["title", "summary", "notes", "body", "end_notes"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 20}),
            "end_notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"title": "Chapter title", "body": "Chapter text"}
        help_texts = {"body": ALLOWED_HTML_HELP}


class FirstChapterForm(forms.ModelForm):
    """The first chapter's title and text, posted with a new work."""

    prefix = "chapter"

    class Meta:
        model = Chapter
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        labels = {"title": "Chapter title (optional)", "body": "Work text"}
        help_texts = {"body": ALLOWED_HTML_HELP}


class ReorderChaptersForm(forms.Form):
    """One number field per chapter: the no-JavaScript way to drag chapters around."""

    def __init__(self, *args, chapters: list[Chapter], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.chapters = chapters
        for chapter in chapters:
            self.fields[f"position_{chapter.pk}"] = forms.IntegerField(
                label=chapter.heading, min_value=1, initial=chapter.position
            )

    def ordered_ids(self) -> list[int]:
        def new_place(chapter: Chapter) -> tuple[int, int]:
            return (self.cleaned_data[f"position_{chapter.pk}"], chapter.position)

        return [chapter.pk for chapter in sorted(self.chapters, key=new_place)]


class OrphanForm(forms.Form):
    keep_pseud = forms.ChoiceField(
        label=_("Your name on the orphaned work"),
        choices=[
            ("keep", "Keep my pseud's name on it (moved to the orphan account)"),
            ("anonymous", "Take my pseud off: credit it to orphan_account"),
        ],
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    understood = forms.BooleanField(
        label=_(
            "I understand that orphaning cannot be undone: I will not be able to edit, "
            "delete or get this work back."
        )
    )
