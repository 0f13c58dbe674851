"""Generates benches/operations/*.graphql: 120 operations against Plain's full
schema (../shared/plain/schema.graphql), one per root field, each selecting
the scalar and enum leaves of its result two levels deep, with a variable for
every argument. Run once; the output is committed. Needs graphql-core."""
import pathlib, sys
from graphql import build_schema, get_named_type, is_leaf_type, is_object_type, is_interface_type, is_union_type, is_non_null_type

root = pathlib.Path(__file__).resolve().parent
schema = build_schema((root / "../../shared/plain/schema.graphql").read_text())
out = root / "operations"
for f in out.glob("*.graphql"):
    f.unlink()

def selection(t, depth):
    t = get_named_type(t)
    if is_leaf_type(t):
        return ""
    if is_union_type(t):
        return "{ __typename }"
    parts = ["__typename"]
    for name, field in t.fields.items():
        if any(is_non_null_type(a.type) for a in field.args.values()):
            continue
        nt = get_named_type(field.type)
        if is_leaf_type(nt):
            parts.append(name)
        elif depth > 0 and (is_object_type(nt) or is_interface_type(nt)):
            parts.append(f"{name} {selection(nt, depth - 1)}")
    return "{ " + " ".join(parts) + " }"

n = 0
for kind, root_type in (("query", schema.query_type), ("mutation", schema.mutation_type)):
    for name, field in root_type.fields.items():
        if n >= 120:
            break
        args = field.args
        defs = ", ".join(f"${a}: {arg.type}" for a, arg in args.items())
        call = ", ".join(f"{a}: ${a}" for a in args)
        head = f"{kind} Op{n:03d}_{name}" + (f"({defs})" if defs else "")
        body = f"{name}" + (f"({call})" if call else "") + (" " + selection(field.type, 1) if not is_leaf_type(get_named_type(field.type)) else "")
        (out / f"{n:03d}-{name}.graphql").write_text(f"{head} {{\n  {body}\n}}\n")
        n += 1
print(f"wrote {n} operations to {out}")
