"""Editing a series' own description."""

from django import forms

from fanfold.series.models import Series


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "summary", "notes", "complete"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
