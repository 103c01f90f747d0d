// Passkeys (WebAuthn) on the account page, the sign-in page and the code page. The server gives the
// options (and a challenge id it keeps); the browser asks the device, which asks the person for
// their PIN, fingerprint or face; the answer goes back to the server, which checks it. Without
// WebAuthn in the browser the passkey buttons stay hidden and nothing else changes.
const supported = typeof PublicKeyCredential !== 'undefined' && 'parseCreationOptionsFromJSON' in PublicKeyCredential;

function tokenOf(element) {
  return element.closest('form, section, main')?.querySelector('input[name="__RequestVerificationToken"]')?.value
    ?? document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
}

async function post(url, element, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: tokenOf(element) },
    body: JSON.stringify(body ?? {}),
    cache: 'no-store',
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || answer.title || 'Er ging iets mis. Probeer het opnieuw.');
  return answer;
}

function say(element, text) {
  const status = element.closest('[data-passkey-area]')?.querySelector('[data-passkey-status]');
  if (status) {
    status.textContent = text;
    status.hidden = !text;
  }
}

// The device said no: cancelled, timed out, or no passkey for this site.
function deviceProblem(error) {
  return error?.name === 'NotAllowedError'
    ? 'De passkey is niet gebruikt: geannuleerd, te lang gewacht, of er staat op dit apparaat geen passkey voor GesprekTool.'
    : error?.name === 'InvalidStateError'
      ? 'Deze passkey staat al bij uw account.'
      : error?.name === 'SecurityError'
        ? 'Passkeys werken alleen op het vaste adres van GesprekTool.'
        : (error?.message || 'Er ging iets mis. Probeer het opnieuw.');
}

async function register(form) {
  const name = form.querySelector('input[name="name"]').value.trim();
  say(form, 'Volg de aanwijzingen van uw apparaat…');
  try {
    const { challenge, options } = await post(form.dataset.options, form);
    const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
    const { next } = await post(form.action, form, { challenge, name, credential: credential.toJSON(), returnUrl: form.dataset.return || null });
    say(form, 'Passkey toegevoegd.');
    window.location.assign(form.dataset.after || next);
  } catch (error) {
    say(form, deviceProblem(error));
  }
}

async function useExisting(button) {
  say(button, 'Volg de aanwijzingen van uw apparaat…');
  try {
    const { challenge, options } = await post(button.dataset.options, button);
    const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    const { next } = await post(button.dataset.url, button, { challenge, credential: credential.toJSON(), returnUrl: button.dataset.return || null });
    window.location.assign(next);
  } catch (error) {
    say(button, deviceProblem(error));
  }
}

for (const area of document.querySelectorAll('[data-passkey-area]')) {
  if (!supported) {
    area.hidden = true;
    continue;
  }
  area.hidden = false;
  area.querySelector('form[data-passkey="register"]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    register(event.currentTarget);
  });
  area.querySelector('button[data-passkey="use"]')?.addEventListener('click', (event) => useExisting(event.currentTarget));
}
