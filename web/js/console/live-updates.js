// Follows an event's updates stream (server-sent events). EventSource cannot send the bearer
// token, and a draft or scheduled event is readable only by managers, so this reads the stream
// with fetch, parses its messages, and reconnects with Last-Event-ID as EventSource would.
import { ApiError, session } from '../api.js';

// Splits the text/event-stream body into messages: {event, data, id}; comments are skipped.
export function parseEvents(buffer) {
  const messages = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop();
  for (const block of blocks) {
    const message = { event: 'message', data: [], id: null, retry: null };
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'data') message.data.push(value);
      else if (name === 'event') message.event = value;
      else if (name === 'id') message.id = value;
      else if (name === 'retry') message.retry = Number(value);
    }
    messages.push({ ...message, data: message.data.join('\n') });
  }
  return { messages, rest };
}

// Calls `onMessage(type, data)` for each snapshot/update, `onState('live'|'reconnecting'|'failed',
// detail)` as the connection changes. Answers a function that stops watching.
export function watchUpdates(eventId, { onMessage, onState }) {
  let stopped = false;
  let lastId = null;
  let retryMs = 2000;
  let controller = null;

  async function connect() {
    controller = new AbortController();
    const headers = { Accept: 'text/event-stream' };
    const token = session()?.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (lastId !== null) headers['Last-Event-ID'] = lastId;
    const response = await fetch(`/api/v1/events/${encodeURIComponent(eventId)}/updates`, { headers, signal: controller.signal });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      const error = new ApiError(response.status, body?.error);
      error.final = response.status === 404 || response.status === 401 || response.status === 403;
      throw error;
    }
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const { messages, rest } = parseEvents(buffer + value);
      buffer = rest;
      for (const m of messages) {
        if (m.retry) retryMs = m.retry;
        if (m.id !== null) lastId = m.id;
        if (m.data) onMessage(m.event, JSON.parse(m.data));
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await connect();
        if (!stopped) onState('reconnecting', 'The live connection ended; reconnecting…');
      } catch (error) {
        if (stopped) return;
        if (error.final) {
          onState('failed', error.message);
          return;
        }
        onState('reconnecting', `${error.message} Reconnecting…`);
      }
      await new Promise((resolve) => { setTimeout(resolve, retryMs); });
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
  };
}
