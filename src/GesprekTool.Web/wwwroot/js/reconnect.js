// The framework shows #components-reconnect-modal (Components/Layout/ReconnectNotice.razor) while a
// live page's connection is away. This only does what the framework leaves to the page: try again
// when the person presses the button or comes back to the tab, resume a paused page, and load the
// page again when the server no longer knows it (what was saved is in the database).
const notice = document.getElementById('components-reconnect-modal');

async function retry() {
  document.removeEventListener('visibilitychange', retryWhenVisible);
  try {
    if (await Blazor.reconnect()) return;
    if (!(await Blazor.resumeCircuit())) location.reload();
  } catch {
    document.addEventListener('visibilitychange', retryWhenVisible);
  }
}

function retryWhenVisible() {
  if (document.visibilityState === 'visible') retry();
}

async function resume() {
  try {
    if (!(await Blazor.resumeCircuit())) location.reload();
  } catch {
    notice.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
  }
}

notice?.addEventListener('components-reconnect-state-changed', (event) => {
  if (event.detail.state === 'failed') document.addEventListener('visibilitychange', retryWhenVisible);
  else if (event.detail.state === 'rejected') location.reload();
});
document.getElementById('components-reconnect-button')?.addEventListener('click', retry);
document.getElementById('components-resume-button')?.addEventListener('click', resume);
