"""The synthetic works behind the AO3-shaped fixtures: original, all-ages placeholder stories.

These values are the tests' oracle: what an importer must read back out of each file. The
bodies are stored HTML as AO3 keeps it, with what real files carry: text before the first tag,
paragraphs made only of <br>, entities, CJK and right-to-left text.
"""

from datetime import date

from tests.imports.ao3_download import Chapter, Creator, Related, Work

SCRIBE = Creator("saltwater_scribe", "saltwater_scribe")
INKWELL = Creator("Inkwell", "inkwell_keeper")
TRANSLATOR = Creator("lantern_yi", "lantern_yi")

LEDGER = Work(
    id=41000001,
    title="The Lighthouse Keeper's Ledger",
    creators=[SCRIBE, INKWELL],
    rating=["General Audiences"],
    warnings=["No Archive Warnings Apply"],
    categories=["Gen"],
    fandoms=["Original Work", "Lighthouse Tales (Web Series)"],
    relationships=["Mara Quill & Tobin Reed"],
    characters=["Mara Quill", "Tobin Reed", "The Lighthouse Cat"],
    freeforms=["Found Family", "Storms & Weather", "Letters", "Slice of Life"],
    language="English",
    language_code="en",
    published=date(2021, 3, 4),
    revised=date(2021, 5, 6),
    words=268,
    expected_chapters=3,
    series=[(1, "Harbour Lights", 3100001)],
    summary="<p>Mara keeps the lamp lit &amp; the ledger honest.</p>\n<p>Then the ledger starts writing back.</p>",
    notes="<p>Written for a prompt about <em>small, steady lights</em>.</p>",
    end_notes="<p>Thank you for reading &#8212; the cat is fine.</p>",
    related=[
        Related(
            "translated_to", "灯塔守望者的账本", 41000003, [TRANSLATOR], "中文-普通话 國語", "zh"
        )
    ],
    chapters=[
        Chapter(
            title="Arrivals",
            summary="<p>A new keeper climbs the stairs.</p>",
            notes="<p>Beta read by a very patient friend.</p>",
            end_notes="<p>Chapter two comes with weather.</p>",
            body=(
                "Mara counted the steps twice. <em>One hundred and twelve</em>, she wrote, and underlined it.\n"
                "<p>The lamp room smelled of brass &amp; salt. A painted sign by the door said "
                '<span dir="rtl" lang="ar">مرحبا بالحارس</span> in careful letters.</p>\n'
                "<p>&quot;Welcome,&quot; said Tobin&nbsp;Reed, who had painted it.</p>"
            ),
        ),
        Chapter(
            title="",
            body=(
                "<p>The storm arrived on a Tuesday.<br />\nThe windows hummed.<br />\n"
                "The ledger's pages turned by themselves.</p>\n"
                "<p>Mara wrote: <strong>3 &lt; 4</strong>, and the ledger agreed.</p>"
            ),
        ),
        Chapter(
            title="Still Waters & Lamplight",
            end_notes="<p>The end, for now.</p>",
            body=(
                "<p>By morning the sea was flat as a plate.</p>\n"
                "<p>Tobin brought bread. The cat brought a fish. The ledger wrote one line: "
                "<em>all lights accounted for</em>.</p>"
            ),
        ),
    ],
)

FOG = Work(
    id=41000002,
    title="Fog Over the Breakwater",
    creators=[SCRIBE],
    rating=["Teen And Up Audiences"],
    warnings=["Creator Chose Not To Use Archive Warnings"],
    categories=["F/M", "Gen"],
    fandoms=["Original Work"],
    relationships=["Mara Quill/Tobin Reed"],
    characters=["Mara Quill", "Tobin Reed"],
    freeforms=["Fog", "Work In Progress"],
    language="English",
    language_code="en",
    published=date(2022, 1, 10),
    revised=date(2022, 2, 20),
    words=118,
    expected_chapters=None,
    series=[(2, "Harbour Lights", 3100001)],
    collections=["Harbour Fest 2022"],
    summary="<p>The fog horn is broken and the fog has opinions.</p>",
    chapters=[
        Chapter(
            title="Grey",
            body="<p>Nothing could be seen past the railing.</p>\n<p>Mara lit a second lamp anyway.</p>",
        ),
        Chapter(
            title="",
            summary="<p>Tobin tries to fix the horn.</p>",
            body=(
                "Tobin unscrewed the horn's cap.<br />\nInside was a nest.<br />\n<br />\n"
                "Inside the nest was a very small, very offended bird."
            ),
        ),
        Chapter(
            title="Clearing",
            body="<p>At noon the fog lifted like a curtain, and the bird flew home.</p>",
        ),
    ],
)

