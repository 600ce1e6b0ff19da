// Ingestion: paste an article and let the claim detector propose its check-worthy claims
// (`ingestArticle` with `detectClaims: true`); the proposals are listed strongest first.

import { h, replace, label, claimPath } from '../dom.js';
import { gql } from '../api.js';
import { field, form, showError, values, optional } from '../forms.js';

const INGEST = `mutation DeskIngest($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    outcome reanchored anchorsLost
    article { id title revision }
    claims { id text status checkWorthiness category source { name } }
  }
}`;

const OUTCOMES = {
  CREATED: 'The article is new.',
  UNCHANGED: 'The article was already known with this text; only claims it did not have were added.',
  REVISED: 'The article was known with another text: this one is stored as a revision and its claims were re-anchored.',
};

export function render(root, ctx) {
  ctx.setTitle('Ingest an article');
  const results = h('section', { id: 'ingest-results', class: 'ingest-results', 'aria-live': 'polite', 'aria-labelledby': 'ingest-results-heading' });
  const fieldIds = { url: 'ingest-url', title: 'ingest-title', publisher: 'ingest-publisher', body: 'ingest-body' };
  const ingestForm = form({ id: 'ingest-form', 'aria-labelledby': 'ingest-heading' }, [
    field({ id: 'ingest-url', label: 'URL', type: 'url', required: true, hint: 'Where the article is published; it identifies the article.' }),
    field({ id: 'ingest-title', label: 'Headline', required: true }),
    field({ id: 'ingest-publisher', label: 'Publisher' }),
    field({ id: 'ingest-body', label: 'Article text', kind: 'textarea', required: true, attributes: { rows: '14' } }),
    h('button', { type: 'submit', id: 'ingest-submit', class: 'primary' }, 'Ingest and detect claims'),
  ], async (element) => {
    const v = values(element);
    try {
      const { ingestArticle: result } = await gql(INGEST, { input: {
        url: v['ingest-url'].trim(), title: v['ingest-title'], publisher: optional(v['ingest-publisher']),
        body: v['ingest-body'], detectClaims: true,
      } });
      showResults(results, result);
      ctx.refreshCounts();
      results.querySelector('h2').focus();
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED') { ctx.fail(error); return; }
      showError(element, error, fieldIds);
      const items = error.extensions?.items;
      if (Array.isArray(items) && items.length) {
        element.querySelector('.form-alert').append(h('ul', {}, items.map((item) => h('li', {}, `Claim ${item.index}, ${item.field}: ${item.message}`))));
      }
    }
  });
  replace(root,
    h('h1', { id: 'ingest-heading', tabindex: '-1' }, 'Ingest an article'),
    h('p', {}, 'Paste an article. ClaimDesk records it and proposes the check-worthy claims it finds; they enter as New.'),
    ingestForm,
    results);
  return null;
}

function showResults(container, result) {
  const claims = [...result.claims].sort((a, b) => (b.checkWorthiness ?? -1) - (a.checkWorthiness ?? -1));
  replace(container,
    h('h2', { id: 'ingest-results-heading', tabindex: '-1' }, `Proposed claims (${claims.length})`),
    h('p', { id: 'ingest-outcome' }, h('strong', {}, label(result.outcome)), ': ', OUTCOMES[result.outcome] ?? '',
      result.reanchored ? ` ${result.reanchored} claims moved.` : '',
      result.anchorsLost ? ` ${result.anchorsLost} claims lost their quote.` : ''),
    h('p', {}, h('a', { href: `/desk?article=${encodeURIComponent(result.article.id)}&order=SPAN:ASC` },
      `All claims of “${result.article.title}”, in the order of its text`)),
    claims.length
      ? h('ol', { class: 'proposals' }, claims.map((claim) => h('li', { dataset: { claimId: claim.id } },
        h('a', { href: claimPath(claim.id) }, claim.text),
        h('p', { class: 'row-meta' },
          h('span', {}, `Check-worthiness ${claim.checkWorthiness?.toFixed(2) ?? '—'}`),
          h('span', {}, claim.category ? label(claim.category) : 'No category'),
          h('span', {}, claim.source ? `Source: ${claim.source.name}` : 'No source')))))
      : h('p', {}, 'No new claims were proposed.'));
}
