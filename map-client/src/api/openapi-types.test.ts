/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the API types', () => {
  it('are what openapi-typescript generates from the committed OpenAPI document (npm run api:types)', () => {
    const generated = join(mkdtempSync(join(tmpdir(), 'api-types-')), 'openapi.d.ts');
    execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, '../openapi/hotspotintel.json'), '-o', generated], {
      stdio: 'pipe',
    });
    // A mismatch means the API changed and the client's types did not follow: run npm run api:types and commit the result.
    expect(readFileSync(join(root, 'src/api/openapi.d.ts'), 'utf8')).toBe(readFileSync(generated, 'utf8'));
  }, 60_000);
});
