//! Customer events: `createCustomerEvent`, and the texts `timelineEntryText` searches.
//! Components arrive already converted and checked by the executor's input parser
//! ([`crate::serve::exec`]), as the store takes typed values, not GraphQL input.

use super::*;
use serde_json::Value;

impl Store {
    /// `createCustomerEvent`: returns the new event.
    pub(crate) fn create_event(&mut self, new: &NewEvent, actor: &Actor) -> Result<CustomerEvent, MutationFailure> {
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
        let components = new.components.clone()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_component_failure_comes_after_the_stores_own_checks() {
        let mut s = Store::new();
        let bad_component = MutationFailure::invalid("components.0.componentText.text", "too long", FieldErrorType::Validation);
        let event = |customer: CustomerKey, components| NewEvent {
            customer,
            external_id: None,
            title: "T".into(),
            components,
            timestamp: None,
        };
        let err = s
            .create_event(&event(CustomerKey::Id("c_none".into()), Err(bad_component.clone())), &me())
            .unwrap_err();
        assert_eq!(err.code, "not_found");
        let (_, id) = s
            .upsert_customer(
                &CustomerKey::Email("a@b.co".into()),
                &new_customer("A", "a@b.co"),
                &CustomerPatch::default(),
                &me(),
            )
            .unwrap();
        let err = s
            .create_event(&event(CustomerKey::Id(id.clone()), Err(bad_component.clone())), &me())
            .unwrap_err();
        assert_eq!(err, bad_component);
        let component = serde_json::json!({"__typename": "ComponentDivider", "dividerSpacingSize": "M", "spacingSize": "M"});
        let ok = s
            .create_event(&event(CustomerKey::Id(id), Ok(vec![component.clone()])), &me())
            .unwrap();
        assert_eq!(ok.components, vec![component]);
    }
}
