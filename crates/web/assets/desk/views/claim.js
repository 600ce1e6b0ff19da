// One claim: its text, source, review state, the article with the quote highlighted, its
// evidence, notes and full history, and the actions this viewer may take now. Every change
// sends `expectedVersion`; a CONFLICT shows the claim as it now is and keeps the draft.

import { h, replace, label, time, numericId } from '../dom.js';
import { gql, isMissingField, ApiError } from '../api.js';
import { renderHighlighted, scrollToMark } from '../text.js';
import { field, form, showError, values, restore, optional } from '../forms.js';
import { assignableUsers } from '../users.js';

const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const VERDICTS = ['TRUE', 'MOSTLY_TRUE', 'MIXED', 'MISLEADING', 'MOSTLY_FALSE', 'FALSE', 'MISATTRIBUTED', 'UNPROVEN', 'NOT_CHECKABLE'];
const STANCES = ['SUPPORTS', 'REFUTES', 'CONTEXT'];
const ROLE_RANK = { VIEWER: 0, INGEST: 1, REVIEWER: 2, EDITOR: 3, ADMIN: 4 };
const ACTION_NAMES = {
  FLAG: 'Flag', ASSIGN: 'Assign', START_REVIEW: 'Start the review', ATTACH_EVIDENCE: 'Attach evidence',
  ADD_NOTE: 'Add a note', CLOSE_REVIEW: 'Close the review', REOPEN_REVIEW: 'Reopen',
  APPROVE_VERDICT: 'Approve the verdict', REJECT_VERDICT: 'Send back to review',
};

const CLAIM_FIELDS = `
  id text quote span { start end } anchorLost checkWorthiness category attribution
  status nextStatuses priority flagReason flaggedAt
  assignee { id name } verdict verdictSummary closedAt closedBy { name } claimReview
  version createdAt updatedAt
  source { id name kind description }
  article { id title url publisher publishedAt revision body }
  evidence { id url title publisher excerpt stance publishedAt addedBy { name } createdAt }
  notes { id body author { name } createdAt }
  history { id kind actor { name } at fromStatus toStatus detail }`;

let serverHasViewerActions = true; // until the schema says otherwise

/** Reads the claim, with `viewerActions` when the server offers it. */
async function fetchClaim(id) {
  if (serverHasViewerActions) {
    try {
      const data = await gql(`query DeskClaim($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} viewerActions } }`, { id });
      return data.claim;
    } catch (error) {
      if (!isMissingField(error, 'viewerActions')) throw error;
      serverHasViewerActions = false;
    }
  }
  const data = await gql(`query DeskClaim($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`, { id });
  return data.claim;
}

/** What the viewer may do: the server's `viewerActions`, or the same rule worked out here. */
function actionsFor(claim, viewer) {
  if (claim.viewerActions) return claim.viewerActions;
  const rank = ROLE_RANK[viewer.role] ?? 0;
  const open = claim.status !== 'CLOSED';
  const all = [
    ['FLAG', claim.nextStatuses.includes('FLAGGED'), 2],
    ['ASSIGN', open, 2],
    ['START_REVIEW', claim.nextStatuses.includes('IN_REVIEW') && claim.status !== 'CLOSED', 2],
    ['ATTACH_EVIDENCE', open, 2],
    ['ADD_NOTE', true, 2],
    ['CLOSE_REVIEW', claim.nextStatuses.includes('CLOSED'), 3],
    ['REOPEN_REVIEW', claim.status === 'CLOSED', 3],
  ];
  return all.filter(([, allowed, needs]) => allowed && rank >= needs).map(([action]) => action);
}

