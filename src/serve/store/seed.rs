//! Seed data: groups and customers loaded at start, with the same rules as the API.

use super::*;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedData {
    #[serde(default)]
    customers: Vec<SeedCustomer>,
    #[serde(default)]
    customer_groups: Vec<SeedGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedCustomer {
    full_name: String,
    email: String,
    external_id: Option<String>,
    short_name: Option<String>,
    #[serde(default)]
    is_verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedGroup {
    name: String,
    key: String,
    color: String,
    external_id: Option<String>,
}

impl Store {
    /// Seed data: JSON `{"customers":[{fullName, email, externalId?, shortName?, isVerified?}],
    /// "customerGroups":[{name,key,color,externalId?}]}`; [`SeedError`] on bad shape. Groups are
    /// added first, then customers, with the same rules as the API (unique email, external ID
    /// and key). All or nothing: on error the store is unchanged.
    pub(crate) fn seed(&mut self, data: &Value) -> Result<(), SeedError> {
        let seed: SeedData = serde_path_to_error::deserialize(data)?;
        let mut next = self.clone();
        for (i, g) in seed.customer_groups.into_iter().enumerate() {
            let fields = GroupFields {
                name: g.name,
                key: g.key,
                color: g.color,
                external_id: g.external_id,
            };
            next.create_group(&fields, &Actor::System)
                .map_err(|failure| SeedError::Group { index: i, failure })?;
        }
        for (i, c) in seed.customers.into_iter().enumerate() {
            let new = NewCustomer {
                external_id: c.external_id,
                full_name: c.full_name,
                short_name: c.short_name,
                email: c.email,
                is_verified: c.is_verified,
                groups: Vec::new(),
                tenants: Vec::new(),
            };
            next.create_customer(&new, "", &Actor::System)
                .map_err(|failure| SeedError::Customer { index: i, failure })?;
        }
        *self = next;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seed_loads_and_rejects_bad_shapes() {
        let mut s = Store::new();
        let data = json!({
            "customerGroups": [{"name": "VIP", "key": "vip", "color": "#f00"}],
            "customers": [{"fullName": "Ada", "email": "ada@example.com", "externalId": "a1", "isVerified": true}]
        });
        s.seed(&data).unwrap();
        assert_eq!(s.customer_by_external_id("a1").map(|c| c.full_name.as_str()), Some("Ada"));
        assert!(s.find_group(&GroupKey::Key("vip".into())).is_some());
        let err = s.seed(&json!({"customers": [{"email": "x@example.com"}]})).unwrap_err();
        assert!(matches!(err, SeedError::Shape(_)), "{err:?}");
        assert_eq!(err.to_string(), "seed data: customers[0]: missing field `fullName`");
        let err = s
            .seed(&json!({"customers": [{"fullName": "Dup", "email": "ADA@example.com"}]}))
            .unwrap_err();
        assert!(matches!(&err, SeedError::Customer { index: 0, .. }), "{err:?}");
        assert!(err.to_string().starts_with("seed data: customers[0]: "), "{err}");
        assert!(err.to_string().ends_with(" (customer_already_exists_with_email)"), "{err}");
        assert!(s.seed(&json!({"users": []})).is_err());
        assert_eq!(s.customer_count(), 1);
    }
}
