"""The skeleton of each record type: its fields in the contract's order, with the comment a
skeleton writes for each and the option of `ledger new` that fills it in.

Each slot is declared once here; `ledger new TYPE` makes its options, help and prompts from
these declarations, and `Skeleton.render` its comments.
"""

from __future__ import annotations

from ..vocab import ActorKind, Category, Obligation, RecordType, Transfer
from .common import (
    DATE_HELP,
    EDTF_ABOUT,
    ids_of_related,
    notes,
    record_id,
    reference,
    sources,
    when,
)
from .skeleton import Group, Skeleton, Slot, sentence

__all__ = ["SKELETONS"]

_SEE_GIFT = "Prompts and placeholders as for `ledger new gift`."

SKELETONS: dict[str, Skeleton] = {
    "gift": Skeleton(
        RecordType.GIFT,
        "A gift: who gave what to whom and when, with one item and one source (add more by "
        "hand).\n\n"
        "Flags fill in fields; on a terminal, missing required fields are asked for. "
        'Otherwise they are left empty, marked "required", and the record fails `ledger '
        "validate` until they are filled in. Exits 2 on a value the record contract refuses "
        "or an existing FILE.",
        (
            record_id("kim-to-putin-pungsan-dogs-2024"),
            reference(
                "giver",
                "the id of the actor who gave it",
                "The id of the actor who gave it (repeat for a joint gift).",
                required=True,
                many=True,
                one_or_more=True,
            ),
            reference(
                "recipient",
                "the id of the actor who received it",
                "The id of the actor who received it (repeat for several).",
                required=True,
                many=True,
                one_or_more=True,
            ),
            Slot(
                "transfer",
                "gift (the default) or loan: lent for a time, still the giver's property",
                example="loan",
                vocabulary=Transfer,
                help="gift (the default) or loan.",
                metavar="TRANSFER",
            ),
            when(
                "until",
                f"for a loan, when it ends or ended, {EDTF_ABOUT}",
                "When a loan ends or ended, EDTF: 2034-06, ../2019.",
                example="2034-06",
            ),
            when("date", f"when it was given, {EDTF_ABOUT}", DATE_HELP, required=True),
            Group(
                "items",
                "what was given: add an item for each kind of thing",
                (
                    Slot(
                        "item",
                        "what it is, e.g. Pungsan dog",
                        required=True,
                        help="What was given: Pungsan dog.",
                    ),
                    Slot(
                        "category",
                        sentence(Category),
                        required=True,
                        vocabulary=Category,
                        metavar="CATEGORY",
                    ),
                    Slot(
                        "count",
                        'a whole number; leave it out only when the source gives no number ("a '
                        'pair" is 2)',
                        example="2",
                        help="How many of the item.",
                        metavar="N",
                        value="count",
                    ),
                    Slot(
                        "names",
                        "the individuals' names, never more than count",
                        example="[Gomi, Songgang]",
                        option="item-name",
                        many=True,
                        help="An individual's name (repeatable).",
                    ),
                    Slot(
                        "wikidata",
                        "the item's kind (a breed, a model) as a Wikidata item id",
                        example="Q39275",
                        option="item-wikidata",
                        help="The item's kind, a Wikidata id.",
                        metavar="QID",
                    ),
                ),
                required=True,
            ),
            Slot(
                "total",
                "how many things were given in all, where the source lists only some",
                example="20",
                help="How many things in all.",
                metavar="N",
                value="count",
            ),
            Group(
                "value",
                "an estimate as the source gives it",
                (
                    Slot(
                        "amount",
                        "a number",
                        required=True,
                        example="650",
                        help="An estimated value, a number.",
                        metavar="NUMBER",
                        value="number",
                    ),
                    Slot(
                        "currency",
                        "an ISO 4217 code in capitals",
                        required=True,
                        example="USD",
                        help="The value's ISO 4217 currency: USD.",
                        metavar="CODE",
                    ),
                ),
                listed=False,
            ),
            Slot(
                "occasion",
                "what it was given for",
                example="Putin's state visit to Pyongyang",
                help="What it was given for.",
            ),
            ids_of_related("typically an agreement", "russia-north-korea-defense-pact-2024"),
            sources(),
            notes(),
        ),
    ),
    "agreement": Skeleton(
        RecordType.AGREEMENT,
        "An agreement between states or organizations, with one source (add more by hand)."
        f"\n\n{_SEE_GIFT}",
        (
            record_id("russia-north-korea-defense-pact-2024"),
            Slot(
                "title",
                "as the sources name it",
                required=True,
                help="The title, as the sources name it.",
            ),
            reference(
                "parties",
                "ids of two or more state or organization actors",
                "The id of a party (repeat: two or more).",
                required=True,
                option="party",
                many=True,
            ),
            reference(
                "signatories",
                "ids of person actors",
                "The id of a signatory (repeatable).",
                example="[vladimir-putin, kim-jong-un]",
                option="signatory",
                many=True,
            ),
            when("date", f"when it was signed, {EDTF_ABOUT}", DATE_HELP, required=True),
            Slot("place", "where it was signed", example="Pyongyang", help="Where it was signed."),
            Slot(
                "obligations",
                f"any of {sentence(Obligation)} (the ATOP codebook)",
                example="[defense]",
                option="obligation",
                many=True,
                vocabulary=Obligation,
                metavar="OBLIGATION",
            ),
            Slot(
                "topics",
                "other fields of cooperation, free text",
                example="[space exploration]",
                option="topic",
                many=True,
                help="A field of cooperation (repeatable).",
            ),
            Group(
                "provisions",
                "articles, verbatim as a cited source gives them",
                (
                    Slot(
                        "article",
                        "the article's number, as text",
                        required=True,
                        example='"4"',
                        help="A provision's article number.",
                        metavar="ARTICLE",
                    ),
                    Slot(
                        "text",
                        "the article's text, copied exactly from a cited source's archived text",
                        required=True,
                        example="...",
                        option="provision-text",
                        help="The provision's text, verbatim.",
                    ),
                ),
            ),
            ids_of_related("e.g. a gift that came with it", "kim-to-putin-pungsan-dogs-2024"),
            sources(),
            notes(),
        ),
    ),
    "actor": Skeleton(
        RecordType.ACTOR,
        "A person, state or organization that gives, receives, signs or is a party."
        f"\n\n{_SEE_GIFT}",
        (
            record_id("kim-jong-un"),
            Slot(
                "kind",
                sentence(ActorKind),
                required=True,
                vocabulary=ActorKind,
                metavar="KIND",
            ),
            Slot(
                "name",
                "e.g. Kim Jong Un; a person known only by office has a role instead",
                required=True,
                help="The name: Kim Jong Un.",
            ),
            Slot(
                "role",
                "an office",
                example="President of Bulgaria",
                help="An office: President of Bulgaria.",
            ),
            Slot(
                "country",
                "ISO 3166-1 alpha-3 in capitals (required for a state): a state's own code, "
                "or the country of a person or organization",
                example="PRK",
                help="ISO 3166-1 alpha-3 code: PRK.",
                metavar="CODE",
            ),
            Slot(
                "wikidata",
                "a Wikidata item id, Q and digits",
                example="Q56226",
                help="A Wikidata item id: Q56226.",
                metavar="QID",
            ),
            Slot(
                "aliases",
                "other names",
                example="[DPRK]",
                option="alias",
                many=True,
                help="Another name (repeatable).",
            ),
            notes(),
        ),
    ),
    "source": Skeleton(
        RecordType.SOURCE,
        f"A published report that records cite, with the path of its archived text.\n\n{_SEE_GIFT}",
        (
            record_id("putin-gets-pungsan-dogs-2024-06-20"),
            Slot("title", "the headline", required=True, help="The headline."),
            Slot(
                "publisher",
                "as the article gives it",
                example="Reuters",
                help="The publisher, as the article gives it.",
            ),
            Slot(
                "author",
                "as the article gives it",
                example="A. Reporter",
                help="The author, as the article gives it.",
            ),
            when(
                "published",
                f"the publication date, {EDTF_ABOUT}",
                "The publication date.",
                example="2024-06-20",
            ),
            Slot(
                "url",
                "the article's http or https address",
                example="https://...",
                help="The article's http or https address.",
                metavar="URL",
            ),
            Slot(
                "language",
                "a BCP 47 tag; en when left out",
                example="en",
                help="A BCP 47 tag (en when left out).",
                metavar="TAG",
            ),
            Slot(
                "text",
                "the archived plain-text copy of the article, relative to the ledger folder",
                example="texts/putin-gets-pungsan-dogs-2024-06-20.txt",
                help="The archived text's path, relative to the ledger folder.",
                metavar="PATH",
            ),
            notes(),
        ),
    ),
}
"""Record type -> its skeleton, in the order `ledger new` lists them."""
