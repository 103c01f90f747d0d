// The softphone beside the script (PhoneCallPage): the worker's browser sends its microphone to
// Janus's SIP plugin, which phones the household through the organisation's trunk. Everything goes
// through the app's proxy (/bellen/janus), which puts in the account and the household's number;
// this script only asks for "a call" with the token the app gave for this attempt.
const root = document.getElementById('softphone');
const startForm = document.getElementById('phone-start');
const dialButton = document.getElementById('dial');
const statusLine = document.getElementById('phone-status');
const timerLine = document.getElementById('phone-timer');
const controls = document.getElementById('phone-controls');
const muteButton = document.getElementById('phone-mute');
const keypadToggle = document.getElementById('phone-keypad-toggle');
const keypad = document.getElementById('phone-keypad');
const hangUpButton = document.getElementById('hang-up');
const problemLine = document.getElementById('phone-problem');
const audio = document.getElementById('phone-audio');
const outputField = document.getElementById('phone-output');
const speakerSelect = document.getElementById('phone-speaker');

// What the page says when it could not learn the outcome from the app.
const ENDED_TEXT = {
  worker: 'Opgehangen.', household: 'Opgehangen door het gezin.', ringtimeout: 'Geen antwoord.', network: 'Verbinding verbroken.',
};

let call = null; // { grant, janus, sip, phase, endedBy, answeredAt, ringTimer, clock, reported }

function say(text) {
  statusLine.textContent = text;
  root.dataset.phase = call?.phase ?? 'idle';
}

function showProblem(text) {
  problemLine.textContent = text;
  problemLine.hidden = !text;
}

startForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!call) dial();
});

async function dial() {
  showProblem('');
  dialButton.disabled = true;
  startForm.hidden = true; // while a call is on, its controls take the place of "Bellen"
  call = { phase: 'dialling', endedBy: null, answeredAt: null, reported: false };
  say('Kiezen…');
  let response;
  try {
    response = await fetch(startForm.action, { method: 'POST', body: new FormData(startForm), cache: 'no-store' });
  } catch {
    return giveUp('Geen verbinding met GesprekTool. Controleer uw internet en probeer het opnieuw.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    return giveUp(problem.detail || problem.title || 'Bellen lukt nu niet. Probeer het opnieuw of bel op uw eigen telefoon.');
  }
  call.grant = await response.json();
  controls.hidden = false;
  hangUpButton.focus();
  await new Promise((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies(), callback: resolve }));
  call.janus = new Janus({
    server: call.grant.janus,
    token: call.grant.token,
    withCredentials: true, // the proxy needs the sign-in cookie
    iceServers: call.grant.ice.iceServers,
    iceTransportPolicy: call.grant.ice.iceTransportPolicy,
    success: attach,
    error: () => ended('network'),
    destroyed: () => {},
  });
}

// Before Janus is involved: nothing to hang up, only to explain.
function giveUp(text) {
  call = null;
  say('Niet gebeld.');
  showProblem(text);
  startForm.hidden = false;
  dialButton.disabled = false;
}

function attach() {
  call.janus.attach({
    plugin: 'janus.plugin.sip',
    success: (handle) => {
      call.sip = handle;
      handle.send({ message: { request: 'register' } });
    },
    error: () => ended('network'),
    onmessage: onMessage,
    onlocaltrack: () => {},
    onremotetrack: (track, mid, on) => {
      if (on && track.kind === 'audio') audio.srcObject = new MediaStream([track]);
    },
    iceState: (state) => { if (state === 'failed' && call?.phase === 'incall') ended('network'); },
    webrtcState: (up) => { if (!up && call?.phase === 'incall') ended('network'); },
  });
}

function onMessage(message, jsep) {
  if (!call) return;
  const result = message.result || {};
  if (message.error) {
    // 4xx from the plugin before the call went out: the line is not set up right, or the request was refused.
    console.warn('sip error', message.error_code, message.error);
    ended('network', null, 'De telefoonlijn weigerde het gesprek. Probeer het opnieuw of bel op uw eigen telefoon.');
    return;
  }
  switch (result.event) {
    case 'registered':
      placeCall();
      break;
    case 'registration_failed':
      ended('network', result.code, 'De telefoonlijn is nu niet bereikbaar. Probeer het zo opnieuw of bel op uw eigen telefoon.');
      break;
    case 'calling':
      say('Kiezen…');
      break;
    case 'ringing':
    case 'proceeding':
    case 'progress':
      if (jsep) call.sip.handleRemoteJsep({ jsep }); // early media: the trunk's own ring tone or announcement
      ringing();
      break;
    case 'accepted':
      if (jsep) call.sip.handleRemoteJsep({ jsep });
      answered();
      break;
    case 'hangup':
      ended(call.endedBy ?? 'household', result.code);
      break;
    default:
      break;
  }
}

function placeCall() {
  call.sip.createOffer({
    tracks: [{ type: 'audio', capture: true, recv: true }],
    success: (offer) => call.sip.send({ message: { request: 'call' }, jsep: offer }),
    error: () => {
      ended('worker', null, 'De microfoon is niet beschikbaar. Geef de browser toegang tot de microfoon (het slotje naast het adres) en bel opnieuw.');
    },
  });
  listOutputs();
  // Nobody picks up: give up after the organisation's ring time, as a phone would.
  call.ringTimer = setTimeout(() => {
    if (call && call.phase !== 'incall' && !call.endedBy) {
      call.endedBy = 'ringtimeout';
      call.sip.send({ message: { request: 'hangup' } });
    }
  }, (call.grant.ringSeconds || 40) * 1000);
}

