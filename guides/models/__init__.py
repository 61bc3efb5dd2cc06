from .catalogue import CatalogueItem
from .editorial import DepartmentEditors, GuideUpdate
from .feedback import Feedback
from .guide import GuideFAQ, GuideFee, GuideHall, GuideMaterial, GuidePage, GuideStep
from .pages import CommitmentsPage, GuideIndexPage, HomePage, LifeEventItem, LifeEventPage, TopicPage
from .snippets import Department, Material, OpeningPeriod, ServiceHall

__all__ = [
    "CatalogueItem",
    "CommitmentsPage",
    "Department",
    "DepartmentEditors",
    "Feedback",
    "GuideFAQ",
    "GuideFee",
    "GuideHall",
    "GuideIndexPage",
    "GuideMaterial",
    "GuidePage",
    "GuideStep",
    "GuideUpdate",
    "HomePage",
    "LifeEventItem",
    "LifeEventPage",
    "Material",
    "OpeningPeriod",
    "ServiceHall",
    "TopicPage",
]
