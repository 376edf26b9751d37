"""Issued PDFs in the file storage: an S3-compatible bucket over real HTTP, the local folder,
the SHA-256 check on download, hostile names, and the migration of the bytes once kept in the
database.

The S3 endpoint is S3_TEST_ENDPOINT when set (.ci/run starts `moto_server` and exports it);
otherwise the session starts moto's server in a thread on a free port. Never skipped.
"""

import hashlib
import logging
import os
import re
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from campaign.settings import file_storage
from plans import printing
from plans.models import IssuedDocument
from plans.models.plan import issued_pdf_name

HOSTILE_NAMES = [
    "../escape.pdf",
    "issued/../../escape.pdf",
    "issued/2024/../../../escape.pdf",
    "/etc/passwd",
]
KEYS = {"S3_ACCESS_KEY_ID": "kiem-thu", "S3_SECRET_ACCESS_KEY": "kiem-thu-bi-mat"}


@pytest.fixture(scope="session")
def s3_endpoint():
    given = os.environ.get("S3_TEST_ENDPOINT", "").strip().rstrip("/")
    if given:
        yield given
        return
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh bucket (S3_PREFIX "kehoach") as the default storage, configured through the same
    function as the settings read from the environment."""
    name = f"kehoach-{uuid.uuid4().hex[:16]}"
    env = {"S3_BUCKET": name, "S3_ENDPOINT_URL": s3_endpoint, "S3_PREFIX": "kehoach", **KEYS}
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
        aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"],
    )  # fmt: skip
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(env, media_root=None)}
    return SimpleNamespace(name=name, client=client, endpoint=s3_endpoint)


def stored_object(bucket, issued):
    return bucket.client.get_object(Bucket=bucket.name, Key=f"kehoach/{issued.file.name}")


def download(client, plan, username="own_editor"):
    client.force_login(get_user_model().objects.get(username=username))
    return client.get(reverse("plans:download_pdf", args=[plan.pk]))


# S3-compatible endpoint ----------------------------------------------------------------------


def test_freezing_an_issued_plan_stores_its_pdf_in_the_bucket(plans, bucket):
    plan = plans["issued"]
    issued = printing.freeze_issued_pdf(plan)

    assert re.fullmatch(rf"issued/2024/{plan.pk}-{issued.sha256[:16]}\.pdf", issued.file.name)
    data = stored_object(bucket, issued)["Body"].read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == issued.sha256
    assert printing.freeze_issued_pdf(plan).pk == issued.pk  # idempotent
    listed = bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]
    assert [item["Key"] for item in listed] == [f"kehoach/{issued.file.name}"]


def test_the_download_serves_exactly_the_bytes_in_the_bucket(plans, bucket, client):
    plan = plans["issued"]
    issued = printing.freeze_issued_pdf(plan)
    kept = stored_object(bucket, issued)["Body"].read()
    plan.summary = "Sửa sau khi ban hành"  # the current rendering changes, the issued file not
    plan.save()

    response = download(client, plan)

    assert response.status_code == 200
    assert response.content == kept
    assert response["Content-Type"] == "application/pdf"


def test_an_issued_pdf_is_not_publicly_readable(plans, bucket):
    issued = printing.freeze_issued_pdf(plans["issued"])
    signed = issued.file.url  # what a URL would be if anything ever asked for one
    unsigned = signed.split("?", 1)[0]
    assert unsigned == f"{bucket.endpoint}/{bucket.name}/kehoach/{issued.file.name}"

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403
    # The same object with a signature is there: the refusal is the ACL, not a wrong address.
    with urllib.request.urlopen(signed, timeout=10) as response:
        assert hashlib.sha256(response.read()).hexdigest() == issued.sha256
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=f"kehoach/{issued.file.name}")
    assert not [g for g in grants["Grants"] if "AllUsers" in str(g["Grantee"].get("URI", ""))]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_cannot_leave_the_bucket_prefix(bucket, name):
    with pytest.raises(SuspiciousOperation):
        default_storage.save(name, ContentFile(b"%PDF-1.7 hostile"))
    with pytest.raises(SuspiciousOperation):
        default_storage.open(name)
    assert bucket.client.list_objects_v2(Bucket=bucket.name)["KeyCount"] == 0


def test_a_tampered_file_in_the_bucket_is_not_served(plans, bucket, client, caplog):
    plan = plans["issued"]
    issued = printing.freeze_issued_pdf(plan)
    bucket.client.put_object(
        Bucket=bucket.name, Key=f"kehoach/{issued.file.name}", Body=b"%PDF-1.7 another file"
    )

    with caplog.at_level(logging.ERROR, logger="plans.printing"):
        response = download(client, plan)

    assert response.status_code == 503
    assert b"another file" not in response.content
    assert "không khớp mã kiểm tra" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "plans.printing"]
    assert record.levelno == logging.CRITICAL
    assert issued.sha256 in record.getMessage() and str(plan.pk) in record.getMessage()


def test_a_file_missing_from_the_bucket_fails_the_download_loudly(plans, bucket, client, caplog):
    plan = plans["issued"]
    issued = printing.freeze_issued_pdf(plan)
    bucket.client.delete_object(Bucket=bucket.name, Key=f"kehoach/{issued.file.name}")

    with caplog.at_level(logging.ERROR, logger="plans.printing"):
        response = download(client, plan)

    assert response.status_code == 503
    assert "Không đọc được tệp PDF đã ban hành" in response.content.decode()
    assert any(r.levelno == logging.ERROR and issued.file.name in r.getMessage()
               for r in caplog.records)  # fmt: skip


# Local folder (the default) --------------------------------------------------------------------


def test_the_local_folder_keeps_the_file_and_refuses_a_changed_one(plans, client, caplog):
    plan = plans["issued"]
    issued = printing.freeze_issued_pdf(plan)
    path = default_storage.path(issued.file.name)
    assert path.endswith(f"/issued/2024/{plan.pk}-{issued.sha256[:16]}.pdf")
    with open(path, "rb") as kept:
        assert download(client, plan).content == kept.read()

    with open(path, "r+b") as kept:  # one byte flipped on disk
        kept.seek(100)
        byte = kept.read(1)
        kept.seek(100)
        kept.write(bytes([byte[0] ^ 0xFF]))
    with caplog.at_level(logging.ERROR, logger="plans.printing"):
        assert download(client, plan).status_code == 503
    assert any(r.levelno == logging.CRITICAL for r in caplog.records)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_cannot_leave_the_local_folder(db, name):
    with pytest.raises(SuspiciousOperation):
        default_storage.save(name, ContentFile(b"%PDF-1.7 hostile"))
    with pytest.raises(SuspiciousOperation):
        default_storage.open(name)


def test_an_issued_file_is_named_by_the_row_never_by_the_given_name(plans):
    plan = plans["issued"]
    data = b"%PDF-1.7 issued"
    issued = IssuedDocument(plan=plan, sha256=hashlib.sha256(data).hexdigest())
    issued.file.save("../../../etc/cron.d/evil.pdf", ContentFile(data), save=False)
    assert issued.file.name == f"issued/2024/{plan.pk}-{issued.sha256[:16]}.pdf"

    issued.sha256 = "../../etc/passwd"
    with pytest.raises(ValueError):
        issued_pdf_name(issued, "x.pdf")


def test_an_issued_file_has_no_route_of_its_own(plans, client):
    issued = printing.freeze_issued_pdf(plans["issued"])
    client.force_login(get_user_model().objects.get(username="own_editor"))
    for path in (f"/{issued.file.name}", f"/media/{issued.file.name}"):
        assert client.get(path).status_code == 404


def test_an_outsider_cannot_download_an_issued_file(plans, bucket, client):
    plan = plans["issued"]
    printing.freeze_issued_pdf(plan)
    assert download(client, plan, username="outsider").status_code == 404


# Migration of the bytes kept in the database ---------------------------------------------------

BEFORE = [("plans", "0006_issued_header")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_migrating_moves_a_kept_pdf_into_the_storage_and_back(plans):
    plan = plans["issued"]
    data = b"%PDF-1.7 issued before files were kept in the storage\n" + bytes(range(256))
    sha = hashlib.sha256(data).hexdigest()
    try:
        old_apps = migrate(BEFORE)
        OldIssued = old_apps.get_model("plans", "IssuedDocument")
        OldIssued.objects.create(plan_id=plan.pk, pdf=data, sha256=sha)

        migrate(None)
        issued = IssuedDocument.objects.get(plan=plan)
        assert issued.file.name == f"issued/2024/{plan.pk}-{sha[:16]}.pdf"
        with issued.file.open("rb") as stored:
            assert stored.read() == data
        assert printing.plan_file(plan, "pdf")[0] == data  # served, SHA-256 checked

        # Backwards: the bytes return to the column.
        old_apps = migrate(BEFORE)
        assert bytes(old_apps.get_model("plans", "IssuedDocument").objects.get().pdf) == data
    finally:
        migrate(None)
