// Desk counts: claims by status and verdict, open claims per assignee, flag-to-close times,
// and claims closed per day as an SVG bar chart built with DOM APIs (with a table beside it).

import { h, replace, label, duration } from '../dom.js';
import { gql } from '../api.js';

const STATS = `query DeskCounts($days: Int!) {
  stats(days: $days) {
    byStatus { status count }
    byVerdict { verdict count }
    openByAssignee { assignee { id name } openClaims }
    flagToClose { closed medianSeconds p90Seconds }
    closedPerDay { date count }
  }
}`;
const SVG = 'http://www.w3.org/2000/svg';
const DAYS = 30;

export async function render(root, ctx) {
  ctx.setTitle('Desk counts');
  let timer = null;
  const heading = h('h1', { id: 'counts-heading', tabindex: '-1' }, 'Desk counts');
  const body = h('div', { id: 'counts', class: 'counts', 'aria-labelledby': 'counts-heading' }, h('p', {}, 'Loading…'));
  replace(root, heading, body);

  async function load() {
    const { stats } = await gql(STATS, { days: DAYS });
    if (!ctx.isCurrent()) return;
    replace(body,
      h('section', { 'aria-labelledby': 'by-status-heading', class: 'count-card' },
        h('h2', { id: 'by-status-heading' }, 'By status'),
        table('by-status', ['Status', 'Claims'], stats.byStatus.map((entry) => [
          h('a', { href: `/desk?queue=${entry.status}` }, label(entry.status)), entry.count.toLocaleString()]))),
      h('section', { 'aria-labelledby': 'by-verdict-heading', class: 'count-card' },
        h('h2', { id: 'by-verdict-heading' }, 'Closed, by verdict'),
        table('by-verdict', ['Verdict', 'Claims'], stats.byVerdict.map((entry) => [
          h('a', { href: `/desk?queue=CLOSED&verdict=${entry.verdict}` }, label(entry.verdict)), entry.count.toLocaleString()]))),
      h('section', { 'aria-labelledby': 'by-assignee-heading', class: 'count-card' },
        h('h2', { id: 'by-assignee-heading' }, 'Open claims per assignee'),
        table('open-by-assignee', ['Assignee', 'Open claims'], stats.openByAssignee.map((load) => [
          load.assignee
            ? h('a', { href: `/desk?assignee=${encodeURIComponent(load.assignee.id)}&status=NEW,FLAGGED,IN_REVIEW` }, load.assignee.name)
            : h('a', { href: '/desk?assignee=none&status=NEW,FLAGGED,IN_REVIEW' }, 'Unassigned'),
          load.openClaims.toLocaleString()]))),
      h('section', { 'aria-labelledby': 'flag-to-close-heading', class: 'count-card' },
        h('h2', { id: 'flag-to-close-heading' }, 'From flag to close'),
        h('dl', { id: 'flag-to-close', class: 'facts' },
          h('dt', {}, 'Reviews closed'), h('dd', {}, stats.flagToClose.closed.toLocaleString()),
          h('dt', {}, 'Median'), h('dd', {}, duration(stats.flagToClose.medianSeconds)),
          h('dt', {}, '90th percentile'), h('dd', {}, duration(stats.flagToClose.p90Seconds)))),
      h('section', { 'aria-labelledby': 'closed-per-day-heading', class: 'count-card wide' },
        h('h2', { id: 'closed-per-day-heading' }, `Closed per day, last ${DAYS} days`),
        barChart(stats.closedPerDay),
        h('details', {}, h('summary', {}, 'The same as a table'),
          table('closed-per-day-table', ['Day', 'Closed'], stats.closedPerDay.map((day) => [day.date, String(day.count)])))));
  }

  await load();
  return {
    onEvent() {
      clearTimeout(timer);
      timer = setTimeout(() => load().catch(ctx.fail), 800);
    },
    refresh() { load().catch(ctx.fail); },
    dispose() { clearTimeout(timer); },
  };
}

function table(id, headings, rows) {
  return h('table', { id },
    h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.length
      ? rows.map((cells) => h('tr', {}, cells.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))))
      : h('tr', {}, h('td', { colspan: String(headings.length) }, 'None'))));
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** Bars of closings per day, each with a <title>; the chart has a title and a description. */
function barChart(days) {
  const width = 720, height = 200, top = 16, bottom = 28, left = 36;
  const max = Math.max(1, ...days.map((day) => day.count));
  const step = (width - left) / Math.max(1, days.length);
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const busiest = days.reduce((best, day) => (day.count > (best?.count ?? -1) ? day : best), null);
  const chart = svg('svg', {
    id: 'closed-per-day', class: 'bar-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-labelledby': 'closed-per-day-title closed-per-day-desc',
  },
  svg('title', { id: 'closed-per-day-title' }, 'Claims closed per day'),
  svg('desc', { id: 'closed-per-day-desc' }, days.length
    ? `${total} claims closed from ${days[0].date} to ${days.at(-1).date}; the most on ${busiest.date} (${busiest.count}).`
    : 'No days to show.'));
  chart.append(
    svg('line', { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 4, 'text-anchor': 'end', class: 'tick' }, String(max)),
    svg('text', { x: left - 6, y: height - bottom, 'text-anchor': 'end', class: 'tick' }, '0'));
  days.forEach((day, index) => {
    const barHeight = ((height - top - bottom) * day.count) / max;
    const x = left + index * step + step * 0.15;
    chart.append(svg('rect', {
      x, y: height - bottom - barHeight, width: step * 0.7, height: barHeight, class: 'bar',
    }, svg('title', {}, `${day.date}: ${day.count} closed`)));
    if (index % Math.ceil(days.length / 6) === 0) {
      chart.append(svg('text', { x: x + step * 0.35, y: height - 8, 'text-anchor': 'middle', class: 'tick' }, day.date.slice(5)));
    }
  });
  return chart;
}
