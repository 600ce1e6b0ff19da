// The people a claim can be assigned to, for the assignee picker and the assignee filter:
// `users(filter: {role})` when the server has it, else those the desk counts name, and the viewer.

import { gql, isMissingField } from './api.js';

let cached = null;

/** Users who can review (REVIEWER, EDITOR, ADMIN), by name; loaded once per page. */
export async function assignableUsers(viewer) {
  cached ??= load(viewer).catch((error) => { cached = null; throw error; });
  return cached;
}

/** Forget the list (after signing in as someone else). */
export function forgetUsers() { cached = null; }

async function load(viewer) {
  let users;
  try {
    const data = await gql(`query DeskUsers {
      users(filter: { role: [REVIEWER, EDITOR, ADMIN] }, first: 100) { totalCount nodes { id name role } }
    }`);
    users = data.users.nodes;
  } catch (error) {
    if (!isMissingField(error, 'users')) throw error;
    const data = await gql('query DeskAssignees { stats { openByAssignee { assignee { id name role } } } }');
    users = data.stats.openByAssignee.map((load) => load.assignee).filter(Boolean);
  }
  if (viewer && !users.some((user) => user.id === viewer.id)) users.push(viewer);
  return users.sort((a, b) => a.name.localeCompare(b.name));
}
