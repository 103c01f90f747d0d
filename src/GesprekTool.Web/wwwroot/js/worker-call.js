// The worker's call page: the video and its controls. The waiting room and the join links beside it
// are a live component (Calls/CallRoomLive.razor); the script runs in the frame beside them with its
// own autosave, so answering never waits for (or disturbs) the call.
import { CallSession, openLocalMedia, openCamera, showRemoteVideo, removeRemoteVideo } from './call-core.js';

const layout = document.querySelector('[data-call]');
const $ = (selector) => document.querySelector(selector);
const remotes = $('#remotes');
const statusLine = $('#call-status');
const signallingNote = $('#signalling-note');
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
