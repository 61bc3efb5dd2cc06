"""A guide as the implementation list carries it: canonical values per column, with its material and fee rows.

`record_of` reads a saved guide; parse.py builds records from a file. Two records with equal `content` mean
the same thing, which is how an import knows that a guide is unchanged.
"""

from dataclasses import dataclass, field

from .columns import FEE_COLUMNS, GUIDE_COLUMNS, MATERIAL_COLUMNS, canonical, halls_text, situations_text, steps_text


@dataclass
class GuideRecord:
    fields: dict
    materials: list = field(default_factory=list)
    fees: list = field(default_factory=list)
    location: str = ""
    material_locations: list = field(default_factory=list)
    fee_locations: list = field(default_factory=list)
    complete: bool = True

    @property
    def item_code(self):
        return self.fields.get("item_code", "")

    @property
    def content(self):
        return self.fields, self.materials, self.fees


def _row(instance, columns, **values):
    return {
        column.key: canonical(column, values[column.key] if column.key in values else getattr(instance, column.key))
        for column in columns
        if column.key != "guide"
    }


def record_of(page):
    """The record of a saved guide, as an export writes it."""
    questions = [(question.text.strip(), list(question.options)) for question in page.situation_questions]
    return GuideRecord(
        fields=_row(
            page,
            GUIDE_COLUMNS,
            department=page.department.name,
            catalogue_item=page.catalogue_item.code if page.catalogue_item_id else "",
            situations=situations_text(questions),
            steps=steps_text([(step.title, step.description) for step in page.steps.all()]),
            halls=halls_text([(place.hall.name, place.window) for place in page.halls.all()]),
        ),
        materials=[
            _row(row, MATERIAL_COLUMNS, material=row.material.name if row.material_id else "")
            for row in page.materials.all()
        ],
        fees=[_row(fee, FEE_COLUMNS) for fee in page.fees.all()],
    )
