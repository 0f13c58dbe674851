#!/usr/bin/env python3
"""Writes N upsertCustomer exchanges as NDJSON (request and response, as a
recording proxy would), for the stream bench and the constant-memory run:

    python3 benches/gen_ndjson.py 1000000 > /tmp/upserts.ndjson

Results cycle through CREATED, UPDATED and NOOP; every 10th line is an
email conflict (a MutationError). All lines pass `plain-contract check`."""
import json
import sys

QUERY = (
    "mutation upsertCustomer($input: UpsertCustomerInput!) {\n"
    "  upsertCustomer(input: $input) {\n    result\n    customer { id externalId fullName }\n"
    "    error { message type code }\n  }\n}\n"
)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def ulid(i):
    s = ""
    for _ in range(26):
        s = ALPHABET[i % 32] + s
        i //= 32
    return s


def line(i):
    ext = f"usr_{i}"
    name = f"Customer {i}"
    email = f"customer{i}@example.com"
    variables = {
        "input": {
            "identifier": {"externalId": ext},
            "onCreate": {"externalId": ext, "fullName": name, "email": {"email": email, "isVerified": i % 2 == 0}},
            "onUpdate": {"fullName": {"value": name}},
        }
    }
    if i % 10 == 9:
        payload = {
            "result": None,
            "customer": None,
            "error": {
                "message": "A customer already exists with this email",
                "type": "VALIDATION",
                "code": "customer_already_exists_with_email",
            },
        }
    else:
        payload = {
            "result": ["CREATED", "UPDATED", "NOOP"][i % 3],
            "customer": {"id": "c_" + ulid(i * 7919 + 1), "externalId": ext, "fullName": name},
            "error": None,
        }
    ex = {
        "request": {
            "method": "POST",
            "path": "/graphql/v1",
            "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
            "body": {"query": QUERY, "operationName": "upsertCustomer", "variables": variables},
        },
        "response": {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "body": {"data": {"upsertCustomer": payload}},
        },
    }
    return json.dumps(ex, separators=(",", ":"))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = sys.stdout
    for i in range(n):
        out.write(line(i))
        out.write("\n")


if __name__ == "__main__":
    main()
