"""Conformance: Plane's official Python SDK (plane-sdk on PyPI, written by Plane) against the
Plane Inline sandbox. If the sandbox answers these calls the way the SDK expects, its paths,
shapes and status codes match Plane's.

Needs a running sandbox with the demo seed:
    SANDBOX_URL=http://127.0.0.1:PORT SANDBOX_API_KEY=plane_api_... python -m pytest tests/sdk-python
"""

import os

import pytest
from plane import PlaneClient
from plane.errors.errors import HttpError
from plane.models.enums import PropertyType, RelationType
from plane.models.query_params import PaginatedQueryParams, WorkItemQueryParams
from plane.models.work_item_properties import (
    CreateWorkItemProperty,
    CreateWorkItemPropertyOption,
    CreateWorkItemPropertyValue,
    UpdateWorkItemProperty,
    UpdateWorkItemPropertyOption,
)
from plane.models.work_item_property_configurations import TextAttributeSettings
from plane.models.work_item_types import CreateWorkItemType, UpdateWorkItemType

SLUG = "demo"
BASE_URL = os.environ.get("SANDBOX_URL")
API_KEY = os.environ.get("SANDBOX_API_KEY")

if not BASE_URL or not API_KEY:
    raise RuntimeError("set SANDBOX_URL and SANDBOX_API_KEY to a running sandbox")


def failure(call, *args):
    """The SDK's HttpError for a call that must fail."""
    with pytest.raises(HttpError) as raised:
        call(*args)
    return raised.value


@pytest.fixture(scope="module")
def client():
    return PlaneClient(base_url=BASE_URL, api_key=API_KEY)


@pytest.fixture(scope="module")
def demo(client):
    page = client.projects.list(SLUG, PaginatedQueryParams(per_page=100))
    project = next(p for p in page.results if p.identifier == "DEMO")
    types = client.work_item_types.list(SLUG, project.id)
    default_type = next(t for t in types if t.is_default)
    properties = client.work_item_properties.list(SLUG, project.id, default_type.id)
    return {
        "project": project,
        "type": default_type,
        "properties": {p.name: p for p in properties},
        "members": client.workspaces.get_members(SLUG),
    }


def test_current_user_and_projects(client, demo):
    me = client.users.get_me()
    assert me.email == "priya.patel@example.com"
    page = client.projects.list(SLUG)
    assert [p.identifier for p in page.results] == ["DEMO", "OPS", "DOCS", "SHIP"]
    assert page.total_count == 4
    assert page.next_page_results is False
    project = client.projects.retrieve(SLUG, demo["project"].id)
    assert project.name == "Demo"
    assert project.identifier == "DEMO"


def test_workspace_and_project_members(client, demo):
    emails = [m.email for m in demo["members"]]
    assert "lee.chen@example.com" in emails
    assert all(isinstance(m.role, int) for m in demo["members"])
    project_members = client.projects.get_members(SLUG, demo["project"].id)
    assert project_members, "the demo project has members"
    assert {m.id for m in project_members} <= {m.id for m in demo["members"]}
    assert all(m.role in (5, 15, 20) for m in project_members)
    missing = failure(
        client.projects.get_members, SLUG, "00000000-0000-4000-8000-000000000000"
    )
    assert missing.status_code == 404


def test_work_items_by_identifier_and_id(client, demo):
    item = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 12)
    assert item.sequence_id == 12
    assert item.project == demo["project"].id
    assert item.type_id == demo["type"].id
    same = client.work_items.retrieve(SLUG, demo["project"].id, item.id)
    assert same.id == item.id
    assert same.name == item.name
    missing = failure(client.work_items.retrieve_by_identifier, SLUG, "DEMO", 9999)
    assert missing.status_code == 404


def test_work_items_paginate_to_the_end(client, demo):
    seen = []
    cursor = None
    pages = 0
    while True:
        page = client.work_items.list(
            SLUG, demo["project"].id, WorkItemQueryParams(per_page=40, cursor=cursor)
        )
        pages += 1
        seen.extend(item.id for item in page.results)
        assert page.total_count == 250
        if not page.next_page_results:
            break
        cursor = page.next_cursor
    assert pages == 7
    assert len(seen) == 250
    assert len(set(seen)) == 250


