import { ADFS_SEGMENT } from './entra-discovery.js';
import type { EmulatorResponse } from './http.js';

/** The path of ARM's cloud metadata document. */
export const METADATA_PATH = '/metadata/endpoints';

/**
 * `GET /metadata/endpoints?api-version=2015-01-01`: the cloud metadata an ARM endpoint publishes (as Azure Stack
 * Hub's does), which `az cloud register --endpoint-resource-manager <arm>` reads to fill in the Active Directory
 * endpoints it was not given. The login endpoint is the emulator's AD FS-style authority, so azure-cli's MSAL needs
 * no instance discovery from `login.microsoftonline.com`.
 */
export function metadataEndpoints(origin: string): EmulatorResponse {
  return {
    status: 200,
    body: {
      galleryEndpoint: `${origin}/`,
      graphEndpoint: 'https://graph.windows.net/',
      portalEndpoint: `${origin}/`,
      authentication: {
        loginEndpoint: `${origin}/${ADFS_SEGMENT}`,
        audiences: ['https://management.azure.com/', 'https://management.core.windows.net/'],
      },
    },
  };
}
