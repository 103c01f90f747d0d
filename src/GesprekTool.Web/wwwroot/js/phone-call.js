// The softphone beside the script (PhoneCallPage): the worker's browser sends its microphone to
// Janus's SIP plugin, which phones the household through the organisation's trunk. Everything goes
// through the app's proxy (/bellen/janus), which puts in the account and the household's number;
// this script only asks for "a call" with the token the app gave for this attempt. With an
// interpreter on the line, the browser joins the two calls (phone-mixer.js).
import { placeLeg, lineFigures } from './phone-leg.js';
import { joinLegs } from './phone-mixer.js';

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
const interpreterButton = document.getElementById('phone-interpreter');
const interpreterLine = document.getElementById('interpreter-line');
const interpreterStatus = document.getElementById('interpreter-status');
const interpreterHangUp = document.getElementById('interpreter-hang-up');
const interpreterAudio = document.getElementById('interpreter-audio');

// What the page says when it could not learn the outcome from the app.
const ENDED_TEXT = {
  worker: 'Opgehangen.', household: 'Opgehangen door het gezin.', ringtimeout: 'Geen antwoord.', network: 'Verbinding verbroken.',
};

let call = null; // { grant, leg, phase, answeredAt, clock, microphone, householdTrack, interpreter }

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

// Asks the app for a leg (the household's, or the interpreter's): its grant, or a Dutch reason.
async function askForLeg(url) {
  let response;
  try {
    response = await fetch(url, { method: 'POST', body: new FormData(startForm), cache: 'no-store' });
  } catch {
    return { problem: 'Geen verbinding met GesprekTool. Controleer uw internet en probeer het opnieuw.' };
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    return { problem: problem.detail || problem.title || 'Bellen lukt nu niet. Probeer het opnieuw of bel op uw eigen telefoon.' };
  }
  return { grant: await response.json() };
}

async function dial() {
  showProblem('');
  dialButton.disabled = true;
  startForm.hidden = true; // while a call is on, its controls take the place of "Bellen"
  call = { phase: 'dialling', answeredAt: null };
  if (interpreterLine) interpreterLine.hidden = true; // the last call's interpreter line is history
  say('Kiezen…');
  const { grant, problem } = await askForLeg(startForm.action);
  if (!grant) return giveUp(problem);
  call.grant = grant;
  controls.hidden = false;
  hangUpButton.focus();
  const current = call;
  current.leg = await placeLeg(grant, true, {
    onLocalTrack: (track) => { current.microphone = track; },
    onRemoteTrack: (track) => {
      current.householdTrack = track;
      audio.srcObject = new MediaStream([track]);
    },
    onRinging: ringing,
    onAnswered: answered,
    onEnded: ended,
  });
  listOutputs();
}

// Before Janus is involved: nothing to hang up, only to explain.
function giveUp(text) {
  call = null;
  say('Niet gebeld.');
  showProblem(text);
  startForm.hidden = false;
  dialButton.disabled = false;
}

function ringing() {
  call.phase = 'ringing';
  say('Gaat over…');
  report({ state: 'ringing' });
}

function answered() {
  call.phase = 'incall';
  call.answeredAt = Date.now();
  say('In gesprek.');
  timerLine.hidden = false;
  tick();
  call.clock = setInterval(tick, 1000);
  if (interpreterButton) interpreterButton.hidden = false;
  report({ state: 'answered' });
}

// A telephone interpreter joins the call: the app dials the interpreter service's number (never a
// number from this page) on a leg of its own, and the browser joins the two legs.
interpreterButton?.addEventListener('click', addInterpreter);
interpreterHangUp?.addEventListener('click', () => {
  const leg = call?.interpreter?.leg;
  if (!leg || leg.endedBy) return;
  sayInterpreter('Tolk: ophangen…');
  leg.hangUp('worker');
});

function sayInterpreter(text) {
  interpreterStatus.textContent = text;
}

async function addInterpreter() {
  if (call?.phase !== 'incall' || call.interpreter || !call.microphone || !call.householdTrack) return;
  const current = call;
  const interpreter = {}; // { grant, mixer, leg, ended }
  let legEnded;
  interpreter.ended = new Promise((resolve) => { legEnded = resolve; });
  current.interpreter = interpreter;
  interpreterButton.hidden = true;
  interpreterLine.hidden = false;
  interpreterHangUp.hidden = false;
  interpreterHangUp.focus(); // the pressed button is gone; keyboard users land on its counterpart
  sayInterpreter('Tolk: kiezen…');
  const { grant, problem } = await askForLeg(current.grant.interpreter);
  if (!grant || current.phase !== 'incall') {
    current.interpreter = null;
    interpreterHangUp.hidden = true;
    sayInterpreter('Tolk: niet gebeld.');
    if (problem) showProblem(problem);
    if (current.phase === 'incall') {
      interpreterButton.hidden = false;
      interpreterButton.focus();
    }
    return;
  }
  interpreter.grant = grant;
  const householdSender = current.leg.connection().getSenders().find((sender) => sender.track?.kind === 'audio');
  interpreter.mixer = joinLegs({ microphone: current.microphone, householdSender, householdTrack: current.householdTrack });
  interpreter.leg = await placeLeg(grant, interpreter.mixer.forInterpreter, {
    onRemoteTrack: (track) => {
      interpreterAudio.srcObject = new MediaStream([track]);
      interpreter.mixer.hearInterpreter(track);
    },
    onRinging: () => {
      sayInterpreter('Tolk: gaat over…');
      report({ state: 'ringing' }, interpreter);
    },
    onAnswered: () => {
      sayInterpreter('Tolk in gesprek: u, het gezin en de tolk horen elkaar.');
      report({ state: 'answered' }, interpreter);
    },
    onEnded: (by, code, legProblem) => {
      legEnded();
      interpreterEnded(current, interpreter, by, code, legProblem);
    },
  });
}