export async function render(root, ctx, claimId) {
  let claim = await fetchClaim(claimId);
  if (!ctx.isCurrent()) return null;
  if (!claim) throw new ApiError('No claim has that ID.', 'NOT_FOUND');
  let openAction = null;
  let conflict = null; // { version, status } after a CONFLICT, until reloaded
  let refreshing = false;
  // While the viewer's own change is in flight its live event is no news: the submit reads the
  // claim again itself. Events seen meanwhile are caught up with once it is done.
  let submitting = false;
  let latestSeen = 0; // the highest version a live event announced

  /** Draws the claim; keeps an open form, its draft and the focus across the redraw. */
  function draw({ keepDraft = true } = {}) {
    const focusedId = document.activeElement?.id;
    const draft = keepDraft && openAction ? values(root.querySelector('#action-form')) : null;
    ctx.setTitle(claim.text);
    replace(root, claimView(claim, ctx, { conflict, onReload: reload, actionBar: actionBar() }));
    const article = root.querySelector('#article-text');
    const mark = article.querySelector('mark');
    if (mark) scrollToMark(article, mark);
    if (openAction && actionsFor(claim, ctx.viewer).includes(openAction)) {
      openForm(openAction, draft);
    } else if (openAction) {
      ctx.announce(`${ACTION_NAMES[openAction]} is no longer possible: the claim is now ${label(claim.status)}.`);
      openAction = null;
    }
    if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
  }

  function actionBar() {
    const actions = actionsFor(claim, ctx.viewer);
    if (!actions.length) {
      return h('p', { class: 'hint' }, ctx.viewer.role === 'VIEWER' || ctx.viewer.role === 'INGEST'
        ? 'Your role can read claims but not review them.' : 'No action is possible on this claim now.');
    }
    return h('div', { class: 'action-buttons' }, actions.map((action) => h('button', {
      type: 'button', id: `action-${action}`, 'aria-expanded': String(openAction === action),
      'aria-controls': 'action-form',
      onclick: () => {
        if (openAction === action) { openAction = null; closeForm(); } else openForm(action);
      },
    }, ACTION_NAMES[action])));
  }

  function closeForm() {
    const slot = root.querySelector('#action-form');
    slot.replaceChildren();
    for (const button of root.querySelectorAll('.action-buttons button')) button.setAttribute('aria-expanded', 'false');
  }

  async function openForm(action, draft = null) {
    openAction = action;
    for (const button of root.querySelectorAll('.action-buttons button')) {
      button.setAttribute('aria-expanded', String(button.id === `action-${action}`));
    }
    const slot = root.querySelector('#action-form');
    const element = await actionForm(action, claim, ctx, submit);
    if (!ctx.isCurrent() || openAction !== action) return;
    slot.replaceChildren(element);
    if (draft) restore(element, draft);
    else element.querySelector('input, textarea, select, button[type=submit]')?.focus();
  }

  /** Runs one mutation; `change(expectedVersion)` returns a promise of its payload. */
  async function submit(element, fieldIds, change, done) {
    submitting = true;
    try {
      await change(claim.version);
      openAction = null;
      conflict = null;
      claim = await fetchClaim(claimId);
      if (!ctx.isCurrent()) return;
      draw({ keepDraft: false });
      ctx.announce(`${done} The claim is now ${label(claim.status)}, version ${claim.version}.`);
      root.querySelector('#actions-heading')?.focus();
      ctx.refreshCounts();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        claim = await fetchClaim(claimId);
        if (!ctx.isCurrent()) return;
        conflict = { version: claim.version, status: claim.status };
        draw();
        root.querySelector('#conflict')?.focus();
      } else if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        ctx.fail(error);
      } else {
        showError(element, error, fieldIds);
      }
    } finally {
      submitting = false;
      if (latestSeen > claim.version && ctx.isCurrent()) refresh();
    }
  }

  async function reload() {
    conflict = null;
    openAction = null;
    claim = await fetchClaim(claimId);
    if (!ctx.isCurrent()) return;
    draw({ keepDraft: false });
    root.querySelector('#claim-heading')?.focus();
  }

  /** Reads the claim again after a change made elsewhere; keeps the draft and the focus. */
  async function refresh(event = null) {
    if (refreshing) return;
    refreshing = true;
    try {
      const fresh = await fetchClaim(claimId);
      // Only news redraws: a submit may have read this version already.
      if (ctx.isCurrent() && fresh && fresh.version > claim.version) {
        claim = fresh;
        draw();
        ctx.announce(`${event?.actor?.name ?? 'Someone'} changed the claim${event ? `: ${label(event.kind)}` : ''}. It is now at version ${claim.version}.`);
      }
    } catch (error) {
      ctx.fail(error);
    } finally {
      refreshing = false;
    }
  }

  draw();
  return {
    onEvent(event) {
      if (event.claim.id !== claim.id) return;
      latestSeen = Math.max(latestSeen, event.claim.version);
      if (!submitting && event.claim.version > claim.version) refresh(event);
    },
    refresh() { refresh(); },
  };
}

