// The practice page of the "parent" and the observer (Practice/PracticeSessionPage.razor): the card or
// rubric and the video call on one page, side by side on a wide screen, two tabs on a phone. The call
// runs in a frame; the join form (in the live part) posts into it. The frame's address is kept in this
// tab's sessionStorage, so a reload of the page, or its live connection started again, takes them
// straight back into the call: the guest page knows this device and skips the waiting room.
const root = document.querySelector('[data-practice-call]');
const frame = document.getElementById('practice-call-frame');
const empty = document.getElementById('practice-call-empty');
const tabs = [...root.querySelectorAll('[role="tab"]')];
// Per practice and per user: someone else signing in on this tab never opens another's link.
const storageKey = `gesprektool.${root.id}.call`;
const narrow = matchMedia('(max-width: 60rem)');
const joinPrefix = root.dataset.joinPrefix; // a join link's path, from the server

function select(tab, focus) {
  for (const each of tabs) {
    const on = each === tab;
    each.setAttribute('aria-selected', String(on));
    each.tabIndex = on ? 0 : -1;
    document.getElementById(each.getAttribute('aria-controls')).hidden = narrow.matches && !on;
  }
  if (focus) tab.focus();
}

const selected = () => tabs.find((tab) => tab.getAttribute('aria-selected') === 'true') ?? tabs[0];

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab, false));
  // The keys of the WAI-ARIA tabs pattern: arrows move between tabs, Home and End to the ends.
  tab.addEventListener('keydown', (event) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length], true);
  });
});
narrow.addEventListener('change', () => select(selected(), false));
select(selected(), false);

function showCall() {
  frame.hidden = false;
  empty.hidden = true;
}

// The form is rendered, and rendered again, by the live part: listen on the document.
document.addEventListener('submit', (event) => {
  if (!event.target.matches?.('form[data-joins-call]')) return;
  // Already in the call here: show it, rather than a second link that knocks again.
  if (!frame.hidden && frame.contentWindow?.location.pathname.startsWith(joinPrefix)) event.preventDefault();
  showCall();
  select(tabs[1], false);
});

frame.addEventListener('load', () => {
  try {
    const { pathname, search } = frame.contentWindow.location;
    if (pathname.startsWith(joinPrefix)) sessionStorage.setItem(storageKey, pathname + search);
  } catch { /* storage refused: a reload asks to join again */ }
});

try {
  const earlier = sessionStorage.getItem(storageKey);
  if (root.dataset.practiceCall === 'ended') sessionStorage.removeItem(storageKey);
  else if (earlier) {
    frame.src = earlier;
    showCall();
    select(tabs[1], false); // back in the call: show it
  }
} catch { /* no storage: nothing to come back to */ }
