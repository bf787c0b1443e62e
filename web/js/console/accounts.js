// /manage/accounts.html (administrators): every account with its role, and a form for a new one,
// e.g. a door account for the staff who check tickets in.
import { api } from '../api.js';
import { showErrors, clearErrors } from '../forms.js';
import { h, forPeople } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';
import { table } from './table.js';

const roleNames = { admin: 'Administrator', manager: 'Manager', door: 'Door', buyer: 'Buyer' };

async function showAccounts() {
  const target = document.getElementById('accounts');
  try {
    const { accounts } = await api('/accounts');
    target.replaceChildren(table({
      id: 'accounts-table',
      caption: 'Every account',
      tall: accounts.length > 20,
      columns: ['Name', 'Email', 'Role', 'Since'],
      rows: accounts.map((a) => h('tr', { dataset: { accountId: a.id } },
        h('th', { scope: 'row', text: a.name }),
        h('td', { text: a.email }),
        h('td', { text: roleNames[a.role] || a.role }),
        h('td', { text: new Date(a.created_at).toLocaleDateString() }))),
    }));
  } catch (error) {
    showLoadFailure(target, error, 'the accounts');
  }
}

function watchForm() {
  const form = document.getElementById('account-form');
  const result = document.getElementById('account-result');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    result.textContent = '';
    const data = new FormData(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const made = await api('/accounts', {
        method: 'POST',
        body: {
          name: data.get('name').trim(), email: data.get('email').trim(), password: data.get('password'), role: data.get('role'),
        },
      });
      form.reset();
      result.textContent = `${made.name} can now sign in as ${(roleNames[made.role] || made.role).toLowerCase()}.`;
      await showAccounts();
    } catch (error) {
      showErrors(form, forPeople(error));
    } finally {
      button.disabled = false;
    }
  });
}

if (openConsolePage('/manage/accounts.html', { admin: true })) {
  watchForm();
  showAccounts();
}
