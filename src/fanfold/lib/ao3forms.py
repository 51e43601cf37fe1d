"""AO3's form field names (`user[login]`, `bookmark[tag_string]`…) read as a form's own names."""

from django.http import QueryDict


def with_ao3_names(data: QueryDict, names: dict[str, str]) -> QueryDict:
    """The posted data with each AO3 name's values copied to the form's name, where that is absent."""
    data = data.copy()
    for ao3_name, name in names.items():
        if ao3_name in data and name not in data:
            data.setlist(name, data.getlist(ao3_name))
    return data
