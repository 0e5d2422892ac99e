"""A deterministic synthetic corpus of news-page dumps for the benchmark (issue #6).

Each document is composed from parts written here (never from the seeds' text): article paragraphs about troop
contingents, base handovers, officials' quotes and money, with varied numbers (digits, words, approximations),
names, titles and dates, wrapped in the boilerplate the cleaner removes (navigation, donation widgets, captions,
related-article lists) and followed by a comment widget and a reader thread. Document i depends only on the seed
and i, so a corpus of 1,000 is the first 1,000 documents of a corpus of 10,000, and every document's bytes are
distinct (the warehouse keys documents by their bytes).

usage: python -m benchmarks.corpus DIR [--docs N] [--seed S]
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 20240606
FILES_PER_FOLDER = 1000
MIN_BYTES, MAX_BYTES = 3000, 8000

# --- parts -----------------------------------------------------------------------------------------------------

ACTORS = [
    ("the United States", "American", "the Pentagon"),
    ("Britain", "British", "the Ministry of Defence"),
    ("France", "French", "the French armed forces ministry"),
    ("Germany", "German", "the Bundeswehr"),
    ("Italy", "Italian", "the Italian defence ministry"),
    ("Spain", "Spanish", "the Spanish defence ministry"),
    ("Poland", "Polish", "the Polish General Staff"),
    ("Canada", "Canadian", "National Defence"),
    ("Denmark", "Danish", "the Danish Defence Command"),
    ("the Netherlands", "Dutch", "the Dutch defence ministry"),
    ("Turkey", "Turkish", "the Turkish defence ministry"),
    ("Russia", "Russian", "the Russian Defence Ministry"),
    ("Australia", "Australian", "the Australian Defence Force"),
    ("Norway", "Norwegian", "the Norwegian armed forces"),
    ("Estonia", "Estonian", "the Estonian Defence Forces"),
    ("Romania", "Romanian", "the Romanian defence ministry"),
]
COALITIONS = ["the U.S.-led coalition", "the US-led coalition", "NATO", "the international coalition",
              "Combined Joint Task Force-Operation Inherent Resolve", "the anti-ISIS coalition"]
HOSTS = [("Iraq", "Iraqi"), ("Syria", "Syrian"), ("Kuwait", "Kuwaiti"), ("Jordan", "Jordanian"),
         ("Lithuania", "Lithuanian"), ("Latvia", "Latvian"), ("Mali", "Malian"), ("Niger", "Nigerien"),
         ("Afghanistan", "Afghan"), ("Qatar", "Qatari")]
BASES = ["Ain al-Asad Air Base", "Camp Taji", "Qayyarah Air Base", "K1 Air Base", "Al Taqaddum Air Base",
         "Harir Air Base", "Camp Arifjan", "Camp Buehring", "Al Udeid Air Base", "Muwaffaq Salti Air Base",
         "Incirlik Air Base", "Rukla", "Camp Adazi", "Tapa Army Base", "Bagram Air Base", "Kandahar Airfield",
         "Mihail Kogalniceanu Air Base", "Al-Tanf Garrison", "Rmeilan Airfield", "Camp Lemonnier", "Orzysz",
         "Balad Air Base", "Kirkuk Air Base", "Union III", "Camp Bondsteel"]
CITIES = ["Baghdad", "Erbil", "Mosul", "Kirkuk", "Anbar province", "Deir ez-Zor", "Kuwait City", "Amman",
          "Vilnius", "Riga", "Tallinn", "Bamako", "Niamey", "Kabul", "Doha", "Constanta", "the Baltic region",
          "northern Iraq", "eastern Syria", "the Sahel"]
UNITS = ["troops", "soldiers", "service members", "military personnel", "Marines", "paratroopers",
         "military advisers", "special forces", "combat troops", "personnel"]
FIRST = ["James", "Maria", "Tomasz", "Kristjan", "Anna", "Pierre", "Ahmed", "Yusuf", "Lars", "Elena", "David",
         "Sophie", "Karim", "Jonas", "Olena", "Marek", "Hassan", "Ingrid", "Michael", "Laura", "Omar", "Henrik"]
LAST = ["Whitfield", "Kowalczyk", "Tamm", "Duval", "Rahimi", "Demir", "Sorensen", "Novak", "Hartmann",
        "Castellano", "Al-Jubouri", "Lindqvist", "Brennan", "Okafor", "Moreau", "Petrauskas", "Van Dijk",
        "Haddad", "Ferreira", "Kask", "Mitchell", "Zielinski"]
TITLES = ["Gen.", "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Col.", "Lt. Col.", "Defense Minister",
          "Defence Secretary", "Foreign Minister", "Prime Minister", "spokesman", "Adm.", "Capt."]
ROLES = ["a spokesman for {org}", "the commander of the mission", "a senior official at {org}",
         "the head of {org}", "a military spokesperson", "an adviser to the prime minister"]
OUTLETS = ["Reuters", "the Associated Press", "AFP", "local television", "state media", "a news conference",
           "reporters in {city}", "Al Jazeera", "the BBC", "public broadcaster ERR"]
CHANNELS = ["on Twitter", "in a statement", "in a letter to lawmakers", "on Telegram", "in a televised address",
            "at a briefing", "in an interview"]
CREDITS = ["REUTERS", "AP Photo", "AFP via Getty Images", "U.S. Army", "Ministry of Defence", "Handout",
           "Staff photographer", "Wikimedia Commons"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SMALL_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen",
               "twenty", "thirty", "forty", "fifty"]
APPROX = ["about", "around", "roughly", "nearly", "some", "more than", "up to", "approximately", "fewer than",
          "at least"]
CURRENCIES = [("$", ""), ("€", ""), ("£", ""), ("", " dollars"), ("", " euros")]
SCALES = ["million", "billion"]

# --- boilerplate parts -------------------------------------------------------------------------------------------

NAV_LINES = ["Home", "Menu", "Search", "Skip to content", "Toggle navigation", "Latest News", "Subscribe",
             "Sign In", "Log in", "Main Menu", "Trending Now"]
SECTIONS = ["World", "Middle East", "Europe", "Africa", "Defense", "Politics", "Analysis", "Security"]
DONATION = [
    "Support {site}",
    "If you like our work, please consider a donation",
    "PayPal: donate@{domain}",
    "Or via: https://{domain}/donate/",
    "BTC: {wallet}",
    "ETH: 0x{hexwallet}",
    "Become a patron: https://www.patreon.com/{site_lower}",
]
SITES = ["Frontline Monitor", "Defense Ledger", "The Garrison Post", "Sentinel Wire", "Theatre Report",
         "Eastern Flank News", "Desert Brief", "Border Watch Daily"]
COMMENTERS = ["Realist1962", "John Q.", "Ares Watcher", "paulk", "Marta from Riga", "Old Sarge", "NoMoreWars",
              "Dimitri", "skeptic_in_ohio", "Fatima B.", "Geopolitics Nerd", "Hank", "Tom Tom", "Captain Obvious"]
COMMENT_BODIES = [
    "This is exactly what was predicted {n} years ago and nobody listened.",
    "So who pays for all of this? The taxpayer as usual.",
    "They said the same thing about {city} and look how that ended.",
    "Interesting article, but the numbers look too low to me. I would guess at least double.",
    "Bring them home. Enough is enough.",
    "Another press release dressed up as news.",
    "Anyone who served there knows the base was half empty long before the announcement.",
    "The {adj} government will not accept this quietly, mark my words.",
    "Source? I can't find this anywhere else.",
    "lol they moved to {city} and called it a withdrawal",
    "Good. The mission was over years ago.",
    "My cousin was stationed at {base} in {year}, and it was already being run down then.",
    "Nothing will change until the next election.",
    "Wait until the {adj} side responds, this is not over.",
]
COMMENT_META = ["Reply", "Report", "{n} days ago", "{n} hours ago", "{n} Likes", "Reply | Report"]


@dataclass
class Ctx:
    """What one article is about, so its paragraphs talk about the same actor, host country and base."""

    rng: random.Random
    actor: tuple[str, str, str]
    host: tuple[str, str]
    base: str
    city: str
    year: int
    site: str


# --- small generators --------------------------------------------------------------------------------------------


def number_phrase(rng: random.Random) -> str:
    """A troop count as a reporter writes it: plain digits, thousands separators, words, or an approximation."""
    kind = rng.random()
    if kind < 0.3:
        return f"{rng.randrange(50, 999):d}"
    if kind < 0.6:
        return f"{rng.randrange(1, 16):d},{rng.randrange(0, 10) * 100:03d}"
    if kind < 0.75:
        return f"{rng.choice(SMALL_WORDS)} thousand"
    if kind < 0.85:
        return f"{rng.choice(SMALL_WORDS)} hundred"
    return f"{rng.choice(APPROX)} {rng.randrange(2, 60) * 100:,}"


def money_phrase(rng: random.Random) -> str:
    """A money amount; about one in twelve uses a decimal comma ("$1,7 million"), which the pipeline flags."""
    prefix, suffix = rng.choice(CURRENCIES)
    whole, frac = rng.randrange(1, 950), rng.randrange(1, 10)
    sep = "," if rng.random() < 0.08 else "."
    value = f"{whole}{sep}{frac}" if rng.random() < 0.6 else f"{whole}"
    return f"{prefix}{value} {rng.choice(SCALES)}{suffix}"


def date_phrase(ctx: Ctx) -> str:
    """A date inside the article's year, in one of the formats news sites use."""
    rng = ctx.rng
    month, day = rng.randrange(12), rng.randrange(1, 29)
    style = rng.random()
    if style < 0.5:
        return f"{MONTHS[month]} {day}, {ctx.year}"
    if style < 0.8:
        return f"{day} {MONTHS[month]} {ctx.year}"
    return f"{MONTHS[month]} {day}"


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(TITLES), f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def quote_text(ctx: Ctx) -> tuple[str, str]:
    """A quotation in two halves, so the attribution can sit between them."""
    rng, adj = ctx.rng, ctx.actor[1]
    firsts = [
        f"We are not leaving {ctx.host[0]}",
        f"The {adj} contingent will stay as long as it is needed",
        "This is a planned and orderly transition",
        f"Our people at {ctx.base} have done remarkable work",
        "Nobody should read this as a retreat",
        f"The security situation around {ctx.city} has changed",
    ]
    seconds = [
        f"we are changing how we support our {ctx.host[1]} partners.",
        "the decision was taken together with our allies.",
        f"the remaining forces will be consolidated at fewer sites by the end of {ctx.year}.",
        "the threat has not disappeared and we will keep watching it closely.",
        "the handover was agreed months ago and is on schedule.",
        f"we expect about {rng.choice(SMALL_WORDS)} hundred personnel to remain in an advisory role.",
    ]
    return rng.choice(firsts), rng.choice(seconds)


