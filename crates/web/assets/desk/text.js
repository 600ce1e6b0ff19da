// Article text with a claim's quote highlighted. Spans count Unicode code points with the end
// exclusive (W3C TextPositionSelector), so the body is split into code points, never sliced
// by UTF-16 units: the highlight stays right after emoji and other astral characters.

import { h } from './dom.js';

/** The three parts of `body` around the code-point span [start, end). */
export function splitAtSpan(body, start, end) {
  const points = Array.from(body);
  const from = Math.max(0, Math.min(start, points.length));
  const to = Math.max(from, Math.min(end, points.length));
  return [
    points.slice(0, from).join(''),
    points.slice(from, to).join(''),
    points.slice(to).join(''),
  ];
}

/** Fills `container` with `body`, the span in a <mark>; returns the mark. */
export function renderHighlighted(container, body, span) {
  const [before, quote, after] = splitAtSpan(body, span.start, span.end);
  const mark = h('mark', { id: 'quote-mark' }, quote);
  container.replaceChildren(before, mark, after);
  return mark;
}

/** Scrolls `container` (not the page) so that `mark` sits in its upper third. */
export function scrollToMark(container, mark) {
  container.scrollTop = Math.max(0, mark.offsetTop - container.clientHeight / 3);
}
