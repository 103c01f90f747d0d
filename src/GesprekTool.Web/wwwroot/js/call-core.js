// The video call itself, shared by the worker's page and the guest's page.
//
// Signalling goes through the SignalR hub; media goes peer to peer (or through TURN). Every pair of
// participants has one RTCPeerConnection and follows the "perfect negotiation" pattern: either side
// may (re)negotiate, and when both offer at once the polite one gives way. Peers are known by a
// participant id that survives reconnects, so a lost signalling connection does not touch media
// that still flows: the hub reconnects on its own, and ICE restarts when the media path breaks.
/* global signalR */

const RECONNECT_DELAYS = [0, 500, 1000, 2000, 3000, 5000];

// The messages the hub sends (Calls/ICallClient.cs has the same names; a test keeps them equal).
const HubMessages = Object.freeze({
  Joined: 'Joined',
  Admitted: 'Admitted',
  PeerJoined: 'PeerJoined',
  PeerAway: 'PeerAway',
  PeerLeft: 'PeerLeft',
  Signal: 'Signal',
  Declined: 'Declined',
  Removed: 'Removed',
  CallEnded: 'CallEnded',
  Moved: 'Moved',
});

// The SignalR client (tens of KB) is not in the household's page head: it is fetched here, after
// the page has painted, from the address the page names (data-signalr). Staff pages that load it
// with a script tag already have window.signalR.
let signalRLoaded = null;
export function loadSignalR() {
  if (window.signalR) return Promise.resolve();
  signalRLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = document.querySelector('[data-signalr]')?.dataset.signalr ?? '/lib/signalr/signalr.min.js';
    script.onload = () => resolve();
    script.onerror = () => { signalRLoaded = null; reject(new Error('signalr did not load')); };
    document.head.append(script);
  });
  return signalRLoaded;
}

export class CallSession {
  constructor({ hubUrl, accessToken, localStream, events }) {
    this.hubUrl = hubUrl;
    this.accessToken = accessToken;
    this.localStream = localStream;
    this.events = events;
    this.instance = crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
    this.peers = new Map();
    this.known = new Map(); // participant id -> { name, role, instance }, from the hub
    this.outbox = [];
    this.selfId = null;
    this.admitted = false;
    this.ice = { iceServers: [] };
    this.audioOnly = false;
    this.everConnected = false;
    this.lastStatus = null;
    this.finished = false;
  }

  async start() {
    await loadSignalR();
    const url = `${this.hubUrl}${this.hubUrl.includes('?') ? '&' : '?'}instance=${encodeURIComponent(this.instance)}`;
    const options = this.accessToken ? { accessTokenFactory: () => this.accessToken } : {};
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(url, options)
      // Keep trying for as long as the page is open: a call can outlive a server restart.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => RECONNECT_DELAYS[Math.min(c.previousRetryCount, RECONNECT_DELAYS.length - 1)] })
      .configureLogging(signalR.LogLevel.None)
      .build();
    const hub = this.connection;
    hub.on(HubMessages.Joined, (state) => this.onJoined(state));
    hub.on(HubMessages.Admitted, (state) => this.onAdmitted(state));
    hub.on(HubMessages.PeerJoined, (peer) => this.onPeerJoined(peer));
    hub.on(HubMessages.PeerAway, () => this.updateStatus());
    hub.on(HubMessages.PeerLeft, (id) => this.closePeer(id));
    hub.on(HubMessages.Signal, (from, payload) => this.onSignal(from, payload));
    hub.on(HubMessages.Declined, () => this.finish('declined'));
    hub.on(HubMessages.Removed, () => this.finish('removed'));
    hub.on(HubMessages.CallEnded, () => this.finish('ended'));
    // Another app instance holds the call now (after a failover): reconnect at once, media goes on.
    hub.on(HubMessages.Moved, () => {
      this.moving = true;
      this.events.signalling?.('reconnecting');
      this.connection.stop();
    });
    hub.onreconnecting(() => this.events.signalling?.('reconnecting'));
    hub.onreconnected(() => {
      this.events.signalling?.('reconnected');
      this.flush();
    });
    hub.onclose(() => {
      // Closed for good (refused, or retries ran out): keep trying while the call is not over.
      if (!this.finished) setTimeout(() => this.connect(), this.moving ? 0 : 2000);
      this.moving = false;
    });
    window.addEventListener('online', () => this.restartIceEverywhere());
    navigator.connection?.addEventListener?.('change', () => this.restartIceEverywhere());
    this.statsTimer = setInterval(() => this.checkQuality(), 2000);
    await this.connect();
  }

