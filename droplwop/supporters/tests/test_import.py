import csv
import io
import os
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from droplwop.supporters import import_run, import_write, importing, services
from droplwop.supporters.models import (
    Activity,
    ImportJob,
    ImportStatus,
    Subscription,
    SubscriptionStatus,
    Supporter,
)

pytestmark = pytest.mark.django_db

AN_HEADER = [
    "uuid", "first_name", "last_name", "email", "can2_phone", "can2_user_address",
    "can2_user_city", "can2_state_abbreviated", "zip_code", "country", "can2_user_tags",
    "can2_subscription_status", "can2_sms_status",
]  # fmt: skip


def an_csv(rows, *, encoding="utf-8", header=AN_HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode(encoding)


def upload(client, content: bytes, name="export.csv", **extra):
    return client.post(
        "/admin/supporters/imports/",
        {"file": SimpleUploadedFile(name, content, "text/csv"), **extra},
    )


def run_through_admin(client, content, capture, *, email_list=None, mapping=None):
    response = upload(client, content, **({"email_list": email_list.pk} if email_list else {}))
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.latest("pk")
    data = mapping if mapping is not None else dict(job.mapping)
    with capture(execute=True):
        response = client.post(f"/admin/supporters/imports/{job.pk}/columns/", data)
    assert response.status_code == 302
    job.refresh_from_db()
    return job


@pytest.fixture
def staff(client, organizer):
    client.force_login(organizer)
    return client


def test_action_network_export_preview_then_run(staff, lists, django_capture_on_commit_callbacks):
    known, _ = services.find_or_create_supporter(email="known@example.org", first_name="Kept")
    services.subscribe(
        supporter=known,
        email_list=lists["updates"],
        source="form",
        consent_text="y",
        confirmed=True,
    )
    content = an_csv(
        [
            {"uuid": "an-1", "first_name": "Dee", "last_name": "Ray", "email": "Dee@Example.org",
             "zip_code": "2134", "can2_user_tags": "organizer, family member",
             "can2_subscription_status": "subscribed", "can2_phone": "617-555-0101"},
            {"email": "KNOWN@example.org", "first_name": "Changed", "can2_user_city": "Fresno",
             "can2_subscription_status": "unsubscribed"},
            {"email": "gone@example.org", "can2_subscription_status": "bouncing"},
            {"email": "not-an-address"},
            {"email": "dee@example.org", "first_name": "Again"},
            {"email": "evil@example.org", "first_name": "=HYPERLINK(\"http://x\")"},
        ]
    )  # fmt: skip
    job = run_through_admin(
        staff, content, django_capture_on_commit_callbacks, email_list=lists["updates"]
    )
    assert job.status == ImportStatus.PREVIEWED
    assert (job.preview["new"], job.preview["updated"], job.preview["invalid"]) == (2, 1, 3)
    page = staff.get(f"/admin/supporters/imports/{job.pk}/").content.decode()
    assert "not a valid email address" in page
    assert "appears earlier in the file" in page
    assert "spreadsheet formula" in page
    assert not Supporter.objects.filter(email="dee@example.org").exists()

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/supporters/imports/{job.pk}/start/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.new_count, job.updated_count, job.invalid_count) == (2, 1, 3)
    dee = Supporter.objects.get(email="dee@example.org")
    assert (dee.zip_code, dee.action_network_id, dee.phone) == ("02134", "an-1", "617-555-0101")
    assert sorted(dee.tags.values_list("name", flat=True)) == ["family member", "organizer"]
    known.refresh_from_db()
    assert (known.first_name, known.city) == ("Kept", "Fresno")
    status = dict(
        Subscription.objects.filter(email_list=lists["updates"]).values_list(
            "supporter__email", "status"
        )
    )
    assert status == {
        "dee@example.org": SubscriptionStatus.SUBSCRIBED,
        "known@example.org": SubscriptionStatus.UNSUBSCRIBED,
        "gone@example.org": SubscriptionStatus.BOUNCED,
    }
    report = b"".join(staff.get(f"/admin/supporters/imports/{job.pk}/errors.csv").streaming_content)
    lines = report.decode("utf-8-sig").splitlines()
    assert lines[0] == "line,email,reason" and len(lines) == 4
    # Each list change the file made is a line on that person's timeline.
    imported = {
        a.supporter.email: a
        for a in Activity.objects.filter(kind="supporters.imported").select_related("supporter")
    }
    assert set(imported) == set(status)
    assert imported["known@example.org"].data["status"] == SubscriptionStatus.UNSUBSCRIBED
    assert "import of" in imported["dee@example.org"].summary
    assert (
        staff.get(f"/admin/supporters_people/inspect/{known.pk}/")
        .content.decode()
        .count("import of")
        == 1
    )


