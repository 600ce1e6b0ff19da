// Small DOM helpers: build elements without innerHTML, so text from the API is never parsed
// as markup, and format the API's values (times, durations, enum names) for people.

/** `h('a', {href: '/desk', class: 'x'}, 'text', child)`: an element with attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** `IN_REVIEW` → `In review`. */
export function label(value) {
  if (!value) return '';
  const text = String(value).replaceAll('_', ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An instant as local date and time, in a <time> element. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return h('time', { datetime: iso }, date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }));
}

/** Seconds as "3 d 4 h", "2 h 5 min", "40 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'none yet';
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), min = Math.floor((s % 3600) / 60);
  if (d) return hr ? `${d} d ${hr} h` : `${d} d`;
  if (hr) return min ? `${hr} h ${min} min` : `${hr} h`;
  if (min) return `${min} min`;
  return `${s} s`;
}

/** The number inside a Relay global ID (`Q2xhaW06MTA` is `Claim:10`), or null. */
export function numericId(globalId) {
  try {
    const [, number] = atob(globalId).split(':');
    return /^\d+$/.test(number) ? Number(number) : null;
  } catch {
    return null;
  }
}

/** A claim's path in the desk. */
export function claimPath(id) {
  return `/desk/claims/${encodeURIComponent(id)}`;
}
