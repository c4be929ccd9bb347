import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import type { EmulatorClock } from './types.js';

/** The audiences ARM accepts in an access token. */
const ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net',
  'https://management.core.windows.net/',
];

/** Who called: the identity an access token was issued to. */
export interface Principal {
  /** The client (application) id, `appid`. */
  clientId: string;
  /** The object id, `oid`. */
  objectId: string;
}

/** The outcome of checking a bearer token. */
export type AccessTokenCheck =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      code:
        | 'InvalidAuthenticationToken'
        | 'ExpiredAuthenticationToken'
        | 'InvalidAuthenticationTokenAudience';
      message: string;
    };

/** Issues and verifies the emulator's Entra access tokens (RS256 JWTs). */
export interface AccessTokenAuthority {
  /** Public keys, served on the tenant's `discovery/v2.0/keys`. */
  readonly jwks: { keys: JWK[] };
  /** Signs an access token for `principal` and `audience`. */
  issue(principal: Principal, audience: string, lifetimeInSeconds: number): Promise<string>;
  /** Verifies signature, tenant, ARM audience and expiry (by the emulator clock). */
  verify(token: string): Promise<AccessTokenCheck>;
}

/** Creates an access-token authority for `tenantId` with a fresh signing key. */
export async function createAccessTokenAuthority(
  tenantId: string,
  clock: EmulatorClock,
): Promise<AccessTokenAuthority> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replaceAll('-', '');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const signingKey: CryptoKey = privateKey;
  const issuer = `https://sts.windows.net/${tenantId}/`;

  return {
    jwks,
    async issue(principal, audience, lifetimeInSeconds) {
      const nowInSeconds = Math.floor(clock.now() / 1000);
      return new SignJWT({
        appid: principal.clientId,
        appidacr: '2',
        idtyp: 'app',
        oid: principal.objectId,
        tid: tenantId,
        uti: randomUUID(),
        ver: '1.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(principal.objectId)
        .setAudience(audience)
        .setIssuedAt(nowInSeconds)
        .setNotBefore(nowInSeconds - 300)
        .setExpirationTime(nowInSeconds + lifetimeInSeconds)
        .sign(signingKey);
    },
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          issuer,
          algorithms: ['RS256'],
          currentDate: new Date(clock.now()),
        }));
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') {
          const exp = Number((error as { payload?: { exp?: number } }).payload?.exp ?? 0);
          return {
            ok: false,
            code: 'ExpiredAuthenticationToken',
            message: `The access token expiry UTC time '${new Date(exp * 1000).toUTCString()}' is earlier than current UTC time '${new Date(clock.now()).toUTCString()}'.`,
          };
        }
        return { ok: false, code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
      }
      if (payload.tid !== tenantId) {
        return {
          ok: false,
          code: 'InvalidAuthenticationToken',
          message: 'The access token is from the wrong issuer.',
        };
      }
      if (typeof payload.aud !== 'string' || !ARM_AUDIENCES.includes(payload.aud)) {
        return {
          ok: false,
          code: 'InvalidAuthenticationTokenAudience',
          message: `The access token has been obtained for wrong audience or resource '${String(payload.aud)}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`,
        };
      }
      return { ok: true, principal: { clientId: String(payload.appid), objectId: String(payload.oid) } };
    },
  };
}
