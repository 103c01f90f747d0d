// Group video for a coaching session, through Janus's VideoRoom (janus.js from npm, see
// GesprekTool.Web.csproj). Each participant publishes one camera and microphone (video as three
// simulcast layers, of which Chrome sends two) and receives everyone else through one multistream subscription; Janus forwards,
// nobody uploads more than one stream. The app gives a short-lived Janus token per participant
// (POST /intervisie/{id}/videotoken); Janus refuses anyone without one.
//
// The steps, polls and notes live in #live (a live component on the server) and work without this script. This script only starts
// the video while #live says the session runs with a room (data-video="aan") and stops it after.
const section = document.getElementById('video');

// What a tile can receive. Chrome sends only the two top simulcast layers of a 640×360 camera (its
// layer limit drops the quarter-size one; a test saw it send nothing there), so substream 0 is never
// asked for: 'high' is 640 wide, 'small' 320 wide, and 'thin' is 320 wide at half the frame rate
// (the lower of the two temporal layers).
const LAYERS = {
  high: { substream: 2, temporal: 1 },
  small: { substream: 1, temporal: 1 },
  thin: { substream: 1, temporal: 0 },
};
const RETRY_SECONDS = [3, 5, 10, 20, 30];

const state = {
  janus: null,
  publisher: null,
  subscriber: null,
  subscriberReady: false,
  subscriberAttaching: false,
  subscriberBusy: false, // the streams of the change Janus is working on
  pendingFeeds: [],
  room: null,
  pin: null,
  myId: null,
  privateId: null,
  feeds: new Map(), // feed id -> { display, stream, tile, videoMid, layer }
  mids: new Map(), // subscriber mid -> feed id
  speaker: null,
  soundOnly: false,
  thinUntil: 0,
  retries: 0,
  starting: false,
  stopped: true,
};

const tiles = () => section.querySelector('.tiles');
const statusLine = () => section.querySelector('.video-status');

function say(text) {
  statusLine().textContent = text;
}

function wanted() {
  return document.getElementById('live')?.dataset.video === 'aan';
}

// ---- Start and stop with the session ----

async function sync() {
  if (wanted() && state.stopped && !state.starting) {
    section.hidden = false;
    await start();
  } else if (!wanted()) {
    if (!state.stopped) stop(); // Janus may have said "destroyed" first
    section.hidden = true;
  }
}

async function start() {
  state.starting = true;
  state.stopped = false;
  say('Video wordt verbonden…');
  try {
    const form = section.querySelector('form.video-token');
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), cache: 'no-store' });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      say(problem.detail || problem.title || 'Video is nu niet beschikbaar. De stappen, peilingen en notities werken wel.');
      state.stopped = true;
      if (response.status === 503) retryLater();
      return;
    }
    const grant = await response.json();
    state.room = grant.room;
    state.pin = grant.pin;
    await connect(grant);
  } catch {
    say('De video kon niet verbinden. We proberen het zo opnieuw. De stappen, peilingen en notities werken wel.');
    state.stopped = true;
    retryLater();
  } finally {
    state.starting = false;
  }
}

function retryLater() {
  const seconds = RETRY_SECONDS[Math.min(state.retries, RETRY_SECONDS.length - 1)];
  state.retries += 1;
  setTimeout(() => { if (wanted() && state.stopped) sync(); }, seconds * 1000);
}

function stop() {
  state.stopped = true;
  const janus = state.janus;
  Object.assign(state, { janus: null, publisher: null, subscriber: null, subscriberReady: false, subscriberAttaching: false, subscriberBusy: false, pendingFeeds: [], myId: null, privateId: null, speaker: null });
  state.feeds.clear();
  state.mids.clear();
  tiles().replaceChildren();
  janus?.destroy({ unload: false, notifyDestroyed: false });
}

function lost() {
  if (state.stopped) return;
  stop();
  if (wanted()) {
    say('De video is weggevallen. We verbinden opnieuw… De stappen, peilingen en notities werken gewoon door.');
    retryLater();
  }
}

let janusReady = null;
function initJanus() {
  janusReady ??= new Promise((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies(), callback: resolve }));
  return janusReady;
}

async function connect(grant) {
  await initJanus();
  await new Promise((resolve, reject) => {
    state.janus = new Janus({
      server: section.dataset.janus,
      token: grant.token,
      withCredentials: true, // janus.js leaves cookies out by default; the app's proxy needs the sign-in cookie
      iceServers: grant.ice.iceServers,
      iceTransportPolicy: grant.ice.iceTransportPolicy,
      success: resolve,
      error: (error) => (state.publisher ? lost() : reject(error)),
      destroyed: () => {},
    });
  });
  await attachPublisher(grant.display);
}

