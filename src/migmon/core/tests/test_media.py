"""Uploaded images are served under /media/ (as under ``make run``), documents and other files are not."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PillowImage
from wagtail.images.models import Image


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 20), (0, 94, 184)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_uploaded_image_and_its_rendition_are_served(db, media_root):
    image = Image.objects.create(title="Logo", file=ImageFile(io.BytesIO(png_bytes()), name="logo.png"))
    rendition = image.get_rendition("width-20")
    client = Client()
    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert not response.get("Content-Disposition", "").startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_svg_is_sent_as_an_attachment_never_rendered(db, media_root):
    (media_root / "original_images").mkdir()
    (media_root / "original_images" / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    response = Client().get("/media/original_images/drawing.svg")
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"


@pytest.mark.parametrize(
    "path",
    ["/media/documents/report.pdf", "/media/../secret_key", "/media/original_images/../../secret_key", "/media/x"],
)
def test_documents_and_other_paths_are_not_served(db, media_root, path):
    (media_root / "documents").mkdir()
    (media_root / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 private")
    (media_root / "x").write_text("not a media folder")
    # Refused (400 for a path that climbs out, 404 otherwise; LocaleMiddleware may first redirect to /fr/…).
    assert Client().get(path, follow=True).status_code in {400, 404}


def test_only_safe_methods(db, media_root):
    assert Client().post("/media/original_images/logo.png").status_code == 405
