// A modal <dialog> that asks before something hard to undo, optionally holding form fields.
// Resolves with the dialog's form (confirmed) or null (cancelled, Escape included); with
// `send(form)`, with what `send` answered: a failure keeps the dialog open with its messages.
import { h } from '../dom.js';
import { showPlacedErrors } from './field-paths.js';

export function askInDialog({ title, text, confirmLabel, danger = false, fields = [], send }) {
  return new Promise((resolve) => {
    const confirm = h('button', { type: 'submit', class: danger ? 'danger' : null, text: confirmLabel });
    const cancel = h('button', { type: 'button', class: 'secondary', text: 'Go back' });
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'dialog-title', text: title }),
      text ? h('p', { text }) : null,
      fields,
      h('p', { class: 'button-row' }, confirm, cancel));
    const dialog = h('dialog', { class: 'console-dialog', 'aria-labelledby': 'dialog-title' }, form);
    let answer = null;
    const close = () => { dialog.close(); };
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      confirm.disabled = true;
      try {
        answer = send ? await send(form) : form;
        close();
      } catch (error) {
        showPlacedErrors(form, error);
      } finally {
        confirm.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
