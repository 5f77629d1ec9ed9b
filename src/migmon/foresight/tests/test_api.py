"""/api/v1/scenarios: published sets only, strict parameters, states and history of signposts, ETag/304."""

from __future__ import annotations

from migmon.foresight import services
from migmon.foresight.tests.factories import signpost


def test_sets_list_answers_the_2017_set_in_three_languages(db, client, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    services.seed_scenario_set()
    response = client.get("/api/v1/scenarios")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["slug"] == "tomorrows-world-2030" and item["scenario_count"] == 4
    assert "predict" in item["notice"]["en"] and "prédire" in item["notice"]["fr"]
    again = client.get("/api/v1/scenarios", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_parameters_are_400(db, client, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    response = client.get("/api/v1/scenarios?colour=red")
    assert response.status_code == 400 and response.json()["parameter"] == "colour"


def test_set_detail_gives_signposts_with_states_and_the_signpost_its_history(deaths_data, client):
    item = signpost(areas=("GRC", "ESP", "DNK"))
    hidden = signpost(areas=("GRC",), live=False)
    services.record_states()
    detail = client.get("/api/v1/scenarios/tomorrows-world-2030").json()
    assert [s["slug"] for s in detail["scenarios"]][0] == "my-country-first"
    (answer,) = detail["signposts"]
    assert answer["id"] == item.pk and answer["rule"]["persistence"] == 2
    assert {s["subject"]: s["state"] for s in answer["states"]} == {"GRC": "on", "ESP": "off", "DNK": "insufficient"}
    one = client.get(f"/api/v1/scenarios/tomorrows-world-2030/signposts/{item.pk}").json()
    years = {h["year"]: h["state"] for h in one["history_by_year"]["GRC"]}
    assert years[2021] == "off" and years[2022] == "on"
    assert [h["state"] for h in one["history_by_release"]["GRC"]] == ["on"]
    trend = one["projection"]["GRC"]
    assert trend["method"] == "time_weighted_linear_trend" and trend["points"] == 9
    assert trend["years"][-1]["year"] == 2030 and trend["years"][-1]["low"] < trend["years"][-1]["high"]
    assert one["projection"]["DNK"]["refused"] == "too_few_points"
    missing = client.get(f"/api/v1/scenarios/tomorrows-world-2030/signposts/{hidden.pk}")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"


def test_an_unpublished_set_is_404(db, client, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    assert client.get("/api/v1/scenarios/tomorrows-world-2030").status_code == 404
