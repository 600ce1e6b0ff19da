// ClaimDesk's editorial desk: the entry module. It signs the user in, routes the URL to a
// view, keeps the queue counts in the navigation current, and feeds live events to the view.
//
// ─── DOM contract for the browser tests ─────────────────────────────────────────────────────
// Shell (every view):
//   #main (the <main>, target of the skip link), #alert (role=alert: errors not tied to a
//   field), #status (role=status: confirmations), #view (the current view's root)
//   #viewer        "name (ROLE)" of the signed-in user
//   #session-button  "Sign out" (with a token) or "Sign in with a token" (without one)
//   #live-status   text "live" when subscribed to claimEvents; else "connecting…",
//                  "offline, retrying in N s" or "signed out"; attribute data-state mirrors it
//   #queue-NEW #queue-FLAGGED #queue-IN_REVIEW #queue-CLOSED #queue-mine  (links, each with
//   its count in <span class="count">), #queue-triage #queue-anchor-lost #queue-all,
//   #nav-ingest, #nav-counts. The link of the current queue has aria-current="page".
// Sign-in (shown whenever the API answers UNAUTHENTICATED; the URL is kept):
//   #signin-token (input), #signin-submit, #signin-anonymous ("Continue without a token")
// List (/desk?queue=FLAGGED, /desk?search=llama&status=FLAGGED,IN_REVIEW&order=PRIORITY:DESC):
//   URL parameters: queue (NEW|FLAGGED|IN_REVIEW|CLOSED|mine|triage|anchor-lost), search,
//   status, priority, verdict, category (comma lists), source, article, assignee (global IDs;
//   assignee=none for unassigned), minCw (0..1), order (FIELD:ASC|DESC), days (triage N).
//   #search (input), #search-submit, filters: #filter-status #filter-priority #filter-verdict
//   #filter-category (multi-selects), #filter-source #filter-article (type a name, pick from
//   the suggestions), #filter-assignee (select), #filter-min-cw, #filter-order,
//   #filter-direction, #triage-days (triage only), #filter-apply, #filter-clear
//   #claim-list (<ul>; each row <li data-claim-id="<globalId>"> holds an <a> to the claim)
//   #total-count (the number only), #shown-count, #load-more (only while there are more)
// Claim (/desk/claims/<globalId>):
//   #claim (root; data-version, data-status), #claim-heading (h1), #claim-status,
//   #claim-version, #claim-priority, #claim-assignee, #claim-review-link (when CLOSED),
//   #article-text (the body, the quote in a <mark id="quote-mark">), #evidence, #notes,
//   #history (<ol>, one <li> per event), #actions-heading
//   Action buttons (only those the claim allows for this viewer): #action-FLAG
//   #action-ASSIGN #action-START_REVIEW #action-ATTACH_EVIDENCE #action-ADD_NOTE
//   #action-CLOSE_REVIEW #action-REOPEN_REVIEW. Each opens one form (#action-form holds it)
//   with its submit button #<form>-submit:
//     flag: #flag-reason #flag-priority #flag-submit      assign: #assign-user #assign-submit
//     start: #start-submit                                 note: #note-body #note-submit
//     evidence: #evidence-url #evidence-title #evidence-publisher #evidence-excerpt
//               #evidence-stance #evidence-published-at (a date) #evidence-submit
//     close: #close-verdict #close-summary #close-submit  reopen: #reopen-reason #reopen-submit
//   A field's error is in #<input id>-error (and the input gets aria-invalid="true");
//   other errors of a form are in its .form-alert (role=alert).
//   #conflict (shown after a CONFLICT, with the current state re-read) and #conflict-reload.
// Ingest (/desk/ingest): #ingest-url #ingest-title #ingest-publisher #ingest-body
//   #ingest-submit #ingest-results (outcome and the proposed claims, each a link)
// Counts (/desk/counts): #counts (root), #by-status, #by-verdict, #open-by-assignee,
//   #flag-to-close, #closed-per-day (the <svg>), #closed-per-day-table (its text alternative)
// ─────────────────────────────────────────────────────────────────────────────────────────────

import { gql, session, describe } from './api.js';
import { startLive } from './live.js';
import { replace } from './dom.js';
import { forgetUsers } from './users.js';
import * as signin from './views/signin.js';
import * as list from './views/list.js';
import * as claim from './views/claim.js';
import * as ingest from './views/ingest.js';
import * as counts from './views/counts.js';