  async connect() {
    while (!this.finished) {
      try {
        await this.connection.start();
        // A later start (after the hub closed for good) is a recovery; the first one is not.
        this.events.signalling?.(this.everStarted ? 'reconnected' : 'connected');
        this.everStarted = true;
        this.flush();
        return;
      } catch {
        if (this.connection.state !== signalR.HubConnectionState.Disconnected) return;
        this.events.signalling?.('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  onJoined(state) {
    this.selfId = state.self.id;
    this.ice = state.ice;
    if (!state.admitted) {
      this.events.waitingRoom?.();
      return;
    }
    this.onAdmitted(state);
  }

  onAdmitted(state) {
    const first = !this.admitted;
    this.admitted = true;
    if (first) this.events.admitted?.();
    for (const peer of state.peers) this.onPeerJoined(peer);
    this.updateStatus();
  }

  onPeerJoined(peer) {
    this.known.set(peer.id, peer);
    const existing = this.peers.get(peer.id);
    if (existing && existing.instance === peer.instance && !['failed', 'closed'].includes(existing.pc.connectionState)) {
      // Same page as before, only its signalling reconnected: keep the media, nudge ICE if it is down.
      if (existing.pc.iceConnectionState === 'disconnected') existing.pc.restartIce();
      return;
    }
    if (existing) this.closePeer(peer.id);
    // The impolite side starts a new connection; the polite side waits for its offer.
    if (!this.isPolite(peer.id)) this.createPeer(peer, true);
  }

  isPolite(peerId) {
    return this.selfId > peerId;
  }

  createPeer(info, initiator) {
    const pc = new RTCPeerConnection(this.ice);
    const peer = { ...info, pc, polite: this.isPolite(info.id), makingOffer: false, ignoreOffer: false, stream: null, wasDown: false, downTimer: null };
    this.peers.set(info.id, peer);
    this.addLocalMedia(pc, initiator);

    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        this.send(peer.id, { description: pc.localDescription });
        await capVideo(pc);
      } catch (error) {
        console.warn('negotiation failed', error);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send(peer.id, { candidate });
    };
    pc.ontrack = ({ track, streams }) => {
      peer.stream = streams[0] || peer.stream || new MediaStream();
      if (!streams[0]) peer.stream.addTrack(track);
      this.events.peerMedia?.(peer);
    };
    pc.oniceconnectionstatechange = () => this.onIceState(peer);
    pc.onconnectionstatechange = () => this.updateStatus();
    this.events.peerAdded?.(peer);
    return peer;
  }

  addLocalMedia(pc, initiator) {
    for (const kind of ['audio', 'video']) {
      const track = this.localStream?.getTracks().find((t) => t.kind === kind && t.readyState === 'live');
      const wanted = kind === 'video' && this.audioOnly ? 'inactive' : null;
      if (track && !wanted) {
        pc.addTrack(track, this.localStream);
      } else if (initiator) {
        // Without a camera or microphone we still want to see and hear the others.
        pc.addTransceiver(kind, { direction: wanted || 'recvonly' });
      }
    }
  }

  async onSignal(from, { description, candidate, instance }) {
    let peer = this.peers.get(from);
    if (peer && instance && peer.instance !== instance) {
      this.closePeer(from);
      peer = null;
    }
    if (!peer) {
      if (!description || description.type !== 'offer') return;
      peer = this.createPeer({ ...(this.known.get(from) || { role: '', name: '' }), id: from, instance }, false);
    }
    const pc = peer.pc;
    try {
      if (description) {
        const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(speechOpus(description));
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          this.send(from, { description: pc.localDescription });
          await capVideo(pc);
        }
      } else if (candidate) {
        try {
          await pc.addIceCandidate(candidate);
        } catch (error) {
          if (!peer.ignoreOffer) throw error;
        }
      }
    } catch (error) {
      console.warn('signal failed', error);
    }
  }

  send(to, payload) {
    const message = { to, payload: { ...JSON.parse(JSON.stringify(payload)), instance: this.instance } };
    if (this.connection?.state === signalR.HubConnectionState.Connected) {
      this.connection.invoke('Signal', message.to, message.payload).catch(() => this.outbox.push(message));
    } else {
      // Waits for the hub to come back; ICE candidates that went stale meanwhile do no harm.
      this.outbox.push(message);
    }
  }

  flush() {
    const waiting = this.outbox.splice(0);
    for (const message of waiting) this.send(message.to, message.payload);
  }

  onIceState(peer) {
    const state = peer.pc.iceConnectionState;
    clearTimeout(peer.downTimer);
    if (state === 'failed') {
      peer.wasDown = true;
      this.restartIce(peer);
    } else if (state === 'disconnected') {
      peer.wasDown = true;
      // Often back by itself within a second or two (a short dropout); otherwise find a new path.
      peer.downTimer = setTimeout(() => {
        if (peer.pc.iceConnectionState === 'disconnected') this.restartIce(peer);
      }, 2500);
    }
    this.updateStatus();
  }

  async restartIce(peer) {
    // Long calls outlive TURN credentials: fetch fresh ones first when the hub is reachable.
    if (this.connection?.state === signalR.HubConnectionState.Connected) {
      try {
        const ice = await this.connection.invoke('IceServers');
        if (ice) {
          this.ice = ice;
          peer.pc.setConfiguration(ice);
        }
      } catch {
        /* keep the old configuration */
      }
    }
    peer.pc.restartIce();
  }

  restartIceEverywhere() {
    for (const peer of this.peers.values()) this.restartIce(peer);
  }

  closePeer(id) {
    const peer = this.peers.get(id);
    if (!peer) return;
    clearTimeout(peer.downTimer);
    peer.pc.close();
    this.peers.delete(id);
    this.events.peerRemoved?.(peer);
    this.updateStatus();
  }

  async checkQuality() {
    for (const peer of this.peers.values()) {
      if (peer.pc.connectionState !== 'connected') continue;
      try {
        const stats = await peer.pc.getStats();
        let lost = 0;
        let received = 0;
        let rtt = 0;
        stats.forEach((report) => {
          if (report.type === 'inbound-rtp') {
            lost += report.packetsLost || 0;
            received += report.packetsReceived || 0;
          }
          if (report.type === 'candidate-pair' && report.nominated && report.currentRoundTripTime) rtt = report.currentRoundTripTime;
        });
        const previous = peer.quality || { lost, received };
        const newLost = lost - previous.lost;
        const newReceived = received - previous.received;
        peer.poor = rtt > 0.8 || (newReceived + newLost > 20 && newLost / (newReceived + newLost) > 0.08);
        peer.quality = { lost, received };
      } catch {
        /* closed meanwhile */
      }
    }
    this.updateStatus();
  }

  // One word for the whole call: verbinden, verbonden, verbinding hersteld, slechte verbinding.
  updateStatus() {
    const peers = [...this.peers.values()];
    let status;
    if (peers.length === 0) {
      status = this.admitted ? 'alone' : 'connecting';
    } else if (peers.some((p) => ['disconnected', 'failed'].includes(p.pc.iceConnectionState))) {
      status = 'poor';
    } else if (peers.every((p) => p.pc.connectionState === 'connected')) {
      const recovered = peers.some((p) => p.wasDown) || this.recovering;
      status = peers.some((p) => p.poor) ? 'poor' : recovered ? 'recovered' : 'connected';
      if (recovered) this.clearRecoveredSoon();
      this.everConnected = true;
    } else {
      status = this.everConnected ? 'poor' : 'connecting';
    }
    if (status !== this.lastStatus) {
      this.lastStatus = status;
      this.events.status?.(status);
    }
  }

  // "Verbinding hersteld" stays a few seconds, then the call is simply "verbonden" again.
  clearRecoveredSoon() {
    clearTimeout(this.recoveredTimer);
    this.recoveredTimer = setTimeout(() => {
      this.recovering = false;
      for (const peer of this.peers.values()) peer.wasDown = false;
      this.updateStatus();
    }, 8000);
  }

  markRecovered() {
    this.recovering = true;
    this.lastStatus = null;
    this.updateStatus();
  }

  setMicrophone(on) {
    this.localStream?.getAudioTracks().forEach((t) => (t.enabled = on));
  }

  setCamera(on) {
    this.localStream?.getVideoTracks().forEach((t) => (t.enabled = on));
  }

  // Sound only, both ways: saves data on a weak mobile connection.
  async setAudioOnly(on, getCamera) {
    this.audioOnly = on;
    let track = null;
    if (on) {
      this.localStream?.getVideoTracks().forEach((t) => {
        t.stop();
        this.localStream.removeTrack(t);
      });
    } else if (getCamera) {
      track = await getCamera();
      if (track) this.localStream.addTrack(track);
    }
    for (const peer of this.peers.values()) {
      for (const transceiver of peer.pc.getTransceivers()) {
        if (transceiver.receiver.track.kind !== 'video' || transceiver.stopped) continue;
        if (!on && track) await transceiver.sender.replaceTrack(track);
        transceiver.direction = on ? 'inactive' : track ? 'sendrecv' : 'recvonly';
      }
    }
  }

  async leave() {
    if (this.connection?.state === signalR.HubConnectionState.Connected) {
      await this.connection.invoke('Leave').catch(() => {});
    }
    this.finish('left');
  }

  async endCall() {
    await this.connection.invoke('EndCall');
  }

  finish(reason) {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.statsTimer);
    for (const id of [...this.peers.keys()]) this.closePeer(id);
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.connection?.stop();
    this.events.finished?.(reason);
  }
}

