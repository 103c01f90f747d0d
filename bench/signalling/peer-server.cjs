// PeerJS server (npm "peer") on 127.0.0.1, in its own process so its memory can be read alone.
const { PeerServer } = require('peer');
const port = Number(process.argv[2]);
PeerServer({ port, host: '127.0.0.1', path: '/', concurrent_limit: 1000000, alive_timeout: 120000 }, () => {
  console.log(`ready pid=${process.pid}`);
});
