"""Page types of the portal. Each module holds one family of pages; Django sees them all from here."""

from migmon.content.models.events import EventIndexPage, EventPage, EventPageTag, EventSeries
from migmon.content.models.home import HomePage
from migmon.content.models.news import NewsIndexPage, NewsPage, NewsPageTag
from migmon.content.models.publications import PublicationPage
from migmon.content.models.sections import SectionPage, StandardPage
from migmon.content.models.timeline import TimelinePage

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "EventSeries",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PublicationPage",
    "SectionPage",
    "StandardPage",
    "TimelinePage",
]
