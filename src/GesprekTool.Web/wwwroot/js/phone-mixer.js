// A three-way call with a telephone interpreter. Janus's SIP plugin carries one call per leg and
// cannot bridge two, so the worker's browser does: the household hears the worker and the
// interpreter, the interpreter hears the worker and the household, the worker hears both (each leg
// plays in its own <audio>). Muting the microphone (track.enabled = false) silences the worker in
// both mixes, and nothing is recorded: the mix only flows to the two calls.
export function joinLegs({ microphone, householdSender, householdTrack }) {
  const context = new AudioContext();
  const source = (track) => context.createMediaStreamSource(new MediaStream([track]));
  const toHousehold = context.createMediaStreamDestination();
  const toInterpreter = context.createMediaStreamDestination();
  const worker = source(microphone);
  worker.connect(toHousehold);
  worker.connect(toInterpreter);
  const household = source(householdTrack);
  household.connect(toInterpreter);
  let interpreter = null;
  let parted = false;
  context.resume().catch(() => {});
  householdSender.replaceTrack(toHousehold.stream.getAudioTracks()[0]);

  return {
    // What the interpreter's leg sends.
    forInterpreter: toInterpreter.stream.getAudioTracks()[0],
    hearInterpreter(track) {
      interpreter?.disconnect();
      interpreter = source(track);
      interpreter.connect(toHousehold);
    },
    // The interpreter left (or the call ended): nothing more flows to their leg, and the household
    // gets the microphone itself again.
    async part() {
      if (parted) return;
      parted = true;
      worker.disconnect();
      household.disconnect();
      interpreter?.disconnect();
      await householdSender.replaceTrack(microphone).catch(() => {});
      await context.close().catch(() => {});
    },
  };
}