def cap(phrase: str) -> str:
    """Sentence-initial capital without str.capitalize(), which would lower-case "U.S." and "NATO"."""
    return phrase[:1].upper() + phrase[1:]


def org(ctx: Ctx) -> str:
    return ctx.rng.choice([ctx.actor[2], ctx.rng.choice(COALITIONS)])


def outlet(ctx: Ctx) -> str:
    return ctx.rng.choice(OUTLETS).format(city=ctx.city)


# --- article paragraphs ------------------------------------------------------------------------------------------


def para_deployment(ctx: Ctx) -> str:
    rng, (country, adj, _) = ctx.rng, ctx.actor
    count, unit = number_phrase(rng), rng.choice(UNITS)
    verb = rng.choice(["will deploy", "has sent", "is sending", "plans to deploy", "deployed", "will send"])
    lead = f"{cap(country)} {verb} {count} {unit} to {ctx.host[0]}"
    extra = rng.choice([
        f", where they will be stationed at {ctx.base}",
        f" to reinforce the mission around {ctx.city}",
        f" as part of {rng.choice(COALITIONS)}",
        f", {outlet(ctx)} reported on {date_phrase(ctx)}",
    ])
    follow = rng.choice([
        f"The {adj} contingent already numbers {number_phrase(rng)} {rng.choice(UNITS)}.",
        f"Officials did not say how long the {unit} would stay.",
        f"The first of them arrived in {ctx.city} on {date_phrase(ctx)}.",
        f"A further {number_phrase(rng)} {rng.choice(UNITS)} are on standby at home.",
    ])
    return f"{lead}{extra}. {follow}"