def test_type_round_trip(client, demo):
    project_id = demo["project"].id
    created = client.work_item_types.create(
        SLUG,
        project_id,
        CreateWorkItemType(
            name="Bug", description="Something broke", external_source="jira", external_id="T-1"
        ),
    )
    assert created.name == "Bug"
    assert created.description == "Something broke"
    assert created.is_default is False
    assert created.is_active is True
    read = client.work_item_types.retrieve(SLUG, project_id, created.id)
    assert read.project_ids == [project_id]
    assert (read.name, read.external_source, read.external_id) == ("Bug", "jira", "T-1")
    assert created.id in [t.id for t in client.work_item_types.list(SLUG, project_id)]
    duplicate = failure(
        client.work_item_types.create,
        SLUG,
        project_id,
        CreateWorkItemType(name="Bug again", external_source="jira", external_id="T-1"),
    )
    assert duplicate.status_code == 409
    assert duplicate.response["id"] == created.id
    updated = client.work_item_types.update(
        SLUG, project_id, created.id, UpdateWorkItemType(name="Defect", is_active=False)
    )
    assert (updated.name, updated.is_active) == ("Defect", False)
    assert client.work_item_types.retrieve(SLUG, project_id, created.id).name == "Defect"
    assert client.work_item_types.delete(SLUG, project_id, created.id) is None
    gone = failure(client.work_item_types.retrieve, SLUG, project_id, created.id)
    assert gone.status_code == 404
    assert gone.response == {"error": "The requested resource does not exist."}
    default = failure(client.work_item_types.delete, SLUG, project_id, demo["type"].id)
    assert default.status_code == 400


def test_property_and_option_round_trip(client, demo):
    project_id = demo["project"].id
    bug = client.work_item_types.create(SLUG, project_id, CreateWorkItemType(name="Incident"))
    properties = client.work_item_properties
    text = properties.create(
        SLUG,
        project_id,
        bug.id,
        CreateWorkItemProperty(
            display_name="Root Cause",
            property_type=PropertyType.TEXT,
            settings=TextAttributeSettings(display_format="multi-line"),
            is_required=False,
        ),
    )
    assert text.name == "root-cause"
    assert text.property_type == PropertyType.TEXT
    assert text.issue_type == bug.id
    assert text.options == []
    renamed = properties.update(
        SLUG, project_id, bug.id, text.id, UpdateWorkItemProperty(display_name="Cause")
    )
    assert (renamed.name, renamed.display_name) == ("cause", "Cause")
    assert properties.retrieve(SLUG, project_id, bug.id, text.id).display_name == "Cause"
    assert properties.retrieve_project(SLUG, project_id, text.id).id == text.id

    impact = properties.create(
        SLUG,
        project_id,
        bug.id,
        CreateWorkItemProperty(
            display_name="Impact",
            property_type=PropertyType.OPTION,
            options=[
                CreateWorkItemPropertyOption(name="Small"),
                CreateWorkItemPropertyOption(name="Large", is_default=True),
            ],
        ),
    )
    options = properties.options
    assert [o.name for o in options.list(SLUG, project_id, impact.id)] == ["Small", "Large"]
    huge = options.create(
        SLUG, project_id, impact.id, CreateWorkItemPropertyOption(name="Huge", description="!")
    )
    assert (huge.name, huge.property) == ("Huge", impact.id)
    changed = options.update(
        SLUG, project_id, impact.id, huge.id, UpdateWorkItemPropertyOption(name="Enormous")
    )
    assert changed.name == "Enormous"
    assert options.retrieve(SLUG, project_id, impact.id, huge.id).name == "Enormous"
    duplicate = failure(
        options.create, SLUG, project_id, impact.id, CreateWorkItemPropertyOption(name="Small")
    )
    assert duplicate.status_code == 400
    not_option = failure(
        options.create, SLUG, project_id, text.id, CreateWorkItemPropertyOption(name="X")
    )
    assert not_option.status_code == 400
    assert options.delete(SLUG, project_id, impact.id, huge.id) is None
    assert [o.name for o in options.list(SLUG, project_id, impact.id)] == ["Small", "Large"]

    listed = properties.list(SLUG, project_id, bug.id)
    assert [p.id for p in listed] == [text.id, impact.id]
    assert properties.delete(SLUG, project_id, bug.id, text.id) is None
    gone = failure(properties.retrieve, SLUG, project_id, bug.id, text.id)
    assert gone.status_code == 404
    client.work_item_types.delete(SLUG, project_id, bug.id)
    assert failure(options.list, SLUG, project_id, impact.id).status_code == 404