// Video sent to each participant is capped for mobile data: a face on a phone's screen needs no
// more than this, and the browser lowers resolution or frame rate before it goes over. With the
// sound below, an hour of video costs a household under 150 MB both ways, headers included.
// Measured in bench/call-data.sh (docs/performance.md).
export const VIDEO_MAX_BITRATE = 120_000; // bits per second
export const VIDEO_MAX_FRAMERATE = 15;

async function capVideo(pc) {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) continue; // not negotiated yet: the next negotiation caps it
    if (parameters.encodings.every((e) => e.maxBitrate === VIDEO_MAX_BITRATE)) continue;
    parameters.encodings.forEach((encoding) => {
      encoding.maxBitrate = VIDEO_MAX_BITRATE;
      encoding.maxFramerate = VIDEO_MAX_FRAMERATE;
    });
    try {
      await sender.setParameters(parameters);
    } catch (error) {
      console.warn('could not cap video', error);
    }
  }
}

// Sound for a family on a small data bundle. An SDP's Opus parameters say how the other side should
// send to it, so each page rewrites the description it receives, and its own sender follows: speech
// at 16 kbit/s (wideband, clear), nothing sent in silences (DTX), 60 ms per packet instead of 20
// (a third of the packets, so a third of the 70 or so bytes of IP, UDP, RTP and SRTP each one
// carries). Measured in bench/call-data.sh (docs/performance.md).
export const OPUS_MAX_AVERAGE_BITRATE = 16_000; // bits per second
export const OPUS_PACKET_MS = 60;

