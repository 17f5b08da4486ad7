"""Generate a synthetic, valid gift ledger for benchmarks and scale tests.

Usage::

    python benchmarks/generate.py OUTDIR --gifts N [--format yaml|json]
        [--records-per-file K] [--seed S]

OUTDIR plays the part of a ledger's ``records/`` folder: records go to ``actors/``,
``sources/``, ``agreements/`` and ``gifts/`` (a list of K records per file), and the archived
article texts that the sources point at go to ``texts/``. The output follows
``docs/record-format.md`` and is meant to pass every check, warnings included:
every id is unique, every reference resolves to a record of the right type and kind, every
quote and provision is found verbatim in its source's text, no gift is dated after the
publication of the sources that report it, no two gifts share giver, recipient and item, and
every actor and source is referred to. The same arguments give byte-identical output.

Only the standard library is used, so the script runs before the package is installed.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TypeAlias

__all__ = ["generate_ledger"]


class Id(str):
    """A record id: written unquoted in YAML."""

    __slots__ = ()


class Word(str):
    """A word from a closed vocabulary (record type, kind, category, obligation): written
    unquoted in YAML, like the contract's ``- type: gift``."""

    __slots__ = ()


class Date(str):
    """An EDTF date: written unquoted in YAML unless YAML would misread it."""

    __slots__ = ()


Value: TypeAlias = str | int | list["Value"] | dict[str, "Value"]
Record: TypeAlias = dict[str, Value]

ACTOR, SOURCE, AGREEMENT, GIFT = Word("actor"), Word("source"), Word("agreement"), Word("gift")
PERSON, STATE, ORGANIZATION = Word("person"), Word("state"), Word("organization")
FORMATS = ("yaml", "json")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 80
MAX_QUOTE = 500
# Plain scalars that YAML 1.1 loaders turn into booleans or null: never emit them as ids.
YAML_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
# A gift is dated at least this long before the first publication that reports it.
REPORTING_LAG = timedelta(days=3)
FIRST_PUBLISHED = date(2005, 1, 1)
LAST_PUBLISHED = date(2024, 12, 31)

# (ISO 3166-1 alpha-3, short name, capital, aliases, Wikidata id or "")
COUNTRIES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("NOR", "Norway", "Oslo", ("Kingdom of Norway",), "Q20"),
    ("RUS", "Russia", "Moscow", ("Russian Federation",), "Q159"),
    ("PRK", "North Korea", "Pyongyang", ("DPRK", "Democratic People's Republic of Korea"), "Q423"),
    ("KOR", "South Korea", "Seoul", ("Republic of Korea", "ROK"), "Q884"),
    ("JPN", "Japan", "Tokyo", (), "Q17"),
    ("CHN", "China", "Beijing", ("People's Republic of China", "PRC"), "Q148"),
    ("USA", "United States", "Washington", ("United States of America", "US"), "Q30"),
    ("GBR", "United Kingdom", "London", ("UK", "Britain"), "Q145"),
    ("FRA", "France", "Paris", ("French Republic",), "Q142"),
    ("DEU", "Germany", "Berlin", ("Federal Republic of Germany",), "Q183"),
    ("BGR", "Bulgaria", "Sofia", (), ""),
    ("ARG", "Argentina", "Buenos Aires", (), ""),
    ("AUS", "Australia", "Canberra", (), ""),
    ("AUT", "Austria", "Vienna", (), ""),
    ("BEL", "Belgium", "Brussels", (), ""),
    ("BRA", "Brazil", "Brasília", (), ""),
    ("CAN", "Canada", "Ottawa", (), ""),
    ("CHL", "Chile", "Santiago", (), ""),
    ("COL", "Colombia", "Bogotá", (), ""),
    ("HRV", "Croatia", "Zagreb", (), ""),
    ("CZE", "Czechia", "Prague", ("Czech Republic",), ""),
    ("DNK", "Denmark", "Copenhagen", (), ""),
    ("EGY", "Egypt", "Cairo", (), ""),
    ("EST", "Estonia", "Tallinn", (), ""),
    ("ETH", "Ethiopia", "Addis Ababa", (), ""),
    ("FIN", "Finland", "Helsinki", (), ""),
    ("GHA", "Ghana", "Accra", (), ""),
    ("GRC", "Greece", "Athens", ("Hellenic Republic",), ""),
    ("HUN", "Hungary", "Budapest", (), ""),
    ("ISL", "Iceland", "Reykjavík", (), ""),
    ("IND", "India", "New Delhi", ("Republic of India",), ""),
    ("IDN", "Indonesia", "Jakarta", (), ""),
    ("IRL", "Ireland", "Dublin", (), ""),
    ("ITA", "Italy", "Rome", (), ""),
    ("KAZ", "Kazakhstan", "Astana", (), ""),
    ("KEN", "Kenya", "Nairobi", (), ""),
    ("LVA", "Latvia", "Riga", (), ""),
    ("LTU", "Lithuania", "Vilnius", (), ""),
    ("MYS", "Malaysia", "Kuala Lumpur", (), ""),
    ("MEX", "Mexico", "Mexico City", (), ""),
    ("MNG", "Mongolia", "Ulaanbaatar", (), ""),
    ("MAR", "Morocco", "Rabat", (), ""),
    ("NLD", "Netherlands", "Amsterdam", ("Holland",), ""),
    ("NZL", "New Zealand", "Wellington", ("Aotearoa",), ""),
    ("NGA", "Nigeria", "Abuja", (), ""),
    ("PAK", "Pakistan", "Islamabad", (), ""),
    ("PER", "Peru", "Lima", (), ""),
    ("PHL", "Philippines", "Manila", (), ""),
    ("POL", "Poland", "Warsaw", (), ""),
    ("PRT", "Portugal", "Lisbon", (), ""),
    ("QAT", "Qatar", "Doha", (), ""),
    ("ROU", "Romania", "Bucharest", (), ""),
    ("SAU", "Saudi Arabia", "Riyadh", ("KSA",), ""),
    ("SEN", "Senegal", "Dakar", (), ""),
    ("SRB", "Serbia", "Belgrade", (), ""),
    ("SGP", "Singapore", "Singapore", (), ""),
    ("SVK", "Slovakia", "Bratislava", (), ""),
    ("SVN", "Slovenia", "Ljubljana", (), ""),
    ("ZAF", "South Africa", "Pretoria", (), ""),
    ("ESP", "Spain", "Madrid", (), ""),
    ("SWE", "Sweden", "Stockholm", (), ""),
    ("CHE", "Switzerland", "Bern", ("Swiss Confederation",), ""),
    ("THA", "Thailand", "Bangkok", (), ""),
    ("TUR", "Turkey", "Ankara", ("Türkiye",), ""),
    ("UKR", "Ukraine", "Kyiv", (), ""),
    ("ARE", "United Arab Emirates", "Abu Dhabi", ("UAE",), ""),
    ("URY", "Uruguay", "Montevideo", (), ""),
    ("UZB", "Uzbekistan", "Tashkent", (), ""),
    ("VNM", "Vietnam", "Hanoi", ("Viet Nam",), ""),
    ("TKM", "Turkmenistan", "Ashgabat", (), ""),
    ("STP", "São Tomé and Príncipe", "São Tomé", (), ""),
    ("CIV", "Côte d'Ivoire", "Yamoussoukro", ("Ivory Coast",), ""),
)

