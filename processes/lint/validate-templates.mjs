// Validates every element template in a folder against the element templates JSON schema
// (@camunda/element-templates-json-schema); prints each problem with its file and path, exits 1 on any.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const folder = process.argv[2];
let failed = 0;
const files = readdirSync(folder).filter(f => f.endsWith('.json')).sort();
for (const file of files) {
  const template = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  if (validate(template)) {
    console.log(`element template ${file}: valid (${template.name} v${template.version})`);
  } else {
    failed++;
    for (const e of validate.errors) console.error(`element template ${file}: ${e.instancePath || '/'} ${e.message}`);
  }
}
if (files.length === 0) {
  console.error('no element templates in ' + folder);
  process.exit(1);
}
process.exit(failed ? 1 : 0);