def test_project_property_attached_and_detached(client, demo):
    project_id = demo["project"].id
    properties = client.work_item_properties
    tier = properties.create_project(
        SLUG,
        project_id,
        CreateWorkItemProperty(
            display_name="Customer Tier",
            property_type=PropertyType.OPTION,
            options=[CreateWorkItemPropertyOption(name="Gold")],
        ),
    )
    assert (tier.name, tier.issue_type, tier.project) == ("customer-tier", None, project_id)
    assert properties.retrieve_project(SLUG, project_id, tier.id).display_name == "Customer Tier"
    changed = properties.update_project(
        SLUG, project_id, tier.id, UpdateWorkItemProperty(display_name="Tier")
    )
    assert changed.name == "tier"
    assert tier.id in [p.id for p in properties.list_project(SLUG, project_id)]

    type_id = demo["type"].id
    assert properties.attach_to_type(SLUG, project_id, type_id, [tier.id]) == [tier.id]
    assert properties.retrieve(SLUG, project_id, type_id, tier.id).issue_type == type_id
    gold = properties.options.list(SLUG, project_id, tier.id)[0]
    item = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 244)
    value = properties.values.create(
        SLUG, project_id, item.id, tier.id, CreateWorkItemPropertyValue(value=gold.id)
    )
    assert value.value == gold.id

    assert properties.detach_from_type(SLUG, project_id, type_id, tier.id) is None
    assert tier.id not in [p.id for p in properties.list(SLUG, project_id, type_id)]
    assert properties.retrieve_project(SLUG, project_id, tier.id).issue_type is None
    assert properties.delete_project(SLUG, project_id, tier.id) is None
    gone = failure(properties.retrieve_project, SLUG, project_id, tier.id)
    assert gone.status_code == 404
    gone = failure(properties.values.retrieve, SLUG, project_id, item.id, tier.id)
    assert gone.status_code == 404


def _options(client, demo, name):
    return client.work_item_properties.options.list(
        SLUG, demo["project"].id, demo["properties"][name].id
    )


def test_values_of_each_kind_round_trip(client, demo):
    project_id = demo["project"].id
    values = client.work_item_properties.values
    item = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 241)
    other = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 7)
    member = next(m for m in demo["members"] if m.email == "lee.chen@example.com")
    high = next(o for o in _options(client, demo, "severity") if o.name == "High")
    web, ios = _options(client, demo, "platforms")[:2]
    cases = [
        ("summary", "Written by the Python SDK", "Written by the Python SDK"),
        ("notes", "Two\nlines", "Two\nlines"),
        ("story-points", 8, 8.0),
        ("story-points", 2.5, 2.5),
        ("customer-facing", True, True),
        ("customer-facing", False, False),
        ("due-date", "2026-04-01", "2026-04-01"),
        ("due-date", "2026-04-01 13:45:00", "2026-04-01"),
        ("severity", high.id, high.id),
        ("severity", high.id.upper(), high.id),
        ("platforms", [web.id, ios.id], sorted([web.id, ios.id])),
        ("reviewer", member.id, member.id),
        ("watchers", [member.id], [member.id]),
        ("duplicate-of", other.id, other.id),
        ("spec-link", "https://example.com/python", "https://example.com/python"),
        ("contact-email", "python@example.com", "python@example.com"),
        ("attachment", "python-file.pdf", "python-file.pdf"),
    ]
    for name, value, stored in cases:
        prop = demo["properties"][name]
        try:
            values.delete(SLUG, project_id, item.id, prop.id)
        except HttpError as error:
            assert error.status_code == 404
        written = values.create(
            SLUG, project_id, item.id, prop.id, CreateWorkItemPropertyValue(value=value)
        )
        read = values.retrieve(SLUG, project_id, item.id, prop.id)
        if isinstance(stored, list):
            assert isinstance(written, list) and isinstance(read, list), name
            assert sorted(v.value for v in read) == stored, name
            assert all(v.property_id == prop.id for v in read), name
        else:
            assert written.value == stored, name
            assert read.value == stored, name
            assert (read.property_id, read.issue_id) == (prop.id, item.id), name
        assert values.delete(SLUG, project_id, item.id, prop.id) is None
        gone = failure(values.retrieve, SLUG, project_id, item.id, prop.id)
        assert gone.status_code == 404, name
        assert gone.response == {"error": "Property value not set for this work item"}, name