GIVEN_NAMES = (
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiroshi",
    "Ingrid",
    "José",
    "Kofi",
    "Lars",
    "Maria",
    "Nadia",
    "Olga",
    "Pavel",
    "Rania",
    "Sven",
    "Tomás",
    "Ulla",
    "Viktor",
    "Wen",
    "Yuki",
    "Zoran",
    "Amara",
    "Björn",
    "Chiara",
    "Darius",
    "Emeka",
    "Fatima",
    "Gustav",
    "Hana",
    "Ivan",
    "Jae-won",
    "Katya",
    "Leila",
    "Mikhail",
    "Noor",
    "Oskar",
    "Priya",
    "Rustam",
    "Saoirse",
    "Tariq",
    "Valentina",
    "Wojciech",
    "Ximena",
    "Yusuf",
    "Zainab",
)
FAMILY_NAMES = (
    "Andersen",
    "Barros",
    "Castillo",
    "Dahl",
    "Eriksen",
    "Ferreira",
    "Gómez",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kim",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wagner",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Abara",
    "Brennan",
    "Costa",
    "Dubois",
    "Esposito",
    "Fischer",
    "Grünewald",
    "Horvath",
    "Iqbal",
    "Jovanović",
    "Kowalski",
    "Larsen",
    "Mendes",
    "Novák",
    "O'Connor",
    "Park",
    "Rossi",
    "Schmidt",
    "Tran",
    "Umarov",
    "Vogel",
    "Weber",
)
ROLES = (
    "President of {c}",
    "Prime Minister of {c}",
    "Foreign Minister of {c}",
    "Minister of Culture of {c}",
    "Defence Minister of {c}",
    "Chief of Protocol of {c}",
    "Ambassador of {c} to {o}",
    "Governor of the Central Bank of {c}",
    "Speaker of the Parliament of {c}",
)
ORGANIZATIONS = (
    "{c} National Zoo",
    "National Museum of {c}",
    "{city} Central Zoo",
    "{city} Museum of Fine Arts",
    "{c} Red Cross Society",
    "{c} Chamber of Commerce",
    "{c} State Archives",
    "{city} Botanical Garden",
    "{fam} Foundation",
    "{c} Olympic Committee",
)
ORG_WIKIDATA_SHARE = 0.3

