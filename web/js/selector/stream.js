// The event's live updates (server-sent events). EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed or starts again with a snapshot.
export function watch(eventId, { onSnapshot, onUpdate, onStatus }) {
  const source = new EventSource(`/api/v1/events/${encodeURIComponent(eventId)}/updates`);
  source.addEventListener('snapshot', (message) => onSnapshot(JSON.parse(message.data)));
  source.addEventListener('update', (message) => onUpdate(JSON.parse(message.data), performance.now()));
  source.addEventListener('open', () => onStatus('live'));
  source.addEventListener('error', () => onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return () => source.close();
}
