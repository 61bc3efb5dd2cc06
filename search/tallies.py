"""Counts that many processes add to at once, each batch in one INSERT … ON CONFLICT DO UPDATE statement.

Updating a count, creating its row when the update found none and updating again when another process created it
first costs up to three statements a row, and a batch doing that for several rows in one transaction deadlocks with
another process's batch that takes the same rows in another order (seen in benchmarks/load.py on PostgreSQL: two
gunicorn workers flushing their query logs). One statement over the rows sorted by key takes the rows' locks in the
same order in every process, and the database chooses between insert and update itself. SQLite (3.24 and later)
and PostgreSQL share the syntax; only the larger-of function has another name.
"""

from django.db import connections, router
from django.db.models import AutoField

LARGER = {"postgresql": "GREATEST", "sqlite": "MAX"}
ROWS_A_STATEMENT = 500  # SQLite takes at most 32,766 parameters a statement


def add(model, rows, key, added=(), larger=()):
    """Insert `rows` (dicts of field values, each `key` once); where a row with the same `key` fields exists, add
    the `added` fields to its own, keep the larger of each `larger` field and set the other fields given.

    Fields not given take their defaults on insert and are left alone on update."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    given = set().union(*rows)
    fields = [field for field in model._meta.concrete_fields if not isinstance(field, AutoField)]
    key_fields = [model._meta.get_field(name) for name in key]
    values = [
        [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
        for instance in (model(**row) for row in rows)
    ]
    positions = [fields.index(field) for field in key_fields]
    values.sort(key=lambda row: [row[position] for position in positions])  # every batch locks in one order

    table = quote(model._meta.db_table)
    updates = []
    for field in fields:
        if field in key_fields or not {field.name, field.attname} & given:
            continue
        column = quote(field.column)
        if field.name in added:
            updates.append(f"{column} = {table}.{column} + excluded.{column}")
        elif field.name in larger:
            updates.append(f"{column} = {LARGER[connection.vendor]}({table}.{column}, excluded.{column})")
        else:
            updates.append(f"{column} = excluded.{column}")
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(values), ROWS_A_STATEMENT):
            batch = values[start : start + ROWS_A_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(quote(field.column) for field in fields)})"  # noqa: S608 - names only
                f" VALUES {', '.join([placeholders] * len(batch))}"
                f" ON CONFLICT ({', '.join(quote(field.column) for field in key_fields)})"
                f" DO UPDATE SET {', '.join(updates)}",
                [value for row in batch for value in row],
            )
