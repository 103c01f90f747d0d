// A lying identity provider for the single sign-on tests: it speaks just enough OpenID Connect
// (discovery, keys, authorize, token, userinfo) to reach the app's handler, and then hands out an id
// token that is wrong in the way the test asks: POST /test/lie/<how> with
//   honest          a correct token for subject "mallory" (so the test knows the set-up itself works)
//   wrong-issuer    iss is another provider
//   wrong-audience  aud is another app
//   bad-signature   signed with a key that is not in the provider's key set
//   replayed-nonce  the nonce of another sign-in
//   expired         exp an hour ago
// Uses jose (a dependency of oidc-provider). Never used outside the tests.
import http from 'node:http';
import crypto from 'node:crypto';
import { SignJWT, generateKeyPair, exportJWK } from 'jose';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = 'gesprektool';
const honestKey = await generateKeyPair('RS256');
const otherKey = await generateKeyPair('RS256');
const jwk = { ...(await exportJWK(honestKey.publicKey)), kid: 'honest', alg: 'RS256', use: 'sig' };
const nonces = new Map();
let lie = 'honest';

async function idToken(code) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { nonce: lie === 'replayed-nonce' ? 'a-nonce-from-another-sign-in' : nonces.get(code), email: 'mallory@org.test', email_verified: true, name: 'Mallory', groups: ['gt-workers'] };
  const key = lie === 'bad-signature' ? otherKey.privateKey : honestKey.privateKey;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'honest' })
    .setIssuer(lie === 'wrong-issuer' ? 'http://127.0.0.1:1/another-provider' : issuer)
    .setAudience(lie === 'wrong-audience' ? 'another-app' : clientId)
    .setSubject('mallory')
    .setIssuedAt(lie === 'expired' ? now - 7200 : now)
    .setExpirationTime(lie === 'expired' ? now - 3600 : now + 300)
    .sign(key);
}

const json = (res, body, status = 200) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };

http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, {
        issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`, response_types_supported: ['code'], subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(res, { keys: [jwk] });
    if (url.pathname === '/auth') {
      const code = crypto.randomBytes(16).toString('hex');
      nonces.set(code, url.searchParams.get('nonce'));
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state'));
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const code = new URLSearchParams(body).get('code');
      return json(res, { access_token: 'rogue', token_type: 'Bearer', expires_in: 300, id_token: await idToken(code) });
    }
    if (url.pathname === '/userinfo') return json(res, { sub: 'mallory' });
    if (url.pathname.startsWith('/test/lie/') && req.method === 'POST') {
      lie = url.pathname.slice('/test/lie/'.length);
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(404);
    return res.end();
  } catch (error) {
    console.error(error);
    res.writeHead(500);
    return res.end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));
