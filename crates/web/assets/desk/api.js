// The GraphQL API over HTTP (POST /graphql) and the session's token. Every error becomes an
// ApiError carrying the error's `extensions.code`, so views decide by code, not by message.

const TOKEN_KEY = 'claimdesk.token';

/** The token the user pasted, kept for this tab only (never in a URL). */
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  /** The `Authorization` header value, or null without a token. */
  get authorization() { const t = this.token; return t ? `Bearer ${t}` : null; },
};

/** A refused request or a GraphQL error: `code` is `extensions.code`. */
export class ApiError extends Error {
  constructor(message, code, extensions = {}, httpStatus = 0) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.extensions = extensions;
    this.field = extensions.field ?? null;
    this.httpStatus = httpStatus;
    this.retryAfter = extensions.retryAfter ?? null;
  }
}

/** Runs a query or a mutation; resolves with `data`, or rejects with the first error. */
export async function gql(query, variables = {}) {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (session.authorization) headers.authorization = session.authorization;
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit',
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check that it is running.', 'NETWORK');
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, 'HTTP', {}, response.status);
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const error = new ApiError(first.message, extensions.code ?? 'UNKNOWN', extensions, response.status);
    error.errors = body.errors;
    const header = Number(response.headers.get('retry-after'));
    if (header) error.retryAfter = header;
    throw error;
  }
  return body.data;
}

/** Whether `error` says the schema lacks a field this desk can do without (an older server). */
export function isMissingField(error, field) {
  return error instanceof ApiError
    && error.code === 'GRAPHQL_VALIDATION_FAILED'
    && (error.errors ?? [error]).some((e) => e.message.startsWith(`Unknown field "${field}"`));
}

/** A sentence for the user about an error that is not about one form field. */
export function describe(error) {
  if (!(error instanceof ApiError)) return `Something went wrong: ${error?.message ?? error}`;
  switch (error.code) {
    case 'RATE_LIMITED':
      return `Too many requests. Try again in ${error.retryAfter ?? 'a few'} seconds.`;
    case 'FORBIDDEN':
      return `${error.message}${error.extensions.requiredRole ? ` (needs the ${error.extensions.requiredRole} role)` : ''}`;
    case 'TIMEOUT':
      return 'The server took too long to answer. Try again.';
    default:
      return error.message;
  }
}
