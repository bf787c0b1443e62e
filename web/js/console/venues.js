// /manage/venues.html: the venues, and a form for a new one.
import { api } from '../api.js';
import { showErrors, clearErrors } from '../forms.js';
import { h, forPeople } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';

async function showVenues() {
  const target = document.getElementById('venues');
  try {
    const { venues } = await api('/venues');
    if (!venues.length) {
      target.replaceChildren(h('p', { class: 'notice', text: 'No venues yet: add one below.' }));
      return;
    }
    target.replaceChildren(h('ul', { class: 'venue-list', id: 'venue-list' }, venues.map((v) =>
      h('li', { class: 'card' },
        h('a', { href: `/manage/venue.html?id=${encodeURIComponent(v.id)}`, text: v.name }),
        h('div', { class: 'muted', text: [v.address, v.timezone].filter(Boolean).join(' · ') })))));
  } catch (error) {
    showLoadFailure(target, error, 'the venues');
  }
}

function offerZones() {
  const zones = Intl.supportedValuesOf?.('timeZone') || [];
  document.getElementById('timezones').replaceChildren(...zones.map((z) => h('option', { value: z })));
  document.getElementById('venue-timezone').value = Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function watchForm() {
  const form = document.getElementById('venue-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const venue = await api('/venues', {
        method: 'POST',
        body: { name: data.get('name').trim(), address: data.get('address').trim(), timezone: data.get('timezone').trim() },
      });
      location.href = `/manage/venue.html?id=${encodeURIComponent(venue.id)}`;
    } catch (error) {
      showErrors(form, forPeople(error));
      button.disabled = false;
    }
  });
}

if (openConsolePage('/manage/venues.html')) {
  offerZones();
  watchForm();
  showVenues();
}
