"""The admin pages of publishing: who may open them, and a data manager's whole round on the real 10.7.3 file."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from migmon.indicators.models import Observation, Release, ReleaseStatus
from migmon.publishing.models import AuditAction, AuditEntry, Upload, UploadStatus

pytestmark = pytest.mark.django_db

BAD_ROW = '2021,"SM_DTH_MIGR","Atlantis",7\n'


def speaks(user, language: str) -> None:
    """The admin language a user chose in their Wagtail account."""
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language=language)


def albania_2020() -> float | None:
    return Observation.objects.get(series__code="SM_DTH_MIGR", area__iso3="ALB", period="2020").value


@pytest.fixture
def staged(published, manager, indicator_file) -> Upload:
    from migmon.publishing.services import upload_create

    return upload_create(user=manager, files=[indicator_file(albania=4, extra=BAD_ROW)])


def every_url(upload: Upload, release: Release) -> list[tuple[str, str]]:
    upload_file = upload.files.get()
    return [
        ("get", reverse("publishing:uploads")),
        ("post", reverse("publishing:uploads")),
        ("get", reverse("publishing:upload", args=[upload.pk])),
        ("get", reverse("publishing:upload_progress", args=[upload.pk])),
        ("post", reverse("publishing:upload_action", args=[upload.pk, "publish"])),
        ("post", reverse("publishing:upload_action", args=[upload.pk, "discard"])),
        ("post", reverse("publishing:upload_action", args=[upload.pk, "cancel"])),
        ("get", reverse("publishing:problems_csv", args=[upload.pk, upload_file.pk])),
        ("get", reverse("publishing:releases")),
        ("get", reverse("publishing:release", args=[release.pk])),
        ("get", reverse("publishing:release_download", args=[release.pk])),
        ("post", reverse("publishing:release_rollback", args=[release.pk])),
        ("get", reverse("publishing:audit")),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_and_editors_are_turned_away(client, staged, published, editor):
    for method, url in every_url(staged, published):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    client.force_login(editor)
    for method, url in every_url(staged, published):
        response = getattr(client, method)(url)  # Wagtail turns the 403 into "no permission" on the admin's home
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    staged.refresh_from_db()
    assert staged.status == UploadStatus.REFUSED and Release.objects.get().status == ReleaseStatus.ACTIVE


def test_the_menu_shows_publishing_to_data_managers_only(client, manager, editor):
    client.force_login(editor)
    assert reverse("publishing:uploads") not in client.get("/admin/").content.decode()
    client.force_login(manager)
    assert reverse("publishing:uploads") in client.get("/admin/").content.decode()


def test_a_data_manager_uploads_reads_the_report_fixes_publishes_and_rolls_back(
    client, published, manager, indicator_file
):
    speaks(manager, "en")
    client.force_login(manager)
    response = client.post(reverse("publishing:uploads"), {"data_files": [indicator_file(albania=4, extra=BAD_ROW)]})
    first = Upload.objects.get()
    assert response["Location"] == reverse("publishing:upload", args=[first.pk])

    page = client.get(response["Location"]).content.decode()
    assert "Atlantis" in page and "Publish</button>" not in page
    report = client.get(reverse("publishing:problems_csv", args=[first.pk, first.files.get().pk]))
    rows = list(csv.reader(io.StringIO(report.content.decode())))
    assert rows[0] == ["severity", "file", "row", "element", "column", "value", "rule"]
    assert rows[1][:3] == ["error", "indicator_10-7-3.csv", "183"] and "Atlantis" in rows[1]

    client.post(reverse("publishing:upload_action", args=[first.pk, "discard"]))
    response = client.post(reverse("publishing:uploads"), {"data_files": [indicator_file(albania=4)]})
    second = Upload.objects.exclude(pk=first.pk).get()
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="changed">1<' in page and "Publish</button>" in page
    filtered = client.get(response["Location"], {"area": "ALB", "period": "2020"}).content.decode()
    assert "<td>ALB</td><td>2020</td>" in filtered
    assert "No changed value matches" in client.get(response["Location"], {"area": "AUT"}).content.decode()
    progress = client.get(reverse("publishing:upload_progress", args=[second.pk])).json()
    assert progress["status"] == "checked" and progress["progress"]["rows_done"] == 181

    client.post(reverse("publishing:upload_action", args=[second.pk, "publish"]))
    assert albania_2020() == 4
    release = Release.objects.get(pk=second.files.get().release_id)
    detail = client.get(reverse("publishing:release", args=[release.pk])).content.decode()
    assert release.sha256 in detail and "<td>ALB</td><td>2020</td>" in detail
    original = client.get(reverse("publishing:release_download", args=[release.pk]))
    assert b'2020,"SM_DTH_MIGR","Albania",4' in b"".join(original.streaming_content)
    listing = client.get(reverse("publishing:releases"), {"user": "manager"}).content.decode()
    assert f'href="{reverse("publishing:release", args=[release.pk])}"' in listing
    assert f'href="{reverse("publishing:release", args=[published.pk])}"' not in listing

    refused = client.post(reverse("publishing:release_rollback", args=[published.pk]), follow=True)
    assert "cannot be rolled back" in refused.content.decode()
    client.post(reverse("publishing:release_rollback", args=[release.pk]))
    assert albania_2020() == 3
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {AuditAction.UPLOAD, AuditAction.DISCARD, AuditAction.PUBLISH, AuditAction.ROLLBACK}
    assert "indicator_10-7-3.csv" in client.get(reverse("publishing:audit")).content.decode()


def test_the_report_speaks_the_admins_language(client, staged, manager):
    speaks(manager, "fr")
    client.force_login(manager)
    report = client.get(reverse("publishing:problems_csv", args=[staged.pk, staged.files.get().pk]))
    assert report.content.decode().splitlines()[0] == "gravité,fichier,ligne,élément,colonne,valeur,règle"
    # The rule itself, kept once as a msgid with its parameters, is shown in the admin's language too.
    rows = list(csv.reader(io.StringIO(report.content.decode())))
    french = "zone inconnue name 'Atlantis' : aucune zone n'a ce nom ni cet alias ; rien n'a été deviné"
    assert rows[1][0] == "erreur" and rows[1][-1] == french
    assert french in html.unescape(client.get(reverse("publishing:upload", args=[staged.pk])).content.decode())
    speaks(manager, "es")
    report = client.get(reverse("publishing:problems_csv", args=[staged.pk, staged.files.get().pk]))
    spanish = "zona desconocida name 'Atlantis': ninguna zona tiene este nombre ni este alias; no se adivinó nada"
    assert list(csv.reader(io.StringIO(report.content.decode())))[1][-1] == spanish


def test_files_above_the_limit_are_refused(client, settings, published, manager, indicator_file):
    settings.MIGMON_UPLOAD_MAX_MB = 0
    client.force_login(manager)
    response = client.post(reverse("publishing:uploads"), {"data_files": [indicator_file(albania=4)]})
    assert response.status_code == 200 and "dépasse la limite de 0 Mo" in response.content.decode()  # French first
    assert not Upload.objects.exists()


def kazakhstan_upload(data_dir):
    """Kazakhstan's national 17.3.2 SDMX-ML: SERIES="_T" and REF_AREA="_T" (data/sdg-sdmx-samples)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (data_dir / "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml").read_bytes()
    return SimpleUploadedFile("sdmx_17-3-2.xml", content, content_type="application/xml")


