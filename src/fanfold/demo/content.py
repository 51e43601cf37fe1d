"""Original, all-ages demo texts written for Fanfold; no real fan fiction is used anywhere."""

DEMO_PASSWORD = "fanfold-demo-reader"  # noqa: S105 - printed for newcomers; demo refuses production

# Volunteers, by role: their Django group ("" for the site admin, a superuser).
STAFF = {"tag_gardener": "Tag Wranglers", "night_watch": "Moderators", "help_desk": "Support",
         "archive_admin": ""}  # fmt: skip
META_FANDOMS = {"Sherlock Holmes & Related Fandoms": ["Sherlock Holmes - Arthur Conan Doyle"]}
ORIGINAL_WORKS = {"The Lanternkeepers (Original Work)"}

USERS = {
    "ink_and_ivy": ["Ivy Quill"],
    "moorland_reader": [],
    "teacup_archivist": ["Archivist of Teacups"],
    "lanternlight": [],
    "riverbank_scribe": [],
}

# Fandom -> (characters, relationships)
FANDOMS = {
    "Sherlock Holmes - Arthur Conan Doyle": (
        ["Sherlock Holmes", "John Watson", "Mrs. Hudson", "Irene Adler", "Mycroft Holmes"],
        ["Sherlock Holmes & John Watson", "Mrs. Hudson & Sherlock Holmes"],
    ),
    "Pride and Prejudice - Jane Austen": (
        ["Elizabeth Bennet", "Fitzwilliam Darcy", "Jane Bennet", "Charles Bingley", "Mary Bennet"],
        [
            "Elizabeth Bennet/Fitzwilliam Darcy",
            "Jane Bennet/Charles Bingley",
            "Elizabeth Bennet & Jane Bennet",
        ],
    ),
    "Alice in Wonderland - Lewis Carroll": (
        ["Alice", "White Rabbit", "Cheshire Cat", "Mad Hatter", "Queen of Hearts"],
        ["Alice & Cheshire Cat", "Alice & Mad Hatter"],
    ),
    "The Wind in the Willows - Kenneth Grahame": (
        ["Mole", "Ratty", "Mr. Toad", "Badger", "Otter"],
        ["Mole & Ratty", "Badger & Mole & Ratty & Mr. Toad"],
    ),
    "Little Women - Louisa May Alcott": (
        ["Jo March", "Meg March", "Beth March", "Amy March", "Laurie Laurence"],
        ["Jo March & Laurie Laurence", "March Sisters (Little Women)"],
    ),
    "The Lanternkeepers (Original Work)": (
        ["Wren Hollis", "Captain Oduya", "The Archivist", "Pim"],
        ["Wren Hollis/Captain Oduya", "Wren Hollis & Pim"],
    ),
}

FREEFORMS = [
    "Fluff", "Hurt/Comfort", "Found Family", "Slow Burn", "Friendship", "Tea", "Letters",
    "Rainy Days", "Missing Scene", "Post-Canon", "Alternate Universe - Modern Setting",
    "Mystery", "Adventure", "Gentle Humour", "Winter", "Libraries", "Autumn", "Baking",
]  # fmt: skip

TITLES = [
    "The Lamp in the Window", "A Letter Never Sent", "Tea at Half Past Four", "The Map Room",
    "What the River Remembered", "Seven Small Kindnesses", "Under the Reading Lamp",
    "The Quiet Hour", "A Hat Full of Rain", "Lanterns on the Water", "The Borrowed Umbrella",
    "Footnotes", "Where the Path Bends", "The Last Train Home", "Paper Boats",
    "An Inventory of Lost Things", "The Winter Garden", "Small Hours", "Ink and Ivy",
    "The Long Way Round", "Salt and Honey", "The Clockmaker's Apprentice", "Open Windows",
    "A Study in Teacups", "Marginalia", "The Lighthouse Ledger", "Rooftops in the Rain",
    "Second Breakfast at Toad Hall", "The Patient Gardener", "Starlight, Eventually",
]  # fmt: skip

SUMMARIES = [
    "A quiet evening, a misplaced letter, and the slow discovery that some questions are worth asking twice.",
    "{a} has a plan. {b} has doubts. The weather has opinions of its own.",
    "Five times {a} pretended not to notice, and the one time {b} said it out loud.",
    "In which there is tea, a great deal of rain, and a conversation that has waited years to happen.",
    "{a} keeps a list of small kindnesses. It is getting rather long.",
    "A missing scene, told from the other side of the door.",
]

PARAGRAPHS = [
    "The rain had settled in for the evening, patient and unhurried, and {a} listened to it drum against the glass while the kettle began its slow climb towards a whistle.",
    "\u201cYou're late,\u201d said {b}, without looking up from the book. \u201cOr early. I haven't decided which.\u201d",
    "{a} set the lamp on the table and turned the wick down until the flame was small and steady. There were letters to answer, and none of them would answer themselves.",
    "It was the sort of afternoon that seemed to belong to nobody in particular: the light came in sideways, the clocks disagreed with one another, and the cat had claimed the warmest chair.",
    "\u201cI've been thinking,\u201d {b} began, and then stopped, as though the thought had wandered off down the corridor and would have to be fetched back.",
    "Outside, the street was a river of umbrellas. {a} watched them bob and tilt, and wondered how many of them were hurrying home, and how many were hurrying away.",
    "There is a particular kind of silence that only happens between two people who have known each other a long time. It is not empty. It is full of things that no longer need to be said.",
    "{b} laughed, properly laughed, for the first time in what felt like weeks, and {a} decided on the spot that this was worth any amount of trouble.",
    "The map was older than either of them and had been folded so many times that the creases had become roads of their own. {a} traced one with a careful finger.",
    "By morning the storm had blown itself out. The garden was a mess of leaves and puddles, and everything smelled new.",
    "\u201cWe could,\u201d said {a}, \u201csimply ask.\u201d {b} looked at {a} as though this were the most radical idea anyone had ever had.",
    "The train was late, as trains are, and the platform was cold, as platforms are, but there was a bench and a bag of warm chestnuts and, for once, no hurry at all.",
    "Somewhere in the house a door closed softly. {a} put down the pen, read the last line again, and decided that it would do. It would more than do.",
    "{b} had brought biscuits, which was either a peace offering or a bribe. {a} ate one anyway, on principle.",
    "The bookshop smelled of dust and cedar and something faintly like oranges. {a} could have stayed there for a year and not minded in the least.",
    "They walked the long way home, the way that went past the river and the old mill, because neither of them was ready for the evening to end.",
]

CHAPTER_TITLES = [
    "Arrivals", "The First Letter", "A Change in the Weather", "Crossings", "What Was Found",
    "Homecoming", "The Middle of Things", "Lamplight",
]  # fmt: skip

NOTES = [
    "Written for a friend who asked for something cosy. Thank you for reading!",
    "This started as a drabble and got away from me a little.",
    "Many thanks to my patient beta reader.",
    "",
]
