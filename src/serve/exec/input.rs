//! Input parsing: coerced GraphQL argument values (JSON) into the store's typed inputs.
//! Values are already coerced to the schema's types, so shapes are trusted; the store
//! checks the business rules.

use super::*;
use crate::serve::store::{chars, ErrorType, FieldErrorType, MAX_COPY_VALUE_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS};

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

// ----- event components (`EventComponentInput`) -----

/// `EventComponentInput` / `ComponentRowContentInput` member keys and output type names.
const COMPONENT_KINDS: [(&str, &str); 11] = [
    ("componentText", "ComponentText"),
    ("componentPlainText", "ComponentPlainText"),
    ("componentDivider", "ComponentDivider"),
    ("componentLinkButton", "ComponentLinkButton"),
    ("componentWorkflowButton", "ComponentWorkflowButton"),
    ("componentSpacer", "ComponentSpacer"),
    ("componentBadge", "ComponentBadge"),
    ("componentCopyButton", "ComponentCopyButton"),
    ("componentDateTime", "ComponentDateTime"),
    ("componentUser", "ComponentUser"),
    ("componentRow", "ComponentRow"),
];

/// Exactly one non-null field of `obj` among `allowed`: the oneOf rule.
pub(super) fn one_of<'v>(
    obj: &'v Map<String, Value>,
    allowed: &[&'static str],
    path: &str,
) -> Result<(&'static str, &'v Value), MutationFailure> {
    let given: Vec<(&'static str, &Value)> = allowed
        .iter()
        .filter_map(|k| obj.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
        .collect();
    match given.as_slice() {
        [one] => Ok(*one),
        [] => Err(MutationFailure::invalid(
            path,
            format!("Exactly one of {} is required.", allowed.join(", ")),
            FieldErrorType::Required,
        )),
        many => {
            let message = format!("Only one of {} may be given.", allowed.join(", "));
            let mut f = MutationFailure::new(ErrorType::Validation, "input_validation", message.clone());
            for (k, _) in many {
                let field = if path.is_empty() { (*k).to_string() } else { format!("{path}.{k}") };
                f = f.with_field(field, message.clone(), FieldErrorType::Validation);
            }
            Err(f)
        }
    }
}

pub(super) fn text_in(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| obj.get(*k).and_then(Value::as_str)).map(str::to_string)
}

pub(super) fn enum_in(obj: &Map<String, Value>, keys: &[&str]) -> Value {
    keys.iter()
        .find_map(|k| obj.get(*k).filter(|v| !v.is_null()))
        .cloned()
        .unwrap_or(Value::Null)
}

pub(super) fn check_len(value: &str, max: usize, min: usize, field: &str) -> Result<(), MutationFailure> {
    let n = chars(value);
    if n < min {
        return Err(MutationFailure::invalid(
            field,
            format!("{field} must have at least {min} character(s)"),
            FieldErrorType::Required,
        ));
    }
    if n > max {
        return Err(MutationFailure::invalid(
            field,
            format!("{field} must have at most {max} characters, got {n}"),
            FieldErrorType::Validation,
        ));
    }
    Ok(())
}

pub(super) fn valid_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(char::is_whitespace)
    })
}

