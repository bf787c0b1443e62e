// The one way pages talk to the server: JSON in and out, the signed-in session's bearer token,
// and the API's error shape turned into an ApiError the pages can show field by field.
const sessionKey = 'boxoffice.session';

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `The server answered ${status}.`);
    this.status = status;
    this.code = error?.code || 'unknown';
    this.fields = error?.fields || {};
  }
}

export function session() {
  try {
    const saved = JSON.parse(localStorage.getItem(sessionKey));
    if (saved && Date.parse(saved.expires_at) > Date.now()) return saved;
  } catch {
    // A damaged entry counts as signed out.
  }
  localStorage.removeItem(sessionKey);
  return null;
}

export function account() {
  return session()?.account || null;
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const sent = { ...headers };
  const token = session()?.token;
  if (token) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401 && token) localStorage.removeItem(sessionKey);
    throw new ApiError(response.status, json?.error);
  }
  return json;
}

export async function signIn(email, password) {
  const created = await api('/sessions', { method: 'POST', body: { email, password } });
  localStorage.setItem(sessionKey, JSON.stringify(created));
  return created.account;
}

export async function register(name, email, password) {
  await api('/accounts', { method: 'POST', body: { name, email, password } });
  return signIn(email, password);
}

export async function signOut() {
  try {
    if (session()) await api('/sessions/current', { method: 'DELETE' });
  } finally {
    localStorage.removeItem(sessionKey);
  }
}

export function isManager(who = account()) {
  return who?.role === 'manager' || who?.role === 'admin';
}

// Managers, administrators and door accounts check tickets in at the door.
export function mayCheckIn(who = account()) {
  return isManager(who) || who?.role === 'door';
}
