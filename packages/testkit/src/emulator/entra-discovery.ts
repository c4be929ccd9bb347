/**
 * The OpenID configuration documents of the emulator's Entra: the tenant's (`/{tenant}/v2.0/...`, what MSAL.js and
 * `@azure/identity` read) and an AD FS-style one (`/adfs/...`, what azure-cli's MSAL Python reads for an authority
 * ending in `/adfs`, without asking `login.microsoftonline.com` for instance discovery).
 */

/** The path segment of the AD FS-style authority. */
export const ADFS_SEGMENT = 'adfs';

/** The tenant's v2.0 discovery document. `issuer` shares scheme, host and port with the authority, as MSAL checks. */
export function tenantDiscovery(origin: string, tenantId: string): Record<string, unknown> {
  const base = `${origin}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  };
}

/**
 * The AD FS discovery document (`/adfs/.well-known/openid-configuration`), in AD FS's shape: endpoints under
 * `/adfs/`, the token endpoint with its trailing slash, `access_token_issuer`, AD FS's grant types.
 */
export function adfsDiscovery(origin: string): Record<string, unknown> {
  const base = `${origin}/${ADFS_SEGMENT}`;
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/authorize/`,
    token_endpoint: `${base}/oauth2/token/`,
    jwks_uri: `${base}/discovery/keys`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'client_secret_basic',
      'private_key_jwt',
      'windows_client_authentication',
    ],
    response_types_supported: [
      'code',
      'id_token',
      'code id_token',
      'id_token token',
      'code token',
      'code id_token token',
    ],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'implicit',
      'password',
      'srv_challenge',
      'urn:ietf:params:oauth:grant-type:device_code',
      'device_code',
    ],
    subject_types_supported: ['pairwise'],
    scopes_supported: ['openid', 'profile', 'email', 'allatclaims', 'aza', 'user_impersonation'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    access_token_issuer: `${base}/services/trust`,
    microsoft_multi_refresh_token: true,
    userinfo_endpoint: `${base}/userinfo`,
    capabilities: [],
    end_session_endpoint: `${base}/oauth2/logout`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
  };
}

/** An Entra endpoint a request path names, or undefined when the path is not Entra's. */
export type EntraEndpoint = { tenant: string; endpoint: 'discovery' | 'token' | 'keys'; adfs: boolean };

const TENANT_PATH =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/;
const ADFS_PATH = /^\/adfs\/(\.well-known\/openid-configuration|oauth2\/token\/?|discovery\/keys)$/i;

/** Parses an Entra path: the tenant's v2.0 endpoints, or the AD FS-style ones. */
export function parseEntraPath(path: string): EntraEndpoint | undefined {
  const adfs = ADFS_PATH.exec(path);
  if (adfs) {
    const which = adfs[1]!.toLowerCase();
    return {
      tenant: ADFS_SEGMENT,
      adfs: true,
      endpoint: which.startsWith('oauth2') ? 'token' : which.startsWith('discovery') ? 'keys' : 'discovery',
    };
  }
  const match = TENANT_PATH.exec(path);
  if (!match) return undefined;
  const which = match[2]!;
  return {
    tenant: match[1]!,
    adfs: false,
    endpoint: which.startsWith('oauth2') ? 'token' : which.startsWith('discovery') ? 'keys' : 'discovery',
  };
}
