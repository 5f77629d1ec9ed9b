"""PDF answers: printed once per version and language, at most N at once (across processes), limited per client.

The printer here is a stand-in that records its calls (what is under test is when printing happens, not what
WeasyPrint draws; the portal's and foresight's PDF tests print real documents through the same path).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from migmon.core import pdf_answers
from migmon.core.print_slots import NoSlotFree, print_slot

HOLD_TWO_SLOTS = """
import fcntl, os, sys
held = []
for index in (0, 1):
    fd = os.open(os.path.join(sys.argv[1], f"slot-{index}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    held.append(fd)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture(autouse=True)
def pdf_settings(settings, tmp_path):
    settings.MIGMON_PDF_SLOTS_DIR = tmp_path / "slots"
    settings.MIGMON_PDF_CONCURRENCY = 2
    settings.MIGMON_PDF_SLOT_WAIT = 5
    settings.MIGMON_PDF_RATE_LIMIT = "0"
    cache.clear()
    yield settings
    cache.clear()


class Printer:
    """Prints ``%PDF-<n>`` for its n-th call, taking ``seconds``; records how many print at once."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self) -> bytes:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            number = self.calls
        time.sleep(self.seconds)
        with self._lock:
            self.running -= 1
        return f"%PDF-{number}".encode()


def ask(printer: Printer, *, version: str = "v1", path: str = "/fr/data/countries/MLT/pdf/", address="10.0.0.1"):
    request = RequestFactory().get(path, REMOTE_ADDR=address)
    with translation.override(path.split("/")[1]):
        return pdf_answers.pdf_answer(request, version=version, filename="migmon-MLT-fr.pdf", print_pdf=printer)


def test_a_pdf_is_printed_once_per_version_and_language():
    printer = Printer()
    first, second = ask(printer), ask(printer)
    assert printer.calls == 1 and first.content == second.content == b"%PDF-1"
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == 'attachment; filename="migmon-MLT-fr.pdf"'
    assert ask(printer, version="v2").content == b"%PDF-2"  # a new data version or a publish prints anew
    assert ask(printer, path="/en/data/countries/MLT/pdf/").content == b"%PDF-3"  # each language its own
    assert ask(printer).content == b"%PDF-1" and printer.calls == 3


def test_no_more_pdfs_are_printed_at_once_than_the_setting_allows(pdf_settings):
    printer = Printer(seconds=0.3)
    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(ask(printer, version=f"v{n}").status_code)) for n in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 5 and printer.calls == 5
    assert printer.most_at_once == 2


@pytest.mark.django_db
def test_without_a_free_slot_in_time_the_answer_is_503_with_retry_after_in_the_page_s_language(pdf_settings):
    pdf_settings.MIGMON_PDF_SLOT_WAIT = 0.2
    printer = Printer()
    with print_slot(pdf_settings.MIGMON_PDF_SLOTS_DIR, 2, 0), print_slot(pdf_settings.MIGMON_PDF_SLOTS_DIR, 2, 0):
        busy = ask(printer)
    assert busy.status_code == 503 and busy["Retry-After"] == str(pdf_answers.BUSY_RETRY_SECONDS)
    assert busy["Cache-Control"] == "no-store" and printer.calls == 0
    page = busy.content.decode()
    assert "D’autres PDF sont en cours d’impression" in page and 'href="/fr/data/countries/MLT/"' in page
    assert ask(printer).status_code == 200 and printer.calls == 1  # the slots are free again


def test_slots_are_shared_with_other_processes(pdf_settings, tmp_path):
    slots = pdf_settings.MIGMON_PDF_SLOTS_DIR
    slots.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_TWO_SLOTS, str(slots)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(NoSlotFree), print_slot(slots, 2, 0.2):
            pass
    finally:
        holder.communicate("")  # the holder exits, and its slots with it
    with print_slot(slots, 2, 0):
        pass


@pytest.mark.django_db
def test_a_client_over_the_pdf_limit_gets_429_and_others_do_not(pdf_settings):
    pdf_settings.MIGMON_PDF_RATE_LIMIT = "2/60"
    printer = Printer()
    assert [ask(printer).status_code for _ in range(2)] == [200, 200]
    refused = ask(printer, path="/es/data/countries/MLT/pdf/")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert "Ha pedido muchos PDF en poco tiempo" in refused.content.decode()
    assert printer.calls == 1  # the refused request printed nothing
    assert ask(printer, address="10.0.0.2").status_code == 200
