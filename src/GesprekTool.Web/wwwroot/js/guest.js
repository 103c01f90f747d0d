// The household's (or interpreter's) page: camera check, waiting room, call. Opening the link is
// enough to be in the waiting room; there is no button to press first.
import { CallSession, openLocalMedia, openCamera, showRemoteVideo, removeRemoteVideo } from './call-core.js';

const root = document.querySelector('[data-guest]');
const texts = JSON.parse(document.getElementById('guest-texts').textContent);
const $ = (selector) => root.querySelector(selector);
const preview = $('#preview');
const check = $('#check-status');
const waiting = $('#waiting');
const stage = $('#stage');
const remotes = $('#remotes');
const status = $('#call-status');
const notice = $('#notice');
let session = null;
let microphoneOn = true;
let cameraOn = true;
let audioOnly = false;
let inWaitingRoom = false;
let holdWaiting = false;

start();

async function start() {
  const { stream, problem } = await openLocalMedia();
  if (problem === 'no-webrtc') {
    showNotice(texts.noWebRtc);
    check.textContent = '';
    return;
  }
  showCheck(stream, problem);
  session = new CallSession({
    hubUrl: `${root.dataset.hub}${root.dataset.hub.includes('?') ? '&' : '?'}device=${encodeURIComponent(deviceKey())}&media=${mediaFound(stream)}`,
    accessToken: root.dataset.token,
    localStream: stream || new MediaStream(),
    events: {
      waitingRoom: () => {
        inWaitingRoom = true;
        // Its space was kept since the first paint; now its words show (with the camera refused the page
        // first helps to allow it, and the waiting room shows once they go on without).
        waiting.classList.remove('pending');
        waiting.hidden = holdWaiting;
        setStatus('');
      },
      admitted,
      peerAdded: (peer) => showRemoteVideo(remotes, peer),
      peerMedia: (peer) => showRemoteVideo(remotes, peer),
      peerRemoved: removeRemoteVideo,
      status: (key) => setStatus(key),
      signalling: (state) => {
        if (state === 'reconnecting') status.dataset.signalling = 'down';
        if (state === 'reconnected') {
          delete status.dataset.signalling;
          session.markRecovered();
        }
        renderStatus();
      },
      finished,
    },
  });
  window.gesprekCall = session; // for tests and support: the peer connections and their stats
  // Closing the tab or page: tell the others at once instead of letting their connection time out.
  window.addEventListener('pagehide', () => session.leave());
  await session.start();
}

// Told to the worker with the knock: "camera,microfoon", "microfoon", "camera" or "geen".
function mediaFound(stream) {
  const found = [];
  if (stream?.getVideoTracks().length) found.push('camera');
  if (stream?.getAudioTracks().length) found.push('microfoon');
  return found.length ? found.join(',') : 'geen';
}

function showCheck(stream, problem) {
  // The preview's space is kept from the first paint (no jump); without a camera it goes.
  if (stream && stream.getVideoTracks().length > 0) {
    preview.srcObject = stream;
  } else {
    preview.hidden = true;
  }
  const messages = { denied: texts.permissionDenied, 'no-camera': texts.noCamera, 'no-devices': texts.noDevices };
  check.textContent = problem ? messages[problem] : texts.checkOk;
  check.className = problem ? 'problem' : 'ok';
  $('#retry').hidden = problem !== 'denied';
  if (problem === 'denied') showPermissionHelp();
}

// Short steps for the browser they use: Android (Chrome, Samsung Internet), iPhone or iPad (Safari), or a computer.
function showPermissionHelp() {
  const agent = navigator.userAgent;
  const steps = /iPhone|iPad|iPod/.test(agent) ? texts.stepsIphone : /Android/.test(agent) ? texts.stepsAndroid : texts.stepsComputer;
  $('#permission-steps').replaceChildren(...steps.split('|').map((step) => {
    const item = document.createElement('li');
    item.textContent = step.trim();
    return item;
  }));
  $('#permission-help').hidden = false;
  $('#continue-without').hidden = false;
  // The steps take the introduction's place, so they and both buttons fit a small phone.
  $('#check').classList.add('refused');
  holdWaiting = true;
}

