"""Writes of applications (each module one concern), re-exported here."""

from onevisit.applications.services.form import application_save_form, form_errors, form_schema
from onevisit.applications.services.materials import (
    application_commit,
    application_confirm_evidence,
    application_supply_later,
    application_upload,
)
from onevisit.applications.services.prefill import application_prefill, evidence_retry
from onevisit.applications.services.start import application_start
from onevisit.applications.services.submission import application_submit, material_summary

__all__ = [
    "application_commit", "application_confirm_evidence", "application_prefill", "application_save_form",
    "application_start", "application_submit", "application_supply_later", "application_upload", "evidence_retry",
    "form_errors", "form_schema", "material_summary",
]
