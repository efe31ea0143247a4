"""The data layer: read ``data/*.yml``, validate it, and give typed rows.

    from sitetools.data import load_all
    site = load_all(Path("data"))      # SiteData, or DataError with one line
    site.articles["cc-338"].parts[0].punishments

One module per data file (``statutes``, ``organizations``, ``glossary``,
``countries``, ``cases``, ``statistics``, ``policy``, ``changes``, ``claims``, ``vocabulary``), each
with its rows and its builder; ``load`` holds the registry of files. Nothing here imports a
renderer: rows in, and what to do with them is for ``sitetools.render``.
"""

from .cases import Case, CaseGroup
from .changes import Change
from .claims import Claim
from .common import Localized, fill
from .countries import Country, CountryGuide, Entry, Fact, Membership, Searched, Treaty
from .errors import DataError
from .glossary import GlossaryTerm
from .load import REGISTRY, DataFile, SiteData, check, load_all
from .organizations import Channel, ContactSafety, FakeCase, Organization
from .policy import Appeal, Ask, Point, Policy, Status
from .statistics import PERCENT, Chart, ChartWords, Item, Period, Statistics, When
from .statutes import Act, Article, Note, Part, Punishment, Source, SpecialRule
from .vocabulary import Vocabulary
from .yamlfile import safe_load

__all__ = [
    "PERCENT",
    "REGISTRY",
    "Act",
    "Appeal",
    "Article",
    "Ask",
    "Case",
    "CaseGroup",
    "Change",
    "Channel",
    "Chart",
    "Claim",
    "ChartWords",
    "ContactSafety",
    "Country",
    "CountryGuide",
    "DataError",
    "DataFile",
    "Entry",
    "Fact",
    "FakeCase",
    "GlossaryTerm",
    "Item",
    "Localized",
    "Membership",
    "Note",
    "Organization",
    "Part",
    "Period",
    "Point",
    "Policy",
    "Punishment",
    "Searched",
    "SiteData",
    "Source",
    "SpecialRule",
    "Statistics",
    "Status",
    "Treaty",
    "Vocabulary",
    "When",
    "check",
    "fill",
    "load_all",
    "safe_load",
]
