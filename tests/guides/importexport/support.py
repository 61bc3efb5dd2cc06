"""Helpers of the import/export tests: edit an export, count what an import writes, expect a refusal."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision

from guides.importexport import UPLOAD, ImportRefused, export_guides, import_guides
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


def refused_report(data, filename, limits=UPLOAD):
    """The report of an import refused at preview (a dry run): nothing may first fail at confirm."""
    with pytest.raises(ImportRefused) as refused:
        import_guides(data, filename, dry_run=True, limits=limits)
    return str(refused.value)


def upload(client, data, name):
    return client.post(reverse("guides_import"), {"file": SimpleUploadedFile(name, data)})


PLACES = ["东湖", "西山", "南屏", "北岸", "城东", "城西"]
MATTERS = ["渔船登记", "林木采伐审批", "古树名木迁移", "桥梁养护备案", "河道采砂许可"]


def new_guide_titles(count):
    """`count` distinct titles of new guides (at most 30): 东湖渔船登记, 东湖林木采伐审批, …"""
    return [place + matter for place in PLACES for matter in MATTERS][:count]


def with_new_guides(count, template=1):
    """The JSON export plus `count` new guides: copies of its guide number `template` (by default the `content`
    fixture's fully online one) under new item codes and titles."""

    def add(guides):
        for number, title in enumerate(new_guide_titles(count)):
            new = json.loads(json.dumps(guides[template]))
            new.update(item_code=f"11330100MB0000{number:03d}X4000333C{number:03d}", title=title, slug="")
            guides.append(new)

    return edited_json(add)
