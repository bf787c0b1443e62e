// The demo's accounts (loaded by `serve --demo`).
export const demo = {
  admin: { email: 'admin@boxoffice.test', password: 'demo-admin-pass' },
  manager: { email: 'manager@boxoffice.test', password: 'demo-manager-pass' },
  buyer: { email: 'buyer@boxoffice.test', password: 'demo-buyer-pass' },
};
