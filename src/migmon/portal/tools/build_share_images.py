"""Draw migmon's icons and its link-preview card from the header's brand mark, into ``static/migmon/share/``.

The mark is the one ``site.css`` paints with a conic gradient (``.brand-mark``): a disc whose right half is
navy, bottom-left quarter teal and top-left quarter light blue. ``favicon.svg`` is written as vector shapes;
the PNG and ICO files are drawn with Pillow (already installed by Wagtail) at four times their size and scaled
down, so their edges are smooth. The card (1200 × 630, the size link previews crop to) carries the mark, the
name and the tagline in each site language, so a page shared from /es/ previews in Spanish.

Run from the project root whenever the mark or the tagline changes::

    DJANGO_SETTINGS_MODULE=migmon.config.settings.dev .venv/bin/python -m migmon.portal.tools.build_share_images
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUTPUT = Path(__file__).resolve().parents[2] / "static" / "migmon" / "share"
NAVY = "#0b3a6e"
TEAL = "#00695c"
LIGHT_BLUE = "#3f8ed8"
SAND = "#f4f1ea"
INK = "#1c2430"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
FONT_REGULAR = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CARD_SIZE = (1200, 630)
ICON_SIZES = (16, 32, 48)
SUPERSAMPLE = 4

# The quarters of the disc as (colour, start, end) in Pillow's degrees (0 = three o'clock, clockwise); the CSS
# gradient's 0–50 % (twelve to six o'clock, clockwise) is Pillow's −90° to 90°.
QUARTERS = ((NAVY, -90, 90), (TEAL, 90, 180), (LIGHT_BLUE, 180, 270))

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<circle cx="32" cy="32" r="32" fill="{navy}"/>
<path d="M32 32V64A32 32 0 0 1 0 32Z" fill="{teal}"/>
<path d="M32 32H0A32 32 0 0 1 32 0Z" fill="{light_blue}"/>
</svg>
"""


def draw_mark(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    for colour, start, end in QUARTERS:
        draw.pieslice(box, start, end, fill=colour)


def mark(size: int) -> Image.Image:
    """The mark alone on a transparent square of ``size`` pixels."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw_mark(ImageDraw.Draw(image), (0, 0, big - 1, big - 1))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def card(tagline: str) -> Image.Image:
    """The link-preview card: sand background, the mark on the left, name and tagline on the right."""
    width, height = (side * 2 for side in CARD_SIZE)  # drawn at 2× and scaled down for smooth text and edges
    image = Image.new("RGB", (width, height), SAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 48, width, height), fill=NAVY)
    side = 520
    left, top = 160, (height - side) // 2 - 24
    draw_mark(draw, (left, top, left + side, top + side))
    text_left = left + side + 110
    draw.text((text_left, top + 60), "migmon", font=ImageFont.truetype(str(FONT), 230), fill=NAVY)
    tagline_font = ImageFont.truetype(str(FONT_REGULAR), 84)
    for line_number, line in enumerate(wrap(tagline, draw, tagline_font, width - text_left - 120)):
        draw.text((text_left, top + 370 + line_number * 110), line, font=tagline_font, fill=INK)
    return image.resize(CARD_SIZE, Image.Resampling.LANCZOS)


def wrap(text: str, draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, room: int) -> list[str]:
    """``text`` cut into lines no wider than ``room`` pixels, at spaces."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def taglines() -> dict[str, str]:
    """The header's tagline in each site language, from the translation catalogues."""
    import django
    from django.conf import settings
    from django.utils import translation

    django.setup()
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found[code] = translation.gettext("Migration in the 2030 Agenda")
    return found


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "favicon.svg").write_text(SVG.format(navy=NAVY, teal=TEAL, light_blue=LIGHT_BLUE), encoding="utf-8")
    mark(32).save(OUTPUT / "favicon-32.png", optimize=True)
    mark(180).save(OUTPUT / "apple-touch-icon.png", optimize=True)
    mark(max(ICON_SIZES)).save(OUTPUT / "favicon.ico", sizes=[(size, size) for size in ICON_SIZES])
    for code, tagline in taglines().items():
        card(tagline).save(OUTPUT / f"card-{code}.png", optimize=True)


if __name__ == "__main__":
    main()
