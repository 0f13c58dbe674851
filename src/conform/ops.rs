//! The operations a conformance sequence is made of, and their proptest
//! strategies.
//!
//! An operation names *slots*, never concrete values: customer email slot
//! `c0..c2`, external ID slot `x0..x2`, customer group slot `g0..g1`, event
//! external ID slot `e0..e1`, and "the k-th customer the model knows". The
//! model turns slots into values inside the sequence's namespace (see
//! [`super::model::Names`]) and into ids the target gave, when the operation
//! runs. So a sequence is plain data that can be shrunk and replayed against
//! any clean namespace, and the small pools make operations collide often
//! (the same email twice, an external ID held by another customer, a group
//! key taken, a group that still has members).
//!
//! Every strategy lists its simplest choice first and uses small integer
//! ranges, so proptest shrinks towards `upsertCustomer` by email slot 0 with
//! no optional field: a shrunk sequence reads like a minimal story.

use proptest::prelude::*;

/// Customer email and external ID slots per sequence.
pub(crate) const CUSTOMER_SLOTS: u8 = 3;
/// Customer group slots per sequence.
pub(crate) const GROUP_SLOTS: u8 = 2;
/// Event external ID slots per sequence.
pub(crate) const EVENT_SLOTS: u8 = 2;
/// Full names customers are given (index = the name slot).
pub(crate) const FULL_NAMES: &[&str] = &["Ada Lovelace", "Grace Hopper", "Alan Turing"];
/// Short names customers are given (index = the name slot).
pub(crate) const SHORT_NAMES: &[&str] = &["Ada", "Grace", "Alan"];
/// Event titles (index = the title slot).
pub(crate) const TITLES: &[&str] = &["Signed up", "Upgraded plan"];

/// A customer an operation acts on by Plain id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CustomerRef {
    /// The k-th customer the model knows (k modulo their number), or an id
    /// that names no customer when the model knows none.
    Known(u8),
    /// An id that names no customer.
    Missing,
}

/// How `upsertCustomer` finds its customer (`UpsertCustomerIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UpsertBy {
    /// `emailAddress`: email slot.
    Email(u8),
    /// `externalId`: external ID slot.
    ExternalId(u8),
    /// `customerId` (updates only).
    Id(CustomerRef),
}

/// `onCreate`. Inside documented territory: with an `emailAddress`
/// identifier the email is that address (the `email` slot is ignored); with
/// an `externalId` identifier, `external_id: Some(_)` repeats the
/// identifier's value (the slot is ignored), `None` leaves it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OnCreate {
    /// Full name slot.
    pub name: u8,
    /// Short name slot.
    pub short: Option<u8>,
    /// Email slot.
    pub email: u8,
    /// `email.isVerified`.
    pub verified: bool,
    /// External ID slot.
    pub external_id: Option<u8>,
}

/// `onUpdate`: `None` leaves a field out; `Some(None)` is `{value: null}`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct OnUpdate {
    /// `fullName: {value}` (name slot).
    pub name: Option<u8>,
    /// `shortName: {value}` (short name slot, or null to clear).
    pub short: Option<Option<u8>>,
    /// `externalId: {value}` (external ID slot, or null to clear).
    pub external_id: Option<Option<u8>>,
    /// `email: {email, isVerified}` (email slot).
    pub email: Option<(u8, bool)>,
}

/// A customer read back by one of its identifiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// `customerByEmail` (email slot).
    Email(u8),
    /// `customerByExternalId` (external ID slot).
    ExternalId(u8),
    /// `customer` (Plain id).
    Id(CustomerRef),
}

/// `CustomerIdentifierInput` of `createCustomerEvent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EventCustomer {
    /// `emailAddress` (email slot).
    Email(u8),
    /// `externalId` (external ID slot).
    ExternalId(u8),
    /// `customerId`.
    Id(CustomerRef),
}