def para_withdrawal(ctx: Ctx) -> str:
    rng, (country, adj, _) = ctx.rng, ctx.actor
    subject = rng.choice([f"The {adj} military", cap(rng.choice(COALITIONS)), f"{adj} forces"])
    return rng.choice([
        f"{subject} will withdraw {number_phrase(rng)} {rng.choice(UNITS)} from {ctx.host[0]} by {date_phrase(ctx)}, "
        f"cutting its presence to {number_phrase(rng)}.",
        f"{subject} said it would reduce the number of {rng.choice(UNITS)} in {ctx.host[0]} from {number_phrase(rng)} "
        f"to {number_phrase(rng)} over the coming months.",
        f"According to {outlet(ctx)}, {_lower_article(subject)} pulled "
        f"{number_phrase(rng)} {rng.choice(UNITS)} out of {ctx.city} in {MONTHS[rng.randrange(12)]}.",
        f"The number of {adj} {rng.choice(UNITS)} in {ctx.host[0]} remains high, at {number_phrase(rng)}, "
        f"despite the announced drawdown.",
    ])


def _lower_article(phrase: str) -> str:
    """A subject moved into mid-sentence: only a leading article loses its capital, names keep theirs."""
    return "t" + phrase[1:] if phrase.startswith("The ") else phrase


