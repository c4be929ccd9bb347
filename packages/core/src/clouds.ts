/** Entra authority hosts run by Microsoft (public and sovereign clouds); instance discovery works only for them. */
const MICROSOFT_AUTHORITY_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
];

/** Whether an authority host URL (or host name) belongs to Microsoft Entra ID, public or sovereign. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  let host: string;
  try {
    host = new URL(authorityHost).hostname.toLowerCase();
  } catch {
    host = authorityHost.toLowerCase();
  }
  return MICROSOFT_AUTHORITY_HOSTS.includes(host);
}

/** The public-cloud ARM endpoint. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
/** The token scope for ARM in the public cloud (kept for any endpoint that is not a known sovereign cloud). */
export const PUBLIC_ARM_SCOPE = 'https://management.azure.com/.default';

const SOVEREIGN_ARM: ReadonlyArray<{ host: string; scope: string }> = [
  { host: 'management.usgovcloudapi.net', scope: 'https://management.usgovcloudapi.net/.default' },
  { host: 'management.chinacloudapi.cn', scope: 'https://management.chinacloudapi.cn/.default' },
];

/**
 * The token scope for an ARM endpoint: the sovereign cloud's own scope for US Government and China endpoints,
 * otherwise `https://management.azure.com/.default` (which is also what ARM-compatible emulators expect).
 */
export function armScopeFor(endpoint: string): string {
  let host = '';
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return PUBLIC_ARM_SCOPE;
  }
  return SOVEREIGN_ARM.find((cloud) => cloud.host === host)?.scope ?? PUBLIC_ARM_SCOPE;
}
