// The claim lists: the queues (by status, assigned to me, triage, anchor lost), search and
// filters, every order, keyset paging with "Load more". The URL's query describes the view,
// so a shared link reopens it. Lists are paged (50 a page) and counted by `totalCount`.

import { h, replace, label, time, claimPath } from '../dom.js';
import { gql, ApiError } from '../api.js';
import { field, form, showError, values } from '../forms.js';
import { assignableUsers } from '../users.js';

const PAGE = 50;
const STATUSES = ['NEW', 'FLAGGED', 'IN_REVIEW', 'AWAITING_APPROVAL', 'CLOSED'];
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const VERDICTS = ['TRUE', 'MOSTLY_TRUE', 'MIXED', 'MISLEADING', 'MOSTLY_FALSE', 'FALSE', 'MISATTRIBUTED', 'UNPROVEN', 'NOT_CHECKABLE'];
const CATEGORIES = ['STATISTIC', 'EVENT', 'QUOTE', 'PREDICTION', 'OPINION'];
const ORDERS = ['CREATED_AT', 'UPDATED_AT', 'FLAGGED_AT', 'PRIORITY', 'CHECK_WORTHINESS', 'SPAN', 'RELEVANCE'];
const ORDER_NAMES = {
  CREATED_AT: 'Recorded', UPDATED_AT: 'Last changed', FLAGGED_AT: 'Flagged', PRIORITY: 'Priority',
  CHECK_WORTHINESS: 'Check-worthiness', SPAN: 'Position in the article (needs an article)',
  RELEVANCE: 'Relevance (needs a search)',
};
const LIST_FILTERS = ['status', 'priority', 'verdict', 'category'];

const LIST_QUERY = `query DeskList($filter: ClaimFilter, $orderBy: ClaimOrder, $first: Int, $after: String) {
  claims(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id text status priority verdict flaggedAt anchorLost checkWorthiness category
      article { title } source { name kind } assignee { name }
      evidenceCount latestNote { body } history(last: 3) { kind at }
    } }
  }
}`;

/** The queue a `queue=` parameter names: its title and the filter and order it starts from. */
function queuePreset(queue, viewer, days) {
  if (STATUSES.includes(queue)) {
    return { title: `${label(queue)} claims`, filter: { status: [queue] }, order: null };
  }
  switch (queue) {
    case 'mine':
      return { title: 'Assigned to me', filter: { assigneeId: viewer.id }, order: 'PRIORITY:DESC' };
    case 'triage':
      return {
        title: 'Triage',
        filter: {
          priority: ['HIGH', 'URGENT'], status: ['FLAGGED', 'IN_REVIEW'],
          flaggedBefore: new Date(Date.now() - days * 86400000).toISOString(),
        },
        order: 'FLAGGED_AT:ASC',
      };
    case 'anchor-lost':
      return { title: 'Anchor lost', filter: { anchorLost: true }, order: null };
    default:
      return { title: 'All claims', filter: {}, order: null };
  }
}

/** The list the URL describes: `{ queue, title, filter, order, days, names }`. */
export function viewFromParams(params, viewer) {
  const queue = params.get('queue');
  const asked = Number(params.get('days'));
  const days = params.has('days') && asked >= 0 ? asked : 2;
  const preset = queuePreset(queue, viewer, days);
  const filter = { ...preset.filter };
  for (const name of LIST_FILTERS) {
    if (params.has(name)) {
      const list = params.get(name).split(',').map((v) => v.trim().toUpperCase()).filter(Boolean);
      if (list.length) filter[name] = list; else delete filter[name];
    }
  }
  if (params.get('search')) filter.search = params.get('search');
  if (params.get('source')) filter.sourceId = params.get('source');
  if (params.get('article')) filter.articleId = params.get('article');
  const assignee = params.get('assignee');
  if (assignee === 'none') { delete filter.assigneeId; filter.unassigned = true; } else if (assignee) filter.assigneeId = assignee;
  if (params.get('minCw')) filter.minCheckWorthiness = Number(params.get('minCw'));
  const order = params.get('order') || preset.order;
  let title = preset.title;
  if (filter.search && !queue) title = `Search: ${filter.search}`;
  return { queue, title, filter, order, days };
}