# category -> ((singular, plural, Wikidata id of the kind), ...), and adjectives that fit
CATALOG: dict[str, tuple[tuple[tuple[str, str, str], ...], tuple[str, ...]]] = {
    "animal": (
        (
            ("Pungsan dog", "Pungsan dogs", "Q1141786"),
            ("Akita dog", "Akita dogs", "Q38539"),
            ("Karakachan dog", "Karakachan dogs", "Q1477286"),
            ("Akhal-Teke horse", "Akhal-Teke horses", "Q184412"),
            ("Arabian horse", "Arabian horses", "Q188766"),
            ("giant panda", "giant pandas", "Q33602"),
            ("Siberian tiger", "Siberian tigers", "Q30727"),
            ("koala", "koalas", "Q36101"),
            ("Bactrian camel", "Bactrian camels", "Q172886"),
            ("gyrfalcon", "gyrfalcons", "Q178279"),
            ("brown bear", "brown bears", "Q36341"),
            ("alpaca", "alpacas", "Q170822"),
            ("Nile crocodile", "Nile crocodiles", "Q169451"),
            ("elephant calf", "elephant calves", "Q7378"),
            ("golden pheasant", "golden pheasants", "Q217849"),
        ),
        ("", "", "young", "rare", "breeding", "prize-winning"),
    ),
    "vehicle": (
        (
            ("limousine", "limousines", "Q193415"),
            ("electric car", "electric cars", "Q193692"),
            ("off-road vehicle", "off-road vehicles", "Q1418006"),
            ("motorcycle", "motorcycles", "Q34493"),
            ("sports car", "sports cars", "Q274586"),
            ("tractor", "tractors", "Q39495"),
            ("fire engine", "fire engines", "Q208281"),
            ("patrol boat", "patrol boats", "Q1348600"),
            ("helicopter", "helicopters", "Q34486"),
            ("ambulance", "ambulances", "Q180481"),
        ),
        ("", "armoured", "vintage", "custom-built", "new", "bulletproof"),
    ),
    "clothing": (
        (
            ("silk robe", "silk robes", "Q2996393"),
            ("fur hat", "fur hats", "Q1135568"),
            ("embroidered jacket", "embroidered jackets", "Q849964"),
            ("pair of riding boots", "pairs of riding boots", "Q190868"),
            ("kimono", "kimonos", "Q170603"),
            ("cashmere scarf", "cashmere scarves", "Q216140"),
            ("dress uniform", "dress uniforms", "Q1346069"),
            ("tailored suit", "tailored suits", "Q223269"),
            ("felt cloak", "felt cloaks", "Q1424149"),
        ),
        ("", "traditional", "hand-stitched", "ceremonial", "woollen"),
    ),
    "artwork": (
        (
            ("oil painting", "oil paintings", "Q174705"),
            ("porcelain vase", "porcelain vases", "Q191851"),
            ("bronze statue", "bronze statues", "Q928357"),
            ("tapestry", "tapestries", "Q184296"),
            ("calligraphy scroll", "calligraphy scrolls", "Q12681"),
            ("lacquer box", "lacquer boxes", "Q1323469"),
            ("tea set", "tea sets", "Q1366032"),
            ("ceramic plate", "ceramic plates", "Q45621"),
            ("portrait", "portraits", "Q134307"),
            ("mosaic", "mosaics", "Q133067"),
        ),
        ("", "", "antique", "gilded", "hand-painted", "commemorative", "carved"),
    ),
    "food": (
        (
            ("crate of apples", "crates of apples", "Q89"),
            ("bottle of vodka", "bottles of vodka", "Q374"),
            ("jar of honey", "jars of honey", "Q10987"),
            ("box of chocolates", "boxes of chocolates", "Q195"),
            ("wheel of cheese", "wheels of cheese", "Q10943"),
            ("case of wine", "cases of wine", "Q282"),
            ("sack of rice", "sacks of rice", "Q5090"),
            ("tin of caviar", "tins of caviar", "Q186385"),
            ("basket of persimmons", "baskets of persimmons", "Q29526"),
            ("box of dates", "boxes of dates", "Q1652093"),
        ),
        ("", "", "large", "small", "gift-wrapped", "decorated"),
    ),
    "weapon": (
        (
            ("ceremonial sword", "ceremonial swords", "Q12791"),
            ("hunting rifle", "hunting rifles", "Q1132000"),
            ("engraved pistol", "engraved pistols", "Q1421"),
            ("dagger", "daggers", "Q9036"),
            ("replica cannon", "replica cannons", "Q81103"),
            ("antique musket", "antique muskets", "Q208011"),
            ("shotgun", "shotguns", "Q486396"),
            ("sabre", "sabres", "Q208664"),
        ),
        ("", "silver-inlaid", "historic", "presentation", "decorated"),
    ),
    "document": (
        (
            ("signed letter", "signed letters", "Q133492"),
            ("illuminated manuscript", "illuminated manuscripts", "Q48498"),
            ("facsimile map", "facsimile maps", "Q4006"),
            ("framed photograph", "framed photographs", "Q125191"),
            ("historical charter", "historical charters", "Q1194997"),
            ("first-edition book", "first-edition books", "Q571"),
            ("honorary diploma", "honorary diplomas", "Q217577"),
        ),
        ("", "", "rare", "bound", "annotated"),
    ),
    "other": (
        (
            ("chess set", "chess sets", "Q718"),
            ("wristwatch", "wristwatches", "Q178794"),
            ("globe", "globes", "Q133792"),
            ("telescope", "telescopes", "Q4213"),
            ("fountain pen", "fountain pens", "Q1306029"),
            ("samovar", "samovars", "Q185011"),
            ("football", "footballs", "Q41323"),
            ("guitar", "guitars", "Q6607"),
            ("medal", "medals", "Q131647"),
            ("hockey jersey", "hockey jerseys", "Q2537012"),
        ),
        ("", "", "signed", "engraved", "gold-plated", "handmade"),
    ),
}
CATEGORIES = tuple(CATALOG)
CATEGORY_WEIGHTS = tuple(accumulate((30, 8, 12, 20, 10, 6, 6, 8)))  # cumulative
MAX_COUNT = {
    "animal": 6,
    "vehicle": 3,
    "clothing": 10,
    "artwork": 3,
    "food": 40,
    "weapon": 4,
    "document": 2,
    "other": 5,
}
ANIMAL_NAMES = (
    "Gomi",
    "Songgang",
    "Yume",
    "Buffy",
    "Verny",
    "Pasha",
    "Sasha",
    "Kuma",
    "Luna",
    "Tigra",
    "Bars",
    "Zhuzhu",
    "Mishka",
    "Orlik",
    "Hana",
    "Tora",
    "Bella",
    "Rex",
    "Nika",
    "Snezhok",
    "Duman",
    "Kesha",
    "Grom",
    "Aiko",
    "Haru",
    "Sora",
    "Molly",
    "Zlata",
    "Arslan",
)
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CHF", "RUB", "CNY", "KRW", "NOK")
OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
TOPICS = (
    "space exploration",
    "energy",
    "trade",
    "education",
    "public health",
    "culture",
    "tourism",
    "agriculture",
    "science and technology",
    "transport",
    "fisheries",
    "cybersecurity",
)
PUBLISHERS = (
    ("The Meridian Post", "meridianpost.example.com"),
    ("Baltic Wire", "balticwire.example.net"),
    ("Northern Courier", "northerncourier.example.org"),
    ("Asia Desk Daily", "asiadesk.example.com"),
    ("The Continental Review", "continentalreview.example.com"),
    ("Harbour Times", "harbourtimes.example.net"),
    ("Global Affairs Monitor", "gamonitor.example.org"),
    ("Le Quotidien Diplomatique", "quotidien.example.fr"),
)
LANGUAGES = ("en", "en", "en", "en", "en", "en-GB", "en-US")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
HEADLINES = (
    "{a} and {b} pledge closer ties on {topic}",
    "Gifts and handshakes as {a} hosts {b}",
    "Leaders of {a} and {b} meet in {city}",
    "Inside the gift diplomacy of {a}",
    "What {a} gave {b}, and why it matters",
    "{a} sends delegation to {b} ahead of {topic} talks",
    "State visit: {a} and {b} exchange presents",
)
FILLER = (
    "Officials in {city} described the talks as {mood}.",
    "Analysts said the visit signalled a new phase in relations between {a} and {b}.",
    "A spokesperson for the ministry declined to comment on the value of the gifts.",
    "The two sides also discussed {topic}, according to a joint statement.",
    "Photographs released after the meeting showed the delegations in {city}.",
    "The ceremony lasted about {n} minutes and was broadcast in full.",
    "Critics at home questioned the cost of the visit.",
    "Diplomatic gifts are rarely made public, and their fate is often unknown.",
    "Neither government gave further details.",
    "The exchange followed months of negotiations on {topic}.",
)
MOODS = ("warm", "productive", "cordial", "difficult", "frank", "historic", "constructive")
CITATION_VERBS = ("said", "reported", "announced", "confirmed", "told reporters")
OCCASIONS = (
    "the state visit of {g} to {rc}",
    "a summit in {city}",
    "the anniversary of diplomatic relations between {gc} and {rc}",
    "the opening of a new embassy in {city}",
    "an official visit to {city}",
    "the New Year celebrations",
)
NOTES = (
    "Count as the first source gives it.",
    "The value is the source's own estimate.",
    "Item names follow the first source's spelling.",
    "Entered from the wire copy; the print edition has the same wording.",
)
PROVISIONS = {
    "defense": (
        "In the event that one of the Parties is subjected to an armed attack, the other "
        "Parties shall immediately provide assistance with all means at their disposal."
    ),
    "offense": (
        "The Parties shall act jointly in any military operation that they agree to "
        "undertake against a third State."
    ),
    "neutrality": (
        "Should one Party become involved in hostilities with a third State, the other "
        "Parties shall remain neutral throughout the conflict."
    ),
    "nonaggression": (
        "Each Party undertakes not to resort to the threat or use of force against the "
        "territorial integrity or political independence of the other Parties."
    ),
    "consultation": (
        "The Parties shall consult each other without delay whenever the security of any "
        "of them is threatened."
    ),
}
AGREEMENT_KEYS = (
    "type",
    "id",
    "title",
    "parties",
    "signatories",
    "date",
    "place",
    "obligations",
    "topics",
    "provisions",
    "sources",
    "notes",
)
AGREEMENT_TITLES = (
    "Treaty on Comprehensive Strategic Partnership between {a} and {b}",
    "Agreement between {a} and {b} on Cooperation in {topic_title}",
    "Treaty of Friendship and Mutual Assistance between {a} and {b}",
    "{city} Declaration on {topic_title}",
    "Memorandum of Understanding between {a} and {b} on {topic_title}",
)