/// One step of a sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `upsertCustomer`.
    Upsert {
        /// The identifier.
        by: UpsertBy,
        /// `onCreate`.
        create: OnCreate,
        /// `onUpdate`.
        update: OnUpdate,
    },
    /// `customer`, `customerByEmail` or `customerByExternalId`.
    Get(Lookup),
    /// `createCustomerGroup` with the slot's key.
    CreateGroup(u8),
    /// `addCustomerToCustomerGroups`.
    AddToGroups {
        /// The customer.
        customer: CustomerRef,
        /// Distinct group slots, at least one.
        groups: Vec<u8>,
        /// Name the groups by `customerGroupId` rather than `customerGroupKey`.
        by_id: bool,
    },
    /// `removeCustomerFromCustomerGroups`.
    RemoveFromGroups {
        /// The customer.
        customer: CustomerRef,
        /// Distinct group slots, at least one.
        groups: Vec<u8>,
        /// Name the groups by `customerGroupId` rather than `customerGroupKey`.
        by_id: bool,
    },
    /// `deleteCustomerGroup` of the slot's group (or of a stale or missing id).
    DeleteGroup(u8),
    /// `createCustomerEvent`.
    CreateEvent {
        /// The customer.
        customer: EventCustomer,
        /// Event external ID slot.
        external_id: Option<u8>,
        /// Title slot.
        title: u8,
    },
    /// `markCustomerAsSpam`.
    MarkSpam(CustomerRef),
    /// `unmarkCustomerAsSpam`.
    UnmarkSpam(CustomerRef),
}

fn customer_ref() -> BoxedStrategy<CustomerRef> {
    prop_oneof![
        19 => (0..CUSTOMER_SLOTS).prop_map(CustomerRef::Known),
        1 => Just(CustomerRef::Missing),
    ]
    .boxed()
}

fn name_slot() -> impl Strategy<Value = u8> {
    0..FULL_NAMES.len() as u8
}

fn on_create() -> BoxedStrategy<OnCreate> {
    (
        name_slot(),
        proptest::option::weighted(0.3, name_slot()),
        0..CUSTOMER_SLOTS,
        any::<bool>(),
        proptest::option::weighted(0.4, 0..CUSTOMER_SLOTS),
    )
        .prop_map(|(name, short, email, verified, external_id)| OnCreate {
            name,
            short,
            email,
            verified,
            external_id,
        })
        .boxed()
}

fn on_update() -> BoxedStrategy<OnUpdate> {
    (
        proptest::option::weighted(0.4, name_slot()),
        proptest::option::weighted(0.2, proptest::option::weighted(0.7, name_slot())),
        proptest::option::weighted(0.3, proptest::option::weighted(0.8, 0..CUSTOMER_SLOTS)),
        proptest::option::weighted(0.3, (0..CUSTOMER_SLOTS, any::<bool>())),
    )
        .prop_map(|(name, short, external_id, email)| OnUpdate {
            name,
            short,
            external_id,
            email,
        })
        .boxed()
}

fn upsert_by() -> BoxedStrategy<UpsertBy> {
    prop_oneof![
        5 => (0..CUSTOMER_SLOTS).prop_map(UpsertBy::Email),
        4 => (0..CUSTOMER_SLOTS).prop_map(UpsertBy::ExternalId),
        2 => customer_ref().prop_map(UpsertBy::Id),
    ]
    .boxed()
}

fn lookup() -> BoxedStrategy<Lookup> {
    prop_oneof![
        (0..CUSTOMER_SLOTS).prop_map(Lookup::Email),
        (0..CUSTOMER_SLOTS).prop_map(Lookup::ExternalId),
        customer_ref().prop_map(Lookup::Id),
    ]
    .boxed()
}

fn event_customer() -> BoxedStrategy<EventCustomer> {
    prop_oneof![
        (0..CUSTOMER_SLOTS).prop_map(EventCustomer::Email),
        (0..CUSTOMER_SLOTS).prop_map(EventCustomer::ExternalId),
        customer_ref().prop_map(EventCustomer::Id),
    ]
    .boxed()
}

fn group_set() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![3 => Just(vec![0]), 2 => Just(vec![1]), 1 => Just(vec![0, 1]), 1 => Just(vec![1, 0])].boxed()
}

/// One operation, weighted towards upserts (the richest semantics).
pub(crate) fn op() -> BoxedStrategy<Op> {
    prop_oneof![
        10 => (upsert_by(), on_create(), on_update()).prop_map(|(by, create, update)| Op::Upsert { by, create, update }),
        4 => lookup().prop_map(Op::Get),
        4 => (0..GROUP_SLOTS).prop_map(Op::CreateGroup),
        5 => (customer_ref(), group_set(), any::<bool>()).prop_map(|(customer, groups, by_id)| Op::AddToGroups { customer, groups, by_id }),
        3 => (customer_ref(), group_set(), any::<bool>())
            .prop_map(|(customer, groups, by_id)| Op::RemoveFromGroups { customer, groups, by_id }),
        1 => (0..GROUP_SLOTS).prop_map(Op::DeleteGroup),
        2 => (event_customer(), proptest::option::of(0..EVENT_SLOTS), 0..TITLES.len() as u8)
            .prop_map(|(customer, external_id, title)| Op::CreateEvent { customer, external_id, title }),
        2 => customer_ref().prop_map(Op::MarkSpam),
        2 => customer_ref().prop_map(Op::UnmarkSpam),
    ]
    .boxed()
}

