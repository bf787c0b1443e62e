// Follows an event's updates stream. EventSource reconnects by itself (sending Last-Event-ID),
// so callers only hear about the section counts, the buyer's place in line, and whether the
// stream is connected right now (to fall back on polling while it is not).
export function watchEvent(eventId, { queueToken, onSections, onQueue, onConnection } = {}) {
  const query = queueToken ? `?queue_token=${encodeURIComponent(queueToken)}` : '';
  const source = new EventSource(`/api/v1/events/${encodeURIComponent(eventId)}/updates${query}`);
  const counts = (message) => onSections?.(JSON.parse(message.data).sections);
  source.addEventListener('snapshot', counts);
  source.addEventListener('update', counts);
  source.addEventListener('queue', (message) => onQueue?.(JSON.parse(message.data)));
  source.addEventListener('open', () => onConnection?.(true));
  source.addEventListener('error', () => onConnection?.(false));
  return () => source.close();
}
