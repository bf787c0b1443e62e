// A ticking "time left" for a hold or a checkout window. It reads the end from the server's
// `expires_at` and the device clock each second, so a sleeping tab shows the truth on waking.
import { clock } from './format.js';

// Writes "mm:ss" into `element` until `endsAt` (RFC 3339), then calls `onEnd` once.
// Returns a function that stops it. The element should carry role="timer" and a label.
export function startCountdown(element, endsAt, onEnd = () => {}) {
  const end = Date.parse(endsAt);
  let timer = 0;
  const tick = () => {
    const left = (end - Date.now()) / 1000;
    element.textContent = clock(left);
    element.dataset.secondsLeft = String(Math.max(0, Math.floor(left)));
    element.classList.toggle('ending', left <= 120);
    if (left <= 0) {
      clearInterval(timer);
      onEnd();
    }
  };
  tick();
  timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