/** The claim's page, without its action form. */
function claimView(claim, ctx, { conflict, onReload, actionBar }) {
  const reviewNumber = numericId(claim.id);
  const facts = [
    ['Status', h('span', { id: 'claim-status', class: `badge status-${claim.status}` }, label(claim.status))],
    ['Priority', h('span', { id: 'claim-priority' }, label(claim.priority))],
    ['Assignee', h('span', { id: 'claim-assignee' }, claim.assignee?.name ?? 'Nobody')],
    ['Version', h('span', { id: 'claim-version' }, String(claim.version))],
    ['Source', claim.source
      ? [claim.source.name, ` (${label(claim.source.kind)})`, claim.source.description ? ` — ${claim.source.description}` : '']
      : 'None named'],
    ['Attribution', label(claim.attribution)],
    claim.flagReason ? ['Flag reason', [claim.flagReason, claim.flaggedAt ? [' (', time(claim.flaggedAt), ')'] : '']] : null,
    claim.checkWorthiness !== null ? ['Check-worthiness', `${claim.checkWorthiness.toFixed(2)}${claim.category ? `, ${label(claim.category)}` : ''}`] : null,
    claim.verdict ? ['Verdict', h('strong', { id: 'claim-verdict' }, label(claim.verdict))] : null,
    claim.verdictSummary ? ['Summary', claim.verdictSummary] : null,
    claim.closedAt ? ['Closed', [time(claim.closedAt), claim.closedBy ? ` by ${claim.closedBy.name}` : '']] : null,
    claim.status === 'CLOSED' && reviewNumber !== null
      ? ['Published review', h('a', { id: 'claim-review-link', href: `/claim-reviews/${reviewNumber}.jsonld` }, 'ClaimReview JSON-LD')]
      : null,
  ].filter(Boolean);

  return h('article', {
    id: 'claim', class: 'claim', 'aria-labelledby': 'claim-heading',
    dataset: { version: String(claim.version), status: claim.status },
  },
  h('p', { class: 'breadcrumb' }, h('a', { href: ctx.lastListUrl }, '← Back to the list')),
  h('h1', { id: 'claim-heading', tabindex: '-1' }, claim.text),
  conflict ? h('div', { id: 'conflict', class: 'conflict', role: 'alert', tabindex: '-1' },
    h('p', {}, h('strong', {}, 'Someone else changed this claim. '),
      `Your change was not applied. It is now ${label(conflict.status)}, at version ${conflict.version}: below is its current state, and your draft is kept. Check it, then submit again or reload.`),
    h('button', { type: 'button', id: 'conflict-reload', onclick: onReload }, 'Reload')) : '',
  h('dl', { class: 'facts' }, facts.map(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)])),
  h('section', { class: 'actions', 'aria-labelledby': 'actions-heading' },
    h('h2', { id: 'actions-heading', tabindex: '-1' }, 'Actions'),
    actionBar,
    h('div', { id: 'action-form', class: 'action-form' })),
  h('section', { 'aria-labelledby': 'article-heading' },
    h('h2', { id: 'article-heading' }, 'In the article'),
    h('p', {}, h('a', { href: claim.article.url, rel: 'noreferrer' }, claim.article.title),
      claim.article.publisher ? ` — ${claim.article.publisher}` : '',
      claim.article.publishedAt ? [', ', time(claim.article.publishedAt)] : '',
      claim.article.revision > 1 ? `, revision ${claim.article.revision}` : ''),
    h('p', { class: 'quote-line' }, 'Quote: ', h('q', {}, claim.quote), ` (characters ${claim.span.start}–${claim.span.end})`),
    claim.anchorLost ? h('p', { class: 'notice warning' }, 'A revision of the article removed this quote; the highlight shows where it stood.') : '',
    articleText(claim)),
  h('section', { 'aria-labelledby': 'evidence-heading' },
    h('h2', { id: 'evidence-heading' }, `Evidence (${claim.evidence.length})`),
    h('ul', { id: 'evidence', class: 'entries' }, claim.evidence.length ? claim.evidence.map(evidenceItem) : h('li', { class: 'empty' }, 'No evidence yet.'))),
  h('section', { 'aria-labelledby': 'notes-heading' },
    h('h2', { id: 'notes-heading' }, `Notes (${claim.notes.length})`),
    h('ul', { id: 'notes', class: 'entries' }, claim.notes.length ? claim.notes.map((note) => h('li', { dataset: { noteId: note.id } },
      h('p', { class: 'entry-meta' }, note.author.name, ', ', time(note.createdAt)), h('p', { class: 'note-body' }, note.body))) : h('li', { class: 'empty' }, 'No notes yet.'))),
  h('section', { 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'History'),
    h('ol', { id: 'history', class: 'timeline' }, claim.history.map(historyItem))));
}

