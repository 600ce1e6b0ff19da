// Form fields with their labels and error slots, and the handling of an API error on a form:
// an error naming a field (`extensions.field`) is shown beside that field (aria-invalid,
// aria-describedby → `<id>-error`); any other goes to the form's alert region.

import { h } from './dom.js';
import { ApiError, describe } from './api.js';

/**
 * A labelled control. `kind` is 'input' (default), 'textarea' or 'select'; `options` is a
 * list of [value, text] for selects. The error slot has the id `<id>-error`.
 */
export function field({ id, label, kind = 'input', type = 'text', options = [], required = false,
  value = '', hint = '', multiple = false, attributes = {} }) {
  const describedBy = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  let control;
  const common = { id, name: id, required, 'aria-describedby': describedBy, ...attributes };
  if (kind === 'textarea') {
    control = h('textarea', { rows: 4, ...common }, value);
  } else if (kind === 'select') {
    control = h('select', { multiple, ...common },
      options.map(([optionValue, text]) => h('option', {
        value: optionValue,
        selected: Array.isArray(value) ? value.includes(optionValue) : value === optionValue,
      }, text)));
  } else {
    control = h('input', { type, value, ...common });
  }
  return h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'required' }, ' (required)') : ''),
    hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : '',
    control,
    h('p', { id: `${id}-error`, class: 'field-error' }));
}

/** Clears the errors shown on `form`. */
export function clearErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
  const alert = form.querySelector('.form-alert');
  if (alert) alert.textContent = '';
}

/**
 * Shows `error` on `form`: beside the field it names (`fieldIds` maps API field names to
 * control ids) or in the form's alert region. Returns true when it named a field.
 */
export function showError(form, error, fieldIds = {}) {
  clearErrors(form);
  if (error instanceof ApiError && error.field) {
    const id = fieldIds[error.field] ?? fieldIds[error.field.split('.').pop()];
    const control = id && form.querySelector(`#${CSS.escape(id)}`);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      // "url: is not an absolute URL" → "Is not an absolute URL", beside the URL field.
      const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
      form.querySelector(`#${CSS.escape(id)}-error`).textContent = message.charAt(0).toUpperCase() + message.slice(1);
      control.focus();
      return true;
    }
  }
  const alert = form.querySelector('.form-alert');
  if (alert) alert.textContent = describe(error);
  return false;
}

/** A form that never submits natively (the policy forbids it): `onSubmit(form)` runs instead. */
export function form(attributes, children, onSubmit) {
  const element = h('form', { novalidate: true, ...attributes },
    h('div', { class: 'form-alert', role: 'alert' }), children);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (element.dataset.busy) return;
    if (!checkRequired(element)) return;
    element.dataset.busy = 'true';
    const buttons = element.querySelectorAll('button[type=submit]');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await onSubmit(element);
    } finally {
      delete element.dataset.busy;
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return element;
}

/** Marks blank required fields; true when there is none. */
function checkRequired(element) {
  clearErrors(element);
  let first = null;
  for (const control of element.querySelectorAll('[required]')) {
    if (String(control.value).trim() === '') {
      control.setAttribute('aria-invalid', 'true');
      element.querySelector(`#${CSS.escape(control.id)}-error`).textContent = 'This is required.';
      first ??= control;
    }
  }
  if (first) first.focus();
  return !first;
}

/** The values of the named controls of `element`, multi-selects as arrays. */
export function values(element) {
  const result = {};
  for (const control of element.querySelectorAll('input, textarea, select')) {
    if (!control.id) continue;
    if (control instanceof HTMLSelectElement && control.multiple) {
      result[control.id] = Array.from(control.selectedOptions, (o) => o.value);
    } else if (control.type === 'checkbox') {
      result[control.id] = control.checked;
    } else {
      result[control.id] = control.value;
    }
  }
  return result;
}

/** Puts values taken by `values` back (after a re-render). */
export function restore(element, saved) {
  for (const [id, value] of Object.entries(saved)) {
    const control = element.querySelector(`#${CSS.escape(id)}`);
    if (!control) continue;
    if (Array.isArray(value)) {
      for (const option of control.options) option.selected = value.includes(option.value);
    } else if (control.type === 'checkbox') {
      control.checked = value;
    } else {
      control.value = value;
    }
  }
}

/** Trimmed text, or null when blank (for optional API fields). */
export function optional(text) {
  const trimmed = String(text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}
