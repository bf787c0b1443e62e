// Follows an event's public updates stream for the buyer's pages. EventSource reconnects by
// itself and sends Last-Event-ID, so the server replays what was missed or starts again with a
// snapshot. (The console reads the stream with fetch instead, to send a manager's token for
// events that are not public yet: console/live-updates.js.)
// Callbacks, all optional: onSnapshot(data), onUpdate(data, receivedAt), onQueue(status) (with
// `queueToken`), onSales({status, sales_open, sales_open_at, sales_close_at}) when the event's
// sales change (first on connecting), onStatus('live' | 'reconnecting' | 'closed').
export function watchEvent(eventId, { queueToken, onSnapshot, onUpdate, onQueue, onSales, onStatus } = {}) {
  const query = queueToken ? `?queue_token=${encodeURIComponent(queueToken)}` : '';
  const source = new EventSource(`/api/v1/events/${encodeURIComponent(eventId)}/updates${query}`);
  source.addEventListener('snapshot', (message) => onSnapshot?.(JSON.parse(message.data)));
  source.addEventListener('update', (message) => onUpdate?.(JSON.parse(message.data), performance.now()));
  source.addEventListener('queue', (message) => onQueue?.(JSON.parse(message.data)));
  source.addEventListener('status', (message) => onSales?.(JSON.parse(message.data)));
  source.addEventListener('open', () => onStatus?.('live'));
  source.addEventListener('error', () =>
    onStatus?.(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return () => source.close();
}