function articleText(claim) {
  const container = h('div', {
    id: 'article-text', class: 'article-text', tabindex: '0', role: 'region', 'aria-label': 'Article text, the quote highlighted',
  });
  renderHighlighted(container, claim.article.body, claim.span);
  return container;
}

function evidenceItem(evidence) {
  return h('li', { dataset: { evidenceId: evidence.id } },
    h('p', {}, h('span', { class: `badge stance-${evidence.stance}` }, label(evidence.stance)), ' ',
      h('a', { href: evidence.url, rel: 'noreferrer' }, evidence.title),
      evidence.publisher ? ` — ${evidence.publisher}` : '',
      evidence.publishedAt ? [', ', time(evidence.publishedAt)] : ''),
    evidence.excerpt ? h('blockquote', {}, evidence.excerpt) : '',
    h('p', { class: 'entry-meta' }, `Added by ${evidence.addedBy.name}, `, time(evidence.createdAt)));
}

function historyItem(event) {
  const detail = Object.entries(event.detail ?? {})
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`)
    .join('; ');
  return h('li', { dataset: { eventId: event.id, kind: event.kind } },
    h('p', {}, h('strong', {}, label(event.kind)), ` by ${event.actor.name}, `, time(event.at),
      event.fromStatus || event.toStatus ? ` — ${label(event.fromStatus) || '—'} → ${label(event.toStatus) || '—'}` : ''),
    detail ? h('p', { class: 'entry-meta' }, detail) : '');
}

/** The form of one action; `submit(form, fieldIds, change, doneMessage)` runs it. */
async function actionForm(action, claim, ctx, submit) {
  const id = claim.id;
  const submitButton = (key, text) => h('button', { type: 'submit', id: `${key}-submit`, class: 'primary' }, text);
  const options = (list) => list.map((value) => [value, label(value)]);
  const run = (query, input) => (expectedVersion) => gql(query, { input: { claimId: id, ...input, expectedVersion } });

  switch (action) {
    case 'FLAG': {
      const fieldIds = { reason: 'flag-reason', priority: 'flag-priority' };
      return form({ id: 'flag-form', 'aria-label': 'Flag the claim' }, [
        field({ id: 'flag-reason', label: 'Why is it worth checking?', kind: 'textarea', required: true }),
        field({ id: 'flag-priority', label: 'Priority', kind: 'select', options: options(PRIORITIES), value: claim.priority === 'NORMAL' ? 'HIGH' : claim.priority }),
        submitButton('flag', 'Flag the claim'),
      ], (element) => {
        const v = values(element);
        return submit(element, fieldIds, run('mutation DeskFlag($input: FlagClaimInput!) { flagClaim(input: $input) { claim { version } } }',
          { reason: v['flag-reason'], priority: v['flag-priority'] }), 'Flagged.');
      });
    }
    case 'ASSIGN': {
      const fieldIds = { assigneeId: 'assign-user' };
      const canAssignOthers = (ROLE_RANK[ctx.viewer.role] ?? 0) >= ROLE_RANK.EDITOR;
      const users = canAssignOthers ? await assignableUsers(ctx.viewer) : [ctx.viewer];
      return form({ id: 'assign-form', 'aria-label': 'Assign the claim' }, [
        field({
          id: 'assign-user', label: 'Assign to', kind: 'select', required: true,
          options: users.map((user) => [user.id, `${user.name} (${user.role.toLowerCase()})${user.id === ctx.viewer.id ? ' — me' : ''}`]),
          value: claim.assignee?.id ?? ctx.viewer.id,
          hint: canAssignOthers ? '' : 'Reviewers can assign only themselves.',
        }),
        submitButton('assign', 'Assign'),
      ], (element) => submit(element, fieldIds, run('mutation DeskAssign($input: AssignClaimInput!) { assignClaim(input: $input) { claim { version } } }',
        { assigneeId: values(element)['assign-user'] }), 'Assigned.'));
    }
    case 'START_REVIEW':
      return form({ id: 'start-form', 'aria-label': 'Start the review' }, [
        h('p', {}, 'Move the claim from Flagged to In review.'),
        submitButton('start', 'Start the review'),
      ], (element) => submit(element, {}, run('mutation DeskStart($input: StartReviewInput!) { startReview(input: $input) { claim { version } } }', {}), 'Review started.'));
    case 'ATTACH_EVIDENCE': {
      const fieldIds = {
        url: 'evidence-url', title: 'evidence-title', publisher: 'evidence-publisher', excerpt: 'evidence-excerpt',
        stance: 'evidence-stance', publishedAt: 'evidence-published-at',
      };
      return form({ id: 'evidence-form', 'aria-label': 'Attach evidence' }, [
        field({ id: 'evidence-url', label: 'URL', type: 'url', required: true, hint: 'An absolute http or https address, once per claim.' }),
        field({ id: 'evidence-title', label: 'Title', required: true }),
        field({ id: 'evidence-publisher', label: 'Publisher' }),
        field({ id: 'evidence-excerpt', label: 'Excerpt (the passage that matters)', kind: 'textarea' }),
        field({ id: 'evidence-stance', label: 'Stance', kind: 'select', options: options(STANCES), value: 'CONTEXT', required: true }),
        field({ id: 'evidence-published-at', label: 'Published on', type: 'date' }),
        submitButton('evidence', 'Attach evidence'),
      ], (element) => {
        const v = values(element);
        const date = optional(v['evidence-published-at']);
        return submit(element, fieldIds, run('mutation DeskEvidence($input: AttachEvidenceInput!) { attachEvidence(input: $input) { evidence { id } claim { version } } }', {
          url: v['evidence-url'].trim(), title: v['evidence-title'], publisher: optional(v['evidence-publisher']),
          excerpt: optional(v['evidence-excerpt']), stance: v['evidence-stance'],
          publishedAt: date ? `${date}T00:00:00Z` : null,
        }), 'Evidence attached.');
      });
    }
    case 'ADD_NOTE':
      return form({ id: 'note-form', 'aria-label': 'Add a note' }, [
        field({ id: 'note-body', label: 'Note', kind: 'textarea', required: true }),
        submitButton('note', 'Add the note'),
      ], (element) => submit(element, { body: 'note-body' }, run('mutation DeskNote($input: AddNoteInput!) { addNote(input: $input) { note { id } claim { version } } }',
        { body: values(element)['note-body'] }), 'Note added.'));
    case 'CLOSE_REVIEW': {
      const unreviewed = claim.status === 'NEW' || claim.status === 'FLAGGED';
      const verdicts = unreviewed ? ['NOT_CHECKABLE'] : VERDICTS;
      return form({ id: 'close-form', 'aria-label': 'Close the review' }, [
        field({
          id: 'close-verdict', label: 'Verdict', kind: 'select', required: true,
          options: unreviewed ? options(verdicts) : [['', 'Choose a verdict…'], ...options(verdicts)],
          value: unreviewed ? 'NOT_CHECKABLE' : '',
          hint: unreviewed
            ? 'A claim that was never reviewed can only be closed as not checkable (an opinion or a prediction).'
            : 'Every verdict but Unproven and Not checkable needs at least one piece of evidence.',
        }),
        field({ id: 'close-summary', label: 'Summary (the reasoning behind the verdict)', kind: 'textarea', required: true }),
        field({
          id: 'close-correction', label: 'Correction (what changed and why)', kind: 'textarea',
          hint: 'Needed only when this claim already had a published verdict; readers see it.',
        }),
        submitButton('close', 'Close the review'),
      ], (element) => {
        const v = values(element);
        const input = { verdict: v['close-verdict'], summary: v['close-summary'] };
        if (v['close-correction']?.trim()) input.correction = v['close-correction'];
        return submit(element, { verdict: 'close-verdict', summary: 'close-summary', correction: 'close-correction' },
          run('mutation DeskClose($input: CloseReviewInput!) { closeReview(input: $input) { claim { version } } }',
            input), 'Review closed.');
      });
    }
    case 'REOPEN_REVIEW':
      return form({ id: 'reopen-form', 'aria-label': 'Reopen the review' }, [
        field({ id: 'reopen-reason', label: 'Why does the verdict need another look?', kind: 'textarea', required: true }),
        submitButton('reopen', 'Reopen the review'),
      ], (element) => submit(element, { reason: 'reopen-reason' }, run('mutation DeskReopen($input: ReopenReviewInput!) { reopenReview(input: $input) { claim { version } } }',
        { reason: values(element)['reopen-reason'] }), 'Review reopened.'));
    case 'APPROVE_VERDICT':
      return form({ id: 'approve-form', 'aria-label': 'Approve the verdict' }, [
        h('p', {}, 'Approving publishes the verdict as it stands; an editor other than the one who closed the review approves it.'),
        submitButton('approve', 'Approve and publish'),
      ], (element) => submit(element, {}, run('mutation DeskApprove($input: ApproveVerdictInput!) { approveVerdict(input: $input) { claim { version } } }',
        {}), 'Verdict approved and published.'));
    case 'REJECT_VERDICT':
      return form({ id: 'reject-form', 'aria-label': 'Send the verdict back to review' }, [
        field({ id: 'reject-reason', label: 'What must change before it is published?', kind: 'textarea', required: true }),
        submitButton('reject', 'Send back to review'),
      ], (element) => submit(element, { reason: 'reject-reason' }, run('mutation DeskReject($input: RejectVerdictInput!) { rejectVerdict(input: $input) { claim { version } } }',
        { reason: values(element)['reject-reason'] }), 'Verdict sent back to review.'));
    default:
      return h('p', {}, `The desk cannot do ${action} yet.`);
  }
}
