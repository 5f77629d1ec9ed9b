"""StreamField blocks shared by the page types.

Every block has a translated label (in its Meta, or passed where it is used): the admin shows it in the editor's
language, where a block without one would show its English name ("Info box") to a French editor.

Blocks carry structure the seeds have (a media contact, a line of action, a box "about …", a report
teaser, a timeline year) so that templates, search and the API see fields rather than pasted text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]

TIMELINE_TAGS = [
    ("emergency", _("Emergency")),
    ("return", _("Return")),
    ("sdg", _("SDG")),
    ("gcm", _("Global Compact")),
    ("data", _("Data")),
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "h2"), ("h3", "h3")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "content/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote.html"


class InfoBoxBlock(blocks.StructBlock):
    """A framed aside such as "About the International Dialogue on Migration"."""

    title = blocks.CharBlock(label=_("Title"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Body"))

    class Meta:
        icon = "help"
        label = _("Info box")
        template = "content/blocks/info_box.html"


class PublicationTeaserBlock(blocks.StructBlock):
    """Points readers to a report: a kicker ("Flagship report"), its title, a sentence, a link or file."""

    kicker = blocks.CharBlock(label=_("Kicker"), required=False)
    title = blocks.CharBlock(label=_("Title"))
    summary = blocks.TextBlock(label=_("Summary"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    document = DocumentChooserBlock(label=_("Document"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Publication teaser")
        template = "content/blocks/publication_teaser.html"


class MediaContactBlock(blocks.StructBlock):
    """One press contact of a release: where, who, for which office, how to reach them."""

    place = blocks.CharBlock(label=_("Place"), required=False)
    name = blocks.CharBlock(label=_("Name"))
    organisation = blocks.CharBlock(label=_("Office"), required=False)
    phone = blocks.CharBlock(label=_("Telephone"), required=False)
    emails = blocks.ListBlock(blocks.EmailBlock(label=_("Email")), label=_("Emails"), default=[])

    class Meta:
        icon = "user"
        label = _("Media contact")
        template = "content/blocks/media_contact.html"


class TimelineEntryBlock(blocks.StructBlock):
    """A year or a range of years (end year empty for a single year) with what happened then."""

    start_year = blocks.IntegerBlock(label=_("Year (or first year)"), min_value=1900, max_value=2100)
    end_year = blocks.IntegerBlock(label=_("Last year of a range"), required=False, min_value=1900, max_value=2100)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    tags = blocks.MultipleChoiceBlock(choices=TIMELINE_TAGS, required=False, label=_("Tags"))

    class Meta:
        icon = "date"
        label = _("Timeline entry")


def body_blocks() -> list[tuple[str, blocks.Block]]:
    """The blocks of a free-form page body (standard pages, sections, releases, events, publications)."""
    return [
        ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))),
        ("heading", HeadingBlock()),
        ("quote", QuoteBlock()),
        ("info_box", InfoBoxBlock()),
        ("publication_teaser", PublicationTeaserBlock()),
    ]
