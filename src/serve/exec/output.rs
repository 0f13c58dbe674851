//! Output JSON: store values rendered as GraphQL objects that carry their `__typename`
//! (actors, groups, memberships, tenants, events, `MutationError`, connections).

use super::*;

pub(super) fn date_time(ms: i64) -> Value {
    json!({"__typename": "DateTime", "unixTimestamp": ms.to_string(), "iso8601": iso8601(ms)})
}

pub(super) fn system_actor() -> Value {
    json!({"__typename": "SystemActor", "systemId": "system", "workflowExecutionId": null, "workflow": null})
}

/// A member of both `Actor` and `InternalActor`.
pub(super) fn actor_json(actor: &Actor, started: i64) -> Value {
    match actor {
        Actor::System => system_actor(),
        Actor::MachineUser(id) => json!({
            "__typename": "MachineUserActor",
            "machineUserId": id,
            "machineUser": {
                "__typename": "MachineUser",
                "id": id,
                "fullName": format!("API key {id}"),
                "publicName": "API",
                "description": null,
                "type": "API_USER",
                "createdBy": system_actor(),
                "createdAt": date_time(started),
                "updatedBy": system_actor(),
                "updatedAt": date_time(started),
                "isDeleted": false,
                "deletedAt": null,
                "deletedBy": null,
            }
        }),
    }
}

pub(super) fn customer_ref(c: Option<&Customer>) -> Value {
    c.map_or(Value::Null, |c| json!({"__typename": "Customer", "__ref": c.id}))
}

pub(super) fn group_json(g: &CustomerGroup, started: i64) -> Value {
    json!({
        "__typename": "CustomerGroup",
        "id": g.id,
        "name": g.name,
        "key": g.key,
        "color": g.color,
        "externalId": g.external_id,
        "createdAt": date_time(g.created_at),
        "createdBy": actor_json(&g.created_by, started),
        "updatedAt": date_time(g.updated_at),
        "updatedBy": actor_json(&g.updated_by, started),
    })
}

pub(super) fn membership_json(m: &GroupMembership, g: &CustomerGroup, started: i64) -> Value {
    json!({
        "__typename": "CustomerGroupMembership",
        "customerId": m.customer_id,
        "customerGroup": group_json(g, started),
        "createdAt": date_time(m.created_at),
        "createdBy": actor_json(&m.created_by, started),
        "updatedAt": date_time(m.created_at),
        "updatedBy": actor_json(&m.created_by, started),
    })
}

pub(super) fn tenant_json(t: &Tenant, started: i64) -> Value {
    json!({
        "__typename": "Tenant",
        "id": t.id,
        "name": t.name,
        "externalId": t.external_id,
        "url": t.url,
        "source": "API",
        "createdAt": date_time(t.created_at),
        "createdBy": actor_json(&t.created_by, started),
        "updatedAt": date_time(t.updated_at),
        "updatedBy": actor_json(&t.updated_by, started),
    })
}

pub(super) fn tenant_membership_json(m: &TenantMembership, t: &Tenant, started: i64) -> Value {
    json!({
        "__typename": "CustomerTenantMembership",
        "tenant": tenant_json(t, started),
        "createdAt": date_time(m.created_at),
        "createdBy": actor_json(&m.created_by, started),
        "updatedAt": date_time(m.created_at),
        "updatedBy": actor_json(&m.created_by, started),
    })
}

pub(super) fn event_json(e: &CustomerEvent, started: i64) -> Value {
    json!({
        "__typename": "CustomerEvent",
        "id": e.id,
        "customerId": e.customer_id,
        "title": e.title,
        "components": e.components,
        "createdAt": date_time(e.created_at),
        "createdBy": actor_json(&e.created_by, started),
        "updatedAt": date_time(e.created_at),
        "updatedBy": actor_json(&e.created_by, started),
    })
}

pub(super) fn failure_json(f: &MutationFailure) -> Value {
    let fields: Vec<Value> = f
        .fields
        .iter()
        .map(|p| json!({"__typename": "MutationFieldError", "field": p.field, "message": p.message, "type": p.kind.as_str()}))
        .collect();
    json!({"__typename": "MutationError", "message": f.message, "type": f.kind.as_str(), "code": f.code, "fields": fields})
}

pub(super) fn connection<T>(type_name: &str, edge_type: &str, page: &Page<T>, node: impl Fn(&T) -> Value, with_total: bool) -> Value {
    let edges: Vec<Value> = page
        .edges
        .iter()
        .map(|(cursor, t)| json!({"__typename": edge_type, "cursor": cursor, "node": node(t)}))
        .collect();
    let mut m = Map::new();
    m.insert("__typename".to_string(), json!(type_name));
    m.insert("edges".to_string(), Value::Array(edges));
    m.insert(
        "pageInfo".to_string(),
        json!({
            "__typename": "PageInfo",
            "hasPreviousPage": page.has_previous_page,
            "hasNextPage": page.has_next_page,
            "startCursor": page.edges.first().map(|e| e.0.clone()),
            "endCursor": page.edges.last().map(|e| e.0.clone()),
        }),
    );
    if with_total {
        m.insert("totalCount".to_string(), json!(page.total_count));
    }
    Value::Object(m)
}
