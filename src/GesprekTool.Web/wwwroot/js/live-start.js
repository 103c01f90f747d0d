// Starts a live page's connection. The framework script is added here, not in the page's markup,
// so it can wait for Blazor.start (its "autostart" attribute is not HTML) and be told where to
// connect: a page whose live part belongs to a call (data-live-route, the worker's call page)
// connects with the call's route key, so behind several instances nginx sends it where the call's
// room is, as it does the call's signalling (deploy/nginx, map $gesprektool_circuit_upstream). The
// page's head preloads the script, so this costs no extra wait.
/* global Blazor */
const route = document.querySelector('[data-live-route]')?.dataset.liveRoute;
const framework = document.createElement('script');
framework.src = '_framework/blazor.web.js';
framework.setAttribute('autostart', 'false');
framework.addEventListener('load', () => Blazor.start({
  circuit: {
    configureSignalR: (builder) => {
      if (route) builder.withUrl(`_blazor?route=${encodeURIComponent(route)}`);
    },
  },
}));
document.body.append(framework);
