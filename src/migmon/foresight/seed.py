"""The 2017 scenario set as it ships: only what seed 001 and the published summaries say, nothing more.

Seed 001 (``content/seeds/001_6312b0b94fe3e3c2.txt``, IOM's French page on the initiative) gives the title,
the partners (IOM, the Friedrich-Ebert-Stiftung and the Geneva NGO Global Futures), the period (2016–2017), the
method (four independent scenario teams of civil society participants, academics, migrants and others from
several regions, over 18 months, in workshops, webinars and interviews), the horizon (2030) and the warning that
the publication neither projects nor predicts the future nor reflects an "IOM vision". The four scenario names
and one-line premises, and "to be read whole, not a palette", are those of the published summaries (issue 14).
Narratives, assumptions, drivers and signposts are left for editors: none is invented here. English and Spanish
texts are our translations of the French; the scenario names stay as published.
"""

from __future__ import annotations

from migmon.foresight.choices import Method

SET_SLUG = "tomorrows-world-2030"
PUBLICATION_TITLE = "Tomorrow's World of Migration and Mobility"

SCENARIO_SET = {
    "slug": SET_SLUG,
    "title_fr": "Quel avenir pour les migrations internationales et la mobilité humaine ?",
    "title_en": "What future for international migration and human mobility?",
    "title_es": "¿Qué futuro para la migración internacional y la movilidad humana?",
    "focal_question_fr": "Quels scénarios de migration sont possibles d'ici 2030 ?",
    "focal_question_en": "Which migration scenarios are possible by 2030?",
    "focal_question_es": "¿Qué escenarios migratorios son posibles de aquí a 2030?",
    "approach_fr": (
        "Quatre équipes de scénarios indépendantes, composées de participants de la société civile, "
        "d'universitaires, de migrants et d'autres personnes de différentes régions du monde, ont examiné pendant "
        "18 mois les scénarios de migration possibles d'ici 2030, dans des ateliers, des webinaires et des "
        "entretiens avec des personnalités marquantes."
    ),
    "approach_en": (
        "Four independent scenario teams of civil society participants, academics, migrants and others from "
        "different regions of the world examined possible migration scenarios to 2030 over 18 months, in "
        "workshops, webinars and interviews with prominent figures."
    ),
    "approach_es": (
        "Cuatro equipos de escenarios independientes, formados por participantes de la sociedad civil, "
        "académicos, migrantes y otras personas de distintas regiones del mundo, examinaron durante 18 meses los "
        "escenarios migratorios posibles de aquí a 2030, en talleres, seminarios web y entrevistas con "
        "personalidades destacadas."
    ),
    "notice_fr": (
        "La publication « Tomorrow's World of Migration and Mobility » n'a pas pour but de projeter ou de prédire "
        "l'avenir, ni de refléter une « vision de l'OIM » concernant l'avenir. Les quatre scénarios se lisent "
        "ensemble, et non comme une palette où choisir."
    ),
    "notice_en": (
        "The publication “Tomorrow's World of Migration and Mobility” does not aim to project or predict the "
        "future, nor to reflect an “IOM vision” of the future. The four scenarios are to be read together, not "
        "as a palette to choose from."
    ),
    "notice_es": (
        "La publicación «Tomorrow's World of Migration and Mobility» no pretende proyectar ni predecir el futuro, "
        "ni reflejar una «visión de la OIM» sobre el futuro. Los cuatro escenarios se leen juntos, no como una "
        "paleta entre la que elegir."
    ),
    "horizon_year": 2030,
    "method": Method.INDEPENDENT_TEAMS.value,
    "period": "2016–2017",
    "partners": "OIM / IOM\nFriedrich-Ebert-Stiftung\nGlobal Futures (Genève / Geneva)",
    "live": True,
}

SCENARIOS = [
    {
        "slug": "my-country-first",
        "names": "My Country First!",
        "premise_fr": "Des frontières étendues, une mobilité réduite.",
        "premise_en": "Extensive borders, reduced mobility.",
        "premise_es": "Fronteras extensas, movilidad reducida.",
    },
    {
        "slug": "world-on-fire",
        "names": "World on Fire",
        "premise_fr": "L'effondrement des nations ; migrer pour survivre.",
        "premise_en": "The collapse of nations; migration for survival.",
        "premise_es": "El colapso de las naciones; migrar para sobrevivir.",
    },
    {
        "slug": "opening-roads",
        "names": "Opening Roads",
        "premise_fr": "Un développement inclusif et durable ; les bienfaits de la migration sont reconnus.",
        "premise_en": "Inclusive, sustainable development; the benefits of migration are recognised.",
        "premise_es": "Un desarrollo inclusivo y sostenible; se reconocen los beneficios de la migración.",
    },
    {
        "slug": "technopoly",
        "names": "Technopoly",
        "premise_fr": (
            "Un monde planifié et contrôlé par les technologies de l'information, qui a moins besoin de "
            "travailleurs migrants."
        ),
        "premise_en": "An IT-planned and controlled world with less need for migrant workers.",
        "premise_es": (
            "Un mundo planificado y controlado por las tecnologías de la información, con menos necesidad de "
            "trabajadores migrantes."
        ),
    },
]
