// The worker's call page: video, waiting room, join links. The script runs in the frame beside it
// with its own autosave, so answering never waits for (or disturbs) the call.
import { CallSession, openLocalMedia, openCamera, showRemoteVideo, removeRemoteVideo } from './call-core.js';

const layout = document.querySelector('[data-call]');
const token = document.querySelector('#call-controls input[name="__RequestVerificationToken"]').value;
const $ = (selector) => document.querySelector(selector);
const remotes = $('#remotes');
const statusLine = $('#call-status');
const signallingNote = $('#signalling-note');
const waitingList = $('#waiting-list');
const STATUS_WORDS = {
  connecting: 'Verbinden…',
  connected: 'Verbonden',
  recovered: 'Verbinding hersteld',
  poor: 'Slechte verbinding',
  alone: 'Wachten op deelnemers…',
};
const MEDIA_PROBLEMS = {
  'no-webrtc': 'Deze browser kan niet beeldbellen. Gebruik een recente Chrome, Edge, Firefox of Safari, of ga verder per telefoon.',
  denied: 'De browser geeft geen toegang tot camera en microfoon. Sta ze toe via het pictogram links naast het adres en laad de pagina opnieuw.',
  'no-camera': 'Geen camera gevonden: u doet mee met alleen geluid.',
  'no-devices': 'Geen camera of microfoon gevonden: u kunt kijken en luisteren, maar niet praten. Ga eventueel verder per telefoon.',
};
let session;
let microphoneOn = true;
let cameraOn = true;
let audioOnly = false;

start();

async function start() {
  const { stream, problem } = await openLocalMedia();
  if (problem) {
    $('#media-problem').textContent = MEDIA_PROBLEMS[problem];
    $('#media-problem').hidden = false;
  }
  if (problem === 'no-webrtc') {
    statusLine.textContent = '';
    return;
  }
  if (stream?.getVideoTracks().length) $('#self').srcObject = stream;
  else $('#self').hidden = true;

  session = new CallSession({
    hubUrl: layout.dataset.hub,
    localStream: stream || new MediaStream(),
    events: {
      waiting: showWaiting,
      peerAdded: showTile,
      peerMedia: showTile,
      peerRemoved: removeRemoteVideo,
      status: (key) => {
        statusLine.textContent = STATUS_WORDS[key] || '';
        statusLine.className = `call-status ${key}`;
      },
      signalling: (state) => {
        if (state === 'reconnecting') {
          signallingNote.textContent = 'De verbinding met de server wordt hersteld. Het beeld loopt door; antwoorden worden bewaard.';
          signallingNote.hidden = false;
        } else if (state === 'reconnected') {
          signallingNote.hidden = true;
          session.markRecovered();
        }
      },
      finished: () => showCallOver(),
    },
  });
  window.gesprekCall = session; // for tests and support: the peer connections and their stats
  // Closing the tab or page: tell the others at once instead of letting their connection time out.
  window.addEventListener('pagehide', () => session.leave());
  await session.start();
}

const pageTitle = document.title;
let knownWaiting = new Set();

function showWaiting(list) {
  waitingList.replaceChildren();
  noticeKnocks(list);
  if (list.length === 0) {
    waitingList.append(item('Er wacht niemand.', 'empty'));
    return;
  }
  for (const guest of list) {
    const li = item(`${guest.name} wacht in de wachtkamer${mediaNote(guest)} `, 'waiting-guest');
    li.dataset.participant = guest.id;
    li.append(button(`${guest.name} binnenlaten`, 'primary', () => session.admit(guest.id)), ' ', button('Weigeren', '', () => session.decline(guest.id)));
    waitingList.append(li);
  }
}

// What the guest's page found, so the worker knows before letting them in (nothing when not said).
function mediaNote(guest) {
  if (guest.camera === false && guest.microphone === false) return ' (geen camera en geen microfoon: kan kijken en luisteren, niet praten)';
  if (guest.camera === false) return ' (zonder camera: alleen geluid)';
  if (guest.microphone === false) return ' (zonder microfoon: kan niet praten)';
  return '';
}

// A knock must reach a worker who is typing in the script: the title counts who waits, the waiting
// room is pinned to the bottom of the window, a screen reader hears it at once, and a chime sounds
// (unless switched off; the choice is remembered on this device).
function noticeKnocks(list) {
  document.title = list.length ? `(${list.length}) wacht – ${pageTitle}` : pageTitle;
  $('#waiting-room').classList.toggle('knocking', list.length > 0);
  const arrived = list.filter((guest) => !knownWaiting.has(guest.id));
  knownWaiting = new Set(list.map((guest) => guest.id));
  if (arrived.length === 0) return;
  $('#knock-announcer').textContent = arrived.map((guest) => `${guest.name} wacht in de wachtkamer.`).join(' ');
  if ($('#chime').checked) chime();
}

const chimeSetting = 'gesprektool.chime';
try {
  $('#chime').checked = localStorage.getItem(chimeSetting) !== 'uit';
} catch { /* no storage: the chime stays on */ }
$('#chime').addEventListener('change', (event) => {
  try { localStorage.setItem(chimeSetting, event.currentTarget.checked ? 'aan' : 'uit'); } catch { /* not remembered */ }
});

let audio;
function chime() {
  try {
    audio ||= new AudioContext();
    audio.resume?.();
    // Two soft tones, like a doorbell; generated, so there is no sound file to download.
    [660, 880].forEach((frequency, i) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      const at = audio.currentTime + i * 0.22;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.4);
    });
  } catch { /* no audio on this device: the title and the pinned waiting room still show it */ }
}