/// A sequence of 1 to `max_ops` operations. proptest's `vec` shrinks by
/// dropping operations, then by simplifying each one.
pub(crate) fn sequence(max_ops: usize) -> BoxedStrategy<Vec<Op>> {
    proptest::collection::vec(op(), 1..=max_ops.max(1)).boxed()
}

fn wrap(v: u8, n: usize) -> u8 {
    u8::try_from(usize::from(v) % n.max(1)).unwrap_or(0)
}

impl CustomerRef {
    fn normalized(&self) -> CustomerRef {
        match self {
            CustomerRef::Known(k) => CustomerRef::Known(wrap(*k, usize::from(CUSTOMER_SLOTS))),
            CustomerRef::Missing => CustomerRef::Missing,
        }
    }
}

impl Op {
    /// The same operation with every slot inside its pool (slot modulo the
    /// pool size), so any `Op` built by hand is safe to run; generated ones
    /// are unchanged.
    pub(crate) fn normalized(&self) -> Op {
        let c = |v: u8| wrap(v, usize::from(CUSTOMER_SLOTS));
        let g = |v: u8| wrap(v, usize::from(GROUP_SLOTS));
        let name = |v: u8| wrap(v, FULL_NAMES.len().min(SHORT_NAMES.len()));
        let groups = |gs: &[u8]| {
            let mut out: Vec<u8> = Vec::new();
            for v in gs.iter().map(|v| g(*v)) {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
            if out.is_empty() {
                out.push(0);
            }
            out
        };
        match self {
            Op::Upsert { by, create, update } => Op::Upsert {
                by: match by {
                    UpsertBy::Email(v) => UpsertBy::Email(c(*v)),
                    UpsertBy::ExternalId(v) => UpsertBy::ExternalId(c(*v)),
                    UpsertBy::Id(r) => UpsertBy::Id(r.normalized()),
                },
                create: OnCreate {
                    name: name(create.name),
                    short: create.short.map(name),
                    email: c(create.email),
                    verified: create.verified,
                    external_id: create.external_id.map(c),
                },
                update: OnUpdate {
                    name: update.name.map(name),
                    short: update.short.map(|s| s.map(name)),
                    external_id: update.external_id.map(|x| x.map(c)),
                    email: update.email.map(|(e, v)| (c(e), v)),
                },
            },
            Op::Get(l) => Op::Get(match l {
                Lookup::Email(v) => Lookup::Email(c(*v)),
                Lookup::ExternalId(v) => Lookup::ExternalId(c(*v)),
                Lookup::Id(r) => Lookup::Id(r.normalized()),
            }),
            Op::CreateGroup(v) => Op::CreateGroup(g(*v)),
            Op::AddToGroups {
                customer,
                groups: gs,
                by_id,
            } => Op::AddToGroups {
                customer: customer.normalized(),
                groups: groups(gs),
                by_id: *by_id,
            },
            Op::RemoveFromGroups {
                customer,
                groups: gs,
                by_id,
            } => Op::RemoveFromGroups {
                customer: customer.normalized(),
                groups: groups(gs),
                by_id: *by_id,
            },
            Op::DeleteGroup(v) => Op::DeleteGroup(g(*v)),
            Op::CreateEvent {
                customer,
                external_id,
                title,
            } => Op::CreateEvent {
                customer: match customer {
                    EventCustomer::Email(v) => EventCustomer::Email(c(*v)),
                    EventCustomer::ExternalId(v) => EventCustomer::ExternalId(c(*v)),
                    EventCustomer::Id(r) => EventCustomer::Id(r.normalized()),
                },
                external_id: external_id.map(|e| wrap(e, usize::from(EVENT_SLOTS))),
                title: wrap(*title, TITLES.len()),
            },
            Op::MarkSpam(r) => Op::MarkSpam(r.normalized()),
            Op::UnmarkSpam(r) => Op::UnmarkSpam(r.normalized()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn generated_operations_are_already_normal() {
        let mut runner = TestRunner::deterministic();
        for _ in 0..200 {
            let ops = sequence(20).new_tree(&mut runner).map(|t| t.current()).unwrap_or_default();
            for op in ops {
                assert_eq!(op.normalized(), op);
            }
        }
        assert_eq!(Op::CreateGroup(7).normalized(), Op::CreateGroup(1));
    }
}
