// One SIP leg through the app's Janus proxy (/bellen/janus): the call to the household, or the
// interpreter's. The app's grant holds this leg's Janus token; the proxy puts in the account and the
// number, so a leg only asks for "a call". What the leg sends (the microphone, or a mix of the
// microphone and the other leg) and what each moment means on the page is the caller's business.
let janusReady = null;

function initJanus() {
  janusReady ??= new Promise((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies(), callback: resolve }));
  return janusReady;
}

// events: onRinging(), onAnswered(), onEnded(by, code, problem), onLocalTrack(track), onRemoteTrack(track)
export async function placeLeg(grant, capture, events) {
  const leg = { grant, phase: 'dialling', endedBy: null, janus: null, sip: null, ringTimer: null };

  leg.end = (by, code, problem) => {
    if (leg.phase === 'over') return;
    leg.phase = 'over';
    clearTimeout(leg.ringTimer);
    try { leg.sip?.hangup(); } catch { /* already gone */ }
    leg.janus?.destroy({ unload: false, notifyDestroyed: false });
    events.onEnded(by, code, problem);
  };

  // The worker (or the page, for a leg that rang too long) ends the leg; Janus answers with "hangup".
  leg.hangUp = (by = 'worker') => {
    if (leg.phase === 'over' || leg.endedBy) return;
    leg.endedBy = by;
    if (leg.sip) leg.sip.send({ message: { request: 'hangup' } });
    else leg.end(by);
  };

  leg.connection = () => leg.sip?.webrtcStuff?.pc ?? null;

  await initJanus();
  leg.janus = new Janus({
    server: grant.janus,
    token: grant.token,
    withCredentials: true, // the proxy needs the sign-in cookie
    iceServers: grant.ice.iceServers,
    iceTransportPolicy: grant.ice.iceTransportPolicy,
    success: attach,
    error: () => leg.end('network'),
    destroyed: () => {},
  });

  function attach() {
    leg.janus.attach({
      plugin: 'janus.plugin.sip',
      success: (handle) => {
        leg.sip = handle;
        handle.send({ message: { request: 'register' } });
      },
      error: () => leg.end('network'),
      onmessage: onMessage,
      onlocaltrack: (track, on) => { if (on && track.kind === 'audio') events.onLocalTrack?.(track); },
      onremotetrack: (track, mid, on) => { if (on && track.kind === 'audio') events.onRemoteTrack(track); },
      iceState: (state) => { if (state === 'failed' && leg.phase === 'incall') leg.end('network'); },
      webrtcState: (up) => { if (!up && leg.phase === 'incall') leg.end('network'); },
    });
  }

  function onMessage(message, jsep) {
    if (leg.phase === 'over') return;
    const result = message.result || {};
    if (message.error) {
      // 4xx from the plugin before the call went out: the line is not set up right, or the request was refused.
      console.warn('sip error', message.error_code, message.error);
      leg.end('network', null, 'De telefoonlijn weigerde het gesprek. Probeer het opnieuw of bel op uw eigen telefoon.');
      return;
    }
    switch (result.event) {
      case 'registered':
        call();
        break;
      case 'registration_failed':
        leg.end('network', result.code, 'De telefoonlijn is nu niet bereikbaar. Probeer het zo opnieuw of bel op uw eigen telefoon.');
        break;
      case 'ringing':
      case 'proceeding':
      case 'progress':
        if (jsep) leg.sip.handleRemoteJsep({ jsep }); // early media: the trunk's own ring tone or announcement
        if (leg.phase === 'dialling') {
          leg.phase = 'ringing';
          events.onRinging();
        }
        break;
      case 'accepted':
        if (jsep) leg.sip.handleRemoteJsep({ jsep });
        if (leg.phase !== 'incall') {
          clearTimeout(leg.ringTimer);
          leg.phase = 'incall';
          events.onAnswered();
        }
        break;
      case 'hangup':
        leg.end(leg.endedBy ?? 'household', result.code);
        break;
      default:
        break;
    }
  }

  function call() {
    leg.sip.createOffer({
      tracks: [{ type: 'audio', capture, recv: true }],
      success: (offer) => leg.sip.send({ message: { request: 'call' }, jsep: offer }),
      error: () => leg.end('worker', null, 'De microfoon is niet beschikbaar. Geef de browser toegang tot de microfoon (het slotje naast het adres) en bel opnieuw.'),
    });
    // Nobody picks up: give up after the organisation's ring time, as a phone would.
    leg.ringTimer = setTimeout(() => { if (leg.phase !== 'incall') leg.hangUp('ringtimeout'); }, (grant.ringSeconds || 40) * 1000);
  }

  return leg;
}

// What a leg carries now, for the page's own tests and for support: sound in and out, never content.
export async function lineFigures(leg) {
  const totals = { energyHeard: 0, packetsReceived: 0, packetsSent: 0, codec: null };
  const pc = leg?.connection();
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
}
