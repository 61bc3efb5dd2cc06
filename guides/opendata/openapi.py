"""The OpenAPI 3.0 description of the open data API (api.py answers in the shapes of serialize.py)."""

from guides.choices import Audience


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, nullable=False):
    schema = {"type": "object", "required": list(properties), "properties": properties}
    if nullable:
        schema["nullable"] = True
    return schema


def array(items):
    return {"type": "array", "items": items}


STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
CHOICE = {"allOf": [ref("Choice")]}
NULLABLE_CHOICE = {"allOf": [ref("Choice")], "nullable": True}

SCHEMAS = {
    "Choice": obj({"code": STRING, "label": STRING}),
    "Error": obj({"error": STRING}),
    "DepartmentSummary": obj({"code": STRING, "name": STRING, "short_name": STRING}),
    "Department": obj(
        {
            "code": STRING,
            "name": STRING,
            "short_name": STRING,
            "enquiry_phone": STRING,
            "complaint_phone": STRING,
            "website": STRING,
            "address": STRING,
        }
    ),
    "GuideSummary": obj(
        {
            "item_code": STRING,
            "title": STRING,
            "summary": STRING,
            "url": STRING,
            "item_type": CHOICE,
            "audience": CHOICE,
            "department": ref("DepartmentSummary"),
            "online_level": CHOICE,
            "legal_limit_days": INTEGER,
            "legal_limit_unit": CHOICE,
            "legal_limit_text": STRING,
            "committed_limit_days": INTEGER,
            "committed_limit_unit": CHOICE,
            "committed_limit_text": STRING,
            "is_instant": BOOLEAN,
            "is_free": BOOLEAN,
            "last_published_at": {"type": "string", "format": "date-time", "nullable": True},
        }
    ),
    "Material": obj(
        {
            "name": STRING,
            "form": CHOICE,
            "medium": CHOICE,
            "copies": INTEGER,
            "requirement": CHOICE,
            "source": NULLABLE_CHOICE,
            "notes": STRING,
            "exempt_by_data_sharing": BOOLEAN,
            "pledge_allowed": BOOLEAN,
            "applies_to": array(STRING),
        }
    ),
    "Hall": obj(
        {
            "name": STRING,
            "address": STRING,
            "window": STRING,
            "phone": STRING,
            "opening_hours": array(STRING),
            "holiday_note": STRING,
        }
    ),
}
SCHEMAS["Guide"] = {
    "allOf": [
        ref("GuideSummary"),
        obj(
            {
                "colloquial_names": array(STRING),
                "legal_basis": STRING,
                "conditions": STRING,
                "limit_note": STRING,
                "fees": array(obj({"name": STRING, "standard": STRING, "basis": STRING})),
                "online_url": STRING,
                "visits_required": INTEGER,
                "appointment": BOOLEAN,
                "postal_delivery": BOOLEAN,
                "service_scope": CHOICE,
                "materials": array(ref("Material")),
                "steps": array(obj({"title": STRING, "description": STRING})),
                "halls": array(ref("Hall")),
                "phones": obj({"enquiry": STRING, "complaint": STRING}),
                "result": obj({"name": STRING, "delivery": STRING}),
                "faqs": array(obj({"question": STRING, "answer": STRING})),
                "last_reviewed": {"type": "string", "format": "date", "nullable": True},
                "next_review_due": {"type": "string", "format": "date", "nullable": True},
            }
        ),
    ]
}
SCHEMAS["GuidePage"] = obj(
    {
        "count": INTEGER,
        "page": INTEGER,
        "page_size": INTEGER,
        "next": NULLABLE_STRING,
        "previous": NULLABLE_STRING,
        "results": array(ref("GuideSummary")),
    }
)
SCHEMAS["DepartmentList"] = obj({"results": array(ref("Department"))})
SCHEMAS["Site"] = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "city": STRING,
        "base_url": STRING,
        "parent": {"type": "integer", "nullable": True},
        "guide_count": INTEGER,
    }
)
SCHEMAS["SiteList"] = obj({"results": array(ref("Site"))})
SCHEMAS["DepartmentWithGuides"] = {"allOf": [ref("Department"), obj({"guides": array(ref("GuideSummary"))})]}


def json_response(description, schema_name):
    return {"description": description, "content": {"application/json": {"schema": ref(schema_name)}}}


def query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def path_param(name, description):
    return {"name": name, "in": "path", "required": True, "description": description, "schema": STRING}


NOT_FOUND = json_response("不存在", "Error")
BAD_REQUEST = json_response("参数有误", "Error")

PATHS = {
    "/guides/": {
        "get": {
            "operationId": "listGuides",
            "summary": "办事指南列表（按事项编码排序，分页）",
            "parameters": [
                query("department", "部门代码", STRING),
                query("audience", "服务对象", {"type": "string", "enum": list(Audience.values)}),
                query("page", "页码，从 1 开始", {"type": "integer", "minimum": 1, "maximum": 100000}),
                query("page_size", "每页条数", {"type": "integer", "minimum": 1, "maximum": 100}),
            ],
            "responses": {
                "200": json_response("一页办事指南", "GuidePage"),
                "400": BAD_REQUEST,
                "404": json_response("页码超出范围", "Error"),
            },
        }
    },
    "/guides/{item_code}/": {
        "get": {
            "operationId": "getGuide",
            "summary": "一个办事指南的全部内容",
            "parameters": [path_param("item_code", "事项编码")],
            "responses": {"200": json_response("办事指南", "Guide"), "404": NOT_FOUND},
        }
    },
    "/departments/": {
        "get": {
            "operationId": "listDepartments",
            "summary": "全部实施部门",
            "responses": {"200": json_response("部门列表", "DepartmentList")},
        }
    },
    "/sites/": {
        "get": {
            "operationId": "listSites",
            "summary": "本系统的全部公开站点（名称、城市、公开地址、上级站点、办事指南数）",
            "parameters": [
                query(
                    "parent", "上级站点编号：只列它的下级站点", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
                )
            ],
            "responses": {"200": json_response("站点列表", "SiteList"), "400": BAD_REQUEST},
        }
    },
    "/departments/{code}/": {
        "get": {
            "operationId": "getDepartment",
            "summary": "一个部门及其办事指南",
            "parameters": [path_param("code", "部门代码")],
            "responses": {"200": json_response("部门", "DepartmentWithGuides"), "404": NOT_FOUND},
        }
    },
}


def document(base_url, site_name=""):
    """The OpenAPI document, with the site's own address and name."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{site_name}办事指南开放数据接口" if site_name else "办事指南开放数据接口",
            "version": "1.0.0",
            "description": "只读接口：已发布的办事指南与实施部门。全部数据也可在 /open-data/ 整体下载。",
        },
        "servers": [{"url": base_url}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
