import { apiClient } from './api.mjs';

// The demo's accounts (loaded by `serve --demo`).
export const demo = {
  admin: { email: 'admin@boxoffice.test', password: 'demo-admin-pass' },
  manager: { email: 'manager@boxoffice.test', password: 'demo-manager-pass' },
  buyer: { email: 'buyer@boxoffice.test', password: 'demo-buyer-pass' },
};

let registered = 0;

// A new buyer account, registered through the API: a fresh one per test, as the demo caps
// tickets per buyer. Answers { name, email, password } for the sign-in page or apiAs().
export async function newBuyer(url, name = 'Test Buyer') {
  registered += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${registered}.${Date.now()}@example.com`;
  const password = 'test-buyer-pass';
  await apiClient(url).post('/accounts', { name, email, password });
  return { name, email, password };
}
