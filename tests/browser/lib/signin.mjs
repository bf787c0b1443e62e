// Two ways into a signed-in page: through the real sign-in form (for tests of that form and the
// flows around it), or by putting an API session where web/js/api.js keeps it (fast set-up).
import { apiAs } from './api.mjs';

const sessionKey = 'boxoffice.session'; // as in web/js/api.js

/**
 * Signs in through /signin.html the way a person does, and waits until the page has moved on.
 * @param {import('playwright-core').Page} page
 * @param {{next?: string}} options where the sign-in page should send the person afterwards
 */
export async function signInPage(page, url, email, password, { next } = {}) {
  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  await page.goto(`${url}/signin.html${query}`);
  // The page may hold other forms with the same labels (registration); use the one that signs in.
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  const form = page.locator('form').filter({ has: signIn });
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await signIn.click();
  await page.waitForURL((address) => !address.pathname.endsWith('/signin.html'));
}

/**
 * Signs in through the API and stores the session in the page's origin; the next page the test
 * opens is signed in.
 * @returns {Promise<object>} the session (token, expires_at, account)
 */
export async function signInWithApi(page, url, email, password) {
  const { session } = await apiAs(url, email, password);
  await page.goto(`${url}/healthz`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    sessionKey,
    JSON.stringify(session),
  ]);
  return session;
}
