//! Customer events: `createCustomerEvent`, and the texts `timelineEntryText` searches.

use super::*;
use serde_json::{json, Map, Value};

impl Store {
    /// A customer event by id.
    pub fn event(&self, id: &str) -> Option<&CustomerEvent> {
        self.events.get(id)
    }

    /// `createCustomerEvent`: returns the new event.
    pub fn create_event(&mut self, new: &NewEvent, actor: &Actor) -> Result<CustomerEvent, MutationFailure> {
        let Some(customer_id) = self.find_customer(&new.customer).map(|c| c.id.clone()) else {
            return Err(MutationFailure::not_found(
                "Customer",
                format!("customerIdentifier.{}", new.customer.field()),
            ));
        };
        require_text(&new.title, "title")?;
        if let Some(x) = &new.external_id {
            require_text(x, "externalId")?;
            if self.events.values().any(|e| e.external_id.as_ref() == Some(x)) {
                return Err(MutationFailure::invalid(
                    "externalId",
                    format!("A customer event with the external id {x:?} already exists."),
                    FieldErrorType::Validation,
                ));
            }
        }
        let timestamp = match &new.timestamp {
            None => None,
            Some(s) => match parse_iso8601(s) {
                Some(ms) => Some(ms),
                None => {
                    return Err(MutationFailure::invalid(
                        "timestamp",
                        format!("{s:?} is not an ISO 8601 date-time"),
                        FieldErrorType::Validation,
                    ))
                }
            },
        };
        let mut components = Vec::with_capacity(new.components.len());
        for (i, c) in new.components.iter().enumerate() {
            components.push(component_from_input(c, &format!("components.{i}"), true)?);
        }
        let now = self.tick();
        let id = self.next_id("ce_");
        let event = CustomerEvent {
            id: id.clone(),
            customer_id,
            external_id: new.external_id.clone(),
            title: new.title.clone(),
            components,
            created_at: timestamp.unwrap_or(now),
            created_by: actor.clone(),
        };
        self.events.insert(id, event.clone());
        Ok(event)
    }
}

/// Texts of an event's text components, rows included (one level, as rows cannot nest).
pub(super) fn event_texts(e: &CustomerEvent) -> impl Iterator<Item = &str> {
    fn text_of(c: &Value) -> Option<&str> {
        c.get("text").or_else(|| c.get("plainText")).and_then(Value::as_str)
    }
    e.components.iter().flat_map(move |c| {
        let row = ["rowMainContent", "rowAsideContent"]
            .into_iter()
            .filter_map(|k| c.get(k).and_then(Value::as_array))
            .flatten();
        text_of(c).into_iter().chain(row.filter_map(text_of))
    })
}

// ----- event components -----

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
pub fn one_of<'v>(obj: &'v Map<String, Value>, allowed: &[&'static str], path: &str) -> Result<(&'static str, &'v Value), MutationFailure> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn components_are_checked_and_converted() {
        let mut s = Store::new();
        let (_, id) = s
            .upsert_customer(
                &CustomerKey::Email("a@b.co".into()),
                &new_customer("A", "a@b.co"),
                &CustomerPatch::default(),
                &me(),
            )
            .unwrap();
        let event = |components: Vec<Value>| NewEvent {
            customer: CustomerKey::Id(id.clone()),
            external_id: None,
            title: "T".into(),
            components,
            timestamp: None,
        };
        let too_long = "x".repeat(MAX_TEXT_CHARS + 1);
        let err = s
            .create_event(&event(vec![json!({"componentText": {"text": too_long}})]), &me())
            .unwrap_err();
        assert_eq!(err.fields[0].field, "components.0.componentText.text");
        let err = s.create_event(
            &event(vec![
                json!({"componentLinkButton": {"linkButtonUrl": "nope", "linkButtonLabel": "x"}}),
            ]),
            &me(),
        );
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentLinkButton.linkButtonUrl");
        let err = s.create_event(
            &event(vec![json!({"componentRow": {"rowMainContent": [], "rowAsideContent": []}})]),
            &me(),
        );
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentRow.rowMainContent");
        let err = s
            .create_event(&event(vec![json!({"componentSpacer": {}, "componentDivider": {}})]), &me())
            .unwrap_err();
        assert_eq!(err.fields.len(), 2);
        let ok = s
            .create_event(
                &event(vec![
                    json!({"componentRow": {"rowMainContent": [{"componentText": {"text": "hi"}}], "rowAsideContent": []}}),
                ]),
                &me(),
            )
            .unwrap();
        assert_eq!(ok.components[0]["__typename"], "ComponentRow");
        assert_eq!(ok.components[0]["rowMainContent"][0]["__typename"], "ComponentText");
    }
}