def test_the_upload_form_takes_the_area_and_series_the_cli_takes(client, published, manager, data_dir):
    speaks(manager, "en")
    client.force_login(manager)
    form = client.get(reverse("publishing:uploads")).content.decode()
    assert 'name="area"' in form and 'name="series"' in form
    response = client.post(
        reverse("publishing:uploads"),
        {"data_files": [kazakhstan_upload(data_dir)], "area": "KAZ", "series": "BX_TRF_PWKR"},
    )
    upload = Upload.objects.get()
    assert (upload.status, upload.area, upload.series) == (UploadStatus.CHECKED, "KAZ", "BX_TRF_PWKR")
    assert upload.files.get().added == 12
    page = client.get(response["Location"]).content.decode()
    assert "area of files that name none: KAZ" in page and "series of files that name none: BX_TRF_PWKR" in page

    client.post(reverse("publishing:upload_action", args=[upload.pk, "publish"]))
    assert Observation.objects.get(series__code="BX_TRF_PWKR", area__iso3="KAZ", period="2020").value == 0.22


def test_without_the_options_such_a_file_is_refused_and_a_bad_option_is_named(client, published, manager, data_dir):
    client.force_login(manager)  # French first
    client.post(reverse("publishing:uploads"), {"data_files": [kazakhstan_upload(data_dir)]})
    refused = Upload.objects.get()
    assert refused.status == UploadStatus.REFUSED
    assert "REF_AREA" in client.get(reverse("publishing:upload", args=[refused.pk])).content.decode()

    answer = client.post(
        reverse("publishing:uploads"), {"data_files": [kazakhstan_upload(data_dir)], "series": "bx trf"}
    )
    assert answer.status_code == 200 and "Un code de série ODD" in answer.content.decode()
    assert Upload.objects.count() == 1


def test_the_releases_list_filters_by_series(client, published, manager, data_dir):
    """A release is listed under a series when it carried a value of it, even one it no longer holds (rolled
    back: the withdrawn values are kept as revisions); an unknown code says so."""
    from migmon.indicators.models import ObservationRevision
    from migmon.indicators.services import FileSource, release_import, release_rollback

    remittances = release_import(source=FileSource(data_dir / "sdg-indicators-open-sdg-eca/indicator_17-3-2.csv"))
    client.force_login(manager)

    def listed(**query) -> set[int]:
        html = client.get(reverse("publishing:releases"), query).content.decode()
        return {int(pk) for pk in re.findall(r'href="[^"]*/releases/(\d+)/"', html)}

    assert listed() == {published.pk, remittances.release.pk}
    assert listed(series="SM_DTH_MIGR") == {published.pk}
    assert listed(series="BX_TRF_PWKR") == {remittances.release.pk}
    assert listed(series="SM_DTH_MIGR", status="active") == {published.pk}

    release_rollback(release=published)
    assert not Observation.objects.filter(release=published).exists()
    assert ObservationRevision.objects.filter(release=published, series__code="SM_DTH_MIGR").exists()
    assert listed(series="SM_DTH_MIGR") == {published.pk}
    assert listed(series="SM_DTH_MIGR", status="active") == set()

    speaks(manager, "fr")
    refused = client.get(reverse("publishing:releases"), {"series": "NO_SUCH"}).content.decode()
    assert "Aucune série avec ce code." in refused