def para_handover(ctx: Ctx) -> str:
    rng, host_adj = ctx.rng, ctx.host[1]
    who = rng.choice(COALITIONS)
    return rng.choice([
        f"{cap(who)} said it had handed over {ctx.base} to {host_adj} forces on {date_phrase(ctx)}.",
        f"On {date_phrase(ctx)}, {who} transferred {ctx.base} to the {host_adj} security forces, the "
        f"{rng.choice(['second', 'third', 'fourth', 'fifth'])} such handover this year.",
        f"{ctx.base} was returned to {host_adj} control on {date_phrase(ctx)}, officials said, although a small "
        f"team of advisers will stay at the site.",
        f"The {host_adj} army took over {ctx.base} on {date_phrase(ctx)} after {who} evacuated the facility.",
        f"{cap(who)} will keep {ctx.base} under its control for now and relocate staff from "
        f"{rng.choice(BASES)} there.",
    ])


def para_quote(ctx: Ctx) -> str:
    """A direct quote, usually split around its attribution, with the speaker's title and organisation."""
    rng = ctx.rng
    title, name = person(rng)
    first, second = quote_text(ctx)
    role = rng.choice(ROLES).format(org=org(ctx))
    shape = rng.random()
    if shape < 0.4:
        return f"“{first},” {title} {name}, {role}, told {outlet(ctx)}. “{cap(second)}”"
    if shape < 0.7:
        return f"“{first}, and {second[:-1]},” {title} {name} said {rng.choice(CHANNELS)}."
    if shape < 0.85:
        return f"{title} {name} said {rng.choice(CHANNELS)} that {second}"
    return f"{name}, {role}, told {outlet(ctx)} on {date_phrase(ctx)} that the move was “{second[:-1]}.”"


def para_money(ctx: Ctx) -> str:
    rng, (country, adj, _) = ctx.rng, ctx.actor
    return rng.choice([
        f"The package is worth {money_phrase(rng)} and includes training for {number_phrase(rng)} {ctx.host[1]} "
        f"soldiers.",
        f"{cap(country)} has spent {money_phrase(rng)} on the mission since {ctx.year - rng.randrange(1, 8)}, "
        f"according to figures released by {ctx.actor[2]}.",
        f"Lawmakers approved {money_phrase(rng)} to upgrade runways and housing at {ctx.base}.",
        f"The {adj} budget for the deployment rose to {money_phrase(rng)}, up from {money_phrase(rng)} a year earlier.",
    ])