const $ = (id) => document.getElementById(id);
const STATUSES = ['NEW', 'FLAGGED', 'IN_REVIEW', 'AWAITING_APPROVAL', 'CLOSED'];

const desk = {
  viewer: null,
  live: null,
  view: null, // the current view's controller: { onEvent?, dispose? }
  sequence: 0, // bumps with every route, so late answers for an old view are dropped
  rendered: '', // the path and query the current view shows
  countsTimer: null,
  lastListUrl: '/desk',
};

/** Goes to `url` inside the desk, adding a history entry unless `replace`. */
function navigate(url, { replace: replaceEntry = false } = {}) {
  if (replaceEntry) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route({ focus: true });
}

function clearMessages() {
  $('alert').replaceChildren();
  $('status').textContent = '';
}

/** Shows an error: back to sign-in when the token is refused, else in the alert region. */
function fail(error) {
  if (error?.code === 'UNAUTHENTICATED') {
    showSignIn(session.token ? 'Your token was refused. Sign in again.' : 'Sign in to use the desk.');
    return;
  }
  replace($('alert'), describe(error));
}

function announce(text) {
  $('status').textContent = '';
  // A fresh text node, so screen readers announce a repeated message too.
  requestAnimationFrame(() => { $('status').textContent = text; });
}

function context(sequence) {
  return {
    viewer: desk.viewer,
    navigate,
    fail,
    announce,
    isCurrent: () => sequence === desk.sequence,
    refreshCounts: scheduleCounts,
    get lastListUrl() { return desk.lastListUrl; },
    setTitle: (title) => { document.title = title ? `${title} · ClaimDesk` : 'ClaimDesk'; },
  };
}

/** Renders the view the URL names. */
async function route({ focus = false } = {}) {
  if (!desk.viewer) return;
  desk.view?.dispose?.();
  desk.view = null;
  desk.sequence += 1;
  const sequence = desk.sequence;
  desk.rendered = location.pathname + location.search;
  clearMessages();
  const root = $('view');
  const path = location.pathname.replace(/\/+$/, '') || '/desk';
  const ctx = context(sequence);
  let module;
  let argument;
  const claimMatch = path.match(/^\/desk\/claims\/([^/]+)$/);
  if (path === '/desk') {
    module = list; argument = new URLSearchParams(location.search);
    desk.lastListUrl = location.pathname + location.search;
  } else if (claimMatch) {
    module = claim; argument = decodeURIComponent(claimMatch[1]);
  } else if (path === '/desk/ingest') {
    module = ingest;
  } else if (path === '/desk/counts') {
    module = counts;
  } else {
    module = { render: notFound };
  }
  markCurrentLink();
  try {
    const controller = await module.render(root, ctx, argument);
    if (sequence !== desk.sequence) { controller?.dispose?.(); return; }
    desk.view = controller ?? null;
    if (focus) root.querySelector('h1')?.focus();
  } catch (error) {
    if (sequence === desk.sequence) fail(error);
  }
}

function notFound(root, ctx) {
  ctx.setTitle('Not found');
  const heading = document.createElement('h1');
  heading.tabIndex = -1;
  heading.textContent = 'No such view';
  const back = document.createElement('a');
  back.href = '/desk';
  back.textContent = 'Back to the claims';
  replace(root, heading, back);
}