@dataclass(slots=True)
class Actor:
    """One actor record, plus what the generator needs to describe it in prose."""

    id: str
    kind: str
    country: str
    label: str
    record: Record


@dataclass(slots=True)
class Source:
    """One source record and the passages its article text must contain verbatim."""

    id: str
    published: date
    record: Record
    passages: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Stats:
    """What a run wrote."""

    counts: dict[str, int]
    files: int
    bytes: int


def slugify(text: str, limit: int = 60) -> str:
    """Turn free text into an id slug of at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or "x"


class Ids:
    """Hands out unique, YAML-safe slugs."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, base: str) -> Id:
        base = slugify(base, MAX_ID - 8)
        if not base[0].isalpha() or base in YAML_WORDS:
            base = f"r-{base}"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        if len(candidate) > MAX_ID or not SLUG.match(candidate):
            raise AssertionError(f"bad id {candidate!r}")
        self.taken.add(candidate)
        return Id(candidate)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def month_ending_by(day: date, limit: date) -> tuple[int, int]:
    """The month of ``day``, or an earlier one, whose last day is not after ``limit``."""
    year, month = day.year, day.month
    while last_day(year, month) > limit:
        year, month = add_months(year, month, -1)
    return year, month


def year_ending_by(day: date, limit: date) -> int:
    return day.year if date(day.year, 12, 31) <= limit else day.year - 1