function showTile(peer) {
  $('#no-one')?.remove();
  showRemoteVideo(remotes, peer, peer.name || (peer.id.startsWith('g') ? 'Gast' : 'Collega'));
}

$('#microphone').addEventListener('click', (event) => {
  microphoneOn = !microphoneOn;
  session.setMicrophone(microphoneOn);
  // Named for what a click does next; a changing name with aria-pressed would read "aan, ingedrukt" while off.
  event.currentTarget.textContent = microphoneOn ? 'Microfoon uitzetten' : 'Microfoon aanzetten';
});

$('#camera').addEventListener('click', (event) => {
  cameraOn = !cameraOn;
  session.setCamera(cameraOn);
  event.currentTarget.textContent = cameraOn ? 'Camera uitzetten' : 'Camera aanzetten';
});

$('#audio-only').addEventListener('click', async (event) => {
  audioOnly = !audioOnly;
  const buttonElement = event.currentTarget;
  await session.setAudioOnly(audioOnly, openCamera);
  buttonElement.textContent = audioOnly ? 'Weer met beeld' : 'Alleen geluid';
  $('#self').hidden = audioOnly;
  if (!audioOnly) $('#self').srcObject = session.localStream;
});

$('#call-controls').addEventListener('submit', async (event) => {
  // With the hub reachable, end through it (everyone hears at once); otherwise the form post does it.
  if (!session || session.connection?.state !== 'Connected') return;
  event.preventDefault();
  if (!confirm('Het videogesprek beëindigen? Het script blijft open.')) return;
  try {
    await session.endCall();
  } catch {
    // The hub's "call ended" can arrive first and close the connection, cancelling this call:
    // then the call is over already. Only a real failure falls back to the form post.
    if (!session.finished) event.target.submit();
  }
});

function showCallOver() {
  layout.querySelector('.call-stage').hidden = true;
  layout.classList.add('over');
  $('#call-over').hidden = false;
}

// Join links: made without reloading the page, so a running call is not interrupted.
for (const maker of document.querySelectorAll('[data-new-link]')) {
  maker.addEventListener('click', () => createLink(maker.dataset.newLink));
}
for (const revoker of document.querySelectorAll('[data-revoke]')) {
  revoker.addEventListener('click', async () => {
    if (await revoke(revoker.dataset.revoke)) {
      revoker.closest('li').querySelector('.link-state').textContent = 'ingetrokken';
      revoker.remove();
    }
  });
}

async function createLink(role) {
  const plannedField = $('#planned-at');
  const plannedError = $('#planned-at-error');
  plannedError.textContent = '';
  plannedField.removeAttribute('aria-invalid');
  const response = await post('', { role, plannedAt: plannedField.value || null });
  if (!response.ok) {
    const message = (await safeJson(response)).error || 'De link kon niet worden gemaakt. Probeer het opnieuw.';
    if (response.status === 400 && plannedField.value) {
      // Most likely the time: say so beside the field and put the cursor there.
      plannedError.textContent = message;
      plannedField.setAttribute('aria-invalid', 'true');
      plannedField.focus();
    } else {
      alert(message);
    }
    return;
  }
  const link = await response.json();
  const card = $('#link-template').content.firstElementChild.cloneNode(true);
  const field = (name) => card.querySelector(`[data-field="${name}"]`);
  field('title').textContent = `Link voor ${link.roleName === 'Tolk' ? 'de tolk' : 'het gezin'}`;
  field('url').value = link.url;
  field('qr').src = link.qrCode;
  field('expires').textContent = `Werkt tot ${link.expiresAt}, of tot het videogesprek eindigt.`;
  for (const invitation of link.invitations) {
    const block = document.createElement('div');
    block.className = 'invitation';
    const text = document.createElement('p');
    text.textContent = invitation.text;
    text.lang = invitation.code;
    text.dir = invitation.rtl ? 'rtl' : 'ltr';
    block.append(text, button(`Uitnodiging kopiëren (${invitation.language})`, 'small', () => copy(invitation.text, link.id)));
    field('invitations').append(block);
  }
  card.querySelector('[data-copy="url"]').addEventListener('click', () => copy(link.url, link.id));
  card.querySelector('[data-show-qr]').addEventListener('click', () => {
    field('qr').hidden = false;
    post(`${link.id}/gedeeld?hoe=qr`, {});
  });
  card.querySelector('[data-revoke-new]').addEventListener('click', async (event) => {
    if (await revoke(link.id)) {
      field('url').value = 'Ingetrokken';
      card.classList.add('revoked');
      field('qr').hidden = true;
      event.target.remove();
    }
  });
  $('#new-links').prepend(card);
}

async function copy(text, linkId) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    /* the text is on screen to select by hand */
  }
  post(`${linkId}/gedeeld?hoe=kopie`, {});
}

async function revoke(linkId) {
  if (!confirm('Deze link intrekken? Wie hem gebruikt, is direct uit het gesprek.')) return false;
  const response = await post(`${linkId}/intrekken`, {});
  return response.ok;
}

function post(path, body) {
  // The address comes from the page (CallEndpoints.LinksUrl), so routes live in one place. The
  // route key sends it to the instance that holds this call (several instances behind nginx).
  return fetch(`${layout.dataset.linksUrl}${path ? `/${path}` : ''}?route=${encodeURIComponent(layout.dataset.route)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

async function safeJson(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

function item(text, className) {
  const li = document.createElement('li');
  li.className = className;
  li.textContent = text;
  return li;
}

function button(text, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  if (className) element.className = className;
  element.addEventListener('click', onClick);
  return element;
}

