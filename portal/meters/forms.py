from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.meters.models import Dataset, ImportBatch

ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet")
MAX_UPLOAD_BYTES = getattr(settings, "METER_UPLOAD_MAX_BYTES", 512 * 1024 * 1024)


def check_upload(upload: UploadedFile | None) -> UploadedFile:
    """The same file rules for the browser and the API."""
    if upload is None:
        raise forms.ValidationError(_("Choose a file."), code="required")
    if Path(upload.name or "").suffix.lower() not in ALLOWED_SUFFIXES:
        raise forms.ValidationError(_("Upload a CSV, XLSX or Parquet file."), code="file_type")
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("The file is larger than 512 MB."), code="file_size")
    if not upload.size:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    return upload


class ImportForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Data set"), choices=Dataset.choices)
    file = forms.FileField(label=_("File"), help_text=_("CSV (UTF-8 or GBK), XLSX or Parquet; see the file formats."))
    on_error = forms.ChoiceField(
        label=_("When rows are wrong"),
        choices=ImportBatch.OnError.choices,
        initial=ImportBatch.OnError.KEEP_GOOD,
        widget=forms.RadioSelect,
    )

    def clean_file(self) -> Any:
        return check_upload(self.cleaned_data.get("file"))
