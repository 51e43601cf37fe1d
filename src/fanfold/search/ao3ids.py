"""AO3's own ids of the fixed tags, so a pasted AO3 URL's rating, warning and category ids work.

They are the ids in otwarchive's seed data, which every AO3 filter and search URL carries
(e.g. `include_work_search[rating_ids][]=13` for Explicit). Fanfold numbers its fixed tags
1-17, so an id that is not a Fanfold tag of the asked-for type is read as AO3's.
"""

AO3_FIXED_TAG_IDS = {
    "Rating": {
        9: "Not Rated",
        10: "General Audiences",
        11: "Teen And Up Audiences",
        12: "Mature",
        13: "Explicit",
    },
    "ArchiveWarning": {
        14: "Choose Not To Use Archive Warnings",
        16: "No Archive Warnings Apply",
        17: "Graphic Depictions Of Violence",
        18: "Major Character Death",
        19: "Rape/Non-Con",
        20: "Underage Sex",
    },
    "Category": {21: "Gen", 22: "F/M", 23: "M/M", 24: "Other", 116: "F/F", 2246: "Multi"},
}


def ao3_fixed_tag_name(tag_type: str, ao3_id: int) -> str | None:
    return AO3_FIXED_TAG_IDS.get(tag_type, {}).get(ao3_id)
