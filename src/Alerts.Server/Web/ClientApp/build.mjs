// Bundles the ticker, the console and the Web Push worker into one file each (SignalR included) for the server to embed.
// Usage: node build.mjs <output directory>
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const outdir = process.argv[2] ?? "dist";

await build({
  entryPoints: { ticker: "src/ticker.js", console: "src/console.js", "push-sw": "src/push-sw.js" },
  outdir,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  // Publishers' readers use old phones too; ES2019 keeps the ticker working where optional chaining is missing.
  target: ["es2019"],
  legalComments: "none",
  logLevel: "warning",
});

for (const name of ["ticker.js", "console.js", "push-sw.js"]) {
  const bytes = readFileSync(join(outdir, name));
  console.log(`${name}: ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} bytes gzipped`);
}
