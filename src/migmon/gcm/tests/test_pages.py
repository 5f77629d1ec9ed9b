"""The follow-up's pages: reachable from the data index and the country profile in fr/en/es, public pages show
published pledges only, the editors' screens need their permissions, and objective pages show each link's basis."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migmon.gcm import services
from migmon.gcm.models import Pledge
from migmon.gcm.tests.conftest import TEXT, pledge_values

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form_data(**changes):
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    data = {
        "title": "Fair recruitment of migrant workers",
        "text": TEXT,
        "pledge_type": "individual",
        "matched_pledge": "",
        "pledge_forms": ["policy"],
        "objectives": [str(GcmObjective.objects.get(number=6).pk)],
        "guiding_principles": ["human_rights"],
        "level": "national",
        "pledging_states": [str(Area.objects.get(iso3="MEX").pk)],
        "stakeholders": "",
        "partners": "",
        "start": "2024-01-01",
        "end": "2030-12-31",
        "metric": "Recruitment cost (SDG 10.7.1)",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_follow_up_is_reachable_by_links_from_the_data_index_and_the_country_profile(framework, language):
    client = Client()
    with translation.override(language):
        dashboard, profile = reverse("gcm:dashboard"), reverse("gcm:country_profile", args=["MEX"])
        assert f'href="{dashboard}"' in client.get(reverse("portal:data_index")).content.decode()
        assert f'href="{profile}"' in client.get(reverse("portal:country_profile", args=["MEX"])).content.decode()
        for url in (dashboard, reverse("gcm:pledges"), reverse("gcm:reviews"), profile):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}"' in response.content.decode()
        assert client.get(reverse("gcm:region_profile", args=["419"])).status_code == 200


def test_gcm_profiles_resolve_areas_as_the_migration_profiles_do(framework):
    """Kosovo has no ISO alpha-3 code: its GCM profile, like its migration profile, goes by its own code."""
    client = Client()
    kosovo = client.get("/fr/data/countries/XKX/gcm/")
    assert kosovo.status_code == 200
    assert 'href="/fr/data/countries/XKX/"' in kosovo.content.decode()
    assert "/None/" not in kosovo.content.decode()
    assert client.get("/fr/data/countries/mex/gcm/").status_code == 200
    assert client.get("/fr/data/countries/ZZZ/gcm/").status_code == 404
    assert client.get("/fr/data/regions/MEX/gcm/").status_code == 404
    assert client.get("/en/data/regions/002/gcm/").status_code == 200


def test_the_french_dashboard_is_in_french(framework):
    html = Client().get("/fr/data/gcm/follow-up/").content.decode()
    assert "Tableau de bord des engagements" in html and "Calendrier des examens" in html


@pytest.mark.parametrize("name", ["manage", "create", "import", "review_create"])
def test_anonymous_go_to_login_and_editors_are_refused(framework, roles, name):
    url = reverse(f"gcm:{name}")
    response = client_for(None).get(url)
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    assert client_for(roles["editor"]).get(url).status_code == 403
    assert client_for(roles["author"]).get(url).status_code == 200


def test_create_submit_and_publish_through_the_screens(framework, roles):
    author, reviewer = client_for(roles["author"]), client_for(roles["reviewer"])
    response = author.post(reverse("gcm:create"), form_data())
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and pledge.editorial == "draft"
    public_url = reverse("gcm:pledge", args=[pledge.public_id])
    assert Client().get(public_url).status_code == 404
    author.post(reverse("gcm:step", args=[pledge.pk, "submit"]))
    author.post(reverse("gcm:step", args=[pledge.pk, "publish"]))  # four eyes: refused
    pledge.refresh_from_db()
    assert pledge.editorial == "review"
    assert client_for(roles["clerk"]).post(reverse("gcm:step", args=[pledge.pk, "publish"])).status_code == 403
    reviewer.post(reverse("gcm:step", args=[pledge.pk, "publish"]))
    pledge.refresh_from_db()
    assert pledge.editorial == "published"
    assert "Fair recruitment" in Client().get(public_url).content.decode()
    profile = Client().get(reverse("gcm:country_profile", args=["MEX"])).content.decode()
    assert pledge.public_id in profile


def test_the_form_refuses_a_matching_pledge_without_an_id_and_a_short_text(framework, roles):
    response = client_for(roles["author"]).post(
        reverse("gcm:create"), form_data(pledge_type="matching", text="Too short.")
    )
    assert response.status_code == 200 and not Pledge.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {"matched_pledge", "text"}


def test_the_form_refuses_an_attachment_of_the_wrong_type(framework, roles, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 executable")
    response = client_for(roles["author"]).post(reverse("gcm:create"), {**form_data(), "attachment": upload})
    assert response.status_code == 200 and "attachment" in response.context["form"].errors
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n" + b"0" * 64)
    client_for(roles["author"]).post(reverse("gcm:create"), {**form_data(), "attachment": good})
    pledge = Pledge.objects.get()
    assert pledge.attachment.name.endswith(".pdf")
    url = reverse("gcm:attachment", args=[pledge.public_id])
    assert Client().get(url).status_code == 404  # a draft's file is not public
    services.step_submit(actor=roles["author"], subject=pledge)
    services.step_publish(actor=roles["reviewer"], subject=pledge)
    response = Client().get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


def test_steps_need_the_csrf_token(framework, roles):
    pledge = services.pledge_create(actor=roles["author"], values=pledge_values())
    client = Client(enforce_csrf_checks=True)
    client.force_login(roles["author"])
    assert client.post(reverse("gcm:step", args=[pledge.pk, "submit"])).status_code == 403


def test_status_updates_through_the_screen(framework, roles):
    pledge = services.pledge_create(actor=roles["author"], values=pledge_values())
    client_for(roles["author"]).post(
        reverse("gcm:status", args=[pledge.pk]),
        {"status": "in_progress", "date": "2025-05-01", "narrative": "Desk opened", "evidence": "Decree 12/2025"},
    )
    pledge.refresh_from_db()
    assert pledge.status == "in_progress" and pledge.updates.get().evidence == "Decree 12/2025"


def test_the_objective_page_shows_each_link_with_its_basis_specific_first(framework):
    html = Client().get("/en/data/gcm/20/").content.decode()
    assert "conformément à la cible 10.c" in html and "remittances are indicator 17.3.2" in html
    assert html.index('id="link-10.c"') < html.index('id="link-17.3"') < html.index('id="link-10.7"')
    assert "GCM-10.7" in html


def test_the_dashboard_shows_counts_of_published_pledges(framework, roles):
    for _ in range(2):
        pledge = services.pledge_create(actor=roles["author"], values=pledge_values())
        services.step_submit(actor=roles["author"], subject=pledge)
        services.step_publish(actor=roles["reviewer"], subject=pledge)
    services.pledge_create(actor=roles["author"], values=pledge_values())
    html = Client().get("/fr/data/gcm/follow-up/").content.decode()
    assert '<p class="big-figure">2</p>' in html and "100,0 %" in html


def test_the_gcm_profile_shows_the_latest_value_of_a_specifically_linked_indicator(framework, data_dir):
    """Objective 20 ↔ 17.3.2 (remittances, % of GDP): Kyrgyzstan's 2020 value is 31.31893 (data/…/PROVENANCE.md)."""
    from django.core.management import call_command

    from migmon.geo.models import Area
    from migmon.progress.selectors import forget_cached_table

    call_command("seed_progress_targets", verbosity=0)
    call_command("import_data", str(data_dir / "sdg-indicators-open-sdg-eca" / "indicator_17-3-2.csv"), verbosity=0)
    forget_cached_table()
    html = Client().get("/en/data/countries/KGZ/gcm/").content.decode()
    forget_cached_table()
    block = html[html.index('id="objective-20"') : html.index('id="objective-21"')]
    assert "17.3.2" in block
    assert "31.32" in block and "(2020)" in block
    assert "<polyline" in block  # the trend since 2000
    # The progress assessment's status for the indicator, as the progress pages word it.
    from migmon.progress.selectors import statuses_for
    from migmon.progress.statuses import LABELS

    status = statuses_for(Area.objects.get(iso3="KGZ"), ["17.3.2"])["17.3.2"].status
    forget_cached_table()
    with translation.override("en"):
        assert f'<span class="badge">Progress: {LABELS[status]}</span>' in block
    general = html[html.index('id="objective-3"') : html.index('id="objective-4"')]
    assert "BX_TRF_PWKR" not in general and "31.32" not in general  # not repeated under general links


def test_a_review_document_is_served_once_the_review_is_published(framework, roles, settings, tmp_path):
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    settings.MEDIA_ROOT = tmp_path
    review = services.review_create(
        actor=roles["author"],
        values={
            "area": Area.objects.get(iso3="MEX"),
            "year": 2025,
            "kind": "national",
            "title": "Voluntary national GCM review",
            "document_url": "",
            "document": SimpleUploadedFile("review.pdf", b"%PDF-1.7\n" + b"0" * 64),
            "objectives": list(GcmObjective.objects.filter(number=6)),
        },
    )
    url = reverse("gcm:review_document", args=[review.pk])
    assert Client().get(url).status_code == 404
    services.step_submit(actor=roles["author"], subject=review)
    services.step_publish(actor=roles["reviewer"], subject=review)
    assert Client().get(url).status_code == 200
    profile = Client().get(reverse("gcm:country_profile", args=["MEX"])).content.decode()
    assert url in profile and "Voluntary national GCM review" in profile
    assert url in Client().get(reverse("gcm:reviews")).content.decode()
