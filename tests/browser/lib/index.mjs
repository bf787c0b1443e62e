// Everything a browser test needs: `import { useSite, newPage, ... } from './lib/index.mjs'`.
export { demo, newBuyer } from './accounts.mjs';
export { ApiFailure, apiAs, apiClient } from './api.mjs';
export { expectNoPageErrors, launchBrowser, newPage, pageProblems, viewports } from './browser.mjs';
export { freshEventOnSale } from './events.mjs';
export { buyStanding, payForHold } from './orders.mjs';
export { screenshot } from './screenshot.mjs';
export { startServer } from './server.mjs';
export { signInPage, signInWithApi } from './signin.mjs';
export { useSite } from './site.mjs';
