"""A profile lists the news pages tagged with the country's name or ISO alpha-3 code, in the page's language."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page

from migmon.content.models.news import NewsPage


@pytest.mark.django_db
def test_profile_lists_news_tagged_with_the_country(client, sample):
    root = Page.get_first_root_node()
    english = Locale.objects.get_or_create(language_code="en")[0]
    tagged = NewsPage(title="Rescue at sea off Malta", slug="rescue-malta", locale=english)
    root.add_child(instance=tagged)
    tagged.tags.add("MLT")
    tagged.save_revision().publish()
    other = NewsPage(title="Unrelated release", slug="unrelated", locale=english)
    root.add_child(instance=other)
    other.tags.add("Spain")
    other.save_revision().publish()

    html = client.get("/en/data/countries/MLT/").content.decode()
    related = html.split('id="related"')[1]
    assert "Rescue at sea off Malta" in related and "Unrelated release" not in related
    assert "Rescue at sea off Malta" not in client.get("/fr/data/countries/MLT/").content.decode()