def para_background(ctx: Ctx) -> str:
    rng, host, host_adj = ctx.rng, ctx.host[0], ctx.host[1]
    return rng.choice([
        f"Tensions in {host} have risen since {MONTHS[rng.randrange(12)]}, when a series of rocket attacks hit "
        f"positions near {ctx.city}. No group has claimed responsibility for most of them.",
        f"The {host_adj} parliament voted in {ctx.year - 1} on a non-binding resolution calling for foreign forces to "
        f"leave the country, a demand that several parties have repeated since.",
        f"Analysts in {ctx.city} say the changes reflect a long-planned shift from combat to advising, rather than a "
        f"response to any single event.",
        f"The mission was launched {rng.choice(SMALL_WORDS)} years ago at the request of the {host_adj} government and "
        f"has been extended {rng.choice(['twice', 'three times', 'every year', 'repeatedly'])} since then.",
        f"Residents of {ctx.city} described convoys of armoured vehicles leaving the area over several nights, "
        f"with roads closed for hours at a time.",
        f"Drone strikes and improvised explosive devices remain the main threat to supply routes between "
        f"{ctx.city} and {rng.choice(BASES)}, officials said.",
        f"It was not immediately clear whether the {ctx.actor[1]} decision had been coordinated with other members "
        f"of {rng.choice(COALITIONS)}.",
    ])


PARAGRAPHS: list[tuple[Callable[[Ctx], str], float]] = [
    (para_deployment, 2.0), (para_withdrawal, 1.5), (para_handover, 1.2), (para_quote, 2.0),
    (para_money, 0.8), (para_background, 2.5),
]


def headline(ctx: Ctx) -> str:
    rng, (country, adj, _) = ctx.rng, ctx.actor
    return rng.choice([
        f"{adj} Troops To Leave {ctx.base}",
        f"{cap(country)} Sends More Forces To {ctx.host[0]}",
        f"Coalition Hands {ctx.base} Over To {ctx.host[1]} Army",
        f"{ctx.host[0]}: {adj} Contingent Cut As Mission Winds Down",
        f"What The {adj} Drawdown In {ctx.host[0]} Means",
    ])


# --- boilerplate -------------------------------------------------------------------------------------------------


def nav_block(ctx: Ctx) -> list[str]:
    rng = ctx.rng
    lines = rng.sample(NAV_LINES, rng.randrange(2, 5))
    lines.append(" › ".join(["Home", *rng.sample(SECTIONS, 2)]))
    return lines


def donation_block(ctx: Ctx) -> list[str]:
    rng = ctx.rng
    domain = ctx.site.lower().replace(" ", "") + rng.choice([".com", ".org", ".net"])
    fields = {"site": ctx.site, "domain": domain, "site_lower": ctx.site.lower().replace(" ", ""),
              "wallet": "".join(rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
                                for _ in range(34)),
              "hexwallet": "".join(rng.choice("0123456789abcdef") for _ in range(40))}
    amounts = [f"{n:,} $" for n in sorted(rng.sample([5, 10, 25, 50, 100, 250, 1000, 2500], 3))]
    return amounts + [line.format(**fields) for line in rng.sample(DONATION, rng.randrange(3, 6))]


def caption(ctx: Ctx) -> str:
    rng = ctx.rng
    what = rng.choice([f"{ctx.actor[1]} soldiers at {ctx.base}", f"A convoy leaves {ctx.city}",
                       f"Vehicles lined up at {ctx.base}", f"{ctx.host[1]} troops during a ceremony"])
    return f"{what}, {date_phrase(ctx)} (photo credit: {rng.choice(CREDITS)})"


def related_block(ctx: Ctx) -> list[str]:
    rng = ctx.rng
    header = rng.choice(["Related Articles", "More on this topic:", "You may also like"])
    titles = []
    for _ in range(rng.randrange(2, 5)):
        other = Ctx(rng, rng.choice(ACTORS), rng.choice(HOSTS), rng.choice(BASES), rng.choice(CITIES),
                    ctx.year, ctx.site)
        titles.append(headline(other))
    return [header, *titles]


