//! Input parsing: coerced GraphQL argument values (JSON) into the store's typed inputs.
//! Values are already coerced to the schema's types, so shapes are trusted; the store
//! checks the business rules.

use super::*;

pub(super) fn object(v: Option<&Value>) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    v.and_then(Value::as_object).unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// An `ID` or `String` value as text (`ID` may arrive as a number).
pub(super) fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(as_text)
}

/// `StringInput`: `None` when the wrapper is absent or null.
pub(super) fn wrapped(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(|w| w.get("value")).and_then(as_text)
}

/// `OptionalStringInput`: `None` when the wrapper is absent or null, `Some(None)` for `{value: null}`.
pub(super) fn optional_wrapped(obj: &Map<String, Value>, key: &str) -> Option<Option<String>> {
    obj.get(key).and_then(Value::as_object).map(|w| w.get("value").and_then(as_text))
}

pub(super) fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array).map(|items| items.iter().filter_map(as_text).collect())
}

pub(super) fn one_text(v: Option<&Value>, allowed: &[&'static str], path: &str) -> Result<(&'static str, String), MutationFailure> {
    let (key, value) = one_of(object(v), allowed, path)?;
    Ok((key, as_text(value).unwrap_or_default()))
}

pub(super) fn customer_key(v: Option<&Value>, path: &str) -> Result<CustomerKey, MutationFailure> {
    Ok(match one_text(v, &["externalId", "emailAddress", "customerId"], path)? {
        ("externalId", s) => CustomerKey::ExternalId(s),
        ("emailAddress", s) => CustomerKey::Email(s),
        (_, s) => CustomerKey::Id(s),
    })
}

pub(super) fn group_key(v: Option<&Value>, path: &str) -> Result<GroupKey, MutationFailure> {
    Ok(match one_text(v, &["customerGroupId", "customerGroupKey", "externalId"], path)? {
        ("customerGroupId", s) => GroupKey::Id(s),
        ("customerGroupKey", s) => GroupKey::Key(s),
        (_, s) => GroupKey::ExternalId(s),
    })
}

pub(super) fn tenant_key(v: &Value, path: &str) -> Result<TenantKey, MutationFailure> {
    Ok(match one_text(Some(v), &["tenantId", "externalId"], path)? {
        ("tenantId", s) => TenantKey::Id(s),
        (_, s) => TenantKey::ExternalId(s),
    })
}

pub(super) fn company_key(v: &Value, path: &str) -> Result<CompanyKey, MutationFailure> {
    Ok(match one_text(Some(v), &["companyId", "companyDomainName"], path)? {
        ("companyId", s) => CompanyKey::Id(s),
        (_, s) => CompanyKey::DomainName(s),
    })
}

pub(super) fn items(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

pub(super) fn group_keys(v: Option<&Value>, path: &str) -> Result<Vec<GroupKey>, MutationFailure> {
    items(v)
        .iter()
        .enumerate()
        .map(|(i, g)| group_key(Some(g), &format!("{path}.{i}")))
        .collect()
}

pub(super) fn tenant_keys(v: Option<&Value>, path: &str) -> Result<Vec<TenantKey>, MutationFailure> {
    items(v)
        .iter()
        .enumerate()
        .map(|(i, t)| tenant_key(t, &format!("{path}.{i}")))
        .collect()
}

pub(super) fn new_customer(c: &Map<String, Value>) -> Result<NewCustomer, MutationFailure> {
    let email = object(c.get("email"));
    Ok(NewCustomer {
        external_id: text(c, "externalId"),
        full_name: text(c, "fullName").unwrap_or_default(),
        short_name: text(c, "shortName"),
        email: text(email, "email").unwrap_or_default(),
        is_verified: email.get("isVerified").and_then(Value::as_bool).unwrap_or(false),
        groups: group_keys(c.get("customerGroupIdentifiers"), "onCreate.customerGroupIdentifiers")?,
        tenants: tenant_keys(c.get("tenantIdentifiers"), "onCreate.tenantIdentifiers")?,
    })
}

pub(super) fn customer_patch(u: &Map<String, Value>) -> CustomerPatch {
    CustomerPatch {
        external_id: optional_wrapped(u, "externalId"),
        full_name: wrapped(u, "fullName"),
        short_name: optional_wrapped(u, "shortName"),
        email: u.get("email").and_then(Value::as_object).map(|e| {
            (
                text(e, "email").unwrap_or_default(),
                e.get("isVerified").and_then(Value::as_bool).unwrap_or(false),
            )
        }),
    }
}

pub(super) fn group_fields(input: &Map<String, Value>) -> GroupFields {
    GroupFields {
        name: text(input, "name").unwrap_or_default(),
        key: text(input, "key").unwrap_or_default(),
        color: text(input, "color").unwrap_or_default(),
        external_id: text(input, "externalId"),
    }
}

pub(super) fn page_args(args: &Map<String, Value>) -> PageArgs {
    PageArgs {
        first: args.get("first").and_then(Value::as_i64),
        after: text(args, "after"),
        last: args.get("last").and_then(Value::as_i64),
        before: text(args, "before"),
    }
}

pub(super) fn customer_filter(v: Option<&Value>) -> Result<CustomerFilter, FieldError> {
    let f = object(v);
    let time = |key: &str| -> Result<Option<i64>, FieldError> {
        match f.get("updatedAt").and_then(|u| u.get(key)).and_then(Value::as_str) {
            None => Ok(None),
            Some(s) => parse_iso8601(s)
                .map(Some)
                .ok_or_else(|| bad_input(format!("filters.updatedAt.{key}: {s:?} is not an ISO 8601 date-time"))),
        }
    };
    let keys_of = |key: &str, parse: &dyn Fn(&Value, &str) -> Result<(), MutationFailure>| -> Result<(), FieldError> {
        for (i, item) in items(f.get(key)).iter().enumerate() {
            parse(item, &format!("filters.{key}.{i}")).map_err(|e| bad_input(format!("filters.{key}.{i}: {}", e.message)))?;
        }
        Ok(())
    };
    keys_of("companyIdentifiers", &|v, p| company_key(v, p).map(|_| ()))?;
    keys_of("tenantIdentifiers", &|v, p| tenant_key(v, p).map(|_| ()))?;
    let present = |key: &str| f.get(key).is_some_and(|v| !v.is_null());
    Ok(CustomerFilter {
        is_marked_as_spam: f.get("isMarkedAsSpam").and_then(Value::as_bool),
        group_ids: string_list(f.get("customerGroupIds")),
        group_keys: string_list(f.get("customerGroupKeys")),
        companies: present("companyIdentifiers").then(|| {
            items(f.get("companyIdentifiers"))
                .iter()
                .filter_map(|v| company_key(v, "").ok())
                .collect()
        }),
        tenants: present("tenantIdentifiers").then(|| {
            items(f.get("tenantIdentifiers"))
                .iter()
                .filter_map(|v| tenant_key(v, "").ok())
                .collect()
        }),
        updated_after: time("after")?,
        updated_before: time("before")?,
    })
}

pub(super) fn search_conditions(v: Option<&Value>) -> Result<Vec<(SearchField, String)>, FieldError> {
    let fields = ["fullName", "shortName", "email", "externalId", "timelineEntryText"];
    let mut out = Vec::new();
    for (i, condition) in items(object(v).get("or")).iter().enumerate() {
        let path = format!("searchQuery.or.{i}");
        let (field, expr) = one_of(object(Some(condition)), &fields, &path).map_err(|e| bad_input(format!("{path}: {}", e.message)))?;
        let needle =
            one_text(Some(expr), &["caseInsensitiveContains"], &path).map_err(|e| bad_input(format!("{path}.{field}: {}", e.message)))?;
        let field = match field {
            "fullName" => SearchField::FullName,
            "shortName" => SearchField::ShortName,
            "email" => SearchField::Email,
            "externalId" => SearchField::ExternalId,
            _ => SearchField::TimelineEntryText,
        };
        out.push((field, needle.1));
    }
    Ok(out)
}
