// Live claim events over graphql-transport-ws at /graphql/ws: a small client that signs in with
// the connection_init payload, subscribes to claimEvents, answers pings, and after a dropped
// connection reconnects with backoff and resumes after the last event ID it received, so no
// event is missed and none is delivered twice.

import { numericId } from './dom.js';

const EVENTS = `subscription LiveEvents($after: ID) {
  claimEvents(after: $after) {
    id kind at actor { name } fromStatus toStatus
    claim { id status version }
  }
}`;

/**
 * Starts the live feed. `onEvent(event)` gets each new event once; `onState(state, detail)`
 * gets 'connecting' | 'live' | 'offline' | 'unauthenticated'. `after` is where to start: the
 * API's `latestEventId`, read before the views read their data. `onResync()` is called after
 * a reconnection that cannot resume from an event ID (the log was empty at the start and no
 * event came before the drop), so the views read their data again instead.
 * Returns `{ stop() }`.
 */
export function startLive({ authorization, after = null, onEvent, onState, onResync = () => {} }) {
  let socket = null;
  let lastId = after; // the last event ID received, as sent by the server
  let lastNumber = (after && numericId(after)) ?? 0;
  let operation = 0;
  let backoff = 1000;
  let retryTimer = null;
  let stopped = false;
  let connectedBefore = false;

  function connect() {
    if (stopped) return;
    onState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/graphql/ws`, 'graphql-transport-ws');
    const current = socket;
    socket.addEventListener('open', () => {
      const auth = authorization();
      send(current, { type: 'connection_init', payload: auth ? { authorization: auth } : {} });
    });
    socket.addEventListener('message', (message) => receive(current, message));
    socket.addEventListener('close', (close) => {
      if (current !== socket || stopped) return;
      socket = null;
      if (close.code === 4401 || close.code === 4403) {
        onState('unauthenticated');
        return;
      }
      retry(backoff);
      backoff = Math.min(backoff * 2, 30000);
    });
  }

  function retry(delay) {
    clearTimeout(retryTimer);
    onState('offline', Math.round(delay / 1000));
    retryTimer = setTimeout(connect, delay);
  }

  function subscribe(target) {
    operation += 1;
    send(target, {
      id: String(operation),
      type: 'subscribe',
      payload: { query: EVENTS, variables: lastId ? { after: lastId } : {} },
    });
  }

  function receive(target, message) {
    let data;
    try { data = JSON.parse(message.data); } catch { return; }
    switch (data.type) {
      case 'connection_ack':
        backoff = 1000;
        subscribe(target);
        onState('live');
        if (connectedBefore && !lastId) onResync();
        connectedBefore = true;
        break;
      case 'ping':
        send(target, { type: 'pong', payload: data.payload });
        break;
      case 'next': {
        if (data.id !== String(operation)) break;
        const event = data.payload?.data?.claimEvents;
        if (data.payload?.errors?.length) { handleErrors(target, data.payload.errors); break; }
        if (!event) break;
        const number = numericId(event.id) ?? 0;
        if (number && number <= lastNumber) break; // already seen: never shown twice
        lastNumber = number || lastNumber;
        lastId = event.id;
        onEvent(event);
        break;
      }
      case 'error':
        if (data.id === String(operation)) handleErrors(target, data.payload ?? []);
        break;
      case 'complete':
        // The server ended the stream; subscribe again from the last event seen.
        if (data.id === String(operation)) subscribe(target);
        break;
      default:
        break;
    }
  }

  function handleErrors(target, errors) {
    const error = errors[0] ?? {};
    const extensions = error.extensions ?? {};
    switch (extensions.code) {
      case 'SUBSCRIBER_TOO_SLOW':
        if (extensions.resumeAfter) {
          lastId = extensions.resumeAfter;
          lastNumber = numericId(lastId) ?? lastNumber;
        }
        subscribe(target);
        break;
      case 'UNAUTHENTICATED':
        onState('unauthenticated');
        stop();
        break;
      case 'RATE_LIMITED': {
        const seconds = Number(extensions.retryAfter) || 5;
        onState('offline', seconds);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => {
          if (socket !== target) return;
          subscribe(target);
          onState('live');
        }, seconds * 1000);
        break;
      }
      default:
        // Anything else: drop the connection and come back with backoff.
        target.close(1000);
        if (socket === target) { socket = null; retry(backoff); backoff = Math.min(backoff * 2, 30000); }
    }
  }

  function send(target, message) {
    if (target.readyState === WebSocket.OPEN) target.send(JSON.stringify(message));
  }

  function stop() {
    stopped = true;
    clearTimeout(retryTimer);
    const current = socket;
    socket = null;
    if (current) current.close(1000);
  }

  connect();
  return { stop };
}
