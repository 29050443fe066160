// Validates an OpenAPI document the way client generators see it: schema, references, unique operation ids.
import { validate } from "@readme/openapi-parser";

const file = process.argv[2];
const result = await validate(file);
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
for (const warning of result.warnings ?? []) {
  console.error(`warning: ${JSON.stringify(warning)}`);
}
console.log(`valid: ${file}`);
