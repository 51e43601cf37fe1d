// Reads OPDS documents named on the command line with NYPL's opds-feed-parser (the parser of
// their OPDS web client) and prints what a reading app would see, as JSON, one line per file.
const fs = require("fs");
const OPDSParser = require("opds-feed-parser").default;
const { AcquisitionFeed, NavigationFeed } = require("opds-feed-parser");

async function read(file) {
  const feed = await new OPDSParser().parse(fs.readFileSync(file, "utf8"));
  const kind = feed instanceof AcquisitionFeed ? "acquisition" : feed instanceof NavigationFeed ? "navigation" : "other";
  return {
    file,
    kind,
    title: feed.title,
    links: feed.links.map((link) => ({ rel: link.rel, href: link.href, title: link.title, facetGroup: link.facetGroup, activeFacet: link.activeFacet })),
    entries: feed.entries.map((entry) => ({
      title: entry.title,
      authors: (entry.authors || []).map((author) => author.name),
      categories: (entry.categories || []).map((category) => category.term),
      summary: entry.summary ? entry.summary.content : null,
      links: entry.links.map((link) => ({ rel: link.rel, href: link.href, type: link.type })),
    })),
  };
}

Promise.all(process.argv.slice(2).map(read)).then((feeds) => {
  for (const feed of feeds) console.log(JSON.stringify(feed));
}).catch((error) => { console.error(String(error)); process.exit(1); });
