import { compactVerify, createLocalJWKSet, decodeJwt, type JWK, type JWTPayload } from 'jose';
import type { AccessTokenAuthority } from './access-tokens.js';
import { isoAt } from './clock.js';
import { adfsDiscovery, parseEntraPath, tenantDiscovery } from './entra-discovery.js';
import { aadstsError } from './entra-errors.js';
import type { EmulatorResponse } from './http.js';
import type { EmulatorClock } from './types.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const FIC_DOC = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

/** A federated identity credential: the only (issuer, subject, audience) an identity accepts. */
export interface FederatedCredential {
  issuer: string;
  subject: string;
  audience: string;
}

/** An identity as the emulator's Entra knows it. */
export interface EntraIdentity {
  clientId: string;
  objectId: string;
  federatedCredentials: FederatedCredential[];
}

/** Settings of {@link createEntra}. */
export interface EntraOptions {
  origin: string;
  tenantId: string;
  identities: EntraIdentity[];
  /** JWKS of issuers Entra can validate assertions against, by issuer URL. */
  issuerKeys: Map<string, { keys: JWK[] }>;
  tokens: AccessTokenAuthority;
  tokenLifetimeInSeconds: number;
  clock: EmulatorClock;
}

/**
 * The emulator's Microsoft Entra: tenant discovery, keys and the client-credentials token endpoint, under the
 * tenant (`/{tenant}/...`) and under an AD FS-style authority (`/adfs/...`) for clients such as azure-cli.
 */
export interface Entra {
  /** Handles `/{tenant}/...` and `/adfs/...` requests; undefined when the path is not Entra's. */
  handle(
    method: string,
    path: string,
    form: () => Promise<URLSearchParams>,
  ): Promise<EntraResult | undefined>;
}

/** An Entra response plus the client id it concerned, for the request log. */
export interface EntraResult extends EmulatorResponse {
  clientId?: string;
}

/** Creates the Entra endpoints. */
export function createEntra(options: EntraOptions): Entra {
  const { origin, tenantId, clock } = options;
  const fail = (status: 400 | 401, error: string, code: number, description: string, clientId?: string) => ({
    ...aadstsError(origin, status, error, code, description, clock.now()),
    ...(clientId ? { clientId } : {}),
  });

  async function token(form: URLSearchParams): Promise<EntraResult> {
    const clientId = form.get('client_id') ?? '';
    if (form.get('grant_type') !== 'client_credentials') {
      return fail(
        400,
        'unsupported_grant_type',
        70003,
        'The app requested an unsupported grant type.',
        clientId,
      );
    }
    const identity = options.identities.find((candidate) => candidate.clientId === clientId);
    if (!identity) {
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        clientId || undefined,
      );
    }
    const assertion = form.get('client_assertion');
    if (!assertion) {
      return fail(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        clientId,
      );
    }
    if (form.get('client_assertion_type') !== JWT_BEARER) {
      return fail(401, 'invalid_client', 700025, `client_assertion_type must be '${JWT_BEARER}'.`, clientId);
    }
    const scope = form.get('scope') ?? '';
    const scopes = scope.split(' ').filter(Boolean);
    if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) {
      return fail(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        clientId,
      );
    }
    const refusal = await validateAssertion(identity, assertion);
    if (refusal) return { ...refusal, clientId };
    const audience = scopes[0]!.slice(0, -'/.default'.length);
    const accessToken = await options.tokens.issue(identity, audience, options.tokenLifetimeInSeconds);
    return {
      status: 200,
      clientId,
      body: {
        token_type: 'Bearer',
        expires_in: options.tokenLifetimeInSeconds,
        ext_expires_in: options.tokenLifetimeInSeconds,
        access_token: accessToken,
      },
    };
  }

  async function validateAssertion(
    identity: EntraIdentity,
    assertion: string,
  ): Promise<EmulatorResponse | undefined> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(assertion);
    } catch {
      return fail(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
    }
    const issuer = typeof claims.iss === 'string' ? claims.iss : '';
    const forIssuer = identity.federatedCredentials.filter((credential) => credential.issuer === issuer);
    if (forIssuer.length === 0) {
      return fail(
        400,
        'invalid_request',
        700211,
        `No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FIC_DOC}`,
      );
    }
    const keys = options.issuerKeys.get(issuer);
    if (!keys) return fail(400, 'invalid_request', 90061, 'Request to External OIDC endpoint failed.');
    try {
      await compactVerify(assertion, createLocalJWKSet(keys), { algorithms: ['RS256', 'ES256'] });
    } catch {
      return fail(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    }
    const nowInSeconds = Math.floor(clock.now() / 1000);
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    const nbf = typeof claims.nbf === 'number' ? claims.nbf : (claims.iat ?? 0);
    if (exp <= nowInSeconds || nbf > nowInSeconds + 300) {
      return fail(
        401,
        'invalid_client',
        700024,
        `Client assertion is not within its valid time range. Current time: ${isoAt(clock.now())}, assertion valid from ${isoAt(nbf * 1000)}, expiry time of assertion ${isoAt(exp * 1000)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
      );
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
    const subject = claims.sub ?? '';
    const matched = forIssuer.some(
      (credential) => credential.subject === subject && audiences.includes(credential.audience),
    );
    if (!matched) {
      return fail(
        400,
        'invalid_request',
        70021,
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audiences.join(',')}'. ${FIC_DOC}`,
      );
    }
    return undefined;
  }

  return {
    async handle(method, path, form) {
      const parsed = parseEntraPath(path);
      if (!parsed) return undefined;
      if (!parsed.adfs && parsed.tenant !== tenantId) {
        return fail(
          400,
          'invalid_tenant',
          90002,
          `Tenant '${parsed.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
        );
      }
      if (parsed.endpoint === 'token') {
        if (method !== 'POST')
          return fail(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
        return token(await form());
      }
      if (method !== 'GET') return undefined;
      if (parsed.endpoint === 'keys') return { status: 200, body: options.tokens.jwks };
      return {
        status: 200,
        body: parsed.adfs ? adfsDiscovery(origin) : tenantDiscovery(origin, tenantId),
      };
    },
  };
}