$('#continue-without').addEventListener('click', () => {
  holdWaiting = false;
  $('#permission-help').hidden = true;
  $('#continue-without').hidden = true;
  $('#check').classList.remove('refused');
  waiting.hidden = !inWaitingRoom;
});

$('#retry').addEventListener('click', () => location.reload());

function admitted() {
  waiting.hidden = true;
  $('#check').hidden = true;
  stage.hidden = false;
  if (preview.srcObject) {
    $('#self').srcObject = preview.srcObject;
    preview.srcObject = null;
  } else {
    $('#self').hidden = true;
  }
  setStatus(session.peers.size ? 'connecting' : 'alone');
}

let currentStatus = '';
function setStatus(key) {
  currentStatus = key;
  renderStatus();
}

function renderStatus() {
  const words = { connecting: texts.connecting, connected: texts.connected, recovered: texts.recovered, poor: texts.poor, alone: texts.waitingForWorker };
  const down = status.dataset.signalling === 'down';
  status.textContent = down ? texts.reconnectingServer : words[currentStatus] || '';
  status.className = `call-status ${down ? 'reconnecting' : currentStatus}`;
}

$('#microphone').addEventListener('click', (event) => {
  microphoneOn = !microphoneOn;
  session.setMicrophone(microphoneOn);
  // The name says what a tap does next ("Microfoon aanzetten"), so there is no pressed state to read.
  event.currentTarget.textContent = microphoneOn ? texts.microphoneOff : texts.microphoneOn;
});

$('#camera').addEventListener('click', (event) => {
  cameraOn = !cameraOn;
  session.setCamera(cameraOn);
  event.currentTarget.textContent = cameraOn ? texts.cameraOff : texts.cameraOn;
});

// Sound only, both ways: no video is sent or received, which saves most of the data on a phone plan.
$('#audio-only').addEventListener('click', async (event) => {
  const buttonElement = event.currentTarget;
  audioOnly = !audioOnly;
  await session.setAudioOnly(audioOnly, openCamera);
  buttonElement.textContent = audioOnly ? texts.videoAgain : texts.audioOnly;
  $('#camera').hidden = audioOnly;
  $('#self').hidden = audioOnly;
  // No frozen last picture: the sound keeps playing from the hidden video element.
  remotes.classList.toggle('sound-only', audioOnly);
  $('#sound-only-note').hidden = !audioOnly;
  if (!audioOnly) $('#self').srcObject = session.localStream;
});

$('#leave').addEventListener('click', () => session.leave());

function finished(reason) {
  stage.hidden = true;
  waiting.hidden = true;
  $('#check').hidden = true;
  if (reason === 'left') {
    // Their own hang-up leaves them, not the call: say so, and offer the way back.
    $('#left').hidden = false;
    $('#rejoin').focus();
    return;
  }
  const messages = { declined: texts.declined, removed: texts.linkInvalid, ended: texts.ended };
  showNotice(messages[reason] || texts.ended);
}

// The admitted device goes straight back into the call (no waiting room) while the call runs.
$('#rejoin').addEventListener('click', () => location.reload());

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = false;
}

// A random key this browser keeps, so the server can tell "the admitted phone reconnects" from "the
// link was opened on another device" (which knocks again in the waiting room).
let pageKey = '';

function deviceKey() {
  pageKey ||= randomKey();
  try {
    let key = localStorage.getItem('gesprektool.device');
    if (!key) {
      key = pageKey;
      localStorage.setItem('gesprektool.device', key);
    }
    return key;
  } catch {
    // No storage (private mode on some phones): this page load is its own device.
    return pageKey;
  }
}

function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