def comment_thread(ctx: Ctx) -> list[str]:
    """The comment widget, then a thread of reader comments: author line, body, sometimes widget meta lines."""
    rng = ctx.rng
    count = rng.randrange(2, 14)
    widget = rng.choice([
        ["Notify of", "Newest Most Voted", "Inline Feedbacks", "View all comments"],
        [f"{count} Comments"],
        ["Leave a Reply", "Your email address will not be published. Required fields are marked *",
         f"{count} Comments"],
    ])
    lines = list(widget)
    for _ in range(count):
        fields = {"n": rng.randrange(1, 30), "city": rng.choice(CITIES), "adj": rng.choice(ACTORS)[1],
                  "base": rng.choice(BASES), "year": ctx.year - rng.randrange(1, 10)}
        lines.append(rng.choice(COMMENTERS))
        body = rng.sample(COMMENT_BODIES, rng.randrange(1, 4))
        lines.append(" ".join(b.format(**fields) for b in body))
        if rng.random() < 0.4:
            lines.append(rng.choice(COMMENT_META).format(**fields))
    if rng.random() < 0.5:
        lines.append("Would love your thoughts, please comment.")
    return lines


# --- documents ---------------------------------------------------------------------------------------------------


def document(seed: int, index: int) -> str:
    """Document `index` of the corpus: a page dump of MIN_BYTES..MAX_BYTES, boilerplate and comments included."""
    rng = random.Random(seed * 1_000_003 + index)
    ctx = Ctx(rng, rng.choice(ACTORS), rng.choice(HOSTS), rng.choice(BASES), rng.choice(CITIES),
              rng.randrange(2016, 2024), rng.choice(SITES))
    title = headline(ctx)
    target = rng.randrange(MIN_BYTES, MAX_BYTES)
    head = [title, *nav_block(ctx), *donation_block(ctx), title,
            f"{MONTHS[rng.randrange(12)]} {rng.randrange(1, 29)}, {ctx.year}", caption(ctx)]
    tail = [*related_block(ctx), f"Support {ctx.site}", *comment_thread(ctx)]
    fixed = sum(len(line.encode()) + 2 for line in head + tail)
    body = article_body(ctx, max(target - fixed, 1200))
    return "\n\n".join(head + body + tail) + "\n"


def article_body(ctx: Ctx, budget: int) -> list[str]:
    """Paragraphs until `budget` bytes are used; the first ones carry the news, later ones mix in background."""
    rng = ctx.rng
    makers, weights = zip(*PARAGRAPHS)
    body = [para_deployment(ctx) if rng.random() < 0.5 else para_handover(ctx)]
    used, tries = len(body[0].encode()), 0
    while used < budget and tries < 200:
        tries += 1
        para = rng.choices(makers, weights)[0](ctx)
        if rng.random() < 0.35:
            para = f"{para} {para_background(ctx)}"
        if any(para[:60] == other[:60] for other in body):
            continue
        body.append(para)
        used += len(para.encode()) + 2
    if rng.random() < 0.3:
        body.insert(rng.randrange(1, len(body) + 1), caption(ctx))
    return body


def relative_path(index: int) -> Path:
    """Files are spread over folders of FILES_PER_FOLDER, as a crawler's dump would be."""
    return Path(f"part_{index // FILES_PER_FOLDER:03d}") / f"doc_{index:06d}.txt"


def write_corpus(folder: Path, docs: int, seed: int = DEFAULT_SEED) -> tuple[int, int]:
    """Write documents 0..docs-1 under `folder` (existing files with the same bytes are left untouched, so their
    modification times, and with them the flow's idea of "unchanged", survive). Returns (files, bytes)."""
    total = 0
    for index in range(docs):
        path = folder / relative_path(index)
        data = document(seed, index).encode("utf-8")
        total += len(data)
        if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return docs, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write the benchmark's synthetic corpus")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    files, size = write_corpus(args.folder, args.docs, args.seed)
    print(f"{files} documents, {size / 1e6:.1f} MB in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
