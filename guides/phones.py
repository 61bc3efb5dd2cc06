"""A guide's enquiry and complaint phones (咨询电话 / 监督投诉电话), each falling back to its department's."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Phones:
    enquiry: str
    complaint: str


def effective_phones(guide, department):
    """A guide's own phones, each falling back to its department's when left blank."""
    return Phones(
        enquiry=(guide.enquiry_phone or "").strip() or (getattr(department, "enquiry_phone", "") or "").strip(),
        complaint=(guide.complaint_phone or "").strip() or (getattr(department, "complaint_phone", "") or "").strip(),
    )
