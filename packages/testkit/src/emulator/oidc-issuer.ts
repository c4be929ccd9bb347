import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { EmulatorResponse } from './http.js';
import type { EmulatorClock, ServiceAccountTokenOptions } from './types.js';

/** The audience of workload-identity projected tokens. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** A cluster OIDC issuer: discovery, JWKS and the signer of projected service-account tokens. */
export interface OidcIssuer {
  /** The issuer URL, ending with `/`. */
  readonly url: string;
  /** The path prefix it serves under, e.g. `/oidc/<guid>/`. */
  readonly pathPrefix: string;
  /** The public signing keys. */
  readonly jwks: { keys: JWK[] };
  /** Signs a projected-token-like JWT for `system:serviceaccount:<namespace>:<name>`. */
  issue(namespace: string, name: string, options?: ServiceAccountTokenOptions): Promise<string>;
  /** Answers discovery and JWKS requests, or returns undefined for other paths. */
  handle(method: string, path: string): EmulatorResponse | undefined;
}

/** Creates an issuer served at `{origin}/oidc/{guid}/`, signing with a fresh RSA key. */
export async function createOidcIssuer(origin: string, clock: EmulatorClock): Promise<OidcIssuer> {
  const pathPrefix = `/oidc/${randomUUID()}/`;
  const url = `${origin}${pathPrefix}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replaceAll('-', '');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  const signingKey: CryptoKey = privateKey;

  return {
    url,
    pathPrefix,
    jwks,
    async issue(namespace, name, options = {}) {
      const nowInSeconds = Math.floor(clock.now() / 1000);
      return new SignJWT({
        'kubernetes.io': {
          namespace,
          serviceaccount: { name, uid: randomUUID() },
          pod: { name: `${name}-pod`, uid: randomUUID() },
        },
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(url)
        .setSubject(`system:serviceaccount:${namespace}:${name}`)
        .setAudience([options.audience ?? TOKEN_EXCHANGE_AUDIENCE])
        .setIssuedAt(nowInSeconds)
        .setNotBefore(nowInSeconds)
        .setExpirationTime(nowInSeconds + (options.expiresInSeconds ?? 3600))
        .setJti(randomUUID())
        .sign(signingKey);
    },
    handle(method, path) {
      if (method !== 'GET') return undefined;
      const rest = path.slice(pathPrefix.length);
      if (rest === '.well-known/openid-configuration') {
        return {
          status: 200,
          body: {
            issuer: url,
            jwks_uri: `${url}openid/v1/jwks`,
            response_types_supported: ['id_token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          },
        };
      }
      if (rest === 'openid/v1/jwks') return { status: 200, body: jwks };
      return undefined;
    },
  };
}
