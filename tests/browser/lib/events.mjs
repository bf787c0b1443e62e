// Set-up for tests that change an event for good (cancelling it): a fresh copy of the demo's
// event on sale, so the demo's own event stays on sale for the file's other tests.
const dayMs = 24 * 60 * 60 * 1000;
let copies = 0;

/**
 * @param {ReturnType<typeof import('./api.mjs').apiClient>} manager a manager's client (apiAs)
 * @returns {Promise<object>} the new event, published and selling now
 */
export async function freshEventOnSale(manager, name) {
  const { events } = await manager.get('/events?limit=100');
  const model = events.find((e) => e.status === 'on_sale');
  copies += 1;
  const copy = await manager.post(`/events/${model.id}/duplicate`, {
    name,
    starts_at: new Date(Date.parse(model.starts_at) + copies * dayMs).toISOString(),
    sales_open_at: new Date(Date.now() - 60_000).toISOString(),
  });
  return manager.post(`/events/${copy.id}/publish`);
}
