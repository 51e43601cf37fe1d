"""A maintainer and their collections, beside the fixed cast (tests/conftest.py)."""

import pytest

from fanfold.collections.membership import create_collection
from fanfold.collections.models import Collection


def make_collection(owner, name: str, **preferences) -> Collection:
    title = preferences.pop("title", name.replace("_", " ").title())
    return create_collection(Collection(name=name, title=title, **preferences), owner.default_pseud)


@pytest.fixture
def open_collection(maintainer):
    return make_collection(maintainer, "Lighthouse_Fest", description="<p>Stories of lamps.</p>")


@pytest.fixture
def exchange(maintainer):
    """A moderated gift exchange whose works and creators stay hidden until the reveal."""
    return make_collection(
        maintainer, "Winter_Swap", moderated=True, unrevealed=True, anonymous=True
    )