function orderBy(order) {
  if (!order) return null;
  const [fieldName, direction = 'ASC'] = order.split(':');
  return { field: fieldName.toUpperCase(), direction: direction.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' };
}

export async function render(root, ctx, params) {
  const view = viewFromParams(params, ctx.viewer);
  ctx.setTitle(view.title);
  let loaded = []; // claims shown, in order
  let pageInfo = { hasNextPage: false, endCursor: null };
  let total = 0;
  let refreshTimer = null;
  let disposed = false;

  const heading = h('h1', { id: 'list-heading', tabindex: '-1' }, view.title);
  const listElement = h('ul', { id: 'claim-list', class: 'claim-list', 'aria-labelledby': 'list-heading' });
  const summary = h('p', { class: 'list-summary' },
    'Showing ', h('span', { id: 'shown-count' }, '0'), ' of ', h('span', { id: 'total-count' }, '…'), ' claims');
  const loadMore = h('button', { type: 'button', id: 'load-more', hidden: true }, 'Load more');
  const filters = filterForm(view, params, ctx);
  replace(root, heading, filters, h('section', { class: 'results', 'aria-label': 'Claims' }, summary, listElement, loadMore));

  loadMore.addEventListener('click', async () => {
    loadMore.disabled = true;
    try {
      const page = await fetchPage(PAGE, pageInfo.endCursor);
      if (disposed) return;
      const firstNew = page.edges[0]?.node.id;
      loaded = loaded.concat(page.edges.map((edge) => edge.node));
      pageInfo = page.pageInfo;
      total = page.totalCount;
      draw();
      if (firstNew) listElement.querySelector(`li[data-claim-id="${CSS.escape(firstNew)}"] a`)?.focus();
    } catch (error) {
      ctx.fail(error);
    } finally {
      loadMore.disabled = false;
    }
  });

  function fetchPage(first, after) {
    const variables = { filter: view.filter, first, after };
    const order = orderBy(view.order);
    if (order) variables.orderBy = order;
    return gql(LIST_QUERY, variables).then((data) => data.claims);
  }

  /** Reads the list again, as many claims as are shown (pages of up to 100). */
  async function reload() {
    const want = Math.max(PAGE, loaded.length);
    let claims = [];
    let info = { hasNextPage: true, endCursor: null };
    let count = 0;
    while (claims.length < want && info.hasNextPage) {
      const page = await fetchPage(Math.min(100, want - claims.length), info.endCursor);
      claims = claims.concat(page.edges.map((edge) => edge.node));
      info = page.pageInfo;
      count = page.totalCount;
    }
    if (disposed) return;
    loaded = claims;
    pageInfo = info;
    total = count;
    draw();
  }

  function draw() {
    const focusedId = document.activeElement?.closest?.('#claim-list li')?.dataset.claimId;
    listElement.replaceChildren(...loaded.map(row));
    if (!loaded.length) listElement.append(h('li', { class: 'empty' }, 'No claims match this view.'));
    document.getElementById('shown-count').textContent = loaded.length.toLocaleString();
    document.getElementById('total-count').textContent = String(total);
    loadMore.hidden = !pageInfo.hasNextPage;
    if (focusedId) listElement.querySelector(`li[data-claim-id="${CSS.escape(focusedId)}"] a`)?.focus();
  }

  try {
    await reload();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
      showError(filters, error, { search: 'search', orderBy: 'filter-order', order: 'filter-order', minCheckWorthiness: 'filter-min-cw' });
    } else {
      ctx.fail(error);
    }
  }

  return {
    onEvent() {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => reload().catch(ctx.fail), 500);
    },
    refresh() { reload().catch(ctx.fail); },
    dispose() { disposed = true; clearTimeout(refreshTimer); },
  };
}

/** One row: the claim's text as a link, then what a desk row shows. */
function row(claim) {
  const last = claim.history.at(-1);
  return h('li', { class: 'claim-row', dataset: { claimId: claim.id } },
    h('a', { href: claimPath(claim.id), class: 'claim-link' }, claim.text),
    h('p', { class: 'row-meta' },
      h('span', { class: `badge status-${claim.status}` }, label(claim.status)),
      h('span', { class: `badge priority-${claim.priority}` }, `${label(claim.priority)} priority`),
      claim.verdict ? h('span', { class: 'badge verdict' }, label(claim.verdict)) : '',
      claim.anchorLost ? h('span', { class: 'badge warning' }, 'Anchor lost') : '',
      h('span', {}, claim.source ? `Source: ${claim.source.name}` : 'No source'),
      h('span', {}, `In “${claim.article.title}”`),
      h('span', {}, claim.assignee ? `Assigned to ${claim.assignee.name}` : 'Unassigned'),
      h('span', {}, `${claim.evidenceCount} evidence`),
      claim.checkWorthiness !== null ? h('span', {}, `Check-worthiness ${claim.checkWorthiness.toFixed(2)}${claim.category ? ` (${label(claim.category)})` : ''}`) : '',
      claim.flaggedAt ? h('span', {}, 'Flagged ', time(claim.flaggedAt)) : '',
      last ? h('span', {}, `Last: ${label(last.kind)} `, time(last.at)) : ''),
    claim.latestNote ? h('p', { class: 'row-note' }, h('span', { class: 'note-label' }, 'Latest note: '), claim.latestNote.body) : '');
}

