"""The site's page tree, declared once: the seed menu's labels placed in their hierarchy, with titles.

The seeds' menu is flattened text that does not say how deep every label sits, so the hierarchy (as the
seeds' README describes it) is written here and ``check_against_menu`` fails when a label of the menu is
missing from it or a label here is not in the menu. French titles are the menu labels (spelling fixed
where the menu dropped a hyphen); English and Spanish titles are our translations of those labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from migmon.content.seeding.parse import MenuEntry, SeedFormatError

LANGUAGES = ("fr", "en", "es")


@dataclass(frozen=True)
class Node:
    """A section of the tree: the label it has in the seed menu, its title per language, its children."""

    menu_label: str
    titles: dict[str, str]
    children: tuple[Node, ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _node(label: str, fr: str, en: str, es: str, *children: Node) -> Node:
    return Node(label, {"fr": fr, "en": en, "es": es}, children)


SITE_TREE: tuple[Node, ...] = (
    _node(
        "Qui sommes nous",
        "Qui sommes-nous",
        "Who we are",
        "Quiénes somos",
        _node(
            "Structure",
            "Structure",
            "Structure",
            "Estructura",
            _node(
                "Structure organisationnelle",
                "Structure organisationnelle",
                "Organizational structure",
                "Estructura organizativa",
            ),
            _node("Directrice générale", "Directrice générale", "Director General", "Directora General"),
            _node(
                "Directrice générale adjointe chargée de la gestion et des réformes",
                "Directrice générale adjointe chargée de la gestion et des réformes",
                "Deputy Director General for Management and Reform",
                "Directora General Adjunta de Gestión y Reforma",
            ),
            _node(
                "Directrice générale adjointe chargée des opérations",
                "Directrice générale adjointe chargée des opérations",
                "Deputy Director General for Operations",
                "Directora General Adjunta de Operaciones",
            ),
            _node(
                "Bureau du Chef de Cabinet",
                "Bureau du Chef de Cabinet",
                "Office of the Chief of Staff",
                "Oficina del Jefe de Gabinete",
            ),
            _node(
                "Bureau des partenariats, de la sensibilisation et de la communication",
                "Bureau des partenariats, de la sensibilisation et de la communication",
                "Office of Partnerships, Advocacy and Communications",
                "Oficina de Alianzas, Promoción y Comunicación",
            ),
            _node(
                "Bureau de la stratégie et de la performance institutionnelle",
                "Bureau de la stratégie et de la performance institutionnelle",
                "Office of Strategy and Institutional Performance",
                "Oficina de Estrategia y Desempeño Institucional",
            ),
        ),
    ),
    _node(
        "Notre travail",
        "Notre travail",
        "Our work",
        "Nuestro trabajo",
        _node("Ce que nous faisons", "Ce que nous faisons", "What we do", "Qué hacemos"),
    ),
    _node(
        "Partenariats",
        "Partenariats",
        "Partnerships",
        "Alianzas",
        _node("Où travaillons-nous", "Où travaillons-nous", "Where we work", "Dónde trabajamos"),
    ),
    _node(
        "Agir",
        "Agir",
        "Take action",
        "Actúe",
        _node("Travailler avec nous", "Travailler avec nous", "Work with us", "Trabaje con nosotros"),
        _node("Engagez-vous", "Engagez-vous", "Get involved", "Participe"),
    ),
    _node("Données et recherche", "Données et recherche", "Data and research", "Datos e investigación"),
    _node("2030 AGENDA", "2030 AGENDA", "2030 Agenda", "Agenda 2030"),
)

# Pages every language has besides the menu's sections (not in the menu; linked from header and footer).
HOME_TITLES = {"fr": "Accueil", "en": "Home", "es": "Inicio"}
NEWS_TITLES = {"fr": "Actualités", "en": "News", "es": "Noticias"}
EVENTS_TITLES = {"fr": "Événements", "en": "Events", "es": "Eventos"}


@dataclass(frozen=True)
class SeedRole:
    """What a seed file becomes and where it goes (``parent`` is a menu label of SITE_TREE)."""

    kind: str
    parent: str = ""
    section: str = ""
    title: str = ""


# The seeds' README lists what each file is; this is that table.
SEED_ROLES = {
    "000": SeedRole("section", section="2030 AGENDA"),
    "001": SeedRole("publication", parent="Données et recherche"),
    "002": SeedRole("news_event"),
    "003": SeedRole("news"),
    "004": SeedRole("timeline", parent="Qui sommes nous", title="Notre histoire"),
}
AGENDA_SECTION = "2030 AGENDA"
DATA_SECTION = "Données et recherche"


def all_nodes() -> list[Node]:
    return [node for top in SITE_TREE for node in top.walk()]


def check_against_menu(menu: list[MenuEntry]) -> None:
    """Fail when the seed menu and SITE_TREE disagree on the set of labels."""
    in_menu = {entry.label for entry in menu}
    in_tree = {node.menu_label for node in all_nodes()}
    if in_menu != in_tree:
        raise SeedFormatError(
            f"seed menu and site tree differ: only in menu {sorted(in_menu - in_tree)}, "
            f"only in tree {sorted(in_tree - in_menu)}"
        )
