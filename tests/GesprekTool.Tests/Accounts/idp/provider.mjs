// The organisation's identity provider in the single sign-on tests: npm oidc-provider (certified by
// the OpenID Foundation) on 127.0.0.1, with one client (the app under test), a plain login form of
// its own, and people from the USERS environment variable. Started and stopped by the test
// (TestInfrastructure/IdentityProvider.cs); never used outside the tests.
//   PORT, APP_URL, CLIENT_SECRET, USERS='{"anna":{"email":...,"groups":[...],"amr":["pwd"]}}'
// A test may change a person's groups while it runs: POST /test/groups/<id> with a JSON array.
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const app = process.env.APP_URL;
const users = JSON.parse(process.env.USERS);

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'gesprektool',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [`${app}/aanmelden/sso/callback`],
    post_logout_redirect_uris: [`${app}/aanmelden`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    backchannel_logout_uri: `${app}/aanmelden/sso/backchannel-logout`,
    backchannel_logout_session_required: true,
  }],
  pkce: { required: () => true },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  // amr (how the person signed in at the IdP) goes with openid, so the id token always says it.
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], acr: null, sid: null, auth_time: null, iss: null },
  conformIdTokenClaims: false, // the claims go in the id token too, as Entra ID and Keycloak do
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  // The provider's guard against requests to private addresses would refuse the app on 127.0.0.1,
  // where the test runs it; here the back-channel logout must reach it.
  fetch: (url, options) => { delete options.dispatcher; return globalThis.fetch(url, options); },
  findAccount: (ctx, id) => users[id] && {
    accountId: id,
    claims: () => ({ sub: id, email: users[id].email, email_verified: users[id].email_verified ?? true, name: users[id].name, groups: users[id].groups }),
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // No consent screen: the organisation's own app is trusted.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});

provider.on('backchannel.success', (ctx, client, accountId) => console.log(`backchannel logout sent for ${accountId}`));
provider.on('backchannel.error', (ctx, error) => console.error(`backchannel logout failed: ${error.message} ${error.cause ?? ''}`));
provider.on('server_error', (ctx, error) => console.error(`server error: ${error.stack}`));

const page = (body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test IdP</title></head><body>${body}</body></html>`;

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(`<h1>Test IdP</h1><form method="post"><label>User <input name="user" autofocus></label><button type="submit">Sign in at the IdP</button></form>`));
    return;
  }
  const body = new URLSearchParams(await new Promise((resolve) => { let data = ''; req.on('data', (c) => { data += c; }); req.on('end', () => resolve(data)); }));
  const id = body.get('user');
  if (!users[id]) {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page('<p>Unknown user at the IdP.</p>'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: id, amr: users[id].amr ?? ['pwd'], acr: users[id].acr } }, { mergeWithLastSubmission: false });
  void details;
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  try {
    if (req.url.startsWith('/interaction/')) return await interaction(req, res);
    if (req.url.startsWith('/test/groups/') && req.method === 'POST') {
      const id = decodeURIComponent(req.url.slice('/test/groups/'.length));
      let data = '';
      for await (const chunk of req) data += chunk;
      users[id].groups = JSON.parse(data);
      res.writeHead(204).end();
      return;
    }
    return callback(req, res);
  } catch (error) {
    console.error(error);
    res.writeHead(500).end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));
