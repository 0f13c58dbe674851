//! The second half of each operation: the response compared with the prediction,
//! and the change applied to the model when they agree.

use super::*;

impl Model {
    pub(super) fn observe_upsert(&mut self, outcome: &Result<UpsertOk, ErrorExpect>, payload: &Value) -> Result<Vec<Capture>, Mismatch> {
        let ok = match outcome {
            Err(e) => {
                expect_error(e, payload).map_err(|m| match (m, payload.get("result").and_then(Value::as_str)) {
                    (Mismatch::GotSuccess { want }, Some(r)) => Mismatch::GotResult {
                        want,
                        result: r.to_string(),
                    },
                    (m, _) => m,
                })?;
                return Ok(Vec::new());
            }
            Ok(ok) => ok,
        };
        let want = describe_result(outcome);
        if let Some((code, message)) = error_of(payload) {
            return Err(Mismatch::GotError { want, code, message });
        }
        let got = payload.get("result").and_then(Value::as_str).unwrap_or("null");
        if got != want {
            return Err(Mismatch::WrongResult {
                want,
                got: got.to_string(),
            });
        }
        let seen = customer_at(payload, "customer")?;
        match ok {
            UpsertOk::Created(new) => {
                if let Some(i) = self.by_id.get(&seen.id) {
                    return Err(Mismatch::CreatedExisting {
                        number: i + 1,
                        id: seen.id,
                    });
                }
                let mut new = new.clone();
                new.id = seen.id.clone();
                compare(&new, &seen, "customer")?;
                self.customers.push(new);
                self.reindex();
                Ok(vec![Capture {
                    kind: 'C',
                    id: seen.id,
                    jq: ".data.upsertCustomer.customer.id".into(),
                }])
            }
            UpsertOk::Updated(i, next) => {
                compare(next, &seen, "customer")?;
                self.customers[*i] = next.clone();
                self.reindex();
                Ok(Vec::new())
            }
            UpsertOk::Noop(i) => {
                compare(&self.customers[*i], &seen, "customer")?;
                Ok(Vec::new())
            }
        }
    }

    pub(super) fn observe_read(&self, found: Option<usize>, payload: &Value) -> Result<(), Mismatch> {
        match found {
            None if payload.is_null() => Ok(()),
            None => {
                let id = payload.get("id").and_then(Value::as_str).unwrap_or("?");
                Err(Mismatch::UnexpectedCustomer { id: id.to_string() })
            }
            Some(i) if payload.is_null() => Err(Mismatch::MissingCustomer {
                number: i + 1,
                id: self.customers[i].id.clone(),
            }),
            Some(i) => compare(&self.customers[i], &customer_view(payload, "customer")?, "customer"),
        }
    }

    pub(super) fn observe_create_group(
        &mut self,
        slot: usize,
        outcome: &Result<(), ErrorExpect>,
        payload: &Value,
    ) -> Result<Vec<Capture>, Mismatch> {
        if let Err(e) = outcome {
            expect_error(e, payload)?;
            return Ok(Vec::new());
        }
        expect_success(payload)?;
        let g = payload
            .get("customerGroup")
            .filter(|g| g.is_object())
            .ok_or_else(|| Mismatch::Null {
                what: "customerGroup".into(),
            })?;
        let id = g
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| Mismatch::Missing {
                path: "customerGroup.id".into(),
            })?
            .to_string();
        if self
            .groups
            .iter()
            .any(|s| s.live.as_deref() == Some(&id) || s.stale.as_deref() == Some(&id))
        {
            return Err(Mismatch::GroupIdTaken { id });
        }
        let key = self.names.group_key(u8::try_from(slot).unwrap_or(0));
        let got_key = g.get("key").and_then(Value::as_str).unwrap_or("");
        if got_key != key {
            return Err(Mismatch::field("customerGroup.key", format!("{key:?}"), format!("{got_key:?}")));
        }
        self.groups[slot].live = Some(id.clone());
        Ok(vec![Capture {
            kind: 'G',
            id,
            jq: ".data.createCustomerGroup.customerGroup.id".into(),
        }])
    }

    pub(super) fn observe_groups(
        &mut self,
        add: bool,
        outcome: &Result<(usize, BTreeSet<String>), ErrorExpect>,
        payload: &Value,
    ) -> Result<(), Mismatch> {
        let (i, changed) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => x,
        };
        expect_success(payload)?;
        let c = &mut self.customers[*i];
        if add {
            // "Skips existing memberships; returns only new ones." An empty
            // list may also come back as null (not documented either way).
            let list = match payload.get("customerGroupMemberships") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(other) => return Err(Mismatch::NotAList { got: other.to_string() }),
            };
            let mut got = BTreeSet::new();
            for m in &list {
                let cid = m.get("customerId").and_then(Value::as_str).unwrap_or("");
                if cid != c.id {
                    return Err(Mismatch::MembershipOfOther {
                        want: c.id.clone(),
                        got: cid.to_string(),
                    });
                }
                got.insert(m.pointer("/customerGroup/id").and_then(Value::as_str).unwrap_or("").to_string());
            }
            if got != *changed || got.len() != list.len() {
                return Err(Mismatch::NotOnlyNew {
                    want: changed.clone(),
                    got,
                    items: list.len(),
                });
            }
            c.groups.extend(changed.iter().cloned());
        } else {
            c.groups.retain(|g| !changed.contains(g));
        }
        Ok(())
    }

    pub(super) fn observe_event(
        &mut self,
        outcome: &Result<(usize, Option<String>, String), ErrorExpect>,
        payload: &Value,
    ) -> Result<(), Mismatch> {
        let (i, ext, title) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => x,
        };
        expect_success(payload)?;
        let ev = payload
            .get("customerEvent")
            .filter(|e| e.is_object())
            .ok_or_else(|| Mismatch::Null {
                what: "customerEvent".into(),
            })?;
        let cid = ev.get("customerId").and_then(Value::as_str).unwrap_or("");
        if cid != self.customers[*i].id {
            return Err(Mismatch::field(
                "customerEvent.customerId",
                format!("{:?}", self.customers[*i].id),
                format!("{cid:?}"),
            ));
        }
        let got_title = ev.get("title").and_then(Value::as_str).unwrap_or("");
        if got_title != title {
            return Err(Mismatch::field(
                "customerEvent.title",
                format!("{title:?}"),
                format!("{got_title:?}"),
            ));
        }
        if let Some(x) = ext {
            self.event_ids.insert(x.clone());
        }
        Ok(())
    }

    pub(super) fn observe_mark(&mut self, outcome: &Result<(usize, bool), ErrorExpect>, payload: &Value) -> Result<(), Mismatch> {
        let (i, already) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => *x,
        };
        if already && error_of(payload).is_some() {
            return expect_error(&ErrorExpect::Code(ALREADY_SPAM), payload);
        }
        expect_success(payload)?;
        let seen = customer_at(payload, "customer")?;
        let mut next = self.customers[i].clone();
        if !already {
            match &seen.spam_at {
                Some(at) => next.spam_at = Some(at.clone()),
                None => return Err(Mismatch::field("customer.markedAsSpamAt", "a time", "null")),
            }
        }
        compare(&next, &seen, "customer")?;
        self.customers[i] = next;
        Ok(())
    }
}