DATE_FORMS = ("day", "month", "year", "uncertain", "approximate", "decade", "interval", "open")
DATE_WEIGHTS = tuple(accumulate((40, 18, 10, 8, 7, 5, 7, 5)))  # cumulative
ITEM_COUNTS, ITEM_COUNT_WEIGHTS = (1, 2, 3, 4), tuple(accumulate((50, 25, 15, 10)))


def edtf_by(
    rng: random.Random,
    limit: date,
    forms: Sequence[str] = DATE_FORMS,
    cum_weights: Sequence[int] = DATE_WEIGHTS,
) -> Date:
    """An EDTF date, in a random form, whose latest possible day is not after ``limit``."""
    form = rng.choices(forms, cum_weights=cum_weights)[0]
    day = limit - timedelta(days=rng.randrange(0, 3 * 365))
    if form == "day":
        return Date(day.isoformat())
    if form in ("month", "uncertain", "approximate"):
        year, month = month_ending_by(day, limit)
        suffix = {"month": "", "uncertain": "?", "approximate": "~"}[form]
        return Date(f"{year:04d}-{month:02d}{suffix}")
    if form == "year":
        return Date(f"{year_ending_by(day, limit):04d}")
    if form == "decade":
        start = day.year // 10 * 10
        if date(start + 9, 12, 31) > limit:
            start -= 10
        return Date(f"{start // 10:03d}X")
    if form == "open":
        return Date(f"../{year_ending_by(day, limit):04d}")
    end_year, end_month = month_ending_by(day, limit)
    start_year, start_month = add_months(end_year, end_month, -rng.randint(1, 5))
    return Date(f"{start_year:04d}-{start_month:02d}/{end_year:04d}-{end_month:02d}")


def long_date(day: date) -> str:
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def counted(count: int | None, singular: str, plural: str) -> str:
    """English for ``count`` things: "a jar of honey", "two jars of honey", "12 jars"."""
    if count is None:
        return plural
    if count == 1:
        return f"{'an' if singular[0].lower() in 'aeiou' else 'a'} {singular}"
    return f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} {plural}"


