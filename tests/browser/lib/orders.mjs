import { apiAs } from './api.mjs';

// Set-up for tests about what comes after a purchase: pays for a hold through the API with the
// test card, one ticket type for every place. (The API client sends no Idempotency-Key, which
// POST /orders requires, so this one asks by itself.)
export async function payForHold(url, client, hold, ticketTypeId, buyer = { name: 'Test Buyer', email: 'test-buyer@example.test' }) {
  const items = hold.items.map((item) => (item.seat
    ? { seat: item.seat, ticket_type_id: ticketTypeId }
    : { section: item.section, ticket_type_id: ticketTypeId }));
  const response = await fetch(`${url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${client.token}`, 'Idempotency-Key': `test-${hold.id}` },
    body: JSON.stringify({
      hold_id: hold.id, items, buyer: { name: buyer.name, email: buyer.email },
      payment: { method: 'test_card', card_number: '4242424242424242' },
    }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /orders answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

// `buyer` (from newBuyer) holds `quantity` standing places of the event and pays for them with
// the ticket type sold everywhere. Answers the buyer's API client and the order.
export async function buyStanding(url, buyer, eventId, quantity) {
  const client = await apiAs(url, buyer.email, buyer.password);
  const hold = await client.post('/holds', { event_id: eventId, section: 'floor', quantity });
  const { ticket_types: types } = await client.get(`/events/${eventId}/ticket-types`);
  const order = await payForHold(url, client, hold, types.find((t) => t.sections.length === 0).id, buyer);
  return { client, order };
}