LEDGER_ZH = Work(
    id=41000003,
    title="灯塔守望者的账本",
    creators=[TRANSLATOR],
    rating=["General Audiences"],
    warnings=["No Archive Warnings Apply"],
    categories=["Gen"],
    fandoms=["Original Work", "Lighthouse Tales (Web Series)"],
    relationships=["Mara Quill & Tobin Reed"],
    characters=["Mara Quill", "Tobin Reed"],
    freeforms=["翻译", "Found Family"],
    language="中文-普通话 國語",
    language_code="zh",
    published=date(2023, 6, 1),
    revised=date(2023, 6, 1),
    words=64,
    expected_chapters=1,
    series=[(14, "港湾灯火", 3100002)],
    summary="<p>玛拉守着灯，也守着账本。</p>",
    notes="<p>经作者同意翻译。</p>",
    related=[Related("translation_of", LEDGER.title, LEDGER.id, [SCRIBE, INKWELL])],
    chapters=[
        Chapter(
            body=(
                "<p>玛拉数了两遍台阶。一百一十二级，她写下来，又画了一条线。</p>\n"
                "<p>灯室里有黄铜和海盐的味道。<br />\n门边的牌子上写着：欢迎。</p>"
            )
        )
    ],
)

TIDE_ZH = Work(
    id=41000004,
    title="潮汐之间",
    creators=[TRANSLATOR],
    rating=["Not Rated"],
    warnings=["No Archive Warnings Apply"],
    categories=["Gen", "Other"],
    fandoms=["Original Work", "Lighthouse Tales (Web Series)", "Harbour Songs", "Tide Tables"],
    relationships=[],
    characters=["小岚", "Mara Quill"],
    freeforms=["海边", "慢热"],
    language="中文-普通话 國語",
    language_code="zh",
    published=date(2024, 2, 2),
    revised=date(2024, 3, 9),
    words=150,
    expected_chapters=None,
    summary="<p>潮水来了又走。小岚在沙滩上写字。</p>",
    end_notes="<p>下一章很快更新。</p>",
    chapters=[
        Chapter(title="涨潮", body="<p>小岚在沙滩上写了一个字。</p>\n<p>海浪把它带走了。</p>"),
        Chapter(
            title="退潮",
            notes="<p>这一章有一句阿拉伯语。</p>",
            body='海水退去，露出一块石头。<br />\n石头上刻着 <span dir="rtl">سلام</span>。<br />\n她笑了。',
        ),
        Chapter(title="", body="<p>第三天，她带来了一支新的笔。</p>"),
    ],
)

ONE_SHOT = Work(
    id=41000005,
    title="A Small Lamp",
    creators=[INKWELL],
    rating=["Not Rated"],
    warnings=["No Archive Warnings Apply"],
    categories=[],
    fandoms=["Original Work"],
    relationships=[],
    characters=["The Lighthouse Cat"],
    freeforms=["Drabble"],
    language="English",
    language_code="en",
    published=date(2020, 8, 8),
    revised=date(2020, 8, 8),
    words=31,
    expected_chapters=1,
    chapters=[
        Chapter(
            body=(
                "The cat sat by the lamp all night.\n<p>It was warm there, and the light "
                "was good company.</p>"
            )
        )
    ],
)

WORKS = {
    "ledger": LEDGER,
    "fog": FOG,
    "ledger_zh": LEDGER_ZH,
    "tide_zh": TIDE_ZH,
    "one_shot": ONE_SHOT,
}