def test_unsubscribed_person_is_never_resubscribed_by_a_file(
    staff, lists, django_capture_on_commit_callbacks
):
    person, _ = services.find_or_create_supporter(email="out@example.org")
    services.subscribe(
        supporter=person, email_list=lists["updates"], source="x", consent_text="y", confirmed=True
    )
    services.unsubscribe(supporter=person, email_list=lists["updates"], source="x")
    job = run_through_admin(
        staff,
        an_csv([{"email": "out@example.org", "can2_subscription_status": "subscribed"}]),
        django_capture_on_commit_callbacks,
        email_list=lists["updates"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/supporters/imports/{job.pk}/start/")
    assert Subscription.objects.get(supporter=person).status == SubscriptionStatus.UNSUBSCRIBED


def test_latin1_and_bom_files_are_read(staff, django_capture_on_commit_callbacks):
    latin = "email,first_name,last_name\nnunez@example.org,Iñés,Núñez\n".encode("latin-1")
    job = run_through_admin(staff, latin, django_capture_on_commit_callbacks)
    assert job.encoding == "windows-1252" and job.preview["new"] == 1
    bom = "\ufeffEmail,First Name,ZIP\nbom@example.org,Zoë,02134\n".encode()
    job = run_through_admin(staff, bom, django_capture_on_commit_callbacks)
    assert job.mapping == {"email": "Email", "first_name": "First Name", "zip_code": "ZIP"}
    assert job.preview["new"] == 1


def test_any_csv_with_a_column_mapping(staff, django_capture_on_commit_callbacks):
    content = b"Correo,Nombre,Idioma\nana@example.org,Ana,es\n"
    response = upload(staff, content)
    job = ImportJob.objects.latest("pk")
    assert job.mapping == {}
    response = staff.post(f"/admin/supporters/imports/{job.pk}/columns/", {"first_name": "Nombre"})
    assert response.status_code == 400
    assert "No column holds email addresses" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/supporters/imports/{job.pk}/columns/",
            {"email": "Correo", "first_name": "Nombre", "language": "Idioma"},
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/supporters/imports/{job.pk}/start/")
    ana = Supporter.objects.get(email="ana@example.org")
    assert (ana.first_name, ana.preferred_language) == ("Ana", "es")


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (os.urandom(64) + b"\x00" + os.urandom(64), "binary"),
        (b"\n\n\n", "empty"),
        (b"first_name,last_name\nZebulon,Quux\n", None),
    ],
)
def test_unusable_files_get_a_clear_message_and_store_nothing(staff, content, message):
    before = ImportJob.objects.count()
    response = upload(staff, content)
    if message is None:
        job = ImportJob.objects.latest("pk")
        response = staff.post(f"/admin/supporters/imports/{job.pk}/columns/", {})
        assert response.status_code == 400
        assert "No column holds email addresses" in response.content.decode()
    else:
        assert response.status_code == 400
        assert message in response.content.decode()
        assert ImportJob.objects.count() == before
    assert not Supporter.objects.filter(first_name="Zebulon").exists()


def test_ten_megabytes_of_garbage(staff):
    rng = random.Random(1)
    garbage = "".join(rng.choice("abc,;\"'\n\t=+@ é") for _ in range(10 * 1024 * 1024)).encode()
    response = upload(staff, garbage)
    # It is a CSV of sorts, so it is taken; no column of it holds email addresses.
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    response = staff.post(f"/admin/supporters/imports/{job.pk}/columns/", {})
    assert response.status_code == 400
    assert "No column holds email addresses" in response.content.decode()


def test_too_big_file_is_refused(staff):
    response = upload(staff, b"email\n" + b"a@example.org\n" * (importing.MAX_BYTES // 14 + 10))
    assert response.status_code == 400
    assert "20 MB" in response.content.decode()


def test_failed_run_resumes_without_importing_twice(
    staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(import_write, "CHUNK", 2)
    rows = [{"email": f"resume-{n}@example.org", "first_name": f"R{n}"} for n in range(7)]
    job = run_through_admin(staff, an_csv(rows), django_capture_on_commit_callbacks)
    real = import_run._write_batch
    calls = {"n": 0}

    def flaky(job, batch, tag_cache):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return real(job, batch, tag_cache)

    monkeypatch.setattr(import_run, "_write_batch", flaky)
    importing.start_import(job=job, actor=None)
    with pytest.raises(RuntimeError):
        importing.run_import(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.processed_rows == 4
    assert Supporter.objects.filter(email__startswith="resume-").count() == 4
    page = staff.get(f"/admin/supporters/imports/{job.pk}/").content.decode()
    assert "Resume the import" in page
    job = importing.run_import(job_id=job.pk)
    assert job.status == ImportStatus.DONE
    assert (job.new_count, job.updated_count) == (7, 0)
    assert Supporter.objects.filter(email__startswith="resume-").count() == 7


def test_export_is_guarded_against_formulas(staff, lists):
    person, _ = services.find_or_create_supporter(email="f@example.org", first_name="=1+2")
    services.subscribe(
        supporter=person, email_list=lists["updates"], source="x", consent_text="y", confirmed=True
    )
    response = staff.get(
        "/admin/supporters/export/", {"email_list": lists["updates"].pk, "go": "1"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "f@example.org,'=1+2" in text