// ---- Publishing: one camera and microphone ----

function attachPublisher(display) {
  return new Promise((resolve, reject) => {
    state.janus.attach({
      plugin: 'janus.plugin.videoroom',
      success: (handle) => {
        state.publisher = handle;
        handle.send({ message: { request: 'join', ptype: 'publisher', room: state.room, pin: state.pin, display } });
        resolve();
      },
      error: reject,
      onmessage: onPublisherMessage,
      onlocaltrack: showOwnTrack,
      onremotetrack: () => {},
      webrtcState: (up) => { if (!up) lost(); },
    });
  });
}

function onPublisherMessage(message, jsep) {
  const event = message.videoroom;
  if (jsep) state.publisher.handleRemoteJsep({ jsep });
  if (event === 'joined') {
    state.myId = message.id;
    state.privateId = message.private_id;
    state.retries = 0;
    say('');
    ownTile();
    publish(true, true);
    subscribeTo(message.publishers || []);
  } else if (event === 'event') {
    if (message.publishers) subscribeTo(message.publishers);
    if (message.leaving) removeFeed(message.leaving);
    if (message.unpublished && message.unpublished !== 'ok') removeFeed(message.unpublished);
    if (message.error) {
      say(message.error_code === 433 || message.error_code === 426
        ? 'U kunt niet aan deze video deelnemen. Laad de pagina opnieuw.'
        : 'De video gaf een fout. Laad de pagina opnieuw als het beeld niet terugkomt.');
    }
  } else if (event === 'talking') {
    setSpeaker(message.id);
  } else if (event === 'destroyed') {
    stop();
    say('De video is gesloten.');
  }
}

// Camera and microphone; without a camera, sound only; without either, watch and listen.
function publish(withAudio, withVideo) {
  const tracks = [];
  if (withAudio) tracks.push({ type: 'audio', capture: true, recv: false });
  if (withVideo) {
    tracks.push({
      type: 'video', capture: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 24 } }, recv: false,
      simulcast: true, simulcastMaxBitrates: { high: 400000, medium: 100000, low: 50000 },
    });
  }
  if (tracks.length === 0) {
    say('Uw camera en microfoon zijn niet beschikbaar. U ziet en hoort de anderen wel.');
    return;
  }
  state.publisher.createOffer({
    tracks,
    success: (jsep) => {
      state.publisher.send({ message: { request: 'configure', audio: withAudio, video: withVideo }, jsep });
      if (!withVideo) say('Uw camera is niet beschikbaar; de anderen horen u wel.');
      if (state.soundOnly) state.publisher.muteVideo();
    },
    error: () => (withVideo ? publish(withAudio, false) : publish(false, false)),
  });
}

// ---- Receiving: one subscription for every other participant ----

function subscribeTo(publishers) {
  const fresh = publishers.filter((p) => p.id !== state.myId && !state.feeds.has(p.id));
  fresh.forEach((p) => state.feeds.set(p.id, { display: p.display || 'Deelnemer', stream: new MediaStream(), tile: null, videoMid: null, layer: null }));
  fresh.forEach((p) => feedTile(p.id));
  state.pendingFeeds.push(...fresh.map((p) => ({ feed: p.id })));
  if (state.pendingFeeds.length === 0) return;
  if (!state.subscriber && !state.subscriberAttaching) {
    attachSubscriber();
  } else {
    flushSubscriptions();
  }
}

// One change to the subscription at a time: the next waits until the last renegotiation is done.
function flushSubscriptions() {
  if (!state.subscriberReady || state.subscriberBusy || state.pendingFeeds.length === 0) return;
  const streams = state.pendingFeeds.splice(0).filter((s) => state.feeds.has(s.feed));
  if (streams.length === 0) return;
  state.subscriberBusy = streams;
  state.subscriber.send({ message: { request: 'subscribe', streams } });
}

function attachSubscriber() {
  const streams = state.pendingFeeds.splice(0);
  state.subscriberAttaching = true;
  state.janus.attach({
    plugin: 'janus.plugin.videoroom',
    success: (handle) => {
      state.subscriber = handle;
      state.subscriberAttaching = false;
      state.subscriberBusy = streams;
      handle.send({ message: { request: 'join', ptype: 'subscriber', room: state.room, pin: state.pin, private_id: state.privateId, streams } });
    },
    error: lost,
    onmessage: onSubscriberMessage,
    onremotetrack: onRemoteTrack,
    slowLink: () => thin(),
  });
}