/** The search box and the filters; applying them changes the URL. */
function filterForm(view, params, ctx) {
  const { filter } = view;
  const [orderField = '', orderDirection = 'ASC'] = (view.order ?? '').split(':');
  const sources = new Map(); // name → id, from the suggestions
  const articles = new Map(); // title → id
  const options = (list) => list.map((value) => [value, label(value)]);

  const sourceField = field({ id: 'filter-source', label: 'Source', type: 'search', hint: 'Type part of a name and pick a suggestion.', attributes: { list: 'filter-source-options', autocomplete: 'off' } });
  const articleField = field({ id: 'filter-article', label: 'Article', type: 'search', hint: 'Type part of a headline and pick a suggestion.', attributes: { list: 'filter-article-options', autocomplete: 'off' } });
  const assigneeField = field({ id: 'filter-assignee', label: 'Assignee', kind: 'select', options: [['', 'Anyone'], ['none', 'Nobody (unassigned)']] });
  const element = form({ id: 'filters', class: 'filters', role: 'search', 'aria-label': 'Search and filter claims' }, [
    h('div', { class: 'search-row' },
      field({ id: 'search', label: 'Search claims', type: 'search', value: filter.search ?? '', hint: 'Words of the text, quote or source name; "llam meta" finds “Meta’s Llama”.' }),
      h('button', { type: 'submit', id: 'search-submit', class: 'primary' }, 'Search')),
    view.queue === 'triage'
      ? field({ id: 'triage-days', label: 'Flagged more than this many days ago', type: 'number', value: String(view.days), attributes: { min: '0', step: '1' } })
      : '',
    h('details', { class: 'more-filters', open: hasFilters(params) || undefined },
      h('summary', {}, 'Filters and order'),
      h('div', { class: 'filter-grid' },
        field({ id: 'filter-status', label: 'Status', kind: 'select', multiple: true, options: options(STATUSES), value: filter.status ?? [] }),
        field({ id: 'filter-priority', label: 'Priority', kind: 'select', multiple: true, options: options(PRIORITIES), value: filter.priority ?? [] }),
        field({ id: 'filter-verdict', label: 'Verdict', kind: 'select', multiple: true, options: options(VERDICTS), value: filter.verdict ?? [] }),
        field({ id: 'filter-category', label: 'Category', kind: 'select', multiple: true, options: options(CATEGORIES), value: filter.category ?? [] }),
        sourceField, h('datalist', { id: 'filter-source-options' }),
        articleField, h('datalist', { id: 'filter-article-options' }),
        assigneeField,
        field({ id: 'filter-min-cw', label: 'Check-worthiness at least', type: 'number', value: filter.minCheckWorthiness ?? '', attributes: { min: '0', max: '1', step: '0.05' } }),
        field({ id: 'filter-order', label: 'Order by', kind: 'select', value: orderField, options: [['', 'Default (oldest first, best match for a search)'], ...ORDERS.map((o) => [o, ORDER_NAMES[o]])] }),
        field({ id: 'filter-direction', label: 'Direction', kind: 'select', value: orderDirection, options: [['ASC', 'Ascending (smallest, oldest first)'], ['DESC', 'Descending (largest, newest first)']] })),
      h('p', { class: 'hint' }, 'In the lists, hold Ctrl (⌘ on a Mac) or Shift to pick several values.'),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', id: 'filter-apply' }, 'Apply filters'),
        h('button', { type: 'button', id: 'filter-clear', onclick: () => ctx.navigate(view.queue ? `/desk?queue=${view.queue}` : '/desk') }, 'Clear filters'))),
  ], async (formElement) => {
    const v = values(formElement);
    const next = new URLSearchParams();
    const preset = queuePreset(view.queue, ctx.viewer, 2);
    if (view.queue) next.set('queue', view.queue);
    if (v['triage-days'] !== undefined && v['triage-days'] !== '' && Number(v['triage-days']) !== 2) next.set('days', v['triage-days']);
    if (v.search.trim()) next.set('search', v.search.trim());
    for (const name of LIST_FILTERS) {
      const chosen = v[`filter-${name}`];
      const base = preset.filter[name] ?? [];
      if (chosen.join(',') !== base.join(',')) next.set(name, chosen.join(','));
    }
    const source = await pick(v['filter-source'], sources, lookupSource);
    if (source === false) return showError(formElement, new ApiError('No source has that name; pick one of the suggestions.', 'BAD_USER_INPUT', { field: 'source' }), { source: 'filter-source' });
    if (source) next.set('source', source);
    const article = await pick(v['filter-article'], articles, lookupArticle);
    if (article === false) return showError(formElement, new ApiError('No article has that headline; pick one of the suggestions.', 'BAD_USER_INPUT', { field: 'article' }), { article: 'filter-article' });
    if (article) next.set('article', article);
    if (v['filter-assignee'] && v['filter-assignee'] !== preset.filter.assigneeId) next.set('assignee', v['filter-assignee']);
    if (v['filter-min-cw'] !== '') {
      const score = Number(v['filter-min-cw']);
      if (!(score >= 0 && score <= 1)) return showError(formElement, new ApiError('Give a score from 0 to 1.', 'BAD_USER_INPUT', { field: 'minCw' }), { minCw: 'filter-min-cw' });
      next.set('minCw', String(score));
    }
    if (v['filter-order']) {
      if (v['filter-order'] === 'SPAN' && !article) return showError(formElement, new ApiError('Ordering by position in the article needs an article: pick one.', 'BAD_USER_INPUT', { field: 'order' }), { order: 'filter-order' });
      if (v['filter-order'] === 'RELEVANCE' && !next.get('search')) return showError(formElement, new ApiError('Ordering by relevance needs a search.', 'BAD_USER_INPUT', { field: 'order' }), { order: 'filter-order' });
      const order = `${v['filter-order']}:${v['filter-direction']}`;
      if (order !== preset.order) next.set('order', order);
    }
    const query = next.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
    ctx.navigate(query ? `/desk?${query}` : '/desk');
  });

  // Suggestions for the source and the article, as the user types.
  suggest(element.querySelector('#filter-source'), element.querySelector('#filter-source-options'), sources, async (text) => {
    const data = await gql('query DeskSources($name: String) { sources(filter: { name: $name }, first: 10) { nodes { id name } } }', { name: text });
    return data.sources.nodes.map((s) => [s.name, s.id]);
  });
  suggest(element.querySelector('#filter-article'), element.querySelector('#filter-article-options'), articles, async (text) => {
    const data = await gql('query DeskArticles($title: String) { articles(filter: { title: $title }, first: 10) { nodes { id title } } }', { title: text });
    return data.articles.nodes.map((a) => [a.title, a.id]);
  });
  // Names for the IDs the URL holds.
  if (filter.sourceId) {
    gql('query DeskSource($id: ID!) { source(id: $id) { id name } }', { id: filter.sourceId })
      .then(({ source }) => { sources.set(source.name, source.id); element.querySelector('#filter-source').value = source.name; })
      .catch(() => {});
  }
  if (filter.articleId) {
    gql('query DeskArticle($id: ID!) { article(id: $id) { id title } }', { id: filter.articleId })
      .then(({ article }) => { articles.set(article.title, article.id); element.querySelector('#filter-article').value = article.title; })
      .catch(() => {});
  }
  assignableUsers(ctx.viewer).then((users) => {
    const select = element.querySelector('#filter-assignee');
    for (const user of users) select.append(h('option', { value: user.id }, `${user.name} (${user.role.toLowerCase()})`));
    select.value = filter.unassigned ? 'none' : (filter.assigneeId ?? '');
  }).catch(() => {});
  return element;
}

