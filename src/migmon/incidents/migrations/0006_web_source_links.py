"""Stored source links that are not http(s) addresses are removed (issue 16): imports before the URL rule kept them.

Readers since then keep only ``http:``/``https:`` addresses (``migmon.importers.plausible``), but incidents stored by
older imports kept their URL cells as they were until the next import of their year: ``javascript:`` or ``data:``
values, words such as ``(follow-up news)``, or several addresses in one entry. The page already shows such values as
text; the API and the downloads handed them on. Each incident's list becomes the web addresses it held (an entry with
several becomes several), the rest is dropped, and an "edited" revision records the before and after.
"""

from django.db import migrations

from migmon.importers.plausible import split_urls

NOTE = "Migration 0006: source links that are not http:// or https:// addresses removed."


def web_addresses(urls):
    """The web addresses among stored entries, in order, without repeats; None when the list is already clean."""
    if not isinstance(urls, list):
        urls = [urls] if urls else []
    kept = []
    for entry in urls:
        found, _others = split_urls(entry) if isinstance(entry, str) else ([], [])
        kept.extend(address for address in found if address not in kept)
    return None if kept == urls else kept


def keep_web_addresses(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    IncidentRevision = apps.get_model("incidents", "IncidentRevision")
    for incident in Incident.objects.exclude(urls=[]).only("pk", "urls", "status").iterator(chunk_size=2000):
        kept = web_addresses(incident.urls)
        if kept is None:
            continue
        before = incident.urls
        Incident.objects.filter(pk=incident.pk).update(urls=kept)
        latest = IncidentRevision.objects.filter(incident_id=incident.pk).order_by("-created_at", "-id").first()
        snapshot = dict(latest.snapshot) if latest else {}
        snapshot["urls"] = kept
        IncidentRevision.objects.create(
            incident_id=incident.pk,
            action="edited",
            actor_label=NOTE,
            status=incident.status,
            snapshot=snapshot,
            changes={"urls": [before, kept]},
            note=NOTE,
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0005_count_checks")]

    operations = [migrations.RunPython(keep_web_addresses, migrations.RunPython.noop)]
