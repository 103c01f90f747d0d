// The waiting room's frame beside the worker's video (Calls/CallRoomPage.razor): what it needs the
// browser for. It sizes its frame to its content, and while someone waits it pins the frame to the
// bottom of the window, counts the waiting in the window's title and chimes, so a worker typing in
// the script sees and hears the knock. Its live connection is its own: when that is lost for good,
// reconnect.js reloads this frame only, and the video in the page around it runs on.
const frame = window.frameElement; // null when the page is opened on its own
const host = frame ? window.parent : window;
const chimeSetting = 'gesprektool.chime';
const pageTitle = host.document.title.replace(/^\(\d+\) wacht – /, '');
let knocking = false;
let audio;

function fitFrame() {
  if (!frame) return;
  if (knocking) {
    // Only the waiting room, at the bottom of the window; its place in the page stays free for it.
    frame.style.height = `${document.getElementById('waiting-room')?.offsetHeight ?? 120}px`;
    window.scrollTo(0, 0);
  } else {
    frame.style.height = `${document.documentElement.scrollHeight}px`;
  }
}

if (frame) {
  new ResizeObserver(fitFrame).observe(document.body);
  fitFrame();
}

export function showKnocks(count, playChime) {
  host.document.title = count > 0 ? `(${count}) wacht – ${pageTitle}` : pageTitle;
  if (frame && knocking !== count > 0) {
    if (count > 0) frame.parentElement.style.minHeight = `${frame.offsetHeight}px`;
    else frame.parentElement.style.minHeight = '';
    knocking = count > 0;
    frame.classList.toggle('knocking', knocking);
    fitFrame();
  }
  if (playChime) chime();
}

export function chimeIsOn() {
  try {
    return localStorage.getItem(chimeSetting) !== 'uit';
  } catch {
    return true; // no storage: the chime stays on
  }
}

export function rememberChime(on) {
  try {
    localStorage.setItem(chimeSetting, on ? 'aan' : 'uit');
  } catch { /* not remembered */ }
}

// The chime plays in the page around the frame: that page has had the worker's clicks, which a
// browser asks before it plays sound.
function chime() {
  try {
    audio ||= new host.AudioContext();
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

// Copying a link: the text is on the page to select by hand when the clipboard is not allowed.
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