function hasFilters(params) {
  return ['status', 'priority', 'verdict', 'category', 'source', 'article', 'assignee', 'minCw', 'order']
    .some((name) => params.has(name));
}

/** The ID for a typed name: from the suggestions, else looked up; '' when blank, false when unknown. */
async function pick(text, known, lookup) {
  const name = String(text ?? '').trim();
  if (!name) return '';
  if (known.has(name)) return known.get(name);
  const found = await lookup(name);
  return found ?? false;
}

async function lookupSource(name) {
  const data = await gql('query DeskSourceByName($name: String) { sources(filter: { name: $name }, first: 20) { nodes { id name } } }', { name });
  const nodes = data.sources.nodes;
  return (nodes.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? (nodes.length === 1 ? nodes[0] : null))?.id;
}

async function lookupArticle(title) {
  const data = await gql('query DeskArticleByTitle($title: String) { articles(filter: { title: $title }, first: 20) { nodes { id title } } }', { title });
  const nodes = data.articles.nodes;
  return (nodes.find((a) => a.title.toLowerCase() === title.toLowerCase()) ?? (nodes.length === 1 ? nodes[0] : null))?.id;
}

/** Fills `datalist` with suggestions for what is typed in `input`, debounced. */
function suggest(input, datalist, known, fetchSuggestions) {
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text || known.has(text)) return;
    timer = setTimeout(async () => {
      try {
        const found = await fetchSuggestions(text);
        for (const [name, id] of found) known.set(name, id);
        datalist.replaceChildren(...found.map(([name]) => h('option', { value: name })));
      } catch { /* suggestions are a convenience */ }
    }, 250);
  });
}
