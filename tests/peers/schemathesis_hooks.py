"""Schemathesis hooks for runs against `plain-contract serve` (loaded through SCHEMATHESIS_HOOKS).

The `positive_data_acceptance` check (ST206) sends queries that Schemathesis' GraphQL generator
believes valid and fails when the server refuses one. Two refusals are the contract, not a fault,
because the generator cannot know the rules behind them:

- GV009: the identifier inputs (`CustomerIdentifierInput`, `UpsertCustomerIdentifierInput`,
  `CustomerGroupIdentifier`, `TenantIdentifierInput`, `EventComponentInput`...) are `@oneOf` in the
  contract: exactly one field must be given. Schemathesis fills every field it sees.
  The server refuses a violation in variables with contract code GV009 and one in literals as a
  validation error (GQ002) whose message says "is @oneOf:".
- PL008: Plain's pagination rules (page size 0..100, no `first` with `before`, no `last` with
  `after`) are not expressible in GraphQL types.
- Rules of the reference server's resolvers that GraphQL types cannot express, refused with
  BAD_USER_INPUT (see BUSINESS_RULES): an `after`/`before` cursor the server never issued (cursors
  are opaque, a random string is not one); `first` and `last` together (the Cursor Connections spec
  "strongly discourages" it, and the server refuses it rather than guess); an empty or null
  `searchQuery.or` (Plain's search takes a list of conditions).

Only those failures are dropped, and only when *every* error of the answer is one of them, so a
refusal for any other reason still fails the run. The check itself stays on for every operation.
"""

import json

import schemathesis

# The contract codes whose refusals are expected (see the module docstring).
EXPECTED_CODES = {"GV009", "PL008"}


def expected_refusal(error):
    """Whether one GraphQL error of an answer is a refusal the contract requires."""
    if not isinstance(error, dict):
        return False
    message = error.get("message") or ""
    extensions = error.get("extensions") or {}
    code = extensions.get("contractCode")
    if code in EXPECTED_CODES:
        return True
    if code == "GQ002" and " is @oneOf: " in message:
        return True
    return extensions.get("code") == "BAD_USER_INPUT" and any(rule in message for rule in BUSINESS_RULES)


# Messages of the resolvers' BAD_USER_INPUT refusals that are expected (see the module docstring).
BUSINESS_RULES = (
    "is not a valid cursor",
    "`first` and `last` cannot be used together",
    "searchQuery.or needs at least one condition",
)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if failure.code != "ST206":
        return True
    try:
        body = json.loads(response.content)
    except (ValueError, TypeError):
        return True
    errors = body.get("errors") if isinstance(body, dict) else None
    if not errors:
        return True
    # Keep the failure unless every error is an expected refusal.
    return not all(expected_refusal(e) for e in errors)
