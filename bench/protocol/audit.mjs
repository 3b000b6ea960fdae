import { auditServer } from 'graphql-http';
const url = process.argv[2];
const results = await auditServer({ url });
let ok = 0, warn = 0, err = 0;
for (const r of results) {
  if (r.status === 'ok') ok++;
  else { if (r.status === 'warn') warn++; else err++; console.log(r.status.toUpperCase(), r.name, '-', r.reason); }
}
console.log(JSON.stringify({ total: results.length, ok, warn, error: err }));