/// Converts one component input to its output JSON (with `__typename`), checking §4's limits.
/// `allow_row` is true at the top level only: a row's content cannot hold a row, which bounds
/// the recursion to one level.
pub(super) fn component_from_input(input: &Value, path: &str, allow_row: bool) -> Result<Value, MutationFailure> {
    let empty = Map::new();
    let obj = input.as_object().unwrap_or(&empty);
    let kinds: Vec<&'static str> = COMPONENT_KINDS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| allow_row || *k != "componentRow")
        .collect();
    let (kind, value) = one_of(obj, &kinds, path)?;
    let type_name = COMPONENT_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("ComponentText", |(_, t)| *t);
    let c = value.as_object().unwrap_or(&empty);
    let at = |f: &str| format!("{path}.{kind}.{f}");
    let out = match kind {
        "componentText" => {
            let text = text_in(c, &["text"]).unwrap_or_default();
            check_len(&text, MAX_TEXT_CHARS, 1, &at("text"))?;
            let size = enum_in(c, &["textSize", "size"]);
            let color = enum_in(c, &["textColor", "color"]);
            json!({"text": text, "textSize": size, "size": size, "textColor": color, "color": color})
        }
        "componentPlainText" => {
            let text = text_in(c, &["plainText"]).unwrap_or_default();
            check_len(&text, MAX_TEXT_CHARS, 1, &at("plainText"))?;
            json!({"plainText": text, "plainTextSize": enum_in(c, &["plainTextSize"]), "plainTextColor": enum_in(c, &["plainTextColor"])})
        }
        "componentDivider" => {
            let size = enum_in(c, &["dividerSpacingSize", "spacingSize"]);
            json!({"dividerSpacingSize": size, "spacingSize": size})
        }
        "componentLinkButton" => {
            let Some(url) = text_in(c, &["linkButtonUrl", "url"]) else {
                return Err(MutationFailure::invalid(
                    at("linkButtonUrl"),
                    "linkButtonUrl is required",
                    FieldErrorType::Required,
                ));
            };
            if !valid_url(&url) {
                return Err(MutationFailure::invalid(
                    at("linkButtonUrl"),
                    format!("{url:?} is not a valid URL"),
                    FieldErrorType::Validation,
                ));
            }
            let Some(label) = text_in(c, &["linkButtonLabel", "label"]) else {
                return Err(MutationFailure::invalid(
                    at("linkButtonLabel"),
                    "linkButtonLabel is required",
                    FieldErrorType::Required,
                ));
            };
            check_len(&label, MAX_LABEL_CHARS, 0, &at("linkButtonLabel"))?;
            json!({"linkButtonUrl": url, "url": url, "linkButtonLabel": label, "label": label})
        }
        "componentWorkflowButton" => {
            let label = text_in(c, &["workflowButtonLabel"]).unwrap_or_default();
            check_len(&label, MAX_LABEL_CHARS, 0, &at("workflowButtonLabel"))?;
            let ident = c
                .get("workflowButtonWorkflowIdentifier")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            json!({
                "workflowButtonLabel": label,
                "workflowButtonWorkflowIdentifier": {
                    "__typename": "ComponentWorkflowButtonWorkflowIdentifier",
                    "workflowId": ident.get("workflowId").cloned().unwrap_or(Value::Null),
                    "workflowKey": ident.get("workflowKey").cloned().unwrap_or(Value::Null),
                }
            })
        }
        "componentSpacer" => {
            let size = match enum_in(c, &["spacerSize", "size"]) {
                Value::Null => Value::String("M".to_string()),
                v => v,
            };
            json!({"spacerSize": size, "size": size})
        }
        "componentBadge" => {
            let label = text_in(c, &["badgeLabel"]).unwrap_or_default();
            check_len(&label, MAX_LABEL_CHARS, 0, &at("badgeLabel"))?;
            json!({"badgeLabel": label, "badgeColor": enum_in(c, &["badgeColor"])})
        }
        "componentCopyButton" => {
            let value = text_in(c, &["copyButtonValue"]).unwrap_or_default();
            check_len(&value, MAX_COPY_VALUE_CHARS, 0, &at("copyButtonValue"))?;
            let tooltip = text_in(c, &["copyButtonTooltipLabel"]);
            if let Some(t) = &tooltip {
                check_len(t, MAX_LABEL_CHARS, 0, &at("copyButtonTooltipLabel"))?;
            }
            json!({"copyButtonValue": value, "copyButtonTooltipLabel": tooltip})
        }
        "componentDateTime" => {
            let raw = text_in(c, &["dateTimeIso8601"]).unwrap_or_default();
            let Some(ms) = parse_iso8601(&raw) else {
                return Err(MutationFailure::invalid(
                    at("dateTimeIso8601"),
                    format!("{raw:?} is not an ISO 8601 date-time"),
                    FieldErrorType::Validation,
                ));
            };
            json!({"dateTimeIso8601": {"__typename": "DateTime", "unixTimestamp": ms.to_string(), "iso8601": iso8601(ms)}})
        }
        "componentUser" => json!({"user": null}),
        _ => {
            // componentRow (only reachable when allow_row is true)
            let mut parts = Map::new();
            for key in ["rowMainContent", "rowAsideContent"] {
                let items = c.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
                if key == "rowMainContent" && items.is_empty() {
                    return Err(MutationFailure::invalid(
                        at(key),
                        "A row needs at least one main content component",
                        FieldErrorType::Required,
                    ));
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(component_from_input(item, &format!("{}.{i}", at(key)), false)?);
                }
                parts.insert(key.to_string(), Value::Array(out));
            }
            Value::Object(parts)
        }
    };
    let mut out = match out {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    out.insert("__typename".to_string(), Value::String(type_name.to_string()));
    Ok(Value::Object(out))
}

/// `components` of `CreateCustomerEventInput`, converted to their output JSON and checked
/// against §4's limits; the first component that breaks them is the failure. The store
/// reports that failure after its own checks (customer, title, external ID, timestamp).
pub(super) fn event_components(list: Option<&Value>) -> Result<Vec<Value>, MutationFailure> {
    let list = list.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut components = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        components.push(component_from_input(c, &format!("components.{i}"), true)?);
    }
    Ok(components)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_checked_and_converted() {
        let convert = |list: Value| event_components(Some(&list));
        let too_long = "x".repeat(MAX_TEXT_CHARS + 1);
        let err = convert(json!([{"componentText": {"text": too_long}}])).unwrap_err();
        assert_eq!(err.fields[0].field, "components.0.componentText.text");
        let err = convert(json!([{"componentLinkButton": {"linkButtonUrl": "nope", "linkButtonLabel": "x"}}]));
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentLinkButton.linkButtonUrl");
        let err = convert(json!([{"componentRow": {"rowMainContent": [], "rowAsideContent": []}}]));
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentRow.rowMainContent");
        let err = convert(json!([{"componentSpacer": {}, "componentDivider": {}}])).unwrap_err();
        assert_eq!(err.fields.len(), 2);
        let ok =
            convert(json!([{"componentRow": {"rowMainContent": [{"componentText": {"text": "hi"}}], "rowAsideContent": []}}])).unwrap();
        assert_eq!(ok[0]["__typename"], "ComponentRow");
        assert_eq!(ok[0]["rowMainContent"][0]["__typename"], "ComponentText");
        assert_eq!(event_components(None).unwrap(), Vec::<Value>::new());
    }
}
