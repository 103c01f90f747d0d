// A page that several people follow live (a coaching session, a practice conversation). The server
// renders everything a person may see; this script only (1) submits the forms in the live part in the
// background (a form marked data-plain is posted normally), (2) fetches the page again when the hub
// says "changed" (or after a reconnect, or every data-poll milliseconds), keeping what the user was
// typing, and (3) ticks a shared countdown from the server's clock. Without it the forms still work.
const root = document.querySelector('[data-live-page]');
const sessionId = root?.dataset.session;

function live() {
  return document.getElementById('live');
}

let clockOffset = 0; // server time minus this browser's time, so every browser counts the same
function readClock(container) {
  const serverNow = Number(container.dataset.serverNow);
  if (serverNow) clockOffset = serverNow - Date.now();
}

function format(seconds) {
  const abs = Math.abs(seconds);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return seconds < 0 ? `+${text}` : text;
}

function tick() {
  document.querySelectorAll('[data-ends-at]').forEach((element) => {
    const left = Math.ceil((Number(element.dataset.endsAt) - (Date.now() + clockOffset)) / 1000);
    element.textContent = format(left);
    element.classList.toggle('overtime', left < 0);
  });
}

// Each fetch of the page is numbered. The answer to the user's own post is always shown; a refresh
// that was asked for before something newer was shown is dropped, so it cannot undo what a post showed.
let requested = 0;
let shown = 0;

// Replace the live part with a fresh copy, keeping unsent text and the focused field.
function swap(html, number, ownPost = false) {
  if (!ownPost && number < shown) return;
  shown = Math.max(shown, number);
  const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
  const current = live();
  if (!fresh || !current) return;
  keepNewGuestLink(current, fresh);
  if (!ownPost) keepStatus(current, fresh);
  const focusedId = document.activeElement?.id;
  current.querySelectorAll('textarea[id], input[type=text][id], input:not([type])[id]').forEach((field) => {
    const twin = fresh.querySelector(`#${CSS.escape(field.id)}`);
    if (twin && field.value && !twin.value) twin.value = field.value;
  });
  // A choice being made (a poll answer, a score) survives someone else's change too.
  current.querySelectorAll('input[type=radio]:checked, input[type=checkbox]:checked').forEach((choice) => {
    const form = choice.form?.querySelector('input[name=_handler]')?.value;
    const twin = [...fresh.querySelectorAll(`input[name="${CSS.escape(choice.name)}"]`)]
      .find((t) => t.value === choice.value && t.form?.querySelector('input[name=_handler]')?.value === form);
    if (twin) twin.checked = true;
  });
  current.replaceWith(fresh);
  readClock(fresh);
  tick();
  // The video (coaching-video.js) starts or stops with the session.
  document.dispatchEvent(new CustomEvent('coaching:updated'));
  if (focusedId) document.getElementById(focusedId)?.focus();
}

// What the user's own last action did ("opgeslagen") stays until their next action, not only until
// the next refresh a few seconds later: someone reading slowly or with a screen reader must see it.
function keepStatus(current, fresh) {
  const status = current.querySelector(':scope > .status-message');
  if (!status || fresh.querySelector(':scope > .status-message')) return;
  fresh.prepend(status.cloneNode(true));
}

// A guest link is shown once, in the answer to the post that made it: someone else's change must not
// take it off the trainer's screen before it is copied.
function keepNewGuestLink(current, fresh) {
  const link = current.querySelector('.new-link');
  const guests = fresh.querySelector('.guests');
  if (!link || !guests || guests.querySelector('.new-link')) return;
  guests.querySelector('.hint')?.after(link.cloneNode(true));
}

async function refresh() {
  const number = ++requested;
  try {
    const response = await fetch(location.pathname, { headers: { Accept: 'text/html' }, cache: 'no-store' });
    if (response.ok) swap(await response.text(), number);
  } catch {
    // Offline for a moment: the hub reconnects and refreshes again.
  }
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !live()?.contains(form) || form.hasAttribute('data-plain')) return;
  event.preventDefault();
  const body = new FormData(form, event.submitter);
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const number = ++requested;
    // With a route key the post reaches the instance the session's live connections are on.
    const target = root?.dataset.route ? `${location.pathname}?route=${encodeURIComponent(root.dataset.route)}` : location.pathname;
    const response = await fetch(target, { method: 'POST', body, cache: 'no-store' });
    swap(await response.text(), number, true);
    const status = live()?.querySelector('.notice[role=status], .field-error, .privacy-flags');
    status?.setAttribute('tabindex', '-1');
  } catch {
    buttons.forEach((b) => { b.disabled = false; });
    form.submit(); // the plain post still works
  }
});

// A page without a hub (a guest trainer's, a practice conversation's) asks again every few seconds.
if (root?.dataset.poll) setInterval(refresh, Number(root.dataset.poll));

if (root && sessionId && root.dataset.hub && window.signalR) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${root.dataset.hub}${root.dataset.hub.includes('?') ? '&' : '?'}sessie=${encodeURIComponent(sessionId)}`)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();
  connection.on('Changed', refresh);
  connection.onreconnected(refresh);
  const start = async () => {
    try {
      await connection.start();
      await refresh(); // whatever changed while the page was loading
    } catch {
      setTimeout(start, 3000);
    }
  };
  start();
}

if (live()) readClock(live());
tick();
setInterval(tick, 1000);
