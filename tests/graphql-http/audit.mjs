// Runs every graphql-http server audit (the GraphQL over HTTP specification's MUST, SHOULD
// and MAY rules) against the server at argv[2], with the token in CLAIMDESK_AUDIT_TOKEN.
// Prints each audit that does not pass and a closing "graphql-http audit: N/M passed" line;
// exits with 1 unless every audit passes.
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://127.0.0.1:8080/graphql");
  process.exit(2);
}
const token = process.env.CLAIMDESK_AUDIT_TOKEN;
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url, fetchFn });
let passed = 0;
for (const audit of audits) {
  const result = await audit.fn();
  if (result.status === "ok") {
    passed += 1;
  } else {
    console.log(`${audit.id} ${result.status}: ${audit.name}: ${result.reason}`);
  }
}
console.log(`graphql-http audit: ${passed}/${audits.length} passed`);
process.exit(passed === audits.length ? 0 : 1);