// The worker's voice stops going to the interpreter at once, and the leg is hung up.
// Waits (a few seconds at most) until Janus has hung up the leg: the family's end, reported next,
// takes back the tokens, after which a hang-up would no longer get through.
function leaveInterpreter(interpreter) {
  interpreter.mixer?.part();
  interpreter.leg?.hangUp('worker');
  return Promise.race([interpreter.ended, new Promise((resolve) => setTimeout(resolve, 3000))]);
}

async function interpreterEnded(current, interpreter, by, code, problem) {
  interpreter.mixer?.part();
  interpreterAudio.srcObject = null;
  if (current.interpreter === interpreter) current.interpreter = null;
  interpreterHangUp.hidden = true;
  if (problem) showProblem(problem);
  const outcome = await report({ state: 'ended', by, code: code ?? '' }, interpreter);
  sayInterpreter(`Tolk: ${(outcome?.text ?? 'opgehangen').toLowerCase()}.`);
  if (current.phase === 'incall' && call === current) {
    const hadFocus = document.activeElement === interpreterHangUp || document.activeElement === document.body;
    interpreterButton.hidden = false;
    if (hadFocus) interpreterButton.focus();
  }
}

function tick() {
  const seconds = Math.floor((Date.now() - call.answeredAt) / 1000);
  timerLine.textContent = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

hangUpButton.addEventListener('click', () => {
  if (!call?.leg || call.leg.endedBy) return;
  say('Ophangen…');
  call.leg.hangUp('worker');
});

// The microphone's own track: with an interpreter on the line it feeds both mixes, so turning it
// off silences the worker to both and leaves the household and the interpreter hearing each other.
muteButton.addEventListener('click', () => {
  const microphone = call?.microphone;
  if (!microphone) return;
  const muted = !microphone.enabled;
  microphone.enabled = muted;
  // The label says what a press does, as on the video call page.
  muteButton.textContent = muted ? 'Microfoon uitzetten' : 'Microfoon aanzetten';
  say(muted ? 'Microfoon staat aan.' : `Microfoon staat uit: ${call.interpreter ? 'het gezin en de tolk horen' : 'het gezin hoort'} u niet.`);
});

keypadToggle.addEventListener('click', () => {
  keypad.hidden = !keypad.hidden;
  keypadToggle.setAttribute('aria-expanded', String(!keypad.hidden));
});

keypad.addEventListener('click', (event) => {
  const digit = event.target.closest('button[data-digit]')?.dataset.digit;
  if (digit && call?.phase === 'incall') call.leg.sip.send({ message: { request: 'dtmf_info', digit } });
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

speakerSelect.addEventListener('change', () => Promise.all([audio, interpreterAudio].filter(Boolean).map((element) => element.setSinkId(speakerSelect.value)))
  .catch(() => showProblem('Dit geluidsapparaat kan niet worden gekozen.')));

async function ended(by, code, problem) {
  if (!call || call.phase === 'over') return;
  const finished = call;
  finished.phase = 'over';
  clearInterval(finished.clock);
  const interpreterLeft = finished.interpreter ? leaveInterpreter(finished.interpreter) : null; // they were there for the family
  if (interpreterButton) interpreterButton.hidden = true;
  controls.hidden = true;
  keypad.hidden = true;
  keypadToggle.setAttribute('aria-expanded', 'false');
  muteButton.textContent = 'Microfoon uitzetten'; // a new call starts with the microphone on
  if (problem) showProblem(problem);
  await interpreterLeft;
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

// Closing the tab mid-call: Janus hangs up when its session goes; the app hears it by beacon (and
// ends the interpreter's leg with the household's).
window.addEventListener('pagehide', () => {
  if (!call?.grant || call.phase === 'over') return;
  const body = new FormData(startForm);
  body.append('state', 'ended');
  body.append('by', 'worker');
  navigator.sendBeacon(call.grant.state, body);
  call.interpreter?.leg?.janus?.destroy({ unload: true });
  call.leg?.janus?.destroy({ unload: true });
});

// What each line carries now, for the page's own tests and for support: sound in and out, never content.
window.gesprekPhone = {
  audio: (which = 'household') => lineFigures(which === 'interpreter' ? call?.interpreter?.leg : call?.leg),
};
window.gesprekPhoneConnection = (which = 'household') => (which === 'interpreter' ? call?.interpreter?.leg : call?.leg)?.connection() ?? null;
