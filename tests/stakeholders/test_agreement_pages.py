"""Agreements: created with their parties and signed document; the document only through the
scoped download view."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.audit.models import ChangeRecord
from portal.stakeholders.models import Agreement
from tests.personas import World
from tests.stakeholders.records import Records


def _data(records: Records, **change: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "南港工业区水电气热报装协同协议",
        "programme": "alliance",
        "parties": [records.organisation.pk, records.partner_org.pk],
        "signed_on": "2021-03-15",
        "valid_until": "2023-03-14",
        "summary": "报装环节由22个压减至13个。",
        "document": SimpleUploadedFile("协议.pdf", b"%PDF-1.4 agreement", content_type="application/pdf"),
    }
    data.update(change)
    return data


def test_alice_creates_an_agreement_with_parties_and_a_document(
    alices: Records, world: World, alice_client: Client
) -> None:
    response = alice_client.post(reverse("stakeholders:agreement-create"), _data(alices))
    agreement = Agreement.objects.for_tenant(world.binhai).get(title="南港工业区水电气热报装协同协议")
    assert response["Location"] == reverse("stakeholders:agreement-detail", args=[agreement.pk])
    assert sorted(agreement.parties.values_list("pk", flat=True)) == sorted(
        [alices.organisation.pk, alices.partner_org.pk]
    )
    records = ChangeRecord.objects.for_tenant(world.binhai).filter(object_id=str(agreement.pk)).order_by("id")
    # The row itself, then its parties (a many-to-many change the row's snapshot cannot hold).
    assert [r.action for r in records] == ["create", "update"]
    assert records[1].before == {"parties": []}
    assert records[1].after == {"parties": sorted([alices.organisation.pk, alices.partner_org.pk])}
    download = alice_client.get(reverse("stakeholders:agreement-document", args=[agreement.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 agreement"  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]


def test_bob_downloads_the_document_but_charlie_gets_404(
    alices: Records, bob_client: Client, charlie_client: Client
) -> None:
    url = reverse("stakeholders:agreement-document", args=[alices.agreement.pk])
    assert b"".join(bob_client.get(url).streaming_content) == b"%PDF-1.4 signed"  # type: ignore[attr-defined]
    assert charlie_client.get(url).status_code == 404


def test_an_agreement_without_a_document_has_no_download(alices: Records, alice_client: Client) -> None:
    alices.agreement.document = ""
    alices.agreement.save()
    assert alice_client.get(reverse("stakeholders:agreement-document", args=[alices.agreement.pk])).status_code == 404


def test_editing_the_parties_records_them_before_and_after(alices: Records, world: World, alice_client: Client) -> None:
    data = _data(alices, title=alices.agreement.title, parties=[alices.partner_org.pk], signed_on="2020-03-01")
    del data["document"]
    data.update(valid_until="", summary="")
    response = alice_client.post(reverse("stakeholders:agreement-edit", args=[alices.agreement.pk]), data)
    assert response.status_code == 302
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.agreement.pk))
    assert record.before == {"parties": sorted([alices.organisation.pk, alices.partner_org.pk])}
    assert record.after == {"parties": [alices.partner_org.pk]}
    assert str(alices.agreement.document.name).endswith(".pdf")  # kept when no new file is sent


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "题" * 201}, "title"),
        ({"signed_on": "2021-02-30"}, "signed_on"),
        ({"signed_on": "yesterday"}, "signed_on"),
        ({"valid_until": "2021-03-14"}, "valid_until"),  # before it was signed
        ({"parties": []}, "parties"),
        ({"parties": ["x"]}, "parties"),
        ({"programme": "nowhere"}, "programme"),
        ({"document": SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")}, "document"),
    ],
)
def test_bad_input_on_the_agreement_form_is_refused_and_nothing_is_written(
    alices: Records, world: World, alice_client: Client, change: dict[str, object], field: str
) -> None:
    response = alice_client.post(reverse("stakeholders:agreement-create"), _data(alices, **change))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Agreement.objects.for_tenant(world.binhai).count() == 1
    assert not ChangeRecord.objects.all_tenants().exists()


def test_another_tenants_organisation_as_a_party_is_an_invalid_choice(
    alices: Records, charlies: Records, world: World, alice_client: Client
) -> None:
    data = _data(alices, parties=[alices.organisation.pk, charlies.organisation.pk])
    response = alice_client.post(reverse("stakeholders:agreement-create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["parties"]
    assert errors == [f"选择一个有效的选项。 {charlies.organisation.pk} 不在可用的选项中。"]
    assert Agreement.objects.for_tenant(world.binhai).count() == 1


def test_an_oversized_document_is_refused(alices: Records, alice_client: Client, settings: object) -> None:
    settings.ATTACHMENT_MAX_BYTES = 10  # type: ignore[attr-defined]
    response = alice_client.post(reverse("stakeholders:agreement-create"), _data(alices))
    assert list(response.context["form"].errors) == ["document"]


def test_the_list_filters_by_programme_party_and_signing_date(
    alices: Records, world: World, alice_client: Client
) -> None:
    url = reverse("stakeholders:agreement-list")
    link = reverse("stakeholders:agreement-detail", args=[alices.agreement.pk])

    def shown(query: dict[str, str]) -> bool:
        return link in alice_client.get(url, query).content.decode()

    assert shown({"programme": "alliance"})
    assert not shown({"programme": "charging"})
    assert shown({"party": str(alices.partner_org.pk)})
    assert shown({"signed_after": "2020-03-01", "signed_before": "2020-03-01"})
    assert not shown({"signed_after": "2020-03-02"})