export function speechOpus(description) {
  if (!description?.sdp) return description;
  const payloadType = description.sdp.match(/^a=rtpmap:(\d+) opus\/48000/im)?.[1];
  if (!payloadType) return description;
  const wanted = { maxaveragebitrate: String(OPUS_MAX_AVERAGE_BITRATE), usedtx: '1', stereo: '0' };
  const lines = description.sdp.split('\r\n').filter((line) => !/^a=(max)?ptime:/.test(line));
  const sdp = lines.flatMap((line) => {
    if (!line.startsWith(`a=fmtp:${payloadType} `)) return [line];
    const parameters = new Map(line.slice(`a=fmtp:${payloadType} `.length).split(';').filter(Boolean).map((p) => p.trim().split('=')));
    for (const [name, value] of Object.entries(wanted)) parameters.set(name, value);
    const fmtp = `a=fmtp:${payloadType} ${[...parameters].map(([name, value]) => `${name}=${value}`).join(';')}`;
    return [fmtp, `a=ptime:${OPUS_PACKET_MS}`];
  }).join('\r\n');
  return { type: description.type, sdp };
}

// Camera and microphone, light on data: small picture, modest frame rate. Returns the stream (or
// null) and what went wrong, so the page can explain it in the guest's language.
export async function openLocalMedia() {
  if (!navigator.mediaDevices?.getUserMedia || !window.RTCPeerConnection) return { stream: null, problem: 'no-webrtc' };
  const video = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15, max: 24 }, facingMode: 'user' };
  const audio = { echoCancellation: true, noiseSuppression: true };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ video, audio }), problem: null };
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return { stream: null, problem: 'denied' };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio }), problem: 'no-camera' };
  } catch (error) {
    if (error.name === 'NotAllowedError') return { stream: null, problem: 'denied' };
    return { stream: null, problem: 'no-devices' };
  }
}

export async function openCamera() {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15, max: 24 } } });
    return stream.getVideoTracks()[0];
  } catch {
    return null;
  }
}

// One remote participant's video in a container: created on first use, fed with their stream.
// The caption (the worker's page shows "Gezin" or "Tolk") is optional.
export function showRemoteVideo(container, peer, caption) {
  let tile = document.getElementById(`tile-${peer.id}`);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'remote-tile';
    tile.id = `tile-${peer.id}`;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    tile.append(video);
    if (caption) {
      const label = document.createElement('figcaption');
      label.textContent = caption;
      tile.append(label);
    }
    container.append(tile);
  }
  const video = tile.querySelector('video');
  if (peer.stream && video.srcObject !== peer.stream) video.srcObject = peer.stream;
}

export function removeRemoteVideo(peer) {
  document.getElementById(`tile-${peer.id}`)?.remove();
}