function onSubscriberMessage(message, jsep) {
  if (message.error) {
    // Janus refused this change (for instance mid-renegotiation): ask again shortly.
    const refused = Array.isArray(state.subscriberBusy) ? state.subscriberBusy : [];
    state.subscriberBusy = false;
    state.pendingFeeds.unshift(...refused);
    setTimeout(flushSubscriptions, 1000);
    return;
  }
  if (message.streams) {
    message.streams.forEach((s) => {
      if (s.feed_id === undefined) return;
      state.mids.set(s.mid, s.feed_id);
      const feed = state.feeds.get(s.feed_id);
      if (feed && s.type === 'video') feed.videoMid = s.active === false ? null : s.mid;
    });
  }
  if (!jsep) return;
  state.subscriber.createAnswer({
    jsep,
    tracks: [{ type: 'data' }], // audio and video are accepted receive-only
    success: (answer) => {
      state.subscriber.send({ message: { request: 'start', room: state.room }, jsep: answer });
      state.subscriberReady = true;
      state.subscriberBusy = false;
      flushSubscriptions();
      setTimeout(applyLayers, 500);
    },
    error: lost,
  });
}

function onRemoteTrack(track, mid, on) {
  const feed = state.feeds.get(state.mids.get(mid));
  if (!feed) return;
  feed.stream.getTracks().filter((t) => t.kind === track.kind && (!on || t.id !== track.id)).forEach((t) => feed.stream.removeTrack(t));
  if (on) feed.stream.addTrack(track);
  const tile = feed.tile;
  tile.classList.toggle('no-video', feed.stream.getVideoTracks().length === 0 || state.soundOnly);
  const video = tile.querySelector('video');
  if (video.srcObject !== feed.stream) video.srcObject = feed.stream;
  video.play().catch((error) => {
    // Only a browser that wants a click before sound plays gets the button.
    if (error.name === 'NotAllowedError') section.querySelector('[data-action=geluid]').hidden = false;
  });
}

function removeFeed(id) {
  const feed = state.feeds.get(id);
  if (!feed) return;
  feed.tile?.remove();
  state.feeds.delete(id);
  for (const [mid, feedId] of state.mids) if (feedId === id) state.mids.delete(mid);
  if (state.speaker === id) state.speaker = null;
  // Janus drops the leaver's streams from the subscription itself (an "updated" offer follows).
}

// ---- Tiles ----

function makeTile(name) {
  const tile = document.createElement('figure');
  tile.className = 'tile no-video';
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  const caption = document.createElement('figcaption');
  caption.className = 'name';
  caption.textContent = name;
  tile.append(video, caption);
  return tile;
}

function ownTile() {
  let tile = tiles().querySelector('.tile.own');
  if (!tile) {
    tile = makeTile('U');
    tile.classList.add('own');
    tile.querySelector('video').muted = true;
    tiles().append(tile);
  }
  return tile;
}

function feedTile(id) {
  const feed = state.feeds.get(id);
  feed.tile = makeTile(feed.display);
  feed.tile.dataset.feed = String(id);
  tiles().insertBefore(feed.tile, tiles().querySelector('.tile.own'));
}

function showOwnTrack(track, on) {
  if (track.kind !== 'video') return;
  const tile = ownTile();
  const video = tile.querySelector('video');
  if (on) video.srcObject = new MediaStream([track]);
  tile.classList.toggle('no-video', !on);
}

// The active speaker's tile is large and gets the highest layer.
function setSpeaker(id) {
  if (!state.feeds.has(id) || state.speaker === id) return;
  state.speaker = id;
  state.feeds.forEach((feed, feedId) => feed.tile?.classList.toggle('speaking', feedId === id));
  applyLayers();
}

// ---- Data: layers per tile, thin connections, sound only ----

const THIN_NOTICE = 'Uw verbinding is zwak: u ziet de anderen nu in lagere kwaliteit.';

function thin() {
  if (!state.thinUntil) say(THIN_NOTICE);
  state.thinUntil = Date.now() + 30000;
  applyLayers();
}

// With one or two others their tiles are large, so they get the high layer; with more, only the speaker.
function layerFor(feedId) {
  if (Date.now() < state.thinUntil || navigator.connection?.saveData) return 'thin';
  if (feedId === state.speaker || state.feeds.size <= 2) return 'high';
  return 'small';
}

