// Autosave for the conversation script (progressive enhancement: the page works without it).
//
// Each answer is saved as soon as it is given. Edits wait in a queue that is kept in
// localStorage, so nothing typed is lost when the network drops, the tab is closed or the server
// restarts; the queue is sent when the connection is back. Every edit carries the moment it was
// typed (on the server's clock), so the server never lets an older save replace a newer one.

const form = document.querySelector('form[data-autosave="on"]');
if (form) {
  startAutosave(form);
}

function startAutosave(form) {
  const saveUrl = form.dataset.saveUrl;
  const storageKey = `gesprektool.unsent.${form.dataset.conversation}`;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  // Offset between this device's clock and the server's, so stamps compare fairly.
  const clockOffset = Number(form.dataset.serverNow) - Date.now();
  const syncStatus = form.querySelector('.sync-status');
  const announcer = document.getElementById('save-announcer');
  const offlineNote = form.querySelector('.offline-note');
  const progress = document.querySelector('[data-progress]');
  let queue = readQueue();
  let sending = false;
  let retryTimer = null;
  const typingTimers = new Map();

  restoreUnsent();
  form.addEventListener('change', (event) => {
    keepDeclinedApart(event.target);
    enqueueFrom(event.target);
  });
  form.addEventListener('input', (event) => {
    // Typing saves after a short pause; a change event (leaving the field) saves at once.
    const field = event.target;
    keepDeclinedApart(field);
    if (field.matches('textarea, input[type="number"]')) {
      clearTimeout(typingTimers.get(field));
      typingTimers.set(field, setTimeout(() => enqueueFrom(field), 700));
    }
  });
  form.addEventListener('submit', onSubmit);
  window.addEventListener('online', send);
  // Paradata: tell the server when the worker leaves this section (time per section, no content).
  window.addEventListener('pagehide', () => {
    const left = new FormData();
    left.append('deel', form.querySelector('input[name="deel"]')?.value ?? '');
    left.append('__RequestVerificationToken', token);
    navigator.sendBeacon?.(form.dataset.leaveUrl, left);
  });
  send();

  function enqueueFrom(field) {
    const block = field.closest('[data-question]');
    if (!block) return;
    clearTimeout(typingTimers.get(field));
    const key = block.dataset.question;
    queue[key] = { values: valuesOf(block), stamp: Date.now() + clockOffset };
    writeQueue();
    showStatus(block, 'pending', 'Wordt opgeslagen…');
    send();
  }

  async function send() {
    if (sending) return;
    sending = true;
    clearTimeout(retryTimer);
    try {
      // Drain until empty or blocked: edits made while a save was in flight go out right after it.
      let blocked = false;
      while (!blocked && Object.keys(queue).length > 0) {
        for (const [key, edit] of Object.entries(queue)) {
          const outcome = await post(key, edit);
          if (outcome !== 'done') {
            blocked = true;
            break;
          }
          // Keep the entry if the worker changed the answer again while this one was in flight.
          if (queue[key] && queue[key].stamp === edit.stamp) {
            delete queue[key];
            writeQueue();
          }
        }
      }
    } finally {
      sending = false;
    }
    const waiting = Object.keys(queue).length;
    offlineNote.hidden = waiting === 0;
    if (waiting > 0) {
      announce('Nog niet verstuurd: geen verbinding. Uw antwoorden zijn op dit apparaat bewaard.', true);
      for (const key of Object.keys(queue)) {
        const block = form.querySelector(`[data-question="${CSS.escape(key)}"]`);
        if (block) showStatus(block, 'pending', 'Nog niet verstuurd. Bewaard op dit apparaat.');
      }
      syncStatus.textContent = `${waiting} ${waiting === 1 ? 'antwoord wacht' : 'antwoorden wachten'} op verbinding. Ze zijn op dit apparaat bewaard.`;
      retryTimer = setTimeout(send, 5000);
    } else if (form.querySelector('[data-question].has-error')) {
      syncStatus.textContent = 'Niet alles is opgeslagen: zie de melding bij de vraag.';
    } else {
      syncStatus.textContent = 'Alle antwoorden zijn opgeslagen.';
    }
  }

  // Returns 'done' (saved, or refused for good), 'retry' or 'offline'.
  async function post(key, edit) {
    const block = form.querySelector(`[data-question="${CSS.escape(key)}"]`);
    let response;
    try {
      response = await fetch(saveUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
        body: JSON.stringify({ question: key, values: edit.values, stamp: edit.stamp }),
        credentials: 'same-origin',
      });
    } catch {
      if (block) showStatus(block, 'pending', 'Nog niet verstuurd: geen verbinding. Bewaard op dit apparaat.');
      offlineNote.hidden = false;
      return 'offline';
    }
    if (response.ok) {
      const state = await response.json();
      // Only what the server says it holds is shown as saved.
      if (state.status !== 'saved' && state.status !== 'unchanged') {
        if (block) showStatus(block, 'failed', 'Niet opgeslagen.');
        return 'done';
      }
      if (block) showStatus(block, 'saved', `Opgeslagen om ${new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}`);
      if (state.status === 'saved') announce('Opgeslagen');
      clearError(block);
      applyState(state);
      return 'done';
    }
    if (response.status === 409) {
      const body = await response.json();
      if (body.status === 'stale' && block) {
        showStale(block, edit.values, body);
        return 'done';
      }
      if (block) {
        showStatus(block, 'failed', 'Niet opgeslagen.');
        showError(block, body.error);
      }
      return 'done';
    }
    if (response.status === 400 && (await response.clone().json().catch(() => ({}))).status === 'session_expired') {
      syncStatus.textContent = 'Uw sessie is verlopen. Laad de pagina opnieuw; uw antwoorden blijven op dit apparaat bewaard.';
      return 'retry';
    }
    if (response.status === 422 || response.status === 400) {
      // Refused for a reason the worker can fix; the earlier saved answer stays on the server.
      const { error } = await response.json();
      if (block) {
        showStatus(block, 'failed', 'Niet opgeslagen.');
        showError(block, error);
      }
      return 'done';
    }
    if (response.status === 401 || response.status === 403) {
      syncStatus.textContent = 'U bent afgemeld. Meld opnieuw aan in een ander tabblad; uw antwoorden blijven op dit apparaat bewaard.';
      return 'retry';
    }
    if (response.status >= 500) {
      return 'retry';
    }
    if (block) showStatus(block, 'failed', 'Niet opgeslagen.');
    return 'done';
  }

  function applyState(state) {
    if (progress && state.progress) progress.textContent = state.progress;
    const hiddenQuestions = new Set(state.hiddenQuestions || []);
    form.querySelectorAll('[data-question]').forEach((block) => {
      block.hidden = hiddenQuestions.has(block.dataset.question);
    });
    const hiddenSections = new Set(state.hiddenSections || []);
    document.querySelectorAll('nav.sections [data-section]').forEach((item) => {
      item.classList.toggle('skipped', hiddenSections.has(item.dataset.section));
    });
  }

  async function onSubmit(event) {
    // Send what waits first; if the network is down, stay on the page instead of an error page.
    if (Object.keys(queue).length === 0 && navigator.onLine) return;
    event.preventDefault();
    const submitter = event.submitter;
    await send();
    if (Object.keys(queue).length === 0) {
      form.requestSubmit(submitter);
    } else {
      offlineNote.hidden = false;
      offlineNote.focus?.();
    }
  }

  function restoreUnsent() {
    // Answers typed before a reload or restart that never reached the server are put back.
    for (const [key, edit] of Object.entries(queue)) {
      const block = form.querySelector(`[data-question="${CSS.escape(key)}"]`);
      if (!block) continue;
      setValues(block, edit.values);
      showStatus(block, 'pending', 'Nog niet verstuurd. Bewaard op dit apparaat.');
    }
  }

  // "Wil niet antwoorden" and an answer exclude each other: ticking it clears the answer, answering unticks it.
  function keepDeclinedApart(field) {
    const block = field.closest('[data-question]');
    if (!block) return;
    const declined = block.querySelector('[data-declined]');
    if (!declined) return;
    if (field === declined) {
      if (!declined.checked) return;
      block.querySelectorAll('input, textarea').forEach((f) => {
        if (f === declined) return;
        if (f.type === 'radio' || f.type === 'checkbox') f.checked = false;
        else f.value = '';
      });
    } else if (declined.checked && (field.checked || (field.type !== 'radio' && field.type !== 'checkbox' && field.value !== ''))) {
      declined.checked = false;
    }
  }

  function valuesOf(block) {
    const fields = [...block.querySelectorAll('input, textarea')];
    return fields
      .filter((f) => (f.type === 'radio' || f.type === 'checkbox' ? f.checked : true))
      .map((f) => f.value);
  }

  function setValues(block, values) {
    block.querySelectorAll('input, textarea').forEach((f) => {
      if (f.type === 'radio' || f.type === 'checkbox') f.checked = values.includes(f.value);
      else f.value = values.find((v) => !declinedValue(block, v)) ?? '';
    });
  }

  // A newer answer (another device, a colleague) won: show it, and keep what was typed to copy.
  function showStale(block, typedValues, body) {
    setValues(block, body.current || []);
    showStatus(block, 'failed', 'Niet opgeslagen.');
    showError(block, body.error);
    block.querySelector('.unsaved-copy')?.remove();
    const typed = typedValues.map((value) => labelOf(block, value)).filter((text) => text !== '').join(', ');
    if (typed === '') return;
    const copy = document.createElement('div');
    copy.className = 'unsaved-copy';
    const label = document.createElement('label');
    label.textContent = 'Uw niet-opgeslagen antwoord (om te kopiëren)';
    const text = document.createElement('textarea');
    text.readOnly = true;
    text.rows = 2;
    text.value = typed;
    text.id = `niet-opgeslagen-${block.dataset.question}`;
    label.htmlFor = text.id;
    copy.append(label, text);
    block.append(copy);
  }

  function declinedValue(block, value) {
    return block.querySelector('[data-declined]')?.value === value;
  }

  function labelOf(block, value) {
    const choice = [...block.querySelectorAll('input[type="radio"], input[type="checkbox"]')].find((f) => f.value === value);
    return choice ? (choice.closest('label')?.textContent.trim() ?? value) : value;
  }

  // One spoken message per save, never while typing: the per-question and page status lines are
  // only seen. Emptying first makes a screen reader say "Opgeslagen" again for the next save.
  let lastAnnounced = '';
  function announce(text, onlyOnChange = false) {
    if (!announcer || (onlyOnChange && text === lastAnnounced)) return;
    lastAnnounced = text;
    announcer.textContent = '';
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  function showStatus(block, kind, text) {
    const status = block.querySelector('.save-status');
    status.className = `save-status ${kind}`;
    status.textContent = text;
  }

  function showError(block, message) {
    let error = block.querySelector('.field-error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.setAttribute('role', 'alert');
      error.id = `fout-${block.dataset.question}`;
      block.append(error);
    }
    error.textContent = message;
    block.classList.add('has-error');
  }

  function clearError(block) {
    if (!block) return;
    block.querySelector('.field-error')?.remove();
    block.querySelector('.unsaved-copy')?.remove();
    block.classList.remove('has-error');
  }

  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(storageKey)) || {};
    } catch {
      return {};
    }
  }

  function writeQueue() {
    if (Object.keys(queue).length === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(queue));
  }
}
