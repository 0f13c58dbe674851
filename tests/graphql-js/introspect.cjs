// Prints graphql-js 16's introspectionFromSchema of an SDL file as JSON
// ({"__schema": ...}); used by the round-trip test. Usage: node introspect.cjs FILE
const fs = require('fs');
const { buildSchema, introspectionFromSchema } = require('graphql');
const schema = buildSchema(fs.readFileSync(process.argv[2], 'utf8'));
process.stdout.write(JSON.stringify(introspectionFromSchema(schema)));
