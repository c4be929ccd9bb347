import { escapeXml } from '@aks-scaler/examples';

// The identity flow of a scaler pod as an SVG sequence diagram: plain string building, no dependencies.

interface Message {
  from: number;
  to: number;
  lines: string[];
}

const PARTICIPANTS = [
  ['kubelet', '(projected volume)'],
  ['scaler pod', 'label azure.workload.identity/use'],
  ['Microsoft Entra ID', 'token endpoint'],
  ['cluster OIDC issuer', 'discovery + JWKS'],
  ['Azure Resource Manager', 'agentPools API'],
] as const;

const MESSAGES: Message[] = [
  {
    from: 0,
    to: 1,
    lines: [
      '1. service-account token in AZURE_FEDERATED_TOKEN_FILE',
      'sub system:serviceaccount:aks-scaler:workload-identity-sa, aud api://AzureADTokenExchange',
    ],
  },
  {
    from: 1,
    to: 2,
    lines: [
      '2. POST /{tenant}/oauth2/v2.0/token  grant_type=client_credentials',
      'client_id=AZURE_CLIENT_ID, client_assertion=<the token>, scope=https://management.azure.com/.default',
    ],
  },
  {
    from: 2,
    to: 3,
    lines: ["3. the issuer's OIDC discovery document and JWKS", "to verify the token's signature"],
  },
  {
    from: 2,
    to: 2,
    lines: [
      '4. match iss, sub and aud against the federated credential',
      'of the user-assigned managed identity (exact strings, trailing slash included)',
    ],
  },
  { from: 2, to: 1, lines: ['5. ARM access token for the managed identity (about 1 hour)'] },
  {
    from: 1,
    to: 4,
    lines: [
      '6. GET agentPools, then PUT agentPools/{pool}: the full body, count changed',
      'Authorization: Bearer <ARM token>, If-Match: <eTag>',
    ],
  },
  {
    from: 4,
    to: 4,
    lines: [
      '7. RBAC: the role grants managedClusters/agentPools/write',
      'on the cluster (least-privilege custom role)',
    ],
  },
  {
    from: 4,
    to: 1,
    lines: ['8. 200 + Azure-AsyncOperation; polled until Succeeded', '(locations/operations/read)'],
  },
];

const WIDTH = 1100;
const COLUMN = WIDTH / PARTICIPANTS.length;
const HEADER = 70;
const ROW = 62;

function text(x: number, y: number, content: string, attributes = ''): string {
  // A white outline keeps the lifelines from crossing the letters.
  const halo = 'paint-order="stroke" stroke="white" stroke-width="4"';
  return `<text x="${x}" y="${y}" ${halo}${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

/** The SVG of the identity flow, from a pod's projected token to an agentPools PUT. */
export function identityFlowSvg(): string {
  const height = HEADER + MESSAGES.length * ROW + 40;
  const center = (index: number) => Math.round(COLUMN * index + COLUMN / 2);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    '<title>How the scaler pod authenticates: Workload Identity token exchange, then agentPools writes</title>',
    '<rect width="100%" height="100%" fill="white"/>',
  ];
  PARTICIPANTS.forEach(([name, note], index) => {
    const x = center(index);
    out.push(
      `<rect x="${x - 95}" y="10" width="190" height="44" rx="6" fill="#eef2ff" stroke="#4f46e5"/>`,
      text(x, 29, name, 'text-anchor="middle" font-weight="bold"'),
      text(x, 46, note, 'text-anchor="middle" fill="#555" font-size="11"'),
      `<line x1="${x}" y1="54" x2="${x}" y2="${height - 10}" stroke="#999" stroke-dasharray="4 4"/>`,
    );
  });
  MESSAGES.forEach((message, index) => {
    const y = HEADER + index * ROW + 36;
    const from = center(message.from);
    const to = center(message.to);
    if (from === to) {
      // A step inside one participant: a small loop, the text to its right (or left near the edge).
      const right = message.from < PARTICIPANTS.length - 1;
      const dx = right ? 40 : -40;
      out.push(
        `<path d="M${from},${y - 10} h${dx} v14 h${-dx}" fill="none" stroke="#333" marker-end="url(#arrow)"/>`,
      );
      message.lines.forEach((line, i) => {
        const x = right ? from + 48 : from - 48;
        const anchor = right ? 'start' : 'end';
        out.push(text(x, y - 22 + i * 15, line, `text-anchor="${anchor}"${i > 0 ? ' fill="#555"' : ''}`));
      });
      return;
    }
    out.push(
      `<line x1="${from}" y1="${y}" x2="${to}" y2="${y}" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>`,
    );
    const left = Math.min(from, to);
    message.lines.forEach((line, i) => {
      out.push(text(left + 8, y - 8 - (message.lines.length - 1 - i) * 15, line, i > 0 ? 'fill="#555"' : ''));
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
