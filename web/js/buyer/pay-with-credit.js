// Checkout's choice of how to pay: the test card, or the buyer's credit when the balance in the
// event's currency covers what is left to pay. The card's field steps aside while credit is chosen.
import { api } from '../api.js';
import { money } from '../format.js';

const $ = (id) => document.getElementById(id);

// Reads the buyer's balance once; answers `offer(toPay)`, to call whenever the amount changes,
// and `payment(data)`, the order's `payment` from the form's data.
export async function payWithCredit(currency) {
  // Without an answer, the card is the only way: checkout must not fail for the credit's sake.
  const { balances } = await api('/accounts/me/credit').catch(() => ({ balances: [] }));
  const balance = balances.find((b) => b.currency === currency)?.amount || 0;
  const byCredit = $('pay-credit');
  const byCard = $('pay-card');
  const card = $('card-number');
  const showCard = () => {
    $('card-fields').hidden = byCredit.checked;
    card.disabled = byCredit.checked;
  };
  byCredit.addEventListener('change', showCard);
  byCard.addEventListener('change', showCard);
  $('credit-balance-note').textContent = `You have ${money(balance, currency)} of credit.`;

  return {
    offer(toPay) {
      const enough = balance > 0 && balance >= toPay;
      $('payment-methods').hidden = !enough;
      if (!enough && byCredit.checked) byCard.checked = true;
      showCard();
    },
    payment(data) {
      return data.get('payment.method') === 'credit'
        ? { method: 'credit' }
        : { method: 'test_card', card_number: (data.get('payment.card_number') || '').replace(/[\s-]/g, '') };
    },
  };
}
