"""Helpers of the import/export tests: edit an export, count what an import writes, expect a refusal."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision

from guides.importexport import ImportRefused, export_guides, import_guides
from guides.models import GuidePage, GuideUpdate


def counts():
    return Revision.objects.count(), GuideUpdate.objects.count(), GuidePage.objects.count()


def edited_json(change):
    document = json.loads(export_guides("json", GuidePage.objects.live()))
    change(document["guides"])
    return json.dumps(document, ensure_ascii=False).encode()


def csv_text():
    return export_guides("csv", GuidePage.objects.live()).decode("utf-8-sig")


def edited_csv(change):
    """The CSV export after `change(rows)`, each row a dict by header, in file order (row 2 is rows[0])."""
    lines = list(csv.reader(io.StringIO(csv_text())))
    header, rows = lines[0], [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    change(rows)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(header)
    writer.writerows([row[name] for name in header] for row in rows)
    return output.getvalue().encode()


def refused_report(data, filename):
    """The report of an import refused at preview (a dry run): nothing may first fail at confirm."""
    with pytest.raises(ImportRefused) as refused:
        import_guides(data, filename, dry_run=True)
    return str(refused.value)


def upload(client, data, name):
    return client.post(reverse("guides_import"), {"file": SimpleUploadedFile(name, data)})