/** aria-current on the navigation link that names the current view. */
function markCurrentLink() {
  const params = new URLSearchParams(location.search);
  const path = location.pathname.replace(/\/+$/, '');
  let current = null;
  if (path === '/desk') current = params.get('queue') ? `queue-${params.get('queue')}` : (params.toString() ? null : 'queue-all');
  else if (path === '/desk/ingest') current = 'nav-ingest';
  else if (path === '/desk/counts') current = 'nav-counts';
  for (const link of $('desk-nav').querySelectorAll('a')) {
    if (link.id === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** The queue counts: by status from the tallies, and the viewer's own claims. */
async function refreshCounts() {
  if (!desk.viewer) return;
  try {
    const data = await gql(`query DeskQueueCounts($me: ID!) {
      stats { byStatus { status count } }
      mine: claims(filter: { assigneeId: $me }, first: 0) { totalCount }
    }`, { me: desk.viewer.id });
    const byStatus = new Map(data.stats.byStatus.map((entry) => [entry.status, entry.count]));
    for (const status of STATUSES) setCount(`queue-${status}`, byStatus.get(status) ?? 0);
    setCount('queue-mine', data.mine.totalCount);
  } catch (error) {
    if (error?.code === 'UNAUTHENTICATED') fail(error);
  }
}

function setCount(id, count) {
  const slot = $(id).querySelector('.count');
  slot.textContent = count.toLocaleString();
  slot.setAttribute('aria-label', `${count} claims`);
}

function scheduleCounts(delay = 400) {
  clearTimeout(desk.countsTimer);
  desk.countsTimer = setTimeout(refreshCounts, delay);
}

function setLiveState(state, seconds) {
  const indicator = $('live-status');
  indicator.dataset.state = state;
  indicator.textContent = {
    connecting: 'connecting…',
    live: 'live',
    offline: `offline, retrying in ${seconds ?? 1} s`,
    unauthenticated: 'signed out',
  }[state] ?? state;
  indicator.title = state === 'live' ? 'Receiving claim events as they happen' : 'Not receiving claim events';
  if (state === 'unauthenticated') fail({ code: 'UNAUTHENTICATED' });
}

function onEvent(event) {
  scheduleCounts(600);
  desk.view?.onEvent?.(event);
}

/** Back online after missing events we cannot name: read the counts and the view again. */
function onResync() {
  scheduleCounts(0);
  desk.view?.refresh?.();
}

/**
 * Signed in as `viewer`: show the shell, start the live feed, render the URL's view. The live
 * feed starts after the newest event as it stands before the view reads its data, so every
 * later change arrives, across reconnections too.
 */
async function signedIn(viewer) {
  desk.viewer = viewer;
  replace($('viewer'), `${viewer.name} (${viewer.role.toLowerCase()})`);
  $('viewer').title = `Signed in as ${viewer.name}, role ${viewer.role}`;
  $('desk-nav').hidden = false;
  const button = $('session-button');
  button.hidden = false;
  button.textContent = session.token ? 'Sign out' : 'Sign in with a token';
  desk.live?.stop();
  desk.live = null;
  const start = await gql('query DeskEventStart { latestEventId }').catch(() => ({}));
  if (desk.viewer !== viewer) return; // signed out meanwhile
  desk.live = startLive({
    authorization: () => session.authorization, after: start.latestEventId,
    onEvent, onState: setLiveState, onResync,
  });
  refreshCounts();
  route({ focus: false });
}

/** The sign-in form, in place of the view; the URL stays, so signing in returns to it. */
function showSignIn(message = '') {
  desk.live?.stop();
  desk.live = null;
  desk.viewer = null;
  desk.view?.dispose?.();
  desk.view = null;
  desk.sequence += 1;
  forgetUsers();
  $('desk-nav').hidden = true;
  $('session-button').hidden = true;
  $('viewer').replaceChildren();
  setLiveStateQuiet('off', 'offline');
  clearMessages();
  document.title = 'Sign in · ClaimDesk';
  signin.render($('view'), { message, onSignedIn: signedIn });
}

function setLiveStateQuiet(state, text) {
  $('live-status').dataset.state = state;
  $('live-status').textContent = text;
}

async function boot() {
  $('session-button').addEventListener('click', () => {
    const hadToken = Boolean(session.token);
    session.token = null;
    showSignIn(hadToken ? 'Signed out. Your token is no longer kept in this tab.' : '');
  });
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  // Links inside the desk change the view without loading the page.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
      || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !/^\/desk(\/|$)/.test(url.pathname)) return;
    event.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  });
  addEventListener('popstate', () => {
    if (location.pathname + location.search !== desk.rendered) route({ focus: true });
  });
  try {
    const { viewer } = await gql('query DeskViewer { viewer { id name role } }');
    signedIn(viewer);
  } catch (error) {
    if (error?.code === 'UNAUTHENTICATED') {
      const hadToken = Boolean(session.token);
      session.token = null;
      showSignIn(hadToken ? 'Your token was refused. Sign in again.' : '');
    } else {
      replace($('view'), '');
      fail(error);
    }
  }
}

boot();