def and_list(parts: Sequence[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


class Generator:
    """Builds the records in memory, one seeded random stream, in a fixed order."""

    def __init__(self, gifts: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = Ids()
        self.n_gifts = gifts
        self.actors: list[Actor] = []
        self.sources: list[Source] = []
        self.agreements: list[Record] = []
        self.gifts: list[Record] = []
        self.referenced: set[str] = set()

    # -- actors ------------------------------------------------------------------------

    def make_actors(self) -> None:
        rng = self.rng
        total = max(10, round(self.n_gifts / 20))
        n_states = min(len(COUNTRIES), max(4, total // 4))
        n_orgs = max(2, total // 5)
        n_persons = total - n_states - n_orgs
        for code, name, _capital, aliases, wikidata in COUNTRIES[:n_states]:
            record: Record = {
                "type": ACTOR,
                "id": self.ids.new(name),
                "kind": STATE,
                "name": name,
                "country": code,
            }
            if wikidata:
                record["wikidata"] = wikidata
            if aliases:
                record["aliases"] = list(aliases)
            self.add_actor(record, name)
        for _ in range(n_persons):
            code, country, _capital, _aliases, _wd = rng.choice(COUNTRIES)
            other = rng.choice(COUNTRIES)[1]
            role = rng.choice(ROLES).format(c=country, o=other)
            shape = rng.random()
            if shape < 0.15:  # known only by office
                record = {"type": ACTOR, "id": self.ids.new(role), "kind": PERSON, "role": role}
                label = f"the {role}"
            else:
                name = f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
                record = {"type": ACTOR, "id": self.ids.new(name), "kind": PERSON, "name": name}
                label = name
                if shape < 0.5:
                    record["role"] = role
                    label = f"{role} {name}"
            record["country"] = code
            if rng.random() < 0.25:
                record["wikidata"] = f"Q{rng.randrange(1000, 99_999_999)}"
            self.add_actor(record, label)
        for _ in range(n_orgs):
            code, country, capital, _aliases, _wd = rng.choice(COUNTRIES)
            name = rng.choice(ORGANIZATIONS).format(
                c=country, city=capital, fam=rng.choice(FAMILY_NAMES)
            )
            record = {
                "type": ACTOR,
                "id": self.ids.new(name),
                "kind": ORGANIZATION,
                "name": name,
                "country": code,
            }
            if rng.random() < ORG_WIKIDATA_SHARE:
                record["wikidata"] = f"Q{rng.randrange(1000, 99_999_999)}"
            if rng.random() < 0.2:
                record["aliases"] = ["".join(w[0] for w in name.split() if w[0].isupper())]
            self.add_actor(record, f"the {name}" if name.startswith("National") else name)

    def add_actor(self, record: Record, label: str) -> None:
        self.actors.append(
            Actor(str(record["id"]), str(record["kind"]), str(record["country"]), label, record)
        )

    # -- sources -----------------------------------------------------------------------

    def make_sources(self) -> None:
        rng = self.rng
        span = (LAST_PUBLISHED - FIRST_PUBLISHED).days
        for _ in range(max(1, -(-self.n_gifts // 10))):
            published = FIRST_PUBLISHED + timedelta(days=rng.randrange(span + 1))
            a, b = rng.sample(COUNTRIES, 2)
            title = rng.choice(HEADLINES).format(
                a=a[1], b=b[1], city=a[2], topic=rng.choice(TOPICS)
            )
            publisher, domain = rng.choice(PUBLISHERS)
            source_id = self.ids.new(f"{slugify(title, 50)}-{published.isoformat()}")
            record: Record = {
                "type": SOURCE,
                "id": source_id,
                "title": title,
                "publisher": publisher,
                "author": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                "published": Date(published.isoformat()),
                "url": f"https://{domain}/{published:%Y/%m/%d}/{slugify(title, 70)}",
                "language": rng.choice(LANGUAGES),
                "text": f"texts/{source_id}.txt",
            }
            self.sources.append(Source(source_id, published, record))

    def cite(self, source: Source, sentence: str, quote: str) -> Record:
        """A citation of ``source``; the sentence holding the quote goes into its text."""
        if quote not in sentence or len(quote) > MAX_QUOTE:
            raise AssertionError(f"bad quote {quote!r}")
        source.passages.append(sentence)
        self.referenced.add(source.id)
        return {"source": Id(source.id), "quote": quote}

    def publication_limit(self, sources: Sequence[Source]) -> date:
        return min(s.published for s in sources) - REPORTING_LAG

    # -- agreements --------------------------------------------------------------------

    def make_agreements(self) -> None:
        rng = self.rng
        parties_pool = [a for a in self.actors if a.kind != "person"]
        persons = [a for a in self.actors if a.kind == "person"]
        persons_by_country: dict[str, list[Actor]] = {}
        for person in persons:
            persons_by_country.setdefault(person.country, []).append(person)
        capitals = {c[0]: c[2] for c in COUNTRIES}
        for _ in range(max(1, round(self.n_gifts / 50))):
            parties = rng.sample(
                parties_pool, 2 if rng.random() < 0.8 else min(len(parties_pool), rng.randint(3, 5))
            )
            topics = rng.sample(TOPICS, rng.randint(0, 3))
            topic = topics[0] if topics else rng.choice(TOPICS)
            place = capitals[parties[0].country]
            names = [str(p.record["name"]) for p in parties]
            title = rng.choice(AGREEMENT_TITLES).format(
                a=names[0], b=and_list(names[1:]), city=place, topic_title=title_case(topic)
            )
            cited = rng.sample(self.sources, min(len(self.sources), rng.choice((1, 1, 2))))
            limit = self.publication_limit(cited)
            signed = edtf_by(rng, limit, ("day", "month"), (7, 10))
            record: Record = {
                "type": AGREEMENT,
                "id": self.ids.new(f"{slugify(title, 60)}-{signed[:4]}"),
                "title": title,
                "parties": [Id(p.id) for p in parties],
            }
            signatories: list[Actor] = []
            for party in parties:
                local = persons_by_country.get(party.country)
                if local and rng.random() < 0.7:
                    signatories.append(rng.choice(local))
            signatories = list({s.id: s for s in signatories}.values())
            if signatories:
                record["signatories"] = [Id(s.id) for s in signatories]
            record["date"] = signed
            record["place"] = place
            obligations = [o for o in OBLIGATIONS if rng.random() < 0.3]
            if obligations:
                record["obligations"] = [Word(o) for o in obligations]
            if topics:
                record["topics"] = list(topics)
            provisions: list[Value] = []
            article = rng.randint(1, 4)
            for text in [PROVISIONS[o] for o in obligations] + [
                f"The Parties shall develop cooperation in the field of {t}, including "
                f"through joint programmes and the exchange of experts."
                for t in topics
            ]:
                provisions.append({"article": str(article), "text": text})
                cited[0].passages.append(f"Article {article} of the {title} reads: “{text}”")
                article += rng.randint(1, 3)
            if provisions:
                record["provisions"] = provisions
            when = (
                f"on {long_date(date.fromisoformat(signed))}"
                if len(signed) == 10
                else f"in {calendar.month_name[int(signed[5:7])]} {signed[:4]}"
            )
            record["sources"] = [
                self.cite(source, f"{clause}, officials {rng.choice(CITATION_VERBS)}.", clause)
                for source, clause in zip(
                    cited,
                    (
                        f"{and_list(names)} signed the {title} in {place} {when}",
                        f"The {title} was signed {when}",
                    ),
                    strict=False,
                )
            ]
            if rng.random() < 0.1:
                record["notes"] = "The title follows the official English translation."
            self.referenced.update(p.id for p in parties)
            self.referenced.update(s.id for s in signatories)
            self.agreements.append(record)

    # -- gifts -------------------------------------------------------------------------

    def pick_pair(self, index: int) -> tuple[Actor, Actor]:
        """Giver and recipient: the first gifts walk through every actor, the rest favour
        a prominent few, as real ledgers do."""
        rng, actors = self.rng, self.actors
        n = len(actors)
        if 2 * index + 1 < n + 1:
            giver, recipient = actors[(2 * index) % n], actors[(2 * index + 1) % n]
            return giver, recipient
        prominent = max(2, n // 10)
        giver = actors[rng.randrange(prominent) if rng.random() < 0.4 else rng.randrange(n)]
        recipient = giver
        while recipient is giver:
            recipient = actors[rng.randrange(prominent) if rng.random() < 0.4 else rng.randrange(n)]
        return giver, recipient

    def make_items(self, used: set[tuple[str, str]]) -> list[tuple[Record, str]]:
        """1-4 items, each none of whose name, kind or Wikidata id is in ``used``."""
        rng = self.rng
        items: list[tuple[Record, str]] = []
        wanted = rng.choices(ITEM_COUNTS, cum_weights=ITEM_COUNT_WEIGHTS)[0]
        for _attempt in range(wanted * 6):
            if len(items) == wanted:
                break
            category = rng.choices(CATEGORIES, cum_weights=CATEGORY_WEIGHTS)[0]
            kinds, adjectives = CATALOG[category]
            singular, plural, wikidata = rng.choice(kinds)
            adjective = rng.choice(adjectives)
            name = f"{adjective} {singular}" if adjective else singular
            keys = [("item", name.lower()), ("kind", singular.lower()), ("wikidata", wikidata)]
            if any(key in used for key in keys):
                continue
            used.update(keys)
            count: int | None = rng.randint(1, MAX_COUNT[category])
            if rng.random() < 0.04:
                count = None
            item: Record = {"item": name, "category": Word(category)}
            if count is not None:
                item["count"] = count
            phrase = counted(count, name, f"{adjective} {plural}" if adjective else plural)
            if count is not None and category == "animal" and rng.random() < 0.4:
                names = rng.sample(ANIMAL_NAMES, rng.randint(1, count))
                item["names"] = list(names)
                phrase += f" named {and_list(names)}"
            if rng.random() < 0.3:
                item["wikidata"] = wikidata
            items.append((item, phrase))
        return items

    def make_gifts(self) -> None:
        rng = self.rng
        used_by_pair: dict[tuple[str, str], set[tuple[str, str]]] = {}
        n_sources = len(self.sources)
        capitals = {c[0]: c[2] for c in COUNTRIES}
        country_names = {c[0]: c[1] for c in COUNTRIES}
        for index in range(self.n_gifts):
            items: list[tuple[Record, str]] = []
            while not items:
                giver, recipient = self.pick_pair(index)
                used = used_by_pair.setdefault((giver.id, recipient.id), set())
                items = self.make_items(used)
            # Consecutive gifts share a source, like a story reporting several of them.
            cited = [self.sources[index * n_sources // self.n_gifts]]
            if rng.random() < 0.25 and n_sources > 1:
                other = self.sources[rng.randrange(n_sources)]
                if other is not cited[0]:
                    cited.append(other)
            limit = self.publication_limit(cited)
            gift_date = edtf_by(rng, limit)
            gift_id = self.ids.new(
                f"{giver.id[:24]}-to-{recipient.id[:24]}-{slugify(str(items[0][0]['item']), 20)}"
                f"-{gift_date.removeprefix('../')[:4]}"
            )
            record: Record = {
                "type": GIFT,
                "id": gift_id,
                "giver": Id(giver.id),
                "recipient": Id(recipient.id),
                "date": gift_date,
                "items": [item for item, _phrase in items],
            }
            counts = [int(c) for item, _ in items if isinstance(c := item.get("count"), int)]
            phrases = [phrase for _item, phrase in items]
            what = and_list(phrases)
            if rng.random() < 0.12:
                total = sum(counts) + rng.randint(0, 20)
                if total >= 2:
                    record["total"] = total
                    what = f"{total} gifts, including {what}"
            if rng.random() < 0.15:
                amount = rng.choice((650, 1200, 5000, 25_000, 80_000, 250_000)) * rng.randint(1, 9)
                currency = rng.choice(CURRENCIES)
                record["value"] = {"amount": amount, "currency": currency}
            occasion = ""
            if rng.random() < 0.3:
                occasion = rng.choice(OCCASIONS).format(
                    g=giver.label,
                    gc=country_names[giver.country],
                    rc=country_names[recipient.country],
                    city=capitals[recipient.country],
                )
                record["occasion"] = occasion
            if self.agreements and rng.random() < 0.1:
                agreement = self.agreements[rng.randrange(len(self.agreements))]
                record["related"] = [Id(str(agreement["id"]))]
            if rng.random() < 0.05:
                record["notes"] = rng.choice(NOTES)
            record["sources"] = [
                self.cite(source, sentence, quote)
                for source, (sentence, quote) in zip(
                    cited,
                    self.gift_sentences(giver.label, recipient.label, what, occasion),
                    strict=False,
                )
            ]
            self.referenced.update((giver.id, recipient.id))
            self.gifts.append(record)

    def gift_sentences(
        self, giver: str, recipient: str, what: str, occasion: str
    ) -> Iterator[tuple[str, str]]:
        """Sentences reporting a gift, each with the quote a citation takes from it."""
        rng = self.rng
        during = f" during {occasion}" if occasion else ""
        verb = rng.choice(CITATION_VERBS)
        core = f"gave {recipient} {what}"
        sentence = f"{capital_first(giver)} {core}{during}, officials {verb}."
        yield sentence, (core if len(core) <= MAX_QUOTE else core[:MAX_QUOTE])
        core = f"{capital_first(recipient)} received {what} from {giver}"
        sentence = f"{core}{during}."
        yield sentence, (core if len(core) <= MAX_QUOTE else core[:MAX_QUOTE])

    # -- the whole ledger --------------------------------------------------------------

    def build(self) -> None:
        self.make_actors()
        self.make_sources()
        self.make_agreements()
        self.make_gifts()
        # Tiny ledgers: actors that no gift reached sign or join the first agreement.
        first = self.agreements[0]
        for actor in self.actors:
            if actor.id not in self.referenced:
                key = "signatories" if actor.kind == "person" else "parties"
                refs = first.setdefault(key, [])
                if isinstance(refs, list):
                    refs.append(Id(actor.id))
                self.referenced.add(actor.id)
        self.agreements[0] = {key: first[key] for key in AGREEMENT_KEYS if key in first}

    def article(self, source: Source) -> str:
        """The archived plain text of a source: headline, byline, then paragraphs."""
        rng = self.rng
        rec = source.record
        a, b = (c[1] for c in rng.sample(COUNTRIES, 2))
        lines = [
            str(rec["title"]),
            "",
            f"By {rec['author']}",
            f"{rec['publisher']}, {long_date(source.published)}",
            "",
        ]
        passages = source.passages or ["No further details were released."]

        def filler() -> str:
            return rng.choice(FILLER).format(
                city=rng.choice(COUNTRIES)[2],
                mood=rng.choice(MOODS),
                a=a,
                b=b,
                topic=rng.choice(TOPICS),
                n=rng.randint(20, 90),
            )

        for passage in passages:
            before = filler()
            paragraph = f"{before} {passage}" if rng.random() < 0.6 else passage
            if rng.random() < 0.3:
                paragraph += " " + filler()
            lines.extend((paragraph, ""))
        return "\n".join(lines)


def capital_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """Title case that keeps short words lower: "Science and Technology"."""
    small = {"and", "of", "the", "in", "on"}
    return " ".join(w if w in small else capital_first(w) for w in text.split())


# -- writing ---------------------------------------------------------------------------

YAML_DATE_SPECIALS = re.compile(r"^\.\.|[/?~X]")
# JSON string escaping is valid in YAML double-quoted scalars.
quoted = json.JSONEncoder(ensure_ascii=False).encode


def yaml_scalar(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Id | Word) or (
        isinstance(value, Date) and not YAML_DATE_SPECIALS.search(value)
    ):
        return value
    return quoted(value)


def yaml_mapping(mapping: dict[str, Value], indent: str, first: str, out: list[str]) -> None:
    """Append ``mapping`` in block style; ``first`` prefixes its first line ("- ")."""
    prefix = first
    for key, value in mapping.items():
        if isinstance(value, dict):
            out.append(f"{prefix}{key}:")
            yaml_mapping(value, indent + "  ", indent + "  ", out)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{prefix}{key}:")
            for entry in value:
                if isinstance(entry, dict):
                    yaml_mapping(entry, indent + "    ", indent + "  - ", out)
        elif isinstance(value, list):
            scalars = [yaml_scalar(v) for v in value if isinstance(v, str | int)]
            out.append(f"{prefix}{key}: [{', '.join(scalars)}]")
        else:
            out.append(f"{prefix}{key}: {yaml_scalar(value)}")
        prefix = indent


def render(records: Sequence[Record], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    out: list[str] = []
    for number, record in enumerate(records):
        if number:
            out.append("")
        yaml_mapping(record, "  ", "- ", out)
    out.append("")
    return "\n".join(out)


def check_outdir(outdir: Path) -> None:
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        raise FileExistsError(
            f"{outdir} exists and is not an empty folder; give a new or empty one"
        )


def write_ledger(
    outdir: Path, gifts: int, fmt: str = "yaml", records_per_file: int = 100, seed: int = 0
) -> Stats:
    """Generate and write the ledger; return what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if gifts < 1 or records_per_file < 1:
        raise ValueError("--gifts and --records-per-file must be at least 1")
    check_outdir(outdir)
    generator = Generator(gifts, seed)
    generator.build()
    groups: dict[str, list[Record]] = {
        "actor": [a.record for a in generator.actors],
        "source": [s.record for s in generator.sources],
        "agreement": generator.agreements,
        "gift": generator.gifts,
    }
    files = written = 0
    outdir.mkdir(parents=True, exist_ok=True)
    for kind, records in groups.items():
        folder = outdir / f"{kind}s"
        folder.mkdir()
        chunks = -(-len(records) // records_per_file)
        width = max(4, len(str(chunks)))
        for chunk in range(chunks):
            part = records[chunk * records_per_file : (chunk + 1) * records_per_file]
            data = render(part, fmt).encode()
            (folder / f"{kind}s-{chunk + 1:0{width}d}.{fmt}").write_bytes(data)
            files += 1
            written += len(data)
    texts = outdir / "texts"
    texts.mkdir()
    for source in generator.sources:
        data = generator.article(source).encode()
        (texts / f"{source.id}.txt").write_bytes(data)
        files += 1
        written += len(data)
    return Stats({kind: len(records) for kind, records in groups.items()}, files, written)


def generate_ledger(
    outdir: Path, gifts: int, fmt: str = "yaml", records_per_file: int = 100, seed: int = 0
) -> dict[str, int]:
    """Write a valid synthetic ledger of ``gifts`` gifts into ``outdir`` (new or empty).

    Returns the number of records of each type. The same arguments always write the same
    bytes.
    """
    return write_ledger(outdir, gifts, fmt, records_per_file, seed).counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path, help="a new or empty folder to write into")
    parser.add_argument(
        "--gifts",
        type=int,
        required=True,
        metavar="N",
        help="number of gift records (actors, sources and agreements scale with it)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="yaml",
        dest="fmt",
        help="record file format (default: yaml)",
    )
    parser.add_argument(
        "--records-per-file",
        type=int,
        default=100,
        metavar="K",
        help="records in each file (default: 100)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="random seed; the same arguments give the same bytes (default: 0)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stats = write_ledger(args.outdir, args.gifts, args.fmt, args.records_per_file, args.seed)
    except (FileExistsError, ValueError) as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n} {kind}s" for kind, n in stats.counts.items())
    print(
        f"wrote {counts} in {stats.files} files ({stats.bytes:,} bytes) to {args.outdir} "
        f"in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