function applyLayers() {
  if (!state.subscriberReady) return;
  const streams = [];
  state.feeds.forEach((feed, feedId) => {
    if (!feed.videoMid) return;
    const layer = state.soundOnly ? 'off' : layerFor(feedId);
    if (feed.layer === layer) return;
    feed.layer = layer;
    streams.push(layer === 'off' ? { mid: feed.videoMid, send: false } : { mid: feed.videoMid, send: true, ...LAYERS[layer] });
  });
  if (streams.length) state.subscriber.send({ message: { request: 'configure', streams } });
}

// Packet loss in what arrives means the connection is too thin for the current layers. On a very
// thin line few packets arrive at all, so 20 in five seconds are enough to judge.
let lastSeen = { lost: 0, received: 0 };
async function watchConnection() {
  const pc = state.subscriber?.webrtcStuff?.pc;
  if (!pc || !state.subscriberReady) return;
  const seen = { lost: 0, received: 0 };
  (await pc.getStats()).forEach((report) => {
    if (report.type === 'inbound-rtp' && report.kind === 'video') {
      seen.lost += report.packetsLost || 0;
      seen.received += report.packetsReceived || 0;
    }
  });
  const lost = seen.lost - lastSeen.lost;
  const received = seen.received - lastSeen.received;
  lastSeen = seen;
  if (received > 20 && lost / (lost + received) > 0.05) thin();
  else if (state.thinUntil && Date.now() > state.thinUntil) {
    state.thinUntil = 0;
    if (statusLine().textContent === THIN_NOTICE) say('');
    applyLayers();
  }
}

// ---- Buttons ----

function toggle(button, handler) {
  const pressed = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(pressed));
  handler(pressed);
}

const actions = {
  microfoon: (muted) => (muted ? state.publisher?.muteAudio() : state.publisher?.unmuteAudio()),
  camera: (off) => (off ? state.publisher?.muteVideo() : state.publisher?.unmuteVideo()),
  'alleen-geluid': (on) => {
    state.soundOnly = on;
    const camera = section.querySelector('[data-action=camera]');
    camera.setAttribute('aria-pressed', String(on));
    camera.disabled = on;
    if (on) state.publisher?.muteVideo(); else state.publisher?.unmuteVideo();
    state.feeds.forEach((feed) => feed.tile?.classList.toggle('no-video', on || feed.stream.getVideoTracks().length === 0));
    applyLayers();
    say(on ? 'Alleen geluid: u ziet de anderen niet en zij u niet. Dit spaart veel data.' : '');
  },
};

if (section) {
  section.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    if (button.dataset.action === 'geluid') {
      section.querySelectorAll('.tile:not(.own) video').forEach((v) => v.play().catch(() => {}));
      button.hidden = true;
      return;
    }
    toggle(button, actions[button.dataset.action]);
  });
  // The live part of the page (an interactive component) says whether the video should run; follow
  // its data-video attribute as the server updates it, whether #live changes or is rendered anew.
  let shown = wanted();
  new MutationObserver(() => {
    if (wanted() === shown) return;
    shown = wanted();
    sync();
  }).observe(section.parentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-video'] });
  setInterval(watchConnection, 5000);
  sync();

  // For people and tests who want to know whether video arrives: frames decoded per participant,
  // the width of the layer that arrives, and the local port the video comes in on.
  window.coachingVideo = {
    async received() {
      const pc = state.subscriber?.webrtcStuff?.pc;
      const result = { port: null, feeds: {} };
      if (!pc) return result;
      const stats = await pc.getStats();
      stats.forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') {
          const feed = state.feeds.get(state.mids.get(report.mid));
          if (feed) result.feeds[feed.display] = { frames: report.framesDecoded || 0, width: report.frameWidth || 0 };
        }
        if (report.type === 'transport' && report.selectedCandidatePairId) {
          const pair = stats.get(report.selectedCandidatePairId);
          result.port = stats.get(pair?.localCandidateId)?.port ?? null;
        }
      });
      return result;
    },
    async framesDecoded() {
      const { feeds } = await this.received();
      return Object.fromEntries(Object.entries(feeds).map(([name, feed]) => [name, feed.frames]));
    },
    // Bytes sent and received on both peer connections so far (bench/group-video.sh takes rates from it).
    async transportBytes() {
      let sent = 0;
      let received = 0;
      for (const pc of [state.publisher?.webrtcStuff?.pc, state.subscriber?.webrtcStuff?.pc]) {
        if (!pc) continue;
        (await pc.getStats()).forEach((r) => {
          if (r.type === 'transport') { sent += r.bytesSent || 0; received += r.bytesReceived || 0; }
        });
      }
      return { sent, received };
    },
  };
}
