// Sign-in: the user pastes an API token (cdk_…). It is checked with `viewer`, then kept in
// sessionStorage for this tab only; it never appears in a URL.

import { h, replace } from '../dom.js';
import { gql, session, ApiError } from '../api.js';
import { field, form, showError } from '../forms.js';

const VIEWER = 'query DeskViewer { viewer { id name role } }';

export function render(root, { message, onSignedIn }) {
  const signInForm = form({ id: 'signin-form', 'aria-labelledby': 'signin-heading' }, [
    field({
      id: 'signin-token', label: 'API token', type: 'password', required: true,
      hint: 'Paste the token an admin gave you; it starts with cdk_. It is kept in this tab only.',
      attributes: { autocomplete: 'off', spellcheck: 'false' },
    }),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'signin-submit', class: 'primary' }, 'Sign in'),
      h('button', { type: 'button', id: 'signin-anonymous', onclick: anonymous }, 'Continue without a token')),
  ], async (element) => {
    const token = element.querySelector('#signin-token').value.trim();
    session.token = token;
    try {
      const { viewer } = await gql(VIEWER);
      onSignedIn(viewer);
    } catch (error) {
      session.token = null;
      const refused = error instanceof ApiError && error.code === 'UNAUTHENTICATED';
      showError(element, refused
        ? new ApiError('This token was refused: it is unknown, revoked or mistyped.', error.code, { field: 'token' })
        : error, { token: 'signin-token' });
    }
  });

  async function anonymous() {
    session.token = null;
    try {
      const { viewer } = await gql(VIEWER);
      onSignedIn(viewer);
    } catch (error) {
      showError(signInForm, error instanceof ApiError && error.code === 'UNAUTHENTICATED'
        ? new ApiError('This server needs a token.', error.code) : error);
    }
  }

  replace(root,
    h('section', { class: 'signin', 'aria-labelledby': 'signin-heading' },
      h('h1', { id: 'signin-heading', tabindex: '-1' }, 'Sign in to ClaimDesk'),
      message ? h('p', { class: 'notice' }, message) : '',
      signInForm));
  root.querySelector('#signin-token').focus();
}