def test_update_needs_an_existing_value(client, demo):
    project_id = demo["project"].id
    values = client.work_item_properties.values
    item = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 242)
    notes = demo["properties"]["notes"]
    try:
        values.delete(SLUG, project_id, item.id, notes.id)
    except HttpError as error:
        assert error.status_code == 404
    missing = failure(values.update, SLUG, project_id, item.id, notes.id, {"value": "x"})
    assert missing.status_code == 404
    values.create(SLUG, project_id, item.id, notes.id, CreateWorkItemPropertyValue(value="a"))
    updated = values.update(SLUG, project_id, item.id, notes.id, {"value": "b"})
    assert updated.value == "b"
    assert values.retrieve(SLUG, project_id, item.id, notes.id).value == "b"
    values.delete(SLUG, project_id, item.id, notes.id)


def _stored(values, project_id, item_id, property_id):
    """What the work item holds for the property: its value(s), or None when unset."""
    try:
        read = values.retrieve(SLUG, project_id, item_id, property_id)
    except HttpError as error:
        assert error.status_code == 404
        return None
    if isinstance(read, list):
        return sorted(v.value for v in read)
    return read.value


def test_invalid_values_are_refused_with_planes_messages(client, demo):
    project_id = demo["project"].id
    values = client.work_item_properties.values
    item = client.work_items.retrieve_by_identifier(SLUG, "DEMO", 243)
    other_option = _options(client, demo, "platforms")[0]
    cases = [
        ("story-points", "12", "Must be a number (e.g., 123.45)"),
        ("customer-facing", "true", "Must be a boolean (true or false)"),
        ("due-date", "2026-02-30", "Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
        ("spec-link", "plane.so", "Must be a valid URL (e.g., https://example.com)"),
        ("contact-email", "a@b", "Must be a valid email address (e.g., user@example.com)"),
        ("severity", "alpha", "Must be a valid UUID for a property option"),
        ("severity", other_option.id, "Selected option does not exist for this property"),
        ("severity", "", "Severity is required"),
        # An empty list is no value (it clears, as Plane's serializer lets it through).
        ("platforms", 7, "Must be a string (UUID) or list of UUIDs"),
        ("platforms", ["alpha"], "Invalid UUID format: alpha"),
        ("reviewer", "00000000-0000-4000-8000-000000000000", "Referenced user is not a member of this workspace"),
        ("summary", 5, "Must be a string"),
    ]
    for name, value, message in cases:
        prop = demo["properties"][name]
        before = _stored(values, project_id, item.id, prop.id)
        refused = failure(
            values.create,
            SLUG,
            project_id,
            item.id,
            prop.id,
            CreateWorkItemPropertyValue(value=value),
        )
        assert refused.status_code == 400, name
        assert refused.response == {"value": [message]}, name
        after = _stored(values, project_id, item.id, prop.id)
        assert after == before, f"{name}: a refused value leaves the stored one as it was"


def test_a_wrong_key_is_refused(demo):
    stranger = PlaneClient(base_url=BASE_URL, api_key="plane_api_" + "0" * 32)
    refused = failure(stranger.projects.list, SLUG)
    assert refused.status_code == 403
    assert refused.response == {"detail": "Given API token is not valid"}
    refused = failure(stranger.work_item_types.list, SLUG, demo["project"].id)
    assert refused.status_code == 403