function ringing() {
  if (call.phase !== 'dialling') return;
  call.phase = 'ringing';
  say('Gaat over…');
  report({ state: 'ringing' });
}

function answered() {
  if (call.phase === 'incall') return;
  clearTimeout(call.ringTimer);
  call.phase = 'incall';
  call.answeredAt = Date.now();
  say('In gesprek.');
  timerLine.hidden = false;
  tick();
  call.clock = setInterval(tick, 1000);
  report({ state: 'answered' });
}

function tick() {
  const seconds = Math.floor((Date.now() - call.answeredAt) / 1000);
  timerLine.textContent = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

hangUpButton.addEventListener('click', () => {
  if (!call || call.endedBy) return;
  call.endedBy = 'worker';
  say('Ophangen…');
  if (call.sip) {
    call.sip.send({ message: { request: 'hangup' } });
  } else {
    ended('worker');
  }
});

muteButton.addEventListener('click', () => {
  if (!call?.sip) return;
  const muted = call.sip.isAudioMuted();
  if (muted) call.sip.unmuteAudio(); else call.sip.muteAudio();
  // The label says what a press does, as on the video call page.
  muteButton.textContent = muted ? 'Microfoon uitzetten' : 'Microfoon aanzetten';
  say(muted ? 'Microfoon staat aan.' : 'Microfoon staat uit: het gezin hoort u niet.');
});

keypadToggle.addEventListener('click', () => {
  keypad.hidden = !keypad.hidden;
  keypadToggle.setAttribute('aria-expanded', String(!keypad.hidden));
});

keypad.addEventListener('click', (event) => {
  const digit = event.target.closest('button[data-digit]')?.dataset.digit;
  if (digit && call?.sip && call.phase === 'incall') call.sip.send({ message: { request: 'dtmf_info', digit } });
});

// Headset or speaker, where the browser lets a page choose (Chrome and Edge; not Safari or Firefox on Android).
async function listOutputs() {
  if (!('setSinkId' in HTMLMediaElement.prototype)) return;
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  const outputs = devices.filter((device) => device.kind === 'audiooutput' && device.deviceId && device.deviceId !== 'default');
  if (outputs.length === 0) return;
  speakerSelect.replaceChildren(speakerSelect.options[0], ...outputs.map((device, n) => new Option(device.label || `Geluid ${n + 1}`, device.deviceId)));
  outputField.hidden = false;
}

speakerSelect.addEventListener('change', () => audio.setSinkId(speakerSelect.value).catch(() => showProblem('Dit geluidsapparaat kan niet worden gekozen.')));

async function ended(by, code, problem) {
  if (!call || call.phase === 'over') return;
  const finished = call;
  finished.phase = 'over';
  clearTimeout(finished.ringTimer);
  clearInterval(finished.clock);
  controls.hidden = true;
  keypad.hidden = true;
  keypadToggle.setAttribute('aria-expanded', 'false');
  muteButton.textContent = 'Microfoon uitzetten'; // a new call starts with the microphone on
  if (problem) showProblem(problem);
  try { finished.sip?.hangup(); } catch { /* already gone */ }
  finished.janus?.destroy({ unload: false, notifyDestroyed: false });
  const outcome = await report({ state: 'ended', by, code: code ?? '' }, finished);
  const duration = outcome?.seconds ? ` Gespreksduur ${Math.floor(outcome.seconds / 60)} min ${outcome.seconds % 60} s.` : '';
  call = null;
  say(`${outcome?.text ? outcome.text + '.' : ENDED_TEXT[by]}${duration}`);
  timerLine.hidden = true;
  dialButton.textContent = 'Opnieuw bellen';
  startForm.hidden = false;
  dialButton.disabled = false;
  dialButton.focus();
}

// Tells the app what happened (moments only); the answer to "ended" is the outcome in Dutch.
async function report(fields, which = call) {
  const body = new FormData(startForm);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  try {
    const response = await fetch(which.grant.state, { method: 'POST', body, cache: 'no-store' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// Closing the tab mid-call: Janus hangs up when its session goes; the app hears it by beacon.
window.addEventListener('pagehide', () => {
  if (!call?.grant || call.phase === 'over') return;
  const body = new FormData(startForm);
  body.append('state', 'ended');
  body.append('by', 'worker');
  navigator.sendBeacon(call.grant.state, body);
  call.janus?.destroy({ unload: true });
});

// What the line carries now, for the page's own tests and for support: sound in and out, never content.
window.gesprekPhone = {
  async audio() {
    const totals = { energyHeard: 0, packetsReceived: 0, packetsSent: 0, codec: null };
    const pc = call?.sip?.webrtcStuff?.pc;
    if (!pc) return totals;
    const codecs = new Map();
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'codec') codecs.set(r.id, r.mimeType);
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        totals.energyHeard += r.totalAudioEnergy || 0;
        totals.packetsReceived += r.packetsReceived || 0;
        totals.codec = codecs.get(r.codecId) ?? totals.codec;
      }
      if (r.type === 'outbound-rtp' && r.kind === 'audio') totals.packetsSent += r.packetsSent || 0;
    });
    return totals;
  },
};
window.gesprekPhoneConnection = () => call?.sip?.webrtcStuff?.pc ?? null;
