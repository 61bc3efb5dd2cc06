"""Demo content for a fictional prefecture-level city, 临江市: plain data modules and a generic loader.

`python manage.py load_demo` runs `guides.demo.loader.load`. Every data row uses model field names as keys;
a foreign key or page reference is written as the related object's natural key (Department.code,
ServiceHall.name, Material.name, a page's title).
"""
