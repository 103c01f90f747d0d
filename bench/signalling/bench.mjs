// Signalling benchmark client. For one server (our hub, or PeerJS server for comparison):
//  1. holds N idle connections (N = pairs * 2) and reads the server's resident memory before and after;
//  2. while they stay open, runs offer/answer exchanges between pairs at a fixed rate (500 setups a
//     minute by default) and reports the round trip offer -> answer (two relays) p50/p99.
// Usage: node bench.mjs signalr <baseUrl> <tokenFile> <serverPid>
//        node bench.mjs peerjs <port> <pairs> <serverPid>
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import signalR from '@microsoft/signalr';
import WebSocket from 'ws';

const SETUPS_PER_MINUTE = Number(process.env.SETUPS_PER_MINUTE || 500);
const SECONDS = Number(process.env.SECONDS_OF_SETUPS || 60);
const SDP = 'v=0\r\n' + 'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n'.repeat(60); // ~3.5 KB, like a real offer

const [mode, target, third, serverPid] = process.argv.slice(2);
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// utime + stime of the server process, in seconds (clock ticks of 1/100 s on Linux).
const serverCpuSeconds = () => {
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const client = mode === 'signalr' ? signalrClient(target, third) : peerjsClient(Number(target), Number(third));
const before = rssMiB();
const started = performance.now();
const peers = await client.connectAll();
const connectSeconds = (performance.now() - started) / 1000;
const after = await settledRssMiB();
console.log(`${mode}: ${peers.length} idle connections held (opened in ${connectSeconds.toFixed(1)} s); server RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB, ` +
  `${(((after - before) * 1024) / peers.length).toFixed(1)} KiB per connection`);

// Where a slow exchange's time goes: the client's own event loop (one Node process holds every
// connection), and both processes' CPU during the exchanges. For our hub, the host also reports its
// garbage-collection pauses in the same window (it reads the window from <tokenFile>.window).
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
const cpuBefore = { server: serverCpuSeconds(), client: process.cpuUsage(), at: performance.now(), unixMs: Date.now() };
loopDelay.enable();
const latencies = await runSetups(client, peers);
loopDelay.disable();
const windowSeconds = (performance.now() - cpuBefore.at) / 1000;
const clientCpu = process.cpuUsage(cpuBefore.client);
console.log(`${mode}: during the exchanges: server CPU ${(((serverCpuSeconds() - cpuBefore.server) / windowSeconds) * 100).toFixed(0)} % of one core, ` +
  `client CPU ${(((clientCpu.user + clientCpu.system) / 1e6 / windowSeconds) * 100).toFixed(0)} %, client event-loop delay ` +
  `p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
if (mode === 'signalr') writeFileSync(`${third}.window`, `${cpuBefore.unixMs} ${Date.now()}`);
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(`${mode}: ${latencies.length} offer/answer exchanges at ${SETUPS_PER_MINUTE}/min: round trip p50 ${at(0.5).toFixed(2)} ms, ` +
  `p99 ${at(0.99).toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms; server RSS ${rssMiB().toFixed(0)} MiB`);
await client.closeAll(peers);
process.exit(0);

// The server's memory once it stops growing after the connections opened (two reads half a second
// apart within 0.5 MiB), rather than after a fixed wait.
async function settledRssMiB() {
  let last = rssMiB();
  for (const deadline = performance.now() + 30000; performance.now() < deadline;) {
    await sleep(500);
    const now = rssMiB();
    if (Math.abs(now - last) < 0.5) return now;
    last = now;
  }
  return last;
}

async function runSetups(client, peers) {
  const activePairs = Math.min(100, peers.length / 2);
  const latencies = [];
  const pending = new Map();
  const slowest = [];
  client.onMessage = (to, from, payload) => {
    if (payload.description.type === 'offer') {
      client.send(to, from, { description: { type: 'answer', sdp: SDP }, seq: payload.seq });
    } else if (pending.has(payload.seq)) {
      latencies.push(performance.now() - pending.get(payload.seq));
      slowest.push([latencies[latencies.length - 1], payload.seq]);
      pending.delete(payload.seq);
    }
  };
  const total = Math.round((SETUPS_PER_MINUTE * SECONDS) / 60);
  const interval = 60000 / SETUPS_PER_MINUTE;
  const t0 = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const wait = t0 + seq * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const pair = (seq % activePairs) * 2;
    pending.set(seq, performance.now());
    client.send(peers[pair], peers[pair + 1].id, { description: { type: 'offer', sdp: SDP }, seq });
  }
  // The last answers: wait until every exchange came back, or 10 s for those that never will.
  for (const deadline = performance.now() + 10000; pending.size && performance.now() < deadline;) await sleep(20);
  if (pending.size) console.log(`  (${pending.size} exchanges unanswered)`);
  // When the slow ones happened (exchange number, seconds into the run): a warm-up, or all along.
  slowest.sort((a, b) => b[0] - a[0]);
  console.log(`${mode}: slowest exchanges: ${slowest.slice(0, 5).map(([ms, seq]) => `${ms.toFixed(0)} ms (#${seq}, at ${(seq * interval / 1000).toFixed(1)} s)`).join(', ')}`);
  return latencies;
}

function signalrClient(baseUrl, tokenFile) {
  const rows = readFileSync(tokenFile, 'utf8').trim().split('\n').map((l) => l.split(' '));
  const api = {
    onMessage: null,
    async connectAll() {
      const specs = rows.flatMap(([ta, ia, tb, ib, route]) => [{ token: ta, id: ia, route }, { token: tb, id: ib, route }]);
      const peers = [];
      for (let i = 0; i < specs.length; i += 100) {
        peers.push(...(await Promise.all(specs.slice(i, i + 100).map((spec) => connect(spec)))));
      }
      return peers;
    },
    send(peer, to, payload) {
      peer.connection.invoke('Signal', to, payload).catch((e) => console.error('send failed', e.message));
    },
    async closeAll(peers) {
      await Promise.all(peers.map((p) => p.connection.stop()));
    },
  };
  async function connect(spec) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(`${baseUrl}/hubs/gesprek?route=${spec.route}&instance=${spec.id}&device=${spec.token}`, {
        accessTokenFactory: () => spec.token, skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets,
      })
      .configureLogging(signalR.LogLevel.None)
      .build();
    const peer = { id: spec.id, connection };
    connection.on('Signal', (from, payload) => api.onMessage?.(peer, from, payload));
    await connection.start();
    return peer;
  }
  return api;
}

function peerjsClient(port, pairs) {
  const api = {
    onMessage: null,
    async connectAll() {
      const peers = [];
      const ids = Array.from({ length: pairs * 2 }, (_, i) => `p${i}`);
      for (let i = 0; i < ids.length; i += 100) {
        peers.push(...(await Promise.all(ids.slice(i, i + 100).map((id) => connect(id)))));
      }
      return peers;
    },
    send(peer, to, payload) {
      peer.socket.send(JSON.stringify({ type: payload.description.type === 'offer' ? 'OFFER' : 'ANSWER', dst: to, payload }));
    },
    async closeAll(peers) {
      peers.forEach((p) => {
        clearInterval(p.heartbeat);
        p.socket.close();
      });
    },
  };
  function connect(id) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/peerjs?key=peerjs&id=${id}&token=t${id}`);
      const peer = { id, socket };
      socket.on('message', (data) => {
        const message = JSON.parse(data);
        if (message.type === 'OPEN') {
          // The PeerJS browser client sends a heartbeat every 5 s; so do we.
          peer.heartbeat = setInterval(() => socket.send('{"type":"HEARTBEAT"}'), 5000);
          resolve(peer);
        } else if (message.type === 'OFFER' || message.type === 'ANSWER') {
          api.onMessage?.(peer, message.src, message.payload);
        }
      });
      socket.on('error', reject);
    });
  }
  return api;
}
