from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.imports.models import RecordImportBatch

ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx")


def check_upload(upload: UploadedFile | None) -> UploadedFile:
    """The same file rules for the browser and the API (the pipeline checks the size again)."""
    if upload is None:
        raise forms.ValidationError(_("Choose a file."), code="required")
    suffix = Path(upload.name or "").suffix.lower()
    if suffix == ".xls":
        raise forms.ValidationError(_("This is an old Excel (.xls) file: save it as XLSX or CSV."), code="file_type")
    if suffix not in ALLOWED_SUFFIXES:
        raise forms.ValidationError(_("Upload a CSV or XLSX file."), code="file_type")
    if not upload.size:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    if upload.size > settings.IMPORTS_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(max)s.") % {"max": filesizeformat(settings.IMPORTS_MAX_BYTES)},
            code="file_size",
        )
    return upload


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV (UTF-8 or GBK) or XLSX, with a header row."))
    on_error = forms.ChoiceField(
        label=_("When rows are wrong"),
        choices=RecordImportBatch.OnError.choices,
        initial=RecordImportBatch.OnError.KEEP_GOOD,
        widget=forms.RadioSelect,
        help_text=_("All or nothing: one wrong row and nothing is written. Otherwise the good rows are kept."),
    )

    def clean_file(self) -> Any:
        return check_upload(self.cleaned_data.get("file"))
