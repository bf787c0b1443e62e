// Set-up through the JSON API (making events, changing hold_seconds...), so tests spend their
// clicks on the page under test.

export class ApiFailure extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.code = body?.error?.code;
  }
}

/**
 * A JSON client for the server at `url`, without a session.
 * @param {string} url the server's origin, e.g. server.url
 * @param {string} [token] bearer token to send
 */
export function apiClient(url, token) {
  async function request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!response.ok) throw new ApiFailure(method, path, response.status, json);
    return json;
  }
  return {
    token,
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
  };
}

/**
 * Signs in and returns a client sending that session's token. Paths leave out /api/v1:
 * `await (await apiAs(url, 'manager@boxoffice.test', 'demo-manager-pass')).get('/events')`.
 * Failures throw ApiFailure (`.status`, `.code`, `.body`).
 * @returns {Promise<ReturnType<typeof apiClient> & {session: object}>}
 */
export async function apiAs(url, email, password) {
  const session = await apiClient(url).post('/sessions', { email, password });
  return { ...apiClient(url, session.token), session };
}
