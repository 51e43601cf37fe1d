"""PDF through WeasyPrint: A5 pages, embedded fonts (Noto CJK on Debian), a bookmark per chapter."""

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from fanfold.downloads.images import fetch_image

PRINT_STYLE = CSS(
    string="""
    @page { size: A5; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; } }
    body { margin: 0; font-family: "Noto Serif", "Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Naskh Arabic", serif; font-size: 10.5pt; }
    h1 { bookmark-level: 1; } h2.toc-heading { bookmark-level: 2; page-break-before: always; }
    h1.part { bookmark-level: 1; }
    a { color: inherit; }
    """
)


class _ImagesOnly(URLFetcher):
    """WeasyPrint's loader, limited to what an e-book may fetch (images.py): no file: URLs,
    no private hosts, no network at all when image fetching is off."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        fetched = fetch_image(url)
        if fetched is None:
            raise ValueError(f"left out of the PDF: {url}")  # WeasyPrint skips the image
        return URLFetcherResponse(url, body=fetched[0], headers={"Content-Type": fetched[1]})


def render_pdf(html: bytes, base_url: str) -> bytes:
    document = HTML(string=html.decode("utf-8"), base_url=base_url, url_fetcher=_ImagesOnly())
    return document.write_pdf(stylesheets=[PRINT_STYLE])
