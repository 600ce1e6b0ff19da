// Read by the postgraphile CLI as `.postgraphilerc.js` from its working directory; the
// postgraphile benchmark writes it there.
// Only what the CLI has no flag for: options of postgraphile-plugin-connection-filter.
module.exports = {
  options: {
    graphileBuildOptions: {
      // Lets `users(filter: { claimsByAssigneeId: { some: {...} } })` keep only users with
      // open claims (stats query, openByAssignee).
      connectionFilterRelations: true,
      // Lets `searchClaims(filter: { status: ... })` narrow the search (search + status).
      connectionFilterSetofFunctions: true,
    },
  },
};
