// The GraphQL playground: GraphiQL on this server's own endpoint.
//
// Queries and mutations go to POST /graphql; subscriptions go over the server's WebSocket,
// /graphql/ws, in graphql-transport-ws (GraphiQL's bundled graphql-ws client). The headers
// set in the Headers editor are sent with every HTTP request and as the socket's
// connection_init payload, so `{"Authorization": "Bearer cdk_…"}` signs in both. They are
// kept in memory only: a token never lands in localStorage.
//
// Everything here is loaded from the server (see /assets/vendor/MANIFEST.json); the page's
// Content-Security-Policy admits no other origin and no inline script.
"use strict";

(async function startPlayground() {
  // GraphiQL's menus and dialogs add a <style> element while open; it carries this nonce,
  // which the page's Content-Security-Policy admits (react-remove-scroll reads this global).
  const nonce = document.querySelector('meta[name="claimdesk-style-nonce"]');
  window.__webpack_nonce__ = nonce ? nonce.content : undefined;

  const root = document.getElementById("graphiql");
  const endpoint = new URL("/graphql", window.location.href);
  const socket = new URL("/graphql/ws", window.location.href);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";

  // The README's review walkthrough, kept in one file that the README's test compares.
  let defaultQuery = "";
  try {
    const response = await fetch("/assets/playground/review.graphql");
    if (response.ok) {
      defaultQuery = await response.text();
    }
  } catch (error) {
    console.warn("the review walkthrough could not be loaded", error);
  }

  const fetcher = GraphiQL.createFetcher({
    url: endpoint.href,
    subscriptionUrl: socket.href,
  });
  const logo = React.createElement(GraphiQL.Logo, null, "ClaimDesk");
  ReactDOM.createRoot(root).render(
    React.createElement(
      GraphiQL,
      {
        fetcher,
        defaultQuery,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: "headers",
      },
      logo,
    ),
  );
})();
